/**
 * The S3 round engine for object-based agents (the LLM path; the rule brain works here too).
 * Each step: every agent's feed is built from the accounts it reads and ranked; agents with a
 * non-empty feed decide concurrently (mapLimit, each with an rng forked for agent and step);
 * decisions are applied in agent order, so the log never depends on which call finished first.
 * Shares made at step t reach feeds at t + 1.
 *
 * @module
 */
import { mapLimit } from "@lib/core/concurrency.ts";
import { ConfigError, formatPath } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import { cosine, type Embedder } from "@lib/llm/embedder.ts";
import { HashedEmbedder } from "@lib/llm/hashed_embedder.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import type {
  AgentProfile,
  FeedItem,
  S3Brain,
  S3Context,
  S3Decision,
} from "@lib/brain/social/context.ts";
import { emotionStep } from "@lib/social/spread/dynamics.ts";
import { rankFeed } from "@lib/social/feed_rank.ts";
import { type Message, MessagePool } from "@lib/memory/message_pool.ts";
import { ruleParams, type RuleParamsInput } from "@lib/social/spread/params.ts";
import { ruleText } from "@lib/social/spread/texts.ts";
import {
  attitudeOf,
  EMOTION_LEVELS,
  emptyStepStats,
  type S3LogEvent,
  type SeedEventInput,
  SeedEventSchema,
  type StepStats,
} from "@lib/social/spread/types.ts";

/** Options of {@link simulateAgents}. */
export interface AgentSimOptions {
  graph: SocialGraph;
  brain: S3Brain;
  event: SeedEventInput;
  /** Steps to run after step 0. */
  steps: number;
  seed: number | string;
  /** Rule parameters (feed size, ranker, initial states, and the rule brain's dynamics). */
  params?: RuleParamsInput;
  /** Profiles by agent; agents without one get a generic profile. */
  profiles?: readonly AgentProfile[];
  /** Embedder for profile–message relevance (default: offline HashedEmbedder). */
  embedder?: Embedder;
  /** Source authenticity by agent id in [0, 1] (default 1). */
  authenticity?: ReadonlyMap<string, number>;
  /** Decisions in flight at once (default 8). */
  concurrency?: number;
  /** Memories kept per agent (default 20) and shown to the brain (default 3). */
  memoryCapacity?: number;
  memoriesShown?: number;
}

/** The outcome of an object-based run. */
export interface AgentRun {
  events: S3LogEvent[];
  stats: StepStats[];
  /** Decisions asked of the brain, and how many failed. */
  decisions: number;
  failures: number;
}

interface AgentState {
  profile: AgentProfile;
  emotion: number;
  stance: number;
  aware: boolean;
  shared: boolean;
  pool: MessagePool;
  vec?: Float32Array;
}

/**
 * Runs S3 agents over a graph.
 *
 * @param options Graph, brain, event, steps, seed and the rest.
 * @returns The log and step counts.
 */
