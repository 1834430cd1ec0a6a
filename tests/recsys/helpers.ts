/** Small synthetic catalogues and interaction sets for recsys tests. */
import { Catalog, type Interaction } from "@lib/recsys/mod.ts";
import { Rng } from "@lib/core/rng.ts";

/** Items m0..m(n-1); the first half "Horror", the second half "Romance". */
export function twoBlockCatalog(n: number): Catalog {
  return new Catalog(Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    title: `Film ${i}`,
    genres: [i < n / 2 ? "Horror" : "Romance"],
    year: 2000,
    description: "",
    popularity: n - i,
    quality: 0.5,
  })));
}

/**
 * Users g0-* like the Horror block and g1-* the Romance block; each watches a random
 * `share` of their block.
 */
export function plantedInteractions(
  n: number,
  usersPerGroup: number,
  share: number,
  seed = 1,
): Interaction[] {
  const rng = new Rng(seed);
  const out: Interaction[] = [];
  for (let g = 0; g < 2; g++) {
    for (let u = 0; u < usersPerGroup; u++) {
      for (let i = g * (n / 2); i < (g + 1) * (n / 2); i++) {
        if (rng.bool(share)) out.push({ userId: `g${g}-${u}`, itemId: `m${i}` });
      }
    }
  }
  return out;
}

/** Block (0 = Horror, 1 = Romance) of an item id from {@link twoBlockCatalog}. */
export function blockOf(itemId: string, n: number): number {
  return Number(itemId.slice(1)) < n / 2 ? 0 : 1;
}
