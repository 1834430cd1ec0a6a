// The run store by value, in this process: what a new run folder holds, what a committed
// round writes into the checkpoint, what reopening trims and refuses, and when the store
// refuses to write.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { SociusError } from "@lib/core/errors.ts";
import { DENO_IO, type FileIo } from "@lib/core/atomic_write.ts";
import { RunStore } from "@lib/sim/run_store.ts";

const INFO = { name: "t", seed: 7, config: { rounds: 2 }, brain: "rule" };
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const lockPid = (dir: string) => {
  try {
    return JSON.parse(Deno.readTextFileSync(`${dir}/lock.json`)).pid as number;
  } catch {
    return null;
  }
};

/** HEAD of the checkout this test runs in, as git reports it (null outside a checkout). */
async function gitHead(): Promise<string | null> {
  const out = await new Deno.Command("git", {
    args: ["rev-parse", "HEAD"],
    cwd: new URL("../..", import.meta.url).pathname,
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => null);
  return out?.code === 0 ? new TextDecoder().decode(out.stdout).trim() : null;
}

async function withRun(f: (dir: string) => Promise<void>): Promise<void> {
  const parent = await Deno.makeTempDir();
  try {
    await f(`${parent}/run`);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
}

function runError(re: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof SociusError, String(e));
    assert.equal(e.kind, "run");
    assert.match(e.message, re);
    return true;
  };
}

Deno.test("a new run holds a full manifest, empty logs and this process's lock", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    const m = store.manifest;
    assert.deepEqual(
      [m.name, m.seed, m.config, m.brain, m.finished, m.resumed, m.parent, m.templatesHash],
      ["t", 7, { rounds: 2 }, "rule", null, [], null, null],
    );
    assert.deepEqual(m.versions, { socius: "0.1.0", deno: Deno.version.deno });
    assert.equal(m.codeRevision, await gitHead(), "the checkout's revision, or null outside one");
    assert.equal(new Date(m.started).toISOString(), m.started);
    assert.equal(
      await Deno.readTextFile(`${dir}/manifest.json`),
      JSON.stringify(m, null, 2) + "\n",
    );
    assert.equal(await Deno.readTextFile(store.eventsPath), "");
    assert.equal(await Deno.readTextFile(store.metricsPath), "");
    assert.deepEqual([store.eventsPath, store.metricsPath], [
      `${dir}/events.jsonl`,
      `${dir}/metrics.jsonl`,
    ]);
    assert.equal(store.checkpoint, null);
    assert.equal(store.readOnly, false);
    assert.equal(lockPid(dir), Deno.pid);
    assert.equal(await store.eventsText(), "");
    store.close();
    assert.equal(lockPid(dir), null, "close lets the lock go");
  }));

