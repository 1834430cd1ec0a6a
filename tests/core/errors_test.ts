// The typed errors by value: kinds, names, fields, message layout and the zod path format.
import assert from "node:assert/strict";
import { ConfigError, DataError, formatIssues, formatPath, SociusError } from "@lib/core/errors.ts";

Deno.test("each error carries its kind, its class name and its fields", () => {
  const cause = new Error("root");
  const s = new SociusError("run", "it broke", { cause });
  assert.deepEqual([s.kind, s.name, s.message, s.cause], ["run", "SociusError", "it broke", cause]);
  const c = new ConfigError("scenario.json", "rounds", "expected ≥ 1, got 0");
  assert.deepEqual([c.kind, c.name, c.source, c.field], [
    "config",
    "ConfigError",
    "scenario.json",
    "rounds",
  ]);
  assert.equal(c.message, "scenario.json: rounds: expected ≥ 1, got 0");
  assert.ok(c instanceof SociusError && c instanceof Error);
});

Deno.test("a DataError names the file, the line when there is one, and the column when known", () => {
  const d = new DataError("u.data", 12, "expected 4 fields, found 3", "rating");
  assert.deepEqual([d.kind, d.name, d.file, d.line, d.column], [
    "data",
    "DataError",
    "u.data",
    12,
    "rating",
  ]);
  assert.equal(d.message, "u.data:12 (rating): expected 4 fields, found 3");
  assert.equal(new DataError("graph", 0, "too small").message, "graph: too small");
  assert.equal(new DataError("x.csv", 1, "empty").message, "x.csv:1: empty");
  assert.equal(new DataError("x.csv", -1, "odd").message, "x.csv: odd");
  assert.equal(new DataError("x.csv", 0, "d").column, undefined);
});

Deno.test("zod paths read as a.b[0].c; issues one per line, the root named", () => {
  assert.equal(formatPath(["agents", 0, "profile", "age"]), "agents[0].profile.age");
  assert.equal(formatPath([0, "a"]), "[0].a");
  assert.equal(formatPath([]), "");
  assert.equal(formatPath([Symbol.for("s"), "x"]), "Symbol(s).x");
  assert.equal(
    formatIssues([
      { path: ["rounds"], message: "expected a number" },
      { path: [], message: "expected an object" },
      { path: ["a", 2], message: "too big" },
    ]),
    "rounds: expected a number\n(root): expected an object\na[2]: too big",
  );
  assert.equal(formatIssues([]), "");
});
