import assert from "node:assert/strict";
import {
  catalogCoverage,
  consumptionOverlap,
  distinctGenres,
  exposureGini,
  gini,
  intraListDiversity,
  pageDiversity,
} from "@lib/metrics/mod.ts";

const shown = [
  { round: 1, agentId: "a", itemId: "m1", genres: ["Action"] },
  { round: 1, agentId: "a", itemId: "m2", genres: ["Action", "Comedy"] },
  { round: 1, agentId: "a", itemId: "m3", genres: ["Drama"], page: 1 },
  { round: 1, agentId: "a", itemId: "m4", genres: ["Drama"], page: 1 },
  { round: 1, agentId: "b", itemId: "m1", genres: ["Action"] },
];

Deno.test("catalogCoverage counts distinct shown items within the catalog", () => {
  assert.equal(catalogCoverage(shown, 10), 0.4);
  assert.equal(catalogCoverage(shown, ["m1", "m2", "m9", "m10"]), 0.5);
});

Deno.test("gini of exposure includes never-shown catalog items", () => {
  // counts m1:2, m2:1, m3:1, m4:1 → sorted [1,1,1,2]: Σ(2i−n−1)x = −3−1+1+6 = 3; 3 / (4·5)
  assert.equal(exposureGini(shown), 3 / 20);
  // adding m5 with 0: [0,1,1,1,2]: (−4·0 −2 +0 +2 +8) / (5·5)
  assert.equal(exposureGini(shown, ["m5"]), 8 / 25);
  assert.equal(gini([0, 0]), 0);
});

Deno.test("intra-list diversity is 1 − mean pairwise genre Jaccard, per page", () => {
  assert.equal(intraListDiversity([["x"], ["x"]]), 0);
  assert.equal(intraListDiversity([["x"], ["y"]]), 1);
  assert.ok(Number.isNaN(intraListDiversity([["x"]])));
  const pages = pageDiversity(shown);
  assert.deepEqual(pages.map((p) => [p.agentId, p.page, p.items, p.diversity]), [
    ["a", 0, 2, 0.5],
    ["a", 1, 2, 0],
    ["b", 0, 1, NaN],
  ]);
});

Deno.test("distinctGenres and consumption overlap", () => {
  assert.equal(distinctGenres(shown), 3);
  // a: {m1,m2,m3,m4}, b: {m1} → 1/4
  assert.equal(consumptionOverlap(shown), 0.25);
  assert.ok(Number.isNaN(consumptionOverlap(shown.slice(0, 1))));
});
