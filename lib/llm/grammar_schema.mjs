// @ts-check
/**
 * Rewrites a JSON schema (as OpenAI's strict structured outputs accept it) into the subset
 * node-llama-cpp 3.21's JSON-schema grammar understands. Its grammar turns every `anyOf`
 * (zod's `.nullable()` output among them) into the rule "null", so a nullable field could
 * only ever be answered with null; `type: [X, "null"]`, `enum: [..., null]` and `oneOf` are
 * converted correctly, so `anyOf` becomes one of those. Free-text strings without a
 * `maxLength` get one (`maxString` characters), so a small model cannot run a string on
 * until max_tokens cuts the JSON off; any reply still satisfies the original schema.
 *
 * @module
 */

/**
 * Returns a grammar-ready copy of a schema; the input is not changed.
 *
 * @param {any} schema A JSON schema.
 * @param {{ maxString?: number }} [options] Cap for unbounded strings (0: none; default 0).
 * @returns {any} The rewritten schema.
 *
 * @example A nullable enum becomes an enum with null
 * ```ts
 * import { grammarSchema } from "@lib/llm/grammar_schema.mjs";
 * import assert from "node:assert/strict";
 * const out = grammarSchema({
 *   type: "object",
 *   properties: { pick: { anyOf: [{ type: "string", enum: ["a", "b"] }, { type: "null" }] } },
 *   required: ["pick"],
 * });
 * assert.deepEqual(out.properties.pick, { enum: ["a", "b", null] });
 * const capped = grammarSchema({ type: "object", properties: { why: { type: "string" } } }, {
 *   maxString: 200,
 * });
 * assert.equal(capped.properties.why.maxLength, 200);
 * const score = grammarSchema({ type: "integer", minimum: 1, maximum: 3 });
 * assert.deepEqual(score, { enum: [1, 2, 3] });
 * ```
 */
export function grammarSchema(schema, options = {}) {
  const defs = { ...(schema?.$defs ?? {}), ...(schema?.definitions ?? {}) };
  return cap(rewrite(schema, defs, 0), options.maxString ?? 0);
}

/**
 * @param {any} s
 * @param {number} max
 * @returns {any}
 */
function cap(s, max) {
  if (max <= 0 || s === null || typeof s !== "object") return s;
  if (Array.isArray(s)) return s.map((x) => cap(x, max));
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    out[k] = k === "enum" || k === "const"
      ? v
      : k === "properties"
      ? Object.fromEntries(Object.entries(v).map(([n, p]) => [n, cap(p, max)]))
      : cap(v, max);
  }
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (types.includes("string") && out.enum === undefined && out.const === undefined) {
    out.maxLength ??= max;
  }
  // Arrays likewise: a short list is a valid reply; an endless one never closes.
  if (types.includes("array")) out.maxItems ??= 4;
  return out;
}

/**
 * @param {any} s
 * @param {Record<string, any>} defs
 * @param {number} depth
 * @returns {any}
 */
function rewrite(s, defs, depth) {
  if (s === null || typeof s !== "object" || Array.isArray(s)) return s;
  if (depth > 32) return {};
  if (typeof s.$ref === "string") {
    // The grammar has no references: inline local ones (recursive schemas are cut at depth).
    const name = s.$ref.replace(/^#\/(\$defs|definitions)\//, "");
    return rewrite(defs[name] ?? {}, defs, depth + 1);
  }
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === "$defs" || k === "definitions" || k === "$schema") continue;
    if (k === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(v).map(([name, p]) => [name, rewrite(p, defs, depth + 1)]),
      );
    } else if (k === "items") out.items = rewrite(v, defs, depth + 1);
    else if (k === "anyOf" || k === "oneOf") {
      Object.assign(
        out,
        alternatives(v.map((/** @type {any} */ a) => rewrite(a, defs, depth + 1))),
      );
    } else out[k] = v;
  }
  return boundedInteger(out);
}

/**
 * The grammar ignores `minimum`/`maximum`; a small integer range becomes the enum of its
 * values, which the grammar does enforce (a survey's 1-10 score, for one).
 *
 * @param {Record<string, any>} s
 * @returns {Record<string, any>}
 */
function boundedInteger(s) {
  const lo = s.minimum, hi = s.maximum;
  if (s.type !== "integer" || !Number.isInteger(lo) || !Number.isInteger(hi) || hi - lo > 200) {
    return s;
  }
  const { type: _t, minimum: _lo, maximum: _hi, ...rest } = s;
  return { ...rest, enum: Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) };
}

/**
 * One schema for a list of alternatives: X or null collapses into X's type (or enum) plus
 * null; anything else becomes `oneOf`, which the grammar supports.
 *
 * @param {any[]} alts
 * @returns {Record<string, any>}
 */
function alternatives(alts) {
  const isNull = (/** @type {any} */ a) => a && a.type === "null" && Object.keys(a).length === 1;
  const rest = alts.filter((a) => !isNull(a));
  const nullable = rest.length < alts.length;
  if (rest.length === 1) {
    const only = { ...rest[0] };
    if (!nullable) return only;
    if (Array.isArray(only.enum)) {
      delete only.type;
      return { ...only, enum: [...only.enum, null] };
    }
    if (typeof only.type === "string") return { ...only, type: [only.type, "null"] };
    return { oneOf: [only, { type: "null" }] };
  }
  return { oneOf: nullable ? [...rest, { type: "null" }] : rest };
}
