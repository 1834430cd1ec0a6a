import assert from "node:assert/strict";
import { get, post, webScenario, withDashboard } from "./helpers.ts";

Deno.test("read endpoints describe the run: status, state, graph, agents, card, charts, log", async () => {
  await withDashboard(async ({ server }) => {
    const o = server.origin;
    const status = await get(o, "/api/status");
    assert.equal(status.status, 200);
    assert.equal(status.data.round, 0);
    assert.deepEqual(status.data.branches, ["main"]);
    assert.equal((status.data.scenario as { brain: string }).brain, "rule");
    const state = (await get(o, "/api/state")).data as {
      recommender: { users: number; algorithm: string };
      social: { links: number };
    };
    assert.equal(state.recommender.users, 12);
    assert.equal(state.recommender.algorithm, "mf");
    const graph = (await get(o, "/api/graph")).data as {
      nodes: { x: number; activity: string }[];
      links: unknown[];
    };
    assert.equal(graph.nodes.length, 12);
    assert.equal(graph.links.length, state.social.links);
    assert.ok(graph.nodes.every((n) => n.x >= 0 && n.x <= 1 && n.activity === "idle"));
    const agents = (await get(o, "/api/agents")).data as unknown as { id: string }[];
    assert.equal(agents.length, 12);
    const card = await get(o, `/api/agents/${agents[0].id}`);
    assert.equal((card.data.profile as { id: string }).id, agents[0].id);
    const charts = (await get(o, "/api/charts")).data as { entropy: string };
    assert.match(charts.entropy, /no rounds yet/);
    assert.deepEqual((await get(o, "/api/log")).data.lines, []);
    const page = await fetch(`${o}/`);
    assert.match(await page.text(), /Socius dashboard/);
    assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.match(await (await fetch(`${o}/app.js`)).text(), /EventSource/);
  });
});

Deno.test("stepping a round changes the counters, the charts and the log", async () => {
  await withDashboard(async ({ server }) => {
    const o = server.origin;
    const r = await post(o, "/api/step", {});
    assert.equal(r.status, 200);
    const summary = r.data.summary as { round: number; decisions: number };
    assert.equal(summary.round, 0);
    assert.ok(summary.decisions > 0);
    assert.equal((await get(o, "/api/status")).data.round, 1);
    const state = (await get(o, "/api/state")).data as { recommender: { interactions: number } };
    assert.ok(state.recommender.interactions > 0);
    const charts = (await get(o, "/api/charts")).data as { entropy: string; activity: string };
    assert.match(charts.entropy, /<path/);
    assert.match(charts.activity, /actions per round.*<path/s);
    const lines = (await get(o, "/api/log?action=watch")).data.lines as {
      action: string;
      agent: string;
    }[];
    assert.ok(lines.length > 0);
    assert.ok(lines.every((l) => l.action === "watch"));
    const one = lines[0].agent;
    const mine = (await get(o, `/api/log?agent=${one}&limit=1000`)).data.lines as {
      agent: string;
    }[];
    assert.ok(mine.length > 0 && mine.every((l) => l.agent === one));
  });
});

Deno.test("a profile edit is an intervention in the event log", async () => {
  await withDashboard(async ({ server, session }) => {
    const o = server.origin;
    const id = session.engine.world.ids[2];
    const r = await post(o, `/api/agents/${id}/profile`, {
      interests: ["documentaries"],
      age: 44,
    });
    assert.equal(r.status, 200);
    assert.deepEqual((r.data.profile as { interests: string[] }).interests, ["documentaries"]);
    const ev = session.engine.log.ofType("intervention").at(-1)!;
    assert.equal(ev.kind, "set_profile");
    assert.equal(ev.agent, id);
    const card = (await get(o, `/api/agents/${id}`)).data.profile as { age: number };
    assert.equal(card.age, 44);
  });
});

