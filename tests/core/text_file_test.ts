// Reading text data by value: UTF-8, the Windows-1252 fallback and its note on stderr, and the
// error for a missing file, a folder and an unreadable file.
import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { decodeText, readTextData } from "@lib/core/text_file.ts";

/** Runs f with console.error captured. */
async function stderrOf(f: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.join(" "));
  try {
    await f();
  } finally {
    console.error = original;
  }
  return lines;
}

Deno.test("UTF-8 reads as it is, silently; Latin-1 bytes fall back to Windows-1252 with a note", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/u.csv`, "Amélie");
    let text = "";
    assert.deepEqual(await stderrOf(async () => text = await readTextData(`${dir}/u.csv`)), []);
    assert.equal(text, "Amélie");
    await Deno.writeFile(
      `${dir}/l.csv`,
      new Uint8Array([0x41, 0x6d, 0xe9, 0x6c, 0x69, 0x65, 0x80]),
    );
    const notes = await stderrOf(async () =>
      text = await readTextData(new URL(`file://${dir}/l.csv`))
    );
    assert.equal(text, "Amélie€");
    assert.deepEqual(notes, [
      `note: ${dir}/l.csv is not valid UTF-8; read as Windows-1252 (Latin-1)`,
    ]);
    assert.deepEqual(decodeText(new Uint8Array([0xe9])), { text: "é", encoding: "windows-1252" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a missing file, a folder and an unreadable path each get their own message", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const refused = async (path: string, message: string) =>
      await assert.rejects(() => readTextData(path), (e: unknown) => {
        assert.ok(e instanceof DataError);
        assert.equal(e.message, message);
        return true;
      });
    await refused(`${dir}/none.csv`, `${dir}/none.csv: expected a readable file, found none`);
    await refused(dir, `${dir}: expected a file, found a folder`);
    await Deno.writeTextFile(`${dir}/f`, "x");
    const e = await readTextData(`${dir}/f/under`).catch((e) => e);
    assert.ok(e instanceof DataError);
    assert.match(e.message, new RegExp(`^${dir}/f/under: cannot read: .+`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
