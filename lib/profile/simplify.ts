/**
 * Behaviour-adaptive profiles: each prompt carries only the part of the profile the current
 * behaviour needs (RecAgent's "simplified profile according to the current behaviour"),
 * which keeps prompts short and the model focused.
 *
 * @module
 */
import { type Feature, FEATURE_SENTENCES, type Profile } from "./schema.ts";

/** The behaviours a prompt can be built for. */
export const PROMPT_BEHAVIOURS = [
  "choose",
  "browse",
  "feel",
  "rate",
  "chat",
  "post",
  "interview",
] as const;

/** One behaviour. */
export type PromptBehaviour = typeof PROMPT_BEHAVIOURS[number];

type Field = "gender" | "age" | "career" | "traits" | "interests" | "conformity";

/**
 * What each behaviour shows: profile fields, and the features whose sentences matter to it.
 * The name is always shown.
 */
export const BEHAVIOUR_VIEWS: Readonly<
  Record<PromptBehaviour, { fields: readonly Field[]; features: readonly Feature[] }>
> = {
  choose: {
    fields: ["age", "traits", "interests"],
    features: ["Watcher", "Explorer", "Critic", "Poster", "Chatter"],
  },
  browse: { fields: ["age", "interests"], features: ["Watcher", "Explorer", "Critic"] },
  feel: {
    fields: ["gender", "age", "career", "traits", "interests"],
    features: ["Watcher", "Critic"],
  },
  rate: { fields: ["age", "traits", "interests", "conformity"], features: ["Watcher", "Critic"] },
  chat: {
    fields: ["gender", "age", "career", "traits", "interests"],
    features: ["Chatter", "Critic"],
  },
  post: { fields: ["age", "career", "traits", "interests"], features: ["Poster", "Critic"] },
  interview: {
    fields: ["gender", "age", "career", "traits", "interests", "conformity"],
    features: ["Watcher", "Explorer", "Critic", "Poster", "Chatter"],
  },
};

/** A profile cut down for one behaviour. */
export interface SimplifiedProfile {
  behaviour: PromptBehaviour;
  id: string;
  name: string;
  gender?: string;
  age?: number;
  career?: string;
  traits?: string[];
  interests?: string[];
  conformity?: number;
  /** Sentences of the agent's features that matter to this behaviour. */
  features: string[];
}

/**
 * Keeps the fields a behaviour needs.
 *
 * @param profile The full profile.
 * @param behaviour The current behaviour.
 * @returns The simplified profile.
 *
 * @example Feeling about a movie shows career and the Critic sentence; browsing shows neither
 * ```ts
 * import { simplifyProfile } from "@lib/profile/simplify.ts";
 * import assert from "node:assert/strict";
 * const p = { id: "0", name: "David Smith", gender: "male", age: 25, traits: ["caring"], career: "photographer",
 *   interests: ["sci-fi movies"], features: ["Watcher" as const, "Critic" as const, "Poster" as const], extras: {} };
 * const feel = simplifyProfile(p, "feel");
 * assert.equal(feel.career, "photographer");
 * assert.equal(feel.features.length, 2);
 * assert.equal(simplifyProfile(p, "browse").career, undefined);
 * ```
 */
export function simplifyProfile(profile: Profile, behaviour: PromptBehaviour): SimplifiedProfile {
  const view = BEHAVIOUR_VIEWS[behaviour];
  const out: SimplifiedProfile = {
    behaviour,
    id: profile.id,
    name: profile.name,
    features: profile.features.filter((f) => view.features.includes(f)).map((f) =>
      FEATURE_SENTENCES[f]
    ),
  };
  for (const f of view.fields) {
    if (f === "conformity") {
      if (profile.conformity !== undefined) out.conformity = profile.conformity;
    } else if (f === "traits" || f === "interests") {
      out[f] = profile[f].slice();
    } else if (f === "age") {
      out.age = profile.age;
    } else {
      out[f] = profile[f];
    }
  }
  return out;
}

/**
 * Renders a simplified profile as prompt text, in the layout of the seed's profile panel.
 *
 * @param s A simplified profile.
 * @returns Lines of text.
 *
 * @example The profile line a feel prompt starts with
 * ```ts
 * import { renderSimplifiedProfile, simplifyProfile } from "@lib/profile/simplify.ts";
 * import assert from "node:assert/strict";
 * const p = { id: "0", name: "David Smith", gender: "male", age: 25, traits: ["caring"], career: "photographer",
 *   interests: ["sci-fi movies"], features: ["Critic" as const], extras: {} };
 * assert.match(renderSimplifiedProfile(simplifyProfile(p, "feel")), /^Name: David Smith \(male, 25 years old, photographer\)/);
 * ```
 */
export function renderSimplifiedProfile(s: SimplifiedProfile): string {
  const about = [s.gender, s.age !== undefined ? `${s.age} years old` : undefined, s.career]
    .filter((x) => x !== undefined && x !== "");
  const lines = [`Name: ${s.name}${about.length ? ` (${about.join(", ")})` : ""}`];
  if (s.traits?.length) lines.push(`Traits: ${s.traits.join(", ")}`);
  if (s.interests?.length) lines.push(`Interests: ${s.interests.join(", ")}`);
  if (s.conformity !== undefined) {
    const word = s.conformity >= 2 / 3 ? "strongly" : s.conformity >= 1 / 3 ? "somewhat" : "rarely";
    lines.push(`Conformity: ${word} swayed by what others think`);
  }
  if (s.features.length) lines.push(`Features: ${s.features.join(" ")}`);
  return lines.join("\n");
}

/**
 * Simplifies and renders in one step.
 *
 * @param profile The full profile.
 * @param behaviour The current behaviour.
 * @returns Prompt text.
 */
export function profilePrompt(profile: Profile, behaviour: PromptBehaviour): string {
  return renderSimplifiedProfile(simplifyProfile(profile, behaviour));
}
