import assert from "node:assert/strict";
import { createSimulation } from "@lib/sim/simulation.ts";
import { assertRefused, folderHashes, runCli, tinyScenario } from "./store_helpers.ts";

async function folderWithFiles(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "socius-folder-" });
  await Deno.mkdir(`${dir}/.git`);
  await Deno.writeTextFile(`${dir}/.git/HEAD`, "ref: refs/heads/main\n");
  await Deno.writeTextFile(`${dir}/thesis.tex`, "\\section{Results}\n");
  return dir;
}

Deno.test("demo --out on a folder that is not a run is refused and nothing in it changes", async () => {
  const dir = await folderWithFiles();
  const before = await folderHashes(dir);
  const r = await runCli("demo", ["--out", dir, "--agents", "6", "--rounds", "1"]);
  assertRefused(r, /not empty and not a Socius run folder/);
  assert.ok(r.stderr.includes(dir), "the message names the folder");
  assert.deepEqual(await folderHashes(dir), before);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("demo --out . in a checkout is refused and the checkout stays whole", async () => {
  const dir = await folderWithFiles();
  const before = await folderHashes(dir);
  const r = await runCli("demo", ["--out", ".", "--agents", "6", "--rounds", "1"], dir);
  assertRefused(r, /^(error: )?\.: not empty and not a Socius run folder/);
  assert.deepEqual(await folderHashes(dir), before);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("demo --out on a file is refused and the file is kept", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-folder-" });
  await Deno.writeTextFile(`${dir}/data.csv`, "a,b\n1,2\n");
  const r = await runCli("demo", ["--out", `${dir}/data.csv`, "--agents", "6", "--rounds", "1"]);
  assertRefused(r, /expected a folder for the run, found a file/);
  assert.equal(await Deno.readTextFile(`${dir}/data.csv`), "a,b\n1,2\n");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("sim --out on a non-empty folder that is not a run is refused", async () => {
  const dir = await folderWithFiles();
  const scenario = `${dir}/scenario.json`;
  await Deno.writeTextFile(scenario, JSON.stringify(tinyScenario()));
  const before = await folderHashes(dir);
  const r = await runCli("sim", [scenario, "--out", dir]);
  assertRefused(r, /not empty and not a Socius run folder/);
  assert.deepEqual(await folderHashes(dir), before);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("sim without --resume refuses a folder holding a run and leaves the run as it was", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-folder-" });
  const scenario = `${dir}/scenario.json`;
  await Deno.writeTextFile(scenario, JSON.stringify(tinyScenario({ rounds: 2 })));
  const first = await runCli("sim", [scenario, "--out", `${dir}/run`]);
  assert.equal(first.code, 0, first.stderr);
  const before = await folderHashes(`${dir}/run`);
  const r = await runCli("sim", [scenario, "--out", `${dir}/run`]);
  assertRefused(r, /already holds a run; resume it with --resume/);
  assert.deepEqual(await folderHashes(`${dir}/run`), before);
  await Deno.remove(dir, { recursive: true });
});

for (const name of ["..", "."]) {
  Deno.test(`a scenario named ${JSON.stringify(name)} is refused before any folder is made`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "socius-name-" });
    const scenario = `${dir}/scenario.json`;
    await Deno.writeTextFile(scenario, JSON.stringify(tinyScenario({ name })));
    const before = await folderHashes(dir);
    const r = await runCli("sim", [scenario], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /scenario\.json: name: expected a plain folder name/);
    assert.deepEqual(await folderHashes(dir), before);
    await Deno.remove(dir, { recursive: true });
  });
}

Deno.test("a run name with a slash or nothing in it is not a folder name", async () => {
  const { checkRunName, runFolderPath } = await import("@lib/sim/run_folder.ts");
  for (const bad of ["", "a/b", "../x", "a\\b", " ", "x\ny"]) {
    assert.throws(
      () => checkRunName(bad, "s.json: name"),
      /s\.json: name: expected a plain folder name/,
    );
  }
  assert.equal(runFolderPath("runs/", "cocoon"), "runs/cocoon");
});

Deno.test("replacing a previous run removes only the run's files, never the researcher's", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-replace-" });
  const sc = tinyScenario({ rounds: 1 });
  await (await createSimulation(sc, { out: `${dir}/run` })).run();
  await Deno.writeTextFile(`${dir}/run/notes.md`, "keep me\n");
  await (await createSimulation({ ...sc, seed: 6 }, { out: `${dir}/run`, replace: true })).run();
  assert.equal(await Deno.readTextFile(`${dir}/run/notes.md`), "keep me\n");
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/run/manifest.json`));
  assert.equal(manifest.seed, 6);
  assert.ok(manifest.finished);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an empty or missing folder takes a new run", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-empty-" });
  await (await createSimulation(tinyScenario({ rounds: 1 }), { out: dir })).run();
  await (await createSimulation(tinyScenario({ rounds: 1 }), { out: `${dir}/a/b` })).run();
  assert.ok((await Deno.stat(`${dir}/manifest.json`)).isFile);
  assert.ok((await Deno.stat(`${dir}/a/b/checkpoint.json`)).isFile);
  await Deno.remove(dir, { recursive: true });
});
