import assert from "node:assert/strict";
import {
  DENO_IO,
  type FileIo,
  type WritableFile,
  writeAtomic,
  WriteError,
} from "@lib/core/atomic_write.ts";
import { RunStore } from "@lib/sim/run_store.ts";
import { createSimulation, resumeSimulation } from "@lib/sim/simulation.ts";
import { folderHashes, runCli, tinyScenario } from "./store_helpers.ts";

/**
 * A disk that fills up: real files, but once `room` bytes have been written through it a write
 * puts only part of its bytes on the disk and the next one fails as a full disk does.
 */
function fillingDisk(room: number): FileIo & { full: boolean; written: number } {
  const disk = {
    full: false,
    written: 0,
    async open(path: string, options: Deno.OpenOptions): Promise<WritableFile> {
      const file = await Deno.open(path, options);
      return {
        write: async (bytes: Uint8Array) => {
          if (disk.full) throw new Error("No space left on device (os error 28)");
          if (bytes.length > room) {
            disk.full = true;
            const n = await file.write(bytes.subarray(0, Math.max(1, room)));
            room = 0;
            return n;
          }
          room -= bytes.length;
          disk.written += bytes.length;
          return await file.write(bytes);
        },
        sync: () => file.sync(),
        close: () => file.close(),
      };
    },
    rename: DENO_IO.rename,
    remove: DENO_IO.remove,
  };
  return disk;
}

