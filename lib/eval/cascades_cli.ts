/**
 * `deno task eval cascades --data DIR [--ids FILE.csv] [--split 0.5] [--seeds N] [--graph FILE]
 * [--window-min M] [--step-min S] [--prefix-min K] [--trials T] [--min-size U] [--seed X]
 * [--out DIR]`: the held-out cascade comparison, printed as a table and written to
 * `OUT/cascades.json` (OUT defaults to the data folder).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { ConfigError, SociusError } from "@lib/core/errors.ts";
import { inboxCsr } from "@lib/social/spread/csr.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import {
  assertGraphHolds,
  cascadesJson,
  evaluateCascades,
  formatCascadeTable,
} from "./cascades.ts";
import {
  defaultFollowerGraph,
  keepScorable,
  loadCascadeLayout,
  loadFollowerGraph,
  selectCascades,
} from "./cascades_data.ts";

/** The usage text. */
export const CASCADES_USAGE =
  "usage: deno task eval cascades --data DIR [--ids FILE.csv] [--split 0.5] [--seeds 3] " +
  "[--graph FILE] [--window-min 720] [--step-min 30] [--prefix-min 60] [--trials 24] " +
  "[--min-size 10] [--seed 1] [--out DIR]";

const HELP = `${CASCADES_USAGE}

Splits the cascades of DIR (twitter15/tree/<id>.txt, twitter16/tree/<id>.txt, optional
label.txt) into calibration and held-out sets by a seeded shuffle, calibrates the rule brain,
IC and LT on the calibration set (objective: mean of the NRMSEs of scale, depth and max breadth
over the window), predicts every held-out cascade from its root and its first --prefix-min
minutes, and prints median and mean NRMSE with 95% intervals over held-out cascades, beside
the mean of the calibration curves. Writes OUT/cascades.json (OUT defaults to DIR).

  --ids FILE.csv    cascades to use: an id column, optional source, root_user, num_users
  --graph FILE      follower edge list (.csv with source,target header, or SNAP pairs);
                    default a generated Barabási–Albert graph four times the largest cascade
  --seeds N         replicate runs averaged per prediction (default 3)
  --min-size U      cascades with fewer users in the window are left out (default 10)`;

function num(name: string, raw: string, check: (x: number) => boolean, expected: string): number {
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x) || !check(x)) {
    throw new ConfigError(`--${name}`, name, `expected ${expected}, found ${JSON.stringify(raw)}`);
  }
  return x;
}

/**
 * Runs the subcommand.
 *
 * @param args Arguments after `cascades`.
 * @returns The exit code (0 done, 2 bad input).
 */
export async function cascadesMain(args: string[]): Promise<number> {
  try {
    return await run(args);
  } catch (e) {
    if (e instanceof SociusError) {
      console.error(`error: ${e.message.split("\n")[0]}`);
      return 2;
    }
    throw e;
  }
}

