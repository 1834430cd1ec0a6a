import assert from "node:assert/strict";
import { launchChromium } from "@lib/cli/chromium.ts";
import { installKernelspec, PROJECT_ROOT, requireJupyter } from "@lib/cli/notebook_exec.ts";
import { buildReport } from "@lib/cli/report_builder.ts";
import { inkedShare } from "./ink.ts";

const OUT = `${PROJECT_ROOT}/tests/.out/report`;

Deno.test("the HTML report shows every plot with visible pixels in real Chromium", async () => {
  await requireJupyter();
  await installKernelspec();
  const figures = await Deno.makeTempDir({ prefix: "socius-report-figs-" });
  const entry = await buildReport(`${PROJECT_ROOT}/notebooks/00_workbench.ipynb`, {
    outDir: OUT,
    size: "small",
    figuresDir: figures,
  });
  assert.ok(entry.figures.length > 0);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await page.goto(`file://${entry.html}`);
    const boxes = page.locator(".socius-figure");
    assert.equal(await boxes.count(), entry.figures.length);
    for (let i = 0; i < entry.figures.length; i++) {
      const box = boxes.nth(i);
      await box.scrollIntoViewIfNeeded();
      const marks = await box.locator("svg circle, svg path, svg rect").count();
      assert.ok(marks > 10, `figure ${i} has only ${marks} marks in the rendered DOM`);
      const inked = await inkedShare(page, box, `${OUT}/figure_${i}.png`);
      assert.ok(inked > 0.02, `figure ${i} looks blank: ${(inked * 100).toFixed(2)}% inked pixels`);
    }
  } finally {
    await browser.close();
    await Deno.remove(figures, { recursive: true });
  }
});
