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
