import assert from "node:assert/strict";
import { Cooccurrence } from "@lib/brain/fitted/cooccurrence.ts";
import { choiceFeatures } from "@lib/brain/fitted/features.ts";
import { readSelectionData, type SelectionData } from "@lib/eval/selection_data.ts";
import { logScores } from "@lib/eval/selection_fitted.ts";
import { runSelection } from "@lib/eval/selection_run.ts";
import { cutoffOf, RatingTimeline } from "@lib/eval/selection_time.ts";
import { createSelector } from "@lib/eval/selectors.ts";
import { writeSyntheticMovieLens } from "@lib/eval/synthetic_movielens.ts";
import { buildTask } from "@lib/eval/selection_data.ts";
import { Rng } from "@lib/core/rng.ts";

const FLAGS = "|0|0|0|0|0|1|0|0|1|0|0|0|0|0|0|0|0|0|0";

/** A tiny ML-100K folder: user 1's last three ratings share a timestamp. */
async function tiny(dir: string, extra: string[] = []) {
  await Deno.mkdir(dir, { recursive: true });
  const items = Array.from(
    { length: 120 },
    (_, i) => `${i + 1}|Film ${i + 1} (1990)|01-Jan-1990||x${FLAGS}`,
  );
  await Deno.writeTextFile(`${dir}/u.item`, items.join("\n") + "\n");
  await Deno.writeTextFile(`${dir}/u.user`, "1|30|M|writer|11111\n2|40|F|artist|22222\n");
  const data = [
    ...Array.from({ length: 8 }, (_, i) => `1\t${i + 20}\t4\t${1000 + i}`),
    "1\t9\t5\t2000",
    "1\t10\t3\t2000",
    "1\t100\t4\t2000",
    ...Array.from({ length: 12 }, (_, i) => `2\t${i + 40}\t3\t${500 + i}`),
    ...extra,
  ];
  await Deno.writeTextFile(`${dir}/u.data`, data.join("\n") + "\n");
}

