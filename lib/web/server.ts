/**
 * The dashboard's web server (Deno.serve): the page, its assets, a JSON API over a
 * {@link DashboardSession}, and a server-sent event stream of log lines, rounds, status and
 * seat changes. It binds to 127.0.0.1 unless told otherwise; bound elsewhere it requires a
 * token. Every request body is validated by a zod schema.
 *
 * @module
 */
import { redact } from "../llm/redact.ts";
import type { Scenario } from "../sim/scenario.ts";
import {
  asset,
  checkGuard,
  errorReply,
  type Guard,
  HttpError,
  isLoopback,
  json,
  readJson,
} from "./http.ts";
import {
  answerSchema,
  branchSchema,
  emptySchema,
  interviewSchema,
  logQuerySchema,
  parseRequest,
  profilePatchSchema,
  seatRequestSchema,
} from "./schemas.ts";
import type { DashboardMessage, DashboardSession } from "./session.ts";
import { staticAsset } from "./static.ts";

/** Options of {@link startDashboard}. */
export interface ServeOptions {
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** The token required off loopback (default: a random one when not on loopback). */
  token?: string | null;
}

/** A running dashboard server. */
export interface DashboardServer {
  /** The page's address (with ?token= when a token is required). */
  readonly url: string;
  /** The address without the token. */
  readonly origin: string;
  readonly port: number;
  /** The token, or null on loopback. */
  readonly token: string | null;
  /** Closes event streams and the listener, and stops the session's rounds. */
  stop(): Promise<void>;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

type Route = (req: Request, params: string[]) => Promise<unknown> | unknown;

/**
 * Starts serving a session.
 *
 * @param session The dashboard session.
 * @param options Host, port and token.
 * @returns The running server.
 *
 * @example Serve, ask the state, stop
 * ```ts
 * import { DashboardSession, startDashboard } from "@lib/web/mod.ts";
 * import assert from "node:assert/strict";
 * const session = await DashboardSession.create({ rounds: 1, agents: { source: "csv", count: 6 } });
 * const server = await startDashboard(session);
 * const state = await (await fetch(`${server.origin}/api/state`)).json();
 * assert.equal(state.recommender.users, 6);
 * await server.stop();
 * ```
 */
export function startDashboard(
  session: DashboardSession,
  options: ServeOptions = {},
): Promise<DashboardServer> {
  const host = options.host ?? "127.0.0.1";
  const token = options.token !== undefined
    ? options.token
    : isLoopback(host)
    ? null
    : randomToken();
  const guard: Guard = { host, port: 0, token };
  const streams = new Map<
    ReadableStreamDefaultController<Uint8Array>,
    ReturnType<typeof setInterval>
  >();
  const encoder = new TextEncoder();
  const unsubscribe = session.subscribe((m: DashboardMessage) => {
    const chunk = encoder.encode(`event: ${m.kind}\ndata: ${redact(JSON.stringify(m))}\n\n`);
    for (const c of streams.keys()) {
      try {
        c.enqueue(chunk);
      } catch {
        clearInterval(streams.get(c));
        streams.delete(c);
      }
    }
  });

  const body = async <T>(req: Request, schema: Parameters<typeof parseRequest>[0]) =>
    parseRequest(schema, await readJson(req), "body") as T;

  const stream = (): Response => {
    let self: ReadableStreamDefaultController<Uint8Array>;
    const rs = new ReadableStream<Uint8Array>({
      start(c) {
        self = c;
        c.enqueue(encoder.encode(`retry: 1000\nevent: hello\ndata: {}\n\n`));
        // Comments keep proxies and idle timeouts from closing a quiet stream.
        streams.set(
          c,
          setInterval(() => {
            try {
              c.enqueue(encoder.encode(": beat\n\n"));
            } catch { /* closed */ }
          }, 15_000),
        );
      },
      cancel() {
        clearInterval(streams.get(self));
        streams.delete(self);
      },
    });
    return new Response(rs, {
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  };

  const get: [RegExp, Route][] = [
    [/^\/api\/status$/, () => ({
      ...session.status(),
      branches: session.branches().names,
      seats: session.seats(),
      source: session.source,
      readOnly: session.readOnly,
      scenario: {
        name: session.engine.world.scenario.name,
        seed: session.engine.world.scenario.seed,
        rounds: session.engine.world.scenario.rounds,
        brain: brainLabel(session.engine.world.scenario),
      },
    })],
    [/^\/api\/state$/, () => session.state()],
    [/^\/api\/graph$/, () => session.graph()],
    [/^\/api\/charts$/, () => session.charts()],
    [/^\/api\/agents$/, () => session.agents()],
    [/^\/api\/agents\/([^/]+)$/, (_r, [id]) => session.agent(id)],
    [/^\/api\/seat\/([^/]+)$/, (_r, [id]) => ({ agent: id, pending: session.pending(id) })],
    [/^\/api\/log$/, (req) => {
      const q = Object.fromEntries(new URL(req.url).searchParams);
      return { lines: session.log(parseRequest(logQuerySchema, q, "query")) };
    }],
  ];
  const post: [RegExp, Route][] = [
    [/^\/api\/step$/, async (req) => {
      await body(req, emptySchema);
      if (session.status().running) throw new HttpError(409, "running: pause before stepping");
      return { summary: await session.step() };
    }],
    [/^\/api\/start$/, async (req) => {
      await body(req, emptySchema);
      session.start();
      return session.status();
    }],
    [/^\/api\/pause$/, async (req) => {
      await body(req, emptySchema);
      await session.pause();
      return session.status();
    }],
    [/^\/api\/reset$/, async (req) => {
      await body(req, emptySchema);
      await session.reset();
      return session.status();
    }],
    [/^\/api\/fork$/, async (req) => {
      await body(req, emptySchema);
      return { branch: await session.fork(), ...session.branches() };
    }],
    [/^\/api\/branch$/, async (req) => {
      const { branch } = await body<{ branch: string }>(req, branchSchema);
      await session.switchBranch(branch);
      return session.branches();
    }],
    [/^\/api\/agents\/([^/]+)\/profile$/, async (req, [id]) => {
      session.engine.world.agent(id);
      const patch = await body<never>(req, profilePatchSchema);
      return { profile: await session.editProfile(id, patch) };
    }],
    [/^\/api\/interview$/, async (req) => {
      const { agent, question } = await body<{ agent: string; question: string }>(
        req,
        interviewSchema,
      );
      return await session.interview(agent, question);
    }],
    [/^\/api\/seat$/, async (req) => ({
      agent: await session.seat(await body<never>(req, seatRequestSchema)),
    })],
    [/^\/api\/seat\/([^/]+)\/answer$/, async (req, [id]) => {
      const { move } = await body<{ move: never }>(req, answerSchema);
      return { action: await session.answer(id, move) };
    }],
    [/^\/api\/seat\/([^/]+)\/leave$/, async (req, [id]) => {
      await body(req, emptySchema);
      await session.leave(id);
      return { left: id };
    }],
  ];

  const handle = async (req: Request): Promise<Response> => {
    try {
      const url = new URL(req.url);
      const path = url.pathname;
      const linkToken = path === "/" && token !== null && url.searchParams.get("token") === token;
      checkGuard(req, guard, linkToken);
      if (req.method === "GET" && path === "/api/stream") return stream();
      if (req.method === "GET" && !path.startsWith("/api/")) {
        const page = staticAsset(path);
        if (!page) throw new HttpError(404, `no page at ${path}`);
        const cookie: Record<string, string> = linkToken
          ? { "set-cookie": `socius_token=${token}; HttpOnly; SameSite=Strict; Path=/` }
          : {};
        return asset(page.body, page.type, cookie);
      }
      const routes = req.method === "GET" ? get : req.method === "POST" ? post : null;
      if (!routes) throw new HttpError(405, `method ${req.method} is not allowed`);
      for (const [re, route] of routes) {
        const m = path.match(re);
        if (m) return json(await route(req, m.slice(1).map(decodeURIComponent)));
      }
      const other = (req.method === "GET" ? post : get).some(([re]) => re.test(path));
      throw new HttpError(other ? 405 : 404, `no ${req.method} ${path}`);
    } catch (e) {
      return errorReply(e);
    }
  };

  return new Promise((resolve) => {
    const server = Deno.serve({
      hostname: host,
      port: options.port ?? 0,
      onListen: () => {},
    }, handle);
    const port = server.addr.port;
    guard.port = port;
    const shown = host.includes(":") ? `[${host}]` : host;
    const origin = `http://${shown}:${port}`;
    resolve({
      url: token ? `${origin}/?token=${token}` : `${origin}/`,
      origin,
      port,
      token,
      async stop() {
        unsubscribe();
        session.close();
        for (const [c, beat] of streams) {
          clearInterval(beat);
          try {
            c.close();
          } catch { /* already closed */ }
        }
        streams.clear();
        await server.shutdown();
      },
    });
  });
}

/**
 * The brains a scenario runs, as the dashboard's header names them: the default brain, then
 * each share's brain that differs from it, so a mixed population never reads as one brain.
 *
 * @example Naming a mixed population
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../sim/scenario.ts";
 * import { brainLabel } from "./server.ts";
 *
 * assert.equal(brainLabel(parseScenario({})), "rule");
 * const mixed = parseScenario({ brains: [{ brain: { kind: "llm" }, fraction: 0.1 }] });
 * assert.equal(brainLabel(mixed), "rule + llm");
 * ```
 */
export function brainLabel(scenario: Scenario): string {
  const kinds = [scenario.brain.kind, ...scenario.brains.map((s) => s.brain.kind)];
  return [...new Set(kinds)].join(" + ");
}
