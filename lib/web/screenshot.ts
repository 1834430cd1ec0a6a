/**
 * A screenshot of the dashboard in headless Chromium (for the README and for tests).
 *
 * @module
 */
import { launchChromium } from "../tools/chromium.ts";

/** Options of {@link screenshotDashboard}. */
export interface ScreenshotOptions {
  /** Viewport width in CSS pixels (default 1560). */
  width?: number;
  /** Viewport height in CSS pixels (default 980). */
  height?: number;
  /** Selects an agent in the graph first, so its profile card shows. */
  selectAgent?: string;
}

/**
 * Opens the dashboard, waits until its panels are drawn, and writes a PNG.
 *
 * @param url The page's address (with ?token= when one is required).
 * @param path Where to write the PNG.
 * @param options Viewport and the agent to select.
 * @returns The PNG bytes.
 */
export async function screenshotDashboard(
  url: string,
  path: string,
  options: ScreenshotOptions = {},
): Promise<Uint8Array> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 1560, height: options.height ?? 980 },
    });
    await page.goto(url);
    await page.waitForSelector("#graph circle");
    await page.waitForSelector('#state-recommender td[data-k="interactions"]');
    if (options.selectAgent) {
      await page.click(`#graph circle[data-id="${options.selectAgent}"]`);
      await page.waitForSelector("#card-name");
    }
    const png = await page.screenshot({ path, fullPage: false });
    return new Uint8Array(png);
  } finally {
    await browser.close();
  }
}
