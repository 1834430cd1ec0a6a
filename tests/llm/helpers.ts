// Shared fixtures of the LLM tests: a movie-choice schema, a client factory, and the local
// server with a client for it.
import { z } from "zod";
import {
  LlmClient,
  type LlmClientOptions,
  type LlmConfigInput,
  type LocalServer,
  startLocalServer,
} from "@lib/llm/mod.ts";
import type { Responder } from "@lib/llm/schema_responder.ts";
import type { StructuredRequest } from "@lib/llm/types.ts";

export const MovieChoice = z.object({
  title: z.string().min(1),
  rating: z.number().int().min(1).max(5),
  mood: z.enum(["happy", "curious", "bored"]),
  reason: z.string(),
});
export type MovieChoice = z.infer<typeof MovieChoice>;

export function movieRequest(i: number, agentId = `a${i % 3}`): StructuredRequest<MovieChoice> {
  return {
    messages: [
      { role: "system", content: "You are a movie-lover browsing a recommender." },
      { role: "user", content: `Page ${i}: choose one of the films and rate it.` },
    ],
    schema: MovieChoice,
    schemaName: "movie_choice",
    meta: { agentId, behaviour: i % 2 === 0 ? "browse" : "search", seed: `r1:${agentId}:${i}` },
  };
}

/** A client with fast retries, a short timeout and no cache unless asked. */
export function fastClient(
  endpoints: LlmConfigInput["endpoints"],
  overrides: Partial<LlmConfigInput> = {},
  options: LlmClientOptions = {},
): LlmClient {
  return new LlmClient({
    model: "local",
    endpoints,
    requestTimeoutMs: 2_000,
    retry: { maxRetries: 12, baseMs: 1, maxMs: 8, budget: 500 },
    cooldown: { afterFailures: 3, ms: 20, maxMs: 100 },
    cache: { mode: "off" },
    // These tests inject failures on purpose; the stop on an unusable endpoint has its own.
    maxConsecutiveFailures: 1_000,
    ...overrides,
  }, options);
}

/**
 * The project's local server answering every call with `responder`, and a client for it
 * (model "scripted", cache off, plus `overrides`); stop the server when done.
 */
export async function localServerClient(
  key: string,
  responder: Responder,
  overrides: Partial<LlmConfigInput> = {},
): Promise<{ server: LocalServer; llm: LlmClient }> {
  const server = await startLocalServer({ keys: [key], responder });
  const llm = new LlmClient({
    model: "scripted",
    endpoints: [{ baseUrl: server.url, keys: [key] }],
    cache: { mode: "off" },
    ...overrides,
  });
  return { server, llm };
}
