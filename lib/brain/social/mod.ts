/**
 * Brains for the social feed (S3): what an agent does with the messages it is shown (post,
 * repost or nothing) and how its emotion and attitude move, decided by rules or by one
 * structured LLM call.
 *
 * @module
 */
export type { AgentProfile, FeedItem, S3Brain, S3Context, S3Decision } from "./context.ts";
export { FeedBrain, type FeedBrainOptions } from "./feed_brain.ts";
export { FeedReader } from "./feed_reader.ts";
export { RuleS3Brain } from "./s3_rule.ts";
export {
  FeedReplySchema,
  LlmS3Brain,
  type LlmS3BrainOptions,
  s3Prompt,
  type S3Reply,
  S3ReplySchema,
} from "./social_llm.ts";
