import type { ScenarioInput } from "@lib/sim/scenario.ts";
import { PROJECT_ROOT } from "@lib/sim/build.ts";
import {
  type DashboardOptions,
  type DashboardServer,
  DashboardSession,
  type ServeOptions,
  startDashboard,
} from "@lib/web/mod.ts";

/** A small offline scenario: 12 agents, rule brain, MF retrained every round. */
export function webScenario(extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: "web-test",
    seed: 5,
    rounds: 20,
    agents: { source: "csv", count: 12 },
    activity: { alpha: 1.5, xMin: 1, rate: 0.6 },
    recommender: {
      model: { algorithm: "mf", factors: 4, iterations: 2 },
      retrainEvery: 1,
      pageSize: 5,
    },
    social: { graph: "ba", m: 2 },
    ...extra,
  };
}

/** A session and its server on an ephemeral loopback port; stopped after `fn`. */
export async function withDashboard(
  fn: (ctx: { session: DashboardSession; server: DashboardServer }) => Promise<void>,
  options: DashboardOptions & { serve?: ServeOptions; scenario?: ScenarioInput } = {},
): Promise<void> {
  const session = await DashboardSession.create(options.scenario ?? webScenario(), {
    seatTimeoutMs: 20_000,
    roundDelayMs: 10,
    ...options,
  });
  const server = await startDashboard(session, options.serve);
  try {
    await fn({ session, server });
  } finally {
    await server.stop();
  }
}

/** POSTs JSON (or a raw string body) and returns the status and parsed reply. */
export async function post(
  origin: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; data: Record<string, unknown> }> {
  const r = await fetch(`${origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: r.status, data: await r.json() };
}

/** GETs and returns the status and parsed reply. */
export async function get(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; data: Record<string, unknown> }> {
  const r = await fetch(`${origin}${path}`, { headers });
  return { status: r.status, data: await r.json() };
}

/** Waits until `check` returns a value (polling every 10 ms; no wall-clock assertion). */
export async function until<T>(check: () => T | null | undefined, tries = 2000): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("condition never held");
}

/** `deno task serve` on a run folder, as a child process, with the address it printed. */
export interface ServeProcess {
  /** The dashboard's address, or null when the process printed none (see `output`). */
  url: string | null;
  /** What the process printed before its address (or before it ended). */
  output: string;
  /** Stops the process (SIGINT, as a person at a terminal) and waits for it. */
  stop(): Promise<void>;
}

/**
 * Starts `deno task serve <run> --port 0` and reads its output up to the dashboard's address.
 *
 * @param run The run folder.
 * @returns The process and its address.
 */
export async function serveRun(run: string): Promise<ServeProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${PROJECT_ROOT}/lib/cli/serve.ts`, run, "--port", "0"],
    env: { NO_COLOR: "1", SOCIUS_EMBEDDER: "hashed" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("Socius dashboard:")) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  const url = out.match(/Socius dashboard: (\S+)/)?.[1] ?? null;
  const stderr = url ? "" : await new Response(child.stderr).text();
  return {
    url,
    output: out + stderr,
    stop: async () => {
      child.kill("SIGINT");
      await child.status;
      reader.releaseLock();
      await child.stdout.cancel().catch(() => {});
      if (url) await child.stderr.cancel().catch(() => {});
    },
  };
}
