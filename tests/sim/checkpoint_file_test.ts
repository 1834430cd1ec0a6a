import assert from "node:assert/strict";
import { readJsonFile, writeJsonFile } from "@lib/sim/checkpoint_file.ts";
import { readCheckpoint } from "@lib/sim/run_verify.ts";

/** A checkpoint shaped like the world's: long lists at several depths, short ones, odd text. */
function bigCheckpoint() {
  const agents = Array.from({ length: 3000 }, (_, i) => ({
    id: `a${i}`,
    profile: { name: `Name "${i}"\nsecond line [`, interests: ["x ["] },
    state: { genreWeights: { Drama: i / 3000 }, watched: i % 7 ? [] : ["m1", "m2"] },
    memory: null,
    skipped: undefined,
  }));
  return {
    round: 4,
    eventsBytes: 10,
    metricsBytes: 0,
    events: 1,
    state: {
      round: 5,
      agents,
      graph: {
        nodes: agents.map((a) => a.id),
        edges: Array.from({ length: 2500 }, (_, i) => [`a${i}`, `a${i + 1}`]),
      },
      shown: [["a1", ["m1"]]],
      empty: [],
      at: new Date(0),
      text: "ends with [",
    },
  };
}

Deno.test("a checkpoint written in pieces is the JSON of the value, with line breaks only between list elements", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  const value = bigCheckpoint();
  await writeJsonFile(path, value);
  const text = await Deno.readTextFile(path);
  assert.ok(text.split("\n").length > 8000, "long lists hold one element per line");
  assert.equal(text.replaceAll("\n", ""), JSON.stringify(value));
});

Deno.test("a large checkpoint reads back line by line equal to what was written", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  const value = bigCheckpoint();
  await writeJsonFile(path, value);
  const whole = JSON.parse(await Deno.readTextFile(path));
  assert.deepEqual(await readJsonFile(path, { wholeBytes: 0 }), whole);
  assert.deepEqual(await readJsonFile(path), whole);
});

Deno.test("a damaged large checkpoint is refused naming the file", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await writeJsonFile(path, bigCheckpoint());
  const text = await Deno.readTextFile(path);
  await Deno.writeTextFile(path, text.slice(0, Math.floor(text.length / 2)));
  await assert.rejects(() => readJsonFile(path, { wholeBytes: 0 }), SyntaxError);
  await assert.rejects(() => readCheckpoint(path), new RegExp(`${path}: not valid JSON`));
});