Deno.test("a short write is continued until every byte is on the disk", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-short-" });
  const halves: FileIo = {
    ...DENO_IO,
    open: async (path, options) => {
      const file = await Deno.open(path, options);
      return {
        write: (b) => file.write(b.subarray(0, Math.ceil(b.length / 2))),
        sync: () => file.sync(),
        close: () => file.close(),
      };
    },
  };
  const text = JSON.stringify({ rows: Array.from({ length: 5000 }, (_, i) => i) });
  await writeAtomic(`${dir}/checkpoint.json`, text, halves);
  assert.equal(await Deno.readTextFile(`${dir}/checkpoint.json`), text);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a write that fails leaves the previous file whole and names the file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-fail-" });
  await writeAtomic(`${dir}/manifest.json`, '{"old":true}');
  const stuck: FileIo = {
    ...DENO_IO,
    open: async (path, options) => {
      const file = await Deno.open(path, options);
      return {
        write: () => Promise.resolve(0),
        sync: () => file.sync(),
        close: () => file.close(),
      };
    },
  };
  await assert.rejects(
    () => writeAtomic(`${dir}/manifest.json`, '{"new":true}', stuck),
    (e: unknown) =>
      e instanceof WriteError && e.file === `${dir}/manifest.json` &&
      /manifest\.json: could not be written \(the disk accepted 0 bytes/.test(e.message),
  );
  assert.equal(await Deno.readTextFile(`${dir}/manifest.json`), '{"old":true}');
  assert.deepEqual(
    Object.keys(await folderHashes(dir)),
    ["manifest.json"],
    "no temporary file is left",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a full disk stops the run with the file named, keeps the last checkpoint, and the run resumes to the same bytes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-full-" });
  const sc = tinyScenario({ rounds: 5 });
  const counting = fillingDisk(Infinity);
  const whole = await createSimulation(sc, { out: `${dir}/whole`, io: counting });
  const afterRound: number[] = [];
  for (let r = 0; r < 5; r++) {
    await whole.step();
    afterRound.push(counting.written);
  }
  await whole.run();
  const wholeEvents = await Deno.readTextFile(`${dir}/whole/events.jsonl`);
  // The disk fills up in the middle of the third round's writes.
  const room = Math.floor((afterRound[1] + afterRound[2]) / 2);

  const disk = fillingDisk(room);
  const engine = await createSimulation(sc, { out: `${dir}/full`, io: disk });
  await assert.rejects(
    () => engine.run(),
    (e: unknown) =>
      e instanceof WriteError &&
      /\/full\/(events\.jsonl|metrics\.jsonl|checkpoint\.json): could not be written/.test(
        e.message,
      ) && /No space left on device/.test(e.message),
  );
  assert.ok(disk.full);
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/full/manifest.json`));
  assert.equal(manifest.finished, null, "a failed run is never marked finished");
  const checkpoint = JSON.parse(await Deno.readTextFile(`${dir}/full/checkpoint.json`));
  assert.ok(
    checkpoint.round >= 0 && checkpoint.round < 4,
    `stopped after round ${checkpoint.round}`,
  );
  await assert.rejects(
    () => engine.step(),
    /an earlier write failed .*; resume the run from its last checkpoint/,
    "the store refuses to append after a failed write",
  );

  const resumed = await resumeSimulation(`${dir}/full`);
  assert.equal(resumed.world.round, checkpoint.round + 1);
  await resumed.run();
  assert.equal(await Deno.readTextFile(`${dir}/full/events.jsonl`), wholeEvents);
  assert.equal(
    await Deno.readTextFile(`${dir}/full/metrics.jsonl`),
    await Deno.readTextFile(`${dir}/whole/metrics.jsonl`),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a checkpoint that cannot be written leaves the previous one loadable", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-cp-" });
  const store = await RunStore.create(`${dir}/run`, {
    name: "t",
    seed: 1,
    config: {},
    brain: "rule",
  });
  await store.commitRound(0, ['{"seq":0}'], [{ round: 0 }], 1, { at: 0 });
  const before = await Deno.readTextFile(`${dir}/run/checkpoint.json`);
  store.close();
  const failing: FileIo = {
    ...DENO_IO,
    open: async (path, options) => {
      if (!path.endsWith("checkpoint.json.tmp")) return await Deno.open(path, options);
      const file = await Deno.open(path, options);
      return {
        write: () => Promise.reject(new Error("Input/output error (os error 5)")),
        sync: () => file.sync(),
        close: () => file.close(),
      };
    },
  };
  const again = await RunStore.open(`${dir}/run`, { io: failing });
  await assert.rejects(
    () => again.commitRound(1, ['{"seq":1}'], [{ round: 1 }], 2, { at: 1 }),
    /checkpoint\.json: could not be written \(Input\/output error/,
  );
  again.close();
  assert.equal(await Deno.readTextFile(`${dir}/run/checkpoint.json`), before);
  const reopened = await RunStore.open(`${dir}/run`);
  assert.deepEqual(reopened.checkpoint?.state, { at: 0 });
  assert.equal(await reopened.eventsText(), '{"seq":0}\n');
  assert.equal(
    await Deno.readTextFile(`${dir}/run/events.jsonl`),
    '{"seq":0}\n',
    "the uncommitted append is trimmed",
  );
  reopened.close();
  await Deno.remove(dir, { recursive: true });
});

/** Whether this machine lets the tests mount a small tmpfs (root in a container usually can). */
function canMount(): boolean {
  if (Deno.build.os !== "linux") return false;
  const dir = Deno.makeTempDirSync({ prefix: "socius-mount-probe-" });
  try {
    const ok = new Deno.Command("mount", {
      args: ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir],
      stdout: "null",
      stderr: "null",
    }).outputSync().success;
    if (ok) new Deno.Command("umount", { args: [dir] }).outputSync();
    return ok;
  } catch {
    return false;
  } finally {
    Deno.removeSync(dir);
  }
}

Deno.test({
  name:
    "sim on a really full disk (a small tmpfs) stops with one line naming the file, and the run resumes elsewhere to the same bytes",
  ignore: !canMount(),
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "socius-tmpfs-" });
    const sc = tinyScenario({ name: "tmpfs", rounds: 8 });
    await Deno.writeTextFile(`${dir}/scenario.json`, JSON.stringify(sc));
    const whole = await runCli("sim", [`${dir}/scenario.json`, "--out", `${dir}/whole`]);
    assert.equal(whole.code, 0, whole.stderr);
    const size = async (f: string) => (await Deno.stat(`${dir}/whole/${f}`)).size;
    const total = (await size("events.jsonl")) + (await size("metrics.jsonl")) +
      2 * (await size("checkpoint.json")) + (await size("manifest.json"));
    const kib = Math.ceil(total * 0.45 / 4096) * 4;
    await Deno.mkdir(`${dir}/disk`);
    const mounted = await new Deno.Command("mount", {
      args: ["-t", "tmpfs", "-o", `size=${kib}k`, "tmpfs", `${dir}/disk`],
    }).output();
    assert.ok(mounted.success);
    try {
      const r = await runCli("sim", [`${dir}/scenario.json`, "--out", `${dir}/disk/run`]);
      // Progress lines come first on stderr; the error is the one line after them.
      const lines = r.stderr.trim().split("\n");
      assert.equal(r.code, 2, r.stderr);
      assert.ok(lines.every((l) => !/Uncaught| {4}at /.test(l)), r.stderr);
      assert.match(
        lines.at(-1)!,
        /disk\/run\/(events\.jsonl|metrics\.jsonl|checkpoint\.json|manifest\.json): could not be written \(No space left on device/,
      );
      assert.ok(lines.slice(0, -1).every((l) => l.startsWith("round ")), r.stderr);
      const manifest = JSON.parse(await Deno.readTextFile(`${dir}/disk/run/manifest.json`));
      assert.equal(manifest.finished, null);
      const checkpoint = JSON.parse(await Deno.readTextFile(`${dir}/disk/run/checkpoint.json`));
      assert.ok(checkpoint.round >= 0 && checkpoint.round < 7, `round ${checkpoint.round}`);
      // Move the run to a disk with room and finish it there.
      await Deno.mkdir(`${dir}/moved`);
      for await (const e of Deno.readDir(`${dir}/disk/run`)) {
        await Deno.copyFile(`${dir}/disk/run/${e.name}`, `${dir}/moved/${e.name}`);
      }
    } finally {
      await new Deno.Command("umount", { args: [`${dir}/disk`] }).output();
    }
    const resumed = await runCli("sim", [
      `${dir}/scenario.json`,
      "--out",
      `${dir}/moved`,
      "--resume",
    ]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(
      await Deno.readTextFile(`${dir}/moved/events.jsonl`),
      await Deno.readTextFile(`${dir}/whole/events.jsonl`),
    );
    await Deno.remove(dir, { recursive: true });
  },
});
