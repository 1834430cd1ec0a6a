import type { StructuredLlm, StructuredRequest, StructuredResult } from "@lib/llm/types.ts";

/** The fixture: 12 users, 40 items, 235 ratings in ML-100K format. */
export const FIXTURE = new URL("../fixtures/eval/ml100k", import.meta.url).pathname;

/** A scripted LLM that records every request and answers with `reply(request)`. */
export class ScriptedLlm implements StructuredLlm {
  readonly model = "scripted";
  readonly requests: StructuredRequest<unknown>[] = [];
  constructor(readonly reply: (request: StructuredRequest<unknown>) => unknown) {}

  complete<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    this.requests.push(request as StructuredRequest<unknown>);
    const parsed = request.schema.safeParse(this.reply(request as StructuredRequest<unknown>));
    const base = {
      usage: { promptTokens: 10, completionTokens: 2 },
      cached: false,
      attempts: 1,
      latencyMs: 0,
    };
    return Promise.resolve(
      parsed.success
        ? { ok: true, value: parsed.data, raw: "", ...base }
        : { ok: false, error: "invalid reply", ...base },
    );
  }
}
