/**
 * Where a run may be written. A run folder is recognised by its manifest.json; Socius writes a
 * new run only into a missing or empty folder, and replaces only a folder that holds a run of
 * its own (and only the files a run consists of), never anything else. Run names become folder
 * names, so a name must be a plain folder name and the folder stays under its parent.
 *
 * @module
 */
import { SociusError } from "../core/errors.ts";
import { LOCK_FILE, otherWriter } from "./run_lock.ts";

/** The files a run folder consists of (what replacing a run may remove). */
export const RUN_FILES: readonly string[] = [
  "manifest.json",
  "events.jsonl",
  "metrics.jsonl",
  "checkpoint.json",
  "manifest.json.tmp",
  "checkpoint.json.tmp",
  LOCK_FILE,
];

/**
 * Checks that a run name is a plain folder name (no path separators, not `.` or `..`, not
 * empty, no control characters).
 *
 * @param name The name.
 * @param field Where the name came from, for the error.
 * @returns The name.
 *
 * @example A plain name passes, a path does not
 * ```ts
 * import { checkRunName } from "@lib/sim/run_folder.ts";
 * import assert from "node:assert/strict";
 * assert.equal(checkRunName("cocoon-2"), "cocoon-2");
 * assert.throws(() => checkRunName(".."), /plain folder name/);
 * assert.throws(() => checkRunName("a/b"), /plain folder name/);
 * ```
 */
export function checkRunName(name: string, field = "name"): string {
  // deno-lint-ignore no-control-regex
  const bad = name.trim() === "" || name === "." || name === ".." || /[/\\\x00-\x1f]/.test(name) ||
    name.length > 200;
  if (bad) {
    throw new SociusError(
      "config",
      `${field}: expected a plain folder name (letters, digits, - _ .; no slashes, not "." or ".."), got ${
        JSON.stringify(name)
      }`,
    );
  }
  return name;
}

/**
 * The folder of a named run under a parent folder.
 *
 * @param parent The parent folder (e.g. runs/).
 * @param name The run's name (checked by {@link checkRunName}).
 * @param field Where the name came from, for the error.
 * @returns `parent/name`.
 *
 * @example A run named under its parent folder
 * ```ts
 * import { runFolderPath } from "@lib/sim/run_folder.ts";
 * import assert from "node:assert/strict";
 * assert.equal(runFolderPath("runs", "demo"), "runs/demo");
 * ```
 */
export function runFolderPath(parent: string, name: string, field = "name"): string {
  return `${parent.replace(/\/+$/, "")}/${checkRunName(name, field)}`;
}

/**
 * Whether a folder holds a Socius run (it has a manifest.json).
 *
 * @param dir The folder.
 * @returns True for a run folder.
 *
 * @example A folder is a run once it has a manifest
 * ```ts
 * import { isRunFolder } from "@lib/sim/run_folder.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * assert.equal(isRunFolder(dir), false);
 * await Deno.writeTextFile(`${dir}/manifest.json`, "{}");
 * assert.equal(isRunFolder(dir), true);
 * ```
 */
export function isRunFolder(dir: string): boolean {
  try {
    return Deno.statSync(dir).isDirectory && Deno.statSync(`${dir}/manifest.json`).isFile;
  } catch {
    return false;
  }
}

/**
 * Makes sure a new run can be written into a folder, without touching anything that is not a
 * run of Socius: a missing or empty folder is fine; a run folder is refused, or with `replace`
 * its run files are removed (other files in it stay); anything else is refused.
 *
 * @param dir The folder.
 * @param options `replace`: replace a previous run in it (the demo reruns into one folder).
 * @throws SociusError saying why the folder cannot be used.
 *
 * @example A folder holding someone's files is refused
 * ```ts
 * import { prepareRunFolder } from "@lib/sim/run_folder.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/notes.txt`, "mine");
 * await assert.rejects(() => prepareRunFolder(dir, { replace: true }), /not a Socius run folder/);
 * assert.equal(await Deno.readTextFile(`${dir}/notes.txt`), "mine");
 * ```
 */
export async function prepareRunFolder(
  dir: string,
  options: { replace?: boolean } = {},
): Promise<void> {
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(dir);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw new SociusError("run", `${dir}: cannot use this folder (${(e as Error).message})`);
  }
  if (!stat.isDirectory) {
    throw new SociusError("run", `${dir}: expected a folder for the run, found a file`);
  }
  if (isRunFolder(dir)) {
    if (!options.replace) {
      throw new SociusError(
        "run",
        `${dir}: already holds a run; resume it with --resume, or choose another --out`,
      );
    }
    const writer = otherWriter(dir);
    if (writer) {
      throw new SociusError(
        "run",
        `${dir}: process ${writer.pid} on ${writer.host} (since ${writer.started}) is writing this run; wait for it to end or choose another --out`,
      );
    }
    // The lock stays: the new writer takes it over (it is stale or this process's own).
    for (const f of RUN_FILES) {
      if (f !== LOCK_FILE) await Deno.remove(`${dir}/${f}`).catch(() => {});
    }
    return;
  }
  // A writer that is still creating the folder holds its lock but has no manifest yet.
  const creator = otherWriter(dir);
  if (creator) {
    throw new SociusError(
      "run",
      `${dir}: process ${creator.pid} on ${creator.host} (since ${creator.started}) is writing this run; wait for it to end or choose another --out`,
    );
  }
  for await (const entry of Deno.readDir(dir)) {
    throw new SociusError(
      "run",
      `${dir}: not empty and not a Socius run folder (no manifest.json, holds "${entry.name}"); choose a new or empty folder`,
    );
  }
}
