/**
 * Micro-benchmark of MF's numeric kernels at the rule bench's scale: the vega-size catalogue
 * (2,935 items), f = 32, 100,000 users with 1–4 interactions each drawn with a popularity
 * skew (~250,000 in all). Times scoring 10,000 users (the kernel alone and through
 * `recommend`, which adds topK), topK alone, and one fit on this thread and over two workers;
 * best of a few repetitions, printed as one JSON line. It writes nothing (not a `_bench.ts`,
 * so `deno task bench` does not run it); to compare revisions run it in a worktree of each.
 *
 * Run: deno run -A bench/kernels_micro.ts  (BENCH_SCALE=0.2 fits on fewer users)
 *
 * @module
 */
import { envNumber } from "@lib/core/params.ts";
import { Rng } from "@lib/core/rng.ts";
import { topK } from "@lib/core/top_k.ts";
import { Catalog } from "@lib/recsys/catalog.ts";
import { MfRecommender } from "@lib/recsys/mf_als.ts";
import { scoreItems } from "@lib/recsys/mf_score.ts";

const nItems = 2935, f = 32;
const nUsers = Math.max(10_000, Math.round(100_000 * envNumber("BENCH_SCALE", 1)));
const base = { year: null, description: "", popularity: 0, quality: 0.5, genres: ["Drama"] };
const catalog = new Catalog(
  Array.from({ length: nItems }, (_, i) => ({ ...base, id: `m${i}`, title: `M${i}` })),
);
const rng = new Rng("kernels-micro");
const rows: { userId: string; itemId: string }[] = [];
for (let u = 0; u < nUsers; u++) {
  for (let j = 1 + rng.int(4); j > 0; j--) {
    rows.push({ userId: `u${u}`, itemId: `m${Math.floor(nItems * rng.next() ** 2)}` });
  }
}

const ms: Record<string, number> = {};
async function best(label: string, reps: number, run: () => void | Promise<void>) {
  let b = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    await run();
    b = Math.min(b, performance.now() - t);
  }
  ms[label] = Math.round(b);
}

const mf = new MfRecommender(catalog, { factors: f, workers: 1 });
await best("fit, this thread", 2, () => mf.fit(rows));
const par = new MfRecommender(catalog, { factors: f, workers: 2 });
await best("fitAsync, 2 workers", 2, () => par.fitAsync(rows));

// The factors scoreItems reads, as MF holds them: users × f and items × f, float32.
const x = new Float32Array(10_000 * f).map(() => rng.normal(0, 0.3));
const y = new Float32Array(nItems * f).map(() => rng.normal(0, 0.3));
const scores = new Float64Array(nItems);
await best("scoreItems, 10,000 users", 5, () => {
  for (let u = 0; u < 10_000; u++) scoreItems(x, u * f, y, f, scores);
});
let pages = 0;
await best("recommend (scores + topK 5), 10,000 users", 5, () => {
  for (let u = 0; u < 10_000; u++) pages += mf.recommend(`u${u}`, 5).length;
});
const blocked = new Uint8Array(nItems);
await best("topK 5 of 2,935, 10,000 pages", 5, () => {
  for (let u = 0; u < 10_000; u++) pages += topK(scores, 5, (i) => blocked[i] === 0).length;
});
console.log(JSON.stringify({ users: nUsers, interactions: rows.length, ms }));
