import assert from "node:assert/strict";

const LIB = new URL("../lib/", import.meta.url).pathname;

function* sources(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const path = `${dir}${e.name}`;
    if (e.isDirectory) yield* sources(`${path}/`);
    else if (/\.(ts|js|mjs)$/.test(e.name)) yield path;
  }
}

/** Every module specifier a file names: static imports, re-exports and dynamic imports. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]/g,
    /\bnew URL\(\s*["']([^"']+\.ts)["']\s*,\s*import\.meta\.url/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

function resolve(from: string, spec: string): string | null {
  if (spec.startsWith("@lib/")) return LIB + spec.slice(5);
  if (spec.startsWith(".")) return new URL(spec, `file://${from}`).pathname;
  return null;
}

Deno.test("nothing under lib/ except lib/cli imports lib/cli", () => {
  const offenders: string[] = [];
  let files = 0;
  for (const file of sources(LIB)) {
    if (file.startsWith(`${LIB}cli/`)) continue;
    files++;
    for (const spec of specifiers(Deno.readTextFileSync(file))) {
      const target = resolve(file, spec);
      if (target?.startsWith(`${LIB}cli/`)) offenders.push(`${file.slice(LIB.length)} → ${spec}`);
    }
  }
  assert.ok(files > 100, `only ${files} files found under lib/`);
  assert.deepEqual(offenders, []);
});

Deno.test("the import scanner sees every way a module can reach lib/cli", () => {
  const text = [
    'import { a } from "../cli/a.ts";',
    'export * from "@lib/cli/b.ts";',
    'import type {\n  C,\n} from "../cli/c.ts";',
    'const d = await import("../cli/d.ts");',
    'const e = new URL("../cli/e.ts", import.meta.url);',
  ].join("\n");
  const targets = specifiers(text).map((s) => resolve(`${LIB}web/x.ts`, s));
  assert.deepEqual(targets.sort(), ["a", "b", "c", "d", "e"].map((x) => `${LIB}cli/${x}.ts`));
});
