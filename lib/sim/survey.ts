/**
 * Per-round surveys: at the end of every round (after messages are delivered) agents answer a
 * 1–10 question — a movie's score, or their satisfaction with the recommendations they were
 * shown that round — and each answer is a `survey` event in the log. What an agent heard is
 * read back from the log (deliveries and the chats and posts behind them), so the same rows
 * come out of a live run and a saved one.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { SurveyContext, Surveyor } from "../brain/survey/survey.ts";
import type { HeardOpinion } from "../brain/survey/survey.ts";
import { statedScore } from "../brain/survey/survey.ts";
import { mapLimit } from "../core/concurrency.ts";
import type { RatingRow } from "../metrics/rows.ts";
import { simTime } from "./clock.ts";
import type { Engine } from "./engine.ts";
import type { DecisionEvent, SimEvent, SurveyEvent } from "./events.ts";

/** What to ask. */
export type SurveySpec =
  | { kind: "score"; itemId: string }
  | { kind: "satisfaction" };

/** Options of {@link attachSurvey}. */
export interface SurveyOptions {
  /** Who answers the questions. */
  surveyor: Surveyor;
  /** The question. */
  question: SurveySpec;
  /**
   * Who is asked (default: every agent for a score; for satisfaction, every agent who was
   * shown recommendations that round).
   */
  agents?: readonly string[];
}

/**
 * Opinions each agent heard about an item up to a round: every chat or post delivered to it
 * that names the item, with the sender's own words and the score they state; the latest per
 * sender.
 *
 * @param events The event log.
 * @param itemId The item.
 * @param upToRound Last round to include (default: all).
 * @returns Heard opinions by recipient, in the order senders were last heard.
 *
 * @example A friend's post states a score
 * ```ts
 * import { heardOpinions } from "@lib/sim/survey.ts";
 * import assert from "node:assert/strict";
 * const events = [
 *   { seq: 0, round: 0, t: "", type: "decision", agent: "a", behaviour: "social", brain: "rule",
 *     action: { type: "post", text: "Gave <M> 4/5", itemIds: ["m"] }, rationale: "", calls: 0,
 *     tokens: 0, failure: null },
 *   { seq: 1, round: 0, t: "", type: "deliver", from: "a", to: "b", kind: "post", items: ["m"] },
 * ] as const;
 * const heard = heardOpinions(events as never, "m");
 * assert.equal(heard.get("b")![0].score, 8);
 * ```
 */
export function heardOpinions(
  events: readonly SimEvent[],
  itemId: string,
  upToRound = Infinity,
): Map<string, HeardOpinion[]> {
  const said = new Map<string, string>();
  const out = new Map<string, Map<string, HeardOpinion>>();
  for (const e of events) {
    if (e.round > upToRound) break;
    if (e.type === "decision") {
      const text = ownWords(e, itemId);
      if (text !== null) said.set(`${e.round}\u0000${e.agent}`, text);
    } else if (e.type === "deliver" && e.items.includes(itemId)) {
      const text = said.get(`${e.round}\u0000${e.from}`);
      if (text === undefined) continue;
      let heard = out.get(e.to);
      if (!heard) out.set(e.to, heard = new Map());
      heard.delete(e.from);
      heard.set(e.from, {
        fromId: e.from,
        fromName: e.from,
        text,
        score: statedScore(text),
        round: e.round,
      });
    }
  }
  return new Map([...out].map(([to, m]) => [to, [...m.values()]]));
}

function ownWords(e: DecisionEvent, itemId: string): string | null {
  const a = e.action;
  if (a.type === "post" && a.itemIds.includes(itemId)) return a.text;
  if (a.type === "chat" && a.itemIds.includes(itemId)) {
    return a.dialogue.filter((l) => l.speaker === e.agent).map((l) => l.text).join(" ");
  }
  return null;
}

/**
 * Asks a survey question at the end of every round from now on; each answer is logged as a
 * `survey` event and a score is also kept as the agent's latest opinion
 * (`state.opinions[item]`), which the agent may then repeat to friends.
 *
 * @param engine The run.
 * @param options Surveyor, question and who is asked.
 * @returns A function that stops the survey.
 *
 * @example Every agent scores a movie after each round
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { attachSurvey, surveyRows } from "@lib/sim/survey.ts";
 * import { RuleSurveyor } from "@lib/brain/survey/rule_survey.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 2, agents: { source: "csv", count: 6 } });
 * const itemId = engine.world.catalog.items[0].id;
 * attachSurvey(engine, { surveyor: new RuleSurveyor(), question: { kind: "score", itemId } });
 * await engine.run();
 * assert.equal(surveyRows(engine.log.events, "score").length, 12);
 * ```
 */
