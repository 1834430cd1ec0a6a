/**
 * `deno task serve [scenario.json | runs/<name>] [--port N] [--host H] [--seat-timeout S]
 * [--round-delay MS] [--screenshot PNG]`: serves the dashboard over a new run of a scenario
 * (the small offline default without an argument) or over a saved run folder, and prints its
 * address. Bound off loopback, it prints the token the page needs. With --screenshot it runs
 * a few rounds, seats a person, writes a PNG of the page and exits.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { SociusError } from "../core/errors.ts";
import { createLlmFromEnv } from "../llm/from_env.ts";
import { loadScenario } from "../sim/scenario.ts";
import { DEFAULT_DASHBOARD_SCENARIO } from "../web/default_scenario.ts";
import { screenshotDashboard } from "../web/screenshot.ts";
import { startDashboard } from "../web/server.ts";
import { DashboardSession } from "../web/session.ts";

const USAGE =
  "usage: deno task serve [scenario.json | runs/<name>] [--port N] [--host H] [--seat-timeout S] [--round-delay MS] [--screenshot PNG]";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "seat-timeout": { type: "string", default: "60" },
    "round-delay": { type: "string", default: "400" },
    screenshot: { type: "string" },
  },
  allowPositionals: true,
});

function count(name: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) {
    throw new SociusError("usage", `--${name}: expected a number ≥ ${min}, got "${raw}"\n${USAGE}`);
  }
  return n;
}

function isRunFolder(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory && Deno.statSync(`${path}/manifest.json`).isFile;
  } catch {
    return false;
  }
}

try {
  if (positionals.length > 1) throw new SociusError("usage", USAGE);
  const port = count("port", values.port, 0);
  const options = {
    seatTimeoutMs: count("seat-timeout", values["seat-timeout"], 1) * 1000,
    roundDelayMs: count("round-delay", values["round-delay"], 0),
  };
  const arg = positionals[0];
  let session: DashboardSession;
  if (arg && isRunFolder(arg)) {
    const manifest = JSON.parse(await Deno.readTextFile(`${arg}/manifest.json`));
    const llm = manifest.config?.brain?.kind === "llm" ? createLlmFromEnv() : undefined;
    session = await DashboardSession.open(arg, { ...options, build: { llm } });
  } else if (arg) {
    const sc = await loadScenario(arg);
    const llm = sc.brain.kind === "llm" ? createLlmFromEnv() : undefined;
    session = await DashboardSession.create(sc, { ...options, source: arg, build: { llm } });
  } else {
    session = await DashboardSession.create(DEFAULT_DASHBOARD_SCENARIO, {
      ...options,
      source: "default scenario",
    });
  }
  const server = await startDashboard(session, { host: values.host, port });
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
} catch (e) {
  if (e instanceof SociusError) {
    console.error(e.message);
    Deno.exit(2);
  }
  throw e;
}
