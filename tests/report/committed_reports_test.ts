import assert from "node:assert/strict";
import { launchChromium } from "@lib/cli/chromium.ts";
import { listNotebooks, PROJECT_ROOT } from "@lib/cli/notebook_exec.ts";
import { notebookCodeHash, reportCodeHash } from "@lib/cli/report_page.ts";
import { inkedShare } from "./ink.ts";

const REPORTS = `${PROJECT_ROOT}/figures/report`;
const REBUILD = "rebuild them with `deno task report`";
const stemOf = (nb: string) => nb.slice(nb.lastIndexOf("/") + 1, -".ipynb".length);

Deno.test("every notebook has a committed small-size report built from its current code", async () => {
  const stale: string[] = [];
  for (const nb of listNotebooks()) {
    const path = `${REPORTS}/${stemOf(nb)}.html`;
    let html: string;
    try {
      html = await Deno.readTextFile(path);
    } catch {
      stale.push(`${stemOf(nb)}: no report`);
      continue;
    }
    const want = await notebookCodeHash(await Deno.readTextFile(nb));
    if (reportCodeHash(html) !== want) stale.push(`${stemOf(nb)}: built from other code`);
    assert.match(html, /size <b>small<\/b>/, `${stemOf(nb)}: not a small-size report`);
  }
  assert.deepEqual(stale, [], `stale reports (${REBUILD}):\n${stale.join("\n")}`);
  const index = await Deno.readTextFile(`${REPORTS}/index.html`);
  for (const nb of listNotebooks()) assert.ok(index.includes(`${stemOf(nb)}.html`), stemOf(nb));
});

Deno.test("the README's notebook table links every committed report", async () => {
  const readme = await Deno.readTextFile(`${PROJECT_ROOT}/README.md`);
  for (const nb of listNotebooks()) {
    assert.ok(
      readme.includes(`(figures/report/${stemOf(nb)}.html)`),
      `README does not link figures/report/${stemOf(nb)}.html`,
    );
  }
});

Deno.test("committed reports open offline in real Chromium and show every plot", async () => {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    const outside: string[] = [];
    // Offline: anything but the file itself (and inline data) is refused and remembered.
    await context.route(/^(?!file:|data:)/, (route) => {
      outside.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    for (const nb of listNotebooks()) {
      const stem = stemOf(nb);
      await page.goto(`file://${REPORTS}/${stem}.html`, { waitUntil: "load" });
      const text = await page.locator("body").innerText();
      assert.doesNotMatch(text, /Loading \[MathJax\]/, `${stem}: MathJax stub`);
      assert.match(
        text,
        /brain .+ · model .+ · size small · seeds .+ · code .+ · built \d{4}-\d\d-\d\d/,
      );
      const boxes = page.locator(".socius-figure");
      const n = await boxes.count();
      assert.ok(n > 0, `${stem}: no figure in the report`);
      for (let i = 0; i < n; i++) {
        const box = boxes.nth(i);
        const name = await box.getAttribute("data-figure");
        const marks = await box.locator("svg circle, svg path, svg rect, svg line").count();
        assert.ok(marks > 3, `${stem}/${name}: only ${marks} marks rendered`);
        const ink = await inkedShare(page, box);
        assert.ok(ink > 0.01, `${stem}/${name} looks blank: ${(ink * 100).toFixed(2)}% inked`);
      }
    }
    assert.deepEqual(outside, [], "a report asked for something outside its file");
  } finally {
    await browser.close();
  }
});