Deno.test("each committed round appends its lines and checkpoints what the logs now hold", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    await store.commitRound(0, ['{"seq":0}', '{"seq":1}'], [{ round: 0, x: 1 }], 2, { s: 0 });
    await store.commitRound(1, ['{"seq":2}'], [{ round: 1, x: 2 }, { round: 1, x: 3 }], 3, {
      s: 1,
    });
    const events = '{"seq":0}\n{"seq":1}\n{"seq":2}\n';
    const metrics = '{"round":0,"x":1}\n{"round":1,"x":2}\n{"round":1,"x":3}\n';
    assert.equal(await Deno.readTextFile(store.eventsPath), events);
    assert.equal(await Deno.readTextFile(store.metricsPath), metrics);
    const expected = {
      round: 1,
      eventsBytes: events.length,
      metricsBytes: metrics.length,
      events: 3,
      eventsSha256: sha(events),
      metricsSha256: sha(metrics),
      metricsRows: 3,
      state: { s: 1 },
    };
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${dir}/checkpoint.json`)), expected);
    // The live store keeps the checkpoint's bookkeeping but not a second copy of the state,
    // which stays in the file (a million agents' state is too large to hold twice).
    assert.deepEqual(store.checkpoint, { ...expected, state: null });
    assert.equal(await store.eventsText(), events);
    store.close();
  }));

Deno.test("reopening trims a round that never completed and the temporary files, but a read-only look trims nothing", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    await store.commitRound(0, ['{"seq":0}'], [{ round: 0 }], 1, { s: 0 });
    store.close();
    await Deno.writeTextFile(`${dir}/events.jsonl`, '{"seq":1,"torn', { append: true });
    await Deno.writeTextFile(`${dir}/metrics.jsonl`, '{"round":1}\n', { append: true });
    await Deno.writeTextFile(`${dir}/checkpoint.json.tmp`, "{");
    await Deno.writeTextFile(`${dir}/manifest.json.tmp`, "{");
    const look = await RunStore.open(dir, { readOnly: true });
    assert.equal(look.readOnly, true);
    assert.equal(lockPid(dir), null, "a read-only look takes no lock");
    assert.equal(await look.eventsText(), '{"seq":0}\n', "only what the checkpoint covers");
    assert.equal(
      await Deno.readTextFile(`${dir}/events.jsonl`),
      '{"seq":0}\n{"seq":1,"torn',
      "nothing trimmed",
    );
    await assert.rejects(
      () => look.commitRound(1, [], [], 1, {}),
      runError(/: opened read-only; fork it into a new folder to continue it$/),
    );
    await assert.rejects(
      () => look.updateManifest({ finished: "x" }),
      runError(/opened read-only/),
    );
    const again = await RunStore.open(dir);
    assert.equal(lockPid(dir), Deno.pid);
    assert.equal(await Deno.readTextFile(`${dir}/events.jsonl`), '{"seq":0}\n');
    assert.equal(await Deno.readTextFile(`${dir}/metrics.jsonl`), '{"round":0}\n');
    for (const tmp of ["checkpoint.json.tmp", "manifest.json.tmp"]) {
      await assert.rejects(() => Deno.stat(`${dir}/${tmp}`), Deno.errors.NotFound);
    }
    assert.deepEqual(again.checkpoint?.state, { s: 0 });
    // The digest continues from the verified prefix: the next round checkpoints the whole log.
    await again.commitRound(1, ['{"seq":1}'], [], 2, { s: 1 });
    assert.equal(again.checkpoint?.eventsSha256, sha('{"seq":0}\n{"seq":1}\n'));
    again.close();
  }));

Deno.test("without a checkpoint: one unfinished round is trimmed away, two completed rounds are refused", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    store.close();
    const round = '{"type":"round_end","round":0}\n';
    await Deno.writeTextFile(`${dir}/events.jsonl`, round);
    await Deno.remove(`${dir}/metrics.jsonl`);
    const one = await RunStore.open(dir);
    assert.equal(one.checkpoint, null);
    assert.equal(await Deno.readTextFile(`${dir}/events.jsonl`), "");
    assert.equal(await Deno.readTextFile(`${dir}/metrics.jsonl`), "", "a missing log is made");
    one.close();
    await Deno.writeTextFile(`${dir}/events.jsonl`, round + round.replace("0", "1"));
    await assert.rejects(
      () => RunStore.open(dir),
      runError(
        /checkpoint\.json: missing, but events\.jsonl holds 2 completed rounds; restore checkpoint\.json/,
      ),
    );
    assert.equal(lockPid(dir), null, "a refused open lets the lock go");
  }));

Deno.test("a folder without a readable manifest or checkpoint is refused with the reason", () =>
  withRun(async (dir) => {
    await assert.rejects(
      () => RunStore.open(dir),
      runError(/: no run here \(no manifest\.json\); start it without --resume/),
    );
    await Deno.mkdir(dir);
    await Deno.writeTextFile(`${dir}/manifest.json`, "{");
    await assert.rejects(
      () => RunStore.open(dir),
      runError(/manifest\.json: cannot read the run \(/),
    );
    for (const text of ["[]", "null", '{"name":"x"}']) {
      await Deno.writeTextFile(`${dir}/manifest.json`, text);
      await assert.rejects(
        () => RunStore.open(dir),
        runError(/cannot read the run \(expected a JSON object with the run's config\)$/),
      );
    }
    await Deno.writeTextFile(`${dir}/manifest.json`, '{"config":{}}');
    await Deno.mkdir(`${dir}/checkpoint.json`);
    await assert.rejects(() => RunStore.open(dir), runError(/checkpoint\.json: unreadable \(/));
    assert.equal(lockPid(dir), null);
  }));

Deno.test("after a failed write the store refuses every further write; so does a closed store", () =>
  withRun(async (dir) => {
    let failing = false;
    const io: FileIo = {
      ...DENO_IO,
      open: (path, options) =>
        failing && path.endsWith("metrics.jsonl")
          ? Promise.reject(new Error("ENOSPC"))
          : DENO_IO.open(path, options),
    };
    const store = await RunStore.create(dir, INFO, { io });
    await store.commitRound(0, ['{"seq":0}'], [{ r: 0 }], 1, {});
    failing = true;
    await assert.rejects(() => store.commitRound(1, ['{"seq":1}'], [{ r: 1 }], 2, {}), /ENOSPC/);
    assert.equal(store.checkpoint?.round, 0, "the last checkpoint stays");
    failing = false;
    await assert.rejects(
      () => store.commitRound(1, [], [], 2, {}),
      runError(
        /: an earlier write failed \(.*metrics\.jsonl: could not be written \(ENOSPC\)\); resume the run/,
      ),
    );
    store.close();
    const other = await RunStore.open(dir);
    other.close();
    await assert.rejects(
      () => other.updateManifest({}),
      runError(/an earlier write failed \(the store was closed\)/),
    );
  }));

Deno.test("a failed creation lets the lock go", () =>
  withRun(async (dir) => {
    const io: FileIo = { ...DENO_IO, rename: () => Promise.reject(new Error("EXDEV")) };
    await assert.rejects(() => RunStore.create(dir, INFO, { io }), /EXDEV/);
    assert.equal(lockPid(dir), null);
  }));

Deno.test("finishing lets the lock go; a later write takes it back unless another process changed the run", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    await store.commitRound(0, ['{"seq":0}'], [], 1, {});
    await store.updateManifest({ finished: "2026-01-01T00:00:00.000Z" });
    assert.equal(lockPid(dir), null);
    assert.equal(
      JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`)).finished,
      "2026-01-01T00:00:00.000Z",
    );
    await store.updateManifest({ resumed: ["r1"] });
    assert.equal(lockPid(dir), Deno.pid, "taken back: the folder is as this store left it");
    assert.deepEqual(store.manifest.resumed, ["r1"]);
    await store.updateManifest({ finished: "2026-01-02T00:00:00.000Z" });
    // Someone else appends to the log while the store is not holding the lock.
    await Deno.writeTextFile(`${dir}/events.jsonl`, '{"seq":9}\n', { append: true });
    await assert.rejects(
      () => store.commitRound(1, [], [], 1, {}),
      runError(/: another process changed the run after this one finished it; open it again/),
    );
    assert.equal(lockPid(dir), null, "the refused store lets the lock go again");
  }));

