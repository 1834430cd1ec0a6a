/**
 * Progress display for long runs: a live line on a terminal, plain lines otherwise (CI logs).
 *
 * @module
 */
import type { Progress } from "./engine.ts";

/**
 * Formats progress as one line.
 *
 * @param p Progress.
 * @returns "round 3/10 · agents 12/20 · LLM calls 40 · tokens 9,120 · ETA 0:42".
 *
 * @example One progress line
 * ```ts
 * import { formatProgress } from "@lib/sim/progress.ts";
 * import assert from "node:assert/strict";
 * const line = formatProgress({ round: 2, rounds: 10, agentsDone: 5, agentsActive: 10, calls: 3,
 *   tokens: 1200, failures: 0, elapsedMs: 1000, etaMs: 65000 });
 * assert.equal(line, "round 3/10 · agents 5/10 · LLM calls 3 · tokens 1,200 · failures 0 · ETA 1:05");
 * ```
 */
export function formatProgress(p: Progress): string {
  const eta = p.etaMs === null
    ? "?"
    : `${Math.floor(p.etaMs / 60000)}:${
      String(Math.round((p.etaMs % 60000) / 1000)).padStart(2, "0")
    }`;
  return `round ${
    p.round + 1
  }/${p.rounds} · agents ${p.agentsDone}/${p.agentsActive} · LLM calls ${p.calls} · tokens ${
    p.tokens.toLocaleString("en-US")
  } · failures ${p.failures} · ETA ${eta}`;
}

/**
 * A progress callback that writes to stderr: rewriting one line on a terminal, one line per
 * round elsewhere.
 *
 * @returns The callback for the engine.
 */
export function progressPrinter(): (p: Progress) => void {
  const tty = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  let lastRound = -1;
  return (p) => {
    if (tty) {
      Deno.stderr.writeSync(enc.encode(`\r${formatProgress(p)}\x1b[K`));
      if (p.agentsDone === p.agentsActive && p.round + 1 === p.rounds) {
        Deno.stderr.writeSync(enc.encode("\n"));
      }
    } else if (p.agentsDone === p.agentsActive && p.round !== lastRound) {
      lastRound = p.round;
      Deno.stderr.writeSync(enc.encode(formatProgress(p) + "\n"));
    }
  };
}
