/**
 * Connects an agent's {@link AgentMemory} to the engine: decisions store what they want
 * remembered (with the importance the brain gave it), retrieval returns prompt-ready texts,
 * and forgetting runs once per round.
 *
 * @module
 */
import type { Embedder } from "../llm/embedder.ts";
import { AgentMemory, type MemoryHooks } from "../memory/agent_memory.ts";
import type { MemoryConfigInput } from "../memory/config.ts";
import type { Rng } from "../core/rng.ts";
import type { MemoryPort } from "./ports.ts";

/** The engine's view of an {@link AgentMemory}. */
export class MemoryAdapter implements MemoryPort {
  /** The memory itself (inspect it, dump its rows, read its events). */
  readonly memory: AgentMemory;

  /** @param memory The agent's memory. */
  constructor(memory: AgentMemory) {
    this.memory = memory;
  }

  /**
   * A fresh memory.
   *
   * @param embedder Shared embedder.
   * @param rng The agent's memory generator.
   * @param config Memory settings from the scenario.
   * @param hooks LLM-backed steps (insight, reflection), when the agents think with an LLM.
   * @returns The adapter.
   */
  static create(
    embedder: Embedder,
    rng: Rng,
    config: MemoryConfigInput,
    hooks: MemoryHooks = {},
  ): MemoryAdapter {
    return new MemoryAdapter(new AgentMemory({ ...hooks, embedder, rng, config }));
  }

  /**
   * A memory restored from a checkpoint.
   *
   * @param saved What {@link MemoryAdapter.toJSON} returned.
   * @param embedder Shared embedder.
   * @param source Named in errors.
   * @param hooks LLM-backed steps, as when the memory was created.
   * @returns The adapter.
   */
  static restore(
    saved: unknown,
    embedder: Embedder,
    source: string,
    hooks: MemoryHooks = {},
  ): MemoryAdapter {
    return new MemoryAdapter(AgentMemory.fromJSON(saved, { ...hooks, embedder }, source));
  }

  /** @inheritdoc */
  async store(text: string, importance: number, hours: number): Promise<void> {
    await this.memory.observe({ text, importance }, hours);
  }

  /** @inheritdoc */
  async retrieve(query: string, hours: number, k: number): Promise<string[]> {
    return (await this.memory.retrieve(query, hours, k)).texts;
  }

  /** @inheritdoc */
  endRound(hours: number): void {
    this.memory.maintain(hours);
    this.memory.clearEvents();
  }

  /** @inheritdoc */
  toJSON(): unknown {
    return this.memory.toJSON();
  }
}
