// Checking a run's logs against its checkpoint, by value: each way a log can differ from
// what the checkpoint covers is refused with its own message; what matches passes with a
// digest ready to continue.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { SociusError } from "@lib/core/errors.ts";
import { LogDigest } from "@lib/sim/log_digest.ts";
import {
  parseCheckpoint,
  trimToVerified,
  verifyLog,
  verifyRunFolder,
} from "@lib/sim/run_verify.ts";

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

/** A run folder holding the given files (null: absent). */
async function withFolder(
  files: Record<string, string | null>,
  f: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, text] of Object.entries(files)) {
      if (text !== null) await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    await f(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const ROUND_END = '{"type":"round_end","round":0}\n';

Deno.test("a folder with no checkpoint and at most one round's events verifies to empty prefixes", async () => {
  const events = '{"type":"decision"}\n' + ROUND_END;
  await withFolder({ "events.jsonl": events, "metrics.jsonl": '{"round":0}\n' }, async (dir) => {
    const v = await verifyRunFolder(dir);
    assert.equal(v.checkpoint, null);
    assert.equal(v.events.size, events.length);
    assert.equal(v.metrics.size, 12);
    assert.equal(v.events.digest.cover().bytes, 0);
    assert.equal(v.metrics.digest.cover().bytes, 0);
  });
  await withFolder({}, async (dir) => {
    const v = await verifyRunFolder(dir);
    assert.deepEqual([v.checkpoint, v.events.size, v.metrics.size], [null, 0, 0]);
  });
});

Deno.test("a lost checkpoint is named when the events hold two or more rounds, even across read chunks", async () => {
  // Rounds far apart, so the marks fall in different chunks of the read (and one may be cut).
  const filler = `{"type":"decision","pad":"${"x".repeat(70_000)}"}\n`;
  const events = [filler, ROUND_END, filler, ROUND_END, filler, ROUND_END].join("");
  await withFolder({ "events.jsonl": events }, async (dir) => {
    await assert.rejects(
      () => verifyRunFolder(dir),
      (e: Error) =>
        e instanceof SociusError && e.message ===
          `${dir}/checkpoint.json: missing, but events.jsonl holds 3 completed rounds; restore checkpoint.json from a copy of the run, or start the run again in a new folder (--out): the same seed and LLM cache give the same events`,
    );
  });
  await withFolder({ "events.jsonl": ROUND_END + ROUND_END }, async (dir) => {
    await assert.rejects(() => verifyRunFolder(dir), /holds 2 completed rounds/);
  });
});

Deno.test("a checkpoint that cannot be read is refused as unreadable; one that is bad JSON names the file", async () => {
  await withFolder({}, async (dir) => {
    await Deno.mkdir(`${dir}/checkpoint.json`);
    await assert.rejects(
      () => verifyRunFolder(dir),
      (e: Error) =>
        e instanceof SociusError && e.message.startsWith(`${dir}/checkpoint.json: unreadable (`),
    );
  });
  await withFolder({ "checkpoint.json": "{" }, async (dir) => {
    await assert.rejects(() => verifyRunFolder(dir), SociusError);
  });
});

Deno.test("with a checkpoint, both logs are verified against what it covers", async () => {
  const events = '{"seq":0}\n{"seq":1}\n';
  const metrics = '{"round":0}\n';
  const checkpoint = {
    round: 0,
    eventsBytes: events.length,
    metricsBytes: metrics.length,
    events: 2,
    eventsSha256: sha(events),
    metricsSha256: sha(metrics),
    metricsRows: 1,
    state: {},
  };
  const files = {
    "events.jsonl": events + '{"seq":2}\n',
    "metrics.jsonl": metrics,
    "checkpoint.json": JSON.stringify(checkpoint),
  };
  await withFolder(files, async (dir) => {
    const v = await verifyRunFolder(dir);
    assert.deepEqual(v.checkpoint, checkpoint);
    assert.equal(v.events.digest.cover().bytes, events.length);
    assert.equal(v.events.size, events.length + 10);
    assert.equal(v.metrics.digest.cover().bytes, metrics.length);
  });
  await withFolder({ ...files, "metrics.jsonl": "" }, async (dir) => {
    await assert.rejects(() => verifyRunFolder(dir), /metric rows/);
  });
  await withFolder({ ...files, "events.jsonl": '{"seq":0}\n' }, async (dir) => {
    await assert.rejects(() => verifyRunFolder(dir), /\(2 events\)/);
  });
});

Deno.test("trimming cuts a log to its verified prefix, never lengthens it, and creates a missing empty log", async () => {
  await withFolder({ "events.jsonl": '{"a":1}\n{"b":2}\n' }, async (dir) => {
    const path = `${dir}/events.jsonl`;
    const digest = new LogDigest();
    digest.update(new TextEncoder().encode('{"a":1}\n'));
    await trimToVerified(path, { digest, size: 16 });
    assert.equal(await Deno.readTextFile(path), '{"a":1}\n');
    // A size below what is covered is left alone (never padded).
    await trimToVerified(path, { digest: new LogDigest(), size: 0 });
    assert.equal(await Deno.readTextFile(path), '{"a":1}\n');
    const covered = new LogDigest();
    covered.update(new TextEncoder().encode('{"a":1}\n{"b":2}\n'));
    await trimToVerified(path, { digest: covered, size: 8 });
    assert.equal(await Deno.readTextFile(path), '{"a":1}\n');
  });
  await withFolder({}, async (dir) => {
    await trimToVerified(`${dir}/metrics.jsonl`, { digest: new LogDigest(), size: 0 });
    assert.equal(await Deno.readTextFile(`${dir}/metrics.jsonl`), "");
  });
});
