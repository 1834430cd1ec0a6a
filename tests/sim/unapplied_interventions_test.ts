// A scenario's intervention after the run's last round is never applied: the run still ends
// normally (it may be continued), and the sim command says which intervention was left out.
import assert from "node:assert/strict";
import { PROJECT_ROOT } from "@lib/sim/build.ts";

Deno.test("the sim command names an intervention the run ended before", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-unapplied-" });
  try {
    await Deno.writeTextFile(
      `${dir}/s.json`,
      JSON.stringify({
        name: "short",
        rounds: 2,
        agents: { source: "csv", count: 5 },
        memory: { enabled: false },
        interventions: [
          { round: 1, kind: "exploration", randomItems: 1 },
          { round: 5, kind: "exploration", randomItems: 0 },
        ],
      }),
    );
    const run = (...extra: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", `${PROJECT_ROOT}/lib/cli/sim.ts`, `${dir}/s.json`, ...extra],
        stdout: "piped",
        stderr: "piped",
      }).output();
    const short = await run("--out", `${dir}/a`);
    const err = new TextDecoder().decode(short.stderr);
    assert.equal(short.code, 0, err);
    const notes = err.split("\n").filter((l) => l.startsWith("note:"));
    assert.deepEqual(notes, [
      `note: ${dir}/s.json: interventions[1] (exploration at round 5) was not applied: the run ended after round 1`,
    ]);
    // Run long enough, it is applied and nothing is said.
    const long = await run("--out", `${dir}/b`, "--rounds", "6");
    assert.equal(long.code, 0);
    assert.ok(!new TextDecoder().decode(long.stderr).includes("note:"));
    const events = await Deno.readTextFile(`${dir}/b/events.jsonl`);
    assert.equal(events.split("\n").filter((l) => l.includes('"type":"intervention"')).length, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
