import assert from "node:assert/strict";
import { readSelectionData } from "@lib/eval/selection_data.ts";
import { syntheticMovieLens, writeSyntheticMovieLens } from "@lib/eval/synthetic_movielens.ts";
import { readMovieLens } from "@lib/profile/movielens_read.ts";
import { loadMovieLens } from "@lib/recsys/load_movielens.ts";

const OPTS = { users: 120, items: 200, medianRatings: 40, seed: 5 };

Deno.test("the synthetic log is written in both real layouts and both MovieLens readers accept it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-synth-" });
  try {
    const log = await writeSyntheticMovieLens(`${dir}/100k`, "ml-100k", OPTS);
    await writeSyntheticMovieLens(`${dir}/1m`, "ml-1m", OPTS);
    const names = [...Deno.readDirSync(`${dir}/100k`)].map((e) => e.name).sort();
    assert.deepEqual(names, ["u.data", "u.genre", "u.item", "u.occupation", "u.user"]);
    const uData = await Deno.readTextFile(`${dir}/100k/u.data`);
    assert.match(uData.split("\n")[0], /^\d+\t\d+\t[1-5]\t\d{9,}$/);
    const item = new TextDecoder("latin1").decode(await Deno.readFile(`${dir}/100k/u.item`))
      .split("\n")[0].split("|");
    assert.equal(item.length, 24, "id|title|date|video|url + 19 genre flags");
    assert.match(await Deno.readTextFile(`${dir}/1m/ratings.dat`), /^\d+::\d+::[1-5]::\d+\n/);
    // Latin-1, not UTF-8: an accented title is one byte per letter.
    const bytes = await Deno.readFile(`${dir}/1m/movies.dat`);
    assert.ok(bytes.includes(0xe9) || bytes.includes(0xe7) || bytes.includes(0xfc));
    assert.ok(!bytes.includes(0xc3), "no UTF-8 lead bytes");
    for (const [sub, format] of [["100k", "ml-100k"], ["1m", "ml-1m"]] as const) {
      const ml = await readMovieLens(`${dir}/${sub}`);
      assert.equal(ml.source, format);
      assert.equal(ml.ratings.length, log.ratings.length);
      const loaded = await loadMovieLens(`${dir}/${sub}`, format === "ml-100k" ? "100k" : "1m");
      assert.equal(loaded.catalog.size, OPTS.items);
      const data = await readSelectionData(`${dir}/${sub}`, format);
      assert.equal(data.users.size, OPTS.users);
    }
    const titles = (await readMovieLens(`${dir}/1m`)).itemTitles;
    assert.ok([...titles.values()].some((t) => /[éçüñôêä]/.test(t)), "titles decode as Latin-1");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the synthetic log has real data's shape: long tails, a 3–4 skewed scale, tied last ratings", () => {
  const log = syntheticMovieLens({ users: 300, items: 400, medianRatings: 40, seed: 2 });
  const perUser = new Map<number, typeof log.ratings>();
  for (const r of log.ratings) perUser.set(r.user, [...(perUser.get(r.user) ?? []), r]);
  const activity = [...perUser.values()].map((l) => l.length).sort((a, b) => a - b);
  assert.ok(activity[0] >= 20, "at least 20 ratings per user, as in MovieLens");
  const mean = activity.reduce((a, b) => a + b, 0) / activity.length;
  assert.ok(
    activity.at(-1)! > 3 * activity[Math.floor(activity.length / 2)],
    "long-tailed activity",
  );
  assert.ok(mean > activity[Math.floor(activity.length / 2)], "mean above median");
  const pop = new Map<number, number>();
  for (const r of log.ratings) pop.set(r.item, (pop.get(r.item) ?? 0) + 1);
  const counts = [...pop.values()].sort((a, b) => b - a);
  const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, b) => a + b, 0);
  assert.ok(
    top / log.ratings.length > 0.25,
    "the top tenth of items draws over a quarter of ratings",
  );
  const stars = [0, 0, 0, 0, 0, 0];
  for (const r of log.ratings) stars[r.rating]++;
  assert.ok(stars[4] > stars[2] && stars[3] > stars[1] && stars[4] > stars[1], "skewed to 3–4");
  const tied = [...perUser.values()].filter((l) => {
    const t = l.map((r) => r.timestamp).sort((a, b) => a - b);
    return t.at(-1) === t.at(-2);
  }).length;
  assert.ok(tied > 0.3 * perUser.size && tied < 0.6 * perUser.size, `tied users ${tied}`);
  // Same seed, same log.
  assert.deepEqual(
    syntheticMovieLens({ users: 30, items: 60, seed: 9 }),
    syntheticMovieLens({ users: 30, items: 60, seed: 9 }),
  );
});

Deno.test("eval synthetic writes a folder the protocols read, and rejects a bad format with exit 2", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-synth-cli-" });
  const CLI = new URL("../../lib/cli/eval.ts", import.meta.url).pathname;
  const run = (args: string[]) =>
    new Deno.Command(Deno.execPath(), { args: ["run", "-A", CLI, ...args], env: { NO_COLOR: "1" } })
      .output();
  try {
    const ok = await run([
      "synthetic",
      "--out",
      dir,
      "--format",
      "ml-1m",
      "--users",
      "25",
      "--items",
      "60",
    ]);
    assert.equal(ok.code, 0, new TextDecoder().decode(ok.stderr));
    const data = await readSelectionData(dir, "ml-1m");
    assert.equal(data.users.size, 25);
    const bad = await run(["synthetic", "--out", dir, "--format", "ml-2m"]);
    assert.equal(bad.code, 2);
    assert.match(new TextDecoder().decode(bad.stderr), /^error: --format.*ml-2m/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
