/**
 * Sensory memory: each observation is compressed to one sentence and scored for importance
 * 1–10. Naming specific items, watching and rating are important; entering a page and small
 * talk are not. The rule-based processor runs offline; an LLM may supply both values instead
 * (by default they ride along with the decision call, so no extra call is spent).
 *
 * @module
 */
import { clampImportance } from "./record.ts";

/** A compressed observation. */
export interface Perceived {
  /** One sentence. */
  text: string;
  /** 1–10. */
  importance: number;
}

/** Anything that turns a raw observation into a {@link Perceived}. */
export interface SensoryProcessor {
  /**
   * @param observation Raw observation text.
   * @returns The compressed sentence and its importance.
   */
  perceive(observation: string): Promise<Perceived>;
}

/** Keyword cues and their effect on importance (a base of 3, clamped to 1–10). */
export const IMPORTANCE_CUES: readonly { pattern: RegExp; delta: number; why: string }[] = [
  { pattern: /<[^>]+>|"[^"]{2,}"|\*[^*]+\*/, delta: 3, why: "names a specific item" },
  { pattern: /\b(watch(ed|es|ing)?|finished|saw|seen)\b/i, delta: 2, why: "watching" },
  { pattern: /\b(rat(e|ed|es|ing)|scored?|stars?)\b/i, delta: 2, why: "rating" },
  {
    pattern: /\b(lov(e|ed|es)|hat(e|ed|es)|enjoy(ed|s)?|dislik(e|ed|es)|felt|recommend(ed|s)?)\b/i,
    delta: 1,
    why: "opinion",
  },
  { pattern: /\b(post(ed|s)?|broadcast|told|shared)\b/i, delta: 1, why: "sharing" },
  { pattern: /\b(enter(s|ed|ing)?|open(s|ed)?|log(s|ged)? in)\b/i, delta: -1, why: "entering" },
  { pattern: /\b(page|brows(e|es|ed|ing)|idle|nothing)\b/i, delta: -1, why: "navigation" },
  { pattern: /\b(hello|hi|greet(ed|s)?|weather|small talk)\b/i, delta: -1, why: "small talk" },
];

/**
 * The first sentence of a text (a full stop inside <angle brackets> does not end it),
 * truncated at a word boundary.
 *
 * @param text The observation.
 * @param maxChars Longest result.
 * @returns One sentence.
 */
export function firstSentence(text: string, maxChars = 200): string {
  const s = text.replace(/\s+/g, " ").trim();
  let depth = 0;
  let end = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "<") depth++;
    else if (c === ">") depth = Math.max(0, depth - 1);
    else if (depth === 0 && ".!?".includes(c) && (i + 1 === s.length || s[i + 1] === " ")) {
      end = i + 1;
      break;
    }
  }
  const first = s.slice(0, end);
  if (first.length <= maxChars) return first;
  const cut = first.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > maxChars / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Rule-based importance: base 3 plus the deltas of {@link IMPORTANCE_CUES}, clamped to 1–10.
 *
 * @param text The observation.
 * @returns Importance 1–10.
 *
 * @example Items and watching matter; entering a page does not
 * ```ts
 * import { ruleImportance } from "@lib/memory/sensory.ts";
 * import assert from "node:assert/strict";
 * assert.ok(ruleImportance("David watched <Alien> and rated it 5 stars.") >= 8);
 * assert.ok(ruleImportance("David entered the recommender page.") <= 2);
 * ```
 */
export function ruleImportance(text: string): number {
  let score = 3;
  for (const cue of IMPORTANCE_CUES) if (cue.pattern.test(text)) score += cue.delta;
  return clampImportance(score);
}

/**
 * The offline sensory processor: first sentence plus keyword importance.
 *
 * @example Only the first sentence is kept
 * ```ts
 * import { RuleSensory } from "@lib/memory/sensory.ts";
 * import assert from "node:assert/strict";
 * const p = await new RuleSensory().perceive("Ann watched <Heat>. Then she slept.");
 * assert.equal(p.text, "Ann watched <Heat>.");
 * ```
 */
export class RuleSensory implements SensoryProcessor {
  /** @param maxChars Longest compressed sentence. */
  constructor(readonly maxChars = 200) {}

  /** @inheritdoc */
  perceive(observation: string): Promise<Perceived> {
    return Promise.resolve({
      text: firstSentence(observation, this.maxChars),
      importance: ruleImportance(observation),
    });
  }
}
