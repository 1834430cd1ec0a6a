import assert from "node:assert/strict";
import * as aq from "arquero";
import { exportTables, runTables } from "@lib/sim/tables.ts";
import { DataCollector } from "@lib/sim/collector.ts";
import type { World } from "@lib/sim/world.ts";
import { PROJECT_ROOT } from "@lib/sim/build.ts";
import { loadSimulation } from "@lib/sim/simulation.ts";
import { runScenario, smallScenario } from "./helpers.ts";

const PY_DIR = `${PROJECT_ROOT}/.python`;
const env = { PYTHONPATH: PY_DIR, PYTHONDONTWRITEBYTECODE: "1" };

async function python(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await new Deno.Command("python3", { args, env, stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

/** pandas, pyarrow and DuckDB in .python/, installed from PyPI the first time. */
async function ensurePython(): Promise<void> {
  if ((await python(["-c", "import pandas, pyarrow, duckdb"])).code === 0) return;
  const pip = await python([
    "-m",
    "pip",
    "install",
    "--quiet",
    "--target",
    PY_DIR,
    "-r",
    `${PROJECT_ROOT}/tests/python/requirements.txt`,
  ]);
  assert.equal(
    pip.code,
    0,
    `cannot install pandas, pyarrow and duckdb into .python/ (python3 -m pip install --target .python -r tests/python/requirements.txt):\n${pip.err}`,
  );
}

/** What Arrow and DuckDB should call a column, from what it holds on the TypeScript side. */
function expectedTypes(table: aq.ColumnTable, col: string): { arrow: RegExp; duck: RegExp } {
  const values = (table.array(col) as unknown[]).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) return { arrow: /^null$/, duck: /^"?NULL"?$|^INTEGER$/ };
  const v = values[0];
  if (typeof v === "boolean") return { arrow: /^bool$/, duck: /^BOOLEAN$/ };
  if (typeof v === "string") {
    return { arrow: /^(string|large_string|dictionary<values=string.*)$/, duck: /^VARCHAR$/ };
  }
  if (Array.isArray(v)) return { arrow: /^list</, duck: /^VARCHAR\[\]$/ };
  if (values.every((x) => Number.isInteger(x))) {
    return { arrow: /^u?int(8|16|32|64)$/, duck: /^U?(TINYINT|SMALLINT|INTEGER|BIGINT)$/ };
  }
  return { arrow: /^double$/, duck: /^DOUBLE$/ };
}

Deno.test("pandas and DuckDB read an exported run with the TypeScript side's rows and column types", async () => {
  await ensurePython();
  const engine = await runScenario(smallScenario({ rounds: 3 }));
  const events = engine.log.events;
  const agents = new DataCollector<World>({
    agent: {
      decisions: (_w, id, round) =>
        events.filter((e) => e.type === "decision" && e.agent === id && e.round === round).length,
    },
  });
  for (let round = 0; round < 3; round++) agents.collect(engine.world, round, engine.world.ids);
  const tables = runTables(events, engine.world.catalog, {
    modelTable: () => engine.collector.modelTable(),
    agentTable: () => agents.agentTable(),
  });
  const dir = await Deno.makeTempDir({ prefix: "socius-export-" });
  try {
    const written = await exportTables(tables, dir);
    for (
      const name of [
        "events",
        "exposures",
        "consumption",
        "ratings",
        "collector_model",
        "collector_agent",
      ]
    ) assert.ok(written.includes(name), `${name} was not exported`);
    const r = await python([`${PROJECT_ROOT}/tests/python/read_run.py`, dir]);
    assert.equal(r.code, 0, r.err);
    const seen = JSON.parse(r.out) as Record<string, {
      pandas_arrow_rows: number;
      pandas_csv_rows: number;
      duckdb_arrow_rows: number;
      duckdb_csv_rows: number;
      arrow_types: Record<string, string>;
      duckdb_types: Record<string, string>;
      round_sum: number | null;
    }>;
    assert.deepEqual(Object.keys(seen).sort(), [...written].sort());
    for (const name of written) {
      const t = tables[name];
      const s = seen[name];
      const rows = t.numRows();
      assert.deepEqual(
        [s.pandas_arrow_rows, s.pandas_csv_rows, s.duckdb_arrow_rows, s.duckdb_csv_rows],
        [rows, rows, rows, rows],
        `${name}: rows`,
      );
      assert.deepEqual(Object.keys(s.arrow_types), t.columnNames(), `${name}: columns`);
      for (const col of t.columnNames()) {
        const want = expectedTypes(t, col);
        assert.match(s.arrow_types[col], want.arrow, `${name}.${col} in Arrow`);
        assert.match(s.duckdb_types[col], want.duck, `${name}.${col} in DuckDB`);
      }
      if (t.columnNames().includes("round")) {
        const sum = (t.array("round") as number[]).reduce((a, b) => a + b, 0);
        assert.equal(s.round_sum, sum, `${name}: sum of round`);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the README's export of a saved run: loaded read-only, its tables read by pandas", async () => {
  await ensurePython();
  const dir = await Deno.makeTempDir({ prefix: "socius-export-saved-" });
  try {
    const live = await runScenario(smallScenario({ rounds: 2 }), { out: `${dir}/demo` });
    // The README's lines, on a run saved in a folder.
    const engine = await loadSimulation(`${dir}/demo`);
    await exportTables(
      runTables(engine.log.events, engine.world.catalog, engine.collector),
      `${dir}/demo/tables`,
    );
    assert.equal(engine.log.events.length, live.log.events.length);
    const r = await python([`${PROJECT_ROOT}/tests/python/read_run.py`, `${dir}/demo/tables`]);
    assert.equal(r.code, 0, r.err);
    const seen = JSON.parse(r.out) as Record<string, { pandas_arrow_rows: number }>;
    assert.equal(seen.events.pandas_arrow_rows, live.log.events.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
