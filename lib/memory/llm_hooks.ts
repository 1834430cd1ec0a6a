/**
 * LLM-backed memory steps: the insight written when a short-term memory is promoted, the
 * reflection (salient question + insight) over recent long-term memories, and the sensory
 * compression of a raw observation. Each is one small structured call through any
 * StructuredLlm; a failed call falls back to the rule-based step, so memory never stalls a
 * run. By default importance and compression ride along with the decision call instead, so
 * only promotions and reflections cost extra calls.
 *
 * @module
 */
import { z } from "zod";
import type { StructuredLlm } from "../llm/types.ts";
import type { MemoryRecord } from "./record.ts";
import { type InsightWriter, type Reflector, ruleInsight, ruleReflection } from "./reflection.ts";
import { type Perceived, RuleSensory, type SensoryProcessor } from "./sensory.ts";

const insightSchema = z.object({ insight: z.string() });
const reflectionSchema = z.object({
  question: z.string(),
  insight: z.string(),
  importance: z.number().int().min(1).max(10),
});
const perceivedSchema = z.object({
  sentence: z.string(),
  importance: z.number().int().min(1).max(10),
});

const SYSTEM =
  "You keep the memory of a person who uses a movie recommender and talks with friends. Answer in JSON only.";

/** Who the memory belongs to, for accounting and the cache's call-site seed. */
export interface MemoryOwner {
  agentId: string;
  /** Extra seed text (a run name) so equal prompts in different runs are cached apart. */
  seed?: string;
}

/**
 * An insight writer that asks the LLM what a repeated experience says about the person.
 *
 * @param llm The LLM.
 * @param owner The agent.
 * @returns The insight writer (rule-based insight when the call fails).
 */
export function llmInsightWriter(llm: StructuredLlm, owner: MemoryOwner): InsightWriter {
  return async (memory: MemoryRecord, enhancers: MemoryRecord[]) => {
    const r = await llm.complete({
      messages: [
        { role: "system", content: SYSTEM },
        {
          role: "user",
          content: `This experience came back ${
            memory.enhancements + 1
          } times:\n- ${memory.text}\n${
            enhancers.map((e) => `- ${e.text}`).join("\n")
          }\nIn one sentence, what does it say about the person? Reply {"insight": "..."}.`,
        },
      ],
      schema: insightSchema,
      schemaName: "memory_insight",
      meta: {
        agentId: owner.agentId,
        behaviour: "memory-insight",
        seed: `${owner.seed ?? ""}:${owner.agentId}:${memory.id}`,
      },
    });
    return r.ok && r.value.insight.trim() ? r.value.insight.trim() : ruleInsight(memory, enhancers);
  };
}

/**
 * A reflector that asks the LLM for the most salient question about recent memories and its
 * answer.
 *
 * @param llm The LLM.
 * @param owner The agent.
 * @param fallback Topic words and minimum count for the rule-based reflection.
 * @returns The reflector.
 */
export function llmReflector(
  llm: StructuredLlm,
  owner: MemoryOwner,
  fallback: { topicWords: readonly string[]; minCount: number },
): Reflector {
  return async (recent: MemoryRecord[]) => {
    const r = await llm.complete({
      messages: [
        { role: "system", content: SYSTEM },
        {
          role: "user",
          content: `Recent memories:\n${recent.map((m, i) => `${i + 1}. ${m.text}`).join("\n")}\n` +
            "What is the most salient question about this person these memories raise, and its answer in one " +
            'sentence? Rate how important the insight is (1-10). Reply {"question": "...", "insight": "...", "importance": n}.',
        },
      ],
      schema: reflectionSchema,
      schemaName: "memory_reflection",
      meta: {
        agentId: owner.agentId,
        behaviour: "memory-reflection",
        seed: `${owner.seed ?? ""}:${owner.agentId}:${recent.map((m) => m.id).join(",")}`,
      },
    });
    if (r.ok && r.value.insight.trim()) {
      return {
        question: r.value.question,
        insight: r.value.insight,
        importance: r.value.importance,
      };
    }
    return ruleReflection(recent, fallback.topicWords, fallback.minCount);
  };
}

/**
 * A sensory step that asks the LLM to compress an observation into one sentence and score its
 * importance (used when observations are stored raw rather than riding along with decisions).
 *
 * @param llm The LLM.
 * @param owner The agent.
 * @param maxChars Longest sentence of the rule-based fallback.
 * @returns The sensory processor.
 */
export function llmSensory(
  llm: StructuredLlm,
  owner: MemoryOwner,
  maxChars = 200,
): SensoryProcessor {
  const rule = new RuleSensory(maxChars);
  let n = 0;
  return {
    async perceive(observation: string): Promise<Perceived> {
      const r = await llm.complete({
        messages: [
          { role: "system", content: SYSTEM },
          {
            role: "user",
            content:
              `Observation: ${observation}\nCompress it into one sentence and rate its importance 1-10 ` +
              '(naming specific movies or people is important; entering a page or small talk is not). Reply {"sentence": "...", "importance": n}.',
          },
        ],
        schema: perceivedSchema,
        schemaName: "memory_sensory",
        meta: {
          agentId: owner.agentId,
          behaviour: "memory-sensory",
          seed: `${owner.seed ?? ""}:${owner.agentId}:${n++}`,
        },
      });
      return r.ok
        ? { text: r.value.sentence, importance: r.value.importance }
        : await rule.perceive(observation);
    },
  };
}
