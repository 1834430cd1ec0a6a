/**
 * Typed errors. Every error that reaches a user names where (file, line, field) and what was
 * expected, so a researcher can fix the input without reading our code.
 *
 * @module
 */

/** Base class of every error Socius throws on purpose. */
export class SociusError extends Error {
  /** A short machine-readable kind, e.g. "config", "data", "llm". */
  readonly kind: string;

  /**
   * @param kind A short machine-readable kind.
   * @param message What went wrong, where, and what was expected.
   * @param options Standard error options (cause).
   */
  constructor(kind: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
    this.name = new.target.name;
  }
}

/**
 * A configuration value is missing or wrong.
 *
 * @example The message names the source and the field
 * ```ts
 * import { ConfigError } from "@lib/core/errors.ts";
 * import assert from "node:assert/strict";
 * const e = new ConfigError("scenario.json", "rounds", "expected a positive integer, got -1");
 * assert.equal(e.message, "scenario.json: rounds: expected a positive integer, got -1");
 * ```
 */
export class ConfigError extends SociusError {
  /** Where the configuration came from (file name or "environment"). */
  readonly source: string;
  /** The dotted path of the offending field. */
  readonly field: string;

  /**
   * @param source Where the configuration came from.
   * @param field The dotted path of the offending field.
   * @param detail What was expected and what was found.
   */
  constructor(source: string, field: string, detail: string) {
    super("config", `${source}: ${field}: ${detail}`);
    this.source = source;
    this.field = field;
  }
}

/**
 * A data file has a bad row or value.
 *
 * @example Line and column in the message
 * ```ts
 * import { DataError } from "@lib/core/errors.ts";
 * import assert from "node:assert/strict";
 * const e = new DataError("u.data", 3, "expected 4 tab-separated fields", "rating");
 * assert.equal(e.message, "u.data:3 (rating): expected 4 tab-separated fields");
 * ```
 */
export class DataError extends SociusError {
  /** The file (or logical source) name. */
  readonly file: string;
  /** 1-based line number, or 0 when not line-oriented. */
  readonly line: number;
  /** Column or field name, when known. */
  readonly column?: string;

  /**
   * @param file The file (or logical source) name.
   * @param line 1-based line number, 0 when not applicable.
   * @param detail What was expected and what was found.
   * @param column Column or field name, when known.
   */
  constructor(file: string, line: number, detail: string, column?: string) {
    const where = line > 0 ? `${file}:${line}` : file;
    super("data", `${where}${column ? ` (${column})` : ""}: ${detail}`);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/**
 * Formats zod issues as "path: message" lines, for errors that name the field.
 *
 * @param issues Issues with a path and a message (zod's shape).
 * @returns One line per issue.
 *
 * @example A nested field path
 * ```ts
 * import { formatIssues } from "@lib/core/errors.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatIssues([{ path: ["agents", 0, "age"], message: "Too small" }]), "agents[0].age: Too small");
 * ```
 */
export function formatIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues.map((i) => `${formatPath(i.path) || "(root)"}: ${i.message}`).join("\n");
}

/**
 * @param path A property path such as zod reports.
 * @returns "a.b[0].c".
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
