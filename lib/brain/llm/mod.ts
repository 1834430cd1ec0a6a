/**
 * The LLM brain: one structured call per decision, per-context reply schemas, reply repair.
 *
 * @module
 */
export { LlmBrain, type LlmBrainOptions } from "./llm_brain.ts";
export { bracketedNames, type MappedReply, mapReply, mentionedItems } from "./map_reply.ts";
export {
  type BrowseReply,
  browseReplySchema,
  type ChooseReply,
  chooseReplySchema,
  type FeelReply,
  feelReplySchema,
  type InterviewReply,
  interviewReplySchema,
  type Reply,
  replySchema,
  type SocialReply,
  socialReplySchema,
} from "./schemas.ts";
