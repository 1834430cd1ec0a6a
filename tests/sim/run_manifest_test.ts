// What a run describes itself with, by value: the code revision as git gives it, and
// manifest.json's exact text.
import assert from "node:assert/strict";
import { codeRevision, type Manifest, manifestText } from "@lib/sim/run_manifest.ts";

Deno.test("the code revision is the checkout's HEAD, exactly as git prints it, without the newline", async () => {
  const out = await new Deno.Command("git", {
    args: ["rev-parse", "HEAD"],
    cwd: new URL("../..", import.meta.url).pathname,
    stdout: "piped",
    stderr: "null",
  }).output();
  const head = new TextDecoder().decode(out.stdout).trim();
  assert.match(head, /^[0-9a-f]{40}$/);
  assert.equal(await codeRevision(), head);
});

Deno.test("manifest.json is the manifest indented by two spaces, with one final line break", () => {
  const m = { name: "t", seed: 1, parent: null, resumed: [] } as unknown as Manifest;
  assert.equal(
    manifestText(m),
    '{\n  "name": "t",\n  "seed": 1,\n  "parent": null,\n  "resumed": []\n}\n',
  );
  assert.deepEqual(JSON.parse(manifestText(m)), m);
});