export function attachSurvey(engine: Engine, options: SurveyOptions): () => void {
  return engine.addRoundHook(async (eng, round) => {
    const w = eng.world;
    const sc = w.scenario;
    const time = simTime(sc.start, sc.roundHours, round);
    const q = options.question;
    const events = eng.log.events;
    const contexts: SurveyContext[] = [];
    if (q.kind === "score") {
      const item = w.catalog.get(q.itemId);
      if (!item) {
        throw new ConfigError("survey", "question.itemId", `unknown item id "${q.itemId}"`);
      }
      const heard = heardOpinions(events, q.itemId, round);
      for (const id of options.agents ?? w.ids) {
        const opinions = (heard.get(id) ?? []).map((h) => ({
          ...h,
          fromName: w.agents.get(h.fromId)?.profile.name ?? h.fromName,
          closeness: w.graph.getEdge(h.fromId, id)?.closeness,
        }));
        contexts.push(base(id, opinions, { kind: "score", item }));
      }
    } else {
      const shown = new Map<string, string[]>();
      const watched = new Map<string, string[]>();
      for (const e of events) {
        if (e.round !== round) continue;
        if (e.type === "page" && e.query === null) {
          shown.set(e.agent, [...(shown.get(e.agent) ?? []), ...e.items]);
        } else if (e.type === "decision" && e.action.type === "watch") {
          watched.set(e.agent, [...(watched.get(e.agent) ?? []), e.action.itemId]);
        }
      }
      const asked = options.agents ?? w.ids;
      for (const id of asked) {
        const items = shown.get(id);
        if (!items?.length) continue;
        contexts.push(base(id, [], {
          kind: "satisfaction",
          shown: items.map((it) => w.seen(id, it)),
          watched: watched.get(id) ?? [],
        }));
      }
    }
    const answers = await mapLimit(contexts, sc.concurrency, (ctx) => options.surveyor.answer(ctx));
    let calls = 0, tokens = 0, failures = 0;
    contexts.forEach((ctx, i) => {
      const a = answers[i];
      calls += a.calls;
      tokens += a.tokens;
      if (a.failure) failures++;
      const itemId = ctx.question.kind === "score" ? ctx.question.item.id : null;
      if (itemId !== null) {
        const agent = w.agent(ctx.agentId);
        agent.state.opinions = { ...agent.state.opinions, [itemId]: a.score };
      }
      eng.log.append({
        type: "survey",
        round,
        t: time.iso,
        agent: ctx.agentId,
        question: ctx.question.kind,
        item: itemId,
        score: a.score,
        reason: a.reason,
        brain: a.brain,
        calls: a.calls,
        tokens: a.tokens,
        failure: a.failure,
      });
    });
    eng.account({ calls, tokens, failures });

    function base(
      agentId: string,
      heard: HeardOpinion[],
      question: SurveyContext["question"],
    ): SurveyContext {
      const agent = w.agent(agentId);
      return {
        agentId,
        profile: agent.profile,
        state: agent.state,
        time,
        memories: [],
        heard,
        question,
        rng: w.rng.fork(`survey:${round}/${question.kind}/${agentId}`),
        callSite: `${round}:${agentId}:survey:${question.kind}`,
      };
    }
  });
}

/**
 * Survey answers as rating rows (round, agent, item, score), the shape lib/metrics reads
 * (attitudeChange, scoreSpread). Satisfaction rows carry the item id "recommendations".
 *
 * @param events The event log.
 * @param question Which question's answers.
 * @returns Rows in log order.
 */
export function surveyRows(
  events: readonly SimEvent[],
  question: "score" | "satisfaction",
): RatingRow[] {
  return events.filter((e): e is SurveyEvent => e.type === "survey" && e.question === question)
    .map((e) => ({
      round: e.round,
      agentId: e.agent,
      itemId: e.item ?? "recommendations",
      score: e.score,
    }));
}
