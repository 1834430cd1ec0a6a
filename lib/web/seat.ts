/**
 * A person's seat in a running world: a {@link HumanSeat} whose brain the engine asks, plus
 * what the page needs around it (when the waiting decision times out, a signal when one
 * arrives, and leaving cleanly). A person's moves become engine actions here; a chat message
 * gets its reply from the friend's own brain, asked through an interview whose prompt wraps
 * the person's words as data.
 *
 * @module
 */
import type { Action } from "../brain/action.ts";
import { type Brain, type Decision, fallbackAction } from "../brain/brain.ts";
import type { DecisionContext, InterviewContext } from "../brain/context.ts";
import { HumanSeat } from "../brain/human.ts";
import { interview, type InterviewAnswer } from "../brain/interview.ts";
import { bracketedNames } from "../brain/llm/map_reply.ts";
import { SociusError } from "../core/errors.ts";
import type { Engine } from "../sim/engine.ts";
import { simTime } from "../sim/clock.ts";
import type { Move } from "./schemas.ts";
import { type SeatView, seatView } from "./seat_view.ts";

/** A request the dashboard cannot serve in its current state (HTTP 409). */
export class ConflictError extends SociusError {
  /** @param detail What is in the way. */
  constructor(detail: string) {
    super("dashboard", detail);
    this.name = "ConflictError";
  }
}

/** The seat a person holds for one agent. */
export class SeatHandle {
  /** The agent played. */
  readonly agentId: string;
  /** The seat the engine's decisions wait in. */
  readonly seat: HumanSeat;
  /** The brain given to the agent. */
  readonly brain: Brain;
  /** The brain to give back on leaving. */
  readonly previous: Brain;
  /** The activity level to give back on leaving. */
  readonly previousActivity: number;
  readonly #timeoutMs: number;
  readonly #asked = new Map<DecisionContext, number>();
  #closed = false;

