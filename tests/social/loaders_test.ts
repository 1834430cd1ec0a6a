import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { loadEdgeCsv, loadGml, loadSnapEdges, parseEdgeCsv, parseGml } from "@lib/social/mod.ts";

const fixture = (name: string) => new URL(`../fixtures/social/${name}`, import.meta.url).pathname;

async function rejects(load: () => Promise<unknown>, line: number, pattern: RegExp) {
  const err = await load().then(() => undefined, (e) => e);
  assert.ok(err instanceof DataError, `expected a DataError, got ${err}`);
  assert.equal(err.line, line);
  assert.match(err.message, pattern);
}

Deno.test("loadEdgeCsv reads types, closeness, quotes and skips blank lines", async () => {
  const g = await loadEdgeCsv(fixture("friends.csv"));
  assert.deepEqual(g.nodes(), ["u1", "u2", "u3", "u4", "u5"]);
  assert.equal(g.tieCount, 5);
  assert.equal(g.getEdge("u1", "u3")?.type, "colleague");
  assert.equal(g.getEdge("u2", "u3")?.closeness, 0.5);
  assert.equal(g.getEdge("u1", "u4")?.type, "friend");
  assert.equal(g.getEdge("u4", "u1")?.closeness, 0.1);
});

Deno.test("loadEdgeCsv reports the exact line and column of bad rows", async () => {
  await rejects(
    () => loadEdgeCsv(fixture("bad_closeness.csv")),
    3,
    /bad_closeness\.csv:3 \(closeness\).*"1\.7"/,
  );
  await rejects(() => loadEdgeCsv(fixture("bad_field_count.csv")), 3, /expected 2 fields/);
  await rejects(
    () => loadEdgeCsv(fixture("bad_empty_target.csv")),
    3,
    /\(target\): empty agent id/,
  );
  await rejects(() => loadEdgeCsv(fixture("bad_self_link.csv")), 3, /self-link on "u2"/);
  await rejects(() => loadEdgeCsv(fixture("bad_header.csv")), 1, /unknown column "src"/);
});

Deno.test("parseEdgeCsv can read follow edges into an existing graph", () => {
  const g = parseEdgeCsv("source,target\na,b\n", { directed: true });
  assert.deepEqual(g.followers("b"), ["a"]);
  assert.throws(() => parseEdgeCsv(""), /empty file/);
  assert.throws(() => parseEdgeCsv('source,target\n"a,b\n'), /:2: unterminated/);
});

Deno.test("loadSnapEdges skips comments, merges both directions and drops self-loops", async () => {
  const g = await loadSnapEdges(fixture("snap_undirected.txt"));
  assert.equal(g.tieCount, 4);
  assert.deepEqual(g.friends("1"), ["0", "2"]);
  assert.ok(g.hasNode("3") && !g.areFriends("3", "3"));
  const d = await loadSnapEdges(fixture("snap_undirected.txt"), { directed: true });
  assert.equal(d.followCount, 5);
});

Deno.test("loadSnapEdges reports short lines, extra columns and self-loops when asked", async () => {
  await rejects(
    () => loadSnapEdges(fixture("snap_bad_line.txt")),
    3,
    /snap_bad_line\.txt:3: expected "source target", got "1"/,
  );
  await rejects(() => loadSnapEdges(fixture("snap_temporal.txt")), 1, /got 3/);
  const t = await loadSnapEdges(fixture("snap_temporal.txt"), { extraColumns: "ignore" });
  assert.equal(t.tieCount, 2);
  await rejects(
    () => loadSnapEdges(fixture("snap_undirected.txt"), { selfLoops: "error" }),
    8,
    /self-loop/,
  );
});

Deno.test("loadGml reads nodes, labels and edge attributes, skipping unknown keys", async () => {
  const { graph, labels } = await loadGml(fixture("club.gml"));
  assert.deepEqual(graph.nodes(), ["0", "1", "2", "3"]);
  assert.equal(graph.tieCount, 3);
  assert.equal(graph.getEdge("1", "0")?.type, "family");
  assert.equal(graph.getEdge("0", "1")?.closeness, 0.8);
  assert.equal(labels.get("2"), "cat");
  const byLabel = await loadGml(fixture("club.gml"), { useLabels: true });
  assert.deepEqual(byLabel.graph.friends("bob"), ["ann", "cat"]);
});

Deno.test("loadGml names the line of an unknown node and of a missing bracket", async () => {
  await rejects(() => loadGml(fixture("bad_edge.gml")), 5, /\(target\): unknown node id 7/);
  await rejects(() => loadGml(fixture("bad_unclosed.gml")), 3, /missing "\]"/);
  assert.throws(() => parseGml("graph [ node [ id 0 ] node [ id 0 ] ]"), /duplicate node id 0/);
  assert.throws(() => parseGml("node [ id 0 ]"), /top-level "graph/);
  assert.equal(
    parseGml("graph [ directed 1 node [ id 0 ] node [ id 1 ] edge [ source 0 target 1 ] ]").graph
      .followCount,
    1,
  );
});
