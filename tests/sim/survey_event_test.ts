import assert from "node:assert/strict";
import { createSimulation } from "@lib/sim/simulation.ts";
import { attachSurvey } from "@lib/sim/survey.ts";
import { surveyEventSchema } from "@lib/sim/events.ts";
import { RuleSurveyor } from "@lib/brain/survey/rule_survey.ts";

Deno.test("every survey event a run logs is exactly what its schema describes", async () => {
  const engine = await createSimulation({ rounds: 2, agents: { source: "csv", count: 5 } });
  const itemId = engine.world.catalog.items[0].id;
  attachSurvey(engine, { surveyor: new RuleSurveyor(), question: { kind: "score", itemId } });
  attachSurvey(engine, { surveyor: new RuleSurveyor(), question: { kind: "satisfaction" } });
  await engine.run();
  const surveys = engine.log.ofType("survey");
  assert.ok(surveys.length >= 10);
  for (const { seq: _s, round: _r, t: _t, ...fields } of surveys) {
    // Parsing drops unknown keys, so equality also says the event has no field the schema lacks.
    assert.deepEqual(surveyEventSchema.parse(fields), fields);
  }
  assert.throws(() => surveyEventSchema.parse({ ...surveys[0], score: 11 }));
});