Deno.test("creating: a nested new folder is made; replacing a finished run in place is allowed", () =>
  withRun(async (dir) => {
    const nested = `${dir}/a/b/run`;
    const first = await RunStore.create(nested, INFO);
    await first.commitRound(0, ['{"seq":0}'], [], 1, {});
    first.close();
    await assert.rejects(() => RunStore.create(nested, INFO), runError(/already holds a run/));
    const again = await RunStore.create(nested, { ...INFO, name: "t2" }, { replace: true });
    assert.equal(again.checkpoint, null);
    assert.equal(await Deno.readTextFile(`${nested}/events.jsonl`), "");
    assert.equal(JSON.parse(await Deno.readTextFile(`${nested}/manifest.json`)).name, "t2");
    again.close();
  }));

Deno.test("a manifest that is JSON but not an object is refused", () =>
  withRun(async (dir) => {
    await Deno.mkdir(dir);
    for (const text of ['"x"', "7", "true"]) {
      await Deno.writeTextFile(`${dir}/manifest.json`, text);
      await assert.rejects(
        () => RunStore.open(dir),
        runError(/cannot read the run \(expected a JSON object with the run's config\)$/),
      );
    }
  }));

Deno.test("a read-only look that fails leaves this process's own lock alone", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    await store.commitRound(0, ['{"seq":0}'], [], 1, {});
    await Deno.writeTextFile(`${dir}/events.jsonl`, "");
    await assert.rejects(() => RunStore.open(dir, { readOnly: true }), /shortened/);
    assert.equal(lockPid(dir), Deno.pid);
    store.close();
  }));

Deno.test("eventsText reads what is there: nothing without a checkpoint, less when the log shrank", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    await store.commitRound(0, ['{"seq":0}', '{"seq":1}'], [], 2, {});
    store.close();
    const look = await RunStore.open(dir, { readOnly: true });
    await Deno.truncate(`${dir}/events.jsonl`, 5);
    const fds = [...Deno.readDirSync("/proc/self/fd")].length;
    assert.equal(await look.eventsText(), '{"seq');
    assert.equal([...Deno.readDirSync("/proc/self/fd")].length, fds, "the log is closed again");
    await Deno.remove(`${dir}/checkpoint.json`);
    await Deno.remove(`${dir}/events.jsonl`);
    const empty = await RunStore.open(dir, { readOnly: true });
    assert.equal(await empty.eventsText(), "", "no checkpoint: no events, even without the file");
  }));

