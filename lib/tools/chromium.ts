/**
 * Launches Debian's headless Chromium through playwright-core (never a downloaded browser),
 * with the flags that work on machines without a network.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";

/** Flags that keep Chromium from reaching out to the network at start. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** What to install when Chromium is missing. */
export const CHROMIUM_HINT = "Chromium is required: install it with `apt-get install -y chromium`.";

/**
 * Finds the Chromium binary (CHROMIUM_PATH, then the usual Debian paths).
 *
 * @returns Its path.
 */
export function chromiumPath(): string {
  const candidates = [
    Deno.env.get("CHROMIUM_PATH"),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ].filter((p): p is string => !!p);
  for (const p of candidates) {
    try {
      if (Deno.statSync(p).isFile) return p;
    } catch { /* try the next one */ }
  }
  throw new Error(CHROMIUM_HINT);
}

/**
 * Starts headless Chromium.
 *
 * @returns A playwright Browser; close it when done.
 */
export async function launchChromium(): Promise<Browser> {
  // playwright gives each launch a fresh temporary profile of its own.
  return await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}
