/**
 * The checkpoint format of an agent's memory.
 *
 * @module
 */
import { z } from "zod";
import { memoryConfigSchema } from "./config.ts";
import { memoryRecordJsonSchema } from "./record.ts";

/** Schema of a memory checkpoint. */
export const memoryStateSchema = z.object({
  version: z.literal(1),
  config: memoryConfigSchema,
  shortTerm: z.array(memoryRecordJsonSchema),
  longTerm: z.array(memoryRecordJsonSchema),
  pendingImportance: z.number(),
  nextId: z.number().int().min(0),
  rng: z.object({
    key: z.string(),
    words: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  }),
});

/** A memory checkpoint (the event log is not part of it). */
export type MemoryState = z.infer<typeof memoryStateSchema>;
