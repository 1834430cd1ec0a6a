/**
 * Machine information and the output folder shared by every benchmark.
 *
 * @module
 */

/** @returns figures/bench (created). */
export function benchDir(): string {
  const dir = new URL("../figures/bench", import.meta.url).pathname;
  Deno.mkdirSync(dir, { recursive: true });
  return dir;
}

/** @returns Deno version, OS, cores and memory of this machine. */
export function machineInfo(): Record<string, unknown> {
  let cpu = "unknown";
  try {
    const info = Deno.readTextFileSync("/proc/cpuinfo");
    cpu = info.match(/model name\s*:\s*(.*)/)?.[1] ?? cpu;
  } catch { /* not Linux */ }
  return {
    deno: Deno.version.deno,
    os: `${Deno.build.os}-${Deno.build.arch}`,
    cpu,
    cores: navigator.hardwareConcurrency,
    memoryGB: Math.round(Deno.systemMemoryInfo().total / 2 ** 30),
  };
}

/**
 * The machine a bench's JSON says it ran on. Most benches spread {@link machineInfo} into
 * their JSON, some keep it under `machine`, and older files hold only the core count.
 *
 * @param data A bench's JSON.
 * @returns One line naming the machine.
 *
 * @example
 * ```ts
 * import { recordedMachine } from "./machine.ts";
 * import assert from "node:assert/strict";
 * const m = { deno: "2.9.6", os: "linux-x86_64", cpu: "AMD EPYC", cores: 2, memoryGB: 24 };
 * assert.equal(recordedMachine({ ...m }), "AMD EPYC (2 cores, 24 GB), Deno 2.9.6, linux-x86_64");
 * assert.equal(recordedMachine({ machine: m }), recordedMachine(m));
 * assert.equal(recordedMachine({ cpu: 2 }), "a machine whose processor the file does not record");
 * ```
 */
export function recordedMachine(data: Record<string, unknown>): string {
  const m = (data.machine ?? data) as Record<string, unknown>;
  return typeof m.cpu === "string"
    ? `${m.cpu} (${m.cores} cores, ${m.memoryGB} GB), Deno ${m.deno}, ${m.os}`
    : "a machine whose processor the file does not record";
}

/**
 * The line under the bench README's title: the one machine every bench ran on, or each
 * machine with its benches (`BENCH_ONLY` reruns some benches and leaves the others' figures
 * as they were, from whatever machine made them).
 *
 * @param machines Bench names by {@link recordedMachine}, in the order to list them.
 * @returns Markdown.
 *
 * @example
 * ```ts
 * import { measuredOn } from "./machine.ts";
 * import assert from "node:assert/strict";
 * assert.equal(measuredOn(new Map([["M1", ["a", "b"]]])), "Measured by `deno task bench` on M1.");
 * assert.match(measuredOn(new Map([["M1", ["a"]], ["M2", ["b"]]])), /- M1: a\n- M2: b$/);
 * ```
 */
export function measuredOn(machines: ReadonlyMap<string, readonly string[]>): string {
  if (machines.size <= 1) {
    return `Measured by \`deno task bench\` on ${
      [...machines.keys()][0] ?? recordedMachine(machineInfo())
    }.`;
  }
  return "Measured by `deno task bench` on more than one machine (each section names its own):\n\n" +
    [...machines].map(([m, benches]) => `- ${m}: ${benches.join(", ")}`).join("\n");
}
