/**
 * The project's local OpenAI-compatible server in a process of its own, for benches that time
 * the client: run in the bench's process, its work would slow the client's event loop.
 *
 * @module
 */

/**
 * Starts `lib/cli/local_llm.ts` with the given keys and latency and waits for its URL.
 *
 * @param keys Keys it accepts.
 * @param latencyMs Latency of every reply.
 * @returns Its URL and a stop function.
 */
export async function serverProcess(
  keys: string[],
  latencyMs: number,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("../lib/cli/local_llm.ts", import.meta.url).pathname,
      "--keys",
      keys.join(","),
      "--latency",
      String(latencyMs),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the local server exited before printing its URL");
    text += value;
  }
  reader.releaseLock();
  return {
    url: text.trim(),
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}
