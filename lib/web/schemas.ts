/**
 * Request bodies of the dashboard's API, as zod schemas (the single source of truth for what
 * the page, a notebook or a script may send). Objects are strict, texts are bounded, so a bad
 * request is refused with the field that is wrong.
 *
 * @module
 */
import { z } from "zod";
import { featureSchema } from "../profile/schema.ts";
import { ConfigError, formatPath } from "../core/errors.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(200);

/** A person's move for a pending decision (the server turns it into an engine action). */
export const moveSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("choose"),
    activity: z.enum(["recommender", "social", "nothing"]),
  }),
  z.strictObject({ type: z.literal("watch"), itemId: id }),
  z.strictObject({ type: z.literal("next_page") }),
  z.strictObject({ type: z.literal("search"), query: text(200) }),
  z.strictObject({ type: z.literal("leave") }),
  z.strictObject({
    type: z.literal("feel"),
    rating: z.number().int().min(1).max(5),
    feeling: text(500),
  }),
  /** A message to one friend; the friend's brain writes the reply. */
  z.strictObject({ type: z.literal("chat"), friendId: id, text: text(1000) }),
  /** A broadcast every friend receives. */
  z.strictObject({ type: z.literal("post"), text: text(1000) }),
  /** Repost a message of the social feed. */
  z.strictObject({ type: z.literal("repost"), messageId: id }),
  /** Comment on a message of the social feed. */
  z.strictObject({ type: z.literal("comment"), messageId: id, text: text(1000) }),
  z.strictObject({ type: z.literal("nothing") }),
]);
/** A person's move. */
export type Move = z.infer<typeof moveSchema>;

/** The fields of a profile a person may edit. */
export const profilePatchSchema = z.strictObject({
  name: text(80).optional(),
  gender: text(40).optional(),
  age: z.number().int().min(0).max(120).optional(),
  traits: z.array(text(60)).max(12).optional(),
  career: z.string().trim().max(80).optional(),
  interests: z.array(text(60)).max(12).optional(),
  features: z.array(featureSchema).max(5).optional(),
  conformity: z.number().min(0).max(1).optional(),
}).refine((p) => Object.keys(p).length > 0, { message: "expected at least one field to change" });
/** A profile edit. */
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/** Taking a seat: as a new user, or by taking over an existing agent. */
export const seatRequestSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("new"),
    name: text(80),
    interests: z.array(text(60)).max(12).default([]),
    gender: text(40).default("unspecified"),
    age: z.number().int().min(0).max(120).default(30),
    career: z.string().trim().max(80).default(""),
    traits: z.array(text(60)).max(12).default([]),
    /** Agents to befriend (default: the best-connected few). */
    friends: z.array(id).max(20).optional(),
  }),
  z.strictObject({ mode: z.literal("take"), agent: id }),
]);
/** A seat request. */
export type SeatRequest = z.input<typeof seatRequestSchema>;

/** An interview question. */
export const interviewSchema = z.strictObject({ agent: id, question: text(1000) });

/** Switching the branch the page shows and steps. */
export const branchSchema = z.strictObject({ branch: id });

/** An answer to a pending decision. */
export const answerSchema = z.strictObject({ move: moveSchema });

/** Controls with no parameters still send a JSON object (so cross-site forms cannot). */
export const emptySchema = z.strictObject({});

/** Log filters (query string). */
export const logQuerySchema = z.strictObject({
  agent: id.optional(),
  action: z.string().regex(/^[a-z_]{1,20}$/, "an action or event type").optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(300),
});

/** A request the dashboard refuses because of what it contains (HTTP 400). */
export class RequestError extends ConfigError {}

/**
 * Validates a request value.
 *
 * @param schema The schema.
 * @param value The parsed JSON (or query parameters).
 * @param source What is being validated, for the message ("body", "query").
 * @returns The parsed value.
 * @throws RequestError naming the first wrong field and what was expected.
 *
 * @example A wrong type is named with its field
 * ```ts
 * import { interviewSchema, parseRequest } from "@lib/web/schemas.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => parseRequest(interviewSchema, { agent: "a", question: 3 }, "body"), /body: question: /);
 * ```
 */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  source: string,
): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new RequestError(source, formatPath(issue.path) || "(root)", issue.message);
}
