/**
 * One writer per run folder. The writer holds `lock.json` (pid, host, start time), created with
 * an exclusive create so two processes cannot both win. A second writer is refused while the
 * holder lives; a lock left by a process that died (kill -9, power loss) on this host is
 * recognised as stale and taken over. A process may reopen a folder it already holds (a
 * notebook resuming its own run). The lock is removed when the process exits normally.
 *
 * @module
 */
import { SociusError } from "../core/errors.ts";

/** What lock.json holds. */
export interface LockInfo {
  pid: number;
  host: string;
  /** Wall-clock time the writer took the lock (ISO 8601). */
  started: string;
}

/** The lock file's name inside a run folder. */
export const LOCK_FILE = "lock.json";

const held = new Set<string>();
let exitHook = false;

function releaseAllOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  globalThis.addEventListener("unload", () => {
    for (const path of held) {
      try {
        Deno.removeSync(path);
      } catch { /* already gone */ }
    }
  });
}

/**
 * Whether a process with this id runs on this machine.
 *
 * @param pid A process id.
 * @param proc The proc file system (another path only in tests, to reach the fallback).
 * @returns False once it has exited (a zombie counts as exited).
 *
 * @example This process is alive
 * ```ts
 * import { processAlive } from "@lib/sim/run_lock.ts";
 * import assert from "node:assert/strict";
 * assert.equal(processAlive(Deno.pid), true);
 * ```
 */
export function processAlive(pid: number, proc = "/proc"): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    const stat = Deno.readTextFileSync(`${proc}/${pid}/stat`);
    // The state letter follows the parenthesised command name; Z is a zombie.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    // No /proc (not Linux): ask the kernel with signal 0.
    try {
      const out = new Deno.Command("kill", { args: ["-0", String(pid)], stderr: "null" })
        .outputSync();
      return out.code === 0;
    } catch {
      return true;
    }
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(Deno.readTextFileSync(path));
    return typeof info?.pid === "number" && typeof info?.host === "string" ? info : null;
  } catch {
    return null;
  }
}

/**
 * Takes the writer's lock of a run folder.
 *
 * @param dir The run folder (must exist).
 * @returns The lock's information.
 * @throws SociusError naming the process that holds it.
 *
 * @example A second process would be refused; the holder may take it again
 * ```ts
 * import { acquireRunLock, releaseRunLock } from "@lib/sim/run_lock.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * assert.equal(acquireRunLock(dir).pid, Deno.pid);
 * assert.equal(acquireRunLock(dir).pid, Deno.pid);
 * releaseRunLock(dir);
 * ```
 */
export function acquireRunLock(dir: string): LockInfo {
  const path = `${dir}/${LOCK_FILE}`;
  const mine: LockInfo = {
    pid: Deno.pid,
    host: Deno.hostname(),
    started: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      Deno.writeTextFileSync(path, JSON.stringify(mine) + "\n", { createNew: true });
      held.add(path);
      releaseAllOnExit();
      return mine;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) {
        throw new SociusError(
          "run",
          `${path}: cannot take the writer's lock (${(e as Error).message})`,
        );
      }
    }
    const other = readLock(path);
    if (other && other.host === mine.host && other.pid === Deno.pid) {
      held.add(path);
      releaseAllOnExit();
      return other;
    }
    const stale = other === null
      ? lockAgeMs(path) > 10_000 // unreadable: a writer died between create and write
      : other.host === mine.host && !processAlive(other.pid);
    if (!stale) {
      const who = other
        ? `process ${other.pid} on ${other.host} (since ${other.started})`
        : "another process";
      throw new SociusError(
        "run",
        `${dir}: ${who} is writing this run; wait for it to end or stop it (a lock left by a dead process on another host can be removed by hand: ${path})`,
      );
    }
    try {
      Deno.removeSync(path);
    } catch { /* another process took it over first; try again */ }
  }
  throw new SociusError("run", `${path}: the writer's lock keeps changing hands; try again`);
}

function lockAgeMs(path: string): number {
  try {
    return Date.now() - (Deno.statSync(path).mtime?.getTime() ?? 0);
  } catch {
    return Infinity;
  }
}

/**
 * Releases a lock this process holds (no-op otherwise).
 *
 * @param dir The run folder.
 *
 * @example The lock file goes with the release
 * ```ts
 * import { acquireRunLock, releaseRunLock } from "@lib/sim/run_lock.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * acquireRunLock(dir);
 * releaseRunLock(dir);
 * await assert.rejects(() => Deno.stat(`${dir}/lock.json`), Deno.errors.NotFound);
 * ```
 */
export function releaseRunLock(dir: string): void {
  const path = `${dir}/${LOCK_FILE}`;
  if (!held.delete(path)) return;
  if (readLock(path)?.pid !== Deno.pid) return;
  try {
    Deno.removeSync(path);
  } catch { /* already gone */ }
}

/**
 * The live writer of a run folder, if any (for refusing to replace or delete it).
 *
 * @param dir The run folder.
 * @returns The holder's information, or null when nobody else writes it.
 *
 * @example A lock left by a process that has ended does not count
 * ```ts
 * import { otherWriter } from "@lib/sim/run_lock.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const done = await new Deno.Command("true").spawn();
 * await done.status;
 * const lock = { pid: done.pid, host: Deno.hostname(), started: "2026-01-01T00:00:00Z" };
 * await Deno.writeTextFile(`${dir}/lock.json`, JSON.stringify(lock));
 * assert.equal(otherWriter(dir), null);
 * ```
 */
export function otherWriter(dir: string): LockInfo | null {
  const info = readLock(`${dir}/${LOCK_FILE}`);
  if (!info || info.pid === Deno.pid) return null;
  if (info.host === Deno.hostname() && !processAlive(info.pid)) return null;
  return info;
}
