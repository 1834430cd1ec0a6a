/**
 * Notebook and CLI parameters from environment variables (papermill has no TypeScript
 * support, so parameters reach notebooks this way).
 *
 * @module
 */
import { ConfigError } from "./errors.ts";

/**
 * The run size every notebook honours: "small" in the test suite, "full" for real studies.
 *
 * @returns "small" or "full" (from SOCIUS_SIZE, default "full").
 *
 * @example The run size is small or full
 * ```ts
 * import { runSize } from "@lib/core/params.ts";
 * import assert from "node:assert/strict";
 * assert.ok(["small", "full"].includes(runSize()));
 * ```
 */
export function runSize(): "small" | "full" {
  const v = Deno.env.get("SOCIUS_SIZE") ?? "full";
  if (v !== "small" && v !== "full") {
    throw new ConfigError("environment", "SOCIUS_SIZE", `expected "small" or "full", got "${v}"`);
  }
  return v;
}

/**
 * Reads a numeric parameter from the environment.
 *
 * @param name Variable name.
 * @param fallback Value when unset.
 * @returns The number.
 *
 * @example An unset variable falls back
 * ```ts
 * import { envNumber } from "@lib/core/params.ts";
 * import assert from "node:assert/strict";
 * assert.equal(envNumber("SOCIUS_SURELY_UNSET_VAR", 7), 7);
 * ```
 */
export function envNumber(name: string, fallback: number): number {
  const raw = Deno.env.get(name);
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    throw new ConfigError("environment", name, `expected a number, got "${raw}"`);
  }
  return n;
}

/**
 * Reads a string parameter from the environment.
 *
 * @param name Variable name.
 * @param fallback Value when unset.
 * @returns The string.
 */
export function envString(name: string, fallback: string): string {
  const raw = Deno.env.get(name);
  return raw === undefined || raw === "" ? fallback : raw;
}
