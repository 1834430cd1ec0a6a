/**
 * What the `ratings` and `realism` subcommands of `lib/cli/eval.ts` share: their own argument
 * parsing (so each keeps its defaults and its --help), the one-line error with exit code 2,
 * and the LLM from the environment or a dry run against the local server.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { choiceOption, intOption as coreIntOption } from "../core/cli_args.ts";
import { ConfigError, SociusError } from "../core/errors.ts";
import { LlmClient } from "../llm/client.ts";
import { createLlmFromEnv } from "../llm/from_env.ts";
import { startLocalServer } from "../llm/local_server.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { readSelectionData, type SelectionData } from "../eval/selection_data.ts";

/** Parsed options of a subcommand. */
export type SubValues = Record<string, string | boolean | undefined>;

/**
 * Parses a subcommand's arguments; an unknown option or a stray argument is a ConfigError.
 *
 * @param args The arguments after the subcommand name.
 * @param options The options and their defaults.
 * @returns The values.
 */
export function parseSub(args: string[], options: ParseArgsConfig["options"]): SubValues {
  try {
    const { values } = parseArgs({ args, options: { ...options, help: { type: "boolean" } } });
    return values as SubValues;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new ConfigError("eval", "arguments", msg);
  }
}

/**
 * A positive integer option, or "all" when allowed; the wording of every other CLI's options
 * (lib/core/cli_args.ts).
 *
 * @param name The option, without dashes.
 * @param v Its text.
 * @param all Whether "all" is accepted.
 * @returns The number or "all".
 */
export function intOption(name: string, v: string, all = false): number | "all" {
  if (all && v === "all") return "all";
  return coreIntOption(`--${name}`, v, 1);
}

/**
 * The MovieLens layout option.
 *
 * @param v The text (required).
 * @returns "ml-100k" or "ml-1m".
 */
export function formatOption(v: string | undefined): "ml-100k" | "ml-1m" {
  return choiceOption("--format", v ?? "", ["ml-100k", "ml-1m"]);
}

/**
 * The LLM for the LLM brain: OPENAI_* from the environment, else a dry run against the local
 * OpenAI-compatible server (schema-filling replies, no model), said out loud.
 *
 * @returns The client and how to stop what was started.
 */
export async function evalLlm(): Promise<{ llm: StructuredLlm; stop: () => Promise<void> }> {
  if (Deno.env.get("OPENAI_API_KEY") && Deno.env.get("OPENAI_MODEL")) {
    return { llm: createLlmFromEnv(), stop: async () => {} };
  }
  const server = await startLocalServer({ keys: ["sk-local-eval"] });
  console.log(
    "No OPENAI_API_KEY/OPENAI_MODEL set: the LLM row is a dry run against the local server " +
      "(schema-filling replies, no model).",
  );
  return {
    llm: new LlmClient({
      model: "socius-local (dry run, no model)",
      endpoints: [{ baseUrl: server.url, keys: ["sk-local-eval"], concurrency: 8 }],
    }),
    stop: () => server.stop(),
  };
}

/** The options every protocol over a MovieLens log shares, with their defaults. */
export const LOG_OPTIONS: ParseArgsConfig["options"] = {
  data: { type: "string" },
  format: { type: "string" },
  users: { type: "string", default: "50" },
  brains: { type: "string", default: "random,rule,fitted,llm" },
  seeds: { type: "string", default: "3" },
  seed: { type: "string", default: "1" },
  out: { type: "string" },
};

/** What {@link openLog} reads from {@link LOG_OPTIONS}. */
export interface LogRun {
  data: SelectionData;
  brains: string[];
  users: number | "all";
  seeds: number;
  seed: string;
  llm: StructuredLlm | undefined;
  /** Stops the LLM dry-run server when one was started. */
  stop: () => Promise<void>;
}

/**
 * Checks the shared options, reads the log and starts the LLM when a brain needs it.
 *
 * @param v The parsed options (see {@link LOG_OPTIONS}).
 * @returns The log, the brains, the sizes and the LLM.
 */
export async function openLog(v: SubValues): Promise<LogRun> {
  if (typeof v.data !== "string") throw new ConfigError("--data", "data", "required");
  const format = formatOption(v.format as string | undefined);
  const brains = String(v.brains).split(",").map((b) => b.trim()).filter(Boolean);
  const users = intOption("users", String(v.users), true);
  const seeds = intOption("seeds", String(v.seeds)) as number;
  const seed = String(v.seed);
  const data = await readSelectionData(v.data, format, seed);
  const { llm, stop } = brains.includes("llm")
    ? await evalLlm()
    : { llm: undefined, stop: async () => {} };
  return { data, brains, users, seeds, seed, llm, stop };
}

/**
 * Runs a subcommand: a SociusError becomes one line on stderr and exit code 2.
 *
 * @param body The subcommand.
 * @returns The exit code.
 */
export async function runSub(body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return 0;
  } catch (e) {
    if (e instanceof SociusError) {
      console.error(`error: ${e.message.split("\n")[0]}`);
      return 2;
    }
    throw e;
  }
}
