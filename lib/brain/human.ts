/**
 * The human brain: a person decides (from a notebook call or a web page) with the same action
 * schema as every other brain. Answers are validated against the context; a person who does
 * not answer in time gets the safe fallback action, so a simulation never hangs on a person.
 *
 * @module
 */
import type { Brain, Decision } from "./brain.ts";
import { fallbackAction } from "./brain.ts";
import type { DecisionContext } from "./context.ts";
import { checkAction, describeAction } from "./validate.ts";

/** Asks a person; the signal aborts when the brain stops waiting (timeout). */
export type HumanCallback = (ctx: DecisionContext, signal: AbortSignal) => Promise<unknown>;

/** Options of {@link HumanBrain}. */
export interface HumanBrainOptions {
  /** How long to wait for the person, in milliseconds (default 120 000). */
  timeoutMs?: number;
  /** Name in manifests (default "human"). */
  name?: string;
}

const TIMED_OUT = Symbol("timed out");

/**
 * A brain whose decisions come from a callback.
 *
 * @example An invalid answer is rejected and the fallback taken
 * ```ts
 * import { HumanBrain } from "@lib/brain/human.ts";
 * import assert from "node:assert/strict";
 * const brain = new HumanBrain(() => Promise.resolve({ type: "post", text: "hi", itemIds: [] }));
 * const d = await brain.decide({ behaviour: "browse", page: [], agentId: "h", time: { label: "" } } as never);
 * assert.deepEqual(d.action, { type: "leave" });
 * assert.match(d.failure!, /does not answer browse/);
 * ```
 */
export class HumanBrain implements Brain {
  readonly kind = "human" as const;
  readonly name: string;
  readonly #ask: HumanCallback;
  readonly #timeoutMs: number;

  /**
   * @param ask Asks the person for an action for a context.
   * @param options Timeout and name.
   */
  constructor(ask: HumanCallback, options: HumanBrainOptions = {}) {
    this.#ask = ask;
    this.#timeoutMs = options.timeoutMs ?? 120_000;
    this.name = options.name ?? "human";
  }

  /**
   * Waits for the person's action, validates it, and falls back on timeout or error.
   *
   * @param ctx The context.
   * @returns The decision (`failure` says why when the fallback was taken).
   */
  async decide(ctx: DecisionContext): Promise<Decision> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.#timeoutMs);
    });
    const base = { brain: this.kind, calls: 0, tokens: 0, cached: false } as const;
    const fail = (failure: string): Decision => ({
      ...base,
      action: fallbackAction(ctx),
      rationale: "",
      memory: null,
      failure,
    });
    try {
      const answer = await Promise.race([this.#ask(ctx, abort.signal), timeout]);
      if (answer === TIMED_OUT) {
        abort.abort();
        return fail(`human: no answer within ${this.#timeoutMs} ms`);
      }
      const checked = checkAction(ctx, answer);
      if (!checked.ok) return fail(`human: ${checked.error}`);
      return {
        ...base,
        action: checked.action,
        rationale: "",
        memory: { text: describeAction(ctx, checked.action), importance: 5 },
        failure: null,
      };
    } catch (e) {
      abort.abort();
      return fail(`human: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

interface Waiting {
  ctx: DecisionContext;
  resolve: (action: unknown) => void;
}

/**
 * A seat a person takes from a web page: the engine's decisions wait in a queue, the page
 * polls {@link HumanSeat.pending} and sends {@link HumanSeat.answer}. Invalid answers are
 * refused with the reason and the decision keeps waiting; unanswered ones time out to the
 * fallback and leave the queue.
 *
 * @example A person answers a pending decision
 * ```ts
 * import { HumanSeat } from "@lib/brain/human.ts";
 * import assert from "node:assert/strict";
 * const seat = new HumanSeat({ timeoutMs: 10_000 });
 * const ctx = { behaviour: "choose", agentId: "h", time: { label: "Monday" } } as never;
 * const decision = seat.brain.decide(ctx);
 * assert.equal(seat.pending(), ctx);
 * assert.equal(seat.answer({ type: "leave" }).ok, false);
 * assert.ok(seat.answer({ type: "choose", activity: "social" }).ok);
 * assert.deepEqual((await decision).action, { type: "choose", activity: "social" });
 * assert.equal(seat.pending(), null);
 * ```
 */
export class HumanSeat {
  /** The brain to give the agent the person plays. */
  readonly brain: HumanBrain;
  readonly #queue: Waiting[] = [];

  /** @param options Timeout and name of the seat's brain. */
  constructor(options: HumanBrainOptions = {}) {
    this.brain = new HumanBrain((ctx, signal) =>
      new Promise((resolve) => {
        const entry: Waiting = { ctx, resolve };
        this.#queue.push(entry);
        signal.addEventListener("abort", () => {
          const i = this.#queue.indexOf(entry);
          if (i >= 0) this.#queue.splice(i, 1);
        });
      }), { name: "human (seat)", ...options });
  }

  /** @returns The oldest context waiting for an answer, or null. */
  pending(): DecisionContext | null {
    return this.#queue[0]?.ctx ?? null;
  }

  /** @returns How many decisions are waiting. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Answers the oldest waiting decision.
   *
   * @param action The person's action (any JSON value; validated here).
   * @returns ok, or the reason it was refused (the decision then keeps waiting).
   */
  answer(action: unknown): { ok: true } | { ok: false; error: string } {
    const head = this.#queue[0];
    if (!head) return { ok: false, error: "no decision is waiting" };
    const checked = checkAction(head.ctx, action);
    if (!checked.ok) return checked;
    this.#queue.shift();
    head.resolve(checked.action);
    return { ok: true };
  }
}
