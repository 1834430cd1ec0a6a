/**
 * The MusicLab protocol answered by an LLM, recorded as a named section of figures/musiclab.json
 * (`llm_dry_run`) next to the rule brain's numbers. On the bundled 135M model it is a dry run:
 * it shows that the same protocol, prompts and measures run through a real model, and how
 * that model chooses (how often it takes the top of the list); it does not show how people
 * choose. The section says which model, at which size, with which seeds, when, and how many of
 * its replies were valid, repaired or failed.
 *
 * @module
 */
import { z } from "zod";
import { replyTallySchema, TalliedLlm } from "../llm/reply_tally.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { musicLabExperiment } from "./musiclab.ts";

const interval = z.object({ value: z.number(), lo: z.number(), hi: z.number() });
const condition = z.object({
  gini: interval,
  unpredictability: interval,
  failures: z.number().int(),
  firstOnList: z.number(),
});

/** The recorded LLM section of figures/musiclab.json. */
export const musicLabLlmSectionSchema = z.object({
  brain: z.literal("llm"),
  model: z.string(),
  /** What the run can show. */
  purpose: z.string(),
  /** When and how it was made. */
  made: z.string(),
  command: z.string(),
  songs: z.number().int().positive(),
  worlds: z.number().int().positive(),
  listeners: z.number().int().positive(),
  seeds: z.array(z.number().int()),
  /** Structured requests, replies asked (repairs included), and their outcomes. */
  replies: replyTallySchema,
  seconds: z.number(),
  conditions: z.object({ independent: condition, social: condition, social_ranked: condition }),
});
/** The recorded LLM section. */
export type MusicLabLlmSection = z.infer<typeof musicLabLlmSectionSchema>;

/** Sizes of the LLM run. */
export interface MusicLabLlmOptions {
  songs: number;
  worlds: number;
  listeners: number;
  seeds: readonly number[];
}

/**
 * Runs every condition with an LLM listener and returns the section to record (without
 * `made`, `command` and `seconds`, which the caller knows).
 *
 * @param llm Any structured LLM (the bundled model for a dry run).
 * @param opts Sizes and seeds.
 * @returns The section's measured part.
 *
 * @example A scripted listener that always takes the top of the list
 * ```ts
 * import { musicLabLlmDryRun } from "@lib/studies/musiclab_llm.ts";
 * import assert from "node:assert/strict";
 * const llm = {
 *   model: "scripted",
 *   complete: () => Promise.resolve({ ok: true as const, value: { listen: 1, download: true } as never,
 *     raw: "", usage: { promptTokens: 1, completionTokens: 1 }, cached: false, attempts: 1, calls: 1, latencyMs: 0 }),
 * };
 * const s = await musicLabLlmDryRun(llm, { songs: 4, worlds: 2, listeners: 3, seeds: [1] });
 * assert.equal(s.replies.requests, 3 * 2 * 3);
 * assert.equal(s.conditions.social_ranked.firstOnList, 1);
 * ```
 */
export async function musicLabLlmDryRun(
  llm: StructuredLlm,
  opts: MusicLabLlmOptions,
): Promise<Omit<MusicLabLlmSection, "made" | "command" | "seconds">> {
  const tallied = new TalliedLlm(llm);
  const { summary } = await musicLabExperiment({
    kind: "llm",
    llm: tallied,
    songs: opts.songs,
    worlds: opts.worlds,
    listeners: opts.listeners,
  }, opts.seeds);
  return {
    brain: "llm",
    model: llm.model,
    purpose: "A dry run of the MusicLab protocol through an LLM listener: it exercises the " +
      "prompts, the structured replies and the measures; a model this small does not tell how " +
      "people choose.",
    songs: opts.songs,
    worlds: opts.worlds,
    listeners: opts.listeners,
    seeds: [...opts.seeds],
    replies: { ...tallied.tally },
    conditions: summary.conditions,
  };
}

/**
 * Reads the recorded LLM section of a MusicLab figure, if it has one.
 *
 * @param path The figure's JSON file.
 * @returns The section, or null when the file or the section is missing.
 * @throws ZodError when the section is there but malformed.
 */
export async function readMusicLabLlmSection(
  path: string | URL,
): Promise<MusicLabLlmSection | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  const section = JSON.parse(text).llm_dry_run;
  return section === undefined ? null : musicLabLlmSectionSchema.parse(section);
}

/** The committed figures/musiclab.json (not SOCIUS_FIGURES_DIR: a recorded run lives there). */
export const COMMITTED_MUSICLAB = new URL("../../figures/musiclab.json", import.meta.url);
