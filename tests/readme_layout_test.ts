import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

function folders(dir: string): string[] {
  return [...Deno.readDirSync(dir)].filter((e) => e.isDirectory && !e.name.startsWith("."))
    .map((e) => e.name).sort();
}

Deno.test("the README's layout section lists every top-level folder and every lib/ folder", () => {
  const readme = Deno.readTextFileSync(`${ROOT}README.md`);
  const section = readme.split(/^## Layout$/m)[1]?.split(/^## /m)[0];
  assert.ok(section, "README.md has a '## Layout' section");
  const block = section.split("```")[1];
  const listed = (indent: string) =>
    new Set([...block.matchAll(new RegExp(`^${indent}([\\w.-]+)/`, "gm"))].map((m) => m[1]));
  const top = listed(""), lib = listed("  ");
  // Folders the repository ignores (run outputs, installed packages) are per machine.
  const ignored = new Set(
    Deno.readTextFileSync(`${ROOT}.gitignore`).split("\n").map((l) => l.trim())
      .filter((l) => /^[\w.-]+\/$/.test(l)).map((l) => l.slice(0, -1)),
  );
  for (const f of folders(ROOT).filter((f) => !ignored.has(f))) {
    assert.ok(top.has(f), `top-level folder ${f}/ is missing from the README layout`);
  }
  for (const f of folders(`${ROOT}lib`)) {
    assert.ok(lib.has(f), `lib/${f}/ is missing from the README layout`);
  }
});
