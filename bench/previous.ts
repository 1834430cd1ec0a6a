/**
 * Earlier figures kept next to new ones, so a bench table compares versions in one place.
 *
 * @module
 */
import { benchDir } from "./machine.ts";

/**
 * The version the previous rows were measured on, for benches whose JSON has no marked rows
 * yet (their current rows become the previous ones under this label).
 */
export const PREVIOUS_VERSION =
  "f555156: searches made a rule turn wait, rule decisions made every option's closure and memory text (measured the same hour)";

/**
 * The rows of a bench's JSON marked `previous`; when it has none yet, its current rows become
 * the previous ones (with the machine they ran on), so the first run of a new version keeps
 * the old version's figures. Delete the marked rows to compare against the latest run instead.
 *
 * @param file The bench's JSON file in figures/bench ("scale.json").
 * @param label What the previous rows were measured on (a version, a commit).
 * @returns Rows to append after the new ones.
 */
export function previousRows(file: string, label: string): Record<string, unknown>[] {
  let data: { cpu?: string; results?: Record<string, unknown>[] };
  try {
    data = JSON.parse(Deno.readTextFileSync(`${benchDir()}/${file}`));
  } catch {
    return [];
  }
  const rows = data.results ?? [];
  const kept = rows.filter((r) => r.previous);
  if (kept.length) return kept;
  return rows.map((r) => ({ previous: label, cpu: data.cpu ?? "", ...r }));
}
