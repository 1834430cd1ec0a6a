/**
 * The record/replay cache: content-addressed replies in append-only JSONL files. A re-run
 * against a recorded cache makes no network call; a crash mid-write leaves at most one torn
 * last line, which is ignored on load, and nothing before it is lost.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError } from "../core/errors.ts";
import { sha256Hex } from "../core/hash.ts";
import type { ChatMessage, Usage } from "./types.ts";

/** off: no cache; record: always call and store; replay: only the cache (a miss is an
 * error result); auto: replay what is there, record what is not. */
export const CacheMode = z.enum(["off", "record", "replay", "auto"]);
/** A cache mode. */
export type CacheMode = z.infer<typeof CacheMode>;

/** One stored reply. Holds no key, endpoint or secret: only what identifies the call. */
export interface CacheEntry {
  /** sha256 of the call's content ({@link cacheKey}). */
  key: string;
  /** "chat" for structured calls, "embedding" for one embedded text. */
  kind: "chat" | "embedding";
  model: string;
  /** The schema name (chat). */
  schemaName?: string;
  agentId?: string;
  behaviour?: string;
  /** The reply text that validated (chat), or the last reply of a failed call. */
  raw?: string;
  /**
   * Set when the call failed (the reply stayed invalid after its repairs, or the server never
   * answered): the redacted reason, replayed as the same failure so a replayed run logs what
   * the recorded run logged.
   */
  error?: string;
  /** Replies asked of the model (1 plus the repairs sent); absent in older files means 1. */
  calls?: number;
  /** Base64 of a little-endian Float32Array (embedding). */
  vector?: string;
  usage: Usage;
}

/** What a cache key is computed from. */
export interface CacheKeyParts {
  model: string;
  messages: readonly ChatMessage[];
  /** The JSON schema of the reply (or the embedding input kind). */
  schema: unknown;
  /** Sampling parameters (temperature, max tokens, …). */
  params: Record<string, unknown>;
  /** The call-site seed from CallMeta. */
  seed?: string | number;
}

/**
 * The content address of a call: sha256 of its canonical JSON.
 *
 * @param parts Model, messages, schema, sampling parameters and call-site seed.
 * @returns 64 hex characters.
 *
 * @example Different call-site seeds give different keys
 * ```ts
 * import { cacheKey } from "@lib/llm/record_cache.ts";
 * import assert from "node:assert/strict";
 * const parts = { model: "m", messages: [{ role: "user" as const, content: "hi" }], schema: {}, params: {} };
 * assert.equal(await cacheKey(parts), await cacheKey({ ...parts }));
 * assert.notEqual(await cacheKey({ ...parts, seed: 1 }), await cacheKey({ ...parts, seed: 2 }));
 * ```
 */
export function cacheKey(parts: CacheKeyParts): Promise<string> {
  return sha256Hex(canonicalJson({
    v: 1,
    model: parts.model,
    messages: parts.messages.map((m) => [m.role, m.content]),
    schema: parts.schema,
    params: parts.params,
    seed: parts.seed ?? null,
  }));
}

/** JSON with object keys sorted, so equal content always hashes equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]));
    }
    return v === undefined ? null : v;
  });
}

/**
 * The default cache folder: SOCIUS_CACHE_DIR, else `.socius/llm-cache/` at the project root
 * (found from this file, so it does not depend on the working directory).
 *
 * @returns An absolute path.
 *
 * @example A cache folder is always named
 * ```ts
 * import { defaultCacheDir } from "@lib/llm/record_cache.ts";
 * import assert from "node:assert/strict";
 * assert.ok(defaultCacheDir().length > 0);
 * ```
 */
export function defaultCacheDir(): string {
  const override = Deno.env.get("SOCIUS_CACHE_DIR");
  if (override) return override;
  return new URL("../../.socius/llm-cache", import.meta.url).pathname;
}

/**
 * The cache mode from SOCIUS_LLM_CACHE, or undefined when unset.
 *
 * @returns The mode.
 * @throws ConfigError when the variable holds something else.
 */
export function envCacheMode(): CacheMode | undefined {
  const raw = Deno.env.get("SOCIUS_LLM_CACHE");
  if (!raw) return undefined;
  const parsed = CacheMode.safeParse(raw.trim());
  if (!parsed.success) {
    throw new ConfigError(
      "environment",
      "SOCIUS_LLM_CACHE",
      `expected off, record, replay or auto, got "${raw}"`,
    );
  }
  return parsed.data;
}

