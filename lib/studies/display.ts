/**
 * Displaying a figure or table in the notebook while a cell runs (a display message), so it
 * shows even when the kernel's final-value message is late; does nothing outside a kernel.
 *
 * @module
 */
import { show } from "../viz/display.ts";

/**
 * Displays a value (a Figure, a table view, anything with a Jupyter display method) now.
 *
 * @param value What to display; its own display method decides the format (HTML for figures).
 * @returns Nothing, so a cell ending with it shows only the display.
 *
 * @example Outside a kernel nothing happens
 * ```ts
 * import { display } from "@lib/studies/display.ts";
 * import assert from "node:assert/strict";
 * assert.equal(await display({ a: 1 }), undefined);
 * ```
 */
export async function display(value: unknown): Promise<void> {
  await show(value);
}
