/**
 * The social graph: agents (string ids) joined by mutual ties (friend, colleague, family…) and,
 * optionally, one-way follow edges. Each node keeps insertion-ordered Maps of its neighbours,
 * so neighbour lookup is O(1) and every iteration order is deterministic.
 *
 * @module
 */
import { ConfigError, formatIssues, SociusError } from "@lib/core/errors.ts";
import {
  DEFAULT_CLOSENESS,
  DEFAULT_FOLLOW_TYPE,
  DEFAULT_TIE_TYPE,
  type Edge,
  type EdgeOptions,
  type GraphJson,
  GraphJsonSchema,
} from "./edge.ts";

type Adjacency = Map<number, Edge>;

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * An undirected friendship graph with optional directed follow edges.
 *
 * @example Friends, degree, density and a checkpoint round trip
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["ann", "bob", "cat"]);
 * g.addEdge("ann", "bob", { type: "colleague", closeness: 0.8 });
 * g.addEdge("ann", "cat");
 * g.addEdge("cat", "bob", { directed: true }); // cat follows bob
 * assert.deepEqual(g.friends("ann"), ["bob", "cat"]);
 * assert.deepEqual(g.followers("bob"), ["cat"]);
 * assert.equal(g.degree("ann"), 2);
 * assert.equal(g.linkCount, 3);
 * assert.equal(g.density(), (2 * 2 + 1) / (3 * 2));
 * const copy = SocialGraph.fromJSON(JSON.parse(JSON.stringify(g)));
 * assert.deepEqual(copy.toJSON(), g.toJSON());
 * ```
 */
export class SocialGraph {
  #ids: string[] = [];
  #index = new Map<string, number>();
  #tie: Adjacency[] = [];
  #out: (Adjacency | undefined)[] = [];
  #in: (Adjacency | undefined)[] = [];
  #all = new Set<Edge>();
  #ties = 0;
  #cache: (readonly string[] | undefined)[] = [];

  /**
   * @param nodes Agent ids to add first (duplicates are ignored).
   */
  constructor(nodes: Iterable<string> = []) {
    for (const id of nodes) this.addNode(id);
  }

  /** Number of agents. */
  get nodeCount(): number {
    return this.#ids.length;
  }

  /** Number of links: mutual ties plus follow edges. */
  get linkCount(): number {
    return this.#all.size;
  }

  /** Number of mutual ties (undirected edges). */
  get tieCount(): number {
    return this.#ties;
  }

  /** Number of one-way follow edges. */
  get followCount(): number {
    return this.#all.size - this.#ties;
  }

  /**
   * Adds an agent if it is not there yet.
   *
   * @param id Agent id (non-empty).
   * @returns true when the agent is new.
   */
  addNode(id: string): boolean {
    if (this.#index.has(id)) return false;
    if (typeof id !== "string" || id.length === 0) {
      throw new RangeError(`agent id must be a non-empty string, got ${JSON.stringify(id)}`);
    }
    this.#index.set(id, this.#ids.length);
    this.#ids.push(id);
    this.#tie.push(new Map());
    this.#out.push(undefined);
    this.#in.push(undefined);
    this.#cache.push(undefined);
    return true;
  }

  /**
   * @param id Agent id.
   * @returns Whether the agent is in the graph.
   */
  hasNode(id: string): boolean {
    return this.#index.has(id);
  }

  /** @returns Agent ids in insertion order (do not mutate). */
  nodes(): readonly string[] {
    return this.#ids;
  }

  /**
   * @param id Agent id.
   * @returns Its dense index (insertion position), for algorithms that work on arrays.
   */
  indexOf(id: string): number {
    const i = this.#index.get(id);
    if (i === undefined) throw new SociusError("graph", `unknown agent "${id}"`);
    return i;
  }

  /**
   * Adds a link, creating missing agents; on an existing link, updates its type and closeness.
   *
   * @param source Agent id (the follower, for a directed edge).
   * @param target Agent id (the one followed, for a directed edge).
   * @param options Relationship type, closeness and direction.
   * @returns true when the link is new.
   */
  addEdge(source: string, target: string, options: EdgeOptions = {}): boolean {
    if (source === target) throw new RangeError(`self-link on "${source}" is not allowed`);
    const closeness = options.closeness ?? DEFAULT_CLOSENESS;
    if (!(closeness >= 0 && closeness <= 1)) {
      throw new ConfigError("edge", "closeness", `closeness must be in [0, 1], got ${closeness}`);
    }
    const directed = options.directed ?? false;
    const type = options.type ?? (directed ? DEFAULT_FOLLOW_TYPE : DEFAULT_TIE_TYPE);
    this.addNode(source);
    this.addNode(target);
    const i = this.#index.get(source)!, j = this.#index.get(target)!;
    const existing = directed ? this.#out[i]?.get(j) : this.#tie[i].get(j);
    if (existing) {
      existing.type = type;
      existing.closeness = closeness;
      return false;
    }
    this.#link(i, j, { source, target, type, closeness, directed });
    return true;
  }

  /**
   * Removes a link.
   *
   * @param source Agent id.
   * @param target Agent id.
   * @param directed Remove the follow edge source→target instead of the mutual tie.
   * @returns The removed link, or undefined when there was none.
   */
  removeEdge(source: string, target: string, directed = false): Edge | undefined {
    const i = this.#index.get(source), j = this.#index.get(target);
    if (i === undefined || j === undefined) return undefined;
    const e = directed ? this.#out[i]?.get(j) : this.#tie[i].get(j);
    if (!e) return undefined;
    if (directed) {
      this.#out[i]!.delete(j);
      this.#in[j]!.delete(i);
    } else {
      this.#tie[i].delete(j);
      this.#tie[j].delete(i);
      this.#ties--;
    }
    this.#all.delete(e);
    this.#cache[i] = this.#cache[j] = undefined;
    return { ...e };
  }

  /**
   * @param source Agent id.
   * @param target Agent id.
   * @param directed Look for the follow edge source→target instead of the mutual tie.
   * @returns A copy of the link, or undefined.
   */
  getEdge(source: string, target: string, directed = false): Edge | undefined {
    const i = this.#index.get(source), j = this.#index.get(target);
    if (i === undefined || j === undefined) return undefined;
    const e = directed ? this.#out[i]?.get(j) : this.#tie[i].get(j);
    return e ? { ...e } : undefined;
  }

  /**
   * The closeness of a mutual tie, without copying the link (a social turn reads it for every
   * friend).
   *
   * @param a Agent id.
   * @param b Agent id.
   * @returns The tie's closeness, or undefined when there is no tie.
   *
   * @example A tie's closeness
   * ```ts
   * import { SocialGraph } from "@lib/social/graph.ts";
   * import assert from "node:assert/strict";
   * const g = new SocialGraph();
   * g.addEdge("a", "b", { closeness: 0.8 });
   * assert.equal(g.closeness("b", "a"), 0.8);
   * assert.equal(g.closeness("a", "c"), undefined);
   * ```
   */
  closeness(a: string, b: string): number | undefined {
    const i = this.#index.get(a), j = this.#index.get(b);
    if (i === undefined || j === undefined) return undefined;
    return this.#tie[i].get(j)?.closeness;
  }

  /**
   * @param a Agent id.
   * @param b Agent id.
   * @returns Whether a and b share a mutual tie.
   */
  areFriends(a: string, b: string): boolean {
    const i = this.#index.get(a), j = this.#index.get(b);
    return i !== undefined && j !== undefined && this.#tie[i].has(j);
  }

  /**
   * @param id Agent id.
   * @returns Agents sharing a mutual tie with id, in the order the ties were made (cached; do
   *   not mutate).
   */
  friends(id: string): readonly string[] {
    const i = this.indexOf(id);
    let c = this.#cache[i];
    if (!c) {
      c = Array.from(this.#tie[i].keys(), (k) => this.#ids[k]);
      this.#cache[i] = c;
    }
    return c;
  }

  /**
   * @param id Agent id.
   * @returns Agents that id follows (directed edges out of id).
   */
  following(id: string): readonly string[] {
    const m = this.#out[this.indexOf(id)];
    return m ? Array.from(m.keys(), (k) => this.#ids[k]) : EMPTY;
  }

  /**
   * @param id Agent id.
   * @returns Agents that follow id (directed edges into id).
   */
  followers(id: string): readonly string[] {
    const m = this.#in[this.indexOf(id)];
    return m ? Array.from(m.keys(), (k) => this.#ids[k]) : EMPTY;
  }

  /**
   * @param id Agent id.
   * @returns Every agent linked to id in any way: friends, then followed, then followers,
   *   each once.
   */
  neighbors(id: string): string[] {
    const seen = new Set<string>(this.friends(id));
    for (const x of this.following(id)) seen.add(x);
    for (const x of this.followers(id)) seen.add(x);
    return [...seen];
  }

  /**
   * @param id Agent id.
   * @returns Number of links touching id (ties + follows in + follows out).
   */
  degree(id: string): number {
    const i = this.indexOf(id);
    return this.#tie[i].size + (this.#out[i]?.size ?? 0) + (this.#in[i]?.size ?? 0);
  }

  /**
   * Share of possible directed links present, counting a mutual tie as two: (2·ties + follows) /
   * (n·(n−1)). Equals the usual density for a purely undirected or purely directed graph.
   *
   * @returns Density in [0, 1] (0 for fewer than two agents).
   */
  density(): number {
    const n = this.#ids.length;
    if (n < 2) return 0;
    return (2 * this.#ties + this.followCount) / (n * (n - 1));
  }

  /** @returns Copies of all links in insertion order. */
  edges(): Edge[] {
    return Array.from(this.#all, (e) => ({ ...e }));
  }

  /** @returns The graph as plain data (nodes and links in insertion order). */
  toJSON(): GraphJson {
    return { nodes: this.#ids.slice(), edges: this.edges() };
  }

  /**
   * Rebuilds a graph from {@link SocialGraph.toJSON} output, validating it.
   *
   * @param json Parsed JSON.
   * @param source Where it came from, for error messages.
   * @returns The graph, with the same iteration orders as the original.
   */
  static fromJSON(json: unknown, source = "graph.json"): SocialGraph {
    const parsed = GraphJsonSchema.safeParse(json);
    if (!parsed.success) {
      throw new SociusError("data", `${source}: ${formatIssues(parsed.error.issues)}`);
    }
    const g = new SocialGraph(parsed.data.nodes);
    for (const e of parsed.data.edges) g.addEdge(e.source, e.target, e);
    return g;
  }

  /**
   * Builds a graph of mutual ties from index pairs (the fast path for generators).
   *
   * @param ids Agent ids; index k names ids[k].
   * @param src Source index of each tie.
   * @param dst Target index of each tie.
   * @param count Number of ties to read from src/dst.
   * @param options Type and closeness of every tie.
   * @returns The graph.
   */
  static fromIndexPairs(
    ids: readonly string[],
    src: ArrayLike<number>,
    dst: ArrayLike<number>,
    count: number,
    options: { type?: string; closeness?: number } = {},
  ): SocialGraph {
    const g = new SocialGraph(ids);
    if (g.nodeCount !== ids.length) throw new RangeError("agent ids must be distinct");
    const type = options.type ?? DEFAULT_TIE_TYPE;
    const closeness = options.closeness ?? DEFAULT_CLOSENESS;
    for (let k = 0; k < count; k++) {
      const i = src[k], j = dst[k];
      if (i === j || g.#tie[i].has(j)) continue;
      g.#link(i, j, { source: ids[i], target: ids[j], type, closeness, directed: false });
    }
    return g;
  }

  #link(i: number, j: number, e: Edge): void {
    if (e.directed) {
      (this.#out[i] ??= new Map()).set(j, e);
      (this.#in[j] ??= new Map()).set(i, e);
    } else {
      this.#tie[i].set(j, e);
      this.#tie[j].set(i, e);
      this.#ties++;
    }
    this.#all.add(e);
    this.#cache[i] = this.#cache[j] = undefined;
  }
}
