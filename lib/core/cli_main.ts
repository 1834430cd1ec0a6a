/**
 * The error boundary every command-line entry point runs inside. Bad input (a
 * {@link SociusError}: configuration, data, usage; a zod validation error; a missing file, a
 * port in use) ends the process with exit code 2 and ONE line `error: <where>: <expected,
 * found>`; anything else is a fault of ours and ends with exit code 1 and one line. Neither
 * prints a stack trace (set SOCIUS_DEBUG=1 to see it). `--help` prints the usage and exits 0.
 *
 * @module
 */
import {
  type CommandSpec,
  type OptionSpec,
  parseCommandLine,
  type ParsedArgs,
} from "./cli_args.ts";
import { formatPath, SociusError } from "./errors.ts";

/** How a thrown value ends the process: exit code and the one line printed. */
export interface Ending {
  code: 1 | 2;
  line: string;
}

const INPUT_ERRORS = [
  "NotFound",
  "AlreadyExists",
  "AddrInUse",
  "AddrNotAvailable",
  "PermissionDenied",
  "IsADirectory",
  "NotADirectory",
  "InvalidData",
  "NotCapable",
] as const;

/**
 * Classifies a thrown value for the command line.
 *
 * @param e What was thrown.
 * @returns Exit code 2 with the message for bad input, 1 for anything unexpected.
 *
 * @example
 * ```ts
 * import { ending } from "@lib/core/cli_main.ts";
 * import { ConfigError } from "@lib/core/errors.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(ending(new ConfigError("s.json", "rounds", "expected a positive integer, found -1")),
 *   { code: 2, line: "error: s.json: rounds: expected a positive integer, found -1" });
 * assert.equal(ending(new TypeError("x is undefined")).code, 1);
 * ```
 */
export function ending(e: unknown): Ending {
  if (e instanceof SociusError) return { code: 2, line: `error: ${oneLine(e.message)}` };
  const err = e as { name?: string; message?: string; issues?: unknown };
  if (err?.name === "ZodError" && Array.isArray(err.issues) && err.issues.length) {
    const i = err.issues[0] as { path: PropertyKey[]; message: string };
    return { code: 2, line: `error: ${formatPath(i.path) || "(root)"}: ${oneLine(i.message)}` };
  }
  for (const name of INPUT_ERRORS) {
    const cls = (Deno.errors as Record<string, unknown>)[name] as (new () => Error) | undefined;
    if (cls && e instanceof cls) return { code: 2, line: `error: ${systemMessage(e)}` };
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return {
    code: 1,
    line: `error: unexpected failure (a bug, please report it): ${oneLine(message)}`,
  };
}

/** Deno's "Reason (os error N): op 'path'" becomes "path: reason". */
function systemMessage(e: Error): string {
  const m = /^(.*?)(?: \(os error \d+\))?: \w+ '([^']*)'/.exec(e.message);
  return oneLine(m ? `${m[2]}: ${m[1].toLowerCase()}` : e.message);
}

function oneLine(text: string): string {
  return text.split("\n").map((l) => l.trim()).filter(Boolean).join("; ");
}

/**
 * Installs the error boundary for the whole process: an error thrown anywhere afterwards (top
 * level, an awaited call, a callback, an unhandled rejection) ends the process as
 * {@link ending} says, with one line and no stack trace (SOCIUS_DEBUG=1 prints it too).
 */
export function installErrorBoundary(): void {
  const fail = (e: unknown): never => {
    const { code, line } = ending(e);
    if (Deno.env.get("SOCIUS_DEBUG")) console.error(e);
    console.error(line);
    Deno.exit(code);
  };
  globalThis.addEventListener("unhandledrejection", (ev) => {
    ev.preventDefault();
    fail(ev.reason);
  });
  globalThis.addEventListener("error", (ev) => {
    ev.preventDefault();
    fail(ev.error);
  });
}

/**
 * The first line of every entry point: installs the error boundary, then parses the command
 * line strictly. `--help` prints the usage and exits 0; a bad command line ends the process
 * with exit code 2 and one line.
 *
 * @param spec The command's options and usage.
 * @param args The arguments (default `Deno.args`).
 * @returns Values (defaults filled) and positionals.
 */
export function commandLine<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  args: readonly string[] = Deno.args,
): ParsedArgs<O> {
  installErrorBoundary();
  let parsed: ParsedArgs<O>;
  try {
    parsed = parseCommandLine(args, spec);
  } catch (e) {
    const { code, line } = ending(e);
    console.error(line);
    Deno.exit(code);
  }
  if (parsed.help) {
    console.log(spec.usage);
    Deno.exit(0);
  }
  return parsed;
}
