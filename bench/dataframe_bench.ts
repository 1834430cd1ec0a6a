/**
 * What the DataFrame view costs and what it spares the rest of the project: each probe runs in
 * a fresh process (import costs are paid once per process) and reports wall time and resident
 * memory for importing lib/mod.ts alone, importing it and opening the first DataFrame view
 * (which loads danfojs and TensorFlow.js), and converting a 100,000-row event-shaped table each
 * way. Writes figures/bench/dataframe.json.
 *
 * Run: deno run -A bench/dataframe_bench.ts  (BENCH_SCALE scales the table, BENCH_REPEATS the
 * number of fresh processes per probe)
 */
import { benchDir, machineInfo } from "./machine.ts";

const scale = Number(Deno.env.get("BENCH_SCALE") ?? "1");
const repeats = Number(Deno.env.get("BENCH_REPEATS") ?? "3");
const rows = Math.max(1000, Math.round(100_000 * scale));
const mib = (b: number) => Math.round(b / 2 ** 20);

/** One probe inside a fresh process: prints a JSON line with its measurements. */
async function probe(kind: string): Promise<void> {
  const t0 = performance.now();
  const mod = await import("@lib/mod.ts");
  const importS = (performance.now() - t0) / 1000;
  const out: Record<string, number> = { importS, rssMiB: mib(Deno.memoryUsage().rss) };
  if (kind !== "mod") {
    const t1 = performance.now();
    await mod.toDataFrame([{ round: 0, action: "watch" }]);
    out.firstViewS = (performance.now() - t1) / 1000;
    out.rssMiB = mib(Deno.memoryUsage().rss);
  }
  if (kind === "convert") {
    const actions = ["watch", "feel", "chat", "post", "rest"];
    const table = Array.from({ length: rows }, (_, i) => ({
      seq: i,
      round: i % 20,
      agent: `a${i % 500}`,
      action: actions[i % 5],
      genres: ["Drama", "Comedy", "Action"].slice(0, 1 + (i % 3)),
      score: (i % 10) / 2,
    }));
    const t2 = performance.now();
    const df = await mod.toDataFrame(table);
    out.toFrameS = (performance.now() - t2) / 1000;
    const t3 = performance.now();
    mod.fromDataFrame(df);
    out.fromFrameS = (performance.now() - t3) / 1000;
    out.rssMiB = mib(Deno.memoryUsage().rss);
  }
  console.log(JSON.stringify(out));
}

async function fresh(kind: string): Promise<Record<string, number>> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(import.meta.url).pathname, `--probe=${kind}`],
    // The project root, so the probe resolves @lib/ through deno.json wherever this was started.
    cwd: new URL("..", import.meta.url).pathname,
    env: { BENCH_SCALE: String(scale) },
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (out.code !== 0) throw new Error(`probe ${kind} failed`);
  const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
  return JSON.parse(lines.at(-1)!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const probeArg = Deno.args.find((a) => a.startsWith("--probe="));
if (probeArg) {
  await probe(probeArg.slice("--probe=".length));
} else {
  const labels: Record<string, string> = {
    mod: "import lib/mod.ts (no DataFrame view)",
    view: "import lib/mod.ts, then the first toDataFrame (loads danfojs)",
    convert: `… then ${rows.toLocaleString("en-US")} event rows to a DataFrame and back`,
  };
  const results: Record<string, unknown>[] = [];
  for (const kind of ["mod", "view", "convert"]) {
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < repeats; i++) runs.push(await fresh(kind));
    const row: Record<string, unknown> = { probe: labels[kind] };
    for (const key of Object.keys(runs[0])) {
      const m = median(runs.map((r) => r[key]));
      row[key] = key === "rssMiB" ? m : Math.round(m * 1000) / 1000;
    }
    results.push(row);
    console.log(JSON.stringify(row));
  }
  const path = `${benchDir()}/dataframe.json`;
  await Deno.writeTextFile(
    path,
    JSON.stringify(
      {
        benchmark: "danfojs DataFrame view: lazy import and conversion",
        repeats,
        rows,
        machine: machineInfo(),
        results,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`wrote ${path}`);
}
