/**
 * Templated texts of rule-brain posts, and a small lexicon that reads an emotion level back
 * out of any text (rule or LLM-written), so emotion density can be measured from texts as S3
 * does from real posts.
 *
 * @module
 */
import type { Attitude, EmotionLevel } from "@lib/social/spread/types.ts";

const OPENERS: Record<EmotionLevel, string> = {
  calm: "Noted:",
  moderate: "Quite worrying:",
  intense: "Outrageous!!",
};

const CLOSERS: Record<Attitude, string> = {
  positive: "I support this.",
  negative: "I am against this.",
};

/**
 * The text a rule agent writes when it posts about an event.
 *
 * @param eventText The event.
 * @param emotion The writer's emotion.
 * @param attitude The writer's attitude.
 * @returns The post.
 */
export function ruleText(eventText: string, emotion: EmotionLevel, attitude: Attitude): string {
  return `${OPENERS[emotion]} ${eventText} ${CLOSERS[attitude]}`;
}

const INTENSE = [
  "outrage",
  "outrageous",
  "furious",
  "disgusting",
  "shocking",
  "unacceptable",
  "horrified",
  "terrified",
  "hate",
  "disaster",
  "scandal",
  "angry",
];
const MODERATE = [
  "worry",
  "worried",
  "worrying",
  "concerned",
  "concern",
  "upset",
  "sad",
  "disappointed",
  "glad",
  "happy",
  "hope",
  "afraid",
  "annoyed",
];

/**
 * Reads an emotion level from a text: intense words or "!!" make it intense, milder feeling
 * words moderate, anything else calm.
 *
 * @param text A post.
 * @returns The level.
 *
 * @example
 * ```ts
 * import { lexiconEmotion } from "@lib/social/spread/texts.ts";
 * import assert from "node:assert/strict";
 * assert.equal(lexiconEmotion("This is outrageous"), "intense");
 * assert.equal(lexiconEmotion("A bit worried about it."), "moderate");
 * assert.equal(lexiconEmotion("The plant released water today."), "calm");
 * ```
 */
export function lexiconEmotion(text: string): EmotionLevel {
  const lower = text.toLowerCase();
  const words = new Set(lower.split(/[^\p{L}]+/u));
  if (lower.includes("!!") || INTENSE.some((w) => words.has(w))) return "intense";
  if (MODERATE.some((w) => words.has(w))) return "moderate";
  return "calm";
}
