/**
 * HTTP plumbing of the dashboard: bounded JSON bodies, JSON replies with secrets redacted,
 * error statuses, and the guards (token, Host and Origin checks) that keep other sites and
 * other machines out.
 *
 * @module
 */
import { redact } from "../llm/redact.ts";
import { SociusError } from "../core/errors.ts";
import { ConflictError } from "./seat.ts";
import { RequestError } from "./schemas.ts";

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/** An error with its HTTP status. */
export class HttpError extends SociusError {
  /** The status to answer with. */
  readonly status: number;

  /**
   * @param status HTTP status.
   * @param message What is wrong.
   */
  constructor(status: number, message: string) {
    super("http", message);
    this.status = status;
  }
}

/**
 * Reads a JSON body of at most {@link MAX_BODY_BYTES}.
 *
 * @param req The request.
 * @returns The parsed value.
 * @throws HttpError 415 (not JSON), 413 (too large) or 400 (not valid JSON).
 */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, "body: expected Content-Type application/json");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    throw new HttpError(413, `body: larger than ${MAX_BODY_BYTES} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        throw new HttpError(413, `body: larger than ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(chunk);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text || "null");
  } catch (e) {
    throw new HttpError(400, `body: not valid JSON (${(e as Error).message})`);
  }
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/**
 * A JSON reply; the text passes through the secret redactor on its way out.
 *
 * @param value The value.
 * @param status HTTP status.
 * @returns The response.
 */
export function json(value: unknown, status = 200): Response {
  return new Response(redact(JSON.stringify(value)), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS },
  });
}

/**
 * A static asset or page.
 *
 * @param body The content.
 * @param type Its content type.
 * @param extra More headers (cookies).
 * @returns The response.
 */
export function asset(body: string, type: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "content-security-policy":
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
      ...SECURITY_HEADERS,
      ...extra,
    },
  });
}

/**
 * Turns a thrown error into a reply: 400 for bad input (the field named), 404 for unknown
 * agents or branches, 409 for a state conflict, 500 otherwise (message redacted).
 *
 * @param e The error.
 * @returns The response.
 */
export function errorReply(e: unknown): Response {
  const message = redact(e instanceof Error ? e.message : String(e));
  if (e instanceof HttpError) return json({ error: message }, e.status);
  if (e instanceof RequestError) return json({ error: message }, 400);
  if (e instanceof ConflictError) return json({ error: message }, 409);
  if (e instanceof RangeError && /^unknown /.test(message)) return json({ error: message }, 404);
  if (e instanceof SociusError && e.kind === "config") return json({ error: message }, 400);
  return json({ error: message }, 500);
}

/** Where the server listens and what it trusts. */
export interface Guard {
  /** The hostname bound. */
  host: string;
  /** The port bound. */
  port: number;
  /** Required on every request when set (header x-socius-token or cookie socius_token). */
  token: string | null;
}

/** @returns Whether a hostname is the loopback interface. */
export function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The token a request carries (header, then cookie).
 *
 * @param req The request.
 * @returns The token or null.
 */
export function requestToken(req: Request): string | null {
  const header = req.headers.get("x-socius-token");
  if (header) return header;
  const cookie = req.headers.get("cookie") ?? "";
  const m = cookie.match(/(?:^|;\s*)socius_token=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : null;
}

/**
 * Checks a request against the guard: the token when one is set; on loopback, a Host header
 * naming loopback (against DNS rebinding); and an Origin, when sent, equal to the page's.
 *
 * @param req The request.
 * @param guard The guard.
 * @param tokenOk Whether the token was already accepted (a ?token= link).
 * @throws HttpError 401 or 403.
 */
export function checkGuard(req: Request, guard: Guard, tokenOk = false): void {
  const host = req.headers.get("host") ?? "";
  if (isLoopback(guard.host)) {
    const name = host.replace(/:\d+$/, "");
    if (!isLoopback(name)) throw new HttpError(403, `host: ${host} is not this server`);
  }
  const origin = req.headers.get("origin");
  if (origin && origin !== `${new URL(req.url).protocol}//${host}`) {
    throw new HttpError(403, `origin: ${origin} may not use this server`);
  }
  if (guard.token && !tokenOk) {
    const given = requestToken(req);
    if (!given || !sameText(given, guard.token)) {
      throw new HttpError(
        401,
        "token: missing or wrong (header x-socius-token or the link printed at start)",
      );
    }
  }
}
