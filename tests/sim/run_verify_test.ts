// Checking a run's logs against its checkpoint, by value: each way a log can differ from
// what the checkpoint covers is refused with its own message; what matches passes with a
// digest ready to continue.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { SociusError } from "@lib/core/errors.ts";
import { parseCheckpoint, verifyLog } from "@lib/sim/run_verify.ts";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const LOG = '{"e":1}\n{"e":2}\n';
const RECOVER = /; restore the run folder from a copy, or start the run again in a new folder/;

async function withLog(text: string | null, f: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/events.jsonl`;
    if (text !== null) await Deno.writeTextFile(path, text);
    await f(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function refusedWith(re: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof SociusError, String(e));
    assert.equal(e.kind, "run");
    assert.match(e.message, re);
    assert.match(e.message, RECOVER);
    return true;
  };
}

Deno.test("a log that matches its cover passes, with the digest of the prefix and the file's size", async () => {
  await withLog(LOG + '{"e":3', async (path) => {
    const cover = { bytes: LOG.length, lines: 2, sha256: sha(LOG) };
    const r = await verifyLog(path, cover, 1, "events");
    assert.equal(r.size, LOG.length + 6, "the torn round after the prefix is there to trim");
    assert.deepEqual(r.digest.cover(), cover);
  });
});

Deno.test("a missing log passes only when the checkpoint covers none of it", async () => {
  await withLog(null, async (path) => {
    const r = await verifyLog(path, { bytes: 0, lines: 0 }, -1, "events");
    assert.deepEqual([r.size, r.digest.cover().bytes, r.digest.cover().lines], [0, 0, 0]);
    await assert.rejects(
      () => verifyLog(path, { bytes: 16, lines: 2 }, 3, "events"),
      refusedWith(
        /events\.jsonl: missing, but checkpoint\.json \(round 3\) covers 16 bytes \(2 events\) of it;/,
      ),
    );
    await assert.rejects(
      () => verifyLog(path, { bytes: 16 }, 3, "events"),
      refusedWith(/: missing, but checkpoint\.json \(round 3\) covers 16 bytes of it;/),
    );
  });
});

Deno.test("a shortened log names its size and lines and what the checkpoint covers", async () => {
  await withLog('{"e":1}\n', async (path) => {
    await assert.rejects(
      () => verifyLog(path, { bytes: LOG.length, lines: 2, sha256: sha(LOG) }, 4, "metric rows"),
      refusedWith(
        /: shortened to 8 bytes \(1 metric rows\), but checkpoint\.json \(round 4\) covers 16 bytes \(2 metric rows\): history is missing/,
      ),
    );
  });
  // One byte short is short.
  await withLog(LOG.slice(0, -1), async (path) => {
    await assert.rejects(
      () => verifyLog(path, { bytes: LOG.length }, 0, "events"),
      /shortened to 15 bytes/,
    );
  });
});

Deno.test("an edit inside the covered prefix is found by its hash, even at the same length", async () => {
  const edited = LOG.replace('"e":2', '"e":7');
  await withLog(edited, async (path) => {
    await assert.rejects(
      () => verifyLog(path, { bytes: LOG.length, lines: 2, sha256: sha(LOG) }, 2, "events"),
      refusedWith(
        /: edited or corrupted: its first 16 bytes no longer match the SHA-256 that checkpoint\.json \(round 2\) recorded;/,
      ),
    );
    // An old checkpoint without hashes cannot see it: the line count still matches.
    const r = await verifyLog(path, { bytes: LOG.length, lines: 2 }, 2, "events");
    assert.equal(r.digest.cover().sha256, sha(edited));
  });
});

Deno.test("without a hash, a different line count within the prefix is refused", async () => {
  await withLog('{"e":1,"x":2222}', async (path) => {
    await assert.rejects(
      () => verifyLog(path, { bytes: 16, lines: 2 }, 5, "events"),
      refusedWith(
        /: edited or corrupted: its first 16 bytes hold 0 events, checkpoint\.json \(round 5\) covers 16 bytes \(2 events\);/,
      ),
    );
    // Nothing to compare: passes.
    const r = await verifyLog(path, { bytes: 16 }, 5, "events");
    assert.equal(r.size, 16);
  });
});

Deno.test("a log that cannot be read is refused as unreadable", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // A folder where the log should be: opening it for reading fails, not with NotFound.
    await Deno.mkdir(`${dir}/events.jsonl`);
    await assert.rejects(
      () => verifyLog(`${dir}/events.jsonl`, { bytes: 4 }, 0, "events"),
      refusedWith(/events\.jsonl: unreadable \(/),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("checkpoint.json: bad JSON and the first wrong field are named with the file", () => {
  assert.throws(
    () => parseCheckpoint("{not json", "run/checkpoint.json"),
    refusedWith(/^run\/checkpoint\.json: not valid JSON \(/),
  );
  const good = {
    round: 2,
    eventsBytes: 10,
    metricsBytes: 0,
    events: 3,
    eventsSha256: "a".repeat(64),
    state: { t: 1 },
  };
  assert.deepEqual(parseCheckpoint(JSON.stringify(good), "c.json"), good);
  assert.equal(parseCheckpoint(JSON.stringify({ ...good, round: -1 }), "c.json").round, -1);
  for (
    const [bad, field] of [
      [{ ...good, round: -2 }, /^c\.json: round: /],
      [{ ...good, eventsBytes: 1.5 }, /^c\.json: eventsBytes: /],
      [{ ...good, events: -1 }, /^c\.json: events: /],
      [{ ...good, eventsSha256: "A".repeat(64) }, /^c\.json: eventsSha256: /],
      [{ ...good, metricsSha256: "a".repeat(63) }, /^c\.json: metricsSha256: /],
      [{ ...good, state: null }, /^c\.json: state: expected the world state;/],
      [{ ...good, metricsRows: -3 }, /^c\.json: metricsRows: /],
    ] as const
  ) {
    assert.throws(() => parseCheckpoint(JSON.stringify(bad), "c.json"), refusedWith(field));
  }
  const { state: _s, ...noState } = good;
  assert.throws(
    () => parseCheckpoint(JSON.stringify(noState), "c.json"),
    refusedWith(/^c\.json: state: /),
  );
});
