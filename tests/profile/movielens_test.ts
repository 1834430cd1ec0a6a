import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { alignedProfiles, readMovieLens, tertileLevels } from "@lib/profile/mod.ts";

const FIX = new URL("../fixtures/profile/", import.meta.url).pathname;

Deno.test("ML-100K fixture: traits computed by hand", async () => {
  const data = await readMovieLens(`${FIX}ml100k`);
  assert.equal(data.source, "ml-100k");
  assert.equal(data.itemTitles.get("5"), "Misérables, Les (1995)");
  const { profiles, stats } = alignedProfiles(data);
  const s = Object.fromEntries(stats.map((x) => [x.userId, x]));
  // Item means: 1 → 4, 2 → 2.5, 3 → 3.5, 4 → 3.5, 5 → 4.
  assert.equal(s["1"].activity, 4);
  assert.equal(s["1"].deviation, (1 + 1.5 + 1.5 + 1.5) / 4);
  assert.equal(s["2"].deviation, (1 + 1.5 + 0) / 3);
  assert.equal(s["3"].deviation, 1.5);
  // Genres covering 80% of consumption: 13 genre slots → 9; 8 → 6; 7 → 4.
  assert.deepEqual([s["1"].diversity, s["2"].diversity, s["3"].diversity], [9, 6, 4]);
  assert.deepEqual(
    stats.map((x) => [x.activityLevel, x.conformityLevel, x.diversityLevel]),
    [["high", "medium", "high"], ["medium", "high", "medium"], ["low", "low", "low"]],
  );
  const [u1, u2, u3] = profiles;
  assert.equal(u1.id, "ml1");
  assert.equal(u1.gender, "male");
  assert.equal(u1.career, "technician");
  assert.deepEqual(u1.interests, ["action movies", "thriller movies", "adventure movies"]);
  assert.deepEqual(u2.interests, ["drama movies", "romantic movies", "musicals"]);
  // User 3 likes nothing (all ratings < 4): interests fall back to what was watched.
  assert.deepEqual(u3.interests, ["action movies", "thriller movies", "adventure movies"]);
  assert.deepEqual(u1.features, ["Watcher", "Explorer"]);
  assert.deepEqual(u3.features, ["Watcher", "Critic"]);
  assert.equal(u1.activity, 4);
  assert.equal(u2.conformity, 1 - (2.5 / 3) / 4);
  assert.equal(u3.extras.conformity_sentence, "Ratings often go against the general opinion.");
  assert.deepEqual(u1.traits, ["avid viewer", "open to others' views", "eclectic taste"]);
});

Deno.test("ML-1M fixture: '::' fields, latin-1 titles, age buckets and occupation codes mapped", async () => {
  const data = await readMovieLens(`${FIX}ml1m`);
  assert.equal(data.source, "ml-1m");
  assert.equal(data.itemTitles.get("2"), "Misérables, Les (1995)");
  assert.deepEqual(data.itemGenres.get("1"), ["Animation", "Family", "Comedy"]);
  assert.deepEqual(data.itemGenres.get("3"), ["Crime"]);
  const u = Object.fromEntries(data.users.map((x) => [x.id, x]));
  assert.deepEqual([u["1"].age, u["1"].ageGroup, u["1"].occupation], [
    16,
    "under 18",
    "K-12 student",
  ]);
  assert.deepEqual([u["2"].age, u["2"].occupation], [60, "self-employed"]);
  assert.equal(u["3"].occupation, "programmer");
  const { profiles } = alignedProfiles(data, { userIds: ["1", "3"] });
  assert.deepEqual(profiles.map((p) => p.id), ["ml1", "ml3"]);
  assert.equal(profiles[0].extras.age_group, "under 18");
});

Deno.test("a rating filter profiles users from the early part of their history only", async () => {
  const data = await readMovieLens(`${FIX}ml100k`);
  const { stats } = alignedProfiles(data, { ratingFilter: (r) => r.timestamp < 874965770 });
  assert.equal(stats.find((x) => x.userId === "1")!.activity, 2);
});

Deno.test("a bad rating line is a DataError naming u.data and line 3", async () => {
  await assert.rejects(() => readMovieLens(`${FIX}ml100k_bad`), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.file, "u.data");
    assert.equal(e.line, 3);
    assert.equal(e.column, "rating");
    return true;
  });
});

Deno.test("an unknown ML-1M age code is a DataError naming users.dat and line 2", async () => {
  await assert.rejects(
    () => readMovieLens(`${FIX}ml1m_bad`),
    /users\.dat:2 \(age\): expected an age code/,
  );
});

Deno.test("tertile levels split low, medium and high", () => {
  assert.deepEqual(tertileLevels([1, 2, 3, 4, 5, 6]), [
    "low",
    "low",
    "medium",
    "medium",
    "high",
    "high",
  ]);
});
