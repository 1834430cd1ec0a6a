/**
 * `deno task demo [--brain rule|llm] [--out DIR] [--agents N] [--rounds N] [--seed S]`: the
 * offline demo simulation. 50 agents from data/profiles.csv browse the vega movies through a
 * matrix-factorisation recommender retrained every round, chat and post over a Barabási–Albert
 * friend graph, for 10 rounds with the rule brain (RecSim-style choice model). It prints a
 * summary and writes figures/demo_entropy.svg and figures/demo_top_items.svg with their
 * numbers. With `--brain llm` the same run goes through the LLM named by OPENAI_BASE_URL,
 * OPENAI_API_KEY and OPENAI_MODEL.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { createLlmFromEnv } from "../llm/from_env.ts";
import { isLocalLlm, stopLocalLlmOf } from "../llm/local_llm_client.ts";
import { createSimulation } from "../sim/simulation.ts";
import { progressPrinter } from "../sim/progress.ts";
import { entropyByRound, statePanel, topItems } from "../sim/summary.ts";
import { figure } from "../viz/figure.ts";
import { PROJECT_ROOT } from "../sim/build.ts";
import { stopWithParent } from "../sim/parent_watch.ts";
import { SociusError } from "../core/errors.ts";
import { choiceOption, intOption } from "../core/cli_args.ts";
import { commandLine } from "../core/cli_main.ts";

const SPEC = {
  usage:
    "usage: deno task demo [--brain rule|llm] [--out DIR] [--agents N] [--rounds N] [--seed S]\n" +
    "  --agents N   agents (default 50; past the rows of data/profiles.csv a population is\n" +
    "               synthesised from their distributions)\n" +
    "  --rounds N   rounds (default 10)\n" +
    "  --seed S     integer seed (default 7)\n" +
    "  --out DIR    run folder (default runs/demo)",
  options: {
    brain: { type: "string", default: "rule" },
    out: { type: "string", default: `${PROJECT_ROOT}/runs/demo` },
    agents: { type: "string", default: "50" },
    rounds: { type: "string", default: "10" },
    seed: { type: "string", default: "7" },
  },
} as const;

/** The validated options: nothing touches the disk before every one is known to be good. */
function demoOptions(values: { [K in keyof typeof SPEC.options]: string }) {
  return {
    brain: choiceOption("--brain", values.brain, ["rule", "llm"]),
    out: values.out,
    agents: intOption("--agents", values.agents, 1),
    rounds: intOption("--rounds", values.rounds, 1),
    seed: intOption("--seed", values.seed),
  };
}

const values = demoOptions(commandLine(SPEC).values);
const started = performance.now();
const llm = values.brain === "llm" ? createLlmFromEnv() : undefined;
stopWithParent();
const engine = await createSimulation({
  name: "demo",
  seed: values.seed,
  rounds: values.rounds,
  agents: { source: "csv", path: "data/profiles.csv", count: values.agents },
  catalog: { source: "vega" },
  recommender: { model: { algorithm: "mf" }, retrainEvery: 1, pageSize: 5 },
  social: { graph: "ba", m: 2 },
  brain: { kind: values.brain },
}, { out: values.out, replace: true, llm, onProgress: progressPrinter() }).catch((e) => {
  if (!(e instanceof SociusError)) throw e;
  console.error(`error: ${e.message}`);
  Deno.exit(2);
});
await engine.run();
// The local model server (no OPENAI_BASE_URL) was started by the client; stop it with the run.
await stopLocalLlmOf(llm);

const entropy = entropyByRound(engine);
const top = topItems(engine, 10);
const panel = statePanel(engine);
const e = figure("demo_entropy", {
  title:
    `Genre entropy of recommendations per round (${engine.world.ids.length} agents, ${engine.world.recommender.name}, ${
      engine.world.brainOf(engine.world.ids[0]).name
    })`,
  width: 720,
  height: 360,
  x: { label: "round", tickFormat: "d" },
  y: { label: "user entropy of recommended genres (bits)", grid: true, zero: false },
  marks: [
    Plot.line(entropy, { x: "round", y: "entropy", stroke: "#2b5d8a" }),
    Plot.dot(entropy, { x: "round", y: "entropy", fill: "#2b5d8a" }),
  ],
}, { data: entropy });
const t = figure("demo_top_items", {
  title: "Most watched movies in the demo run",
  width: 720,
  height: 360,
  marginLeft: 260,
  x: { label: "times watched (agents)", grid: true },
  y: { label: null },
  marks: [
    Plot.barX(top, { y: "title", x: "watches", fill: "#9bb7d4", sort: { y: "-x" } }),
    Plot.ruleX([0]),
  ],
}, { data: top });

const secs = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `\nSocius demo: ${engine.world.ids.length} agents, ${engine.world.round} rounds in ${secs} s`,
);
console.log(`  brain        ${engine.world.brainOf(engine.world.ids[0]).name}`);
console.log(
  `  recommender  ${panel.recommender.algorithm}, ${panel.recommender.items} items, ${panel.recommender.interactions} interactions`,
);
console.log(
  `  social       ${panel.social.links} links, ${panel.social.chats} chats, ${panel.social.posts} posts`,
);
console.log(
  `  LLM          ${engine.totals.calls} calls, ${engine.totals.tokens} tokens, ${engine.totals.failures} failures`,
);
if (llm) {
  const where = isLocalLlm(llm)
    ? "local llama.cpp server, a dry run of the machinery on a tiny model"
    : "OPENAI_BASE_URL";
  console.log(`  model        ${llm.model} (${where})`);
}
console.log(`  entropy      ${entropy.map((r) => r.entropy.toFixed(2)).join(" → ")} bits`);
console.log(`  top movies   ${top.slice(0, 3).map((t) => `${t.title} (${t.watches})`).join(", ")}`);
console.log(`  run folder   ${values.out}`);
console.log(
  `  figures      ${[...e.files, ...t.files].filter((f) => f.endsWith(".svg")).join(", ")}`,
);
