// Keys are redacted whatever their shape, however they overlap, and whichever way they were
// given (endpoints in a config, the environment, the client's constructor).
import assert from "node:assert/strict";
import { configFromEnv, parseLlmConfig } from "@lib/llm/config.ts";
import { LlmClient } from "@lib/llm/client.ts";
import { describeError, redact, REDACTED, registerSecret } from "@lib/llm/redact.ts";
import { LlmError } from "@lib/llm/llm_error.ts";

Deno.test("a key that contains another is removed whole, whichever was registered first", () => {
  registerSecret("short-key-77");
  registerSecret("short-key-77-and-a-longer-tail");
  assert.equal(redact("k=short-key-77-and-a-longer-tail!"), `k=${REDACTED}!`);
  registerSecret("zz-longer-one-then-short");
  registerSecret("then-short");
  assert.equal(redact("[zz-longer-one-then-short]"), `[${REDACTED}]`);
  assert.equal(redact("then-short and short-key-77"), `${REDACTED} and ${REDACTED}`);
});

Deno.test("keys that overlap without containing each other leak no part of either", () => {
  registerSecret("AAAA-BBBB-1");
  registerSecret("BBBB-1-CCCC");
  const out = redact("see AAAA-BBBB-1-CCCC here");
  assert.equal(out, `see ${REDACTED} here`);
  for (const part of ["AAAA", "BBBB", "CCCC"]) assert.ok(!out.includes(part), out);
  assert.equal(redact("AAAA-BBBB-1 BBBB-1-CCCC"), `${REDACTED} ${REDACTED}`);
});

Deno.test("keys not shaped like sk- are redacted once registered, short strings are not secrets", () => {
  registerSecret("gsk_live_0f9e8d7c");
  registerSecret("plainpass123");
  registerSecret("abc");
  registerSecret("q7w8");
  assert.equal(redact("a q7w8 b"), `a ${REDACTED} b`, "four characters are enough to be a key");
  const out = redact("keys gsk_live_0f9e8d7c, plainpass123; abc stays");
  assert.equal(out, `keys ${REDACTED}, ${REDACTED}; abc stays`);
  assert.equal(redact("nothing here"), "nothing here");
  assert.equal(describeError(new Error("bad plainpass123")), `Error: bad ${REDACTED}`);
  const caused = new TypeError("fetch failed", { cause: new Error("refused plainpass123") });
  assert.equal(describeError(caused), `TypeError: fetch failed (cause: refused ${REDACTED})`);
  assert.equal(describeError(new Error("x", { cause: "not an error" })), "Error: x");
  assert.equal(describeError("thrown gsk_live_0f9e8d7c"), `thrown ${REDACTED}`);
  assert.equal(new LlmError("x gsk_live_0f9e8d7c").message, `x ${REDACTED}`);
});

Deno.test("credential shapes are redacted even when never registered", () => {
  assert.equal(redact("Authorization: Bearer tok.en-1"), `Authorization: ${REDACTED}`);
  assert.equal(redact("bearer abc123"), `bearer ${REDACTED}`);
  assert.equal(redact("Bearer   spaced-tok"), `Bearer   ${REDACTED}`);
  assert.equal(redact("Authorization: Bearer   spaced-tok"), `Authorization: ${REDACTED}`);
  assert.equal(redact('{"api_key": "v4lue"}'), `{"api_key": "${REDACTED}"}`);
  assert.equal(redact("apikey=v4lue&x=1"), `apikey=${REDACTED}&x=1`);
  assert.equal(
    redact("sk-abcdefgh12 rk-abcdefgh12 pk-abcdefgh12"),
    [
      `sk-${REDACTED}`,
      `rk-${REDACTED}`,
      `pk-${REDACTED}`,
    ].join(" "),
  );
  assert.equal(redact("sk-short"), "sk-short");
});

Deno.test("keys given through endpoints, the environment or the client are registered", () => {
  const viaConfig = "cfg-endpoint-key-1a2b";
  const viaEnv = "env-key-without-prefix-3c4d";
  const viaEnv2 = "env-second-key-5e6f";
  const viaClient = "client-ctor-key-7a8b";
  parseLlmConfig({
    model: "m",
    endpoints: [{ baseUrl: "http://127.0.0.1:9/v1", keys: [viaConfig] }],
  });
  configFromEnv({ env: { OPENAI_API_KEY: `${viaEnv} , ${viaEnv2}`, OPENAI_MODEL: "m" } });
  new LlmClient({
    model: "m",
    endpoints: [{ baseUrl: "http://127.0.0.1:9/v1", keys: [viaClient] }],
    cache: { mode: "off" },
  });
  for (const key of [viaConfig, viaEnv, viaEnv2, viaClient]) {
    assert.equal(redact(`oops ${key}`), `oops ${REDACTED}`, key);
  }
  // A config that fails validation still registers its keys before naming the problem.
  const invalid = "invalid-config-key-9c0d";
  assert.throws(
    () => parseLlmConfig({ model: "", endpoints: [{ baseUrl: "x", keys: [invalid] }] }),
    (e: Error) => !e.message.includes(invalid),
  );
  assert.equal(redact(invalid), REDACTED);
});
