// The environment parameters by value: defaults, accepted values and the one-line errors.
import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import { envNumber, envString, runSize } from "@lib/core/params.ts";

function withEnv(name: string, value: string | undefined, f: () => void): void {
  const before = Deno.env.get(name);
  if (value === undefined) Deno.env.delete(name);
  else Deno.env.set(name, value);
  try {
    f();
  } finally {
    if (before === undefined) Deno.env.delete(name);
    else Deno.env.set(name, before);
  }
}

function configError(message: string) {
  return (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.message, message);
    return true;
  };
}

Deno.test("SOCIUS_SIZE: full unless set, small or full only", () => {
  withEnv("SOCIUS_SIZE", undefined, () => assert.equal(runSize(), "full"));
  withEnv("SOCIUS_SIZE", "small", () => assert.equal(runSize(), "small"));
  withEnv("SOCIUS_SIZE", "full", () => assert.equal(runSize(), "full"));
  withEnv("SOCIUS_SIZE", "tiny", () =>
    assert.throws(
      () => runSize(),
      configError('environment: SOCIUS_SIZE: expected "small" or "full", got "tiny"'),
    ));
});

Deno.test("envNumber: the fallback when unset or empty, a finite number otherwise", () => {
  const name = "SOCIUS_TEST_NUMBER_7F3";
  withEnv(name, undefined, () => assert.equal(envNumber(name, 4), 4));
  withEnv(name, "", () => assert.equal(envNumber(name, 4), 4));
  withEnv(name, "2.5", () => assert.equal(envNumber(name, 4), 2.5));
  withEnv(name, "0", () => assert.equal(envNumber(name, 4), 0));
  for (const bad of ["abc", "Infinity", "1e999"]) {
    withEnv(name, bad, () =>
      assert.throws(
        () => envNumber(name, 4),
        configError(`environment: ${name}: expected a number, got "${bad}"`),
      ));
  }
});

Deno.test("envString: the fallback when unset or empty, the value otherwise", () => {
  const name = "SOCIUS_TEST_STRING_7F3";
  withEnv(name, undefined, () => assert.equal(envString(name, "d"), "d"));
  withEnv(name, "", () => assert.equal(envString(name, "d"), "d"));
  withEnv(name, " x ", () => assert.equal(envString(name, "d"), " x "));
});
