/**
 * Command-line arguments for every entry point: one parser (Node's `parseArgs`, strict) and
 * the validators the commands share, so that every bad option gives the same one-line
 * {@link UsageError} naming the option, what was expected and what was found, and every
 * command answers `--help`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { SociusError } from "./errors.ts";

/**
 * A bad command line: message `<option>: <expected>, found <found>`.
 *
 * @example
 * ```ts
 * import { UsageError } from "@lib/core/cli_args.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new UsageError("--rounds", "expected an integer ≥ 1, found \"0\"").message, '--rounds: expected an integer ≥ 1, found "0"');
 * ```
 */
export class UsageError extends SociusError {
  /** The option (or "arguments" for positionals). */
  readonly option: string;
  /**
   * @param option The option, e.g. "--rounds".
   * @param detail What was expected and what was found.
   */
  constructor(option: string, detail: string) {
    super("usage", `${option}: ${detail}`);
    this.option = option;
  }
}

/** One option of a command. */
export interface OptionSpec {
  type: "string" | "boolean";
  default?: string | boolean;
  short?: string;
}

/** What a command accepts. */
export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The usage text printed by `--help`. */
  usage: string;
  options: O;
  /** Fewest and most positional arguments (default 0 and 0). */
  positionals?: { min?: number; max?: number; names?: string };
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]["type"] extends "boolean" ? boolean
    : O[K]["default"] extends string ? string
    : string | undefined;
};

/** Parsed arguments, or `help: true` when `--help` was asked for. */
export interface ParsedArgs<O extends Record<string, OptionSpec>> {
  values: Values<O>;
  positionals: string[];
  help: boolean;
}

/**
 * Parses a command line strictly: unknown options, missing values and stray positionals are
 * {@link UsageError}s. `--help`/`-h` is always accepted.
 *
 * @param args The arguments (e.g. `Deno.args`).
 * @param spec The command's options and usage.
 * @returns Values (defaults filled), positionals and whether help was asked for.
 *
 * @example Unknown options are named
 * ```ts
 * import { parseCommandLine } from "@lib/core/cli_args.ts";
 * import assert from "node:assert/strict";
 * const spec = { usage: "usage: x [--n N]", options: { n: { type: "string", default: "1" } } } as const;
 * assert.equal(parseCommandLine(["--n", "3"], spec).values.n, "3");
 * assert.equal(parseCommandLine(["--help"], spec).help, true);
 * assert.throws(() => parseCommandLine(["--bogus"], spec), /^UsageError: --bogus: expected one of --n, --help, found an unknown option$/);
 * ```
 */
export function parseCommandLine<const O extends Record<string, OptionSpec>>(
  args: readonly string[],
  spec: CommandSpec<O>,
): ParsedArgs<O> {
  const options = { ...spec.options, help: { type: "boolean", short: "h" } } as Record<
    string,
    OptionSpec
  >;
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, options),
      options: options as never,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw usageFromNode(e as Error & { code?: string }, Object.keys(options));
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    return { values: values as Values<O>, positionals: parsed.positionals, help: true };
  }
  const min = spec.positionals?.min ?? 0, max = spec.positionals?.max ?? 0;
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    const want = max === 0
      ? "no positional arguments"
      : `${min === max ? min : `${min} to ${max}`} positional argument${max === 1 ? "" : "s"}${
        spec.positionals?.names ? ` (${spec.positionals.names})` : ""
      }`;
    throw new UsageError(
      "arguments",
      `expected ${want}, found ${
        n === 0 ? "none" : parsed.positionals.map((p) => `"${p}"`).join(" ")
      }`,
    );
  }
  return { values: values as Values<O>, positionals: parsed.positionals, help: false };
}

/**
 * `--rounds -1` is a value that starts with a dash, which Node's parser refuses as ambiguous;
 * joined as `--rounds=-1` it reaches the validator, which can say what was expected.
 */
function joinNegativeValues(
  args: readonly string[],
  options: Record<string, OptionSpec>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([^=]+)$/.exec(args[i])?.[1];
    if (name && options[name]?.type === "string" && /^-\d/.test(args[i + 1] ?? "")) {
      out.push(`${args[i]}=${args[++i]}`);
    } else out.push(args[i]);
  }
  return out;
}

function usageFromNode(e: Error & { code?: string }, names: string[]): Error {
  const m = e.message;
  const option = /'(-{1,2}[^ ',]+)/.exec(m)?.[1] ?? "arguments";
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(
        option,
        `expected one of ${names.map((n) => `--${n}`).join(", ")}, found an unknown option`,
      );
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new UsageError(
        option,
        /argument missing/.test(m)
          ? "expected a value, found none"
          : "expected no value (a switch), found one",
      );
    default:
      return new UsageError(option, m.split("\n")[0]);
  }
}

/**
 * An integer option within bounds.
 *
 * @param option The option name, e.g. "--rounds".
 * @param raw The text given.
 * @param min Smallest allowed value.
 * @param max Largest allowed value.
 * @returns The number.
 *
 * @example
 * ```ts
 * import { intOption } from "@lib/core/cli_args.ts";
 * import assert from "node:assert/strict";
 * assert.equal(intOption("--rounds", "3", 1), 3);
 * assert.throws(() => intOption("--rounds", "1.5", 1), /--rounds: expected an integer ≥ 1, found "1.5"/);
 * ```
 */
