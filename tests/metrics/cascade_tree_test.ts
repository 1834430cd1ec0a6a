// The cascade tree built from messy edge lists, by value: a node reached twice keeps its
// earliest parent and time, a node later listed as a source becomes one, and a spreader
// never listed as reached is a source from its first child's time.
import assert from "node:assert/strict";
import { cascadeOverTime, cascadeShape } from "@lib/metrics/cascade.ts";

const shape = (s: { scale: number; depth: number; maxBreadth: number }) => [
  s.scale,
  s.depth,
  s.maxBreadth,
];

Deno.test("a node reached twice keeps its earliest parent and time", () => {
  // x is first listed under r at 3, then under y at 2: y's is the earlier, so x hangs under y.
  const edges = [
    { parent: null, child: "r", time: 0 },
    { parent: "r", child: "y", time: 1 },
    { parent: "r", child: "x", time: 3 },
    { parent: "y", child: "x", time: 2 },
  ];
  assert.deepEqual(shape(cascadeShape(edges)), [3, 2, 1]);
  assert.deepEqual(cascadeOverTime(edges, [1, 2]).map(shape), [[2, 1, 1], [3, 2, 1]]);
  // The later listing does not move it back.
  const later = [
    { parent: null, child: "r", time: 0 },
    { parent: "r", child: "y", time: 1 },
    { parent: "y", child: "x", time: 2 },
    { parent: "r", child: "x", time: 3 },
  ];
  assert.deepEqual(shape(cascadeShape(later)), [3, 2, 1]);
  // Equal times keep the first listing.
  const tie = [
    { parent: null, child: "r", time: 0 },
    { parent: "r", child: "y", time: 1 },
    { parent: "r", child: "x", time: 2 },
    { parent: "y", child: "x", time: 2 },
  ];
  assert.deepEqual(shape(cascadeShape(tie)), [3, 1, 2]);
});

Deno.test("a node also listed as a source is a source, at its earliest time", () => {
  const edges = [
    { parent: null, child: "r", time: 0 },
    { parent: "r", child: "z", time: 1 },
    { parent: "z", child: "w", time: 2 },
    { parent: null, child: "z", time: 4 },
  ];
  // z and r are both roots: depth 1 (w under z), breadth 2 at level 0.
  assert.deepEqual(shape(cascadeShape(edges)), [3, 1, 2]);
  assert.deepEqual(cascadeOverTime(edges, [1]).map(shape), [[2, 0, 2]]);
});

Deno.test("a spreader never listed as reached is a source from its first child's time", () => {
  const edges = [
    { parent: "q", child: "w", time: 5 },
    { parent: "q", child: "v", time: 7 },
  ];
  assert.deepEqual(cascadeOverTime(edges, [4, 5, 7]).map(shape), [
    [0, 0, 0],
    [2, 1, 1],
    [3, 1, 2],
  ]);
});
