import assert from "node:assert/strict";
import { createSimulation } from "@lib/sim/simulation.ts";
import { assertRefused, folderHashes, runCli, tinyScenario } from "./store_helpers.ts";

const SCENARIO = tinyScenario({ name: "verify", rounds: 3 });

/** A finished 3-round run saved once, copied fresh for every case. */
const pristine = await (async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-verify-" });
  await Deno.writeTextFile(`${dir}/scenario.json`, JSON.stringify(SCENARIO));
  const engine = await createSimulation(SCENARIO, { out: `${dir}/run` });
  await engine.run();
  engine.store!.close();
  return dir;
})();

async function copyRun(): Promise<{ dir: string; run: string; scenario: string }> {
  const dir = await Deno.makeTempDir({ prefix: "socius-case-" });
  await Deno.mkdir(`${dir}/run`);
  for await (const e of Deno.readDir(`${pristine}/run`)) {
    await Deno.copyFile(`${pristine}/run/${e.name}`, `${dir}/run/${e.name}`);
  }
  await Deno.copyFile(`${pristine}/scenario.json`, `${dir}/scenario.json`);
  return { dir, run: `${dir}/run`, scenario: `${dir}/scenario.json` };
}

/** Damages a copy of the run, resumes it with the CLI, expects a refusal that changes nothing. */
async function refusedAfter(
  damage: (run: string) => Promise<void>,
  pattern: RegExp,
  extra: string[] = [],
  scenario?: Record<string, unknown>,
): Promise<void> {
  const c = await copyRun();
  await damage(c.run);
  if (scenario) await Deno.writeTextFile(c.scenario, JSON.stringify(scenario));
  const before = await folderHashes(c.dir);
  const r = await runCli("sim", [c.scenario, "--out", c.run, "--resume", ...extra]);
  assertRefused(r, pattern);
  assert.deepEqual(await folderHashes(c.dir), before, "nothing in the folder changed");
  await Deno.remove(c.dir, { recursive: true });
}

async function editFile(path: string, edit: (bytes: Uint8Array) => Uint8Array): Promise<void> {
  await Deno.writeFile(path, edit(await Deno.readFile(path)));
}

const RECOVER = /restore the run folder from a copy, or start the run again in a new folder/;

Deno.test("resume refuses a missing events log", async () => {
  await refusedAfter(
    (run) => Deno.remove(`${run}/events.jsonl`),
    /run\/events\.jsonl: missing, but checkpoint\.json \(round 2\) covers \d+ bytes \(\d+ events\) of it; restore/,
  );
});

Deno.test("resume refuses a shortened events log and never pads it with NUL bytes", async () => {
  await refusedAfter(
    (run) =>
      editFile(`${run}/events.jsonl`, (b) => {
        const cut = b.subarray(0, b.length - 1).lastIndexOf(10) + 1;
        return b.subarray(0, cut);
      }),
    /run\/events\.jsonl: shortened to \d+ bytes \(\d+ events\), but checkpoint\.json \(round 2\) covers \d+ bytes \(\d+ events\): history is missing/,
  );
});

Deno.test("resume refuses an events log cut to nothing", async () => {
  await refusedAfter(
    (run) => Deno.writeTextFile(`${run}/events.jsonl`, ""),
    /events\.jsonl: shortened to 0 bytes/,
  );
});

Deno.test("resume refuses an edited events log", async () => {
  await refusedAfter(
    (run) =>
      editFile(`${run}/events.jsonl`, (b) => {
        const text = new TextDecoder().decode(b).replace('"round":1,', '"round":7,');
        return new TextEncoder().encode(text);
      }),
    /events\.jsonl: edited or corrupted: its first \d+ bytes no longer match the SHA-256 that checkpoint\.json \(round 2\) recorded/,
  );
});

Deno.test("resume refuses an events log with a corrupted byte", async () => {
  await refusedAfter(
    (run) =>
      editFile(`${run}/events.jsonl`, (b) => {
        const copy = b.slice();
        copy[Math.floor(copy.length / 2)] = 0;
        return copy;
      }),
    /events\.jsonl: edited or corrupted/,
  );
});

Deno.test("resume refuses an events log whose lines were swapped", async () => {
  await refusedAfter(
    (run) =>
      editFile(`${run}/events.jsonl`, (b) => {
        const lines = new TextDecoder().decode(b).split("\n");
        [lines[1], lines[2]] = [lines[2], lines[1]];
        return new TextEncoder().encode(lines.join("\n"));
      }),
    RECOVER,
  );
});

Deno.test("resume refuses a shortened or edited metrics log", async () => {
  await refusedAfter(
    (run) => editFile(`${run}/metrics.jsonl`, (b) => b.subarray(0, b.length - 10)),
    /metrics\.jsonl: shortened to \d+ bytes \(\d+ metric rows\), but checkpoint\.json \(round 2\) covers \d+ bytes \(3 metric rows\)/,
  );
  await refusedAfter(
    (run) =>
      editFile(`${run}/metrics.jsonl`, (b) => {
        const copy = b.slice();
        copy[5] = copy[5] === 48 ? 49 : 48;
        return copy;
      }),
    /metrics\.jsonl: edited or corrupted/,
  );
});

