/**
 * Which test files exercise a source file: the test files that import it, directly or through
 * other modules, read from the project's static import graph.
 *
 * A mutant can only be caught by a test that loads the mutated code, so running the others
 * wastes the minutes a mutation run has. The graph is read from the source text (static
 * imports, re-exports, dynamic imports with a literal path, `new URL("x.ts", import.meta.url)`
 * and, in tests, a literal path to a module under lib/ that a test hands to a subprocess).
 * Barrels (`mod.ts`) are followed name by name: `import { a } from "@lib/x/mod.ts"` depends on
 * the file the barrel takes `a` from, not on every file the barrel lists, which would tie every
 * test to every module. A namespace import or `export *` takes the whole barrel.
 *
 * @example Test files that reach a module
 * ```ts
 * import { importGraph, testsReaching } from "./mutate_tests.ts";
 * import assert from "node:assert/strict";
 * const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
 * const graph = importGraph(root);
 * const tests = testsReaching(graph, "lib/core/rng.ts");
 * assert.ok(tests.includes("tests/core/rng_test.ts"));
 * assert.ok(!testsReaching(graph, "lib/llm/redact.ts").includes("tests/core/rng_test.ts"));
 * ```
 *
 * @module
 */

/** One import: the module it names and, for named imports, the names it takes. */
interface Edge {
  target: string;
  /** Names taken, or null for the whole module (namespace, side effect, dynamic). */
  names: string[] | null;
}

/** The import graph of lib/ and tests/: file (relative to the root) → what it imports. */
export interface ImportGraph {
  edges: Map<string, Edge[]>;
  /** For each barrel: exported name → the file it comes from; `*` lists whole re-exports. */
  barrels: Map<string, Map<string, string[]>>;
  tests: string[];
}

function* walk(root: string, dir: string): Generator<string> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(`${root}/${dir}`)];
  } catch {
    return;
  }
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory) {
      if (e.name === ".out" || e.name === "fixtures") continue;
      yield* walk(root, rel);
    } else if (e.isFile && e.name.endsWith(".ts")) yield rel;
  }
}

