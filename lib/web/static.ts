/**
 * The page's files (lib/web/static/), read next to this module and kept in memory. Only the
 * listed names are served, so no request can reach another file.
 *
 * @module
 */

const FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html" },
  "/app.css": { file: "app.css", type: "text/css" },
  "/app.js": { file: "app.js", type: "text/javascript" },
  "/people.js": { file: "people.js", type: "text/javascript" },
};

const cache = new Map<string, string>();

/**
 * A file of the page.
 *
 * @param path The request path ("/", "/app.js", …).
 * @returns The file's text and content type, or null for any other path.
 *
 * @example The page is served and paths cannot climb out
 * ```ts
 * import { staticAsset } from "@lib/web/static.ts";
 * import assert from "node:assert/strict";
 * assert.match(staticAsset("/")!.body, /<title>Socius dashboard<\/title>/);
 * assert.equal(staticAsset("/../deno.json"), null);
 * ```
 */
export function staticAsset(path: string): { body: string; type: string } | null {
  const entry = FILES[path];
  if (!entry) return null;
  let body = cache.get(entry.file);
  if (body === undefined) {
    body = Deno.readTextFileSync(new URL(`./static/${entry.file}`, import.meta.url));
    cache.set(entry.file, body);
  }
  return { body, type: entry.type };
}
