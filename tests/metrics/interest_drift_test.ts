import assert from "node:assert/strict";
import { fitInterestDrift, syntheticDriftLog } from "@lib/metrics/interest_drift.ts";
import { parseMlItemGenres, parseMlRatings } from "@lib/profile/movielens_read.ts";

const size = { users: 200, items: 60 };

Deno.test("fitInterestDrift recovers known drift rates of synthetic logs", () => {
  for (const [rate, seed] of [[0.05, 11], [0.2, 12], [0.35, 13]]) {
    const fit = fitInterestDrift(syntheticDriftLog({ ...size, rate, seed }), { bootstrap: 0 });
    assert.ok(Math.abs(fit.rate - rate) < 0.03, `true ${rate}, fitted ${fit.rate}`);
  }
});

Deno.test("a log without drift gives a rate near 0, and the raw estimate alone is biased low", () => {
  const none = fitInterestDrift(syntheticDriftLog({ ...size, rate: 0, seed: 21 }), {
    bootstrap: 0,
  });
  assert.ok(none.rate < 0.02, `${none.rate}`);
  const some = fitInterestDrift(syntheticDriftLog({ ...size, rate: 0.1, seed: 22 }), {
    bootstrap: 0,
  });
  assert.ok(some.raw < some.rate);
});

Deno.test("the bootstrap interval brackets the estimate and narrows with more users", () => {
  const small = fitInterestDrift(syntheticDriftLog({ users: 60, items: 60, rate: 0.2, seed: 31 }), {
    bootstrap: 40,
  });
  const large = fitInterestDrift(
    syntheticDriftLog({ users: 300, items: 60, rate: 0.2, seed: 31 }),
    {
      bootstrap: 40,
    },
  );
  for (const f of [small, large]) assert.ok(f.lo <= f.rate && f.rate <= f.hi, JSON.stringify(f));
  assert.ok(large.hi - large.lo < small.hi - small.lo);
});

Deno.test("the fit reads MovieLens-1M files (ratings.dat, movies.dat)", async () => {
  const log = syntheticDriftLog({ users: 120, items: 50, rate: 0.2, seed: 41 });
  const names = ["Action", "Comedy", "Drama", "Horror", "Romance", "Thriller", "Western", "War"];
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/movies.dat`,
      [...log.itemGenres].map(([id, [g]]) => `${id}::Film ${id} (1995)::${names[+g.slice(1)]}`)
        .join("\n") + "\n",
    );
    await Deno.writeTextFile(
      `${dir}/ratings.dat`,
      log.ratings.map((r) => `${r.userId}::${r.itemId}::${r.rating}::${r.timestamp}`).join("\n") +
        "\n",
    );
    const fromFiles = fitInterestDrift({
      ratings: parseMlRatings(await Deno.readTextFile(`${dir}/ratings.dat`), "ratings.dat", "::"),
      itemGenres: parseMlItemGenres(
        await Deno.readTextFile(`${dir}/movies.dat`),
        "movies.dat",
        "ml-1m",
      ),
    }, { bootstrap: 0 });
    const direct = fitInterestDrift(log, { bootstrap: 0 });
    assert.ok(Math.abs(fromFiles.rate - direct.rate) < 1e-9);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a log with no usable user is refused with a reason", () => {
  assert.throws(
    () => fitInterestDrift({ ratings: [], itemGenres: new Map() }),
    /no user has three rated items/,
  );
});