function resolve(from: string, spec: string): string | null {
  if (spec.startsWith("@lib/")) return `lib/${spec.slice(5)}`;
  if (!spec.startsWith(".")) return null;
  const dir = from.slice(0, from.lastIndexOf("/"));
  const parts = `${dir}/${spec}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "." || p === "") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/");
}

/** The local names of an import clause `{ a, b as c, type d }` (the exported names). */
function clauseNames(clause: string): string[] | null {
  const brace = clause.match(/\{([^}]*)\}/);
  if (!brace || /\*\s+as/.test(clause)) return null;
  const names = brace[1].split(",").map((s) => s.trim().replace(/^type\s+/, ""))
    .filter(Boolean).map((s) => s.split(/\s+as\s+/)[0].trim());
  // A default import next to the braces takes the default export as well.
  const head = clause.slice(0, clause.indexOf("{")).replace(/\btype\b/, "").trim();
  if (/^[A-Za-z_$][\w$]*\s*,$/.test(head)) names.push("default");
  return names;
}

function edgesOf(file: string, text: string): Edge[] {
  const out: Edge[] = [];
  const add = (spec: string, names: string[] | null) => {
    const target = resolve(file, spec);
    if (target) out.push({ target, names });
  };
  for (const m of text.matchAll(/\b(import|export)\s+([^'"`;]*?)\bfrom\s*["']([^"']+)["']/g)) {
    add(m[3], m[1] === "export" && m[2].trim() === "*" ? null : clauseNames(m[2]));
  }
  for (const m of text.matchAll(/\bimport\s*["']([^"']+)["']/g)) add(m[1], null);
  for (const m of text.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+)["'`]/g)) add(m[1], null);
  for (const m of text.matchAll(/\bnew URL\(\s*["']([^"']+\.ts)["']\s*,\s*import\.meta\.url/g)) {
    add(m[1], null);
  }
  if (file.startsWith("tests/")) {
    // A test that runs a CLI or a worker names its file as a path from the project root.
    for (const m of text.matchAll(/["'`/](lib\/[\w/]+\.ts)["'`]/g)) {
      // A barrel is not a program; a path to one is a file name in the test's own data.
      if (!m[1].endsWith("/mod.ts")) out.push({ target: m[1], names: null });
    }
  }
  return out;
}

function barrelOf(file: string, text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const put = (name: string, target: string) => map.set(name, [...(map.get(name) ?? []), target]);
  for (const m of text.matchAll(/\bexport\s+([^'"`;]*?)\bfrom\s*["']([^"']+)["']/g)) {
    const target = resolve(file, m[2]);
    if (!target) continue;
    const names = m[1].trim() === "*" ? null : clauseNames(m[1]);
    if (names === null) put("*", target);
    else for (const n of names) put(n, target);
  }
  return map;
}

/** Reads the import graph of `lib/` and `tests/` under `root`. */
export function importGraph(root: string): ImportGraph {
  const edges = new Map<string, Edge[]>();
  const barrels = new Map<string, Map<string, string[]>>();
  const tests: string[] = [];
  for (const top of ["lib", "tests"]) {
    for (const file of walk(root, top)) {
      const text = Deno.readTextFileSync(`${root}/${file}`);
      edges.set(file, edgesOf(file, text));
      if (file.endsWith("/mod.ts")) barrels.set(file, barrelOf(file, text));
      if (file.endsWith("_test.ts")) tests.push(file);
    }
  }
  return { edges, barrels, tests: tests.sort() };
}

/** The files one file loads, barrels resolved name by name. */
function loads(graph: ImportGraph, file: string): string[] {
  const out: string[] = [];
  const viaBarrel = (barrel: string, names: string[] | null, seen: Set<string>) => {
    const map = graph.barrels.get(barrel);
    if (!map || seen.has(barrel)) return;
    seen.add(barrel);
    // A barrel declares nothing itself: what an import through it loads is the files the
    // imported names come from, not every file the barrel lists.
    const targets = names === null ? [...map.values()].flat() : [
      ...names.flatMap((n) => map.get(n) ?? []),
      ...(map.get("*") ?? []),
    ];
    for (const t of new Set(targets)) {
      if (graph.barrels.has(t)) viaBarrel(t, names === null ? null : names, seen);
      else out.push(t);
    }
  };
  for (const e of graph.edges.get(file) ?? []) {
    if (graph.barrels.has(e.target)) viaBarrel(e.target, e.names, new Set());
    else out.push(e.target);
  }
  return out;
}

/** Every file a test loads, directly or transitively. */
export function closure(graph: ImportGraph, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const file = stack.pop()!;
    for (const t of loads(graph, file)) {
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return seen;
}

const closures = new WeakMap<ImportGraph, Map<string, Set<string>>>();

/** The test files whose import closure holds `source`, sorted. */
export function testsReaching(graph: ImportGraph, source: string): string[] {
  let cache = closures.get(graph);
  if (!cache) {
    cache = new Map(graph.tests.map((t) => [t, closure(graph, t)]));
    closures.set(graph, cache);
  }
  return graph.tests.filter((t) => cache.get(t)!.has(source));
}

/**
 * The test files that load `source` within `hops` imports (1: the test imports it itself;
 * barrels do not count as a hop), each with its distance, nearest first.
 */
export function testsNear(
  graph: ImportGraph,
  source: string,
  hops: number,
): { test: string; hops: number }[] {
  const out: { test: string; hops: number }[] = [];
  for (const test of graph.tests) {
    const dist = new Map<string, number>([[test, 0]]);
    let frontier = [test];
    for (let d = 1; d <= hops && frontier.length > 0; d++) {
      const next: string[] = [];
      for (let i = 0; i < frontier.length; i++) {
        for (const t of loads(graph, frontier[i])) {
          if (dist.has(t)) continue;
          // Barrels and the test folder's helpers belong to the test, not a hop away.
          const free = graph.barrels.has(t) || (t.startsWith("tests/") && !t.endsWith("_test.ts"));
          dist.set(t, free ? d - 1 : d);
          (free ? frontier : next).push(t);
        }
      }
      frontier = next;
    }
    const d = dist.get(source);
    if (d !== undefined && d > 0) out.push({ test, hops: d });
  }
  return out.sort((a, b) => a.hops - b.hops || a.test.localeCompare(b.test));
}

/**
 * Test files a mutation run leaves out: they drive notebooks, a browser or real models, or
 * run whole studies (a minute each on a loaded machine, paid again by every surviving mutant).
 */
export const SLOW_TESTS: RegExp = /^tests\/(notebooks\/|studies\/|web\/e2e_|llm\/real_model_)/;

/**
 * The test files a mutation run gives a source file: those within `hops` imports of it (slow
 * ones left out), the most telling first, at most `max`; when fewer than `min` are that near,
 * the most telling farther ones (up to 6 imports away) make up `min`. Most telling: a test named
 * after the file, then one named after its concept (the first word of its name) in the
 * matching folder under tests/, then any in that folder, then the rest; within each,
 * nearer before farther and a test that loads fewer modules (a focused one) before a broad one.
 */
export function selectTests(
  graph: ImportGraph,
  source: string,
  options: { hops: number; max: number; min?: number },
): string[] {
  const base = source.slice(source.lastIndexOf("/") + 1, -".ts".length);
  const folder = source.slice("lib/".length, source.lastIndexOf("/") + 1);
  const tier = (test: string) => {
    const name = test.slice(test.lastIndexOf("/") + 1);
    if (name.startsWith(`${base}_`) || name.startsWith(`${base}.`)) return 0;
    // A test named after the file's concept (client_retry.ts → client_…_test.ts).
    const stem = base.split("_")[0];
    if (stem.length > 3 && name.startsWith(`${stem}_`) && test.startsWith(`tests/${folder}`)) {
      return 1;
    }
    return test.startsWith(`tests/${folder}`) ? 2 : 3;
  };
  const size = new Map<string, number>();
  const sizeOf = (t: string) => {
    if (!size.has(t)) size.set(t, closure(graph, t).size);
    return size.get(t)!;
  };
  const ranked = (list: { test: string; hops: number }[]) =>
    list.filter((t) => !SLOW_TESTS.test(t.test)).sort((a, b) =>
      tier(a.test) - tier(b.test) || a.hops - b.hops || sizeOf(a.test) - sizeOf(b.test) ||
      a.test.localeCompare(b.test)
    ).map((t) => t.test);
  const near = ranked(testsNear(graph, source, options.hops)).slice(0, options.max);
  const min = Math.min(options.min ?? 2, options.max);
  if (near.length >= min) return near;
  const farther = ranked(testsNear(graph, source, 6)).filter((t) => !near.includes(t));
  return [...near, ...farther.slice(0, min - near.length)];
}
