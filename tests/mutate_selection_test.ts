// The mutation runs' test selection on a small project written for the test: barrels followed
// name by name, test helpers and barrels not counted as hops, subprocess paths seen, and the
// ranking of the tests a file gets.
import assert from "node:assert/strict";
import {
  closure,
  importGraph,
  selectTests,
  testsNear,
  testsReaching,
} from "../bench/mutate_tests.ts";

// Keys are paths in the small project; their "lib" is spelt apart so that this file itself
// does not name the real project's modules.
const L = "lib";
const FILES: Record<string, string> = {
  [`${L}/x/a.ts`]: 'import { c } from "./c.ts";\nexport const a = c + 1;\n',
  [`${L}/x/b.ts`]: "export const b = 2;\n",
  [`${L}/x/c.ts`]: "export const c = 3;\n",
  [`${L}/x/d.ts`]: "export const d = 4;\n",
  [`${L}/x/mod.ts`]: 'export { a } from "./a.ts";\nexport { b, type B } from "./b.ts";\n',
  [`${L}/mod.ts`]: 'export { a, b } from "./x/mod.ts";\n',
  [`${L}/cli/run.ts`]: 'import { d } from "../x/d.ts";\nconsole.log(d);\n',
  "tests/x/a_test.ts": 'import { a } from "@lib/mod.ts";\nDeno.test("a", () => {});\n',
  "tests/x/b_test.ts": 'import { b } from "@lib/x/mod.ts";\nDeno.test("b", () => {});\n',
  "tests/x/helpers.ts": 'export { c } from "@lib/x/c.ts";\n',
  "tests/x/c_more_test.ts": 'import { c } from "./helpers.ts";\nDeno.test("c", () => {});\n',
  "tests/other/all_test.ts":
    'import * as x from "@lib/x/mod.ts";\nconst cli = "lib/cli/run.ts";\nDeno.test("x", () => {});\n',
  "tests/notebooks/nb_test.ts": 'import { c } from "@lib/x/c.ts";\nDeno.test("n", () => {});\n',
};

async function project(): Promise<string> {
  const root = await Deno.makeTempDir();
  for (const [path, text] of Object.entries(FILES)) {
    await Deno.mkdir(`${root}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${path}`, text);
  }
  return root;
}

Deno.test("barrels are followed name by name; a namespace import takes the whole barrel", async () => {
  const root = await project();
  try {
    const g = importGraph(root);
    assert.deepEqual(g.tests, [
      "tests/notebooks/nb_test.ts",
      "tests/other/all_test.ts",
      "tests/x/a_test.ts",
      "tests/x/b_test.ts",
      "tests/x/c_more_test.ts",
    ]);
    assert.deepEqual([...closure(g, "tests/x/a_test.ts")].sort(), [
      "lib/x/a.ts",
      "lib/x/c.ts",
      "tests/x/a_test.ts",
    ]);
    assert.deepEqual(testsReaching(g, "lib/x/b.ts"), [
      "tests/other/all_test.ts",
      "tests/x/b_test.ts",
    ]);
    assert.deepEqual(testsReaching(g, "lib/x/d.ts"), ["tests/other/all_test.ts"], "a CLI path");
    assert.deepEqual(testsReaching(g, "lib/x/c.ts"), [
      "tests/notebooks/nb_test.ts",
      "tests/other/all_test.ts",
      "tests/x/a_test.ts",
      "tests/x/c_more_test.ts",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("hops: barrels and helpers are free, each module in between is one", async () => {
  const root = await project();
  try {
    const g = importGraph(root);
    assert.deepEqual(testsNear(g, "lib/x/c.ts", 1), [
      { test: "tests/notebooks/nb_test.ts", hops: 1 },
      { test: "tests/x/c_more_test.ts", hops: 1 },
    ]);
    assert.deepEqual(testsNear(g, "lib/x/c.ts", 2).map((t) => [t.test, t.hops]), [
      ["tests/notebooks/nb_test.ts", 1],
      ["tests/x/c_more_test.ts", 1],
      ["tests/other/all_test.ts", 2],
      ["tests/x/a_test.ts", 2],
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("selection: slow tests left out, the file's own test first, at least `min`, at most `max`", async () => {
  const root = await project();
  try {
    const g = importGraph(root);
    // c.ts: within one hop only c_more_test (the notebook test is slow); the nearest farther
    // test in the same folder makes up two.
    assert.deepEqual(selectTests(g, "lib/x/c.ts", { hops: 1, max: 8 }), [
      "tests/x/c_more_test.ts",
      "tests/x/a_test.ts",
    ]);
    assert.deepEqual(selectTests(g, "lib/x/c.ts", { hops: 1, max: 8, min: 1 }), [
      "tests/x/c_more_test.ts",
    ]);
    // b.ts: its own test before a broader one in another folder.
    assert.deepEqual(selectTests(g, "lib/x/b.ts", { hops: 1, max: 8 }), [
      "tests/x/b_test.ts",
      "tests/other/all_test.ts",
    ]);
    assert.deepEqual(selectTests(g, "lib/x/b.ts", { hops: 1, max: 1 }), ["tests/x/b_test.ts"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
