/**
 * `deno run -A lib/cli/eval.ts ratings --data DIR --format ml-100k|ml-1m [--users 50|all]
 * [--brains random,rule,fitted,llm] [--seeds 3] [--seed 1] [--out DIR]`: the Agent4Rec /
 * SimUSER rating protocol, RMSE and MAE per brain next to the baselines.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { readSelectionData } from "../eval/selection_data.ts";
import { formatRatingTable, runRatings } from "../eval/ratings_run.ts";
import { evalLlm, formatOption, intOption, parseSub, runSub } from "./eval_common.ts";

const USAGE = "usage: deno run -A lib/cli/eval.ts ratings --data DIR --format ml-100k|ml-1m " +
  "[--users 50|all] [--brains random,rule,fitted,llm] [--seeds 3] [--seed 1] [--out DIR]";

/**
 * Runs the subcommand.
 *
 * @param args Arguments after "ratings".
 * @returns The exit code.
 */
export function ratingsCommand(args: string[]): Promise<number> {
  return runSub(async () => {
    const v = parseSub(args, {
      data: { type: "string" },
      format: { type: "string" },
      users: { type: "string", default: "50" },
      brains: { type: "string", default: "random,rule,fitted,llm" },
      seeds: { type: "string", default: "3" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
    });
    if (v.help) {
      console.log(USAGE);
      return;
    }
    if (typeof v.data !== "string") throw new ConfigError("--data", "data", "required");
    const format = formatOption(v.format as string | undefined);
    const brains = String(v.brains).split(",").map((b) => b.trim()).filter(Boolean);
    const users = intOption("users", String(v.users), true);
    const seeds = intOption("seeds", String(v.seeds)) as number;
    const data = await readSelectionData(v.data, format, String(v.seed));
    const { llm, stop } = brains.includes("llm")
      ? await evalLlm()
      : { llm: undefined, stop: async () => {} };
    try {
      const r = await runRatings(data, { brains, users, seeds, seed: String(v.seed), llm });
      const s = r.settings;
      console.log(
        `Rating error (Agent4Rec/SimUSER protocol): ${s.source}, ${s.usersUsed} users per seed ` +
          `(of ${s.eligible} with enough ratings) × ${s.seeds} seeds, the last ${s.heldOut} ` +
          `ratings of each user held out; mean [95% CI over seeds]. Rows marked "reported" are ` +
          `other systems' published numbers on ML-1M, not measured here.`,
      );
      console.log(formatRatingTable(r.cells));
      const failed = r.cells.filter((c) => c.failures > 0);
      for (const c of failed) {
        console.log(`${c.label}: ${c.failures} predictions fell back to the user's mean.`);
      }
      if (typeof v.out === "string") {
        await Deno.mkdir(v.out, { recursive: true });
        await Deno.writeTextFile(
          `${v.out}/ratings.json`,
          JSON.stringify({ settings: r.settings, cells: r.cells }, null, 1),
        );
        console.log(`wrote ${v.out}/ratings.json`);
      }
    } finally {
      await stop();
    }
  });
}
