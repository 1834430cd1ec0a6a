/**
 * The exact JSON body of a chat completion for a structured request. The live client sends
 * it, and a batch writer (Batch API JSONL) can reuse it unchanged.
 *
 * @module
 */
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { hash32 } from "../core/hash.ts";
import type { ChatMessage, StructuredRequest } from "./types.ts";

/** How an endpoint is asked for JSON. */
export const OutputMode = z.enum(["json_schema", "json_object", "instructions"]);
/**
 * "json_schema": strict structured outputs (OpenAI, vLLM, recent Ollama);
 * "json_object": JSON mode plus the schema in the instructions;
 * "instructions": plain text with the schema in the instructions (any server).
 */
export type OutputMode = z.infer<typeof OutputMode>;

/** The body of POST /v1/chat/completions. */
export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  seed?: number;
  response_format?:
    | { type: "json_object" }
    | { type: "json_schema"; json_schema: { name: string; strict: boolean; schema: unknown } };
}

/**
 * The JSON schema of a zod schema, for prompts and cache keys (types zod cannot express,
 * such as transforms, become unconstrained rather than failing).
 *
 * @param schema A zod schema.
 * @returns A JSON schema object.
 *
 * @example An object schema
 * ```ts
 * import { jsonSchemaOf } from "@lib/llm/request_body.ts";
 * import { z } from "zod";
 * import assert from "node:assert/strict";
 * assert.equal((jsonSchemaOf(z.object({ a: z.string() })) as { type: string }).type, "object");
 * ```
 */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/**
 * The strict `response_format` for a schema, or null when the schema is not
 * strict-compatible (`.optional()` without `.nullable()`, `z.record`, …).
 *
 * @param schema A zod schema.
 * @param name The schema's name (letters, digits, "_" and "-").
 * @returns The response format, or null.
 *
 * @example Strict mode refuses an optional field
 * ```ts
 * import { strictResponseFormat } from "@lib/llm/request_body.ts";
 * import { z } from "zod";
 * import assert from "node:assert/strict";
 * assert.ok(strictResponseFormat(z.object({ a: z.string() }), "a"));
 * assert.equal(strictResponseFormat(z.object({ a: z.string().optional() }), "a"), null);
 * ```
 */
export function strictResponseFormat(
  schema: z.ZodType,
  name: string,
): ChatRequestBody["response_format"] | null {
  try {
    const format = zodResponseFormat(schema as never, safeName(name));
    const { $schema: _drop, ...rest } = format.json_schema.schema as Record<string, unknown>;
    return {
      type: "json_schema",
      json_schema: { name: format.json_schema.name, strict: true, schema: rest },
    };
  } catch {
    return null;
  }
}

/**
 * The instruction that tells a model what JSON to write, with the schema in a ```json
 * fence (the local server's default responder reads it back from there).
 *
 * @param schema A zod schema.
 * @returns The instruction text.
 */
export function schemaInstructions(schema: z.ZodType): string {
  return "Reply with only a JSON object (no prose, no code fence) that matches this JSON schema:\n" +
    "```json\n" + JSON.stringify(jsonSchemaOf(schema)) + "\n```";
}

/** Options of {@link buildChatBody}. */
export interface BuildOptions {
  /** The model name the endpoint knows. */
  model: string;
  /** How the endpoint is asked for JSON (default "json_schema"). */
  mode?: OutputMode;
}

/**
 * Builds the chat completion body for a structured request. In "json_schema" mode a schema
 * that is not strict-compatible falls back to JSON mode with instructions.
 *
 * @param request The structured request.
 * @param options Model and output mode.
 * @returns The body and the mode actually used.
 *
 * @example A batch line reuses the same body
 * ```ts
 * import { buildChatBody } from "@lib/llm/request_body.ts";
 * import { z } from "zod";
 * import assert from "node:assert/strict";
 * const schema = z.object({ title: z.string(), note: z.string().optional() });
 * const { body, mode } = buildChatBody(
 *   { messages: [{ role: "user", content: "Pick a film" }], schema, schemaName: "pick" },
 *   { model: "gpt-4o-mini", mode: "json_schema" },
 * );
 * assert.equal(mode, "json_object");
 * assert.deepEqual(body.response_format, { type: "json_object" });
 * const line = JSON.stringify({ custom_id: "a1", method: "POST", url: "/v1/chat/completions", body });
 * assert.ok(line.includes("Pick a film"));
 * ```
 */
export function buildChatBody<T>(
  request: StructuredRequest<T>,
  options: BuildOptions,
): { body: ChatRequestBody; mode: OutputMode } {
  let mode = options.mode ?? "json_schema";
  let responseFormat: ChatRequestBody["response_format"] | undefined;
  if (mode === "json_schema") {
    const strict = strictResponseFormat(request.schema, request.schemaName);
    if (strict) responseFormat = strict;
    else mode = "json_object";
  }
  if (mode === "json_object") responseFormat = { type: "json_object" };
  const messages = mode === "json_schema"
    ? request.messages.map((m) => ({ role: m.role, content: m.content }))
    : withInstructions(request.messages, schemaInstructions(request.schema));
  const body: ChatRequestBody = { model: options.model, messages };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.meta?.seed !== undefined) body.seed = hash32(String(request.meta.seed));
  if (responseFormat) body.response_format = responseFormat;
  return { body, mode };
}

/** Adds the instruction to the first system message (some chat templates allow only one). */
function withInstructions(messages: readonly ChatMessage[], text: string): ChatMessage[] {
  const out = messages.map((m) => ({ role: m.role, content: m.content }));
  const system = out.find((m) => m.role === "system");
  if (system) system.content = `${system.content}\n\n${text}`;
  else out.unshift({ role: "system", content: text });
  return out;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "reply";
}
