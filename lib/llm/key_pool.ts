/**
 * The pool of API keys across endpoints. Each request leases the least-loaded key that is
 * under its concurrency limit, inside its requests- and tokens-per-minute windows and not
 * resting. A key that keeps failing rests for a growing cool-down instead of being hammered;
 * a key the server rejects (401/403) is disabled. The pool knows labels, never keys.
 *
 * @module
 */

/** One key slot: a label, limits and what the caller needs to use it (its HTTP client). */
export interface SlotSpec<P> {
  /** "endpoint#index", shown in tables and events. */
  label: string;
  /** The endpoint's name. */
  endpoint: string;
  /** Requests in flight at most. */
  limit: number;
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute. */
  tpm?: number;
  /** Whatever the caller needs to send with this key. */
  payload: P;
}

/** Cool-down policy. */
export interface Cooldown {
  /** Consecutive failures after which a key rests. */
  afterFailures: number;
  /** First rest in milliseconds; doubles with every further failure. */
  ms: number;
  /** Longest rest. */
  maxMs: number;
}

/** How a leased request ended, from the key's point of view. */
export type ReleaseOutcome =
  | { kind: "ok"; tokens?: number }
  | { kind: "failure" }
  | { kind: "rate-limited"; retryAfterMs?: number }
  | { kind: "rejected" }
  | { kind: "neutral" };

/** A key in use by one request; release it exactly once. */
export interface Lease<P> {
  readonly label: string;
  readonly endpoint: string;
  readonly payload: P;
  release(outcome: ReleaseOutcome): void;
}

/** What the pool says about one key (no secret in it). */
export interface KeyStatus {
  label: string;
  endpoint: string;
  inFlight: number;
  limit: number;
  calls: number;
  consecutiveFailures: number;
  restingMs: number;
  disabled: boolean;
}

interface Slot<P> extends SlotSpec<P> {
  inFlight: number;
  calls: number;
  failures: number;
  restUntil: number;
  disabled: boolean;
  window: { t: number; tokens: number }[];
}

interface Waiter<P> {
  tokens: number;
  resolve: (lease: Lease<P> | null) => void;
}

/**
 * Least-loaded key pool.
 *
 * @example Two keys with one slot each serve two requests at once
 * ```ts
 * import { KeyPool } from "@lib/llm/key_pool.ts";
 * import assert from "node:assert/strict";
 * const pool = new KeyPool(
 *   [{ label: "a#0", endpoint: "a", limit: 1, payload: 0 }, { label: "a#1", endpoint: "a", limit: 1, payload: 1 }],
 *   { afterFailures: 3, ms: 100, maxMs: 1000 },
 * );
 * const [x, y] = await Promise.all([pool.acquire(10), pool.acquire(10)]);
 * assert.notEqual(x!.label, y!.label);
 * x!.release({ kind: "ok" });
 * y!.release({ kind: "ok" });
 * ```
 */
