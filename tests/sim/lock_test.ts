import assert from "node:assert/strict";
import { PROJECT_ROOT } from "@lib/sim/build.ts";
import { acquireRunLock, processAlive, releaseRunLock } from "@lib/sim/run_lock.ts";
import { RunStore } from "@lib/sim/run_store.ts";
import { assertRefused, folderHashes, runCli, tinyScenario } from "./store_helpers.ts";

/** A run long enough to still be writing while the test pokes at it. */
const LONG = tinyScenario({ name: "long", rounds: 400, agents: { source: "csv", count: 30 } });

async function checkpointRound(run: string): Promise<number> {
  try {
    return JSON.parse(await Deno.readTextFile(`${run}/checkpoint.json`)).round;
  } catch {
    return -1;
  }
}

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function lockPid(run: string): Promise<number> {
  return JSON.parse(await Deno.readTextFile(`${run}/lock.json`)).pid;
}

Deno.test("while sim writes a run, a second sim --resume and a demo on the folder are refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-lock-" });
  const scenario = `${dir}/scenario.json`;
  await Deno.writeTextFile(scenario, JSON.stringify(LONG));
  const run = `${dir}/run`;
  const writer = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${PROJECT_ROOT}/lib/cli/sim.ts`, scenario, "--out", run],
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    await until("the writer committed a round", async () => (await checkpointRound(run)) >= 0);
    assert.equal(await lockPid(run), writer.pid);

    const again = await runCli("sim", [scenario, "--out", run, "--resume"]);
    assertRefused(
      again,
      new RegExp(
        `run: process ${writer.pid} on .+ \\(since .+\\) is writing this run; wait for it to end or stop it`,
      ),
    );
    const demo = await runCli("demo", ["--out", run, "--agents", "6", "--rounds", "1"]);
    assertRefused(demo, new RegExp(`run: process ${writer.pid} on .+ is writing this run`));
    const fresh = await runCli("sim", [scenario, "--out", run]);
    assertRefused(fresh, /already holds a run/);
    assert.equal(await lockPid(run), writer.pid, "the writer still holds its lock");
  } finally {
    writer.kill("SIGKILL");
    await writer.status;
  }
  // What the refused processes saw was never touched: the killed run verifies and resumes.
  const store = await RunStore.open(run);
  assert.ok(store.checkpoint);
  store.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a lock left by a killed writer is stale: the next resume takes it over", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-stale-" });
  const scenario = `${dir}/scenario.json`;
  await Deno.writeTextFile(scenario, JSON.stringify(tinyScenario({ name: "stale", rounds: 60 })));
  const run = `${dir}/run`;
  const writer = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${PROJECT_ROOT}/lib/cli/sim.ts`, scenario, "--out", run],
    stdout: "null",
    stderr: "null",
  }).spawn();
  await until("the writer committed a round", async () => (await checkpointRound(run)) >= 1);
  writer.kill("SIGKILL");
  await writer.status;
  assert.equal(await lockPid(run), writer.pid, "kill -9 leaves the lock behind");
  assert.equal(processAlive(writer.pid), false);
  const r = await runCli("sim", [scenario, "--out", run, "--resume", "--rounds", "3"]);
  assert.equal(r.code, 0, r.stderr);
  await assert.rejects(
    () => Deno.stat(`${run}/lock.json`),
    Deno.errors.NotFound,
    "released on exit",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a lock held by a live process, or by one on another host, is respected", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-held-" });
  const sleeper = new Deno.Command("sleep", { args: ["30"] }).spawn();
  try {
    const info = { pid: sleeper.pid, host: Deno.hostname(), started: "2026-01-01T00:00:00Z" };
    await Deno.writeTextFile(`${dir}/lock.json`, JSON.stringify(info));
    assert.throws(
      () => acquireRunLock(dir),
      new RegExp(`process ${sleeper.pid} on .* is writing this run`),
    );
    const remote = { pid: 1, host: "elsewhere.example", started: "2026-01-01T00:00:00Z" };
    await Deno.writeTextFile(`${dir}/lock.json`, JSON.stringify(remote));
    assert.throws(
      () => acquireRunLock(dir),
      /process 1 on elsewhere\.example .*can be removed by hand: .*lock\.json/,
    );
    const before = await folderHashes(dir);
    assert.throws(() => acquireRunLock(dir));
    assert.deepEqual(await folderHashes(dir), before, "a refused lock is left alone");
  } finally {
    sleeper.kill("SIGKILL");
    await sleeper.status;
  }
  // The sleeper is gone: its lock is stale now.
  await Deno.writeTextFile(
    `${dir}/lock.json`,
    JSON.stringify({ pid: sleeper.pid, host: Deno.hostname(), started: "x" }),
  );
  assert.equal(acquireRunLock(dir).pid, Deno.pid);
  releaseRunLock(dir);
  await assert.rejects(() => Deno.stat(`${dir}/lock.json`), Deno.errors.NotFound);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("killing `deno task sim` with SIGKILL does not leave its writer running", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-orphan-" });
  const scenario = `${dir}/scenario.json`;
  await Deno.writeTextFile(scenario, JSON.stringify(LONG));
  const run = `${dir}/run`;
  const task = new Deno.Command(Deno.execPath(), {
    args: ["task", "sim", scenario, "--out", run],
    cwd: PROJECT_ROOT,
    stdout: "null",
    stderr: "null",
  }).spawn();
  await until("the writer committed a round", async () => (await checkpointRound(run)) >= 0);
  const writerPid = await lockPid(run);
  assert.notEqual(writerPid, task.pid, "deno task runs the writer as its child");
  task.kill("SIGKILL");
  await task.status;
  try {
    await until("the orphaned writer exited", () => !processAlive(writerPid), 10_000);
  } finally {
    if (processAlive(writerPid)) Deno.kill(writerPid, "SIGKILL");
  }
  await assert.rejects(() => Deno.stat(`${run}/lock.json`), Deno.errors.NotFound);
  const store = await RunStore.open(run);
  assert.ok(store.checkpoint, "what it wrote resumes");
  store.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a finished run lets its lock go; its engine may not write over what another process added", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-handover-" });
  const sc = tinyScenario({ name: "handover", rounds: 2 });
  await Deno.writeTextFile(`${dir}/scenario.json`, JSON.stringify(sc));
  const { createSimulation } = await import("@lib/sim/simulation.ts");
  const engine = await createSimulation(sc, { out: `${dir}/run` });
  await engine.run();
  await assert.rejects(() => Deno.stat(`${dir}/run/lock.json`), Deno.errors.NotFound);
  const r = await runCli("sim", [
    `${dir}/scenario.json`,
    "--out",
    `${dir}/run`,
    "--resume",
    "--rounds",
    "3",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const after = await folderHashes(`${dir}/run`);
  await assert.rejects(
    () => engine.step(),
    /run: another process changed the run after this one finished it; open it again to continue/,
  );
  assert.deepEqual(await folderHashes(`${dir}/run`), after, "the other process's rounds are kept");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("two sims started at once on one new folder: one writes the run, the other is refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-race-" });
  const scenario = `${dir}/scenario.json`;
  await Deno.writeTextFile(scenario, JSON.stringify(tinyScenario({ name: "race", rounds: 3 })));
  const [a, b] = await Promise.all([
    runCli("sim", [scenario, "--out", `${dir}/run`]),
    runCli("sim", [scenario, "--out", `${dir}/run`]),
  ]);
  assert.deepEqual([a.code, b.code].sort(), [0, 2], `${a.stderr}\n${b.stderr}`);
  const loser = a.code === 2 ? a : b;
  assertRefused(loser, /run: (already holds a run|process \d+ on .+ is writing this run)/);
  const store = await RunStore.open(`${dir}/run`);
  assert.equal(store.checkpoint?.round, 2, "the winner's run is whole");
  store.close();
  await Deno.remove(dir, { recursive: true });
});
