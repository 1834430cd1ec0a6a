// Where a run may be written, by value and in this process: run names, folder paths, what
// counts as a run folder, and what preparing a folder refuses, removes and keeps.
import assert from "node:assert/strict";
import { SociusError } from "@lib/core/errors.ts";
import {
  checkRunName,
  isRunFolder,
  prepareRunFolder,
  RUN_FILES,
  runFolderPath,
} from "@lib/sim/run_folder.ts";

async function withDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await f(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function runError(message: string) {
  return (e: unknown) => {
    assert.ok(e instanceof SociusError, String(e));
    assert.equal(e.kind, "run");
    assert.equal(e.message, message);
    return true;
  };
}

Deno.test("run names: plain folder names pass, anything else is refused with the field and the name", () => {
  for (const ok of ["a", "...", "x.y-z_2", "é", "a".repeat(200), " lead"]) {
    assert.equal(checkRunName(ok), ok);
  }
  for (
    const bad of [
      "",
      "  ",
      ".",
      "..",
      "a/b",
      "a\\b",
      "a\x00",
      "tab\there",
      "a\x1f",
      "a".repeat(201),
    ]
  ) {
    assert.throws(() => checkRunName(bad, "scenario.name"), (e: unknown) => {
      assert.ok(e instanceof SociusError);
      assert.equal(e.kind, "config");
      assert.equal(
        e.message,
        `scenario.name: expected a plain folder name (letters, digits, - _ .; no slashes, not "." or ".."), got ${
          JSON.stringify(bad)
        }`,
      );
      return true;
    });
  }
  assert.throws(
    () => checkRunName(".."),
    (e: unknown) => e instanceof SociusError && e.message.startsWith("name: expected"),
  );
  assert.equal(checkRunName("a\x7f"), "a\x7f", "DEL is not a control character here");
});

Deno.test("a run's folder is under its parent, trailing slashes dropped, its name checked", () => {
  assert.equal(runFolderPath("runs", "demo"), "runs/demo");
  assert.equal(runFolderPath("runs///", "demo"), "runs/demo");
  assert.equal(runFolderPath("/tmp/x/", "d"), "/tmp/x/d");
  assert.throws(
    () => runFolderPath("runs", ".."),
    (e: unknown) => e instanceof SociusError && e.message.startsWith("name: expected"),
  );
  assert.throws(
    () => runFolderPath("runs", "../up", "--name"),
    (e: unknown) => e instanceof SociusError && e.message.startsWith("--name: expected a plain"),
  );
});

Deno.test("only a folder with a manifest.json file is a run folder", () =>
  withDir(async (dir) => {
    assert.equal(isRunFolder(`${dir}/missing`), false);
    await Deno.mkdir(`${dir}/a/manifest.json`, { recursive: true });
    assert.equal(isRunFolder(`${dir}/a`), false, "a manifest.json folder is not a manifest");
    await Deno.writeTextFile(`${dir}/file`, "x");
    assert.equal(isRunFolder(`${dir}/file`), false);
    await Deno.mkdir(`${dir}/b`);
    await Deno.writeTextFile(`${dir}/b/manifest.json`, "{}");
    assert.equal(isRunFolder(`${dir}/b`), true);
  }));

Deno.test("preparing: missing and empty folders take a run; a file or a foreign folder is refused", () =>
  withDir(async (dir) => {
    await prepareRunFolder(`${dir}/new`);
    await Deno.mkdir(`${dir}/empty`);
    await prepareRunFolder(`${dir}/empty`, { replace: true });
    await Deno.writeTextFile(`${dir}/f`, "keep");
    await assert.rejects(
      () => prepareRunFolder(`${dir}/f`),
      runError(`${dir}/f: expected a folder for the run, found a file`),
    );
    await assert.rejects(() => prepareRunFolder(`${dir}/f/sub`), (e: unknown) => {
      assert.ok(e instanceof SociusError);
      assert.equal(e.kind, "run");
      assert.ok(e.message.startsWith(`${dir}/f/sub: cannot use this folder (`), e.message);
      return true;
    });
    await Deno.mkdir(`${dir}/mine`);
    await Deno.writeTextFile(`${dir}/mine/notes.txt`, "mine");
    await assert.rejects(
      () => prepareRunFolder(`${dir}/mine`, { replace: true }),
      runError(
        `${dir}/mine: not empty and not a Socius run folder (no manifest.json, holds "notes.txt"); choose a new or empty folder`,
      ),
    );
    assert.equal(await Deno.readTextFile(`${dir}/f`), "keep");
  }));

Deno.test("a run folder is refused unless replacing, which removes only the run's files and keeps the lock", () =>
  withDir(async (dir) => {
    const run = `${dir}/run`;
    await Deno.mkdir(run);
    for (const f of RUN_FILES) await Deno.writeTextFile(`${run}/${f}`, "{}");
    await Deno.writeTextFile(
      `${run}/lock.json`,
      JSON.stringify({ pid: Deno.pid, host: Deno.hostname(), started: "t" }),
    );
    await Deno.writeTextFile(`${run}/analysis.ipynb`, "researcher's");
    await assert.rejects(
      () => prepareRunFolder(run),
      runError(`${run}: already holds a run; resume it with --resume, or choose another --out`),
    );
    await prepareRunFolder(run, { replace: true });
    const left = [...Deno.readDirSync(run)].map((e) => e.name).sort();
    assert.deepEqual(left, ["analysis.ipynb", "lock.json"]);
  }));

Deno.test("a folder another live process writes is refused, with or without a manifest yet", () =>
  withDir(async (dir) => {
    const child = new Deno.Command("sleep", { args: ["60"], stdout: "null" }).spawn();
    try {
      const lock = { pid: child.pid, host: Deno.hostname(), started: "2026-05-06T07:08:09Z" };
      const busy =
        `process ${child.pid} on ${lock.host} (since ${lock.started}) is writing this run; wait for it to end or choose another --out`;
      await Deno.mkdir(`${dir}/creating`);
      await Deno.writeTextFile(`${dir}/creating/lock.json`, JSON.stringify(lock));
      await assert.rejects(
        () => prepareRunFolder(`${dir}/creating`),
        runError(`${dir}/creating: ${busy}`),
      );
      await Deno.mkdir(`${dir}/running`);
      await Deno.writeTextFile(`${dir}/running/manifest.json`, "{}");
      await Deno.writeTextFile(`${dir}/running/events.jsonl`, "{}\n");
      await Deno.writeTextFile(`${dir}/running/lock.json`, JSON.stringify(lock));
      await assert.rejects(
        () => prepareRunFolder(`${dir}/running`, { replace: true }),
        runError(`${dir}/running: ${busy}`),
      );
      assert.equal(await Deno.readTextFile(`${dir}/running/events.jsonl`), "{}\n");
    } finally {
      child.kill("SIGKILL");
      await child.status;
    }
  }));
