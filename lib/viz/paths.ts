/**
 * Where exported figures go: the project's figures/ folder, whatever the working directory
 * (the Jupyter kernel runs in notebooks/), unless SOCIUS_FIGURES_DIR says otherwise.
 *
 * @module
 */

/**
 * @returns The absolute path of the figures folder.
 *
 * @example The figures folder is always named
 * ```ts
 * import { figuresDir } from "@lib/viz/paths.ts";
 * import assert from "node:assert/strict";
 * assert.ok(figuresDir().length > 0);
 * ```
 */
export function figuresDir(): string {
  const override = Deno.env.get("SOCIUS_FIGURES_DIR");
  if (override) return override;
  return new URL("../../figures", import.meta.url).pathname;
}
