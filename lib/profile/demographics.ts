/**
 * Demographics inferred from a user's posts with one structured LLM call, for data sets that
 * lack gender, age or occupation (as S3 did for Weibo users).
 *
 * @module
 */
import { z } from "zod";
import type { StructuredLlm } from "@lib/llm/types.ts";

/** The reply: every field required, unknowns as null (strict-compatible). */
export const DemographicsSchema = z.object({
  gender: z.enum(["female", "male", "unknown"]),
  age: z.number().int().min(10).max(100).nullable(),
  occupation: z.string().nullable(),
});

/** Inferred demographics. */
export type Demographics = z.infer<typeof DemographicsSchema>;

/**
 * Infers a user's demographics from their posts.
 *
 * @param llm Any structured LLM.
 * @param userId The user (for accounting and the cache seed).
 * @param posts Some of their posts (the first 20 are used).
 * @returns The demographics, or `{ failure }` when the call failed (never throws).
 */
export async function inferDemographics(
  llm: StructuredLlm,
  userId: string,
  posts: readonly string[],
): Promise<Demographics | { failure: string }> {
  const sample = posts.slice(0, 20).map((p, k) => `${k + 1}. ${p}`).join("\n");
  const res = await llm.complete({
    messages: [
      {
        role: "system",
        content: "You infer a social-media user's demographics from their posts. Use null or " +
          '"unknown" when the posts give no evidence.',
      },
      { role: "user", content: `Posts:\n${sample}\n\nGive gender, age (years) and occupation.` },
    ],
    schema: DemographicsSchema,
    schemaName: "demographics",
    meta: { agentId: userId, behaviour: "s3-demographics", seed: userId },
  });
  return res.ok ? res.value : { failure: res.error };
}
