// summarise by value: a Welch contrast worked by hand with unequal sizes and variances, the
// degenerate cases (constant groups, single rows), grouping keys, and each error's message.
import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import { tQuantile975 } from "@lib/core/stats.ts";
import { summarise } from "@lib/metrics/summarise.ts";

const close = (a: number, b: number, what = "") =>
  assert.ok(Math.abs(a - b) < 1e-9, `${what} ${a} ≠ ${b}`);

Deno.test("Welch: unequal sizes and variances, fractional degrees of freedom", () => {
  const rows = [
    ...[1, 2, 3, 4].map((v) => ({ arm: "new", v })),
    ...[2, 4].map((v) => ({ arm: "ref", v })),
  ];
  const t = summarise(rows, "arm", "v", { reference: "ref" }).objects() as Record<string, number>[];
  const arm = t[0];
  // new: mean 2.5, variance 5/3, n 4; ref: mean 3, variance 2, n 2.
  const va = 5 / 3 / 4, vb = 2 / 2, se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / 3 + vb ** 2 / 1); // ≈ 1.90
  close(arm.diff, -0.5, "diff");
  close(arm.diffLo, -0.5 - tQuantile975(df) * se, "lo");
  close(arm.diffHi, -0.5 + tQuantile975(df) * se, "hi");
  close(arm.d, -0.5 / Math.sqrt((3 * (5 / 3) + 1 * 2) / 4), "d");
  const ref = t[1];
  // The reference against itself: no difference, a symmetric interval (df = 2, se = √2).
  assert.deepEqual([ref.diff, ref.d], [0, 0]);
  close(ref.diffHi, tQuantile975(2) * Math.SQRT2, "ref hi");
  close(ref.diffLo, -ref.diffHi, "ref lo");
  assert.deepEqual([arm.n, arm.mean], [4, 2.5]);
});

Deno.test("constant groups: no spread, a zero-width interval and no effect size; one row: no interval", () => {
  const rows = [
    { g: "a", v: 2 },
    { g: "a", v: 2 },
    { g: "b", v: 5 },
    { g: "b", v: 5 },
    { g: "c", v: 9 },
  ];
  const t = summarise(rows, "g", "v", { reference: "b" }).objects() as Record<string, number>[];
  assert.deepEqual([t[0].diff, t[0].diffLo, t[0].diffHi], [-3, -3, -3]);
  assert.ok(Number.isNaN(t[0].d));
  assert.equal(t[2].diff, 4);
  assert.ok([t[2].diffLo, t[2].diffHi, t[2].d].every(Number.isNaN));
});

Deno.test("rows group by every key; without a reference there are no contrast columns", () => {
  const rows = [
    { a: 1, b: "x", v: 1 },
    { a: 1, b: "y", v: 2 },
    { a: 1, b: "x", v: 3 },
  ];
  const t = summarise(rows, ["a", "b"], "v");
  assert.deepEqual(t.columnNames(), ["a", "b", "n", "mean", "sd", "lo", "hi"]);
  const objs = t.objects() as Record<string, unknown>[];
  assert.deepEqual(objs.map((r) => [r.b, r.n, r.mean]), [["x", 2, 2], ["y", 1, 2]]);
  assert.equal(summarise([], "a", "v").numRows(), 0);
});

Deno.test("each refusal names the field and what was expected", () => {
  const rows = [{ g: "a", v: 1 }, { g: "b", v: "two" }];
  const refused = (f: () => unknown, message: string) =>
    assert.throws(f, (e: unknown) => e instanceof ConfigError && e.message === message);
  refused(() => summarise(rows, [], "v"), "summarise: by: expected at least one column");
  refused(() => summarise(rows, "h", "v"), "summarise: h: no such column (columns: g, v)");
  refused(() => summarise(rows, "g", "w"), "summarise: w: no such column (columns: g, v)");
  refused(() => summarise(rows, "g", "v"), "summarise: v (row 1): expected a number, got two");
  refused(
    () => summarise([{ g: "a", v: 1 }], "g", "v", { reference: "z" }),
    'summarise: reference: no rows with g = "z"',
  );
});