/** Counters of a {@link RecordCache}. */
export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  /** Lines skipped on load (a torn last line after a crash). */
  skippedLines: number;
}

/**
 * Append-only JSONL store of replies for one model (`<dir>/<model>.jsonl`).
 *
 * @example Record, then read back from a fresh instance
 * ```ts
 * import { RecordCache } from "@lib/llm/record_cache.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const usage = { promptTokens: 3, completionTokens: 2 };
 * await new RecordCache(dir, "m", "auto").put({ key: "k1", kind: "chat", model: "m", raw: "{}", usage });
 * const again = new RecordCache(dir, "m", "replay");
 * assert.equal((await again.get("k1"))?.raw, "{}");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class RecordCache {
  /** The mode. */
  readonly mode: CacheMode;
  /** The JSONL file. */
  readonly file: string;
  readonly #dir: string;
  #entries: Map<string, CacheEntry> | null = null;
  #loading: Promise<void> | null = null;
  #needsNewline = false;
  #writes: Promise<void> = Promise.resolve();
  readonly #stats: CacheStats = { hits: 0, misses: 0, writes: 0, skippedLines: 0 };

  /**
   * @param dir Folder of the cache files.
   * @param model The model the file is for.
   * @param mode The cache mode.
   */
  constructor(dir: string, model: string, mode: CacheMode) {
    this.#dir = dir;
    this.mode = mode;
    this.file = `${dir}/${model.replace(/[^\w.-]+/g, "_")}.jsonl`;
  }

  /** @returns A copy of the counters. */
  stats(): CacheStats {
    return { ...this.#stats };
  }

  /**
   * Looks a key up (record mode never reads).
   *
   * @param key The content address.
   * @returns The entry, or undefined.
   */
  async get(key: string): Promise<CacheEntry | undefined> {
    if (this.mode === "off" || this.mode === "record") return undefined;
    await this.#load();
    const entry = this.#entries!.get(key);
    if (entry) this.#stats.hits++;
    else this.#stats.misses++;
    return entry;
  }

  /**
   * Appends an entry (one line, one write; a torn line left by a crash is closed first).
   *
   * @param entry The entry.
   * @returns When it is on disk.
   */
  put(entry: CacheEntry): Promise<void> {
    if (this.mode === "off" || this.mode === "replay") return Promise.resolve();
    this.#writes = this.#writes.then(async () => {
      await this.#load();
      await Deno.mkdir(this.#dir, { recursive: true });
      const line = JSON.stringify(entry) + "\n";
      await Deno.writeTextFile(this.file, (this.#needsNewline ? "\n" : "") + line, {
        append: true,
      });
      this.#needsNewline = false;
      this.#entries!.set(entry.key, entry);
      this.#stats.writes++;
    });
    return this.#writes;
  }

  #load(): Promise<void> {
    this.#loading ??= (async () => {
      const entries = new Map<string, CacheEntry>();
      let text = "";
      try {
        text = await Deno.readTextFile(this.file);
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
      this.#needsNewline = text.length > 0 && !text.endsWith("\n");
      for (const line of text.split("\n")) {
        if (line.trim() === "") continue;
        try {
          const e = JSON.parse(line) as CacheEntry;
          if (typeof e.key === "string") entries.set(e.key, e);
          else this.#stats.skippedLines++;
        } catch {
          this.#stats.skippedLines++;
        }
      }
      this.#entries = entries;
    })();
    return this.#loading;
  }
}

/**
 * Encodes a vector for a cache line.
 *
 * @param v The vector.
 * @returns Base64 of its little-endian float32 bytes.
 */
export function encodeVector(v: Float32Array): string {
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * Decodes {@link encodeVector}'s output (also the OpenAI base64 embedding format).
 *
 * @param b64 Base64 text.
 * @returns The vector.
 *
 * @example A vector survives the round trip
 * ```ts
 * import { decodeVector, encodeVector } from "@lib/llm/record_cache.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([...decodeVector(encodeVector(new Float32Array([0.5, -1])))], [0.5, -1]);
 * ```
 */
export function decodeVector(b64: string): Float32Array {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
