import assert from "node:assert/strict";
import { ConfigError, DataError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import { wattsStrogatz } from "@lib/social/watts_strogatz.ts";
import { erdosRenyi } from "@lib/social/erdos_renyi.ts";
import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
import { cohensD } from "@lib/metrics/replicates.ts";
import { timeGrid } from "@lib/metrics/curves.ts";
import { figure } from "@lib/viz/figure.ts";
import { EventLog } from "@lib/sim/event_log.ts";

const config = (field: string) => (e: unknown) =>
  e instanceof ConfigError && e.field === field && e.message.includes(`: ${field}: `);

Deno.test("bad parameters are ConfigErrors that name the field", () => {
  const rng = new Rng(1);
  assert.throws(() => wattsStrogatz(10, 3, 0.1, { rng }), config("k"));
  assert.throws(() => wattsStrogatz(10, 4, 2, { rng }), config("beta"));
  assert.throws(() => erdosRenyi(10, -0.5, { rng }), config("p"));
  assert.throws(() => barabasiAlbert(3, 3, { rng }), config("m"));
  assert.throws(() => barabasiAlbert(-1, 1, { rng }), config("n"));
  assert.throws(() => timeGrid(0, 1, 0), config("step"));
  assert.throws(() => figure("bad name!", { marks: [] }), config("name"));
});

Deno.test("bad data is a DataError that names the source and the line", () => {
  assert.throws(
    () => cohensD([1], [2, 3]),
    (e) => e instanceof DataError && /cohensD/.test(e.message),
  );
  const text = '{"seq":0}\nnot json\n{"seq":2}\n';
  assert.throws(
    () => EventLog.fromJsonl(text),
    (e) => e instanceof DataError && e.file === "events.jsonl" && e.line === 2,
  );
});
