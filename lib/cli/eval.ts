/**
 * `deno run -A lib/cli/eval.ts <protocol> [options]`: the paper's evaluations.
 *
 * - `selection --data DIR [--format ml-100k|ml-1m] [--users 20|all] [--pairs 1x5,3x3,3x6,1x9]
 *   [--brains random,popular,knn,embedding,rule,fitted,llm] [--seeds 5] [--negatives uniform|popularity]
 *   [--embedder auto|minilm|hashed|openai] [--out DIR]`: Table 3 (selection accuracy), printed and written
 *   as CSV, JSON and a figure.
 * - `ratings …` and `realism …` (see eval_ratings.ts, eval_realism.ts; each has --help): rating
 *   error against real stars, and simulated against real behaviour; `synthetic --out DIR` writes
 *   a synthetic log in the MovieLens formats to try them on.
 * - `efficiency [--agents 1,5,10] [--keys 1,2,5] [--rounds 3] [--latency-ms 200] [--out DIR]`:
 *   time per round against agents and keys with the LLM brain.
 *
 * The LLM comes from OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL; without them the LLM
 * row is a dry run against the local OpenAI-compatible server (schema-filling replies, no
 * model), and the output says so.
 *
 * @module
 */
import { choiceOption, intListOption, intOption, UsageError } from "../core/cli_args.ts";
import { commandLine, installErrorBoundary } from "../core/cli_main.ts";
import type { Embedder } from "../llm/embedder.ts";
import { createLlmFromEnv } from "../llm/from_env.ts";
import { LlmClient } from "../llm/client.ts";
import { startLocalServer } from "../llm/local_server.ts";
import { OpenAIEmbedder } from "../llm/openai_embedder.ts";
import { defaultEmbedder } from "../llm/default_embedder.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { readSelectionData } from "../eval/selection_data.ts";
import { writeSelection } from "../eval/selection_report.ts";
import { parsePairs, runSelection } from "../eval/selection_run.ts";
import { formatSelectionTable } from "../eval/selection_score.ts";
import { createSelector } from "../eval/selectors.ts";
import { describeFit, describeSelection } from "../eval/selection_summary.ts";
import { withBaselines } from "./eval_brains.ts";
import { ratingsCommand } from "./eval_ratings.ts";
import { realismCommand } from "./eval_realism.ts";
import { syntheticCommand } from "./eval_synthetic.ts";
import { formatEfficiency, sweepEfficiency } from "../eval/efficiency.ts";

const USAGE = "usage: deno run -A lib/cli/eval.ts selection --data DIR [--format ml-100k|ml-1m] " +
  "[--users 20|all] [--pairs 1x5,3x3,3x6,1x9] [--brains random,popular,knn,embedding,rule,fitted,llm] " +
  "[--seeds 5] [--negatives uniform|popularity] [--embedder auto|minilm|hashed|openai] [--out DIR]\n" +
  "       deno run -A lib/cli/eval.ts ratings --help\n" +
  "       deno run -A lib/cli/eval.ts realism --help\n" +
  "       deno run -A lib/cli/eval.ts synthetic --help\n" +
  "       deno run -A lib/cli/eval.ts efficiency [--agents 1,5,10] [--keys 1,2,5] [--rounds 3] " +
  "[--latency-ms 200] [--out DIR]\n" +
  "       deno run -A lib/cli/eval.ts cascades --help";

installErrorBoundary();
if (Deno.args[0] === "cascades") {
  Deno.exit(await (await import("../eval/cascades_cli.ts")).cascadesMain(Deno.args.slice(1)));
}
// These subcommands parse their own options (their defaults and --help differ).
if (Deno.args[0] === "ratings") Deno.exit(await ratingsCommand(Deno.args.slice(1)));
if (Deno.args[0] === "realism") Deno.exit(await realismCommand(Deno.args.slice(1)));
if (Deno.args[0] === "synthetic") Deno.exit(await syntheticCommand(Deno.args.slice(1)));

const { values, positionals } = commandLine({
  usage: USAGE,
  options: {
    data: { type: "string" },
    format: { type: "string" },
    users: { type: "string", default: "20" },
    pairs: { type: "string", default: "1x5,3x3,3x6,1x9" },
    brains: { type: "string", default: "random,popular,knn,embedding,rule,fitted,llm" },
    seeds: { type: "string", default: "5" },
    seed: { type: "string", default: "1" },
    negatives: { type: "string", default: "uniform" },
    embedder: { type: "string", default: "auto" },
    out: { type: "string" },
    agents: { type: "string", default: "1,5,10" },
    keys: { type: "string", default: "1,2,5" },
    rounds: { type: "string", default: "3" },
    "latency-ms": { type: "string", default: "200" },
  },
  positionals: { min: 1, max: 1, names: "selection, efficiency or cascades" },
});

