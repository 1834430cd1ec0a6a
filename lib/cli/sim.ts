/**
 * `deno task sim <scenario.json> [--out DIR] [--rounds N] [--resume] [--estimate]
 * [--max-calls N] [--max-tokens N]`: runs a scenario and saves it in a run folder (default
 * runs/<name>); `--resume` continues a killed or capped run from its last checkpoint;
 * `--estimate` prints the expected LLM calls, tokens and cost without running; the caps stop
 * the run cleanly before a round that would pass them. When any brain is "llm" the LLM comes from OPENAI_BASE_URL, OPENAI_API_KEY and
 * OPENAI_MODEL.
 *
 * @module
 */
import { intOption } from "../core/cli_args.ts";
import { commandLine } from "../core/cli_main.ts";
import { createLlmFromEnv } from "../llm/from_env.ts";
import { PROJECT_ROOT } from "../sim/build.ts";
import { progressPrinter } from "../sim/progress.ts";
import { loadScenario, scenarioNeedsLlm } from "../sim/scenario.ts";
import { createSimulation, resumeSimulation } from "../sim/simulation.ts";
import { estimateRun } from "../sim/budget.ts";
import { runFolderPath } from "../sim/run_folder.ts";
import { stopWithParent } from "../sim/parent_watch.ts";
import { unappliedInterventions } from "../sim/interventions.ts";

const { values, positionals } = commandLine({
  usage: "usage: deno task sim <scenario.json> [--out DIR] [--rounds N] [--resume] [--estimate] " +
    "[--max-calls N] [--max-tokens N]",
  options: {
    out: { type: "string" },
    rounds: { type: "string" },
    resume: { type: "boolean", default: false },
    estimate: { type: "boolean", default: false },
    "max-calls": { type: "string" },
    "max-tokens": { type: "string" },
  },
  positionals: { min: 1, max: 1, names: "the scenario file" },
});
/** Validated before anything is read or written. */
const rounds = values.rounds === undefined ? undefined : intOption("--rounds", values.rounds, 1);
const maxCalls = values["max-calls"] === undefined
  ? undefined
  : intOption("--max-calls", values["max-calls"], 1);
const maxTokens = values["max-tokens"] === undefined
  ? undefined
  : intOption("--max-tokens", values["max-tokens"], 1);

stopWithParent();
let sc = await loadScenario(positionals[0]);
if (rounds !== undefined) sc = { ...sc, rounds };
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
sc = {
  ...sc,
  budget: { calls: maxCalls ?? sc.budget.calls, tokens: maxTokens ?? sc.budget.tokens },
};
const out = values.out ??
  runFolderPath(`${PROJECT_ROOT}/runs`, sc.name, `${positionals[0]}: name`);
const llm = scenarioNeedsLlm(sc) ? createLlmFromEnv(sc.llm) : undefined;
const options = { out, llm, onProgress: progressPrinter(), source: positionals[0] };
const engine = values.resume
  ? await resumeSimulation(out, { ...options, scenario: sc, scenarioSource: positionals[0] })
  : await createSimulation(sc, options);
await engine.run();
const t = engine.totals;
// A scenario's intervention after the run's last round is not an error (the run may be
// continued), but it was not applied: say so rather than end as if it had been.
const next = engine.world.round;
for (const { index, intervention: iv } of unappliedInterventions(sc.interventions, next)) {
  const what = `interventions[${index}] (${iv.kind} at round ${iv.round})`;
  console.error(
    `note: ${positionals[0]}: ${what} was not applied: the run ended after round ${next - 1}`,
  );
}
console.log(
  `${sc.name}: ${engine.world.round} rounds, ${engine.log.events.length} events, ${t.calls} LLM calls, ${t.tokens} tokens, ${t.failures} failures → ${out}`,
);
