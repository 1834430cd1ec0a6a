import { FEATURE_NAMES } from "@lib/brain/fitted/features.ts";
import assert from "node:assert/strict";
import { readSelectionData } from "@lib/eval/selection_data.ts";
import { runSelection } from "@lib/eval/selection_run.ts";
import { createSelector } from "@lib/eval/selectors.ts";
import { writeSyntheticMovieLens } from "@lib/eval/synthetic_movielens.ts";

const BRAINS = ["random", "popular", "knn", "rule", "fitted"];

/** Mean overlap per brain over the grid's cells. */
function means(cells: { brain: string; mean: number }[]): Record<string, number> {
  return Object.fromEntries(BRAINS.map((b) => {
    const c = cells.filter((x) => x.brain === b);
    return [b, c.reduce((s, x) => s + x.mean, 0) / c.length];
  }));
}

Deno.test("on a log with planted taste the fitted choice model beats random, popularity and the rule brain and matches item-kNN", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-fitted-" });
  try {
    await writeSyntheticMovieLens(dir, "ml-100k", {
      users: 250,
      items: 400,
      medianRatings: 45,
      seed: 11,
    });
    const data = await readSelectionData(dir, "ml-100k");
    const run = (negatives: "uniform" | "popularity") =>
      runSelection(data, {
        selectors: BRAINS.map((b) => createSelector(b)),
        users: "all",
        seeds: 2,
        negatives,
      });
    const uniform = await run("uniform");
    assert.equal(
      uniform.settings.usersUsed,
      uniform.settings.eligible,
      "--users all takes every eligible user",
    );
    assert.equal(uniform.settings.draws, uniform.settings.usersUsed * 2 * 4);
    assert.equal(uniform.rows.filter((r) => r.brain === "fitted").length, uniform.settings.draws);
    const m = means(uniform.cells);
    assert.ok(m.fitted > m.random + 0.1, JSON.stringify(m));
    assert.ok(m.fitted > m.popular, JSON.stringify(m));
    assert.ok(m.fitted > m.rule, JSON.stringify(m));
    assert.ok(m.fitted >= m.knn - 0.01, JSON.stringify(m));
    assert.ok(
      uniform.fit && uniform.fit.heldOutLogLik > uniform.fit.uniformLogLik,
      "held-out log-likelihood beats uniform",
    );
    assert.equal(uniform.fit.last.weights.length, FEATURE_NAMES.length);
    const matched = means((await run("popularity")).cells);
    assert.ok(matched.fitted > matched.random + 0.05, JSON.stringify(matched));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the protocol runs on ML-1M files", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-fitted-1m-" });
  try {
    await writeSyntheticMovieLens(dir, "ml-1m", {
      users: 60,
      items: 150,
      medianRatings: 30,
      seed: 2,
    });
    const data = await readSelectionData(dir, "ml-1m");
    const r = await runSelection(data, {
      selectors: ["random", "knn", "fitted"].map((b) => createSelector(b)),
      users: 20,
      seeds: 1,
    });
    assert.equal(r.settings.source, "ml-1m");
    assert.equal(r.settings.usersUsed, 20);
    assert.equal(r.rows.length, 3 * 20 * 4);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
