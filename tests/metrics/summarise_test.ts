import assert from "node:assert/strict";
import { summarise } from "@lib/metrics/summarise.ts";
import { ConfigError } from "@lib/core/errors.ts";

const close = (a: number, b: number, eps = 1e-3) =>
  assert.ok(Math.abs(a - b) < eps, `${a} is not ${b}`);

Deno.test("summarise: the 95% interval of a hand-computed sample", () => {
  // [1..5]: mean 3, sd √2.5 = 1.5811, t(4) = 2.776, half-width 2.776 · 1.5811 / √5 = 1.9629.
  const rows = [1, 2, 3, 4, 5].map((y) => ({ g: "x", y }));
  const [s] = summarise(rows, "g", "y").objects() as Record<string, number>[];
  assert.equal(s.n, 5);
  assert.equal(s.mean, 3);
  close(s.sd, Math.sqrt(2.5));
  close(s.lo, 3 - 1.9629);
  close(s.hi, 3 + 1.9629);
});

Deno.test("summarise: difference of means with a Welch interval and Cohen's d vs a reference", () => {
  // a = [1,2,3], b = [3,4,5]: diff 2; se = √(1/3 + 1/3) = 0.8165; Welch df = 4, t = 2.776.
  const rows = [
    ...[1, 2, 3].map((y) => ({ arm: "a", y })),
    ...[3, 4, 5].map((y) => ({ arm: "b", y })),
  ];
  const [ref, b] = summarise(rows, "arm", "y", { reference: "a" }).objects() as Record<
    string,
    number
  >[];
  assert.equal(ref.diff, 0);
  assert.equal(ref.d, 0);
  assert.equal(b.diff, 2);
  close(b.diffLo, 2 - 2.776 * Math.sqrt(2 / 3));
  close(b.diffHi, 2 + 2.776 * Math.sqrt(2 / 3));
  assert.equal(b.d, 2);
});

Deno.test("summarise compares with the reference within each level of the other keys", () => {
  const rows = [0, 1].flatMap((round) =>
    ["a", "b"].flatMap((arm) =>
      [1, 2, 3].map((k) => ({ round, arm, y: k + (arm === "b" ? 10 * (round + 1) : 0) }))
    )
  );
  const s = summarise(rows, ["arm", "round"], "y", { reference: "a" }).objects() as Record<
    string,
    number
  >[];
  const diff = (arm: string, round: number) =>
    s.find((r) => r.arm as unknown === arm && r.round === round)!.diff;
  assert.equal(diff("b", 0), 10);
  assert.equal(diff("b", 1), 20);
});

Deno.test("summarise names a missing column, a missing reference and a non-number", () => {
  const rows = [{ g: "a", y: 1 }];
  assert.throws(
    () => summarise(rows, "h", "y"),
    (e) => e instanceof ConfigError && /h:/.test(e.message),
  );
  assert.throws(() => summarise(rows, "g", "y", { reference: "z" }), /reference/);
  assert.throws(() => summarise([{ g: "a", y: "1" }], "g", "y"), /expected a number/);
});
