/**
 * The agents every engine bench runs: the hand-written profiles of data/profiles.csv, repeated
 * to any count, each copy with its own id.
 *
 * @module
 */
import { readProfilesCsv } from "../lib/profile/handcrafted.ts";
import type { Profile } from "../lib/profile/schema.ts";

// Read once per process, whatever the number of worlds a bench builds.
let base: Promise<Profile[]> | null = null;

/**
 * @param n How many agents.
 * @returns n profiles cycling through data/profiles.csv, with ids a0, a1, …
 */
export async function benchProfiles(n: number): Promise<Profile[]> {
  base ??= readProfilesCsv(new URL("../data/profiles.csv", import.meta.url))
    .then((r) => [...r.profiles]);
  const profiles = await base;
  return Array.from({ length: n }, (_, i) => ({ ...profiles[i % profiles.length], id: `a${i}` }));
}
