import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { barabasiAlbert, forceLayout, graphPlot, SocialGraph } from "@lib/social/mod.ts";
import { renderPlot } from "@lib/viz/mod.ts";

Deno.test("forceLayout is deterministic for a seed and fills the unit square", () => {
  const g = barabasiAlbert(80, 2, { rng: new Rng(1) });
  const a = forceLayout(g, { rng: new Rng("layout"), iterations: 60 });
  assert.deepEqual(a, forceLayout(g, { rng: new Rng("layout"), iterations: 60 }));
  assert.notDeepEqual(a, forceLayout(g, { rng: new Rng("other"), iterations: 60 }));
  assert.deepEqual(a.map((p) => p.id), g.nodes());
  assert.ok(a.every((p) => p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1));
  assert.ok(Math.max(...a.map((p) => Math.max(p.x, p.y))) === 1);
});

Deno.test("forceLayout separates two components and keeps each together", () => {
  const g = new SocialGraph();
  for (const [a, b] of [["a", "b"], ["b", "c"], ["c", "a"], ["x", "y"], ["y", "z"], ["z", "x"]]) {
    g.addEdge(a, b);
  }
  const p = new Map(forceLayout(g, { rng: new Rng(2) }).map((q) => [q.id, q]));
  const d = (u: string, v: string) =>
    Math.hypot(p.get(u)!.x - p.get(v)!.x, p.get(u)!.y - p.get(v)!.y);
  assert.ok(d("a", "b") < d("a", "x") && d("x", "y") < d("c", "z"));
});

Deno.test("graphPlot draws every node coloured by the attribute and every link", () => {
  const g = new SocialGraph(["a", "b", "c"]);
  g.addEdge("a", "b");
  g.addEdge("c", "a", { directed: true });
  const layout = forceLayout(g, { rng: new Rng(3) });
  const plot = graphPlot(g, layout, {
    color: new Map([["a", "drama"], ["b", "horror"]]),
    title: "t",
  });
  assert.deepEqual(plot.nodes.map((n) => n.group), ["drama", "horror", ""]);
  assert.deepEqual(plot.links.map((l) => l.directed), [false, true]);
  const { svg } = renderPlot(plot.options);
  assert.equal((svg.match(/<circle/g) ?? []).length, 3);
  assert.throws(() => graphPlot(g, layout.slice(1)), /no position for agent "a"/);
  const numeric = graphPlot(g, layout, { color: (id) => g.degree(id) });
  assert.deepEqual(numeric.nodes.map((n) => n.bin), ["1.8–2", "1–1.2", "1–1.2"]);
  assert.equal((renderPlot(numeric.options).svg.match(/<circle/g) ?? []).length, 3);
});
