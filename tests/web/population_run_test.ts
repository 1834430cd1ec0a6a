import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
import { runPopulation } from "@lib/sim/population.ts";
import { DashboardSession, startDashboard } from "@lib/web/mod.ts";
import { folderHashes } from "../sim/store_helpers.ts";
import { post, serveRun } from "./helpers.ts";

const graph = barabasiAlbert(150, 2, { rng: new Rng("population-dashboard") });
const settings = {
  event: { text: "The plant leaks into the river", posters: ["0", "1"] },
  steps: 6,
  seed: 3,
  params: { shareBase: 0.3 },
};

/** A finished population run in a fresh folder. */
async function populationRun(): Promise<{ dir: string; run: string }> {
  const dir = await Deno.makeTempDir({ prefix: "socius-population-web-" });
  const run = `${dir}/run`;
  await runPopulation(graph, { ...settings, dir: run });
  return { dir, run };
}

Deno.test("a population run stores its graph, and the dashboard serves it read-only over HTTP", async () => {
  const { dir, run } = await populationRun();
  try {
    const manifest = JSON.parse(await Deno.readTextFile(`${run}/manifest.json`));
    assert.equal(manifest.graph.file, "graph.json");
    assert.equal(manifest.graph.nodes, 150);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${run}/graph.json`)), graph.toJSON());
    const before = await folderHashes(run);
    const session = await DashboardSession.open(run, { roundDelayMs: 10 });
    const server = await startDashboard(session);
    try {
      const o = server.origin;
      const status = await (await fetch(`${o}/api/status`)).json();
      assert.equal(status.readOnly, true);
      assert.equal(status.round, 7);
      const shown = await (await fetch(`${o}/api/graph`)).json();
      assert.equal(shown.nodes.length, 150);
      assert.equal(shown.links.length, graph.linkCount);
      const lines: { type: string; text: string }[] =
        (await (await fetch(`${o}/api/log?limit=2000`)).json()).lines;
      const saved = (await Deno.readTextFile(`${run}/events.jsonl`)).trim().split("\n");
      assert.equal(lines.length, Math.min(2000, saved.length), "the history is shown");
      assert.ok(lines.some((l) => l.type === "seed" && l.text.includes("posts the event")));
      assert.ok(lines.some((l) => l.type === "share"), "someone passed it on");
      // The cards carry the checkpoint's states: the posters know of the event.
      const card = await (await fetch(`${o}/api/agents/0`)).json();
      assert.equal(card.id, "0");
      assert.ok("event" in (session.engine.world.agent("0").state.stances ?? {}));
      const step = await post(o, "/api/step", {});
      assert.equal(step.status, 409);
      const fork = await post(o, "/api/fork", {});
      assert.equal(fork.status, 409);
      assert.match(String(fork.data.error), /population mode \(forkPopulation\)/);
      assert.equal((await post(o, "/api/reset", {})).status, 409);
      assert.deepEqual(await folderHashes(run), before, "the saved run is untouched");
    } finally {
      await server.stop();
      session.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an edited graph.json is refused when the run is opened, not shown", async () => {
  const { dir, run } = await populationRun();
  try {
    const text = await Deno.readTextFile(`${run}/graph.json`);
    await Deno.writeTextFile(`${run}/graph.json`, text.replace('"0"', '"zero"'));
    await assert.rejects(() => DashboardSession.open(run), /graph\.json: edited or corrupted/);
    await Deno.remove(`${run}/graph.json`);
    await assert.rejects(() => DashboardSession.open(run), /graph\.json: missing/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a population run resumes only on the graph it stored", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-population-graph-" });
  try {
    await runPopulation(graph, { ...settings, dir: `${dir}/run`, untilRound: 2 });
    const other = barabasiAlbert(150, 2, { rng: new Rng("another graph") });
    await assert.rejects(
      () => runPopulation(other, { ...settings, dir: `${dir}/run`, resume: true }),
      /graph\.json: expected the graph of the run being resumed/,
    );
    const done = await runPopulation(graph, { ...settings, dir: `${dir}/run`, resume: true });
    assert.equal(done.round, 6);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task serve opens a population run folder and serves its graph", async () => {
  const { dir, run } = await populationRun();
  try {
    const before = await folderHashes(run);
    const serve = await serveRun(run);
    try {
      if (!serve.url) assert.fail(`no dashboard address: ${serve.output}`);
      const status = await (await fetch(new URL("/api/status", serve.url))).json();
      assert.equal(status.readOnly, true);
      const shown = await (await fetch(new URL("/api/graph", serve.url))).json();
      assert.equal(shown.nodes.length, 150);
    } finally {
      await serve.stop();
    }
    assert.deepEqual(await folderHashes(run), before);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
