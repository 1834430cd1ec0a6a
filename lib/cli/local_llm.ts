/**
 * `deno run -A lib/cli/local_llm.ts [--keys k1,k2] [--latency MS] [--port N]`: the local
 * OpenAI-compatible server as its own process, for dry runs of LLM scenarios and for
 * benchmarks that must not share an event loop with the client. Prints its URL as the first
 * line of stdout, then serves until killed.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startLocalServer } from "../llm/local_server.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    keys: { type: "string", default: "sk-local-0000" },
    latency: { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
  },
});
const server = await startLocalServer({
  keys: values.keys!.split(",").map((k) => k.trim()).filter(Boolean),
  latencyMs: Number(values.latency),
  seed: values.seed,
});
console.log(server.url);
Deno.addSignalListener("SIGTERM", async () => {
  await server.stop();
  Deno.exit(0);
});
