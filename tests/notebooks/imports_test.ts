import assert from "node:assert/strict";
import { listNotebooks } from "@lib/tools/notebook_exec.ts";

/** Every module a piece of code names: static imports, re-exports and dynamic `import(…)`. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/\bfrom\s*["']([^"']+)["']/g)) found.push(m[1]);
  for (const m of code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) found.push(m[1]);
  for (const m of code.matchAll(/^\s*import\s*["']([^"']+)["']/gm)) found.push(m[1]);
  return found;
}

/** Imports that reach into lib/ past its one public surface, lib/mod.ts. */
function deepLibImports(code: string): string[] {
  return specifiers(code).filter((s) =>
    (s.startsWith("@lib/") && s !== "@lib/mod.ts") ||
    /(^|\/)lib\//.test(s) && !s.startsWith("@lib/")
  );
}

Deno.test("the check finds deep, dynamic and relative imports into lib/", () => {
  const code = [
    'import { figure } from "@lib/viz/figure.ts";',
    'import { runSize } from "@lib/mod.ts";',
    'import * as Plot from "@observablehq/plot";',
    'const { LlmS3Brain } = await import("@lib/brain/mod.ts");',
    'import { Rng } from "../lib/core/rng.ts";',
  ].join("\n");
  assert.deepEqual(deepLibImports(code), [
    "@lib/viz/figure.ts",
    "../lib/core/rng.ts",
    "@lib/brain/mod.ts",
  ]);
});

Deno.test("notebook code imports lib/ only through lib/mod.ts", async () => {
  const notebooks = listNotebooks();
  assert.ok(notebooks.length > 0, "no notebooks found");
  const bad: string[] = [];
  for (const nb of notebooks) {
    const json = JSON.parse(await Deno.readTextFile(nb));
    json.cells.forEach((c: { cell_type: string; source: string[] | string }, i: number) => {
      if (c.cell_type !== "code") return;
      const code = Array.isArray(c.source) ? c.source.join("") : c.source;
      for (const s of deepLibImports(code)) {
        bad.push(`${nb.slice(nb.lastIndexOf("/") + 1)} cell ${i}: ${s}`);
      }
    });
  }
  assert.deepEqual(bad, [], `deep imports:\n${bad.join("\n")}`);
});