export async function simulateAgents(options: AgentSimOptions): Promise<AgentRun> {
  const params = ruleParams(options.params ?? {});
  const parsed = SeedEventSchema.safeParse(options.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError("seed event", formatPath(issue.path) || "(root)", issue.message);
  }
  const event = parsed.data;
  const { graph, brain } = options;
  const ids = graph.nodes();
  const root = new Rng(options.seed);
  const embedder = options.embedder ?? new HashedEmbedder();
  const byId = new Map((options.profiles ?? []).map((p) => [p.id, p]));
  const [c0, c1, c2] = params.initialEmotion;
  const agents = new Map<string, AgentState>();
  for (const id of ids) {
    const rng = root.fork(`init:${id}`);
    const u = rng.next() * (c0 + c1 + c2);
    const s = params.stanceMean + params.stanceSd * rng.normal();
    agents.set(id, {
      profile: byId.get(id) ??
        { id, gender: "unknown", age: null, occupation: "unknown", description: "" },
      emotion: u < c0 ? 0 : u < c0 + c1 ? 1 : 2,
      stance: Math.max(-1, Math.min(1, s)),
      aware: false,
      shared: false,
      pool: new MessagePool({ capacity: options.memoryCapacity ?? 20, decay: params.feedDecay }),
    });
  }
  const vectors = new Map<string, Float32Array>();
  const embedAll = async (texts: string[]) => {
    const missing = [...new Set(texts.filter((x) => !vectors.has(x)))];
    if (missing.length === 0) return;
    const vs = await embedder.embed(missing);
    missing.forEach((x, k) => vectors.set(x, vs[k]));
  };
  await embedAll([...agents.values()].map((a) => profileText(a.profile)));
  for (const a of agents.values()) a.vec = vectors.get(profileText(a.profile));

  const events: S3LogEvent[] = [];
  const byAuthor = new Map<string, Message[]>();
  const reposts = new Map<string, number>();
  const auth = (id: string) => options.authenticity?.get(id) ?? 1;
  const t0 = event.time;
  for (const id of event.posters) {
    const a = agents.get(id);
    if (!a) throw new ConfigError("seed event", "posters", `unknown agent "${id}"`);
    if (a.shared) continue;
    a.aware = a.shared = true;
    a.emotion = event.arousal;
    a.stance = event.stance;
    byAuthor.set(id, [{
      id: `${t0}:${id}`,
      author: id,
      time: t0,
      text: event.text,
      emotion: EMOTION_LEVELS[event.arousal],
      stance: event.stance,
      kind: "post",
      authenticity: auth(id),
    }]);
    events.push({
      t: t0,
      type: "seed",
      agent: id,
      text: event.text,
      emotion: EMOTION_LEVELS[event.arousal],
      attitude: attitudeOf(event.stance),
    });
  }
  const stats: StepStats[] = [];
  for (let t = 0; t <= t0; t++) stats.push(countStats(t, agents));
  let decisions = 0, failures = 0;
  const settings = { feedDecay: params.feedDecay, stepMinutes: params.stepMinutes };

  for (let t = t0 + 1; t <= options.steps; t++) {
    const feeds = new Map<string, Message[]>();
    for (const id of ids) {
      const seen: Message[] = [];
      for (const src of new Set([...graph.friends(id), ...graph.following(id)])) {
        for (const m of byAuthor.get(src) ?? []) {
          if (m.time < t && t - m.time <= params.feedWindow) seen.push(m);
        }
      }
      if (seen.length > 0) feeds.set(id, seen);
    }
    await embedAll([...feeds.values()].flat().map((m) => m.text));
    const contexts: { id: string; ctx: S3Context }[] = [];
    for (const [id, seen] of feeds) {
      const a = agents.get(id)!;
      const items = seen.map((m) => {
        const sim = cosine(a.vec!, vectors.get(m.text)!);
        return {
          id: m.id,
          time: m.time,
          reposts: reposts.get(m.id) ?? 0,
          authenticity: m.authenticity,
          relevance: (1 + sim) / 2,
          similarity: sim,
          message: m,
        };
      });
      const shown = rankFeed(items, params.ranker, t, params.feedSize, settings);
      const feed: FeedItem[] = shown.map((x) => ({
        message: x.message,
        relevance: x.relevance,
        reposts: x.reposts,
      }));
      contexts.push({
        id,
        ctx: {
          t,
          sinceEvent: t - t0,
          profile: a.profile,
          emotion: a.emotion,
          stance: a.stance,
          hasShared: a.shared,
          feed,
          memories: a.pool.top(t, options.memoriesShown ?? 3),
          params,
          rng: root.fork(`agent:${id}:step:${t}`),
          callSite: `${t}:${id}`,
        },
      });
    }
    const decided = await mapLimit(contexts, options.concurrency ?? 8, async ({ ctx }) => {
      try {
        return await brain.decide(ctx);
      } catch (err) {
        return nothing(ctx, `brain: ${(err as Error).message}`);
      }
    });
    decisions += contexts.length;
    const decisionOf = new Map(contexts.map((c, k) => [c.id, { ctx: c.ctx, d: decided[k] }]));
    const fresh: Message[] = [];
    for (const id of ids) {
      const a = agents.get(id)!;
      const entry = decisionOf.get(id);
      if (!entry) {
        if (a.aware) {
          a.emotion = emotionStep(
            a.emotion,
            NaN,
            t - t0,
            params,
            root.fork(`cool:${id}:${t}`).next(),
          );
        }
        continue;
      }
      const { ctx, d } = entry;
      if (!a.aware) {
        a.aware = true;
        events.push({ t, type: "aware", agent: id, from: ctx.feed[0].message.author });
      }
      for (const f of ctx.feed) a.pool.add(f.message, f.relevance, t);
      if (d.failure !== null) {
        failures++;
        events.push({ t, type: "failed", agent: id, error: d.failure });
        continue;
      }
      const before = { emotion: a.emotion, attitude: attitudeOf(a.stance) };
      a.emotion = d.emotion;
      a.stance = d.stance;
      // S3's own model has no comments: a comment passes nothing on here.
      if ((d.behaviour === "repost" || d.behaviour === "post") && d.source !== null) {
        const src = ctx.feed[d.source].message;
        const kind = d.behaviour === "repost" ? "repost" : "post";
        const text = kind === "repost"
          ? src.text
          : d.text ?? ruleText(event.text, EMOTION_LEVELS[a.emotion], attitudeOf(a.stance));
        a.shared = true;
        reposts.set(src.id, (reposts.get(src.id) ?? 0) + 1);
        fresh.push({
          id: `${t}:${id}`,
          author: id,
          time: t,
          text,
          emotion: EMOTION_LEVELS[a.emotion],
          stance: a.stance,
          kind,
          authenticity: auth(id),
        });
        events.push({
          t,
          type: "share",
          agent: id,
          kind,
          parent: src.author,
          text,
          emotion: EMOTION_LEVELS[a.emotion],
          attitude: attitudeOf(a.stance),
        });
      }
      if (a.emotion !== before.emotion) {
        events.push({ t, type: "emotion", agent: id, emotion: EMOTION_LEVELS[a.emotion] });
      }
      if (attitudeOf(a.stance) !== before.attitude) {
        events.push({
          t,
          type: "attitude",
          agent: id,
          attitude: attitudeOf(a.stance),
          stance: Math.round(a.stance * 1e4) / 1e4,
        });
      }
    }
    for (const m of fresh) byAuthor.set(m.author, [...(byAuthor.get(m.author) ?? []), m]);
    stats.push(countStats(t, agents));
  }
  return { events, stats, decisions, failures };
}

function nothing(ctx: S3Context, failure: string): S3Decision {
  return {
    behaviour: "nothing",
    source: null,
    text: null,
    emotion: ctx.emotion,
    stance: ctx.stance,
    failure,
  };
}

function profileText(p: AgentProfile): string {
  return `${p.occupation} ${p.description}`.trim() || p.id;
}

function countStats(t: number, agents: Map<string, AgentState>): StepStats {
  const s = emptyStepStats(t);
  let sum = 0;
  for (const a of agents.values()) {
    if (!a.aware) continue;
    s.aware++;
    if (a.shared) s.shared++;
    s[EMOTION_LEVELS[a.emotion]]++;
    s[attitudeOf(a.stance)]++;
    sum += a.stance;
  }
  if (s.aware > 0) s.meanStance = sum / s.aware;
  return s;
}
