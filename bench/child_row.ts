/**
 * One bench measurement in a fresh process: the bench file runs itself again with an
 * environment variable that tells it which measurement to make, prints its row as a `ROW {json}`
 * line, and exits; the caller gets the row and the child's other output is passed on. A fresh
 * process keeps one measurement's heap, JIT and garbage out of the next.
 *
 * @module
 */

/**
 * The V8 flags every bench runs with: room for a million agents, the young generation of the
 * simulation tasks (see deno.json: a round keeps its turns' events alive until it ends, and with
 * V8's default 16 MB semi-space they are copied over and over), and `gc()`, so a bench can
 * measure the live heap apart from garbage not yet collected.
 */
export const BENCH_V8_FLAGS =
  "--v8-flags=--max-old-space-size=20000,--max-semi-space-size=64,--expose-gc";

/**
 * Runs `file` in a child process and returns the row it printed.
 *
 * @param file The bench module (its `import.meta.url`).
 * @param env What the child is to measure.
 * @returns The row.
 * @throws Error with the child's output when it fails or prints no row.
 */
export async function childRow<T>(file: string, env: Record<string, string>): Promise<T> {
  const child = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", BENCH_V8_FLAGS, new URL(file).pathname],
    env,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const out = new TextDecoder().decode(child.stdout);
  const line = out.split("\n").find((l) => l.startsWith("ROW "));
  if (!child.success || !line) {
    throw new Error(`${new URL(file).pathname} ${JSON.stringify(env)} failed:\n${out}`);
  }
  for (const l of out.split("\n")) if (l && !l.startsWith("ROW ")) console.log(l);
  return JSON.parse(line.slice(4)) as T;
}
