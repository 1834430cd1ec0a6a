/**
 * Recommender benchmark at MovieLens-1M scale (6,040 users × 3,706 items × ~1M interactions,
 * seeded, heavy-tailed user activity and item popularity): fit and recommend times per
 * algorithm, written to figures/bench/recsys.json.
 *
 * Run: deno run -A bench/recsys_bench.ts  (BENCH_SCALE=0.1 for a quick pass)
 */
import { Rng } from "@lib/core/rng.ts";
import { envNumber } from "@lib/core/params.ts";
import { figuresDir } from "@lib/viz/paths.ts";
import { machineInfo } from "./machine.ts";
import {
  Catalog,
  type Interaction,
  ItemKnnRecommender,
  MfRecommender,
  PopularRecommender,
  RandomRecommender,
  type Recommender,
} from "@lib/recsys/mod.ts";

const scale = envNumber("BENCH_SCALE", 1);
const nUsers = Math.round(6040 * scale), nItems = Math.round(3706 * Math.sqrt(scale));
const target = Math.round(1_000_000 * scale);
const rng = new Rng("recsys-bench");

const genres = ["Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi", "Thriller", "Western"];
const catalog = new Catalog(Array.from({ length: nItems }, (_, i) => ({
  id: `i${i}`,
  title: `Item ${i}`,
  genres: [genres[i % genres.length]],
  year: null,
  description: "",
  popularity: 0,
  quality: 0.5,
})));

// Item popularity ~ Zipf(0.9); user activity ~ log-normal (at least 20, as in ML-1M), scaled
// so the total is about `target`.
const cdf = new Float64Array(nItems);
for (let i = 0, s = 0; i < nItems; i++) cdf[i] = s += 1 / Math.pow(i + 1, 0.9);
for (let i = 0; i < nItems; i++) cdf[i] /= cdf[nItems - 1];
const drawItem = () => {
  const r = rng.next();
  let lo = 0, hi = nItems - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const activity = Array.from({ length: nUsers }, () => Math.exp(rng.normal(0, 1)));
const total = activity.reduce((a, b) => a + b, 0);
const cap = Math.floor(nItems * 0.5);
const interactions: Interaction[] = [];
for (let u = 0; u < nUsers; u++) {
  const n = Math.min(Math.max(Math.round((activity[u] / total) * target), 20), cap);
  const seen = new Set<number>();
  while (seen.size < n) seen.add(drawItem());
  for (const i of seen) interactions.push({ userId: `u${u}`, itemId: `i${i}` });
}

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
};

const algorithms: [string, () => Recommender][] = [
  ["random", () => new RandomRecommender(catalog, new Rng(1))],
  ["popular", () => new PopularRecommender(catalog)],
  ["itemknn", () => new ItemKnnRecommender(catalog, { neighbours: 50 })],
  ["mf", () => new MfRecommender(catalog, { factors: 32, iterations: 10, rng: new Rng(1) })],
];
const results = [];
const probeUsers = Array.from({ length: 1000 }, (_, j) => `u${(j * 7919) % nUsers}`);
for (const [name, make] of algorithms) {
  const rec = make();
  const [, fitMs] = time(() => rec.fit(interactions));
  const [, recMs] = time(() => probeUsers.forEach((u) => rec.recommend(u, 10)));
  results.push({
    algorithm: name,
    fitSeconds: fitMs / 1000,
    recommendMsPerCall: recMs / probeUsers.length,
  });
  console.log(
    `${name.padEnd(8)} fit ${(fitMs / 1000).toFixed(2)} s   recommend(k=10) ${
      (recMs / probeUsers.length).toFixed(3)
    } ms/call`,
  );
}

// The same model trained with each half-sweep split over two workers (worker start-up included).
{
  const mf = new MfRecommender(catalog, {
    factors: 32,
    iterations: 10,
    rng: new Rng(1),
    workers: 2,
  });
  const t0 = performance.now();
  await mf.fitAsync(interactions);
  const fitMs = performance.now() - t0;
  const [, recMs] = time(() => probeUsers.forEach((u) => mf.recommend(u, 10)));
  results.push({
    algorithm: "mf-2workers",
    fitSeconds: fitMs / 1000,
    recommendMsPerCall: recMs / probeUsers.length,
  });
  console.log(
    `${"mf-2w".padEnd(8)} fit ${(fitMs / 1000).toFixed(2)} s   recommend(k=10) ${
      (recMs / probeUsers.length).toFixed(3)
    } ms/call`,
  );
}

const out = {
  users: nUsers,
  items: nItems,
  interactions: interactions.length,
  mf: { factors: 32, iterations: 10, cgSteps: 3 },
  itemknn: { neighbours: 50 },
  ...machineInfo(),
  results,
};
const dir = `${figuresDir()}/bench`;
await Deno.mkdir(dir, { recursive: true });
await Deno.writeTextFile(`${dir}/recsys.json`, JSON.stringify(out, null, 2) + "\n");
console.log(
  `${interactions.length} interactions, ${nUsers} users, ${nItems} items → ${dir}/recsys.json`,
);
