/**
 * `deno run -A lib/cli/eval.ts ratings --data DIR --format ml-100k|ml-1m [--users 50|all]
 * [--brains random,rule,fitted,llm] [--seeds 3] [--seed 1] [--out DIR]`: the Agent4Rec /
 * SimUSER rating protocol, RMSE and MAE per brain next to the baselines.
 *
 * @module
 */
import { formatRatingTable, runRatings } from "../eval/ratings_run.ts";
import { LOG_OPTIONS, openLog, parseSub, runSub } from "./eval_common.ts";

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
    const v = parseSub(args, LOG_OPTIONS);
    if (v.help) {
      console.log(USAGE);
      return;
    }
    const { data, brains, users, seeds, seed, llm, stop } = await openLog(v);
    try {
      const r = await runRatings(data, { brains, users, seeds, seed, llm });
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
