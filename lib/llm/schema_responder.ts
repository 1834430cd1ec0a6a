/**
 * Replies for the local server: a JSON value that satisfies a JSON schema, chosen
 * deterministically from the request, so dry runs and tests work without a model.
 *
 * @module
 */
import { hash32 } from "../core/hash.ts";
import { Rng } from "../core/rng.ts";

/** A chat request as the local server parsed it. */
export interface ParsedChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  /** The schema asked for: from a json_schema response format, else from a ```json fence in
   * the messages (JSON mode and plain instructions), else null. */
  jsonSchema: Record<string, unknown> | null;
  /** "json_schema", "json_object", "text" or "none". */
  responseFormat: string;
  temperature?: number;
  maxTokens?: number;
  stream: boolean;
  /** The body as sent. */
  body: Record<string, unknown>;
}

/** Produces the reply text of a chat request. */
export type Responder = (request: ParsedChatRequest) => string | Promise<string>;

const WORDS = [
  "quiet",
  "river",
  "signal",
  "harbor",
  "amber",
  "orbit",
  "lantern",
  "meadow",
  "echo",
  "velvet",
  "summit",
  "cinder",
  "atlas",
  "willow",
  "comet",
  "ember",
];

/**
 * The default responder: fills the requested JSON schema (deterministic given the
 * messages), or answers a short sentence when no schema was asked for.
 *
 * @param request The parsed request.
 * @returns The reply text.
 *
 * @example A reply within the schema's bounds
 * ```ts
 * import { schemaResponder } from "@lib/llm/schema_responder.ts";
 * import assert from "node:assert/strict";
 * const jsonSchema = { type: "object", properties: { n: { type: "integer", minimum: 1, maximum: 3 } }, required: ["n"] };
 * const reply = JSON.parse(schemaResponder({ model: "m", messages: [], jsonSchema, responseFormat: "json_schema", stream: false, body: {} }) as string);
 * assert.ok(reply.n >= 1 && reply.n <= 3);
 * ```
 */
export function schemaResponder(request: ParsedChatRequest): string {
  const rng = new Rng(hash32(JSON.stringify(request.messages)));
  if (!request.jsonSchema) {
    const last = request.messages.at(-1)?.content ?? "";
    return `Local reply (${rng.pick(WORDS)}): I read ${last.length} characters.`;
  }
  return JSON.stringify(fillSchema(request.jsonSchema, rng));
}

/**
 * A value satisfying a JSON schema (objects, arrays, enums, const, anyOf/oneOf, nullable
 * types, numeric and length bounds, local $refs).
 *
 * @param schema A JSON schema.
 * @param rng Where choices come from.
 * @param root The schema $refs resolve against (default: schema).
 * @returns A JSON value.
 */
export function fillSchema(
  schema: Record<string, unknown>,
  rng: Rng,
  root: Record<string, unknown> = schema,
): unknown {
  if (typeof schema.$ref === "string") {
    const target = schema.$ref.replace(/^#\//, "").split("/").filter(Boolean)
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], root);
    return fillSchema((target ?? {}) as Record<string, unknown>, rng, root);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return rng.pick(schema.enum);
  const options = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (Array.isArray(options) && options.length > 0) {
    const nonNull = options.filter((o) => o.type !== "null");
    return fillSchema(nonNull[0] ?? options[0], rng, root);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return fillSchema(Object.assign({}, ...schema.allOf), rng, root);
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== "null") ?? types[0];
  const num = (k: string) => (typeof schema[k] === "number" ? schema[k] as number : undefined);
  switch (type) {
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      return Object.fromEntries(
        Object.entries(props).map(([k, v]) => [k, fillSchema(v, rng, root)]),
      );
    }
    case "array": {
      const min = num("minItems") ?? 1;
      const max = Math.max(min, num("maxItems") ?? min + 2);
      const n = min + rng.int(Math.min(max, min + 2) - min + 1);
      const items = (schema.items ?? {}) as Record<string, unknown>;
      return Array.from({ length: n }, () => fillSchema(items, rng, root));
    }
    case "integer":
    case "number": {
      const lo = num("minimum") ?? (num("exclusiveMinimum") ?? -1) + 1;
      const hi = Math.max(lo, num("maximum") ?? (num("exclusiveMaximum") ?? lo + 11) - 1);
      return type === "integer"
        ? Math.ceil(lo) + rng.int(Math.floor(hi) - Math.ceil(lo) + 1)
        : Math.round(rng.uniform(lo, hi) * 1000) / 1000;
    }
    case "boolean":
      return rng.bool();
    case "null":
      return null;
    case "string": {
      const min = num("minLength") ?? 0;
      const max = num("maxLength") ?? 80;
      let s = `${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
      while (s.length < min) s += ` ${rng.pick(WORDS)}`;
      return s.slice(0, max);
    }
    default:
      return `${rng.pick(WORDS)}`;
  }
}

/**
 * Finds the schema a request asks for.
 *
 * @param body The request body.
 * @param messages Its messages.
 * @returns The JSON schema, or null.
 */
export function requestedSchema(
  body: Record<string, unknown>,
  messages: { content: string }[],
): Record<string, unknown> | null {
  const format = body.response_format as
    | { type?: string; json_schema?: { schema?: unknown } }
    | undefined;
  if (format?.type === "json_schema" && format.json_schema?.schema) {
    return format.json_schema.schema as Record<string, unknown>;
  }
  for (const m of messages) {
    for (const match of m.content.matchAll(/```json\s*\n([\s\S]*?)```/g)) {
      try {
        const candidate = JSON.parse(match[1]);
        if (
          candidate && typeof candidate === "object" &&
          ("type" in candidate || "properties" in candidate)
        ) {
          return candidate;
        }
      } catch {
        // Not a schema; keep looking.
      }
    }
  }
  return null;
}
