/**
 * What a link between two agents is: its relationship type, how close the two are, and whether
 * it is a mutual tie (friendship) or a one-way follow. The zod schemas are the source of truth
 * for checkpoints of a {@link SocialGraph}.
 *
 * @module
 */
import { z } from "zod";

/** Relationship types the simulation knows by name; any other non-empty label is allowed too. */
export const RELATIONSHIP_TYPES = [
  "friend",
  "colleague",
  "family",
  "acquaintance",
  "follower",
] as const;

/** Type of a mutual tie when none is given. */
export const DEFAULT_TIE_TYPE = "friend";
/** Type of a one-way follow edge when none is given. */
export const DEFAULT_FOLLOW_TYPE = "follower";
/** Closeness when none is given: mid-scale, since unknown closeness is neither weak nor strong. */
export const DEFAULT_CLOSENESS = 0.5;

/** One link as stored in a checkpoint. */
export const EdgeSchema = z.object({
  /** The agent the link was declared from (the follower, for a directed edge). */
  source: z.string().min(1),
  /** The other agent (the one followed, for a directed edge). */
  target: z.string().min(1),
  /** Relationship label, e.g. "friend", "colleague", "family", "follower". */
  type: z.string().min(1),
  /** How close the two agents are, from 0 (strangers) to 1 (closest). */
  closeness: z.number().min(0).max(1),
  /** true for a one-way follow edge, false for a mutual tie. */
  directed: z.boolean(),
});

/** One link of a social graph. */
export type Edge = z.infer<typeof EdgeSchema>;

/** A whole graph as stored in a checkpoint (nodes and edges in insertion order). */
export const GraphJsonSchema = z.object({
  nodes: z.array(z.string().min(1)),
  edges: z.array(EdgeSchema),
});

/** The serialised form of a {@link SocialGraph}. */
export type GraphJson = z.infer<typeof GraphJsonSchema>;

/** Optional attributes when adding a link. */
export interface EdgeOptions {
  /** Relationship label (default "friend" for ties, "follower" for directed edges). */
  type?: string;
  /** Closeness in [0, 1] (default 0.5). */
  closeness?: number;
  /** A one-way follow edge from source to target (default false: a mutual tie). */
  directed?: boolean;
}
