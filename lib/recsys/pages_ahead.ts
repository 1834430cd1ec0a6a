/**
 * Pages computed ahead on a second thread while the round's turns run. At the start of a
 * round the engine hands over every active user with what is blocked for it (items it
 * interacted with, items already shown); a worker scores the catalogue for them from the
 * last user backwards while the turns, on the main thread, go forwards. Each user's slot is
 * claimed once, by whichever thread gets to it first (an atomic compare-and-swap on shared
 * memory), so no page waits on a message and none is computed twice; both threads run the
 * same code on the same factors ({@link pageCandidates}), so a page is the same items with
 * the same scores whichever thread computed it, and the run's events are unchanged.
 *
 * @module
 */
import { type CandidateScratch, candidateScratch, pageCandidates } from "./page_candidates.ts";
import { CatalogScorer } from "./catalog_scorer.ts";

/** What the worker needs: shared factors, the users and their blocked items, result slots. */
export interface PagesAheadJob {
  x: Float32Array;
  y: Float32Array;
  f: number;
  items: number;
  depth: number;
  /** User row per request. */
  rows: Int32Array;
  /** Blocked items of request j are `blocked[blockedPtr[j]..blockedPtr[j+1])`. */
  blockedPtr: Int32Array;
  blocked: Int32Array;
  /** Per request: 0 waiting, 1 the worker is computing it, 2 done, 3 the caller is computing it. */
  state: Int32Array;
  /** Candidates written per request. */
  count: Int32Array;
  /** Candidates of request j from j × depth. */
  idx: Int32Array;
  score: Float64Array;
}

const WAITING = 0, WORKER = 1, DONE = 2, CALLER = 3;

/** One request: a user, its row and the item indices blocked for it when the round started. */
export interface PageRequest {
  userId: string;
  /** The user's row in the model. */
  row: number;
  blocked: readonly number[] | Iterable<number>;
}

/** An item index with its score. */
export interface AheadItem {
  index: number;
  score: number;
}

/**
 * A round's pages computed ahead.
 *
 * @example Pages from a request, with and without the worker, are the same
 * ```ts
 * import { PagesAhead } from "@lib/recsys/pages_ahead.ts";
 * import assert from "node:assert/strict";
 * const x = new Float32Array([1, 0, 0, 1]); // two users, two factors
 * const y = new Float32Array([0.9, 0.1, 0.2, 0.8, 0.5, 0.5, 0.7, 0.3]); // four items
 * const requests = [{ userId: "u0", row: 0, blocked: [0] }, { userId: "u1", row: 1, blocked: [] }];
 * const mask = new Uint8Array(4);
 * mask[0] = 1;
 * const pages = [];
 * for (const worker of [false, true]) {
 *   const ahead = new PagesAhead({ x, y, f: 2, items: 4, depth: 3 }, requests, worker);
 *   pages.push(ahead.page("u0", 2, mask));
 *   ahead.close();
 * }
 * assert.deepEqual(pages[0]!.map((e) => e.index), [3, 2]);
 * assert.deepEqual(pages[1], pages[0]);
 * ```
 */
export class PagesAhead {
  readonly #job: PagesAheadJob;
  readonly #byUser = new Map<string, number>();
  readonly #scratch;
  #worker: Worker | null = null;
  /** Pages answered from the candidates so far. */
  served = 0;
  /** Users whose candidates this thread computed (the worker computed the others it reached). */
  computedHere = 0;
  /**
   * How many users the worker computed, once it has gone through them all (0 at once without
   * a worker; never settles when the round ends first and {@link close} stops it).
   */
  workerDone: Promise<number> = Promise.resolve(0);

