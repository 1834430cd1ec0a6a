import assert from "node:assert/strict";
import { installKernelspec, requireJupyter } from "@lib/cli/notebook_exec.ts";
import { buildReports } from "@lib/cli/report_builder.ts";
import { notebookCodeHash, reportCodeHash } from "@lib/cli/report_page.ts";

function notebook(cells: { md?: string; code?: string }[]): string {
  return JSON.stringify({
    cells: cells.map((c) =>
      c.md !== undefined
        ? { cell_type: "markdown", metadata: {}, source: c.md }
        : { cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: c.code }
    ),
    metadata: {
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      language_info: { name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

Deno.test("a failing notebook is one line naming it and its cell, and the other reports are still built", async () => {
  await requireJupyter();
  await installKernelspec();
  const dir = await Deno.makeTempDir({ prefix: "socius-report-fail-" });
  try {
    const broken = `${dir}/01_broken.ipynb`;
    const fine = `${dir}/02_fine.ipynb`;
    await Deno.writeTextFile(
      broken,
      notebook([
        { md: "# Broken" },
        { code: "const n = 1;" },
        { code: 'throw new RangeError("needs 1 ≤ m < n, got m=1, n=" + n);' },
        { code: '"never reached"' },
      ]),
    );
    const fineSource = notebook([
      { md: "# Fine, with $x^2$ in prose" },
      { code: 'Deno.env.get("SOCIUS_SEED") ?? "7"' },
    ]);
    await Deno.writeTextFile(fine, fineSource);
    const batch = await buildReports([broken, fine], {
      outDir: `${dir}/out`,
      size: "small",
      figuresDir: null,
      revision: "test-rev",
    });
    assert.equal(batch.failures.length, 1);
    assert.equal(
      batch.failures[0],
      "error: notebooks/01_broken.ipynb: code cell 2 (cell 3): RangeError: needs 1 ≤ m < n, got m=1, n=1",
    );
    assert.equal(batch.entries.length, 1);
    assert.deepEqual(batch.seconds.map((s) => [s.notebook, s.ok]), [
      ["01_broken.ipynb", false],
      ["02_fine.ipynb", true],
    ]);
    const html = await Deno.readTextFile(batch.entries[0].html);
    assert.doesNotMatch(html, /<script[^>]*\ssrc=/, "the report loads a script from elsewhere");
    assert.doesNotMatch(html, /mathjax/i);
    assert.match(html, /brain <b>rule<\/b>/);
    assert.match(html, /size <b>small<\/b>/);
    assert.match(html, /code <b>test-rev<\/b>/);
    assert.equal(reportCodeHash(html), await notebookCodeHash(fineSource));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
