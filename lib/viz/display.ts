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
 * @example Markup as a MIME bundle
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
 * Displays a value in the notebook now (a display message, so it shows even when the kernel's
 * final-value message is late); does nothing outside the Deno kernel (tests, CLI), so library
 * code may call it freely.
 *
 * @param value A displayable (figure, table view: shown as its MIME bundle) or any value.
 * @returns Whether it was displayed.
 *
 * @example Outside a kernel nothing is shown
 * ```ts
 * import { html, show } from "@lib/viz/display.ts";
 * import assert from "node:assert/strict";
 * assert.equal(await show(html("<b>x</b>")), false);
 * ```
 */
export async function show(value: unknown): Promise<boolean> {
  let jupyter: { display(v: unknown, options?: { raw?: boolean }): Promise<void> } | undefined;
  try {
    jupyter = (Deno as unknown as { jupyter?: typeof jupyter }).jupyter;
  } catch {
    // Outside `deno jupyter` the namespace throws on access: there is nowhere to display.
    return false;
  }
  if (!jupyter) return false;
  const bundle = (value as Partial<Displayable> | null)?.[JUPYTER_DISPLAY];
  // raw: a MIME bundle is shown as is, not rendered as an object.
  if (typeof bundle === "function") await jupyter.display(bundle.call(value), { raw: true });
  else await jupyter.display(value);
  return true;
}

/**
 * Escapes text for safe inclusion in HTML.
 *
 * @param text Any text.
 * @returns The escaped text.
 *
 * @example Markup characters escaped
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
