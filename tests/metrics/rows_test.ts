// Row helpers by value: tables and arrays in, a clear error otherwise, and id order by code unit.
import assert from "node:assert/strict";
import { compareIds, groupBy, toRows } from "@lib/metrics/rows.ts";

Deno.test("toRows: an array as it is, a table through objects(), anything else refused", () => {
  const rows = [{ a: 1 }];
  assert.equal(toRows(rows), rows);
  assert.deepEqual(toRows({ objects: () => [{ b: 2 }] }), [{ b: 2 }]);
  for (const bad of [{}, { objects: [1] }, 7]) {
    assert.throws(
      () => toRows(bad as never),
      (e: unknown) =>
        e instanceof TypeError && e.message === "expected an array of rows or an arquero table",
    );
  }
});

Deno.test("compareIds orders by code unit: upper case first, shorter prefix first, equal is 0", () => {
  assert.equal(compareIds("a", "b"), -1);
  assert.equal(compareIds("b", "a"), 1);
  assert.equal(compareIds("a", "a"), 0);
  assert.deepEqual(["b", "a10", "B", "a", "a2"].sort(compareIds), ["B", "a", "a10", "a2", "b"]);
});

Deno.test("groupBy keeps the first-seen order of keys and of rows", () => {
  const g = groupBy([{ k: "y", v: 1 }, { k: "x", v: 2 }, { k: "y", v: 3 }], (r) => r.k);
  assert.deepEqual([...g.keys()], ["y", "x"]);
  assert.deepEqual(g.get("y")!.map((r) => r.v), [1, 3]);
});
