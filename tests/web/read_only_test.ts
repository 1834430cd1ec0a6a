import assert from "node:assert/strict";
import { createSimulation } from "@lib/sim/simulation.ts";
import { DashboardSession, startDashboard } from "@lib/web/mod.ts";
import { folderHashes } from "../sim/store_helpers.ts";
import { post, serveRun, webScenario } from "./helpers.ts";

/** A saved 3-round run whose writer died mid-round (a torn line after the checkpoint). */
async function savedRun(): Promise<{ dir: string; run: string }> {
  const dir = await Deno.makeTempDir({ prefix: "socius-readonly-" });
  const run = `${dir}/run`;
  const engine = await createSimulation(webScenario({ rounds: 3 }), { out: run });
  await engine.run();
  engine.store!.close();
  await Deno.writeTextFile(`${run}/events.jsonl`, '{"seq":9999,"round":3,"t":"20', {
    append: true,
  });
  return { dir, run };
}

Deno.test("the dashboard opens a saved run read-only: nothing in its folder changes", async () => {
  const { dir, run } = await savedRun();
  const before = await folderHashes(run);
  const session = await DashboardSession.open(run, { roundDelayMs: 10 });
  const server = await startDashboard(session);
  try {
    const o = server.origin;
    const status = await (await fetch(`${o}/api/status`)).json();
    assert.equal(status.readOnly, true);
    assert.equal(status.round, 3);
    assert.ok((await (await fetch(`${o}/api/log`)).json()).lines.length > 0, "history is shown");

    const step = await post(o, "/api/step", {});
    assert.equal(step.status, 409);
    assert.match(String(step.data.error), /run is open read-only: fork it to run rounds/);
    assert.equal((await post(o, "/api/start", {})).status, 409);
    const agent = session.engine.world.ids[0];
    const edit = await post(o, `/api/agents/${agent}/profile`, { name: "Renamed" });
    assert.equal(edit.status, 409);
    const ask = await post(o, "/api/interview", { agent, question: "How are you?" });
    assert.equal(ask.status, 409);
    assert.equal(session.engine.world.round, 3);
    assert.deepEqual(await folderHashes(run), before, "the saved run is untouched");
  } finally {
    await server.stop();
    session.close();
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("continuing a saved run from the dashboard forks it into a new folder", async () => {
  const { dir, run } = await savedRun();
  const before = await folderHashes(run);
  const saved = await Deno.readTextFile(`${run}/events.jsonl`);
  const session = await DashboardSession.open(run, { roundDelayMs: 10 });
  const server = await startDashboard(session);
  try {
    const o = server.origin;
    const fork = await post(o, "/api/fork", {});
    assert.equal(fork.status, 200);
    assert.equal(fork.data.branch, "branch-1");
    const step = await post(o, "/api/step", {});
    assert.equal(step.status, 200, JSON.stringify(step.data));
    const manifest = JSON.parse(await Deno.readTextFile(`${run}-fork-1/manifest.json`));
    assert.deepEqual(manifest.parent, { run, round: 3 });
    const checkpoint = JSON.parse(await Deno.readTextFile(`${run}-fork-1/checkpoint.json`));
    assert.equal(checkpoint.round, 3, "the fork's own round is saved in its folder");
    const forked = await Deno.readTextFile(`${run}-fork-1/events.jsonl`);
    assert.ok(forked.startsWith(saved.slice(0, saved.lastIndexOf("\n") + 1)));
    assert.equal((await post(o, "/api/branch", { branch: "main" })).status, 200);
    assert.equal((await post(o, "/api/step", {})).status, 409, "the saved run stays read-only");
    assert.equal((await post(o, "/api/fork", {})).status, 200);
    assert.ok(
      (await Deno.stat(`${run}-fork-2/manifest.json`)).isFile,
      "each fork gets its own folder",
    );
  } finally {
    await server.stop();
    session.close();
  }
  assert.deepEqual(await folderHashes(run), before, "the saved run is untouched");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task serve on a saved run leaves the run folder as it was", async () => {
  const { dir, run } = await savedRun();
  const before = await folderHashes(run);
  const serve = await serveRun(run);
  assert.ok(serve.url, serve.output);
  const status = await (await fetch(new URL("/api/status", serve.url))).json();
  assert.equal(status.readOnly, true);
  await serve.stop();
  assert.deepEqual(await folderHashes(run), before);
  await Deno.remove(dir, { recursive: true });
});
