import assert from "node:assert/strict";
import { decodeText, readTextData } from "@lib/core/text_file.ts";
import { readProfilesCsv } from "@lib/profile/handcrafted.ts";
import { loadEdgeCsv } from "@lib/social/load_csv.ts";

/** Encodes text as Latin-1 (every character below U+0100), as a legacy spreadsheet saves it. */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    assert.ok(c.charCodeAt(0) < 256);
    return c.charCodeAt(0);
  });
}

Deno.test("a Latin-1 profiles file is read with its accents, never as mojibake", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(
      `${dir}/p.csv`,
      latin1(
        "id,name,gender,age,traits,career,interests,features\n" +
          'r1,Rémi Dupré,male,40,"curieux, têtu",ingénieur,"films d\'épouvante",Watcher\n',
      ),
    );
    const [p] = (await readProfilesCsv(`${dir}/p.csv`)).profiles;
    assert.equal(p.name, "Rémi Dupré");
    assert.deepEqual(p.traits, ["curieux", "têtu"]);
    assert.equal(p.career, "ingénieur");
    assert.doesNotMatch(JSON.stringify(p), /\uFFFD|Ã/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("UTF-8 stays UTF-8 and Windows-1252 punctuation is decoded", () => {
  assert.deepEqual(decodeText(new TextEncoder().encode("Zoë “quoted”")), {
    text: "Zoë “quoted”",
    encoding: "utf-8",
  });
  // 0x93/0x94 are curly quotes in Windows-1252 (control codes in strict Latin-1).
  assert.deepEqual(decodeText(new Uint8Array([0x93, 0x68, 0x69, 0x94])), {
    text: "“hi”",
    encoding: "windows-1252",
  });
});

Deno.test("a missing data file or a folder in its place is one DataError naming the path", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(readTextData(`${dir}/none.csv`), (e: Error) => {
      assert.equal(e.message, `${dir}/none.csv: expected a readable file, found none`);
      return true;
    });
    await assert.rejects(loadEdgeCsv(dir), (e: Error) => {
      assert.equal(e.message, `${dir}: expected a file, found a folder`);
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
