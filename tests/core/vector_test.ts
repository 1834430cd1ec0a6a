// Cosine and normalisation worked by hand.
import assert from "node:assert/strict";
import { cosine, normalize } from "@lib/core/vector.ts";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

Deno.test("cosine: dot / (|a| |b|), 0 for a zero vector", () => {
  close(cosine([1, 2], [2, 4]), 1);
  close(cosine([1, 0], [0, 1]), 0);
  close(cosine([1, 1], [1, 0]), 1 / Math.SQRT2);
  close(cosine([1, 2, 3], [-1, 0, 2]), 5 / (Math.sqrt(14) * Math.sqrt(5)));
  close(cosine([2, 0], [-3, 0]), -1);
  assert.equal(cosine([0, 0], [1, 1]), 0);
  assert.equal(cosine([1, 1], [0, 0]), 0);
});

Deno.test("normalize scales to unit length in place; a zero vector stays zero", () => {
  const v = new Float32Array([3, 4]);
  const out = normalize(v);
  assert.equal(out, v, "the same array");
  assert.deepEqual([...v], [Math.fround(0.6), Math.fround(0.8)]);
  const z = new Float32Array([0, 0, 0]);
  assert.deepEqual([...normalize(z)], [0, 0, 0]);
  const w = normalize(new Float32Array([1, 1, 1, 1]));
  assert.deepEqual([...w], [0.5, 0.5, 0.5, 0.5]);
});