Deno.test("resume refuses a checkpoint that is not one", async () => {
  await refusedAfter(
    (run) => Deno.writeTextFile(`${run}/checkpoint.json`, "{}"),
    /run\/checkpoint\.json: round: .*; restore the run folder from a copy/,
  );
  await refusedAfter(
    (run) => editFile(`${run}/checkpoint.json`, (b) => b.subarray(0, 40)),
    /run\/checkpoint\.json: not valid JSON/,
  );
  await refusedAfter(
    (run) =>
      editFile(`${run}/checkpoint.json`, (b) => {
        const cp = JSON.parse(new TextDecoder().decode(b));
        return new TextEncoder().encode(JSON.stringify({ ...cp, eventsBytes: -5 }));
      }),
    /checkpoint\.json: eventsBytes: /,
  );
});

Deno.test("resume refuses to drop rounds when the checkpoint is gone", async () => {
  await refusedAfter(
    (run) => Deno.remove(`${run}/checkpoint.json`),
    /run\/checkpoint\.json: missing, but events\.jsonl holds 3 completed rounds/,
  );
});

Deno.test("resume refuses a folder without a readable manifest", async () => {
  await refusedAfter(
    (run) => Deno.writeTextFile(`${run}/manifest.json`, "[1,2"),
    /run\/manifest\.json: cannot read the run/,
  );
});

Deno.test("resume of a folder that holds no run says so", async () => {
  await refusedAfter(
    (run) => Deno.remove(`${run}/manifest.json`),
    /run: no run here \(no manifest\.json\); start it without --resume/,
  );
});

Deno.test("resume with a different scenario names the difference", async () => {
  await refusedAfter(
    () => Promise.resolve(),
    /scenario\.json: does not match the saved run: seed: saved 5, given 6; resume with the scenario the run was started with/,
    [],
    { ...SCENARIO, seed: 6 },
  );
  await refusedAfter(
    () => Promise.resolve(),
    /does not match the saved run: agents\.count: saved 12, given 14/,
    [],
    { ...SCENARIO, agents: { source: "csv", count: 14 } },
  );
});

Deno.test("resume with fewer rounds than were completed is refused", async () => {
  await refusedAfter(
    () => Promise.resolve(),
    /rounds: expected at least 3 \(the rounds the saved run has completed\), got 2/,
    ["--rounds", "2"],
  );
});

Deno.test("resume with more rounds runs them and records the change in the manifest", async () => {
  const c = await copyRun();
  const before = await Deno.readTextFile(`${c.run}/events.jsonl`);
  const r = await runCli("sim", [c.scenario, "--out", c.run, "--resume", "--rounds", "5"]);
  assert.equal(r.code, 0, r.stderr);
  const after = await Deno.readTextFile(`${c.run}/events.jsonl`);
  assert.ok(after.startsWith(before), "the saved history is kept byte for byte");
  const manifest = JSON.parse(await Deno.readTextFile(`${c.run}/manifest.json`));
  assert.equal(manifest.config.rounds, 5);
  assert.deepEqual(
    manifest.changes.map((
      x: { field: string; from: unknown; to: unknown },
    ) => [x.field, x.from, x.to]),
    [["rounds", 3, 5]],
  );
  assert.ok(manifest.finished);
  const checkpoint = JSON.parse(await Deno.readTextFile(`${c.run}/checkpoint.json`));
  assert.equal(checkpoint.round, 4);
  // Extending a run gives the same history as running the longer scenario from the start.
  const whole = await createSimulation({ ...SCENARIO, rounds: 5 }, { out: `${c.dir}/whole` });
  await whole.run();
  whole.store!.close();
  assert.equal(after, await Deno.readTextFile(`${c.dir}/whole/events.jsonl`));
  await Deno.remove(c.dir, { recursive: true });
});

Deno.test("a torn line after the checkpoint is trimmed and the resume goes on", async () => {
  const c = await copyRun();
  const before = await Deno.readTextFile(`${c.run}/events.jsonl`);
  await Deno.writeTextFile(`${c.run}/events.jsonl`, '{"seq":999,"round":3,"t":"20', {
    append: true,
  });
  await Deno.writeTextFile(`${c.run}/metrics.jsonl`, '{"round":3,', { append: true });
  const r = await runCli("sim", [c.scenario, "--out", c.run, "--resume"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await Deno.readTextFile(`${c.run}/events.jsonl`), before);
  assert.doesNotMatch(await Deno.readTextFile(`${c.run}/metrics.jsonl`), /\{"round":3,$/);
  await Deno.remove(c.dir, { recursive: true });
});

Deno.test("cleanup", async () => {
  await Deno.remove(pristine, { recursive: true });
});