Deno.test("ties of the last timestamps are ordered by a seeded draw and counted", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-ties-" });
  try {
    await tiny(dir);
    const orders = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const data = await readSelectionData(dir, "ml-100k", seed);
      assert.equal(data.tiedUsers, 1, "only user 1 has tied last ratings");
      const last = data.byUser.get("1")!.slice(-3).map((r) => r.itemId);
      assert.deepEqual([...last].sort(), ["10", "100", "9"]);
      orders.add(last.join(","));
      const again = await readSelectionData(dir, "ml-100k", seed);
      assert.deepEqual(
        again.byUser.get("1")!.map((r) => r.itemId),
        data.byUser.get("1")!.map((r) => r.itemId),
      );
    }
    assert.ok(orders.size > 1, "the order is a draw, not the text order of the ids");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a missing MovieLens file is named", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-missing-" });
  try {
    await tiny(dir);
    await Deno.remove(`${dir}/u.item`);
    await assert.rejects(() => readSelectionData(dir, "ml-100k"), /u\.item/);
    await assert.rejects(() => readSelectionData(dir, "ml-1m"), /ratings\.dat/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("popularity, quality and the collaborative features come only from ratings before the held-out time", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-lookahead-" });
  try {
    await writeSyntheticMovieLens(`${dir}/a`, "ml-100k", {
      users: 80,
      items: 150,
      medianRatings: 30,
      seed: 3,
    });
    const data = await readSelectionData(`${dir}/a`, "ml-100k");
    const user = [...data.byUser.keys()][7];
    const time = cutoffOf(data, user, 1);
    const timeline = new RatingTimeline(data);
    const all = [...data.byUser.values()].flat();
    for (const id of data.catalog.ids().slice(0, 40)) {
      const before = all.filter((r) => r.itemId === id && r.timestamp < time);
      const it = timeline.itemAt(id, time);
      assert.equal(it.popularity, before.length);
      if (before.length) {
        const mean = before.reduce((s, r) => s + r.rating, 0) / before.length;
        assert.ok(Math.abs(it.quality - (mean - 1) / 4) < 1e-12);
      }
    }
    const task = buildTask(data, user, 1, 5, timeline.viewAt(time), "uniform", new Rng(1));
    assert.ok(
      task.candidates.every((c) =>
        c.popularity === all.filter((r) => r.itemId === c.id && r.timestamp < time).length
      ),
    );
    // The sweep's features equal those of a log built from the earlier ratings alone.
    const { scores } = logScores(data, [{ task, time }]);
    const ids = data.catalog.ids(), index = new Map(ids.map((id, i) => [id, i]));
    const log = new Cooccurrence(ids.length);
    for (
      const r of all.filter((r) => r.timestamp < time).sort((x, y) => x.timestamp - y.timestamp)
    ) {
      log.add(r.userId, index.get(r.itemId)!, r.rating, r.timestamp);
    }
    const point = (id: string, rating: number) => ({
      item: index.get(id)!,
      genres: data.catalog.get(id)!.genres,
      rating,
    });
    const expected = choiceFeatures(
      log,
      task.history.map((e) => point(e.item.id, e.rating)),
      task.candidates.map((c) => point(c.id, 0)),
      time,
    );
    assert.deepEqual(scores[0].features, expected);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ratings made after a user's held-out time change nothing the brains see for that user", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-future-" });
  try {
    await writeSyntheticMovieLens(dir, "ml-100k", {
      users: 60,
      items: 120,
      medianRatings: 30,
      seed: 4,
    });
    const data = await readSelectionData(dir, "ml-100k");
    const user = [...data.byUser.keys()][3];
    const time = cutoffOf(data, user, 1);
    // A copy where every other user rates everything again, later than the held-out time.
    const future: SelectionData = { ...data, byUser: new Map(data.byUser) };
    for (const [uid, list] of data.byUser) {
      if (uid === user) continue;
      const rated = new Set(list.map((r) => r.itemId));
      const more = data.catalog.ids().filter((id) => !rated.has(id)).map((itemId) => ({
        userId: uid,
        itemId,
        rating: 5,
        timestamp: time + 10,
      }));
      future.byUser.set(uid, [...list, ...more]);
    }
    const picks = async (d: SelectionData) => {
      const out: string[] = [];
      const sel = ["popular", "knn", "fitted"].map((b) => createSelector(b));
      const r = await runSelection(d, {
        selectors: sel,
        users: "all",
        seeds: 1,
        pairs: [[1, 5]],
        onPick: ({ task, brain, pick }) => {
          if (task.userId === user) {
            out.push(
              `${brain}:${
                task.candidates.map((c) => `${c.id}/${c.popularity}`).join(",")
              }:${pick.picked}`,
            );
          }
        },
      });
      return { out, r };
    };
    const a = await picks(data), b = await picks(future);
    assert.equal(a.out.length, 3);
    // Candidates, their popularity and the popularity/kNN picks are identical; the fitted model's
    // weights come from checkpoints, which may sit later for the copy only if its times moved.
    assert.deepEqual(a.out.slice(0, 2), b.out.slice(0, 2));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("eval selection: --help, a missing file named, --users all and the report's counts", async () => {
  const CLI = new URL("../../lib/cli/eval.ts", import.meta.url).pathname;
  const run = async (args: string[]) => {
    const env = { NO_COLOR: "1", OPENAI_API_KEY: "", OPENAI_MODEL: "" };
    const out = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", CLI, ...args], env })
      .output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  };
  const help = await run(["selection", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--users 20\|all/);
  const dir = await Deno.makeTempDir({ prefix: "socius-selcli-" });
  try {
    await writeSyntheticMovieLens(dir, "ml-100k", {
      users: 30,
      items: 80,
      medianRatings: 25,
      seed: 8,
    });
    const r = await run([
      "selection",
      "--data",
      dir,
      "--format",
      "ml-100k",
      "--users",
      "all",
      "--seeds",
      "2",
      "--brains",
      "random,fitted",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /30 users per seed \(all 30 with enough ratings\) × 2 seeds = 60 draws per \(a,b\), 240 draws per brain/,
    );
    assert.match(r.stdout, /\d+ users had their last two ratings at the same second/);
    for (const row of ["Random", "Popularity", "Item-kNN (baseline)", "Fitted choice model"]) {
      assert.ok(r.stdout.includes(row), row);
    }
    assert.match(r.stdout, /Fitted choice model: weights collaborative/);
    await Deno.remove(`${dir}/u.user`);
    const missing = await run(["selection", "--data", dir, "--format", "ml-100k"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /u\.user/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
