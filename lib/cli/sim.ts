/**
 * `deno task sim <scenario.json> [--out DIR] [--rounds N] [--resume]`: runs a scenario and
 * saves it in a run folder (default runs/<name>); `--resume` continues a killed run from its
 * last checkpoint. With brain "llm" the LLM comes from OPENAI_BASE_URL, OPENAI_API_KEY and
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

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    out: { type: "string" },
    rounds: { type: "string" },
    resume: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

try {
  if (positionals.length !== 1) {
    throw new SociusError(
      "usage",
      "usage: deno task sim <scenario.json> [--out DIR] [--rounds N] [--resume]",
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
  const out = values.out ?? `${PROJECT_ROOT}/runs/${sc.name}`;
  const llm = sc.brain.kind === "llm" ? createLlmFromEnv(sc.llm) : undefined;
  const options = { out, llm, onProgress: progressPrinter() };
  const engine = values.resume
    ? await resumeSimulation(out, options)
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
