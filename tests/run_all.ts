/**
 * The whole test command: static checks (fmt, lint, type-check), unit and doc tests, notebook
 * type-check and headless notebook execution (both inside `deno test`). Ends with the plain
 * line "N passed, M failed" that CI reads.
 *
 * @module
 */
import { JUPYTER_HINT, PROJECT_ROOT, requireJupyter } from "../lib/cli/notebook_exec.ts";

let passed = 0;
let failed = 0;

async function step(name: string, args: string[], parse = false): Promise<void> {
  console.log(`\n== ${name}: deno ${args.join(" ")}`);
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: PROJECT_ROOT,
    // The hashed embedder keeps test outcomes independent of whether `deno task models` ran;
    // the real-model tests choose MiniLM themselves.
    env: { NO_COLOR: "1", SOCIUS_EMBEDDER: "hashed" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let tail = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    await Deno.stdout.write(chunk);
    tail = (tail + decoder.decode(chunk, { stream: true })).slice(-4000);
  }
  const { code } = await child.status;
  if (!parse) {
    if (code === 0) passed++;
    else failed++;
    return;
  }
  // deno test's summary: "ok | 12 passed (3 steps) | 0 failed (4s)".
  const m = tail.match(/(\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed/);
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[3]);
  }
  if (code !== 0 && (!m || Number(m[3]) === 0)) failed++;
}

try {
  await requireJupyter();
} catch {
  console.error(JUPYTER_HINT);
  console.log("0 passed, 1 failed");
  Deno.exit(1);
}

await step("format", ["fmt", "--check"]);
await step("lint", ["lint"]);
await step("type-check", ["check", "."]);
await step("tests, doc examples and notebooks", ["test", "-A", "--doc", "--parallel"], true);

console.log(`\n${passed} passed, ${failed} failed`);
Deno.exit(failed === 0 ? 0 : 1);
