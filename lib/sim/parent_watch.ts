/**
 * A writer that outlives the process that started it (`deno task sim` killed with SIGKILL leaves
 * its child running) would keep writing a run nobody watches and keep its lock. The writer
 * watches its parent: once the parent is gone (the process is handed to another parent) it
 * stops. Rounds are committed atomically, so stopping at any instant leaves a resumable run.
 *
 * @module
 */

/**
 * Calls `onOrphaned` once the parent process has gone.
 *
 * @param onOrphaned What to do then (typically: say so and exit).
 * @param everyMs How often to look.
 * @returns A function that stops watching.
 *
 * @example Watching does not keep the process alive
 * ```ts
 * import { watchParent } from "@lib/sim/parent_watch.ts";
 * const stop = watchParent(() => {});
 * stop();
 * ```
 */
export function watchParent(onOrphaned: (parent: number) => void, everyMs = 500): () => void {
  const parent = Deno.ppid;
  const timer = setInterval(() => {
    if (Deno.ppid === parent) return;
    clearInterval(timer);
    onOrphaned(parent);
  }, everyMs);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}

/**
 * For a CLI that writes a run: exits (code 1, one line on stderr) when the parent has gone.
 * The lock is released on exit and the run resumes from its last checkpoint.
 *
 * @returns A function that stops watching.
 *
 * @example A CLI calls it first, before it writes
 * ```ts
 * import { stopWithParent } from "@lib/sim/parent_watch.ts";
 * const stop = stopWithParent();
 * stop();
 * ```
 */
export function stopWithParent(): () => void {
  return watchParent((parent) => {
    console.error(
      `error: the parent process (${parent}) has ended, so this run stops; continue it with --resume`,
    );
    Deno.exit(1);
  });
}
