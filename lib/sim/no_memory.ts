/**
 * A memory that keeps nothing, for rule-brain runs at scale (the rule brain decides from the
 * agent's taste state, not from memories). Chosen explicitly with `memory: { enabled: false }`
 * in a scenario; LLM brains need the real memory.
 *
 * @module
 */
import type { MemoryPort } from "./ports.ts";

/** Stores and retrieves nothing. */
export class NoMemory implements MemoryPort {
  /** @inheritdoc */
  readonly keepsNothing = true;

  /** @inheritdoc */
  store(): Promise<void> {
    return Promise.resolve();
  }

  /** @inheritdoc */
  retrieve(): Promise<string[]> {
    return Promise.resolve([]);
  }

  /** @inheritdoc */
  endRound(): void {}

  /** @inheritdoc */
  toJSON(): unknown {
    return null;
  }
}
