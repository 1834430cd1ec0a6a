/**
 * A news event inside a recommender run: the same agents that watch movies also read their
 * social feed, where the event spreads by the rule dynamics (lib/social/spread's population stepper over
 * the world's friend graph). Its seed, aware, share, emotion and attitude events go into the
 * engine's log in the round they happen, so one run holds both worlds.
 *
 * The two worlds meet through attention, each way a mechanism a reader can name:
 * - an agent who watched a movie this round, or sat one out busy, does not open its feed this
 *   round (it neither learns of the event nor passes it on);
 * - an agent who passes the event on spends its next `busyAfterShare` rounds on it and skips
 *   the recommender (logged as the engine's usual `busy` turn).
 *
 * Nothing of the event needs a checkpoint of its own: its draws are keyed by (seed, step,
 * agent) and the only outside input, who was away in each round, is in the run's log. When it
 * is attached to a resumed or forked run past its first round, it replays the rounds already in
 * the log, checks that it produces exactly the events logged there, and continues from there.
 *
 * @module
 */
import type { RuleSimOptions } from "../social/spread/rule_population.ts";
import { RulePopulation } from "../social/spread/rule_population.ts";
import type { S3LogEvent } from "../social/spread/types.ts";
import { simTime } from "./clock.ts";
import type { Engine } from "./engine.ts";
import type { EventDraft, SimEvent } from "./events.ts";
import { ConfigError } from "../core/errors.ts";

/** Options of {@link attachNewsEvent}. */
export interface NewsEventOptions extends Omit<RuleSimOptions, "steps" | "csr"> {
  /** The round in which the first accounts post it. */
  round: number;
  /** Rounds an agent who shares the event spends on it instead of the recommender (default 1). */
  busyAfterShare?: number;
  /** Let watching keep agents off their feed (default true; false cuts that channel). */
  attention?: boolean;
}

/** A news event attached to an engine. */
export interface NewsEvent {
  /** The population stepping the event's dynamics. */
  population: RulePopulation;
  /** Stops it (no more steps from the next round on). */
  detach: () => void;
}

/**
 * Attaches a news event to an engine: from `round` on, each round ends with one step of the
 * event's dynamics among the world's agents.
 *
 * @param engine The engine (its world's friend graph carries the event).
 * @param options The event, its round, the rule parameters and the attention coupling.
 * @returns The population and a detach function.
 *
 * @example Movies and news in one log
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { attachNewsEvent } from "@lib/sim/news_event.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 4, agents: { source: "csv", count: 12 } });
 * const poster = engine.world.ids[0];
 * attachNewsEvent(engine, { round: 1, seed: 1, event: { text: "Storm warning", posters: [poster] },
 *   params: { shareBase: 0.5 } });
 * await engine.run();
 * assert.equal(engine.log.ofType("seed").length, 1);
 * assert.ok(engine.log.ofType("decision").length > 0);
 * ```
 */
export function attachNewsEvent(engine: Engine, options: NewsEventOptions): NewsEvent {
  const w = engine.world;
  const population = new RulePopulation(w.graph, {
    ...options,
    event: { ...options.event, time: 0 },
    steps: Number.MAX_SAFE_INTEGER,
  });
  const busyAfter = options.busyAfterShare ?? 1;
  const attention = options.attention ?? true;
  const index = new Map(population.ids.map((id, k) => [id, k]));
  const awayIn = (events: readonly SimEvent[]) => {
    const absent = new Uint8Array(population.ids.length);
    if (!attention) return absent;
    for (const e of events) {
      const away = (e.type === "decision" && e.action.type === "watch") || e.type === "busy";
      if (away) absent[index.get(e.agent) ?? -1] = 1;
    }
    return absent;
  };
  replay(engine, population, options.round, awayIn);
  const detach = engine.addRoundHook((eng, round) => {
    if (round < options.round) return Promise.resolve();
    const sc = eng.world.scenario;
    const t = simTime(sc.start, sc.roundHours, round).iso;
    let events: readonly S3LogEvent[];
    if (round === options.round) {
      eng.intervene({
        kind: "news_event",
        agent: null,
        detail: { text: population.event.text, posters: [...population.event.posters] },
      });
      events = population.seedStep.events;
    } else {
      const log = eng.log.events;
      let from = log.length;
      while (from > 0 && log[from - 1].round === round) from--;
      events = population.step(awayIn(log.slice(from))).events;
    }
    const drafts: EventDraft[] = events.map((e) => {
      const { t: _step, ...rest } = e;
      return { ...rest, round, t } as EventDraft;
    });
    eng.log.append(...drafts);
    for (const e of events) {
      if (e.type !== "share") continue;
      const state = eng.world.agent(e.agent).state;
      state.busyRounds = Math.max(state.busyRounds, busyAfter);
    }
    return Promise.resolve();
  });
  return { population, detach };
}

const SOCIAL = new Set(["seed", "aware", "share", "emotion", "attitude"]);

/**
 * Steps a freshly built population through the rounds an engine has already run, checking each
 * against the events logged then.
 */
function replay(
  engine: Engine,
  population: RulePopulation,
  first: number,
  awayIn: (events: readonly SimEvent[]) => Uint8Array,
): void {
  const done = engine.world.round;
  if (done <= first) return;
  const byRound = new Map<number, SimEvent[]>();
  for (const e of engine.log.events) {
    const list = byRound.get(e.round);
    if (list) list.push(e);
    else byRound.set(e.round, [e]);
  }
  const strip = (e: object) => {
    const { seq: _s, round: _r, t: _t, ...rest } = e as Record<string, unknown>;
    return JSON.stringify(rest);
  };
  for (let round = first; round < done; round++) {
    const logged = (byRound.get(round) ?? []).filter((e) => SOCIAL.has(e.type)).map(strip);
    const made = round === first
      ? population.seedStep.events
      : population.step(awayIn(byRound.get(round) ?? [])).events;
    const mine = made.map((e) => {
      const { t: _t, ...rest } = e;
      return JSON.stringify(rest);
    });
    if (mine.length !== logged.length || mine.some((x, k) => x !== logged[k])) {
      throw new ConfigError(
        "news event",
        `round ${round}`,
        "expected the settings of the news event already in this run's log, found different ones",
      );
    }
  }
}
