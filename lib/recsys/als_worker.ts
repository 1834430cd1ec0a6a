/**
 * Worker entry of the ALS pool (als_pool.ts): solves the rows of each job it is sent and answers when
 * they are written.
 *
 * @module
 */
import type { AlsJob, AlsReply } from "./als_pool.ts";
import { solveRows } from "./als_solve.ts";

self.onmessage = (e: MessageEvent<AlsJob>) => {
  const j = e.data;
  let reply: AlsReply = { ok: true };
  try {
    solveRows(j.x, j.y, j.ptr, j.idx, j.w, j.gram, j.f, j.alpha, j.cgSteps, j.rowStart, j.rowEnd);
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
