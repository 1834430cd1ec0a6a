// Complete-or-absent writes by value, under a disk that records every call and fails where
// told: what is opened with which options, what is written, synced, renamed and removed, and
// the exact error each failure gives.
import assert from "node:assert/strict";
import {
  appendLines,
  type FileIo,
  type WritableFile,
  writeAtomic,
  WriteError,
  writeFully,
} from "@lib/core/atomic_write.ts";

const dec = new TextDecoder();

interface Disk extends FileIo {
  calls: string[];
  written: string[];
}

/** A recording disk; `fail` names the call that throws, `accept` shapes each write's count. */
function disk(
  fail: Partial<Record<"open" | "write" | "sync" | "rename", string>> = {},
  accept?: (n: number, i: number) => number,
): Disk {
  const calls: string[] = [];
  const written: string[] = [];
  let writes = 0;
  const file: WritableFile = {
    write(bytes) {
      calls.push(`write ${bytes.length}`);
      if (fail.write) return Promise.reject(new Error(fail.write));
      const n = accept ? accept(bytes.length, writes++) : bytes.length;
      written.push(dec.decode(bytes.subarray(0, Math.max(0, Math.min(n, bytes.length)))));
      return Promise.resolve(n);
    },
    sync() {
      calls.push("sync");
      return fail.sync ? Promise.reject(new Error(fail.sync)) : Promise.resolve();
    },
    close() {
      calls.push("close");
    },
  };
  return {
    calls,
    written,
    open(path, options) {
      calls.push(`open ${path} ${JSON.stringify(options)}`);
      return fail.open ? Promise.reject(new Error(fail.open)) : Promise.resolve(file);
    },
    rename(from, to) {
      calls.push(`rename ${from} ${to}`);
      return fail.rename ? Promise.reject(new Error(fail.rename)) : Promise.resolve();
    },
    remove(path) {
      calls.push(`remove ${path}`);
      return Promise.reject(new Error("no such file"));
    },
  };
}

function writeErrorOf(file: string, message: string) {
  return (e: unknown) => {
    assert.ok(e instanceof WriteError, String(e));
    assert.equal(e.kind, "io");
    assert.equal(e.file, file);
    assert.equal(e.message, message);
    return true;
  };
}

Deno.test("writeAtomic writes a temporary sibling in full, syncs, closes, then renames it", async () => {
  const d = disk();
  await writeAtomic("/r/a.json", '{"x":1}', d);
  assert.deepEqual(d.calls, [
    'open /r/a.json.tmp {"write":true,"create":true,"truncate":true}',
    "write 7",
    "sync",
    "close",
    "rename /r/a.json.tmp /r/a.json",
  ]);
  assert.deepEqual(d.written, ['{"x":1}']);
});

Deno.test("a failed rename removes the temporary file and names the target", async () => {
  const d = disk({ rename: "EXDEV" });
  await assert.rejects(
    () => writeAtomic("/r/a.json", "{}", d),
    writeErrorOf("/r/a.json", "/r/a.json: could not be written (EXDEV)"),
  );
  assert.deepEqual(d.calls.slice(-2), ["rename /r/a.json.tmp /r/a.json", "remove /r/a.json.tmp"]);
});

Deno.test("a failed sync closes the file, never renames, and says why", async () => {
  const d = disk({ sync: "EIO" });
  await assert.rejects(
    () => writeAtomic("/r/c.json", "{}", d),
    writeErrorOf("/r/c.json", "/r/c.json: could not be written (EIO)"),
  );
  assert.deepEqual(d.calls.slice(1), ["write 2", "sync", "close", "remove /r/c.json.tmp"]);
});

Deno.test("a write that fails midway says how far it got, once, with the cause kept", async () => {
  const d = disk({}, (_n, i) => (i === 0 ? 4 : -1));
  const err = await writeAtomic("/r/b.json", "0123456789", d).catch((e) => e);
  writeErrorOf(
    "/r/b.json",
    "/r/b.json: could not be written (the disk accepted -1 bytes after 4 of 10)",
  )(err);
  assert.ok(!d.calls.some((c) => c.startsWith("rename")));
  assert.equal(d.calls.at(-1), "remove /r/b.json.tmp");
  const thrown = disk({ write: "ENOSPC" });
  const e2 = await writeAtomic("/r/b.json", "0123456789", thrown).catch((e) => e);
  writeErrorOf("/r/b.json", "/r/b.json: could not be written (ENOSPC after 0 of 10 bytes)")(e2);
  assert.equal((e2 as Error).cause instanceof Error && (e2.cause as Error).message, "ENOSPC");
});

