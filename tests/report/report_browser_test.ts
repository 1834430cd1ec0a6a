import assert from "node:assert/strict";
import { launchChromium } from "@lib/cli/chromium.ts";
import { installKernelspec, PROJECT_ROOT, requireJupyter } from "@lib/cli/notebook_exec.ts";
import { buildReport } from "@lib/cli/report_builder.ts";

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
      const png = await box.screenshot({ path: `${OUT}/figure_${i}.png` });
      // Count non-white pixels by decoding the screenshot in the page itself.
      const inked = await page.evaluate(async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext("2d")!;
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, img.width, img.height).data;
        let n = 0;
        for (let p = 0; p < d.length; p += 4) {
          if (d[p] < 200 || d[p + 1] < 200 || d[p + 2] < 200) n++;
        }
        return n / (img.width * img.height);
      }, btoa(String.fromCharCode(...png)));
      assert.ok(inked > 0.02, `figure ${i} looks blank: ${(inked * 100).toFixed(2)}% inked pixels`);
    }
  } finally {
    await browser.close();
    await Deno.remove(figures, { recursive: true });
  }
});