Deno.test("malformed requests are refused with the status and the field", async () => {
  await withDashboard(async ({ server, session }) => {
    const o = server.origin;
    const id = session.engine.world.ids[0];
    const cases: [string, unknown, number, RegExp][] = [
      ["/api/step", "{not json", 400, /body: not valid JSON/],
      ["/api/step", { extra: 1 }, 400, /body: \(root\): .*extra/],
      [`/api/agents/${id}/profile`, { age: "old" }, 400, /body: age: /],
      [`/api/agents/${id}/profile`, {}, 400, /at least one field/],
      [`/api/agents/${id}/profile`, { interests: "sci-fi" }, 400, /body: interests: /],
      [`/api/agents/nobody/profile`, { age: 3 }, 404, /unknown agent id "nobody"/],
      ["/api/interview", { agent: id, question: 42 }, 400, /body: question: /],
      ["/api/interview", { agent: "nobody", question: "hi?" }, 404, /unknown agent/],
      ["/api/seat", { mode: "sit" }, 400, /body: mode: /],
      ["/api/seat", { mode: "take", agent: "nobody" }, 404, /unknown agent/],
      ["/api/seat/nobody/answer", { move: { type: "leave" } }, 404, /unknown agent/],
      [`/api/seat/${id}/answer`, { move: { type: "leave" } }, 409, /no person plays/],
      [`/api/seat/${id}/answer`, { move: { type: "fly" } }, 400, /body: move\.type: /],
      ["/api/branch", { branch: "nowhere" }, 404, /unknown branch/],
      ["/api/branch", { branch: 7 }, 400, /body: branch: /],
    ];
    for (const [path, body, status, message] of cases) {
      const r = await post(o, path, body);
      assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${r.data.error}`);
      assert.match(String(r.data.error), message, path);
    }
    const big = await post(o, `/api/interview`, { agent: id, question: "x".repeat(20_000) });
    assert.equal(big.status, 413);
    assert.match(String(big.data.error), /larger than/);
    const plain = await fetch(`${o}/api/step`, { method: "POST", body: "{}" });
    assert.equal(plain.status, 415);
    await plain.body?.cancel();
    assert.equal((await get(o, "/api/log?limit=abc")).status, 400);
    assert.equal((await get(o, "/api/nothing-here")).status, 404);
    assert.equal((await get(o, "/api/step")).status, 405);
    const put = await fetch(`${o}/api/state`, { method: "PUT" });
    assert.equal(put.status, 405);
    await put.body?.cancel();
    assert.equal(session.engine.world.round, 0, "no malformed request may run a round");
  });
});

Deno.test("fork, switch branches, start, pause and reset", async () => {
  await withDashboard(async ({ server, session }) => {
    const o = server.origin;
    await post(o, "/api/step", {});
    const fork = await post(o, "/api/fork", {});
    assert.equal(fork.status, 200);
    assert.equal(fork.data.branch, "branch-1");
    assert.equal(fork.data.current, "branch-1");
    await post(o, "/api/step", {});
    assert.equal((await get(o, "/api/status")).data.round, 2);
    await post(o, "/api/branch", { branch: "main" });
    assert.equal((await get(o, "/api/status")).data.round, 1);
    assert.equal((await post(o, "/api/start", {})).data.running, true);
    assert.equal((await post(o, "/api/step", {})).status, 409);
    const paused = await post(o, "/api/pause", {});
    assert.equal(paused.data.running, false);
    assert.ok(session.engine.world.round >= 1);
    const reset = await post(o, "/api/reset", {});
    assert.equal(reset.data.round, 0);
    assert.deepEqual((await get(o, "/api/status")).data.branches, ["main"]);
  });
});

Deno.test("the event stream sends log lines and round ends as they happen", async () => {
  await withDashboard(async ({ server }) => {
    const r = await fetch(`${server.origin}/api/stream`);
    assert.equal(r.headers.get("content-type"), "text/event-stream");
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    const stepped = post(server.origin, "/api/step", {});
    let text = "";
    while (!text.includes("event: round")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    await stepped;
    await reader.cancel();
    assert.match(text, /event: event\ndata: \{"kind":"event","line":\{"seq":0/);
    assert.match(text, /Round 0 begins/);
    assert.match(text, /event: round/);
  });
});

Deno.test("the status names every brain of a mixed population, not only the default", async () => {
  await withDashboard(async ({ server }) => {
    const status = await get(server.origin, "/api/status");
    assert.equal((status.data.scenario as { brain: string }).brain, "rule + embedding");
  }, { scenario: webScenario({ brains: [{ brain: { kind: "embedding" }, count: 3 }] }) });
});