function haveEnvLlm(): boolean {
  return Boolean(Deno.env.get("OPENAI_API_KEY") && Deno.env.get("OPENAI_MODEL"));
}

async function selection() {
  if (!values.data) {
    throw new UsageError("--data", "expected a MovieLens folder (ML-100K or ML-1M), found none");
  }
  const format = values.format === undefined
    ? undefined
    : choiceOption("--format", values.format, ["ml-100k", "ml-1m"]);
  const negatives = choiceOption("--negatives", values.negatives, ["uniform", "popularity"]);
  const embedderKind = choiceOption("--embedder", values.embedder, [
    "auto",
    "minilm",
    "hashed",
    "openai",
  ]);
  const users = values.users === "all" ? "all" : intOption("--users", values.users, 1);
  const seeds = intOption("--seeds", values.seeds, 1);
  const brains = withBaselines(values.brains.split(",").map((b) => b.trim()).filter(Boolean));
  let llm: StructuredLlm | undefined;
  let stop = async () => {};
  if (brains.includes("llm") || embedderKind === "openai") {
    if (haveEnvLlm()) {
      llm = createLlmFromEnv();
    } else {
      const server = await startLocalServer({ keys: ["sk-local-eval"] });
      stop = () => server.stop();
      llm = new LlmClient({
        model: "socius-local (dry run, no model)",
        endpoints: [{ baseUrl: server.url, keys: ["sk-local-eval"], concurrency: 8 }],
      });
      console.log(
        "No OPENAI_API_KEY/OPENAI_MODEL set: the LLM row is a dry run against the " +
          "local server (schema-filling replies, no model).",
      );
    }
  }
  let embedder: Embedder | undefined;
  if (embedderKind === "openai") {
    if (!(llm instanceof LlmClient)) {
      throw new UsageError(
        "--embedder",
        "openai needs OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL, found them unset",
      );
    }
    embedder = new OpenAIEmbedder(llm);
  } else if (embedderKind === "auto" || embedderKind === "minilm") {
    // auto: MiniLM when `deno task models` installed it (SOCIUS_EMBEDDER may say otherwise).
    const choice = embedderKind === "minilm" ? "minilm" : Deno.env.get("SOCIUS_EMBEDDER");
    const chosen = await defaultEmbedder({ brain: "embedding" }, () => choice);
    // The hashed embedder is the selectors' own default: leave it to them.
    if (!chosen.name.startsWith("hashed")) embedder = chosen;
  }
  try {
    const data = await readSelectionData(values.data, format, values.seed);
    const result = await runSelection(data, {
      selectors: brains.map((b) => createSelector(b, { llm, embedder })),
      users,
      pairs: parsePairs(values.pairs),
      seeds,
      seed: values.seed,
      negatives,
      embedder,
      onProgress: (p) =>
        console.error(`seed ${p.seed} (${p.a},${p.b}) done [${p.done}/${p.total}]`),
    });
    console.log(
      `Selection accuracy (Table 3 shape); mean [95% CI over seeds]. ${
        describeSelection(result)
      } Rows marked (paper) are the paper's reported numbers (20 ML-1M users, uniform negatives).`,
    );
    if (users !== "all" && result.settings.usersUsed < users) {
      console.log(
        `Only ${result.settings.usersUsed} of the ${users} users asked for have enough ratings for this grid; ${result.settings.usersUsed} were used.`,
      );
    }
    console.log(formatSelectionTable(result.cells));
    if (result.fit) console.log(describeFit(result.fit));
    const failures = result.rows.filter((r) => r.failure).length;
    if (failures) console.log(`${failures} picks needed random fill-ins (see rows.csv, failure).`);
    if (values.out) {
      const { files } = await writeSelection(result, values.out);
      console.log(`wrote ${files.join(", ")}`);
    }
  } finally {
    await stop();
  }
}

async function efficiency() {
  const { rows } = await sweepEfficiency({
    agents: intListOption("--agents", values.agents, 1),
    keys: intListOption("--keys", values.keys, 1),
    rounds: intOption("--rounds", values.rounds, 1),
    latencyMs: { mean: intOption("--latency-ms", values["latency-ms"], 0) },
    onProgress: (m) => console.error(m),
  });
  console.log(formatEfficiency(rows));
  if (values.out) {
    await Deno.mkdir(values.out, { recursive: true });
    await Deno.writeTextFile(`${values.out}/efficiency.json`, JSON.stringify(rows, null, 1));
    console.log(`wrote ${values.out}/efficiency.json`);
  }
}

switch (positionals[0]) {
  case "selection":
    await selection();
    break;
  case "efficiency":
    await efficiency();
    break;
  default:
    throw new UsageError(
      "arguments",
      `expected the protocol selection, efficiency or cascades, found "${positionals[0]}"`,
    );
}
