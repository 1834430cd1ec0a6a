/**
 * `deno task sim <scenario.json> [--out DIR] [--rounds N] [--resume] [--estimate]
 * [--max-calls N] [--max-tokens N]`: runs a scenario and saves it in a run folder (default
 * runs/<name>); `--resume` continues a killed or capped run from its last checkpoint;
 * `--estimate` prints the expected LLM calls, tokens and cost without running; the caps stop
 * the run cleanly before a round that would pass them. With brain "llm" the LLM comes from OPENAI_BASE_URL, OPENAI_API_KEY and
 * OPENAI_MODEL.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { SociusError } from "../core/errors.ts";
import { createLlmFromEnv } from "../llm/from_env.ts";
import { PROJECT_ROOT } from "../sim/build.ts";
import { progressPrinter } from "../sim/progress.ts";
import { loadScenario } from "../sim/scenario.ts";
import { createSimulation, resumeSimulation } from "../sim/simulation.ts";
import { estimateRun } from "../sim/budget.ts";
import { runFolderPath } from "../sim/run_folder.ts";
import { stopWithParent } from "../sim/parent_watch.ts";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    out: { type: "string" },
    rounds: { type: "string" },
    resume: { type: "boolean", default: false },
    estimate: { type: "boolean", default: false },
    "max-calls": { type: "string" },
    "max-tokens": { type: "string" },
  },
  allowPositionals: true,
});

stopWithParent();
try {
  if (positionals.length !== 1) {
    throw new SociusError(
      "usage",
      "usage: deno task sim <scenario.json> [--out DIR] [--rounds N] [--resume] [--estimate] [--max-calls N] [--max-tokens N]",
    );
  }
  let sc = await loadScenario(positionals[0]);
  if (values.rounds !== undefined) {
    const n = Number(values.rounds);
    if (!Number.isInteger(n) || n < 1) {
      throw new SociusError(
        "usage",
        `--rounds: expected a positive integer, got "${values.rounds}"`,
      );
    }
    sc = { ...sc, rounds: n };
  }
  if (values.estimate) {
    const e = await estimateRun(sc);
    console.table(e.rows.map((r) => ({ ...r, costUsd: Number(r.costUsd.toFixed(4)) })));
    console.log(
      `${sc.name}: about ${e.total.calls} LLM calls, ${
        e.total.promptTokens + e.total.completionTokens
      } tokens, $${
        e.total.costUsd.toFixed(2)
      } on ${e.model} (decision mix from a rule-brain dry run)`,
    );
    Deno.exit(0);
  }
  const cap = (flag: string | undefined, name: string) => {
    if (flag === undefined) return undefined;
    const n = Number(flag);
    if (!Number.isInteger(n) || n < 1) {
      throw new SociusError("usage", `--${name}: expected a positive integer, got "${flag}"`);
    }
    return n;
  };
  sc = {
    ...sc,
    budget: {
      calls: cap(values["max-calls"], "max-calls") ?? sc.budget.calls,
      tokens: cap(values["max-tokens"], "max-tokens") ?? sc.budget.tokens,
    },
  };
  const out = values.out ??
    runFolderPath(`${PROJECT_ROOT}/runs`, sc.name, `${positionals[0]}: name`);
  const llm = sc.brain.kind === "llm" ? createLlmFromEnv(sc.llm) : undefined;
  const options = { out, llm, onProgress: progressPrinter() };
  const engine = values.resume
    ? await resumeSimulation(out, { ...options, scenario: sc, scenarioSource: positionals[0] })
    : await createSimulation(sc, options);
  await engine.run();
  const t = engine.totals;
  console.log(
    `${sc.name}: ${engine.world.round} rounds, ${engine.log.events.length} events, ${t.calls} LLM calls, ${t.tokens} tokens, ${t.failures} failures → ${out}`,
  );
} catch (e) {
  if (e instanceof SociusError) {
    console.error(e.message);
    Deno.exit(2);
  }
  throw e;
}