export function intOption(option: string, raw: string, min = -Infinity, max = Infinity): number {
  const n = /^\s*[-+]?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(option, `expected ${intRange(min, max)}, found "${raw}"`);
  }
  return n;
}

function intRange(min: number, max: number): string {
  if (Number.isFinite(min) && Number.isFinite(max)) return `an integer from ${min} to ${max}`;
  if (Number.isFinite(min)) return `an integer ≥ ${min}`;
  if (Number.isFinite(max)) return `an integer ≤ ${max}`;
  return "an integer";
}

/**
 * A number option within bounds.
 *
 * @param option The option name.
 * @param raw The text given.
 * @param min Smallest allowed value.
 * @returns The number.
 *
 * @example
 * ```ts
 * import { numberOption } from "@lib/core/cli_args.ts";
 * import assert from "node:assert/strict";
 * assert.equal(numberOption("--delay", "2.5", 0), 2.5);
 * assert.throws(() => numberOption("--delay", "soon", 0), /--delay: expected a number ≥ 0, found "soon"/);
 * ```
 */
export function numberOption(option: string, raw: string, min = -Infinity): number {
  const n = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < min) {
    throw new UsageError(
      option,
      `expected a number${Number.isFinite(min) ? ` ≥ ${min}` : ""}, found "${raw}"`,
    );
  }
  return n;
}

/**
 * One of a fixed set of words.
 *
 * @param option The option name.
 * @param raw The text given.
 * @param choices The allowed values.
 * @returns The value.
 *
 * @example
 * ```ts
 * import { choiceOption } from "@lib/core/cli_args.ts";
 * import assert from "node:assert/strict";
 * assert.equal(choiceOption("--brain", "llm", ["rule", "llm"]), "llm");
 * assert.throws(() => choiceOption("--brain", "x", ["rule", "llm"]), /--brain: expected rule or llm, found "x"/);
 * ```
 */
export function choiceOption<const T extends string>(
  option: string,
  raw: string,
  choices: readonly T[],
): T {
  if (!(choices as readonly string[]).includes(raw)) {
    const list = choices.length > 1
      ? `${choices.slice(0, -1).join(", ")} or ${choices[choices.length - 1]}`
      : choices[0];
    throw new UsageError(option, `expected ${list}, found "${raw}"`);
  }
  return raw as T;
}

/**
 * A comma-separated list of integers.
 *
 * @param option The option name.
 * @param raw The text given.
 * @param min Smallest allowed value.
 * @returns The numbers.
 *
 * @example
 * ```ts
 * import { intListOption } from "@lib/core/cli_args.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(intListOption("--agents", "1, 5,10", 1), [1, 5, 10]);
 * assert.throws(() => intListOption("--agents", "1,,5", 1), /--agents: expected an integer ≥ 1, found ""/);
 * ```
 */
export function intListOption(option: string, raw: string, min = -Infinity): number[] {
  return raw.split(",").map((x) => intOption(option, x.trim(), min));
}

/**
 * A TCP port (0 picks a free one).
 *
 * @param option The option name.
 * @param raw The text given.
 * @returns The port.
 *
 * @example
 * ```ts
 * import { portOption } from "@lib/core/cli_args.ts";
 * import assert from "node:assert/strict";
 * assert.equal(portOption("--port", "8080"), 8080);
 * assert.throws(() => portOption("--port", "70000"), /--port: expected an integer from 0 to 65535, found "70000"/);
 * ```
 */
export function portOption(option: string, raw: string): number {
  return intOption(option, raw, 0, 65535);
}

/**
 * A host to bind: an IPv4 address with octets 0–255, an IPv6 address, or a host name.
 *
 * @param option The option name.
 * @param raw The text given.
 * @returns The host.
 *
 * @example
 * ```ts
 * import { hostOption } from "@lib/core/cli_args.ts";
 * import assert from "node:assert/strict";
 * assert.equal(hostOption("--host", "0.0.0.0"), "0.0.0.0");
 * assert.equal(hostOption("--host", "localhost"), "localhost");
 * assert.throws(() => hostOption("--host", "999.1.1.1"), /--host: expected an IPv4 address .*found "999\.1\.1\.1"/);
 * ```
 */
export function hostOption(option: string, raw: string): string {
  if (/^[\d.]+$/.test(raw)) {
    const parts = raw.split(".");
    if (parts.length !== 4 || parts.some((p) => p === "" || Number(p) > 255 || p.length > 3)) {
      throw new UsageError(
        option,
        `expected an IPv4 address (four numbers 0–255), an IPv6 address or a host name, found "${raw}"`,
      );
    }
    return raw;
  }
  if (
    raw.includes(":")
      ? /^[0-9a-fA-F:.]+$/.test(raw)
      : /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(raw)
  ) {
    return raw;
  }
  throw new UsageError(
    option,
    `expected an IPv4 address (four numbers 0–255), an IPv6 address or a host name, found "${raw}"`,
  );
}
