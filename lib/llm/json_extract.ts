/**
 * Getting a JSON value out of a model's reply: bare JSON, a ```json fence, or the first
 * balanced object or array inside surrounding prose.
 *
 * @module
 */

/** A JSON value found in a text, or why none was. */
export type Extracted = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Extracts the JSON value a reply contains.
 *
 * @param text The reply text.
 * @returns The parsed value, or an error saying what was wrong.
 *
 * @example Fences and prose around the JSON are tolerated
 * ```ts
 * import { extractJson } from "@lib/llm/json_extract.ts";
 * import assert from "node:assert/strict";
 * const fence = "`".repeat(3);
 * assert.deepEqual(extractJson(`Sure!\n${fence}json\n{"a": 1}\n${fence}`), { ok: true, value: { a: 1 } });
 * assert.deepEqual(extractJson('I pick {"title": "Up"} because...'), { ok: true, value: { title: "Up" } });
 * assert.equal(extractJson('{"a": 1').ok, false);
 * ```
 */
export function extractJson(text: string): Extracted {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "the reply was empty" };
  const direct = tryParse(trimmed);
  if (direct.ok) return direct;
  for (const m of trimmed.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)) {
    const fenced = tryParse(m[1].trim());
    if (fenced.ok) return fenced;
  }
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c !== "{" && c !== "[") continue;
    const end = balancedEnd(trimmed, i);
    if (end < 0) continue;
    const inner = tryParse(trimmed.slice(i, end + 1));
    if (inner.ok) return inner;
  }
  return { ok: false, error: `the reply is not valid JSON (${direct.error})` };
}

function tryParse(text: string): Extracted {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 when unbalanced. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
