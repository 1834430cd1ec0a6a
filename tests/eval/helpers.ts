import type { StructuredLlm, StructuredRequest, StructuredResult } from "@lib/llm/types.ts";
import { Rng } from "@lib/core/rng.ts";
import { loadCascadeLayout } from "@lib/eval/cascades_data.ts";
import { writeTwitterLayout } from "@lib/eval/cascades_layout.ts";
import { cascadeShape } from "@lib/metrics/cascade.ts";
import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
import { inboxCsr } from "@lib/social/spread/csr.ts";

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

/**
 * A held-out cascade comparison's inputs: Twitter15/16-layout files written to `dir`, the
 * cascades of at least five posts read back from them, and a BA graph with the engine's
 * windows (480-minute window, 60-minute steps and prefix, one seed).
 *
 * @param dir An empty folder.
 * @param layout Cascades per folder and median cascade size.
 * @param nodes Agents of the BA graph.
 * @returns The cascades and the setup evaluateCascades takes.
 */
export async function heldOutFixture(
  dir: string,
  layout: { perFolder: number; medianSize: number },
  nodes: number,
) {
  await writeTwitterLayout(dir, { seed: 8, ...layout });
  const cascades = (await loadCascadeLayout(dir, { windowMin: 480 })).filter((c) =>
    cascadeShape(c.edges).scale >= 5
  );
  const graph = barabasiAlbert(nodes, 3, { rng: new Rng(4) });
  const setup = {
    graph,
    csr: inboxCsr(graph),
    windowMin: 480,
    stepMin: 60,
    prefixMin: 60,
    seeds: [1],
  };
  return { cascades, setup };
}
