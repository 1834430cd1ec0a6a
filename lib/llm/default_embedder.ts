/**
 * Which embedder a run uses when none is given: all-MiniLM-L6-v2 when it is installed
 * (`deno task models`) and the brain reads text (llm, embedding), else the offline hashed
 * n-gram embedder. The rule brain decides from numbers, not from text, so it keeps the hashed
 * embedder unless SOCIUS_EMBEDDER=minilm asks otherwise: MiniLM costs 5-25 ms a text on one
 * CPU thread. The chosen embedder's name goes into every run manifest.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { Embedder } from "./embedder.ts";
import { HashedEmbedder } from "./hashed_embedder.ts";
import { installedMiniLm } from "./local_models.ts";
import { MiniLmEmbedder } from "./minilm_embedder.ts";

let minilm: Promise<MiniLmEmbedder> | null = null;

/**
 * The default embedder. SOCIUS_EMBEDDER: "auto" (default), "minilm" or "hashed".
 *
 * @param use What the embedder is for: the brain kind of the run.
 * @returns The embedder (MiniLM is loaded once per process).
 * @throws ConfigError for a bad SOCIUS_EMBEDDER, or "minilm" when it is not installed.
 *
 * @example The rule brain keeps the hashed embedder by default
 * ```ts
 * import { defaultEmbedder } from "@lib/llm/default_embedder.ts";
 * import assert from "node:assert/strict";
 * const e = await defaultEmbedder({ brain: "rule" }, () => undefined);
 * assert.equal(e.name, "hashed-ngram-256");
 * ```
 */
export async function defaultEmbedder(
  use: { brain?: string } = {},
  get: (name: string) => string | undefined = (n) => Deno.env.get(n),
): Promise<Embedder> {
  const choice = (get("SOCIUS_EMBEDDER") ?? "auto").trim() || "auto";
  if (!["auto", "minilm", "hashed"].includes(choice)) {
    throw new ConfigError(
      "environment",
      "SOCIUS_EMBEDDER",
      `expected auto, minilm or hashed, got "${choice}"`,
    );
  }
  const readsText = use.brain === "llm" || use.brain === "embedding";
  const want = choice === "minilm" || (choice === "auto" && readsText && installedMiniLm());
  if (!want) return new HashedEmbedder();
  minilm ??= MiniLmEmbedder.open();
  try {
    return await minilm;
  } catch (e) {
    minilm = null;
    throw e;
  }
}
