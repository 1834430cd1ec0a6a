/**
 * The engine: runs rounds. Active agents (Pareto activity) take their turns concurrently
 * through their brains; their events and effects are then applied in the order of the agent
 * list, so a run never depends on which call returns first. At the end of a round messages
 * are delivered, the recommender retrains every k rounds, collectors report, and the round is
 * committed to the run store with a checkpoint.
 *
 * @module
 */
import { activeAgents } from "./activity.ts";
import { simTime } from "./clock.ts";
import { DataCollector } from "./collector.ts";
import { EventLog } from "./event_log.ts";
import { applyIntervention, type InterventionRecord } from "./interventions.ts";
import type { RunStore } from "./run_store.ts";
import type { EngineOptions, Progress, RoundHook, RoundSummary } from "./engine_options.ts";
import { captureWorld, type WorldState } from "./state.ts";
import type { TurnOutput } from "./turn.ts";
import { roundTurns } from "./round_turns.ts";
import { applyTurns, deliverMessages } from "./round_effects.ts";
import { defaultModelReporters } from "./reporters.ts";
import { budgetStop } from "./budget_cap.ts";
import type { World } from "./world.ts";
import type { Brain, Decision } from "../brain/brain.ts";
import type { SimTime } from "../brain/context.ts";
import type { EventDraft, InterviewEvent } from "./events.ts";
import type { Explanation } from "../brain/explain.ts";
import type { Profile } from "../profile/schema.ts";
import type { SimAgent } from "./agent.ts";
import { type InterventionInput, interventionSchema } from "./scenario.ts";
import { ConfigError, formatPath } from "../core/errors.ts";

// What a turn whose events are in the log holds instead: one array for every turn, frozen so
// that nothing can add to it.
const NO_EVENTS = Object.freeze([]) as unknown as EventDraft[];

/** Active agents from which {@link Engine.pagesAhead} "auto" computes MF pages ahead. */
export const PAGES_AHEAD_MIN_AGENTS = 5_000;

export type { EngineOptions, Progress, RoundHook, RoundSummary };

/** Drives a world round by round. */
export class Engine {
  /** The world. */
  readonly world: World;
  /** Every event of the run. */
  log: EventLog;
  /** Model- and agent-level reporters. */
  readonly collector: DataCollector<World>;
  readonly #options: EngineOptions;
  readonly #initial: number;
  readonly #brainOverrides = new Map<string, string>();
  readonly #hooks: RoundHook[] = [];
  #totals = { calls: 0, tokens: 0, failures: 0 };
  #lastRound = { calls: 0, tokens: 0 };
  /** Why the last run() stopped before the scenario's end (a budget cap), or null. */
  stoppedBy: string | null = null;
  #started = 0;
  /** Where the current round's events begin in the log. */
  #roundStart = 0;
  /**
   * Whether turns that never wait (rule brain, no memories) run without promises. Off, every
   * turn goes through the concurrency pool: the reference the direct path is tested against.
   */
  syncTurns = true;
  /**
   * Whether MF pages are computed ahead on a worker thread while the turns run (same pages,
   * see lib/recsys/pages_ahead.ts): "auto" does so from {@link PAGES_AHEAD_MIN_AGENTS} active
   * agents on a machine with more than one core, where it pays for the thread's start.
   */
  pagesAhead: boolean | "auto" = "auto";

