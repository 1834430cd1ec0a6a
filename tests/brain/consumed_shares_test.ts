// consumedShares keeps a running tally per watched list; what it answers must be what a walk
// over the whole history gives, bit for bit, however the list changed since the last call.
import assert from "node:assert/strict";
import { consumedShares, normalised } from "@lib/brain/rule/taste.ts";
import type { Item } from "@lib/recsys/item.ts";

const GENRES = ["Drama", "Comedy", "Sci-Fi", "Horror", "Romance", "Action", "Crime"];
const items = new Map<string, Item>();
for (let i = 0; i < 60; i++) {
  const genres = GENRES.filter((_, g) => (i * 7 + g * 3) % 5 < 1 + (i % 3));
  items.set(`m${i}`, {
    id: `m${i}`,
    title: `M${i}`,
    genres: genres.length ? genres : ["Drama"],
    year: null,
    description: "",
    popularity: 0,
    quality: 0.5,
  });
}
const lookup = (id: string) => items.get(id);

/** The shares from a walk over the whole list, as consumedShares gave them before it kept tallies. */
function walked(watched: readonly string[], find: (id: string) => Item | undefined) {
  const counts: Record<string, number> = {};
  for (const id of watched) {
    const item = find(id);
    if (!item) continue;
    for (const g of item.genres) counts[g] = (counts[g] ?? 0) + 1 / item.genres.length;
  }
  return normalised(counts);
}

/** Same keys in the same order, each value the same bits. */
function assertSame(got: Record<string, number>, want: Record<string, number>, what: string) {
  assert.deepEqual(Object.keys(got), Object.keys(want), what);
  for (const k of Object.keys(want)) assert.ok(Object.is(got[k], want[k]), `${what}: ${k}`);
}

Deno.test("consumedShares equals a walk over the whole history as the list grows", () => {
  const state = { genreWeights: {}, watched: [] as string[] };
  for (let i = 0; i < 200; i++) {
    state.watched.push(`m${(i * 13) % 60}`);
    if (i % 3 === 0) state.watched.push(`m${(i * 7) % 60}`);
    assertSame(consumedShares(state, lookup), walked(state.watched, lookup), `after ${i}`);
  }
});

Deno.test("without a lookup the consumed shares are the normalised genre weights", () => {
  const state = { genreWeights: { Drama: 3, Comedy: 1 }, watched: ["m1"] };
  assert.deepEqual(consumedShares(state), { Drama: 0.75, Comedy: 0.25 });
});

// Each case runs on a short history (walked) and on one long enough to be tallied.
const EARLIER = [[], Array.from({ length: 10 }, (_, i) => `m${10 + i}`)];

Deno.test("consumedShares counts again a list that changed other than at its end", () => {
  for (const earlier of EARLIER) {
    const n = earlier.length;
    const watched = [...earlier, "m1", "m2", "m3", "m4"];
    const state = { genreWeights: {}, watched };
    consumedShares(state, lookup);
    watched[n + 3] = "m9"; // the last item replaced
    assertSame(consumedShares(state, lookup), walked(watched, lookup), `${n}: replaced`);
    watched[0] = "m30"; // an earlier one
    assertSame(consumedShares(state, lookup), walked(watched, lookup), `${n}: earlier replaced`);
    watched.length = n + 2; // shortened
    assertSame(consumedShares(state, lookup), walked(watched, lookup), `${n}: shortened`);
    watched.push("m20", "m21");
    assertSame(consumedShares(state, lookup), walked(watched, lookup), `${n}: grown again`);
    // Another lookup is another catalogue.
    const swapped = watched[n + 1];
    const other = (id: string) => items.get(id === swapped ? "m40" : id);
    assert.notDeepEqual(walked(watched, other), walked(watched, lookup));
    assertSame(consumedShares(state, other), walked(watched, other), `${n}: another lookup`);
    // A new list object with the same items.
    const copy = { genreWeights: {}, watched: [...watched] };
    assertSame(consumedShares(copy, lookup), walked(copy.watched, lookup), `${n}: a copy`);
  }
});

Deno.test("consumedShares skips an item the catalogue lacks, and counts it once it is there", () => {
  for (const earlier of EARLIER) {
    const watched = [...earlier, "m1", "new", "m2"];
    const state = { genreWeights: {}, watched };
    const known = new Map(items);
    const find = (id: string) => known.get(id);
    const before = consumedShares(state, find);
    assertSame(before, walked(watched, find), `${earlier.length}: missing`);
    known.set("new", { ...items.get("m5")!, id: "new" });
    const after = consumedShares(state, find);
    assertSame(after, walked(watched, find), `${earlier.length}: found later`);
    assert.notDeepEqual(after, before);
  }
});
