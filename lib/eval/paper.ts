/**
 * Numbers the original paper reports, kept apart from anything Socius measures so that every
 * table and figure can show them side by side, labelled as the paper's.
 *
 * @module
 */

/** The (a, b) grid of Table 3: a ground-truth items among a + b candidates. */
export const PAPER_PAIRS: readonly (readonly [number, number])[] = [[1, 5], [3, 3], [3, 6], [1, 9]];

/** Table 3 of the paper (20 ML-1M users, uniform negatives), overlap ratio per (a, b). */
export const PAPER_TABLE3: Readonly<Record<string, readonly number[]>> = {
  "Embedding": [0.25, 0.55, 0.45, 0.30],
  "RecSim": [0.25, 0.53, 0.37, 0.10],
  "RecAgent": [0.55, 0.78, 0.68, 0.50],
  "Real human": [0.60, 0.81, 0.72, 0.58],
};

/** Efficiency figures the paper and its slides report (ChatGPT, one key unless noted). */
export const PAPER_EFFICIENCY: readonly {
  agents: number;
  keys: number;
  secondsPerRound: number;
  note: string;
}[] = [
  { agents: 10, keys: 1, secondsPerRound: 220, note: "≈ 220 s per round, ≈ $0.25 per round" },
  {
    agents: 100,
    keys: 1,
    secondsPerRound: 1.9 * 3600,
    note: "≈ 1.9 h per round, every agent acting",
  },
  { agents: 100, keys: 10, secondsPerRound: 288, note: "slides: ~288 s with 10 API keys" },
  { agents: 200, keys: 10, secondsPerRound: 445, note: "slides: ~445 s with 10 API keys" },
];

/** The paper's cost per round for 10 agents, in USD. */
export const PAPER_COST_PER_ROUND_10_AGENTS = 0.25;
