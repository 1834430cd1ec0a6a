/**
 * `deno run -A lib/cli/local_llm.ts [--keys k1,k2] [--latency MS] [--seed S]`: the local
 * OpenAI-compatible server as its own process, for dry runs of LLM scenarios and for
 * benchmarks that must not share an event loop with the client. Prints its URL as the first
 * line of stdout, then serves until killed.
 *
 * @module
 */
import { numberOption, UsageError } from "../core/cli_args.ts";
import { commandLine } from "../core/cli_main.ts";
import { startLocalServer } from "../llm/local_server.ts";

const { values } = commandLine({
  usage: "usage: deno run -A lib/cli/local_llm.ts [--keys k1,k2] [--latency MS] [--seed S]\n" +
    "  --keys     accepted API keys, comma-separated (default sk-local-0000)\n" +
    "  --latency  mean reply latency in milliseconds (default 0)\n" +
    "  --seed     seed of the latency draws (default 1)",
  options: {
    keys: { type: "string", default: "sk-local-0000" },
    latency: { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
  },
});
const keys = values.keys.split(",").map((k) => k.trim()).filter(Boolean);
if (keys.length === 0) {
  throw new UsageError("--keys", `expected at least one key, found "${values.keys}"`);
}
const server = await startLocalServer({
  keys,
  latencyMs: numberOption("--latency", values.latency, 0),
  seed: values.seed,
});
console.log(server.url);
Deno.addSignalListener("SIGTERM", async () => {
  await server.stop();
  Deno.exit(0);
});
