import assert from "node:assert/strict";
import { writeTwitterLayout } from "@lib/eval/cascades_layout.ts";

const CLI = new URL("../../lib/cli/eval.ts", import.meta.url).pathname;

async function evalCli(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, "cascades", ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("eval cascades prints the held-out table and writes cascades.json with every model", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeTwitterLayout(`${dir}/data`, { seed: 4, perFolder: 4, medianSize: 30 });
    await Deno.writeTextFile(
      `${dir}/ids.csv`,
      "id,source\n" + (await listIds(`${dir}/data`)).join("\n") + "\n",
    );
    const r = await evalCli([
      "--data",
      `${dir}/data`,
      "--ids",
      `${dir}/ids.csv`,
      "--trials",
      "2",
      "--seeds",
      "1",
      "--window-min",
      "600",
      "--step-min",
      "60",
      "--out",
      `${dir}/out`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /generated Barabási–Albert graph/);
    assert.match(r.stdout, /^mean_curve\s+\d/m);
    const json = JSON.parse(await Deno.readTextFile(`${dir}/out/cascades.json`));
    assert.deepEqual(Object.keys(json.models).sort(), [
      "ic",
      "lt",
      "mean_curve",
      "prefix_only",
      "rule",
    ]);
    assert.equal(json.n_calibration + json.n_heldout + json.left_out_small, 6);
    assert.ok(json.n_heldout >= 1 && json.n_calibration >= 1);
    for (const m of Object.values(json.models) as Record<string, number>[]) {
      for (const k of ["scale_nrmse_median", "depth_nrmse_median", "breadth_nrmse_median"]) {
        assert.ok(Number.isFinite(m[k]) && m[k] >= 0, `${k} = ${m[k]}`);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function listIds(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const source of ["twitter15", "twitter16"]) {
    const names = [];
    for await (const e of Deno.readDir(`${dir}/${source}/tree`)) names.push(e.name);
    // Three of each folder, so the list really selects.
    for (const n of names.sort().slice(0, 3)) out.push(`${n.replace(".txt", "")},${source}`);
  }
  return out;
}

Deno.test("eval cascades: bad input is one error line and exit 2, a too-small graph included", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeTwitterLayout(`${dir}/data`, { seed: 4, perFolder: 3, medianSize: 30 });
    await Deno.writeTextFile(`${dir}/tiny.csv`, "source,target\na,b\nb,c\n");
    await Deno.writeTextFile(`${dir}/ids.csv`, "id\n123\n");
    for (
      const [args, pattern] of [
        [["--data", `${dir}/nowhere`], /twitter15\/tree/],
        [["--data", `${dir}/data`, "--split", "1.5"], /^error: --split: split: expected a share/],
        [
          ["--data", `${dir}/data`, "--graph", `${dir}/tiny.csv`],
          /^error: --graph: expected at least as many accounts/,
        ],
        [["--data", `${dir}/data`, "--ids", `${dir}/ids.csv`], /ids\.csv:2/],
        [["--data", `${dir}/data`, "--nope"], /^error: arguments/],
        [
          ["--data", `${dir}/data`, "--graph", `${dir}/missing.txt`],
          /^error: .*missing\.txt: expected a readable edge list/,
        ],
      ] as const
    ) {
      const r = await evalCli([...args]);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr.trim(), pattern);
    }
    const help = await evalCli(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--prefix-min/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
