import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { readProfilesCsv } from "@lib/profile/handcrafted.ts";
import { synthesizeProfiles } from "@lib/profile/synthesize.ts";
import { profileSchema } from "@lib/profile/schema.ts";
import { createSimulation } from "@lib/sim/simulation.ts";

const real = [...(await readProfilesCsv("data/profiles.csv")).profiles];

Deno.test("synthesised profiles are valid, with ids and names unique against the source", () => {
  const more = synthesizeProfiles(real, 2000, new Rng("s"));
  assert.equal(more.length, 2000);
  for (const p of more) profileSchema.parse(p);
  const all = [...real, ...more];
  assert.equal(new Set(all.map((p) => p.id)).size, all.length);
  const realNames = new Set(real.map((p) => p.name));
  assert.equal(new Set(more.map((p) => p.name)).size, more.length);
  assert.ok(more.every((p) => !realNames.has(p.name)));
  assert.ok(more.every((p) => p.extras.source === "synthesized"));
});

Deno.test("synthesised attributes come from the source's own values and ranges", () => {
  const more = synthesizeProfiles(real, 1000, new Rng(3));
  const has = (f: (p: (typeof real)[number]) => string[]) => new Set(real.flatMap(f));
  const careers = has((p) => [p.career]), genders = has((p) => [p.gender]);
  const traits = has((p) => p.traits), interests = has((p) => p.interests);
  const ages = real.map((p) => p.age);
  for (const p of more) {
    assert.ok(careers.has(p.career) && genders.has(p.gender), p.id);
    assert.ok(p.traits.every((t) => traits.has(t)) && p.interests.every((i) => interests.has(i)));
    assert.ok(p.age >= Math.min(...ages) && p.age <= Math.max(...ages));
    assert.equal(new Set(p.interests).size, p.interests.length, "no interest twice");
  }
});

Deno.test("the synthesised mix follows the source's frequencies", () => {
  const more = synthesizeProfiles(real, 4000, new Rng(9));
  const share = (list: readonly { gender: string }[], g: string) =>
    list.filter((p) => p.gender === g).length / list.length;
  for (const g of new Set(real.map((p) => p.gender))) {
    assert.ok(Math.abs(share(more, g) - share(real, g)) < 0.05, g);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs(mean(more.map((p) => p.age)) - mean(real.map((p) => p.age))) < 1.5);
  const watcher = (list: typeof real) =>
    list.filter((p) => p.features.includes("Watcher")).length / list.length;
  assert.ok(Math.abs(watcher(more) - watcher(real)) < 0.1);
});

Deno.test("the same seed gives the same population, another seed another one", () => {
  const a = synthesizeProfiles(real, 50, new Rng(1));
  assert.deepEqual(synthesizeProfiles(real, 50, new Rng(1)), a);
  assert.notDeepEqual(synthesizeProfiles(real, 50, new Rng(2)), a);
});

Deno.test("names stay unique even when every first-and-last combination is taken", () => {
  const two = real.slice(0, 2);
  const more = synthesizeProfiles(two, 30, new Rng(1));
  assert.equal(new Set([...two, ...more].map((p) => p.name)).size, 32);
  assert.ok(more.some((p) => /\d$/.test(p.name)), "a numeral once the 4 combinations are taken");
});

Deno.test("synthesis needs at least one real profile", () => {
  assert.throws(
    () => synthesizeProfiles([], 3, new Rng(1), "p.csv"),
    /p\.csv: expected at least one profile/,
  );
});

Deno.test("a scenario asking for more agents than the file holds runs and the manifest counts both", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const engine = await createSimulation({
      seed: 5,
      rounds: 1,
      agents: { source: "csv", count: real.length + 30 },
      recommender: { model: { algorithm: "popular" } },
    }, { out: `${dir}/run` });
    await engine.run();
    assert.equal(engine.world.ids.length, real.length + 30);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/run/manifest.json`));
    assert.deepEqual(manifest.population, { real: real.length, synthesized: 30 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
