/**
 * `deno task serve [scenario.json | runs/<name>] [--port N] [--host H] [--seat-timeout S]
 * [--round-delay MS] [--screenshot PNG]`: serves the dashboard over a new run of a scenario
 * (the small offline default without an argument) or over a saved run folder, and prints its
 * address. Bound off loopback, it prints the token the page needs. With --screenshot it runs
 * a few rounds, seats a person, writes a PNG of the page and exits.
 *
 * @module
 */
import { hostOption, intOption, numberOption, portOption, UsageError } from "../core/cli_args.ts";
import { commandLine } from "../core/cli_main.ts";
import { DataError } from "../core/errors.ts";
import { createLlmFromEnv } from "../llm/from_env.ts";
import { loadScenario, parseScenario, scenarioNeedsLlm } from "../sim/scenario.ts";
import { DEFAULT_DASHBOARD_SCENARIO } from "../web/default_scenario.ts";
import { screenshotDashboard } from "../web/screenshot.ts";
import { startDashboard } from "../web/server.ts";
import { DashboardSession } from "../web/session.ts";

const USAGE =
  "usage: deno task serve [scenario.json | runs/<name>] [--port N] [--host H] [--seat-timeout S] [--round-delay MS] [--screenshot PNG]";

const { values, positionals } = commandLine({
  usage: USAGE,
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "seat-timeout": { type: "string", default: "60" },
    "round-delay": { type: "string", default: "400" },
    screenshot: { type: "string" },
  },
  positionals: { min: 0, max: 1, names: "a scenario file or a run folder" },
});
/** Validated before anything is read, written or bound. */
const port = portOption("--port", values.port);
const host = hostOption("--host", values.host);
const options = {
  seatTimeoutMs: numberOption("--seat-timeout", values["seat-timeout"], 1) * 1000,
  roundDelayMs: intOption("--round-delay", values["round-delay"], 0),
};

/** Binds and releases the address first, so a port in use fails before any run is built. */
function checkAddress(host: string, port: number): void {
  try {
    Deno.listen({ hostname: host, port }).close();
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      throw new UsageError("--port", `expected a free port, found ${port} in use on ${host}`);
    }
    throw new UsageError(
      "--host",
      `expected an address of this machine, found "${host}" (${(e as Error).message})`,
    );
  }
}
checkAddress(host, port);

async function readManifest(path: string): Promise<{ config?: unknown }> {
  const text = await Deno.readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DataError(path, 0, `expected a run manifest in JSON, found ${(e as Error).message}`);
  }
}

function isRunFolder(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory && Deno.statSync(`${path}/manifest.json`).isFile;
  } catch {
    return false;
  }
}

const arg = positionals[0];
let session: DashboardSession;
if (arg && isRunFolder(arg)) {
  const manifest = await readManifest(`${arg}/manifest.json`);
  const saved = parseScenario(manifest.config, `${arg}/manifest.json`);
  const llm = scenarioNeedsLlm(saved) ? createLlmFromEnv() : undefined;
  session = await DashboardSession.open(arg, { ...options, build: { llm } });
} else if (arg) {
  const sc = await loadScenario(arg);
  const llm = scenarioNeedsLlm(sc) ? createLlmFromEnv() : undefined;
  session = await DashboardSession.create(sc, {
    ...options,
    source: arg,
    build: { llm, source: arg },
  });
} else {
  session = await DashboardSession.create(DEFAULT_DASHBOARD_SCENARIO, {
    ...options,
    source: "default scenario",
  });
}
const server = await startDashboard(session, { host, port });
if (values.screenshot) {
  for (let i = 0; i < 4; i++) await session.step();
  const me = await session.seat({ mode: "new", name: "Sam", interests: ["sci-fi movies"] });
  const round = session.step();
  const waitFor = async (behaviour: string) => {
    while (session.pending(me)?.behaviour !== behaviour) {
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  // Show the recommender page the person's agent sees.
  await waitFor("choose");
  await session.answer(me, { type: "choose", activity: "recommender" });
  await waitFor("browse");
  await screenshotDashboard(server.url, values.screenshot, {
    selectAgent: session.engine.world.ids[0],
  });
  await session.leave(me);
  await round;
  await server.stop();
  console.log(`wrote ${values.screenshot}`);
} else {
  console.log(`Socius dashboard: ${server.url}`);
  if (server.token) {
    console.log(`token: ${server.token} (header x-socius-token, or open the link above)`);
  }
  Deno.addSignalListener("SIGINT", async () => {
    await server.stop();
    Deno.exit(0);
  });
}
