/**
 * An agent's message memory pool (S3): the messages it has seen on the social network, ranked
 * by time decay × relevance to its profile × authenticity of the source (the s3 feed ranker's
 * score), trimmed to a capacity. It sits beside the agent's long-term memory: this pool holds
 * what was read, not what was lived.
 *
 * @module
 */
import type { EmotionLevel } from "@lib/metrics/emotion.ts";

/** A message as agents see and remember it. */
export interface Message {
  /** Unique id: `${step}:${author}`. */
  id: string;
  /** Who wrote or reposted it. */
  author: string;
  /** Step it was posted. */
  time: number;
  /** Its text. */
  text: string;
  /** The author's emotion when posting. */
  emotion: EmotionLevel;
  /** The author's stance when posting. */
  stance: number;
  /** Repost or original post (seed posts count as posts). */
  kind: "post" | "repost";
  /** Credibility of the author in [0, 1]. */
  authenticity: number;
}

/** A remembered message with its relevance to the owner. */
export interface Memory {
  message: Message;
  /** Relevance to the owner's profile in [0, 1]. */
  relevance: number;
}

/**
 * A bounded pool of remembered messages.
 *
 * @example Older and less relevant messages rank lower and fall out first
 * ```ts
 * import { MessagePool } from "@lib/memory/message_pool.ts";
 * import assert from "node:assert/strict";
 * const m = (id: string, time: number) => ({ id, author: "a", time, text: id, emotion: "calm" as const, stance: 0, kind: "post" as const, authenticity: 1 });
 * const pool = new MessagePool({ capacity: 2, decay: 0.5 });
 * pool.add(m("old", 0), 1, 3);
 * pool.add(m("new", 3), 0.9, 3);
 * pool.add(m("faint", 3), 0.1, 3);
 * assert.deepEqual(pool.top(3, 5).map((x) => x.message.id), ["new", "old"]);
 * ```
 */
export class MessagePool {
  readonly #capacity: number;
  readonly #decay: number;
  #items: Memory[] = [];

  /** @param options Capacity (default 20) and per-step decay (default 0.8). */
  constructor(options: { capacity?: number; decay?: number } = {}) {
    this.#capacity = options.capacity ?? 20;
    this.#decay = options.decay ?? 0.8;
  }

  /** Number of memories held. */
  get size(): number {
    return this.#items.length;
  }

  /**
   * Remembers a message (once), then drops the lowest-ranked beyond capacity.
   *
   * @param message The message.
   * @param relevance Its relevance to the owner in [0, 1].
   * @param now Current step.
   */
  add(message: Message, relevance: number, now: number): void {
    if (this.#items.some((x) => x.message.id === message.id)) return;
    this.#items.push({ message, relevance });
    if (this.#items.length > this.#capacity) this.#items = this.top(now, this.#capacity);
  }

  /**
   * @param now Current step.
   * @param k How many.
   * @returns The k best memories by decay × relevance × authenticity (ties: newer, then id).
   */
  top(now: number, k: number): Memory[] {
    const decay = this.#decay;
    return this.#items
      .map((x) => ({
        x,
        s: Math.pow(decay, now - x.message.time) * x.relevance * x.message.authenticity,
      }))
      .sort((a, b) =>
        b.s - a.s || b.x.message.time - a.x.message.time ||
        (a.x.message.id < b.x.message.id ? -1 : 1)
      )
      .slice(0, k)
      .map((y) => y.x);
  }
}
