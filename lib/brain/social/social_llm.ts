/**
 * The LLM brain: one structured call per decision returns the behaviour, the text of a new
 * post, and the new emotion and attitude. The reply schema is strict-compatible (every field
 * required, nullable where it may be absent, no records). A failed or malformed reply never
 * throws: the agent does nothing that step and the failure is recorded.
 *
 * @module
 */
import { z } from "zod";
import type { StructuredLlm } from "@lib/llm/types.ts";
import type { S3Brain, S3Context, S3Decision } from "@lib/brain/social/context.ts";
import { attitudeOf, ATTITUDES, BEHAVIOURS, EMOTION_LEVELS } from "@lib/social/spread/types.ts";

/** The reply of one decision. */
export const S3ReplySchema = z.object({
  /** repost, post (new content) or nothing. */
  behaviour: z.enum(BEHAVIOURS),
  /** Number of the feed message reposted or reacted to (1-based), or null. */
  message: z.number().int().nullable(),
  /** Text of a new post, or null. */
  text: z.string().nullable(),
  /** Emotion after reading the feed. */
  emotion: z.enum(EMOTION_LEVELS),
  /** Attitude towards the event after reading the feed. */
  attitude: z.enum(ATTITUDES),
});

/** A validated reply. */
export type S3Reply = z.infer<typeof S3ReplySchema>;

/** The reply when comments are offered too (the engine's feed; S3 itself has none). */
export const FeedReplySchema = S3ReplySchema.extend({
  /** repost, post (new content), comment (text = the comment) or nothing. */
  behaviour: z.enum([...BEHAVIOURS, "comment"]),
});

/** Options of an {@link LlmS3Brain}. */
export interface LlmS3BrainOptions {
  /** Offer commenting on a feed message as a fourth choice (default false, as in S3). */
  comments?: boolean;
}

/** Stance given to an agent whose attitude flips (a moderate view of the new side). */
const FLIP_STANCE = 0.5;

/**
 * The prompt of one decision.
 *
 * @param ctx The agent's view.
 * @param comments Whether commenting is offered.
 * @returns System and user messages.
 */
export function s3Prompt(
  ctx: S3Context,
  comments = false,
): { role: "system" | "user"; content: string }[] {
  const p = ctx.profile;
  const who = [
    `gender: ${p.gender}`,
    `age: ${p.age ?? "unknown"}`,
    `occupation: ${p.occupation}`,
    p.description ? `about: ${p.description}` : "",
  ].filter(Boolean).join("; ");
  const feed = ctx.feed.map((f, k) =>
    `${k + 1}. @${f.message.author} (${f.message.kind}, ${f.reposts} reposts): ${f.message.text}`
  ).join("\n");
  const memories = ctx.memories.map((m) => `- @${m.message.author}: ${m.message.text}`).join("\n");
  return [
    {
      role: "system",
      content:
        "You role-play a social-media user. Stay in character. Answer only with the JSON object asked for.",
    },
    {
      role: "user",
      content: [
        `You are a user (${who}).`,
        `Your emotion about the current event is ${
          EMOTION_LEVELS[ctx.emotion]
        } and your attitude is ${attitudeOf(ctx.stance)}.`,
        memories ? `Posts you remember:\n${memories}` : "",
        `Your timeline now:\n${feed}`,
        'Decide: repost one message (behaviour "repost", message = its number), write a new post ' +
        '(behaviour "post", text = your post, message = the number that prompted it), ' +
        (comments
          ? 'comment on one message (behaviour "comment", text = your comment, message = its ' +
            "number), "
          : "") +
        'or do nothing (behaviour "nothing", message and text null). Also give your emotion ' +
        "(calm, moderate or intense) and attitude (negative or positive) after reading.",
      ].filter(Boolean).join("\n\n"),
    },
  ];
}

/** LLM-driven S3 decisions. */
export class LlmS3Brain implements S3Brain {
  readonly name = "llm";
  readonly #llm: StructuredLlm;
  readonly #comments: boolean;

  /** @param llm Any structured LLM (the pooled client, a cache, a test double). */
  constructor(llm: StructuredLlm, options: LlmS3BrainOptions = {}) {
    this.#comments = options.comments ?? false;
    this.#llm = llm;
  }

  /**
   * @param ctx The agent's view.
   * @returns The decision; on a failed call or an inconsistent reply, "nothing" with the
   *   failure recorded and the state unchanged.
   */
  async decide(ctx: S3Context): Promise<S3Decision> {
    const res = await this.#llm.complete({
      messages: s3Prompt(ctx, this.#comments),
      schema: this.#comments ? FeedReplySchema : S3ReplySchema,
      schemaName: this.#comments ? "feed_decision" : "s3_decision",
      meta: { agentId: ctx.profile.id, behaviour: "s3-social", seed: ctx.callSite },
    });
    const usage = {
      calls: 1,
      tokens: res.usage.promptTokens + res.usage.completionTokens,
      cached: res.cached,
    };
    const keep = (failure: string): S3Decision => ({
      behaviour: "nothing",
      source: null,
      text: null,
      emotion: ctx.emotion,
      stance: ctx.stance,
      failure,
      usage,
    });
    if (!res.ok) return keep(`llm: ${res.error}`);
    // A reply to the S3 schema is also a reply to the wider one.
    const r: z.infer<typeof FeedReplySchema> = res.value;
    let source: number | null = null;
    if (r.behaviour !== "nothing") {
      const k = r.message ?? (r.behaviour === "post" ? 1 : 0);
      if (!Number.isInteger(k) || k < 1 || k > ctx.feed.length) {
        return keep(`reply: message ${r.message} is not a feed number 1..${ctx.feed.length}`);
      }
      if ((r.behaviour === "post" || r.behaviour === "comment") && !(r.text && r.text.trim())) {
        return keep(`reply: a ${r.behaviour} needs a text`);
      }
      source = k - 1;
    }
    const stance = r.attitude === attitudeOf(ctx.stance)
      ? ctx.stance
      : r.attitude === "positive"
      ? FLIP_STANCE
      : -FLIP_STANCE;
    return {
      behaviour: r.behaviour,
      source,
      text: r.behaviour === "post" || r.behaviour === "comment" ? r.text!.trim() : null,
      emotion: EMOTION_LEVELS.indexOf(r.emotion),
      stance,
      failure: null,
      usage,
    };
  }
}
