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
