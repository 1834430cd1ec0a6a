"""Reads a run exported by Socius (exportTables) with pandas and with DuckDB, as a Python user
would, and prints what each saw as JSON: rows per table from CSV and Arrow, and column types."""
import json
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.feather as feather

run = Path(sys.argv[1])
out = {}
for arrow_path in sorted(run.glob("*.arrow")):
    name = arrow_path.stem
    csv_path = arrow_path.with_suffix(".csv")
    frame = pd.read_feather(arrow_path)
    from_csv = pd.read_csv(csv_path, keep_default_na=False, na_values=[""])
    table = feather.read_table(arrow_path)
    con = duckdb.connect()
    con.register("t", table)
    duck_types = {c: t for c, t in zip(
        [d[0] for d in con.execute("select * from t limit 0").description],
        [r[1] for r in con.execute("describe t").fetchall()],
    )}
    out[name] = {
        "pandas_arrow_rows": len(frame),
        "pandas_csv_rows": len(from_csv),
        "duckdb_arrow_rows": con.execute("select count(*) from t").fetchone()[0],
        "duckdb_csv_rows": con.execute(
            "select count(*) from read_csv_auto(?, header = true)", [str(csv_path)]
        ).fetchone()[0],
        "pandas_dtypes": {c: str(t) for c, t in frame.dtypes.items()},
        "arrow_types": {f.name: str(f.type) for f in table.schema},
        "duckdb_types": duck_types,
        "round_sum": int(frame["round"].sum()) if "round" in frame else None,
    }
print(json.dumps(out))
