import assert from "node:assert/strict";
import { PROJECT_ROOT } from "@lib/sim/build.ts";
import { resumeSimulation } from "@lib/sim/simulation.ts";
import { runScenario, smallScenario } from "./helpers.ts";

const scenario = smallScenario({
  name: "killed",
  rounds: 40,
  agents: { source: "csv", count: 40 },
});

async function checkpointRound(dir: string): Promise<number> {
  try {
    return JSON.parse(await Deno.readTextFile(`${dir}/checkpoint.json`)).round;
  } catch {
    return -1;
  }
}

Deno.test("a run killed with SIGKILL resumes from its checkpoint and ends with the same events file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-resume-" });
  await Deno.writeTextFile(`${dir}/scenario.json`, JSON.stringify(scenario));
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `${PROJECT_ROOT}/lib/cli/sim.ts`,
      `${dir}/scenario.json`,
      "--out",
      `${dir}/killed`,
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const deadline = Date.now() + 60_000;
  while ((await checkpointRound(`${dir}/killed`)) < 4 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill("SIGKILL");
  const status = await child.status;
  assert.equal(status.signal, "SIGKILL", "the run finished before it could be killed");
  const killedAt = await checkpointRound(`${dir}/killed`);
  assert.ok(killedAt >= 4 && killedAt < 39, `killed after round ${killedAt}`);

  const resumed = await resumeSimulation(`${dir}/killed`);
  assert.equal(resumed.world.round, killedAt + 1);
  await resumed.run();

  await runScenario(scenario, { out: `${dir}/whole` });
  const a = await Deno.readTextFile(`${dir}/killed/events.jsonl`);
  const b = await Deno.readTextFile(`${dir}/whole/events.jsonl`);
  assert.ok(b.length > 1000);
  assert.equal(a, b);
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/killed/manifest.json`));
  assert.equal(manifest.resumed.length, 1);
  assert.ok(manifest.finished);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a torn events line after the last checkpoint does not block resuming", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-torn-" });
  const sc = smallScenario({ rounds: 3 });
  const first = await runScenario({ ...sc, rounds: 3 }, { out: `${dir}/run` });
  const whole = await Deno.readTextFile(`${dir}/run/events.jsonl`);
  // Pretend the process died mid-write of a fourth round.
  await Deno.writeTextFile(`${dir}/run/events.jsonl`, '{"seq":99999,"round":3,"t":"2026', {
    append: true,
  });
  const cp = JSON.parse(await Deno.readTextFile(`${dir}/run/checkpoint.json`));
  assert.equal(cp.round, first.world.round - 1);
  const resumed = await resumeSimulation(`${dir}/run`);
  assert.equal(await Deno.readTextFile(`${dir}/run/events.jsonl`), whole);
  assert.equal(resumed.log.events.length, first.log.events.length);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a run without memories resumes too", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-nomem-" });
  const sc = smallScenario({ rounds: 3, memory: { enabled: false } });
  const whole = await runScenario(sc, { out: `${dir}/a` });
  const part = await runScenario({ ...sc, rounds: 3 }, { out: `${dir}/b` });
  assert.equal(part.world.round, whole.world.round);
  const again = await resumeSimulation(`${dir}/b`);
  assert.equal(again.world.round, 3);
  await Deno.remove(dir, { recursive: true });
});
