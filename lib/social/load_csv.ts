/**
 * Loads a social graph from a CSV edge list with a header row: `source,target[,type,closeness]`
 * (columns in any order). Every bad row is reported with its file and line number.
 *
 * @module
 */
import { parseCsv } from "@lib/core/csv.ts";
import { DataError } from "@lib/core/errors.ts";
import { readTextData } from "@lib/core/text_file.ts";
import { SocialGraph } from "./graph.ts";

/** Options shared by the edge-list loaders. */
export interface EdgeListOptions {
  /** Name used in error messages (default "edges.csv" / "edges.txt"). */
  file?: string;
  /** Read each row as a one-way follow edge source→target (default false: mutual ties). */
  directed?: boolean;
  /** Add to this graph instead of a new one (e.g. one already holding every agent). */
  into?: SocialGraph;
  /** The agents that exist: a row naming any other id is an error at its line. */
  agents?: ReadonlySet<string>;
}

const KNOWN = ["source", "target", "type", "closeness"] as const;

/**
 * Parses a CSV edge list.
 *
 * @param text The file contents.
 * @param options File name for errors, direction, target graph.
 * @returns The graph.
 *
 * @example Types and closeness are optional columns; errors name the line
 * ```ts
 * import { parseEdgeCsv } from "@lib/social/load_csv.ts";
 * import assert from "node:assert/strict";
 * const g = parseEdgeCsv("source,target,closeness\na,b,0.9\nb,c,\n");
 * assert.equal(g.getEdge("a", "b")?.closeness, 0.9);
 * assert.equal(g.linkCount, 2);
 * assert.throws(() => parseEdgeCsv("source,target\na,b\nc\n", { file: "f.csv" }), /f\.csv:3/);
 * ```
 */
export function parseEdgeCsv(text: string, options: EdgeListOptions = {}): SocialGraph {
  const file = options.file ?? "edges.csv";
  const graph = options.into ?? new SocialGraph();
  let header: string[] | undefined;
  const col: Partial<Record<(typeof KNOWN)[number], number>> = {};
  for (const record of parseCsv(text, file)) {
    const lineNo = record.line;
    const fields = record.fields.map((f) => f.trim());
    if (!header) {
      header = fields.map((f) => f.toLowerCase());
      header.forEach((name, k) => {
        if (!(KNOWN as readonly string[]).includes(name)) {
          throw new DataError(
            file,
            lineNo,
            `unknown column "${name}", expected ${KNOWN.join(",")}`,
          );
        }
        col[name as (typeof KNOWN)[number]] = k;
      });
      for (const need of ["source", "target"] as const) {
        if (col[need] === undefined) {
          throw new DataError(file, lineNo, `header lacks the "${need}" column`, need);
        }
      }
      continue;
    }
    if (fields.length !== header.length) {
      throw new DataError(
        file,
        lineNo,
        `expected ${header.length} fields (${header.join(",")}), got ${fields.length}`,
      );
    }
    if (options.agents) {
      for (const end of ["source", "target"] as const) {
        const id = fields[col[end]!];
        if (id && !options.agents.has(id)) {
          throw new DataError(
            file,
            lineNo,
            `expected the id of an agent (${options.agents.size} agents), found "${id}"`,
            end,
          );
        }
      }
    }
    addRow(graph, fields, col, file, lineNo, options.directed ?? false);
  }
  if (!header) throw new DataError(file, 0, "empty file: expected a header source,target");
  return graph;
}

function addRow(
  graph: SocialGraph,
  fields: string[],
  col: Partial<Record<(typeof KNOWN)[number], number>>,
  file: string,
  lineNo: number,
  directed: boolean,
): void {
  const source = fields[col.source!], target = fields[col.target!];
  if (!source) throw new DataError(file, lineNo, "empty agent id", "source");
  if (!target) throw new DataError(file, lineNo, "empty agent id", "target");
  if (source === target) {
    throw new DataError(file, lineNo, `self-link on "${source}" is not allowed`, "target");
  }
  const type = col.type === undefined ? "" : fields[col.type];
  const raw = col.closeness === undefined ? "" : fields[col.closeness];
  let closeness: number | undefined;
  if (raw !== "") {
    closeness = Number(raw);
    if (!(closeness >= 0 && closeness <= 1)) {
      throw new DataError(file, lineNo, `expected a number in [0, 1], got "${raw}"`, "closeness");
    }
  }
  graph.addEdge(source, target, { type: type || undefined, closeness, directed });
}

/**
 * Reads and parses a CSV edge list from disk.
 *
 * @param path File path.
 * @param options Direction and target graph (the file name defaults to path).
 * @returns The graph.
 */
export async function loadEdgeCsv(
  path: string,
  options: EdgeListOptions = {},
): Promise<SocialGraph> {
  return parseEdgeCsv(await readTextData(path), { file: path, ...options });
}
