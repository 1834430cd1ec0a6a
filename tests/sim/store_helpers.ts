import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { PROJECT_ROOT } from "@lib/sim/build.ts";

/** Every file under a folder (relative path → SHA-256), to prove nothing was lost or changed. */
export async function folderHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(`${dir}/${rel}`)) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) await walk(path);
      else {
        out[path] = createHash("sha256").update(await Deno.readFile(`${dir}/${path}`)).digest(
          "hex",
        );
      }
    }
  };
  await walk("");
  return out;
}

/** Runs a CLI of lib/cli to its end. */
export async function runCli(
  cli: string,
  args: string[],
  cwd = PROJECT_ROOT,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${PROJECT_ROOT}/lib/cli/${cli}.ts`, ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Asserts exit code 2 and one error line on stderr matching a pattern (no stack trace). */
export function assertRefused(
  r: { code: number; stderr: string },
  pattern: RegExp,
): void {
  const lines = r.stderr.trim().split("\n").filter((l) => l.trim() !== "");
  assert.equal(r.code, 2, `expected exit code 2, got ${r.code}: ${r.stderr}`);
  assert.equal(lines.length, 1, `expected one line, got:\n${r.stderr}`);
  assert.doesNotMatch(lines[0], /Uncaught| {4}at /);
  assert.match(lines[0], pattern);
}

/** A small offline scenario as JSON (16 agents, a few rounds). */
export function tinyScenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "store",
    seed: 5,
    rounds: 3,
    agents: { source: "csv", count: 12 },
    recommender: { model: { algorithm: "mf", factors: 4, iterations: 2 }, pageSize: 4 },
    social: { graph: "ba", m: 2 },
    ...extra,
  };
}
