/**
 * `deno task llm-dry-run musiclab|satisfaction [options]`: runs a study's protocol through the
 * LLM brain and records its numbers in figures/ with the model, sizes, seeds, date and reply
 * counts. `musiclab` writes the `llm_dry_run` section of figures/musiclab.json; `satisfaction`
 * writes figures/satisfaction_llm_dry_run.json (the LLM surveyor next to the rule surveyor on
 * the same questions). The LLM is the server named by OPENAI_BASE_URL, OPENAI_API_KEY and
 * OPENAI_MODEL, or else the bundled local model (`deno task models`), on which the run is a dry
 * run of the machinery. Notebooks show the recorded numbers, so the test suite never waits for
 * a model.
 *
 * @module
 */
import { choiceOption, intOption } from "../core/cli_args.ts";
import { commandLine } from "../core/cli_main.ts";
import { writeAtomic } from "../core/atomic_write.ts";
import { createLlmFromEnv } from "../llm/from_env.ts";
import { stopLocalLlmOf } from "../llm/local_llm_client.ts";
import type { ReplyTally } from "../llm/reply_tally.ts";
import { musicLabLlmDryRun } from "../studies/musiclab_llm.ts";
import { satisfactionLlmDryRun } from "../studies/satisfaction_llm.ts";
import { figuresDir } from "../viz/paths.ts";
import { stopWithParent } from "../sim/parent_watch.ts";

const SPEC = {
  usage: "usage: deno task llm-dry-run musiclab|satisfaction [options]\n" +
    "  musiclab       every MusicLab condition with an LLM listener; writes the llm_dry_run\n" +
    "                 section of figures/musiclab.json\n" +
    "    --songs N (default 8)  --worlds N (default 4)  --listeners N per world (default 10)\n" +
    "  satisfaction   the satisfaction survey answered by the LLM and the rule surveyor on the\n" +
    "                 same questions; writes figures/satisfaction_llm_dry_run.json\n" +
    "    --agents N (default 10)  --rounds N (default 6)\n" +
    "  --seeds N      seeds 1..N (default 3)",
  options: {
    songs: { type: "string", default: "8" },
    worlds: { type: "string", default: "4" },
    listeners: { type: "string", default: "10" },
    agents: { type: "string", default: "10" },
    rounds: { type: "string", default: "6" },
    seeds: { type: "string", default: "3" },
  },
  positionals: { min: 1, max: 1, names: "musiclab or satisfaction" },
} as const;

const { values, positionals } = commandLine(SPEC);
// Every option is checked before a model starts or a file is touched.
const study = choiceOption("arguments", positionals[0], ["musiclab", "satisfaction"]);
const seeds = Array.from({ length: intOption("--seeds", values.seeds, 2) }, (_, i) => i + 1);
const musiclab = {
  songs: intOption("--songs", values.songs, 2, 200),
  worlds: intOption("--worlds", values.worlds, 2),
  listeners: intOption("--listeners", values.listeners, 1),
  seeds,
};
const satisfaction = {
  agents: intOption("--agents", values.agents, 2),
  rounds: intOption("--rounds", values.rounds, 1),
  seeds,
};
stopWithParent();
// The configured server, else the bundled model (unless SOCIUS_LOCAL_LLM=0): a missing one is
// one line naming what to set, before anything runs.
const llm = createLlmFromEnv();
const started = performance.now();
const stamp = () => ({
  made: new Date().toISOString(),
  command: `deno task llm-dry-run ${Deno.args.join(" ")}`.trim(),
  seconds: Math.round((performance.now() - started) / 100) / 10,
});
const say = (r: ReplyTally, seconds: number, path: string) =>
  console.log(
    `${study} through ${llm.model}: ${r.requests} requests, ${r.valid} valid, ${r.repaired} ` +
      `repaired, ${r.failed} failed in ${seconds} s; wrote ${path}`,
  );
try {
  if (study === "musiclab") {
    const section = { ...(await musicLabLlmDryRun(llm, musiclab)), ...stamp() };
    const path = `${figuresDir()}/musiclab.json`;
    let figure: Record<string, unknown> = {};
    try {
      figure = JSON.parse(await Deno.readTextFile(path));
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    // The rule brain's numbers in the same file are kept as they are.
    figure.llm_dry_run = section;
    await writeAtomic(path, JSON.stringify(figure, null, 1) + "\n");
    say(section.replies, section.seconds, `the llm_dry_run section of ${path}`);
  } else {
    const record = { ...(await satisfactionLlmDryRun(llm, satisfaction)), ...stamp() };
    const path = `${figuresDir()}/satisfaction_llm_dry_run.json`;
    await writeAtomic(path, JSON.stringify(record, null, 1) + "\n");
    say(record.replies, record.seconds, path);
  }
} finally {
  await stopLocalLlmOf(llm);
}
