/**
 * Similarity of two agents' interests: Jaccard for interest sets (labels), cosine for interest
 * vectors (embeddings, genre weights). Used by homophily and by the heterogeneous-friends
 * intervention.
 *
 * @module
 */
import { cosine } from "../core/vector.ts";

/** Interests as a set of labels or as a numeric vector. */
export type Interests = readonly string[] | ArrayLike<number>;

/** An agent as the graph algorithms see it: an id and its interests. */
export interface InterestAgent {
  /** Agent id. */
  id: string;
  /** Interest labels (Jaccard) or a vector (cosine). */
  interests: Interests;
}

/** A named similarity or a custom function returning a value in [0, 1]. */
export type SimilarityKind = "jaccard" | "cosine" | ((a: Interests, b: Interests) => number);

/**
 * @param a Interest labels.
 * @param b Interest labels.
 * @returns |a∩b| / |a∪b| (1 when both are empty).
 *
 * @example One shared genre out of three
 * ```ts
 * import { jaccardSimilarity } from "@lib/social/similarity.ts";
 * import assert from "node:assert/strict";
 * assert.equal(jaccardSimilarity(["sci-fi", "drama"], ["drama", "comedy"]), 1 / 3);
 * ```
 */
export function jaccardSimilarity(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a), sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

/**
 * @param a A vector.
 * @param b A vector of the same length.
 * @returns The cosine of the angle between a and b (0 when either is all zeros).
 *
 * @example Angle between two vectors
 * ```ts
 * import { cosineSimilarity } from "@lib/social/similarity.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(cosineSimilarity([1, 0], [1, 1]) - Math.SQRT1_2) < 1e-12);
 * assert.equal(cosineSimilarity([1, 2], [2, 4]), 1);
 * ```
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(`vectors differ in length: ${a.length} vs ${b.length}`);
  }
  return cosine(a, b);
}

/**
 * Resolves a similarity kind to a function; "auto" (undefined) picks Jaccard for label
 * arrays and cosine for numeric vectors.
 *
 * @param kind A kind, a function, or undefined.
 * @returns A similarity function.
 */
export function similarityFn(kind?: SimilarityKind): (a: Interests, b: Interests) => number {
  if (typeof kind === "function") return kind;
  if (kind === "jaccard") return (a, b) => jaccardSimilarity(a as string[], b as string[]);
  if (kind === "cosine") return (a, b) => cosineSimilarity(a as number[], b as number[]);
  // An empty array says nothing about its kind, so the other side decides.
  return (a, b) =>
    (isLabels(a) && isLabels(b))
      ? jaccardSimilarity(a as string[], b as string[])
      : cosineSimilarity(a as number[], b as number[]);
}

function isLabels(x: Interests): boolean {
  return Array.isArray(x) && (x.length === 0 || typeof x[0] === "string");
}
