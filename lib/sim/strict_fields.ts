/**
 * Unknown-field checks for the parts of a scenario that are handed on as open records
 * (brain parameters, memory settings, LLM settings): the scenario keeps them as written, so
 * manifests stay the same, while every key is still checked, at any depth, against the
 * schema of the module that will read it. A typo never silently falls back to a default.
 *
 * @module
 */
import type { z } from "zod";

/** One problem: where (relative path) and what. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: z.ZodType): Def {
  let d = defOf(schema);
  while (
    d.innerType && ["default", "prefault", "optional", "nullable", "readonly"].includes(d.type)
  ) {
    d = defOf(d.innerType);
  }
  return d;
}

/**
 * Keys of a value that the schema's objects do not declare, at any depth.
 *
 * @param schema The schema the value will be read with.
 * @param value The value as written.
 * @param path Where the value sits (prefix of the reported paths).
 * @returns One issue per unknown key.
 *
 * @example A nested typo is found
 * ```ts
 * import { z } from "zod";
 * import { unknownFields } from "@lib/sim/strict_fields.ts";
 * import assert from "node:assert/strict";
 * const s = z.object({ weights: z.object({ recency: z.number().default(1) }).prefault({}) });
 * assert.deepEqual(unknownFields(s, { weights: { recncy: 1 } }).map((i) => i.path), [["weights", "recncy"]]);
 * ```
 */
export function unknownFields(
  schema: z.ZodType,
  value: unknown,
  path: (string | number)[] = [],
): FieldIssue[] {
  const d = unwrap(schema);
  const out: FieldIssue[] = [];
  if (
    d.type === "object" && d.shape && value && typeof value === "object" && !Array.isArray(value)
  ) {
    for (const [k, v] of Object.entries(value)) {
      const field = d.shape[k];
      if (!field) {
        out.push({
          path: [...path, k],
          message: `unknown field, expected one of ${Object.keys(d.shape).join(", ")}`,
        });
      } else out.push(...unknownFields(field, v, [...path, k]));
    }
  } else if (d.type === "array" && d.element && Array.isArray(value)) {
    value.forEach((v, i) => out.push(...unknownFields(d.element!, v, [...path, i])));
  }
  return out;
}

/**
 * Checks a value against a schema: unknown keys first, then types and ranges.
 *
 * @param schema The schema of the module that will read the value.
 * @param value The value as written in the scenario.
 * @returns The issues (empty when the value is good).
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { checkFields } from "@lib/sim/strict_fields.ts";
 * import assert from "node:assert/strict";
 * const s = z.object({ enabled: z.boolean().optional() });
 * assert.equal(checkFields(s, { enabled: false }).length, 0);
 * assert.match(checkFields(s, { enabled: "no" })[0].message, /expected boolean/);
 * ```
 */
export function checkFields(schema: z.ZodType, value: unknown): FieldIssue[] {
  const unknown = unknownFields(schema, value);
  if (unknown.length) return unknown;
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({
    path: i.path.map((p) => typeof p === "number" ? p : String(p)),
    message: i.message,
  }));
}
