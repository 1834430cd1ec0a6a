/**
 * `deno run -A lib/cli/eval.ts synthetic --out DIR [--format ml-100k|ml-1m] [--users 943]
 * [--items 1682] [--seed 1]`: writes a synthetic MovieLens log in the exact real files, to try
 * the protocols without the real data (its numbers describe the synthetic log only).
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { writeSyntheticMovieLens } from "../eval/synthetic_movielens.ts";
import { formatOption, intOption, parseSub, runSub } from "./eval_common.ts";

const USAGE = "usage: deno run -A lib/cli/eval.ts synthetic --out DIR [--format ml-100k|ml-1m] " +
  "[--users 943] [--items 1682] [--seed 1]";

/**
 * Runs the subcommand.
 *
 * @param args Arguments after "synthetic".
 * @returns The exit code.
 */
export function syntheticCommand(args: string[]): Promise<number> {
  return runSub(async () => {
    const v = parseSub(args, {
      out: { type: "string" },
      format: { type: "string", default: "ml-100k" },
      users: { type: "string", default: "943" },
      items: { type: "string", default: "1682" },
      seed: { type: "string", default: "1" },
    });
    if (v.help) {
      console.log(USAGE);
      return;
    }
    if (typeof v.out !== "string") throw new ConfigError("--out", "out", "required");
    const format = formatOption(v.format as string);
    const log = await writeSyntheticMovieLens(v.out, format, {
      users: intOption("users", String(v.users)) as number,
      items: intOption("items", String(v.items)) as number,
      seed: String(v.seed),
    });
    console.log(
      `wrote a synthetic ${format} log to ${v.out}: ${log.users.length} users, ` +
        `${log.items.length} films, ${log.ratings.length} ratings`,
    );
  });
}
