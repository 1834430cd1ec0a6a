// What a browsing agent would search for: the item heard of most often (ties by id) that it
// has not watched, that is not on the page, that the catalogue has and that is not its last
// query. browseRule finds it in one pass; it must be the item the sorted list gave first.
import assert from "node:assert/strict";
import { browseRule } from "@lib/brain/rule/decisions.ts";
import { DEFAULT_RULE_CONFIG } from "@lib/brain/rule/config.ts";
import { Rng } from "@lib/core/rng.ts";
import type { Item } from "@lib/recsys/item.ts";
import { browseCtx, item, state } from "./contexts.ts";

/** The search target as a sort of every heard-of entry found it. */
function sortedTarget(
  heardOf: Record<string, number>,
  watched: string[],
  onPage: Set<string>,
  lookup: (id: string) => Item | undefined,
  query: string | null,
): string | null {
  const heard = Object.entries(heardOf)
    .filter(([id, n]) => n > 0 && !watched.includes(id) && !onPage.has(id))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [id] of heard) {
    const found = lookup(id);
    if (found && found.title !== query) return found.title;
  }
  return null;
}

Deno.test("the search target is the first of the sorted heard-of list, whatever the ties", () => {
  const rng = new Rng("search-target");
  // Ids with digits first (integer keys come first in an object), mixed case, and two that
  // compare equal though they differ ("é" precomposed and as e + combining accent).
  const ids = ["7", "12", "m1", "m3", "m9", "M2", "b", "a", "\u00e9", "e\u0301", "z10", "x"];
  assert.equal("\u00e9".localeCompare("e\u0301"), 0);
  const catalogue = new Map(ids.filter((id) => id !== "x").map((id) => [id, item(id, ["Drama"])]));
  catalogue.set("m9", item("m9", ["Drama"], { title: "Alien" })); // the title of page item m1
  const lookup = (id: string) => catalogue.get(id);
  let searched = 0, none = 0;
  for (let trial = 0; trial < 400; trial++) {
    const heardOf: Record<string, number> = {}, density = rng.next() * 0.7;
    for (const id of ids) {
      if (rng.next() < density) heardOf[id] = [0, 1, 1, 2, 2, 3, -1][rng.int(7)];
    }
    const watched = ids.filter(() => rng.next() < 0.15);
    const query = rng.next() < 0.3 ? "Alien" : rng.next() < 0.2 ? "Film a" : null;
    const ctx = browseCtx({ state: state({ heardOf, watched }), query }, trial);
    const onPage = new Set(ctx.page.map((s) => s.item.id));
    const want = sortedTarget(heardOf, watched, onPage, lookup, query);
    const out = browseRule(ctx, DEFAULT_RULE_CONFIG, lookup);
    const scores = typeof out.scores === "function" ? out.scores() : out.scores;
    const labels = Object.keys(scores).filter((l) => l.startsWith("search:"));
    assert.deepEqual(labels, want === null ? [] : [`search:${want}`], `trial ${trial}`);
    if (want === null) none++;
    else searched++;
  }
  assert.ok(searched > 100 && none > 20, `${searched} with a target, ${none} without`);
});