  /**
   * @param agentId The agent played.
   * @param options Timeout per decision, the brain replaced, and a callback for new or
   *   finished decisions.
   */
  constructor(agentId: string, options: {
    timeoutMs: number;
    previous: Brain;
    previousActivity: number;
    onChange: () => void;
  }) {
    this.agentId = agentId;
    this.#timeoutMs = options.timeoutMs;
    this.previous = options.previous;
    this.previousActivity = options.previousActivity;
    this.seat = new HumanSeat({ timeoutMs: options.timeoutMs, name: "human (web seat)" });
    const inner = this.seat.brain;
    this.brain = {
      kind: "human",
      name: inner.name,
      decide: (ctx: DecisionContext): Promise<Decision> => {
        if (this.#closed) return Promise.resolve(left(ctx));
        this.#asked.set(ctx, performance.now());
        const decision = inner.decide(ctx);
        options.onChange();
        return decision.finally(() => {
          this.#asked.delete(ctx);
          options.onChange();
        });
      },
    };
  }

  /** @returns Whether the person left. */
  get closed(): boolean {
    return this.#closed;
  }

  /** @returns The waiting decision as plain JSON, or null. */
  pending(): SeatView | null {
    const ctx = this.seat.pending();
    if (!ctx) return null;
    const since = this.#asked.get(ctx) ?? performance.now();
    return seatView(ctx, this.#timeoutMs - (performance.now() - since));
  }

  /**
   * Answers the waiting decision with a person's move.
   *
   * @param engine The run (for the friend's reply and item titles).
   * @param move The validated move.
   * @returns The action the engine will apply.
   * @throws ConflictError when nothing waits or the move does not fit.
   */
  async answer(engine: Engine, move: Move): Promise<Action> {
    const ctx = this.seat.pending();
    if (!ctx) throw new ConflictError(`no decision of ${this.agentId} is waiting`);
    const action = await toAction(engine, ctx, move);
    // The chat reply took time: answer only if the same decision is still waiting.
    if (this.seat.pending() !== ctx) {
      throw new ConflictError("the decision timed out before the answer arrived");
    }
    const r = this.seat.answer(action);
    if (!r.ok) throw new ConflictError(r.error);
    return action;
  }

  /** Stops asking the person: waiting and later decisions take the safe fallback. */
  close(): void {
    this.#closed = true;
    for (let ctx = this.seat.pending(); ctx; ctx = this.seat.pending()) {
      this.seat.answer(fallbackAction(ctx));
    }
  }
}

function left(ctx: DecisionContext): Decision {
  return {
    action: fallbackAction(ctx),
    brain: "human",
    rationale: "",
    memory: null,
    calls: 0,
    tokens: 0,
    failure: "human: left the seat",
    cached: false,
  };
}

function itemsNamed(engine: Engine, text: string): string[] {
  const ids = bracketedNames(text).map((t) => engine.world.catalog.findByTitle(t)[0]?.id)
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

async function toAction(engine: Engine, ctx: DecisionContext, move: Move): Promise<Action> {
  switch (move.type) {
    case "feel":
      if (ctx.behaviour !== "feel") break;
      return { type: "feel", itemId: ctx.item.item.id, rating: move.rating, feeling: move.feeling };
    case "chat": {
      if (ctx.behaviour !== "social") break;
      const friend = ctx.friends.find((f) => f.id === move.friendId);
      if (!friend) throw new ConflictError(`${move.friendId} is not a friend of ${ctx.agentId}`);
      const reply = await friendReply(engine, ctx.agentId, friend.id, move.text);
      return {
        type: "chat",
        friendId: friend.id,
        dialogue: [{ speaker: "me", text: move.text }, { speaker: "friend", text: reply }],
        itemIds: itemsNamed(engine, `${move.text} ${reply}`),
      };
    }
    case "post":
      return { type: "post", text: move.text, itemIds: itemsNamed(engine, move.text) };
    default:
      return move;
  }
  throw new ConflictError(`action "${move.type}" does not answer ${ctx.behaviour}`);
}

// Interviews asked per run, so call sites and random streams repeat when a run is redone the
// same way; a resumed or forked run goes on from the interviews in its log.
const interviews = new WeakMap<Engine, number>();

function nextInterview(engine: Engine): number {
  const n = interviews.get(engine) ?? engine.log.ofType("interview").length;
  interviews.set(engine, n + 1);
  return n;
}

/**
 * Builds an interview context for an agent (what its brain sees when asked a question).
 *
 * @param engine The run.
 * @param agentId The agent asked.
 * @param question The question; the brain's prompt wraps it as data.
 * @returns The context.
 */
export async function interviewContext(
  engine: Engine,
  agentId: string,
  question: string,
): Promise<InterviewContext> {
  const w = engine.world;
  const sc = w.scenario;
  const agent = w.agent(agentId);
  const n = nextInterview(engine);
  const hours = sc.roundHours * w.round;
  return {
    behaviour: "interview",
    agentId,
    profile: agent.profile,
    state: agent.state,
    time: simTime(sc.start, sc.roundHours, w.round),
    memories: await agent.memory.retrieve(question, hours, sc.session.memoryTopK),
    rng: w.rng.fork(`dashboard/interview:${w.round}:${agentId}:${n}`),
    callSite: `${w.round}:${agentId}:interview:dashboard-${n}`,
    question,
    recent: agent.state.watched.slice(-5).reverse().map((id) => ({
      item: w.catalog.get(id)!,
      rating: agent.state.ratings[id] ?? null,
    })),
  };
}

/**
 * Asks an agent's brain a question and records it in the run's log as an interview event
 * whose calls and tokens count in the engine's totals.
 *
 * @param engine The run.
 * @param agentId The agent asked (not played by a person).
 * @param question The question; the brain's prompt wraps it as data.
 * @returns The answer and the decision behind it.
 */
export async function askAgent(
  engine: Engine,
  agentId: string,
  question: string,
): Promise<InterviewAnswer> {
  const brain = engine.world.brainOf(agentId);
  const asked = await interview(brain, await interviewContext(engine, agentId, question));
  engine.recordInterview(agentId, question, asked.decision);
  return asked;
}

/**
 * A friend's reply to a person's chat message, written by the friend's own brain and
 * recorded as the friend's interview.
 *
 * @param engine The run.
 * @param fromId The person's agent.
 * @param friendId The friend.
 * @param text What the person wrote (data in the friend's prompt, never instructions).
 * @returns The reply text.
 */
export async function friendReply(
  engine: Engine,
  fromId: string,
  friendId: string,
  text: string,
): Promise<string> {
  const brain = engine.world.brainOf(friendId);
  if (brain.kind === "human") return "(a person plays this friend and will read it later)";
  const from = engine.world.agent(fromId).profile.name;
  const { answer } = await askAgent(
    engine,
    friendId,
    `Your friend ${from} writes to you in a private chat: ${text}\nReply to them.`,
  );
  return answer || "(no reply)";
}