  /**
   * @param world The world to run.
   * @param options Drift, run store and progress callback.
   */
  constructor(world: World, options: EngineOptions) {
    this.world = world;
    this.log = new EventLog();
    this.collector = new DataCollector<World>({
      model: defaultModelReporters(() => ({ log: this.log, from: this.#roundStart })),
    });
    this.#options = options;
    this.#initial = options.initialInteractions ?? world.interactions.length;
  }

  /** The run store, if the run is saved. */
  get store(): RunStore | undefined {
    return this.#options.store;
  }

  /** Calls, tokens and failures so far. */
  get totals(): { calls: number; tokens: number; failures: number } {
    return { ...this.#totals };
  }

  /**
   * Runs a hook at the end of every round from now on (after deliveries, before retraining).
   *
   * @param hook The hook.
   * @returns A function that removes it.
   */
  addRoundHook(hook: RoundHook): () => void {
    this.#hooks.push(hook);
    return () => {
      const i = this.#hooks.indexOf(hook);
      if (i >= 0) this.#hooks.splice(i, 1);
    };
  }

  /**
   * Adds calls, tokens and failures spent outside agents' turns (e.g. by a round hook).
   *
   * @param spent What was spent.
   */
  account(spent: { calls: number; tokens: number; failures: number }): void {
    this.#totals.calls += spent.calls;
    this.#totals.tokens += spent.tokens;
    this.#totals.failures += spent.failures;
  }

  /**
   * Records an interview (a question put to an agent's brain from outside the agents' turns)
   * in the log at the current round and simulated time, and adds its calls and tokens (and a
   * failure, if any) to {@link Engine.totals}.
   *
   * @param agentId The agent asked.
   * @param question The question as put to the brain.
   * @param decision The brain's decision for the interview (its action is an answer).
   * @returns The logged event.
   *
   * @example An interview is logged and counted
   * ```ts
   * import { createSimulation } from "@lib/sim/simulation.ts";
   * import assert from "node:assert/strict";
   * const engine = await createSimulation({ rounds: 1, agents: { source: "csv", count: 4 } });
   * const e = engine.recordInterview(engine.world.ids[0], "Why?", {
   *   action: { type: "answer", text: "Because." }, brain: "llm", rationale: "", memory: null,
   *   calls: 1, tokens: 42, failure: null, cached: false,
   * });
   * assert.equal(e.answer, "Because.");
   * assert.equal(engine.log.ofType("interview").length, 1);
   * assert.deepEqual(engine.totals, { calls: 1, tokens: 42, failures: 0 });
   * ```
   */
  recordInterview(agentId: string, question: string, decision: Decision): InterviewEvent {
    this.world.agent(agentId);
    const round = this.world.round;
    const t = simTime(this.world.scenario.start, this.world.scenario.roundHours, round).iso;
    const [event] = this.log.append({
      type: "interview",
      round,
      t,
      agent: agentId,
      question,
      answer: decision.action.type === "answer" ? decision.action.text : "",
      brain: decision.brain,
      calls: decision.calls,
      tokens: decision.tokens,
      failure: decision.failure,
    });
    this.account({
      calls: decision.calls,
      tokens: decision.tokens,
      failures: decision.failure ? 1 : 0,
    });
    return event as InterviewEvent;
  }

  /**
   * Swaps an agent's brain from the next decision on (logged as an intervention).
   *
   * @param agentId The agent.
   * @param brain The new brain.
   */
  setBrain(agentId: string, brain: Brain): void {
    this.world.agent(agentId);
    this.world.brains.set(agentId, brain);
    this.#brainOverrides.set(agentId, brain.name);
    this.intervene({ kind: "set_brain", agent: agentId, detail: { brain: brain.name } });
  }

  /**
   * Adds an agent from the next round on (logged as an intervention).
   *
   * @param profile Its profile (a new id).
   * @param brain Its brain (a HumanSeat's brain for a person).
   * @param friends Agents it befriends.
   * @returns The new agent.
   */
  addAgent(profile: Profile, brain: Brain, friends: readonly string[] = []): SimAgent {
    const agent = this.world.addAgent(profile, brain);
    for (const f of friends) {
      this.world.agent(f);
      this.world.graph.addEdge(agent.id, f);
    }
    if (brain !== this.world.brainOf(this.world.ids[0])) {
      this.#brainOverrides.set(agent.id, brain.name);
    }
    this.intervene({
      kind: "add_agent",
      agent: agent.id,
      detail: { brain: brain.name, friends: [...friends] },
    });
    return agent;
  }

  /**
   * Applies an intervention now (between rounds) and logs it.
   *
   * @param intervention A scenario intervention without its round (validated here).
   */
  async apply(intervention: InterventionInput): Promise<void> {
    const round = this.world.round;
    const parsed = interventionSchema.safeParse({ ...intervention, round });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError("intervention", formatPath(issue.path) || "(root)", issue.message);
    }
    for (const d of await applyIntervention(this.world, parsed.data)) this.#record(d);
  }

  /**
   * Restores the log, collector rows and swapped brains of a saved or forked run.
   *
   * @param log The events so far.
   * @param state The checkpointed world state.
   * @param brains Brains for agents whose brain was swapped.
   */
  restoreHistory(log: EventLog, state: WorldState, brains: Map<string, Brain>): void {
    this.log = log;
    // Everything that spent LLM calls counts towards the totals (and so towards budget caps).
    this.account(log.spent());
    this.collector.restore(state.collector.model, state.collector.agent);
    for (const [id, brain] of brains) {
      this.world.brains.set(id, brain);
      this.#brainOverrides.set(id, brain.name);
    }
  }

  /**
   * The full story of an agent's last decision: prompt messages (LLM brains), memories used,
   * raw reply or utility scores, and the action.
   *
   * @param agentId The agent.
   * @returns The explanation, or null when the brain keeps none.
   */
  explain(agentId: string): Explanation | null {
    return this.world.brainOf(agentId).explainLast?.(agentId) ?? null;
  }

  /** Logs a change made from outside. */
  intervene(detail: { kind: string; agent: string | null; detail: Record<string, unknown> }): void {
    const round = this.world.round;
    const t = simTime(this.world.scenario.start, this.world.scenario.roundHours, round).iso;
    this.log.append({ type: "intervention", round, t, ...detail });
  }

  /** Logs an intervention and the events it caused. */
  #record({ events, ...record }: InterventionRecord): void {
    this.intervene(record);
    if (events?.length) this.log.append(...events);
  }

  /**
   * Runs one round.
   *
   * @returns The round's summary.
   */
  async step(): Promise<RoundSummary> {
    const w = this.world;
    const sc = w.scenario;
    const round = w.round;
    if (!this.#started) this.#started = performance.now();
    const time = simTime(sc.start, sc.roundHours, round);
    const t = time.iso;
    for (const iv of sc.interventions.filter((i) => i.round === round)) {
      for (const d of await applyIntervention(w, iv)) this.#record(d);
    }
    // Read from the agents: a map of a million activities would outlive the round's start.
    const active = activeAgents(
      w.ids,
      { get: (id) => w.agents.get(id)?.activity },
      sc.activity.rate,
      w.rng.fork(`round:${round}/active`),
    );
    this.#roundStart = this.log.length;
    this.log.append({ type: "round_start", round, t, active });

    // The fit's workers load while the turns run; a round that ends early stops them.
    const retrains = (round + 1) % sc.recommender.retrainEvery === 0;
    const unwarm = retrains ? w.warmRetrain(active.length) : () => {};
    let summary: RoundSummary;
    try {
      summary = await this.#play(round, time, active, retrains);
    } finally {
      unwarm();
    }
    this.log.append({
      type: "round_end",
      round,
      t,
      decisions: summary.decisions,
      calls: summary.calls,
      tokens: summary.tokens,
      failures: summary.failures,
    });
    // The agents in the order of `ids` (both grow together), without a lookup by id each.
    for (const agent of w.agents.values()) agent.memory.endRound(sc.roundHours * round);
    const row = this.collector.collect(w, round, w.ids);
    w.round = round + 1;
    if (this.store) {
      await this.store.commitRound(
        round,
        this.log.drainLines(),
        [row],
        this.log.length,
        // Written before the world changes again, so the world's own objects serve as the copy.
        this.#captured(false),
      );
    } else {
      this.log.discardPending();
    }
    return summary;
  }

  /** A round's turns, their effects, the hooks and the retrain, after the round started. */
  async #play(
    round: number,
    time: SimTime,
    active: string[],
    retrains: boolean,
  ): Promise<RoundSummary> {
    const w = this.world;
    const t = time.iso;
    const ahead = this.#pagesAheadWanted(active.length) && w.startPagesAhead(active, true);
    let turns: TurnOutput[];
    this.log.beginTurns();
    try {
      turns = await roundTurns(this.world, active, time, {
        direct: this.syncTurns,
        drift: this.#options.drift,
        onTurn: (done, turn, index) => {
          // The turn's events go to the log as it finishes (in the order of `active`), so its
          // drafts die young instead of living until the round ends.
          if (this.log.takeTurn(index, turn.events)) turn.events = NO_EVENTS;
          this.#report(round, done, active.length, turn);
        },
      });
      this.log.endTurns(active.length);
    } catch (e) {
      this.log.endTurns(null);
      throw e;
    } finally {
      if (ahead) w.endPagesAhead();
    }

    const totals = applyTurns(w, active, turns, this.log);
    await deliverMessages(w, turns, this.log, t, totals);
    const summary: RoundSummary = { round, active: active.length, ...totals };
    for (const hook of [...this.#hooks]) await hook(this, round);
    if (retrains) {
      await w.retrain();
      this.log.append({
        type: "fit",
        round,
        t,
        algorithm: w.recommender.name,
        interactions: w.interactions.length,
      });
    }
    return summary;
  }

  #pagesAheadWanted(active: number): boolean {
    if (this.pagesAhead !== "auto") return this.pagesAhead;
    return active >= PAGES_AHEAD_MIN_AGENTS && (navigator.hardwareConcurrency ?? 1) > 1;
  }

  /**
   * Runs rounds until the scenario's last round (or `rounds` more).
   *
   * @param rounds How many rounds (default: to the scenario's end).
   * @returns The summaries.
   */
  async run(rounds?: number): Promise<RoundSummary[]> {
    const end = rounds === undefined ? this.world.scenario.rounds : this.world.round + rounds;
    const out: RoundSummary[] = [];
    this.stoppedBy = null;
    while (this.world.round < end) {
      this.stoppedBy = this.#overBudget();
      if (this.stoppedBy) {
        await this.store?.updateManifest({ stopped: this.stoppedBy });
        break;
      }
      const s = await this.step();
      this.#lastRound = { calls: s.calls, tokens: s.tokens };
      out.push(s);
    }
    if (this.store && this.world.round >= this.world.scenario.rounds) {
      await this.store.updateManifest({ finished: new Date().toISOString() });
    }
    return out;
  }

  /**
   * Whether the next round, expected to cost what the last one did, would pass a cap.
   *
   * @returns The reason to stop, or null.
   */
  #overBudget(): string | null {
    return budgetStop(
      this.#options.budget ?? this.world.scenario.budget,
      this.#totals,
      this.#lastRound,
    );
  }

  /** @returns The world's state as JSON (checkpoints, forks). */
  state(): WorldState {
    return this.#captured(true);
  }

  #captured(copy: boolean): WorldState {
    return captureWorld(
      this.world,
      this.#initial,
      {
        model: this.collector.modelRows,
        agent: this.collector.agentRows,
      },
      this.#brainOverrides,
      copy,
    );
  }

  #report(round: number, done: number, active: number, turn: TurnOutput): void {
    this.#totals.calls += turn.calls;
    this.#totals.tokens += turn.tokens;
    this.#totals.failures += turn.failures;
    if (!this.#options.onProgress) return;
    const sc = this.world.scenario;
    const elapsedMs = performance.now() - this.#started;
    const fraction = (round + done / Math.max(1, active)) / sc.rounds;
    this.#options.onProgress({
      round,
      rounds: sc.rounds,
      agentsDone: done,
      agentsActive: active,
      ...this.#totals,
      elapsedMs,
      etaMs: fraction > 0 ? elapsedMs * (1 - fraction) / fraction : null,
    });
  }
}
