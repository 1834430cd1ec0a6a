import assert from "node:assert/strict";
import { listNotebooks, PROJECT_ROOT } from "@lib/cli/notebook_exec.ts";

const OUT = `${PROJECT_ROOT}/tests/.out/nbcheck`;

Deno.test("the code of every notebook type-checks against lib/", async () => {
  await Deno.mkdir(OUT, { recursive: true });
  const files: string[] = [];
  for (const nb of listNotebooks()) {
    const json = JSON.parse(await Deno.readTextFile(nb));
    const code = json.cells
      .filter((c: { cell_type: string }) => c.cell_type === "code")
      .map((c: { source: string[] | string }) =>
        Array.isArray(c.source) ? c.source.join("") : c.source
      )
      .join("\n\n");
    const stem = nb.slice(nb.lastIndexOf("/") + 1, -".ipynb".length);
    const file = `${OUT}/${stem}.ts`;
    // `export {}` makes each joined notebook a module, as the kernel treats it.
    await Deno.writeTextFile(file, `${code}\nexport {};\n`);
    files.push(file);
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", ...files],
    cwd: PROJECT_ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const log = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, `notebook type errors:\n${log}`);
});