async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        data: { type: "string" },
        ids: { type: "string" },
        split: { type: "string", default: "0.5" },
        seeds: { type: "string", default: "3" },
        graph: { type: "string" },
        "window-min": { type: "string", default: "720" },
        "step-min": { type: "string", default: "30" },
        "prefix-min": { type: "string", default: "60" },
        trials: { type: "string", default: "24" },
        "min-size": { type: "string", default: "10" },
        seed: { type: "string", default: "1" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    });
  } catch (e) {
    throw new ConfigError("arguments", "cascades", `${(e as Error).message}; ${CASCADES_USAGE}`);
  }
  const v = parsed.values;
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  if (!v.data) {
    throw new ConfigError("--data", "data", `expected a folder, found nothing; ${CASCADES_USAGE}`);
  }
  const split = num("split", v.split, (x) => x > 0 && x < 1, "a share in (0, 1)");
  const seeds = num("seeds", v.seeds, (x) => Number.isInteger(x) && x >= 1, "a whole number ≥ 1");
  const windowMin = num("window-min", v["window-min"], (x) => x > 0, "minutes > 0");
  const stepMin = num(
    "step-min",
    v["step-min"],
    (x) => x > 0 && x <= windowMin,
    "minutes in (0, window]",
  );
  const prefixMin = num(
    "prefix-min",
    v["prefix-min"],
    (x) => x >= 0 && x < windowMin,
    "minutes in [0, window)",
  );
  const trials = num(
    "trials",
    v.trials,
    (x) => Number.isInteger(x) && x >= 0,
    "a whole number ≥ 0",
  );
  const minSize = num(
    "min-size",
    v["min-size"],
    (x) => Number.isInteger(x) && x >= 2,
    "a whole number ≥ 2",
  );
  const seed = v.seed;

  let cascades = await loadCascadeLayout(v.data, { windowMin });
  if (v.ids) {
    cascades = selectCascades(
      cascades,
      await Deno.readTextFile(v.ids).catch((e) => {
        throw new ConfigError(
          "--ids",
          "ids",
          `expected a readable CSV file, found ${(e as Error).message}`,
        );
      }),
      v.ids,
    );
  }
  const { kept, dropped } = keepScorable(cascades, minSize);
  if (kept.length < 2) {
    throw new ConfigError(
      "--data",
      "cascades",
      `expected at least 2 cascades with ≥ ${minSize} users in ${windowMin} minutes, found ${kept.length}`,
    );
  }
  let graph: SocialGraph, graphName: string;
  if (v.graph) {
    graph = await loadFollowerGraph(v.graph);
    graphName = v.graph;
  } else {
    ({ graph, name: graphName } = defaultFollowerGraph(kept, seed));
  }
  assertGraphHolds(kept, graph.nodeCount, v.graph ? "--graph" : graphName);
  console.log(
    `${kept.length} cascades from ${v.data} (${dropped} with fewer than ${minSize} users in ` +
      `${windowMin} min left out); follower graph: ${graphName}, ${graph.nodeCount} accounts; ` +
      `${stepMin}-minute steps, first ${
        Math.floor(prefixMin / stepMin) * stepMin
      } minutes observed; ` +
      `${seeds} replicate seeds; split ${split} (seed ${seed}).`,
  );
  let evaluation;
  try {
    evaluation = evaluateCascades(
      {
        graph,
        csr: inboxCsr(graph),
        windowMin,
        stepMin,
        prefixMin,
        seeds: Array.from({ length: seeds }, (_, k) => k + 1),
      },
      kept,
      { split, seed, trials, onProgress: (m) => console.error(m) },
    );
  } catch (e) {
    if (e instanceof RangeError) throw new ConfigError("--split", "split", e.message);
    throw e;
  }
  console.log(`Calibration objective: ${evaluation.objective}.`);
  console.log(
    `Held-out NRMSE over ${evaluation.heldout.length} cascades (calibrated on ${evaluation.calibration.length}):`,
  );
  console.log(formatCascadeTable(evaluation));
  for (const m of evaluation.models) console.log(`  ${m.name}: ${m.fitted}`);
  const out = v.out ?? v.data;
  await Deno.mkdir(out, { recursive: true });
  const json = cascadesJson(evaluation, {
    graph: graphName,
    accounts: graph.nodeCount,
    window_min: windowMin,
    step_min: stepMin,
    prefix_min: Math.floor(prefixMin / stepMin) * stepMin,
    seeds,
    split,
    seed,
    left_out_small: dropped,
  });
  // Written beside and renamed over, so an interrupted run never leaves half a file.
  const tmp = `${out}/.cascades.json.tmp`;
  await Deno.writeTextFile(tmp, JSON.stringify(json, null, 1) + "\n");
  await Deno.rename(tmp, `${out}/cascades.json`);
  console.log(`wrote ${out}/cascades.json`);
  return 0;
}
