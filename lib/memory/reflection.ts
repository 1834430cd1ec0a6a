/**
 * Rule-based reflection and promotion insights, the offline counterparts of the LLM calls
 * the original spends on them. A reflection asks the most salient question about recent
 * memories ("what have I been enjoying lately?") and answers it with an insight built from
 * the topic that recurs most: an item named in <angle brackets>, a genre, or a person.
 *
 * @module
 */
import type { MemoryRecord } from "./record.ts";

/** A reflection: the question asked and the insight written. */
export interface Reflection {
  question: string;
  insight: string;
  /** Importance of the insight (the config's default when absent). */
  importance?: number;
  /** Ids of the memories the insight rests on (default: all memories given). */
  sources?: string[];
}

/** Writes the insight attached to a promoted short-term memory. */
export type InsightWriter = (memory: MemoryRecord, enhancers: MemoryRecord[]) => Promise<string>;

/** Reflects on recent long-term memories; null when nothing stands out. */
export type Reflector = (recent: MemoryRecord[]) => Promise<Reflection | null>;

/** A recurring topic found in memories. */
export interface Topic {
  kind: "item" | "genre" | "person";
  label: string;
  /** Ids of the memories that mention it. */
  sources: string[];
}

const PERSON = /\b(?:with|from|to|by)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)/g;

/**
 * Topics of a set of memories, most frequent first (ties: first seen first).
 *
 * @param memories Memories to scan.
 * @param topicWords Genre words to look for.
 * @returns Topics with the memories mentioning each (counted once per memory).
 *
 * @example A genre that comes up twice
 * ```ts
 * import { topicsOf } from "@lib/memory/reflection.ts";
 * import assert from "node:assert/strict";
 * const m = (id: string, text: string) => ({ id, text }) as never;
 * const t = topicsOf([m("a", "Watched a horror movie"), m("b", "Another horror night with Jane Brown")], ["horror"]);
 * assert.deepEqual(t[0], { kind: "genre", label: "horror", sources: ["a", "b"] });
 * ```
 */
export function topicsOf(
  memories: readonly Pick<MemoryRecord, "id" | "text">[],
  topicWords: readonly string[],
): Topic[] {
  const found = new Map<string, Topic>();
  const add = (kind: Topic["kind"], label: string, id: string) => {
    const key = `${kind}:${label.toLowerCase()}`;
    const t = found.get(key) ?? { kind, label, sources: [] };
    if (!t.sources.includes(id)) t.sources.push(id);
    found.set(key, t);
  };
  for (const m of memories) {
    for (const [, item] of m.text.matchAll(/<([^>]+)>/g)) add("item", item.trim(), m.id);
    const lower = m.text.toLowerCase();
    for (const w of topicWords) {
      const re = new RegExp(`(^|[^a-z-])${w.toLowerCase().replace(/[-]/g, "\\-")}([^a-z]|$)`);
      if (re.test(lower)) add("genre", w.toLowerCase(), m.id);
    }
    for (const [, name] of m.text.matchAll(PERSON)) add("person", name, m.id);
  }
  return [...found.values()].sort((a, b) => b.sources.length - a.sources.length);
}

/**
 * The offline reflector: the most frequent topic of the recent memories becomes the
 * insight, if it recurs at least `minCount` times.
 *
 * @param recent Recent long-term memories.
 * @param topicWords Genre words to look for.
 * @param minCount Least number of memories a topic must appear in.
 * @returns A reflection, or null.
 *
 * @example An insight from two memories of one genre
 * ```ts
 * import { ruleReflection } from "@lib/memory/reflection.ts";
 * import assert from "node:assert/strict";
 * const m = (id: string, text: string) => ({ id, text }) as never;
 * const r = ruleReflection([m("a", "Watched a sci-fi film"), m("b", "Rated a sci-fi movie 5")], ["sci-fi"], 2);
 * assert.equal(r?.insight, "I seem to enjoy sci-fi movies; they keep coming up in what I watch and talk about.");
 * ```
 */
export function ruleReflection(
  recent: readonly Pick<MemoryRecord, "id" | "text">[],
  topicWords: readonly string[],
  minCount: number,
): Reflection | null {
  const top = topicsOf(recent, topicWords)[0];
  if (!top || top.sources.length < minCount) return null;
  switch (top.kind) {
    case "genre":
      return {
        question: "What kind of movies have I been enjoying lately?",
        insight:
          `I seem to enjoy ${top.label} movies; they keep coming up in what I watch and talk about.`,
        sources: top.sources,
      };
    case "item":
      return {
        question: "Which movie has been on my mind lately?",
        insight: `I seem to enjoy <${top.label}>; I keep coming back to it.`,
        sources: top.sources,
      };
    case "person":
      return {
        question: "Who have I been spending time with lately?",
        insight: `I seem to enjoy talking with ${top.label}; they come up again and again.`,
        sources: top.sources,
      };
  }
}

/**
 * The offline promotion insight: a templated sentence naming how often the memory recurred.
 *
 * @param memory The promoted memory.
 * @param enhancers The memories that enhanced it (those still held).
 * @returns The insight sentence.
 */
export function ruleInsight(memory: MemoryRecord, enhancers: MemoryRecord[]): string {
  const times = memory.enhancements + 1;
  const strip = (t: string) => t.replace(/[.!?]+$/, "");
  const last = enhancers.at(-1);
  const echo = last && strip(last.text) !== strip(memory.text)
    ? ` (most recently: ${strip(last.text)})`
    : "";
  return `This keeps happening, ${times} times so far: ${strip(memory.text)}${echo}.`;
}