  /**
   * @param model The factors (copied to shared memory when they are not on it), their
   *   dimensions, the catalogue size and how many candidates to keep per user.
   * @param requests The users, in the order the turns will reach them.
   * @param worker Whether a worker thread computes from the end (false: only the caller).
   */
  constructor(
    model: {
      x: Float32Array;
      y: Float32Array;
      f: number;
      items: number;
      depth: number;
    },
    requests: readonly PageRequest[],
    worker: boolean,
  ) {
    const n = requests.length, depth = model.depth;
    const ptr = shared(Int32Array, n + 1);
    const blockedAll: number[] = [];
    requests.forEach((r, j) => {
      this.#byUser.set(r.userId, j);
      for (const i of r.blocked) blockedAll.push(i);
      ptr[j + 1] = blockedAll.length;
    });
    const blocked = shared(Int32Array, blockedAll.length);
    blocked.set(blockedAll);
    const rows = shared(Int32Array, n);
    rows.set(requests.map((r) => r.row));
    this.#job = {
      x: onShared(model.x),
      y: onShared(model.y),
      f: model.f,
      items: model.items,
      depth,
      rows,
      blockedPtr: ptr,
      blocked,
      state: shared(Int32Array, n),
      count: shared(Int32Array, n),
      idx: shared(Int32Array, n * depth),
      score: shared(Float64Array, n * depth),
    };
    this.#scratch = candidateScratch(
      model.items,
      CatalogScorer.create(model.y, model.f, model.items),
    );
    if (worker && n > 0) {
      this.#worker = new Worker(new URL("./pages_ahead_worker.ts", import.meta.url).href, {
        type: "module",
      });
      // A worker that fails (it cannot start, say) only leaves more for the caller to compute.
      this.#worker.onerror = (e) => e.preventDefault();
      this.workerDone = new Promise((resolve) => {
        this.#worker!.onmessage = (e: MessageEvent<number>) => resolve(e.data);
      });
      this.#worker.postMessage(this.#job);
    }
  }

  /**
   * A user's page from the candidates, when they answer it exactly.
   *
   * @param userId The user.
   * @param k Page length.
   * @param mask 1 for every item blocked now.
   * @returns The page, or null when the user was not requested, something blocked at the
   *   round's start is not blocked now, or the candidates run out before k items.
   */
  page(userId: string, k: number, mask: Uint8Array): AheadItem[] | null {
    const j = this.#byUser.get(userId);
    if (j === undefined) return null;
    const job = this.#job;
    if (Atomics.compareExchange(job.state, j, WAITING, CALLER) === WAITING) {
      job.count[j] = computeRequest(job, j, this.#scratch);
      Atomics.store(job.state, j, DONE);
      this.computedHere++;
    }
    // The worker is on this very user: its answer is microseconds away. Should it have died
    // on it, the caller computes the user after a second (the slots are then its alone).
    for (let waited = 0; Atomics.load(job.state, j) === WORKER; waited += 50) {
      if (waited >= 1000) {
        job.count[j] = computeRequest(job, j, this.#scratch);
        Atomics.store(job.state, j, DONE);
        this.computedHere++;
        break;
      }
      Atomics.wait(job.state, j, WORKER, 50);
    }
    for (let e = job.blockedPtr[j]; e < job.blockedPtr[j + 1]; e++) {
      if (mask[job.blocked[e]] === 0) return null;
    }
    const out: AheadItem[] = [];
    const count = job.count[j], base = j * job.depth;
    for (let c = 0; c < count && out.length < k; c++) {
      const i = job.idx[base + c];
      if (mask[i] === 0) out.push({ index: i, score: job.score[base + c] });
    }
    // A full list ends where the round's start cut it: what comes after is unknown.
    if (out.length < k && count === job.depth) return null;
    this.served++;
    return out;
  }

  /** @returns How many users were asked for, and how many of them the worker computed. */
  counts(): { users: number; byWorker: number } {
    let done = 0;
    for (let j = 0; j < this.#job.state.length; j++) {
      if (Atomics.load(this.#job.state, j) === DONE) done++;
    }
    return { users: this.#job.state.length, byWorker: done - this.computedHere };
  }

  /** Stops the worker (the round is over). */
  close(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}

/**
 * The worker's side: claims requests from the last to the first and computes each.
 *
 * @param job The shared job.
 * @returns How many requests this thread computed.
 *
 * @example Every request done, none twice
 * ```ts
 * import { computeAhead } from "@lib/recsys/pages_ahead.ts";
 * import assert from "node:assert/strict";
 * const sab = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
 * const job = { x: new Float32Array([1]), y: new Float32Array([0.2, 0.4]), f: 1, items: 2, depth: 1,
 *   rows: new Int32Array([0, 0]), blockedPtr: new Int32Array([0, 0, 1]), blocked: new Int32Array([1]),
 *   state: sab(2), count: sab(2), idx: sab(2), score: new Float64Array(2) };
 * job.state[0] = 3; // the caller took the first
 * assert.equal(computeAhead(job), 1);
 * assert.deepEqual([...job.idx], [0, 0]);
 * assert.equal(job.state[1], 2);
 * ```
 */
export function computeAhead(job: PagesAheadJob): number {
  const scratch = candidateScratch(job.items, CatalogScorer.create(job.y, job.f, job.items));
  let done = 0;
  for (let j = job.rows.length - 1; j >= 0; j--) {
    if (Atomics.compareExchange(job.state, j, WAITING, WORKER) !== WAITING) continue;
    job.count[j] = computeRequest(job, j, scratch);
    Atomics.store(job.state, j, DONE);
    Atomics.notify(job.state, j);
    done++;
  }
  return done;
}

/** Computes request j's candidates into its slots, with one thread's buffers. */
function computeRequest(job: PagesAheadJob, j: number, scratch: CandidateScratch): number {
  return pageCandidates(
    job.x,
    job.rows[j],
    job.y,
    job.f,
    job.blocked,
    job.blockedPtr[j],
    job.blockedPtr[j + 1],
    job.depth,
    scratch,
    job.idx,
    job.score,
    j * job.depth,
  );
}

function shared<T extends Int32Array | Float64Array>(
  kind: { new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new kind(new SharedArrayBuffer(length * kind.BYTES_PER_ELEMENT));
}

/** The factors on shared memory (MF's worker-trained factors already are). */
function onShared(a: Float32Array): Float32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = new Float32Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}
