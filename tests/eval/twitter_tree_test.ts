import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { cascadeShape } from "@lib/metrics/mod.ts";
import { loadCountCsv, loadTwitterDir, parseLabels, parseTwitterTree } from "@lib/eval/mod.ts";

const DIR = new URL("../fixtures/s3/", import.meta.url).pathname;
const QUIRKS = `${DIR}twitter/tree/500000000000000001.txt`;

Deno.test("the tree loader drops exact duplicates, clamps negative delays and keeps whole-triple node ids", async () => {
  const c = parseTwitterTree(await Deno.readTextFile(QUIRKS), QUIRKS);
  assert.equal(c.sourceId, "500000000000000001");
  assert.deepEqual(c.report, {
    lines: 8,
    duplicates: 1,
    negative: 1,
    outsideWindow: 0,
    droppedWithParent: 0,
    creditedToRoot: 0,
    edges: 7,
  });
  assert.deepEqual(c.edges[0], { parent: null, child: "100|500000000000000001|0.0", time: 0 });
  // The user who retweets twice is two nodes; the negative delay became 0.
  const children = c.edges.map((e) => e.child);
  assert.ok(children.includes("101|500000000000000001|2.5"));
  assert.ok(children.includes("101|500000000000000001|40.0"));
  assert.equal(c.edges.find((e) => e.child.startsWith("102|"))!.time, 0);
  assert.deepEqual(cascadeShape(c.edges), { scale: 7, depth: 3, maxBreadth: 3 });
});

Deno.test("a time window cuts stragglers a year late; negative delays can be kept or dropped", async () => {
  const text = await Deno.readTextFile(QUIRKS);
  const day = parseTwitterTree(text, QUIRKS, { windowMin: 1440 });
  assert.equal(day.report.outsideWindow, 1);
  assert.ok(day.edges.every((e) => e.time <= 1440));
  assert.equal(
    parseTwitterTree(text, QUIRKS, { negativeDelays: "keep" }).edges.find((e) =>
      e.child.startsWith("102|")
    )!.time,
    -1.2,
  );
  assert.equal(parseTwitterTree(text, QUIRKS, { negativeDelays: "drop" }).edges.length, 6);
});

Deno.test("a malformed edge or delay is a DataError naming the file and line", () => {
  for (
    const [name, line, pattern] of [["bad_tree.txt", 3, /expected \['uid'/], [
      "bad_delay.txt",
      2,
      /child_delay_min/,
    ]] as const
  ) {
    const file = `${DIR}${name}`;
    let err: unknown;
    try {
      parseTwitterTree(Deno.readTextFileSync(file), file);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof DataError);
    assert.equal(err.line, line);
    assert.equal(err.file, file);
    assert.match(err.message, pattern);
  }
});

Deno.test("a folder loads every tree with its label, sorted by source id", async () => {
  const all = await loadTwitterDir(`${DIR}twitter`, { windowMin: 7 * 1440 });
  assert.deepEqual(all.map((c) => c.sourceId), [
    "500000000000000001",
    "553587013409325058",
    "580320684305416192",
    "594687353937100801",
  ]);
  assert.deepEqual(all.map((c) => c.label), ["unverified", "false", "non-rumor", "true"]);
  for (const c of all) {
    assert.ok(c.report.duplicates >= 1 && c.report.negative === 1 && c.report.outsideWindow === 1);
  }
  await assert.rejects(() => loadTwitterDir(`${DIR}nowhere`), DataError);
});

Deno.test("labels and (time, count) CSVs parse, and bad lines are named", async () => {
  assert.deepEqual([...parseLabels("true:12\nnon-rumor:34\n", "label.txt")], [["12", "true"], [
    "34",
    "non-rumor",
  ]]);
  assert.throws(() => parseLabels("true:12\nbroken\n", "label.txt"), /label\.txt:2/);
  const pts = await loadCountCsv(`${DIR}aware_counts.csv`);
  assert.equal(pts.length, 6);
  assert.deepEqual(pts[2], { time: 120, value: 9 });
});
