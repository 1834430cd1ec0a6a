import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import {
  assertGraphHolds,
  cascadesJson,
  type EvalCascade,
  evaluateCascades,
} from "@lib/eval/cascades.ts";
import { loadCascadeLayout } from "@lib/eval/cascades_data.ts";
import { RULE_SPACE } from "@lib/eval/cascades_models.ts";
import { writeTwitterLayout } from "@lib/eval/cascades_layout.ts";
import { placePrefix, readerCsr } from "@lib/eval/cascades_prefix.ts";
import { type CascadeEdge, cascadeShape } from "@lib/metrics/cascade.ts";
import { parseTwitterTree } from "@lib/eval/mod.ts";
import { inboxCsr, simulateRule } from "@lib/social/spread/mod.ts";
import { barabasiAlbert, SocialGraph } from "@lib/social/mod.ts";
import { heldOutFixture } from "./helpers.ts";

const sources = (edges: { parent: string | null; child: string }[]) => {
  const reached = new Set(edges.map((e) => e.child));
  const roots = new Set(edges.filter((e) => e.parent === null).map((e) => e.child));
  for (const e of edges) if (e.parent !== null && !reached.has(e.parent)) roots.add(e.parent);
  return roots.size;
};

Deno.test("a window drops a child whose parent arrives after it, instead of making it a phantom root", () => {
  const text = [
    // The child line comes before its parent's line and was reached before its parent.
    "['2', '9', '1500.0']->['3', '9', '20.0']",
    "['ROOT', 'ROOT', '0.0']->['1', '9', '0.0']",
    "['1', '9', '0.0']->['2', '9', '1500.0']",
    "['1', '9', '0.0']->['4', '9', '5.0']",
    "['4', '9', '5.0']->['5', '9', '8.0']",
  ].join("\n");
  const cut = parseTwitterTree(text, "tree/9.txt", { windowMin: 720 });
  assert.equal(cut.report.outsideWindow, 1);
  assert.equal(cut.report.droppedWithParent, 1);
  assert.equal(sources(cut.edges), 1);
  assert.deepEqual(cascadeShape(cut.edges), { scale: 3, depth: 2, maxBreadth: 1 });
  // Without a window the late parent is kept and the child sits under it.
  const whole = parseTwitterTree(text, "tree/9.txt");
  assert.deepEqual(cascadeShape(whole.edges), { scale: 5, depth: 2, maxBreadth: 2 });
});

Deno.test("a parent no line reaches is credited to the root, as Twitter credits retweets", () => {
  const text = [
    "['ROOT', 'ROOT', '0.0']->['1', '9', '0.0']",
    "['1', '9', '0.0']->['2', '9', '3.0']",
    "['7', '9', '4.0']->['8', '9', '6.0']",
  ].join("\n");
  const c = parseTwitterTree(text, "tree/9.txt");
  assert.equal(c.report.creditedToRoot, 1);
  assert.deepEqual(c.edges[2], { parent: "1|9|0.0", child: "8|9|6.0", time: 6 });
  assert.equal(sources(c.edges), 1);
});

Deno.test("the generated Twitter15/16 layout carries the real quirks and loads with one root per tree", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const written = await writeTwitterLayout(dir, { seed: 5, perFolder: 6, medianSize: 60 });
    assert.equal(written.length, 12);
    const cs = await loadCascadeLayout(dir, { windowMin: 720 });
    assert.equal(cs.length, 12);
    const total = (k: "duplicates" | "negative" | "outsideWindow" | "droppedWithParent") =>
      cs.reduce((s, c) => s + c.report[k], 0);
    assert.ok(total("duplicates") >= 12 && total("negative") >= 12 && total("outsideWindow") >= 12);
    assert.ok(total("droppedWithParent") >= 12, "each tree has a parent beyond the window");
    for (const c of cs) assert.equal(sources(c.edges), 1, `${c.sourceId} has one root`);
    // Retweets credited to the source keep the trees shallow.
    const depths = cs.map((c) => cascadeShape(c.edges).depth).sort((a, b) => a - b);
    assert.ok(depths[6] <= 6, `median depth ${depths[6]}`);
    // Same seed, same bytes.
    const again = await Deno.makeTempDir();
    await writeTwitterLayout(again, { seed: 5, perFolder: 6, medianSize: 60 });
    const f = `twitter16/tree/${written[8].id}.txt`;
    assert.equal(await Deno.readTextFile(`${again}/${f}`), await Deno.readTextFile(`${dir}/${f}`));
    await Deno.remove(again, { recursive: true });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a cascade larger than the graph is a clear error, not a silent no-op", () => {
  const edges: CascadeEdge[] = [{ parent: null, child: "r", time: 0 }];
  for (let k = 0; k < 30; k++) edges.push({ parent: "r", child: `u${k}`, time: 1 + k });
  const c: EvalCascade = {
    sourceId: "77",
    source: "twitter15",
    label: null,
    edges,
    report: {} as never,
  };
  assert.throws(
    () => assertGraphHolds([c], 20, "--graph"),
    (e) => e instanceof DataError && /20 < 31 users in twitter15\/77/.test(e.message),
  );
  const g = barabasiAlbert(20, 2, { rng: new Rng(1) });
  const csr = inboxCsr(g);
  assert.throws(
    () => placePrefix(csr, readerCsr(csr), edges, { cutMin: 60, seed: 1, name: "twitter15/77" }),
    /found 20 accounts/,
  );
});

