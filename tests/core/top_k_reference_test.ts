// topK against the heap it had before its scan kept the root's score in a local: the same
// entries, in the same order, with the same scores (signed zeros included), for ties, NaN,
// infinities, filters, every k and each kind of score array.
import assert from "node:assert/strict";
import { type IndexScore, topK } from "@lib/core/top_k.ts";
import { Rng } from "@lib/core/rng.ts";

/** The reference: the former bounded heap, every candidate compared with the root in full. */
function referenceTopK(
  scores: ArrayLike<number>,
  k: number,
  accept?: (index: number) => boolean,
): IndexScore[] {
  const cap = Math.max(0, Math.floor(k));
  if (cap === 0) return [];
  const idx = new Int32Array(cap), val = new Float64Array(cap);
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s !== s) continue;
    if (size === cap && (s < val[0] || (s === val[0] && i > idx[0]))) continue;
    if (accept && !accept(i)) continue;
    if (size < cap) {
      let pos = size++;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        const ps = val[parent];
        if (!(s < ps || (s === ps && i > idx[parent]))) break;
        val[pos] = ps;
        idx[pos] = idx[parent];
        pos = parent;
      }
      val[pos] = s;
      idx[pos] = i;
    } else {
      let pos = 0;
      while (true) {
        const l = 2 * pos + 1, r = l + 1;
        let m = -1, ms = s, mi = i;
        if (l < size && (val[l] < ms || (val[l] === ms && idx[l] > mi))) {
          m = l;
          ms = val[l];
          mi = idx[l];
        }
        if (r < size && (val[r] < ms || (val[r] === ms && idx[r] > mi))) {
          m = r;
          ms = val[r];
          mi = idx[r];
        }
        if (m < 0) break;
        val[pos] = ms;
        idx[pos] = mi;
        pos = m;
      }
      val[pos] = s;
      idx[pos] = i;
    }
  }
  const out: IndexScore[] = [];
  for (let i = 0; i < size; i++) out.push({ index: idx[i], score: val[i] });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}

/** Same entries and order, and each score the same value by Object.is (so -0 ≠ +0). */
function assertSame(got: IndexScore[], want: IndexScore[], label: string): void {
  assert.equal(got.length, want.length, label);
  for (let j = 0; j < want.length; j++) {
    assert.equal(got[j].index, want[j].index, `${label}: index at ${j}`);
    assert.ok(Object.is(got[j].score, want[j].score), `${label}: score at ${j}`);
  }
}

/** Scores from a few distinct values (ties everywhere), with NaN, ±0 and ±∞ among them. */
function tiedScores(rng: Rng, n: number): number[] {
  const specials = [NaN, 0, -0, Infinity, -Infinity];
  return Array.from(
    { length: n },
    () => rng.next() < 0.15 ? specials[rng.int(specials.length)] : rng.int(6) / 4 - 0.5,
  );
}

Deno.test("topK returns what the former heap returned, on tied, signed-zero and infinite scores", () => {
  const rng = new Rng("topk-reference");
  for (let trial = 0; trial < 600; trial++) {
    const n = rng.int(80);
    const plain = tiedScores(rng, n);
    const blocked = new Uint8Array(n).map(() => rng.next() < 0.3 ? 1 : 0);
    const accept = trial % 2 === 0 ? undefined : (i: number) => blocked[i] === 0;
    const kinds: [string, ArrayLike<number>][] = [
      ["array", plain],
      ["float64", Float64Array.from(plain)],
      ["float32", Float32Array.from(plain)],
    ];
    for (const [kind, scores] of kinds) {
      for (const k of [0, 1, 2, 3, 5, 7.5, n, n + 2]) {
        const label = `trial ${trial} ${kind} k ${k}`;
        assertSame(topK(scores, k, accept), referenceTopK(scores, k, accept), label);
      }
    }
  }
});

Deno.test("topK returns what the former heap returned over a catalogue of MF-like scores", () => {
  const rng = new Rng("topk-catalogue");
  for (let page = 0; page < 40; page++) {
    const scores = new Float64Array(2935).map(() => rng.normal(0, 0.05));
    // Some exact repeats, as identical items score identically.
    for (let j = 0; j < 50; j++) scores[rng.int(2935)] = scores[rng.int(2935)];
    const blocked = new Uint8Array(2935).map(() => rng.next() < 0.01 ? 1 : 0);
    for (const k of [1, 5, 10, 50]) {
      assertSame(
        topK(scores, k, (i) => blocked[i] === 0),
        referenceTopK(scores, k, (i) => blocked[i] === 0),
        `page ${page} k ${k}`,
      );
    }
  }
});

Deno.test("the filter is asked about exactly the candidates that could still enter", () => {
  // A filter with a side effect: both versions must consult it for the same indices, so a
  // caller's counting or caching filter sees no change.
  const rng = new Rng("topk-asked");
  for (let trial = 0; trial < 200; trial++) {
    const scores = tiedScores(rng, rng.int(60));
    const k = 1 + rng.int(6);
    const askedNew: number[] = [], askedOld: number[] = [];
    topK(scores, k, (i) => (askedNew.push(i), i % 3 !== 0));
    referenceTopK(scores, k, (i) => (askedOld.push(i), i % 3 !== 0));
    assert.deepEqual(askedNew, askedOld, `trial ${trial}`);
  }
});
