/**
 * Population synthesis: more agents than a profile source holds, drawn from that source's own
 * distributions, so a 1,000-agent run built on a 50-row sheet keeps the sheet's mix of
 * genders, ages, careers, traits, interests and behavioural features instead of inventing
 * one. Each attribute is drawn from its empirical distribution in the source:
 *
 * - gender and career: a value drawn with its frequency among the real profiles;
 * - age: a real profile's age plus an integer jitter in [−2, 2], kept within the source's
 *   range (ages of a small sheet would otherwise repeat exactly);
 * - traits and interests: as many as a randomly drawn real profile has, chosen without
 *   replacement with probability proportional to their frequency in the source;
 * - behavioural features: the feature set of a randomly drawn real profile (there are only
 *   five features, so copying whole sets keeps both each feature's share and which features
 *   go together);
 * - activity and conformity: a real profile's value, when the source has them;
 * - name: a first name and a surname from different real profiles, unique within the
 *   population (a numeral is added only when every combination is taken);
 * - id: `synth-<n>`, unique against the real ids.
 *
 * Attributes are drawn independently given the source, so correlations between them in the
 * real sheet (an age–career link, say) are not carried over; every draw comes from the seeded
 * rng passed in, so the same seed gives the same population.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import type { Profile } from "./schema.ts";

/** Frequencies of values, in first-seen order (so draws do not depend on hash order). */
function tally<T>(values: Iterable<T>): { values: T[]; weights: number[] } {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return { values: [...counts.keys()], weights: [...counts.values()] };
}

/** `k` distinct values drawn with probability proportional to weight. */
function weightedSample<T>(t: { values: T[]; weights: number[] }, k: number, rng: Rng): T[] {
  const values = t.values.slice(), weights = t.weights.slice();
  const out: T[] = [];
  while (out.length < k && values.length) {
    const i = rng.categorical(weights);
    out.push(values[i]);
    values.splice(i, 1);
    weights.splice(i, 1);
  }
  return out;
}

function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/);
  return { first: parts[0], last: parts.length > 1 ? parts[parts.length - 1] : "" };
}

/**
 * Synthesises profiles from the distributions of real ones.
 *
 * @param real The real profiles (at least one).
 * @param count How many new profiles to make.
 * @param rng The seeded rng (fork it by name from the run's rng).
 * @param source The source's name, for the error on an empty source.
 * @returns `count` new profiles with ids and names unique against `real` and each other,
 *   marked `extras.source = "synthesized"`.
 * @throws DataError when there is no real profile to learn from.
 *
 * @example A bigger population from a small sheet
 * ```ts
 * import { synthesizeProfiles } from "@lib/profile/synthesize.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const real = [
 *   { id: "1", name: "Ann Lee", gender: "female", age: 30, traits: ["calm"], career: "nurse", interests: ["dramas"], features: ["Watcher" as const], extras: {} },
 *   { id: "2", name: "Bo Kim", gender: "male", age: 40, traits: ["bold"], career: "chef", interests: ["comedies"], features: ["Poster" as const], extras: {} },
 * ];
 * const more = synthesizeProfiles(real, 5, new Rng(1));
 * assert.equal(more.length, 5);
 * assert.equal(new Set([...real, ...more].map((p) => p.id)).size, 7);
 * assert.ok(more.every((p) => p.age >= 30 && p.age <= 40 && ["nurse", "chef"].includes(p.career)));
 * ```
 */
export function synthesizeProfiles(
  real: readonly Profile[],
  count: number,
  rng: Rng,
  source = "profiles",
): Profile[] {
  if (count <= 0) return [];
  if (real.length === 0) {
    throw new DataError(source, 0, "expected at least one profile to synthesise from, found none");
  }
  const genders = tally(real.map((p) => p.gender));
  const careers = tally(real.map((p) => p.career));
  const traits = tally(real.flatMap((p) => p.traits));
  const interests = tally(real.flatMap((p) => p.interests));
  const ages = real.map((p) => p.age);
  const minAge = Math.min(...ages), maxAge = Math.max(...ages);
  const firsts = real.map((p) => splitName(p.name).first);
  const lasts = real.map((p) => splitName(p.name).last);
  const ids = new Set(real.map((p) => p.id));
  const names = new Set(real.map((p) => p.name));
  const withActivity = real.filter((p) => p.activity !== undefined);
  const withConformity = real.filter((p) => p.conformity !== undefined);
  const out: Profile[] = [];
  let n = 0;
  for (let i = 0; i < count; i++) {
    const r = rng.fork(`profile:${i}`);
    let id: string;
    do id = `synth-${n++}`; while (ids.has(id));
    ids.add(id);
    const age = Math.min(maxAge, Math.max(minAge, r.pick(ages) + r.int(5) - 2));
    const like = (field: "traits" | "interests") => r.pick(real)[field].length;
    const profile: Profile = {
      id,
      name: uniqueName(firsts, lasts, names, r),
      gender: genders.values[r.categorical(genders.weights)],
      age,
      traits: weightedSample(traits, like("traits"), r),
      career: careers.values[r.categorical(careers.weights)],
      interests: weightedSample(interests, like("interests"), r),
      features: r.pick(real).features.slice(),
      extras: { source: "synthesized" },
    };
    if (withActivity.length) profile.activity = r.pick(withActivity).activity;
    if (withConformity.length) profile.conformity = r.pick(withConformity).conformity;
    out.push(profile);
  }
  return out;
}

function uniqueName(firsts: string[], lasts: string[], taken: Set<string>, rng: Rng): string {
  let name = "";
  for (let attempt = 0; attempt < 20; attempt++) {
    name = [rng.pick(firsts), rng.pick(lasts)].filter(Boolean).join(" ");
    if (!taken.has(name)) break;
  }
  if (taken.has(name)) {
    const base = name;
    for (let k = 2; taken.has(name); k++) name = `${base} ${k}`;
  }
  taken.add(name);
  return name;
}
