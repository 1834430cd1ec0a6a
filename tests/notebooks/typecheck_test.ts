import assert from "node:assert/strict";
import { listNotebooks, PROJECT_ROOT } from "@lib/cli/notebook_exec.ts";

Deno.test("the code of every notebook type-checks against lib/", async () => {
  // Outside the project tree: deno.json excludes tests/.out/, and `deno check` skips excluded
  // files silently, so joined notebooks written there were never checked at all.
  const OUT = await Deno.makeTempDir({ prefix: "socius-nbcheck-" });
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
    args: ["check", "--config", `${PROJECT_ROOT}/deno.json`, ...files],
    cwd: PROJECT_ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const log = new TextDecoder().decode(out.stderr);
  await Deno.remove(OUT, { recursive: true });
  assert.equal(out.code, 0, `notebook type errors:\n${log}`);
  assert.doesNotMatch(log, /No matching files/, "the joined notebooks were not checked");
  assert.equal(log.match(/^Check /gm)?.length, files.length, log);
});
