/**
 * Loads the common subset of GML: `graph [ directed 0|1 node [ id … label "…" ] edge [ source …
 * target … ] ]`. Edges may carry `type "…"` and `closeness x`; other keys (graphics, weights)
 * are skipped. Errors name the line of the offending token.
 *
 * @module
 */
import { DataError } from "@lib/core/errors.ts";
import { SocialGraph } from "./graph.ts";

type Value = string | number | Entry[];
interface Entry {
  key: string;
  value: Value;
  line: number;
}
interface Token {
  kind: "key" | "num" | "str" | "[" | "]";
  text: string;
  line: number;
}

/** Options of {@link parseGml}. */
export interface GmlOptions {
  /** Name used in error messages (default "graph.gml"). */
  file?: string;
  /** Name agents by their `label` instead of their `id` (default false). */
  useLabels?: boolean;
  /** Override the file's `directed` flag. */
  directed?: boolean;
}

/** What {@link parseGml} returns. */
export interface GmlGraph {
  /** The graph, nodes in file order. */
  graph: SocialGraph;
  /** Label of each node that has one, keyed by agent id. */
  labels: Map<string, string>;
}

/**
 * Parses GML text.
 *
 * @param text The file contents.
 * @param options File name, id choice, direction override.
 * @returns The graph and the node labels.
 *
 * @example A triangle with labels
 * ```ts
 * import { parseGml } from "@lib/social/load_gml.ts";
 * import assert from "node:assert/strict";
 * const { graph, labels } = parseGml(`graph [
 *   node [ id 1 label "Ann" ] node [ id 2 label "Bob" ] node [ id 3 ]
 *   edge [ source 1 target 2 ] edge [ source 2 target 3 closeness 0.2 ] ]`);
 * assert.deepEqual(graph.friends("2"), ["1", "3"]);
 * assert.equal(labels.get("1"), "Ann");
 * ```
 */
export function parseGml(text: string, options: GmlOptions = {}): GmlGraph {
  const file = options.file ?? "graph.gml";
  const tokens = tokenize(text, file);
  const pos = { k: 0 };
  const top = parseList(tokens, pos, file, false);
  const g = top.find((e) => e.key === "graph");
  if (!g || !Array.isArray(g.value)) {
    throw new DataError(file, g?.line ?? 0, 'expected a top-level "graph [ … ]" block');
  }
  const entries = g.value;
  const directedFlag = entries.find((e) => e.key === "directed");
  const directed = options.directed ?? (directedFlag?.value === 1);
  const graph = new SocialGraph();
  const labels = new Map<string, string>();
  const nameOf = new Map<string, string>();
  for (const e of entries) {
    if (e.key !== "node") continue;
    const body = block(e, file);
    const id = scalar(body, "id", e.line, file);
    const label = body.find((x) => x.key === "label");
    if (nameOf.has(id)) throw new DataError(file, e.line, `duplicate node id ${id}`, "id");
    const name = options.useLabels && label ? String(label.value) : id;
    if (graph.hasNode(name)) throw new DataError(file, e.line, `duplicate node "${name}"`, "label");
    nameOf.set(id, name);
    graph.addNode(name);
    if (label) labels.set(name, String(label.value));
  }
  for (const e of entries) {
    if (e.key !== "edge") continue;
    const body = block(e, file);
    const ends = (["source", "target"] as const).map((k) => {
      const ref = scalar(body, k, e.line, file);
      const name = nameOf.get(ref);
      if (name === undefined) throw new DataError(file, e.line, `unknown node id ${ref}`, k);
      return name;
    });
    if (ends[0] === ends[1]) throw new DataError(file, e.line, `self-loop on node ${ends[0]}`);
    const type = body.find((x) => x.key === "type");
    const close = body.find((x) => x.key === "closeness");
    if (close && !(typeof close.value === "number" && close.value >= 0 && close.value <= 1)) {
      throw new DataError(file, close.line, "expected a number in [0, 1]", "closeness");
    }
    graph.addEdge(ends[0], ends[1], {
      directed,
      type: type ? String(type.value) : undefined,
      closeness: close?.value as number | undefined,
    });
  }
  return { graph, labels };
}

/**
 * Reads and parses a GML file from disk.
 *
 * @param path File path.
 * @param options As {@link parseGml} (the file name defaults to path).
 * @returns The graph and the node labels.
 */
export async function loadGml(path: string, options: GmlOptions = {}): Promise<GmlGraph> {
  return parseGml(await Deno.readTextFile(path), { file: path, ...options });
}

function block(e: Entry, file: string): Entry[] {
  if (!Array.isArray(e.value)) throw new DataError(file, e.line, `expected "${e.key} [ … ]"`);
  return e.value;
}

function scalar(body: Entry[], key: string, line: number, file: string): string {
  const x = body.find((e) => e.key === key);
  if (!x) throw new DataError(file, line, `missing "${key}"`, key);
  if (Array.isArray(x.value)) {
    throw new DataError(file, x.line, "expected a value, got a list", key);
  }
  return String(x.value);
}

function tokenize(text: string, file: string): Token[] {
  const out: Token[] = [];
  const re =
    /\s+|#[^\n]*|\[|\]|"[^"]*"|[A-Za-z_][A-Za-z0-9_]*|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
  let line = 1;
  for (let at = 0; at < text.length;) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new DataError(file, line, `unexpected character "${text[at]}"`);
    const s = m[0];
    const c = s[0];
    if (c === "[" || c === "]") out.push({ kind: c, text: s, line });
    else if (c === '"') out.push({ kind: "str", text: s.slice(1, -1), line });
    else if (/[A-Za-z_]/.test(c)) out.push({ kind: "key", text: s, line });
    else if (c !== "#" && !/\s/.test(c)) out.push({ kind: "num", text: s, line });
    for (const ch of s) if (ch === "\n") line++;
    at += s.length;
  }
  return out;
}

function parseList(tokens: Token[], pos: { k: number }, file: string, nested: boolean): Entry[] {
  const out: Entry[] = [];
  while (pos.k < tokens.length) {
    const t = tokens[pos.k++];
    if (t.kind === "]") {
      if (nested) return out;
      throw new DataError(file, t.line, 'unmatched "]"');
    }
    if (t.kind !== "key") throw new DataError(file, t.line, `expected a key, got "${t.text}"`);
    const v = tokens[pos.k++];
    if (!v) throw new DataError(file, t.line, `missing value after "${t.text}"`);
    if (v.kind === "[") {
      out.push({ key: t.text, value: parseList(tokens, pos, file, true), line: t.line });
    } else if (v.kind === "num") out.push({ key: t.text, value: Number(v.text), line: v.line });
    else if (v.kind === "str" || v.kind === "key") {
      out.push({ key: t.text, value: v.text, line: v.line });
    } else throw new DataError(file, v.line, `unexpected "${v.text}" after "${t.text}"`);
  }
  if (nested) throw new DataError(file, tokens.at(-1)?.line ?? 0, 'missing "]" at end of file');
  return out;
}
