/**
 * The rule brain for object-based agents: the same dynamics as the typed-array path
 * ({@link shareProbability}, {@link emotionStep}, {@link boundedConfidence}), drawing from the
 * context's per-agent, per-step rng.
 *
 * @module
 */
import type { S3Brain, S3Context, S3Decision } from "@lib/brain/social/context.ts";
import {
  boundedConfidence,
  emotionStep,
  shareProbability,
  withinConfidence,
} from "@lib/social/spread/dynamics.ts";
import { EMOTION_LEVELS } from "@lib/social/spread/types.ts";

/** Rule-based S3 decisions. */
export class RuleS3Brain implements S3Brain {
  readonly name = "rule";

  /**
   * @param ctx The agent's view.
   * @returns Share the first message whose coin succeeds (once per agent), and update emotion
   *   and stance.
   */
  decide(ctx: S3Context): Promise<S3Decision> {
    const { params, rng, feed } = ctx;
    let source: number | null = null;
    if (!ctx.hasShared) {
      for (let r = 0; r < feed.length; r++) {
        const p = shareProbability(
          ctx.emotion,
          ctx.stance,
          feed[r].message.stance,
          params,
          feed[r].relevance,
        );
        if (rng.next() < p) {
          source = r;
          break;
        }
      }
    }
    let emoSum = 0, stSum = 0, stCount = 0;
    for (const f of feed) {
      emoSum += EMOTION_LEVELS.indexOf(f.message.emotion);
      if (withinConfidence(ctx.stance, f.message.stance, params)) {
        stSum += f.message.stance;
        stCount++;
      }
    }
    const emotion = emotionStep(
      ctx.emotion,
      feed.length ? emoSum / feed.length : NaN,
      ctx.sinceEvent,
      params,
      rng.next(),
    );
    const stance = boundedConfidence(ctx.stance, stSum, stCount, params);
    const post = source !== null && rng.next() < params.newPostShare;
    return Promise.resolve({
      behaviour: source === null ? "nothing" : post ? "post" : "repost",
      source,
      text: null,
      emotion,
      stance,
      failure: null,
    });
  }
}