export class KeyPool<P> {
  readonly #slots: Slot<P>[];
  readonly #cooldown: Cooldown;
  readonly #now: () => number;
  readonly #windowMs: number;
  readonly #waiters: Waiter<P>[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /**
   * @param specs The key slots.
   * @param cooldown When and how long a failing key rests.
   * @param now Clock in milliseconds (I/O timing, not simulation time).
   * @param windowMs Length of the rate-limit window (a minute; shorter only in tests).
   */
  constructor(
    specs: SlotSpec<P>[],
    cooldown: Cooldown,
    now: () => number = () => performance.now(),
    windowMs = 60_000,
  ) {
    this.#slots = specs.map((s) => ({
      ...s,
      inFlight: 0,
      calls: 0,
      failures: 0,
      restUntil: 0,
      disabled: false,
      window: [],
    }));
    this.#cooldown = cooldown;
    this.#now = now;
    this.#windowMs = windowMs;
  }

  /** Requests waiting for a key. */
  get queued(): number {
    return this.#waiters.length;
  }

  /** Requests holding a key. */
  get inFlight(): number {
    return this.#slots.reduce((s, k) => s + k.inFlight, 0);
  }

  /** Whether any key is still usable. */
  get usable(): boolean {
    return this.#slots.some((s) => !s.disabled);
  }

  /** @returns The state of every key, by label. */
  status(): KeyStatus[] {
    const now = this.#now();
    return this.#slots.map((s) => ({
      label: s.label,
      endpoint: s.endpoint,
      inFlight: s.inFlight,
      limit: s.limit,
      calls: s.calls,
      consecutiveFailures: s.failures,
      restingMs: Math.max(0, s.restUntil - now),
      disabled: s.disabled,
    }));
  }

  /**
   * Stops handing out keys: every waiting and later {@link KeyPool.acquire} gets null at once
   * (the endpoint was found unusable, so nobody should wait out a key's rest for it).
   *
   * @example
   * ```ts
   * import { KeyPool } from "@lib/llm/key_pool.ts";
   * import assert from "node:assert/strict";
   * const pool = new KeyPool([{ label: "a#0", endpoint: "a", limit: 1, payload: 0 }], {
   *   afterFailures: 3,
   *   ms: 100,
   *   maxMs: 1000,
   * });
   * const first = await pool.acquire(1);
   * const waiting = pool.acquire(1);
   * pool.close();
   * assert.equal(await waiting, null);
   * first!.release({ kind: "ok" });
   * assert.equal(await pool.acquire(1), null);
   * ```
   */
  close(): void {
    this.#closed = true;
    this.#pump();
  }

  /**
   * Waits for a key.
   *
   * @param tokens Estimated tokens of the request (for tokens-per-minute limits).
   * @returns A lease, or null when every key has been disabled.
   */
  acquire(tokens: number): Promise<Lease<P> | null> {
    return new Promise((resolve) => {
      this.#waiters.push({ tokens, resolve });
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#waiters.length > 0) {
      if (!this.usable || this.#closed) {
        for (const w of this.#waiters.splice(0)) w.resolve(null);
        return;
      }
      const now = this.#now();
      const slot = this.#pick(now, this.#waiters[0].tokens);
      if (!slot) break;
      const waiter = this.#waiters.shift()!;
      waiter.resolve(this.#grant(slot, now, waiter.tokens));
    }
    if (this.#waiters.length === 0) return;
    const wake = this.#nextWake(this.#now());
    if (wake !== undefined) {
      this.#timer = setTimeout(() => this.#pump(), Math.max(1, Math.ceil(wake)));
    }
  }

  #pick(now: number, tokens: number): Slot<P> | undefined {
    let best: Slot<P> | undefined;
    for (const s of this.#slots) {
      if (!this.#available(s, now, tokens)) continue;
      if (
        !best || s.inFlight / s.limit < best.inFlight / best.limit ||
        (s.inFlight / s.limit === best.inFlight / best.limit && s.calls < best.calls)
      ) best = s;
    }
    return best;
  }

  #available(s: Slot<P>, now: number, tokens: number): boolean {
    if (s.disabled || s.inFlight >= s.limit || s.restUntil > now) return false;
    s.window = s.window.filter((w) => now - w.t < this.#windowMs);
    if (s.rpm !== undefined && s.window.length >= s.rpm) return false;
    if (s.tpm !== undefined && s.window.length > 0) {
      const used = s.window.reduce((sum, w) => sum + w.tokens, 0);
      if (used + tokens > s.tpm) return false;
    }
    return true;
  }

  /** Milliseconds until a key blocked by rest or a rate window may free up. */
  #nextWake(now: number): number | undefined {
    let wake: number | undefined;
    const consider = (t: number) => {
      if (t > now && (wake === undefined || t - now < wake)) wake = t - now;
    };
    for (const s of this.#slots) {
      if (s.disabled || s.inFlight >= s.limit) continue;
      consider(s.restUntil);
      if ((s.rpm !== undefined || s.tpm !== undefined) && s.window.length > 0) {
        consider(s.window[0].t + this.#windowMs);
      }
    }
    return wake;
  }

  #grant(slot: Slot<P>, now: number, tokens: number): Lease<P> {
    slot.inFlight++;
    slot.calls++;
    const entry = { t: now, tokens };
    slot.window.push(entry);
    let released = false;
    return {
      label: slot.label,
      endpoint: slot.endpoint,
      payload: slot.payload,
      release: (outcome) => {
        if (released) return;
        released = true;
        slot.inFlight--;
        this.#settle(slot, outcome, entry);
        this.#pump();
      },
    };
  }

  #settle(slot: Slot<P>, outcome: ReleaseOutcome, entry: { tokens: number }): void {
    const now = this.#now();
    switch (outcome.kind) {
      case "ok":
        slot.failures = 0;
        if (outcome.tokens !== undefined) entry.tokens = outcome.tokens;
        break;
      case "failure": {
        slot.failures++;
        const over = slot.failures - this.#cooldown.afterFailures;
        if (over >= 0) {
          const rest = Math.min(this.#cooldown.maxMs, this.#cooldown.ms * 2 ** over);
          slot.restUntil = Math.max(slot.restUntil, now + rest);
        }
        break;
      }
      case "rate-limited": {
        const rest = outcome.retryAfterMs ?? Math.min(1_000, this.#cooldown.ms);
        slot.restUntil = Math.max(slot.restUntil, now + rest);
        break;
      }
      case "rejected":
        slot.disabled = true;
        break;
      case "neutral":
        break;
    }
  }
}
