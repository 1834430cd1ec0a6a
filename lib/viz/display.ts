/**
 * Jupyter display helpers. Objects with a `Symbol.for("Jupyter.display")` method render in
 * the Deno kernel and stay plain, testable objects under `deno test`.
 *
 * @module
 */

/** The symbol the Deno Jupyter kernel looks for on a cell's value. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A MIME bundle: MIME type → content. */
export type MimeBundle = Record<string, unknown>;

/** Anything the Deno kernel can display. */
export interface Displayable {
  /** Returns the MIME bundle the kernel shows. */
  [JUPYTER_DISPLAY](): MimeBundle;
}

/**
 * Wraps an HTML string so the kernel displays it as HTML (nbconvert keeps text/html outputs
 * intact, unlike image/svg+xml).
 *
 * @param markup HTML markup.
 * @param text Plain-text fallback.
 * @returns A displayable object.
 *
 * @example
 * ```ts
 * import { html, JUPYTER_DISPLAY } from "@lib/viz/display.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(html("<b>hi</b>")[JUPYTER_DISPLAY](), { "text/html": "<b>hi</b>", "text/plain": "<b>hi</b>" });
 * ```
 */
export function html(markup: string, text = markup): Displayable & { html: string } {
  return {
    html: markup,
    [JUPYTER_DISPLAY]: () => ({ "text/html": markup, "text/plain": text }),
  };
}

/**
 * Displays an object in the notebook when running inside the Deno kernel; does nothing
 * elsewhere (tests, CLI), so library code may call it freely.
 *
 * @param value A displayable object.
 * @returns Whether it was displayed.
 */
export async function show(value: Displayable): Promise<boolean> {
  const jupyter = (Deno as unknown as { jupyter?: { display(v: unknown): Promise<void> } })
    .jupyter;
  if (!jupyter) return false;
  await jupyter.display(value[JUPYTER_DISPLAY]());
  return true;
}

/**
 * Escapes text for safe inclusion in HTML.
 *
 * @param text Any text.
 * @returns The escaped text.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "@lib/viz/display.ts";
 * import assert from "node:assert/strict";
 * assert.equal(escapeHtml("<a & b>"), "&lt;a &amp; b&gt;");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}
