/**
 * `deno run -A lib/cli/eval.ts realism --data DIR --format ml-100k|ml-1m [--users 50|all]
 * [--rounds 10] [--brains random,rule,fitted,llm] [--seeds 3] [--seed 1] [--split 0.5]
 * [--out DIR]`: simulated users against the same real users' held-out behaviour; prints the
 * table and writes DIR/realism.json.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { formatRealismTable, realismJson, runRealism } from "../eval/realism_run.ts";
import { intOption, LOG_OPTIONS, openLog, parseSub, runSub } from "./eval_common.ts";

const USAGE = "usage: deno run -A lib/cli/eval.ts realism --data DIR --format ml-100k|ml-1m " +
  "[--users 50|all] [--rounds 10] [--brains random,rule,fitted,llm] [--seeds 3] [--seed 1] " +
  "[--split 0.5] [--out DIR]";

/**
 * Runs the subcommand.
 *
 * @param args Arguments after "realism".
 * @returns The exit code.
 */
export function realismCommand(args: string[]): Promise<number> {
  return runSub(async () => {
    const v = parseSub(args, {
      ...LOG_OPTIONS,
      rounds: { type: "string", default: "10" },
      split: { type: "string", default: "0.5" },
    });
    if (v.help) {
      console.log(USAGE);
      return;
    }
    const split = Number(v.split);
    if (!(split > 0 && split < 1)) {
      throw new ConfigError("--split", "split", `expected a number in (0, 1), got "${v.split}"`);
    }
    const rounds = intOption("rounds", String(v.rounds)) as number;
    const { data, brains, users, seeds, seed, llm, stop } = await openLog(v);
    try {
      const r = await runRealism(data, {
        brains,
        users,
        rounds,
        seeds,
        split,
        seed,
        llm,
        onProgress: (p) => console.error(`seed ${p.seed} ${p.brain} done [${p.done}/${p.total}]`),
      });
      const s = r.settings;
      console.log(
        `Realism: ${s.source}, ${s.usersUsed} users per seed (of ${s.eligible} with enough ` +
          `ratings before the cut at ${new Date(s.cut * 1000).toISOString().slice(0, 10)}, ` +
          `quantile ${s.split}) × ${s.seeds} seeds, ${s.rounds} rounds. Distances to the same ` +
          `users' real behaviour after the cut; mean [95% CI over seeds]; lower is closer.`,
      );
      console.log(formatRealismTable(r));
      const pct = (xs: number[]) => xs.map((x) => `${(100 * x).toFixed(0)}%`).join("/");
      console.log(
        `Ratings 1/2/3/4/5: ${
          Object.entries(r.ratingShares).map(([k, xs]) => `${k} ${pct(xs)}`).join("; ")
        }. KS of log item counts: ${
          Object.entries(r.logCountKs).map(([k, x]) => `${k} ${x.toFixed(3)}`).join(", ")
        }.`,
      );
      if (typeof v.out === "string") {
        await Deno.mkdir(v.out, { recursive: true });
        await Deno.writeTextFile(`${v.out}/realism.json`, realismJson(r));
        console.log(`wrote ${v.out}/realism.json`);
      }
    } finally {
      await stop();
    }
  });
}
