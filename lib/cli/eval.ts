/**
 * `deno run -A lib/cli/eval.ts <protocol> [options]`: the paper's evaluations.
 *
 * - `selection --data DIR [--format ml-100k|ml-1m] [--users 20] [--pairs 1x5,3x3,3x6,1x9]
 *   [--brains random,popular,embedding,rule,llm] [--seeds 5] [--negatives uniform|popularity]
 *   [--embedder auto|minilm|hashed|openai] [--out DIR]`: Table 3 (selection accuracy), printed and written
 *   as CSV, JSON and a figure.
 * - `efficiency [--agents 1,5,10] [--keys 1,2,5] [--rounds 3] [--latency-ms 200] [--out DIR]`:
 *   time per round against agents and keys with the LLM brain.
 *
 * The LLM comes from OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL; without them the LLM
 * row is a dry run against the local OpenAI-compatible server (schema-filling replies, no
 * model), and the output says so.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { ConfigError, SociusError } from "../core/errors.ts";
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
import { formatEfficiency, sweepEfficiency } from "../eval/efficiency.ts";

const USAGE = "usage: deno run -A lib/cli/eval.ts selection --data DIR [--format ml-100k|ml-1m] " +
  "[--users 20] [--pairs 1x5,3x3,3x6,1x9] [--brains random,popular,embedding,rule,llm] " +
  "[--seeds 5] [--negatives uniform|popularity] [--embedder auto|minilm|hashed|openai] [--out DIR]\n" +
  "       deno run -A lib/cli/eval.ts efficiency [--agents 1,5,10] [--keys 1,2,5] [--rounds 3] " +
  "[--latency-ms 200] [--out DIR]";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    data: { type: "string" },
    format: { type: "string" },
    users: { type: "string", default: "20" },
    pairs: { type: "string", default: "1x5,3x3,3x6,1x9" },
    brains: { type: "string", default: "random,popular,embedding,rule,llm" },
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
  allowPositionals: true,
});

function int(name: string, v: string, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    throw new ConfigError(`--${name}`, name, `expected an integer ≥ ${min}, got "${v}"`);
  }
  return n;
}

function ints(name: string, v: string): number[] {
  return v.split(",").map((x) => int(name, x.trim()));
}

function haveEnvLlm(): boolean {
  return Boolean(Deno.env.get("OPENAI_API_KEY") && Deno.env.get("OPENAI_MODEL"));
}

async function selection() {
  if (!values.data) throw new SociusError("usage", `--data is required\n${USAGE}`);
  const format = values.format;
  if (format !== undefined && format !== "ml-100k" && format !== "ml-1m") {
    throw new ConfigError("--format", "format", `expected ml-100k or ml-1m, got "${format}"`);
  }
  const negatives = values.negatives;
  if (negatives !== "uniform" && negatives !== "popularity") {
    throw new ConfigError(
      "--negatives",
      "negatives",
      `expected uniform or popularity, got "${negatives}"`,
    );
  }
  const brains = values.brains.split(",").map((b) => b.trim()).filter(Boolean);
  let llm: StructuredLlm | undefined;
  let stop = async () => {};
  if (brains.includes("llm") || values.embedder === "openai") {
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
  if (values.embedder === "openai") {
    if (!(llm instanceof LlmClient)) {
      throw new ConfigError("--embedder", "embedder", "needs OPENAI_*");
    }
    embedder = new OpenAIEmbedder(llm);
  } else if (values.embedder === "auto" || values.embedder === "minilm") {
    // auto: MiniLM when `deno task models` installed it (SOCIUS_EMBEDDER may say otherwise).
    const choice = values.embedder === "minilm" ? "minilm" : Deno.env.get("SOCIUS_EMBEDDER");
    const chosen = await defaultEmbedder({ brain: "embedding" }, () => choice);
    // The hashed embedder is the selectors' own default: leave it to them.
    if (!chosen.name.startsWith("hashed")) embedder = chosen;
  } else if (values.embedder !== "hashed") {
    throw new ConfigError(
      "--embedder",
      "embedder",
      `expected auto, minilm, hashed or openai, got "${values.embedder}"`,
    );
  }
  try {
    const data = await readSelectionData(values.data, format);
    const result = await runSelection(data, {
      selectors: brains.map((b) => createSelector(b, { llm, embedder })),
      users: int("users", values.users),
      pairs: parsePairs(values.pairs),
      seeds: int("seeds", values.seeds),
      seed: values.seed,
      negatives,
      embedder,
      onProgress: (p) =>
        console.error(`seed ${p.seed} (${p.a},${p.b}) done [${p.done}/${p.total}]`),
    });
    console.log(
      `Selection accuracy (Table 3 shape): ${data.source}, ${result.settings.users} users × ` +
        `${result.settings.seeds} seeds, ${negatives} negatives; mean [95% CI over seeds]. ` +
        `Rows marked (paper) are the paper's reported numbers (20 ML-1M users, uniform negatives).`,
    );
    console.log(formatSelectionTable(result.cells));
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
  const rows = await sweepEfficiency({
    agents: ints("agents", values.agents),
    keys: ints("keys", values.keys),
    rounds: int("rounds", values.rounds),
    latencyMs: { mean: int("latency-ms", values["latency-ms"], 0) },
    onProgress: (m) => console.error(m),
  });
  console.log(formatEfficiency(rows));
  if (values.out) {
    await Deno.mkdir(values.out, { recursive: true });
    await Deno.writeTextFile(`${values.out}/efficiency.json`, JSON.stringify(rows, null, 1));
    console.log(`wrote ${values.out}/efficiency.json`);
  }
}

try {
  switch (positionals[0]) {
    case "selection":
      await selection();
      break;
    case "efficiency":
      await efficiency();
      break;
    default:
      throw new SociusError("usage", USAGE);
  }
} catch (e) {
  if (e instanceof SociusError) {
    console.error(e.message);
    Deno.exit(2);
  }
  throw e;
}
