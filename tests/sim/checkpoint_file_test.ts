import assert from "node:assert/strict";
import { type FileIo, WriteError } from "@lib/core/atomic_write.ts";
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

/** A disk that records each write's size and closes, and can refuse the n-th write. */
function recordingIo(failAt = Infinity) {
  const seen = { writes: [] as number[], closed: 0, removed: [] as string[], renamed: 0 };
  const io: FileIo = {
    open: async (path, options) => {
      const file = await Deno.open(path, options);
      return {
        write: (bytes) => {
          if (seen.writes.length + 1 >= failAt) return Promise.reject(new Error("disk full"));
          seen.writes.push(bytes.length);
          return file.write(bytes);
        },
        sync: () => file.sync(),
        close: () => {
          seen.closed++;
          file.close();
        },
      };
    },
    rename: (from, to) => {
      seen.renamed++;
      return Deno.rename(from, to);
    },
    remove: (path) => {
      seen.removed.push(path);
      return Deno.remove(path);
    },
  };
  return { io, seen };
}

Deno.test("the layout by value: lists of 1024 or more, down to the fourth level, get a line per element", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  const long = (n: number) => Array.from({ length: n }, (_, i) => i);
  const value = {
    a: null,
    gone: undefined,
    fn: () => 1,
    sym: Symbol("s"),
    at: new Date(0),
    one: { two: { three: long(1024), deep: { four: long(2000) } }, short: long(1023) },
    top: long(1500),
    n: [null, undefined, 1],
  };
  await writeJsonFile(path, value);
  const text = await Deno.readTextFile(path);
  assert.equal(text.replaceAll("\n", ""), JSON.stringify(value));
  assert.ok(text.endsWith("]}\n"), "the file ends with one line break");
  // Line-per-element lists: `three` (level 3) and `top` (level 1); `four` (level 4) and the
  // short list stay on one line.
  // Each such list is "[", its elements and "]" on lines of their own; then one final break.
  assert.equal(text.split("\n").length, (1024 + 1) + (1500 + 1) + 1 + 1);
  assert.ok(text.includes('"three":[\n0,\n1,\n'));
  assert.ok(text.includes(`"four":${JSON.stringify(long(2000))}`));
  assert.ok(text.includes(`"short":${JSON.stringify(long(1023))}`));
  assert.ok(text.startsWith('{"a":null,"at":"1970-01-01T00:00:00.000Z","one":'));
  assert.deepEqual(await readJsonFile(path, { wholeBytes: 0 }), JSON.parse(text));
});

Deno.test("a long checkpoint is written in chunks of at least 8 MiB characters, and closed", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  const value = { rows: Array.from({ length: 20_000 }, (_, i) => `${i}`.padEnd(1000, "x")) };
  const { io, seen } = recordingIo();
  await writeJsonFile(path, value, io);
  assert.ok(seen.writes.length >= 3, `${seen.writes.length} writes`);
  for (const w of seen.writes.slice(0, -1)) assert.ok(w >= 1 << 23 && w < (1 << 23) + 1100, `${w}`);
  assert.equal(seen.closed, 1);
  assert.equal(seen.renamed, 1);
  assert.deepEqual(JSON.parse(await Deno.readTextFile(path)), value);
});

Deno.test("a failing disk leaves the old file, removes the temporary one and names the file", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(path, '{"old":true}\n');
  const { io, seen } = recordingIo(2);
  const value = { rows: Array.from({ length: 20_000 }, (_, i) => `${i}`.padEnd(1000, "x")) };
  const error = await writeJsonFile(path, value, io).then(() => null, (e) => e);
  assert.ok(error instanceof WriteError);
  assert.equal(error.file, path);
  assert.match(error.message, /: could not be written \(disk full after 0 of \d+ bytes\)$/);
  assert.equal(seen.closed, 1);
  assert.equal(seen.renamed, 0);
  assert.deepEqual(seen.removed, [`${path}.tmp`]);
  assert.equal(await Deno.readTextFile(path), '{"old":true}\n');
  await assert.rejects(() => Deno.stat(`${path}.tmp`), Deno.errors.NotFound);
});

Deno.test("a file up to wholeBytes is parsed whole, in any JSON layout; larger ones line by line", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  const value = { list: [1, 2, 3], name: "x" };
  await Deno.writeTextFile(path, JSON.stringify(value, null, 2));
  const size = (await Deno.stat(path)).size;
  assert.deepEqual(await readJsonFile(path), value);
  assert.deepEqual(await readJsonFile(path, { wholeBytes: size }), value);
  // Read line by line, an indented file is not what writeJsonFile writes, so it is refused.
  await assert.rejects(() => readJsonFile(path, { wholeBytes: size - 1 }), SyntaxError);
});

Deno.test("line by line, text split across read chunks keeps its characters, and an open list is named", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  const value = { rows: Array.from({ length: 40_000 }, (_, i) => `é ${i} 🙂 ü`) };
  await writeJsonFile(path, value);
  assert.deepEqual(await readJsonFile(path, { wholeBytes: 0 }), value);
  const text = await Deno.readTextFile(path);
  // Cut before a line break inside the list: every line parses, but the list never closes.
  await Deno.writeTextFile(path, text.slice(0, text.indexOf("\n", text.length / 2)));
  await assert.rejects(
    () => readJsonFile(path, { wholeBytes: 0 }),
    (e: Error) => e instanceof SyntaxError && e.message === `${path}: a list is not closed`,
  );
});
