/**
 * The local server's wire formats: reading a chat request, writing a streamed reply.
 *
 * @module
 */
import { type ParsedChatRequest, requestedSchema } from "./schema_responder.ts";

/**
 * Reads a chat completion request body into the responder's view of it.
 *
 * @param body The parsed JSON body.
 * @returns Messages (text parts joined), requested schema, format and sampling.
 */
export function parseChat(body: Record<string, unknown>): ParsedChatRequest {
  const messages = (Array.isArray(body.messages) ? body.messages : []).map((m) => ({
    role: String(m?.role ?? "user"),
    content: typeof m?.content === "string"
      ? m.content
      : Array.isArray(m?.content)
      ? m.content.map((p: { text?: string }) => p?.text ?? "").join("")
      : "",
  }));
  const format = (body.response_format as { type?: string } | undefined)?.type ?? "none";
  return {
    model: String(body.model ?? "socius-local"),
    messages,
    jsonSchema: requestedSchema(body, messages),
    responseFormat: format,
    temperature: typeof body.temperature === "number" ? body.temperature : undefined,
    maxTokens: typeof body.max_tokens === "number" ? body.max_tokens : undefined,
    stream: body.stream === true,
    body,
  };
}

/**
 * A streamed reply: server-sent events in the chat.completion.chunk format, ending with
 * [DONE].
 *
 * @param id Completion id.
 * @param model Model name.
 * @param content The whole reply text (sent in about four pieces).
 * @param usage Usage, sent as a last chunk when the client asked for it.
 * @returns The response.
 */
export function sse(
  id: string,
  model: string,
  content: string,
  usage?: Record<string, number>,
): Response {
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${
      JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created: 0,
        model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      })
    }\n\n`;
  const size = Math.max(1, Math.ceil(content.length / 4));
  const parts = [chunk({ role: "assistant", content: "" }, null)];
  for (let i = 0; i < content.length; i += size) {
    parts.push(chunk({ content: content.slice(i, i + size) }, null));
  }
  parts.push(chunk({}, "stop"));
  if (usage) {
    parts.push(
      `data: ${
        JSON.stringify({
          id,
          object: "chat.completion.chunk",
          created: 0,
          model,
          choices: [],
          usage,
        })
      }\n\n`,
    );
  }
  parts.push("data: [DONE]\n\n");
  const bytes = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(bytes.encode(p));
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

/**
 * A non-streaming chat completion object, as OpenAI-compatible servers answer.
 *
 * @param id Completion id.
 * @param model Model name.
 * @param content Reply text.
 * @param promptChars Characters of the prompt (tokens are estimated as chars / 4).
 * @returns The completion object.
 */
export function completionObject(
  id: string,
  model: string,
  content: string,
  promptChars: number,
): Record<string, unknown> {
  const prompt = Math.ceil(promptChars / 4), completion = Math.ceil(content.length / 4);
  return {
    id,
    object: "chat.completion",
    created: 0,
    model,
    choices: [{
      index: 0,
      message: { role: "assistant", content, refusal: null },
      finish_reason: "stop",
      logprobs: null,
    }],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
    },
  };
}