Deno.test("without a checkpoint, missing logs are made and a torn round of metrics is trimmed", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    store.close();
    await Deno.remove(`${dir}/events.jsonl`);
    await Deno.writeTextFile(`${dir}/metrics.jsonl`, '{"round":0}\n');
    const again = await RunStore.open(dir);
    assert.equal(await Deno.readTextFile(`${dir}/events.jsonl`), "");
    assert.equal(await Deno.readTextFile(`${dir}/metrics.jsonl`), "");
    again.close();
  }));

Deno.test("a shortened metrics log is refused as metric rows, an events log as events", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    await store.commitRound(0, ['{"seq":0}'], [{ r: 0 }, { r: 1 }], 1, {});
    store.close();
    const metrics = await Deno.readTextFile(`${dir}/metrics.jsonl`);
    await Deno.writeTextFile(`${dir}/metrics.jsonl`, '{"r":0}\n');
    await assert.rejects(
      () => RunStore.open(dir),
      runError(/metrics\.jsonl: shortened to 8 bytes \(1 metric rows\), but .* \(2 metric rows\)/),
    );
    await Deno.writeTextFile(`${dir}/metrics.jsonl`, metrics);
    await Deno.writeTextFile(`${dir}/events.jsonl`, "");
    await assert.rejects(
      () => RunStore.open(dir),
      runError(/events\.jsonl: shortened to 0 bytes \(0 events\), but .* \(1 events\)/),
    );
  }));

Deno.test("closing a finished store leaves alone the lock a newer store of this process holds", () =>
  withRun(async (dir) => {
    const old = await RunStore.create(dir, INFO);
    await old.updateManifest({ finished: "2026-01-01T00:00:00.000Z" });
    const newer = await RunStore.open(dir);
    assert.equal(lockPid(dir), Deno.pid);
    old.close();
    old.close();
    assert.equal(lockPid(dir), Deno.pid, "still the newer store's");
    newer.close();
    assert.equal(lockPid(dir), null);
  }));

Deno.test("after finishing, any change by another process to what the store wrote refuses its next write", async () => {
  const changes: [string, (dir: string) => Promise<void>][] = [
    ["manifest", (d) => Deno.writeTextFile(`${d}/manifest.json`, "{}\n")],
    ["checkpoint round", async (d) => {
      const c = JSON.parse(await Deno.readTextFile(`${d}/checkpoint.json`));
      await Deno.writeTextFile(`${d}/checkpoint.json`, JSON.stringify({ ...c, round: 5 }));
    }],
    ["checkpoint hash", async (d) => {
      const c = JSON.parse(await Deno.readTextFile(`${d}/checkpoint.json`));
      await Deno.writeTextFile(
        `${d}/checkpoint.json`,
        JSON.stringify({ ...c, eventsSha256: "0".repeat(64) }),
      );
    }],
    ["checkpoint gone", (d) => Deno.remove(`${d}/checkpoint.json`)],
    ["metrics", (d) => Deno.writeTextFile(`${d}/metrics.jsonl`, '{"x":1}\n', { append: true })],
  ];
  for (const [what, change] of changes) {
    await withRun(async (dir) => {
      const store = await RunStore.create(dir, INFO);
      await store.commitRound(0, ['{"seq":0}'], [{ r: 0 }], 1, { s: 0 });
      await store.updateManifest({ finished: "2026-01-01T00:00:00.000Z" });
      await change(dir);
      await assert.rejects(
        () => store.updateManifest({ finished: null }),
        runError(/another process changed the run after this one finished it/),
        what,
      );
    });
  }
});

Deno.test("a run finished before its first round takes its lock back for the next write", () =>
  withRun(async (dir) => {
    const store = await RunStore.create(dir, INFO);
    await store.updateManifest({ finished: "2026-01-01T00:00:00.000Z" });
    assert.equal(lockPid(dir), null);
    await store.updateManifest({ finished: null });
    assert.equal(lockPid(dir), Deno.pid, "nothing changed, no checkpoint on either side");
    store.close();
  }));
