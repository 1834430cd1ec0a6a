// The selection table by value: grouping by (brain, a, b) in the order first seen, failures
// counted, the paper's cells, and the text table cell by cell.
import assert from "node:assert/strict";
import {
  formatSelectionTable,
  paperCells,
  type SelectionCell,
  type SelectionRow,
  selectionTable,
} from "@lib/eval/selection_score.ts";

const row = (over: Partial<SelectionRow>): SelectionRow => ({
  seed: 0,
  a: 1,
  b: 5,
  brain: "rule",
  label: "RecSim",
  userId: "u",
  hits: 0,
  truth: 1,
  calls: 0,
  tokens: 0,
  failure: null,
  ...over,
});

Deno.test("cells group by brain, a and b, in the order first seen, counting users and failures", () => {
  const cells = selectionTable([
    row({ brain: "llm", label: "LLM", a: 3, b: 3, hits: 2, truth: 3 }),
    row({ brain: "rule", hits: 1 }),
    row({ brain: "llm", label: "LLM", a: 3, b: 3, hits: 1, truth: 3, failure: "short reply" }),
    row({ brain: "llm", label: "LLM", a: 1, b: 5, hits: 0 }),
    row({ brain: "rule", a: 1, b: 9, hits: 1 }),
  ]);
  assert.deepEqual(
    cells.map((c) => [c.brain, c.label, c.a, c.b, c.pair, c.users, c.failures, c.n]),
    [
      ["llm", "LLM", 3, 3, "(3,3)", 2, 1, 1],
      ["rule", "RecSim", 1, 5, "(1,5)", 1, 0, 1],
      ["llm", "LLM", 1, 5, "(1,5)", 1, 0, 1],
      ["rule", "RecSim", 1, 9, "(1,9)", 1, 0, 1],
    ],
  );
  // One seed: the pooled ratio, and no interval around it.
  assert.deepEqual([cells[0].mean, cells[0].lo, cells[0].hi], [0.5, 0.5, 0.5]);
  assert.deepEqual([cells[1].mean, cells[2].mean], [1, 0]);
});

Deno.test("an interval inside [0, 1] is left as the t interval gives it", () => {
  const cells = selectionTable([
    row({ seed: 0, hits: 2, truth: 5 }),
    row({ seed: 1, hits: 3, truth: 5 }),
  ]);
  // Mean 0.5, sd 0.1414, t(1) = 12.706: 0.5 ± 1.27 → clipped both sides.
  assert.deepEqual([cells[0].lo, cells[0].hi], [0, 1]);
  const tight = selectionTable([
    row({ seed: 0, hits: 40, truth: 100 }),
    row({ seed: 1, hits: 41, truth: 100 }),
    row({ seed: 2, hits: 42, truth: 100 }),
  ]);
  const half = 4.303 * 0.01 / Math.sqrt(3);
  assert.ok(Math.abs(tight[0].lo - (0.41 - half)) < 1e-12, `lo ${tight[0].lo}`);
  assert.ok(Math.abs(tight[0].hi - (0.41 + half)) < 1e-12, `hi ${tight[0].hi}`);
});

Deno.test("the paper's cells: four rows by four pairs, exact values, no interval", () => {
  const cells = paperCells();
  assert.equal(cells.length, 16);
  const recagent = cells.filter((c) => c.label === "RecAgent (paper)");
  assert.deepEqual(
    recagent.map((c) => [c.brain, c.pair, c.mean, c.lo, c.hi, c.n, c.users, c.failures]),
    [
      ["paper:RecAgent", "(1,5)", 0.55, 0.55, 0.55, 0, 20, 0],
      ["paper:RecAgent", "(3,3)", 0.78, 0.78, 0.78, 0, 20, 0],
      ["paper:RecAgent", "(3,6)", 0.68, 0.68, 0.68, 0, 20, 0],
      ["paper:RecAgent", "(1,9)", 0.50, 0.50, 0.50, 0, 20, 0],
    ],
  );
  assert.deepEqual(recagent.map((c) => [c.a, c.b]), [[1, 5], [3, 3], [3, 6], [1, 9]]);
});

Deno.test("the text table: measured rows, then the paper's for the measured pairs, aligned", () => {
  const cell = (over: Partial<SelectionCell>): SelectionCell => ({
    brain: "b",
    label: "Mine",
    a: 1,
    b: 5,
    pair: "(1,5)",
    mean: 0.4,
    lo: 0.3,
    hi: 0.5,
    n: 3,
    users: 60,
    failures: 0,
    ...over,
  });
  const cells = [
    cell({}),
    cell({ a: 3, b: 3, pair: "(3,3)", mean: 0.456, lo: 0.456, hi: 0.456 }),
    cell({ label: "One seed", n: 1, mean: 0.7 }),
  ];
  assert.equal(
    formatSelectionTable(cells, false),
    [
      // Label column 8 wide, then columns as wide as their widest cell (17 and 5).
      "                      (1,5)  (3,3)",
      "Mine      0.40 [0.30, 0.50]   0.46",
      "One seed               0.70       ",
    ].join("\n"),
  );
  const withPaper = formatSelectionTable(cells).split("\n");
  assert.equal(withPaper.length, 3 + 4);
  assert.deepEqual(
    withPaper.slice(3).map((l) => l.trimEnd().split(/\s{2,}/)),
    [
      ["Embedding (paper)", "0.25", "0.55"],
      ["RecSim (paper)", "0.25", "0.53"],
      ["RecAgent (paper)", "0.55", "0.78"],
      ["Real human (paper)", "0.60", "0.81"],
    ],
  );
  assert.ok(!withPaper[0].includes("(3,6)"), "only the measured pairs");
  assert.equal(new Set(withPaper.map((l) => l.length)).size, 1, "every line as wide");
});
