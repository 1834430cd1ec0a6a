// The log digest by value: bytes, newline count and SHA-256 against node:crypto on the same
// bytes, continuation from a copy, and a file digested up to a limit across read buffers.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { LogDigest } from "@lib/sim/log_digest.ts";

const enc = new TextEncoder();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

Deno.test("bytes, lines and hash are those of the bytes given, a partial last line not counted", () => {
  const text = enc.encode('{"a":1}\n\n{"b":2}\n{"c"');
  const d = new LogDigest();
  d.update(text);
  assert.deepEqual(d.cover(), { bytes: text.length, lines: 3, sha256: sha(text) });
  const empty = new LogDigest().cover();
  assert.deepEqual(empty, { bytes: 0, lines: 0, sha256: sha(new Uint8Array()) });
});

Deno.test("a line split across two appends is counted once; cover() does not end the digest", () => {
  const d = new LogDigest();
  d.update(enc.encode("ab"));
  assert.equal(d.cover().lines, 0);
  d.update(enc.encode("c\nd\n"));
  assert.deepEqual(d.cover(), { bytes: 6, lines: 2, sha256: sha(enc.encode("abc\nd\n")) });
  d.update(enc.encode("\n"));
  assert.equal(d.cover().lines, 3, "the digest keeps growing after cover()");
});

Deno.test("a digest continued from another is a copy: the original does not move", () => {
  const a = new LogDigest();
  a.update(enc.encode("x\n"));
  const b = new LogDigest(a);
  b.update(enc.encode("y\n"));
  assert.deepEqual(a.cover(), { bytes: 2, lines: 1, sha256: sha(enc.encode("x\n")) });
  assert.deepEqual(b.cover(), { bytes: 4, lines: 2, sha256: sha(enc.encode("x\ny\n")) });
});

Deno.test("ofFile digests exactly the first `limit` bytes of a file larger than its buffer", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // 2.5 MiB of 64-byte lines: more than two read buffers of 1 MiB.
    const line = "x".repeat(63) + "\n";
    const bytes = enc.encode(line.repeat((5 << 19) / 64));
    const path = `${dir}/events.jsonl`;
    await Deno.writeFile(path, bytes);
    const limit = (3 << 19) + 10; // 1.5 MiB and 10 bytes: inside the second buffer, mid-line
    const part = await LogDigest.ofFile(path, limit);
    assert.equal(part.size, bytes.length);
    assert.deepEqual(part.digest.cover(), {
      bytes: limit,
      lines: Math.floor(limit / 64),
      sha256: sha(bytes.subarray(0, limit)),
    });
    const whole = await LogDigest.ofFile(path);
    assert.deepEqual(whole.digest.cover(), {
      bytes: bytes.length,
      lines: bytes.length / 64,
      sha256: sha(bytes),
    });
    const beyond = await LogDigest.ofFile(path, bytes.length + 100);
    assert.equal(beyond.digest.cover().bytes, bytes.length);
    const fds = [...Deno.readDirSync("/proc/self/fd")].length;
    const none = await LogDigest.ofFile(path, 0);
    assert.equal([...Deno.readDirSync("/proc/self/fd")].length, fds, "the file is closed");
    assert.deepEqual(none.digest.cover(), new LogDigest().cover());
    // The digest goes on from where the file stopped.
    part.digest.update(bytes.subarray(limit));
    assert.equal(part.digest.cover().sha256, sha(bytes));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
