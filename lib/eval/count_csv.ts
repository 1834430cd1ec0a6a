/**
 * A generic real spread curve: a CSV of (time, count) rows, e.g. aware users per hour.
 *
 * @module
 */
import { DataError } from "@lib/core/errors.ts";
import type { TimePoint } from "@lib/metrics/curves.ts";

/**
 * Parses a CSV with a header naming `time` and `count` columns (any order, other columns
 * ignored).
 *
 * @param text Contents.
 * @param file Its name, for errors.
 * @returns Points sorted by time.
 * @throws DataError naming the line and column of a missing or non-numeric value.
 *
 * @example
 * ```ts
 * import { parseCountCsv } from "@lib/eval/count_csv.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseCountCsv("time,count\n1,5\n0,2\n", "c.csv"), [
 *   { time: 0, value: 2 },
 *   { time: 1, value: 5 },
 * ]);
 * assert.throws(() => parseCountCsv("time,count\n1,x\n", "c.csv"), /c\.csv:2 \(count\)/);
 * ```
 */
export function parseCountCsv(text: string, file: string): TimePoint[] {
  const lines = text.split("\n").map((l) => l.trim());
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const ti = header.indexOf("time"), ci = header.indexOf("count");
  if (ti < 0 || ci < 0) {
    throw new DataError(
      file,
      1,
      `expected a header with "time" and "count", got ${JSON.stringify(lines[0] ?? "")}`,
    );
  }
  const out: TimePoint[] = [];
  for (let k = 1; k < lines.length; k++) {
    if (lines[k] === "") continue;
    const cells = lines[k].split(",");
    const num = (idx: number, name: string) => {
      const raw = (cells[idx] ?? "").trim();
      const x = Number(raw);
      if (raw === "" || !Number.isFinite(x)) {
        throw new DataError(file, k + 1, `expected a number, got ${JSON.stringify(raw)}`, name);
      }
      return x;
    };
    out.push({ time: num(ti, "time"), value: num(ci, "count") });
  }
  return out.sort((a, b) => a.time - b.time);
}

/**
 * Reads a (time, count) CSV file.
 *
 * @param path The file.
 * @returns Points sorted by time.
 */
export async function loadCountCsv(path: string): Promise<TimePoint[]> {
  return parseCountCsv(await Deno.readTextFile(path), path);
}
