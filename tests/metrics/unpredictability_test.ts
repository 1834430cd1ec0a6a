// Salganik et al.'s unpredictability worked by hand on three worlds.
import assert from "node:assert/strict";
import { unpredictability } from "@lib/metrics/unpredictability.ts";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

Deno.test("three worlds: the mean over items of the mean pairwise share difference", () => {
  // Shares: w0 (0.5, 0.5, 0), w1 (0.25, 0.25, 0.5), w2 (1, 0, 0).
  // Item 0: |0.5−0.25| + |0.5−1| + |0.25−1| = 1.5 → / 3 pairs = 0.5.
  // Item 1: 0.25 + 0.5 + 0.25 = 1 → 1/3.  Item 2: 0.5 + 0 + 0.5 = 1 → 1/3.
  close(unpredictability([[2, 2, 0], [1, 1, 2], [5, 0, 0]]), (0.5 + 1 / 3 + 1 / 3) / 3);
});

Deno.test("an empty world has zero shares; one world is refused", () => {
  close(unpredictability([[0, 0], [1, 3]]), (0.25 + 0.75) / 2);
  assert.throws(
    () => unpredictability([[1, 2]]),
    (e: unknown) =>
      e instanceof RangeError && e.message === "unpredictability needs at least two worlds",
  );
  assert.throws(() => unpredictability([]), RangeError);
});
