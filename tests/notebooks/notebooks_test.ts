import assert from "node:assert/strict";
import {
  executeNotebook,
  figureStems,
  installKernelspec,
  listNotebooks,
  mapLimit,
  PROJECT_ROOT,
  requireJupyter,
} from "@lib/cli/notebook_exec.ts";

const OUT = `${PROJECT_ROOT}/tests/.out/notebooks`;
const MARK = /<(path|circle|rect|line|polyline|polygon|text)\b/;

/** Figures a notebook promises in its metadata (metadata.socius.figures), if any. */
function promisedFigures(notebook: string): string[] {
  const nb = JSON.parse(Deno.readTextFileSync(notebook));
  return nb.metadata?.socius?.figures ?? [];
}

Deno.test("every notebook executes headlessly through the Deno kernel and writes non-blank figures", async (t) => {
  await requireJupyter();
  await installKernelspec();
  const notebooks = listNotebooks();
  assert.ok(notebooks.length > 0, "no notebooks found in notebooks/");
  await Deno.remove(OUT, { recursive: true }).catch(() => {});
  const runs = await mapLimit(notebooks, 2, (nb) => {
    const stem = nb.slice(nb.lastIndexOf("/") + 1, -".ipynb".length);
    return executeNotebook(nb, {
      outDir: `${OUT}/executed`,
      env: { SOCIUS_SIZE: "small", SOCIUS_FIGURES_DIR: `${OUT}/figures/${stem}` },
    });
  });
  for (const r of runs) {
    const stem = r.notebook.slice(r.notebook.lastIndexOf("/") + 1, -".ipynb".length);
    await t.step(`${stem} runs without a cell error and writes its figures`, () => {
      assert.ok(r.ok, `${stem} failed:\n${r.log}`);
      const dir = `${OUT}/figures/${stem}`;
      const stems = figureStems(dir);
      assert.ok(stems.length > 0, `${stem} wrote no figure`);
      for (const name of promisedFigures(r.notebook)) {
        assert.ok(stems.includes(name), `${stem} did not write the promised figure ${name}`);
      }
      if (stem === "15_realism") {
        const json = JSON.parse(Deno.readTextFileSync(`${dir}/eval/realism.json`));
        assert.deepEqual(Object.keys(json), ["reference", "brains"]);
        assert.deepEqual(Object.keys(json.brains), ["random", "rule", "fitted", "llm"]);
      }
      for (const s of stems) {
        const svg = Deno.readTextFileSync(`${dir}/${s}.svg`);
        assert.match(svg, MARK, `${s}.svg has no marks`);
        JSON.parse(Deno.readTextFileSync(`${dir}/${s}.json`));
      }
    });
  }
});