Deno.test("crediting every share to the source keeps a simulated cascade one level deep", () => {
  const g = barabasiAlbert(400, 3, { rng: new Rng(2) });
  const opts = { event: { text: "x", posters: ["0"] }, steps: 12, seed: 1, log: false };
  const deep = simulateRule(g, { ...opts, params: { shareBase: 0.2 } });
  const flat = simulateRule(g, { ...opts, params: { shareBase: 0.2, rootCredit: 1 } });
  assert.ok(cascadeShape(deep.cascade).depth > 1);
  assert.equal(cascadeShape(flat.cascade).depth, 1);
  assert.ok(flat.cascade.length > 10);
});

Deno.test("a placed prefix keeps the real tree's shape and times up to the cut", () => {
  const g = new SocialGraph();
  const rng = new Rng(3);
  for (let i = 0; i < 50; i++) g.addNode(String(i));
  for (let i = 1; i < 50; i++) g.addEdge(String(i), String(rng.int(i)), { directed: true });
  const csr = inboxCsr(g);
  const real = [
    { parent: null, child: "r", time: 0 },
    { parent: "r", child: "a", time: 2 },
    { parent: "a", child: "b", time: 9 },
    { parent: "r", child: "c", time: 12 },
    { parent: "r", child: "late", time: 300 },
  ];
  const p = placePrefix(csr, readerCsr(csr), real, {
    cutMin: 60,
    seed: 1,
    name: "t",
    rootUser: "0",
  });
  assert.equal(p.root, "0");
  assert.deepEqual(p.edges.map((e) => e.time), [0, 2, 12, 9]);
  assert.deepEqual(cascadeShape(p.edges), cascadeShape(real.slice(0, 4)));
  assert.equal(new Set(p.posters).size, 4);
});

Deno.test("the held-out comparison is the same for the same seed, and each model is scored on every held-out tree", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { cascades: cs, setup } = await heldOutFixture(
      dir,
      { perFolder: 4, medianSize: 25 },
      600,
    );
    const a = evaluateCascades(setup, cs, { trials: 2, seed: 3 });
    const b = evaluateCascades(setup, cs, { trials: 2, seed: 3 });
    assert.deepEqual(JSON.stringify(cascadesJson(a)), JSON.stringify(cascadesJson(b)));
    assert.deepEqual(a.models.map((m) => m.name), [
      "rule",
      "ic",
      "lt",
      "prefix_only",
      "mean_curve",
    ]);
    for (const m of a.models) assert.equal(m.errors.length, a.heldout.length);
    assert.equal(a.calibration.length + a.heldout.length, cs.length);
    assert.ok(a.calibration.every((id) => !a.heldout.includes(id)));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a rule-brain parameter held by its search range stays there: the ablation of a mechanism is the same comparison", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { cascades: cs, setup } = await heldOutFixture(
      dir,
      { perFolder: 4, medianSize: 25 },
      600,
    );
    const off = evaluateCascades(setup, cs, {
      trials: 3,
      seed: 3,
      ruleSpace: { ...RULE_SPACE, rootCredit: [0, 0] },
    });
    assert.match(off.models[0].fitted, /rootCredit=0\b/);
    const free = evaluateCascades(setup, cs, { trials: 3, seed: 3 });
    // The other models and the split do not depend on the rule brain's search.
    assert.deepEqual(off.heldout, free.heldout);
    assert.deepEqual(off.models[2].summary, free.models[2].summary);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
