// The writer's lock by value, in this process against real child processes: what the lock
// file holds, whom it refuses with which message, which locks are stale and taken over.
import assert from "node:assert/strict";
import { SociusError } from "@lib/core/errors.ts";
import {
  acquireRunLock,
  LOCK_FILE,
  otherWriter,
  processAlive,
  releaseRunLock,
} from "@lib/sim/run_lock.ts";

const HOST = Deno.hostname();

async function withDir(f: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await f(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A live process that is not this one, stopped when done. */
async function withLiveChild(f: (pid: number) => Promise<void> | void): Promise<void> {
  const child = new Deno.Command("sleep", { args: ["60"], stdout: "null", stderr: "null" })
    .spawn();
  try {
    await f(child.pid);
  } finally {
    child.kill("SIGKILL");
    await child.status;
  }
}

async function deadPid(): Promise<number> {
  const done = new Deno.Command("true").spawn();
  await done.status;
  return done.pid;
}

function writeLock(dir: string, lock: unknown): void {
  Deno.writeTextFileSync(`${dir}/${LOCK_FILE}`, JSON.stringify(lock));
}

Deno.test("the lock file names this process, this host and an ISO start time", () =>
  withDir((dir) => {
    const info = acquireRunLock(dir);
    const text = Deno.readTextFileSync(`${dir}/lock.json`);
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(JSON.parse(text), info);
    assert.deepEqual([info.pid, info.host], [Deno.pid, HOST]);
    assert.equal(new Date(info.started).toISOString(), info.started);
    assert.equal(otherWriter(dir), null, "this process is not another writer");
    releaseRunLock(dir);
    assert.throws(() => Deno.statSync(`${dir}/lock.json`), Deno.errors.NotFound);
  }));

Deno.test("a live writer on this host is refused by name; once it dies its lock is taken over", () =>
  withDir((dir) =>
    withLiveChild((pid) => {
      const lock = { pid, host: HOST, started: "2026-01-02T03:04:05.000Z" };
      writeLock(dir, lock);
      assert.deepEqual(otherWriter(dir), lock);
      assert.throws(() => acquireRunLock(dir), (e: unknown) => {
        assert.ok(e instanceof SociusError);
        assert.equal(e.kind, "run");
        assert.equal(
          e.message,
          `${dir}: process ${pid} on ${HOST} (since 2026-01-02T03:04:05.000Z) is writing this run; wait for it to end or stop it (a lock left by a dead process on another host can be removed by hand: ${dir}/lock.json)`,
        );
        return true;
      });
    })
  ));

Deno.test("a lock of a dead process on this host is stale and taken over; on another host it is respected", async () => {
  const pid = await deadPid();
  assert.equal(processAlive(pid), false);
  await withDir((dir) => {
    writeLock(dir, { pid, host: HOST, started: "x" });
    assert.equal(otherWriter(dir), null);
    const mine = acquireRunLock(dir);
    assert.equal(mine.pid, Deno.pid);
    assert.equal(JSON.parse(Deno.readTextFileSync(`${dir}/lock.json`)).pid, Deno.pid);
    releaseRunLock(dir);
  });
  await withDir((dir) => {
    const far = { pid, host: `${HOST}-elsewhere`, started: "x" };
    writeLock(dir, far);
    assert.deepEqual(otherWriter(dir), far);
    assert.throws(() => acquireRunLock(dir), new RegExp(`process ${pid} on ${HOST}-elsewhere`));
  });
});

Deno.test("an unreadable lock is another process's while fresh, stale after ten seconds", () =>
  withDir((dir) => {
    for (const text of ["{", '{"pid":"7","host":"h"}', '{"pid":7}', "null"]) {
      Deno.writeTextFileSync(`${dir}/lock.json`, text);
      assert.equal(otherWriter(dir), null, "nobody to name");
      assert.throws(
        () => acquireRunLock(dir),
        (e: unknown) =>
          e instanceof SociusError && e.message.startsWith(`${dir}: another process is writing`),
      );
    }
    const old = new Date(Date.now() - 11_000);
    Deno.utimeSync(`${dir}/lock.json`, old, old);
    assert.equal(acquireRunLock(dir).pid, Deno.pid);
    releaseRunLock(dir);
  }));

Deno.test("this process may take its own lock again; a release leaves a lock it does not hold", () =>
  withDir(async (dir) => {
    const first = acquireRunLock(dir);
    assert.deepEqual(acquireRunLock(dir), first, "the same lock, not a new one");
    releaseRunLock(dir);
    // A lock written by someone else is not this process's to remove, even after holding one.
    await withLiveChild((pid) => {
      acquireRunLock(dir);
      writeLock(dir, { pid, host: HOST, started: "y" });
      releaseRunLock(dir);
      assert.equal(JSON.parse(Deno.readTextFileSync(`${dir}/lock.json`)).pid, pid);
      Deno.removeSync(`${dir}/lock.json`);
    });
    // Releasing what was never taken touches nothing.
    writeLock(dir, { pid: Deno.pid, host: HOST, started: "z" });
    releaseRunLock(dir);
    assert.ok(Deno.statSync(`${dir}/lock.json`).isFile);
  }));

Deno.test("a folder that cannot hold a lock is named with the reason", () => {
  assert.throws(
    () => acquireRunLock("/nonexistent-socius-folder/run"),
    (e: unknown) =>
      e instanceof SociusError &&
      e.message.startsWith(
        "/nonexistent-socius-folder/run/lock.json: cannot take the writer's lock (",
      ),
  );
});

Deno.test("processAlive: only positive integer ids of running processes", async () => {
  assert.equal(processAlive(Deno.pid), true);
  for (const pid of [0, -1, 1.5, NaN]) assert.equal(processAlive(pid), false, String(pid));
  assert.equal(processAlive(await deadPid()), false);
  await withLiveChild((pid) => assert.equal(processAlive(pid), true));
});

Deno.test("a zombie counts as exited: its /proc state letter is Z", async () => {
  // A parent that never waits for its child leaves the child a zombie until the parent ends.
  const parent = new Deno.Command("python3", {
    args: [
      "-c",
      "import os,time\np=os.fork()\nif p==0: os._exit(0)\nprint(p, flush=True)\ntime.sleep(5)",
    ],
    stdout: "piped",
  }).spawn();
  const reader = parent.stdout.getReader();
  try {
    const { value } = await reader.read();
    const zombie = Number(new TextDecoder().decode(value).trim());
    await new Promise((r) => setTimeout(r, 200));
    assert.match(Deno.readTextFileSync(`/proc/${zombie}/stat`), /\) Z /);
    assert.equal(processAlive(zombie), false);
    assert.equal(processAlive(parent.pid), true, "its sleeping parent is alive");
  } finally {
    reader.releaseLock();
    parent.kill("SIGKILL");
    await parent.status;
    await parent.stdout.cancel().catch(() => {});
  }
});

Deno.test("without a readable /proc, the kernel is asked with kill -0", async () => {
  // A file where the proc folder should be: reading under it fails, not with NotFound.
  const notProc = await Deno.makeTempFile();
  try {
    assert.equal(processAlive(Deno.pid, notProc), true);
    assert.equal(processAlive(await deadPid(), notProc), false);
    assert.equal(processAlive(0, notProc), false);
  } finally {
    await Deno.remove(notProc);
  }
});

Deno.test("a lock this process held is let go at exit; a release after it vanished is quiet", async () => {
  await withDir(async (dir) => {
    const module = new URL("../../lib/sim/run_lock.ts", import.meta.url).href;
    const script = `${dir}/hold.ts`;
    await Deno.writeTextFile(
      script,
      `import { acquireRunLock } from "${module}";\nacquireRunLock(${JSON.stringify(dir)});\n` +
        `console.log(Deno.readTextFileSync(${JSON.stringify(`${dir}/lock.json`)}).length > 0);\n`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--no-check", script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.equal(new TextDecoder().decode(out.stdout).trim(), "true", "it held the lock");
    assert.throws(() => Deno.statSync(`${dir}/lock.json`), Deno.errors.NotFound);
    acquireRunLock(dir);
    Deno.removeSync(`${dir}/lock.json`);
    releaseRunLock(dir);
  });
});
