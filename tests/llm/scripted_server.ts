// A real HTTP server that answers /v1/chat/completions from a script, one reply per request,
// for tests that need exact statuses and headers the fault-injecting server draws at random.
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  /** Reply content of a 200 (chat completion). */
  content?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface ScriptedServer {
  url: string;
  /** Requests seen, with their bodies. */
  bodies: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Serves the script in order; the last entry repeats. */
export function scriptedServer(script: Scripted[]): ScriptedServer {
  const bodies: Record<string, unknown>[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const body = await req.json().catch(() => ({}));
    bodies.push(body);
    const s = script[Math.min(bodies.length - 1, script.length - 1)];
    const status = s.status ?? 200;
    if (status !== 200) {
      return new Response(JSON.stringify({ error: { message: `scripted ${status}` } }), {
        status,
        headers: { "content-type": "application/json", ...(s.headers ?? {}) },
      });
    }
    return Response.json({
      id: `c${bodies.length}`,
      object: "chat.completion",
      created: 0,
      model: "scripted",
      choices: [{
        index: 0,
        message: { role: "assistant", content: s.content ?? "{}" },
        finish_reason: "stop",
      }],
      usage: {
        ...(s.usage ?? { prompt_tokens: 11, completion_tokens: 5 }),
        total_tokens: 0,
      },
    });
  });
  const { port } = server.addr as Deno.NetAddr;
  return { url: `http://127.0.0.1:${port}/v1`, bodies, stop: () => server.shutdown() };
}
