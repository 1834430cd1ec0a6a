import type { Locator, Page } from "playwright-core";

/**
 * The share of a rendered element's pixels that are not near-white, measured on a screenshot
 * decoded in the page itself (a blank or empty SVG gives about 0).
 *
 * @param page The page holding the element.
 * @param box The element.
 * @param path Where to keep the screenshot (optional).
 * @returns Inked pixels / all pixels.
 */
export async function inkedShare(page: Page, box: Locator, path?: string): Promise<number> {
  await box.scrollIntoViewIfNeeded();
  const png = await box.screenshot(path ? { path } : {});
  let binary = "";
  for (let i = 0; i < png.length; i += 0x8000) {
    binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  }
  return await page.evaluate(async (b64: string) => {
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
  }, btoa(binary));
}
