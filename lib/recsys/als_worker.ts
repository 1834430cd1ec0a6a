/**
 * Worker entry of the ALS pool (als_pool.ts): solves the rows, or sums the Gram matrix rows,
 * of each job it is sent and answers when they are written.
 *
 * @module
 */
import type { AlsReply, PoolJob } from "./als_pool.ts";
import { gramSums, solveRows } from "./als_solve.ts";
import { simdGramSums } from "./gram_simd.ts";
import { gramKernels } from "./gram_wasm.ts";

// Compiled as the worker starts, which may be well before its first job (AlsPool.warm).
gramKernels();

self.onmessage = (e: MessageEvent<PoolJob>) => {
  const j = e.data;
  let reply: AlsReply = { ok: true };
  try {
    if (j.kind === "gram") {
      const sums = simdGramSums(j.y, j.f, j.from, j.to) ?? gramSums(j.y, j.f);
      j.out.set(sums.subarray(j.from * j.f, j.to * j.f), j.from * j.f);
    } else {
      solveRows(j.x, j.y, j.ptr, j.idx, j.w, j.gram, j.f, j.alpha, j.cgSteps, j.rowStart, j.rowEnd);
    }
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