Deno.test("writeFully continues short writes and refuses zero, NaN and over-long counts", async () => {
  const enc = new TextEncoder();
  const short = disk({}, (n) => Math.min(n, 3));
  await writeFully(await short.open("f", {}), enc.encode("abcdefgh"), "f");
  assert.deepEqual(short.written, ["abc", "def", "gh"]);
  assert.deepEqual(short.calls.slice(1), ["write 8", "write 5", "write 2"]);
  const refusals: [(n: number, i: number) => number, string][] = [
    [() => 0, "the disk accepted 0 bytes after 0 of 5"],
    [() => NaN, "the disk accepted NaN bytes after 0 of 5"],
    [(n) => n + 1, "the disk accepted 6 bytes after 0 of 5"],
    [(_n, i) => (i === 0 ? 2 : 4), "the disk accepted 4 bytes after 2 of 5"],
  ];
  for (const [accept, why] of refusals) {
    const d = disk({}, accept);
    await assert.rejects(
      async () => writeFully(await d.open("f", {}), enc.encode("abcde"), "f"),
      writeErrorOf("f", `f: could not be written (${why})`),
    );
  }
  // Exactly the bytes left is accepted, in one write or in two.
  const exact = disk({}, (n, i) => (i === 0 ? 2 : n));
  await writeFully(await exact.open("f", {}), enc.encode("abcde"), "f");
  assert.deepEqual(exact.written, ["ab", "cde"]);
  // Nothing to write: no write call.
  const none = disk();
  await writeFully(await none.open("f", {}), new Uint8Array(), "f");
  assert.deepEqual(none.calls, ["open f {}"]);
});

Deno.test("appendLines opens to append, writes lines with newlines in chunks of 20,000, syncs and closes", async () => {
  const d = disk();
  const seen: number[] = [];
  const lines = Array.from({ length: 20_001 }, (_, i) => String(i % 10));
  await appendLines("/r/log.jsonl", lines, d, (b) => seen.push(b.length));
  assert.equal(d.calls[0], 'open /r/log.jsonl {"append":true,"create":true}');
  assert.deepEqual(d.calls.slice(1), ["write 40000", "write 2", "sync", "close"]);
  assert.deepEqual(seen, [40_000, 2]);
  assert.equal(d.written.join(""), lines.join("\n") + "\n");
  assert.ok(d.written[0].endsWith("9\n"), "each chunk ends its last line");
});

Deno.test("appendLines with no lines touches nothing; its failures name the file", async () => {
  const d = disk();
  await appendLines("/r/log.jsonl", [], d);
  assert.deepEqual(d.calls, []);
  await assert.rejects(
    () => appendLines("/r/log.jsonl", ["a"], disk({ open: "EACCES" })),
    writeErrorOf("/r/log.jsonl", "/r/log.jsonl: could not be written (EACCES)"),
  );
  const s = disk({ sync: "EIO" });
  await assert.rejects(
    () => appendLines("/r/log.jsonl", ["a"], s),
    writeErrorOf("/r/log.jsonl", "/r/log.jsonl: could not be written (EIO)"),
  );
  assert.equal(s.calls.at(-1), "close", "closed even when the sync fails");
  const w = disk({ write: "ENOSPC" });
  const seen: number[] = [];
  await assert.rejects(
    () => appendLines("/r/log.jsonl", ["ab"], w, (b) => seen.push(b.length)),
    writeErrorOf("/r/log.jsonl", "/r/log.jsonl: could not be written (ENOSPC after 0 of 3 bytes)"),
  );
  assert.deepEqual(seen, [], "bytes that did not reach the disk are not reported");
  assert.equal(w.calls.at(-1), "close");
});

Deno.test("on the real disk a failed rename leaves no temporary file behind", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // A folder where the file should go: the rename over it fails.
    await Deno.mkdir(`${dir}/a.json`);
    await assert.rejects(() => writeAtomic(`${dir}/a.json`, "{}"), (e: unknown) => {
      assert.ok(e instanceof WriteError);
      assert.ok(e.cause instanceof Error, "the underlying error is kept");
      return true;
    });
    await assert.rejects(() => Deno.stat(`${dir}/a.json.tmp`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("every wrapped failure keeps its cause", async () => {
  for (
    const [fail, run] of [
      [{ rename: "EXDEV" }, (d: Disk) => writeAtomic("/r/a", "x", d)],
      [{ open: "EACCES" }, (d: Disk) => appendLines("/r/l", ["a"], d)],
      [{ sync: "EIO" }, (d: Disk) => appendLines("/r/l", ["a"], d)],
    ] as const
  ) {
    const err = await run(disk(fail)).catch((e) => e);
    assert.ok(err instanceof WriteError);
    assert.equal((err.cause as Error).message, Object.values(fail)[0]);
  }
});

Deno.test("exactly one chunk of 20,000 lines is one write, not one and an empty one", async () => {
  const d = disk();
  const lines = Array.from({ length: 20_000 }, () => "z");
  await appendLines("/r/log.jsonl", lines, d);
  assert.deepEqual(d.calls.slice(1), ["write 40000", "sync", "close"]);
});

Deno.test("appendLines reads lines from any iterable a chunk at a time, never ahead of the writes", async () => {
  const d = disk();
  let made = 0;
  const written: number[] = [];
  function* lines() {
    for (let i = 0; i < 45_000; i++) {
      made++;
      yield `l${i}`;
    }
  }
  await appendLines("/r/log.jsonl", lines(), d, () => written.push(made));
  // Each chunk was written when at most one line past it had been made.
  assert.deepEqual(written, [20_001, 40_001, 45_000]);
  assert.deepEqual(d.calls.filter((c) => c.startsWith("write")).length, 3);
  await appendLines("/r/log.jsonl", (function* () {})(), d);
  assert.equal(d.calls.filter((c) => c.startsWith("open")).length, 1);
});
