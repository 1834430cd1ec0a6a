import assert from "node:assert/strict";
import {
  type Profile,
  profilePrompt,
  PROMPT_BEHAVIOURS,
  readProfilesCsv,
  simplifyProfile,
} from "@lib/profile/mod.ts";

const david: Profile = {
  id: "0",
  name: "David Smith",
  gender: "male",
  age: 25,
  traits: ["compassionate", "caring", "ambitious", "optimistic"],
  career: "photographer",
  interests: ["sci-fi movies", "comedy movies"],
  features: ["Watcher", "Critic", "Poster"],
  conformity: 0.4,
  extras: { secret_note: "never shown" },
};

Deno.test("the feel view matches the seed's panel: career, traits, interests, Watcher and Critic", () => {
  const s = simplifyProfile(david, "feel");
  assert.equal(s.career, "photographer");
  assert.deepEqual(s.interests, ["sci-fi movies", "comedy movies"]);
  assert.equal(s.features.length, 2);
  assert.match(s.features.join(" "), /Critic: demands high standards/);
  assert.doesNotMatch(s.features.join(" "), /Poster/);
});

Deno.test("each behaviour shows a different subset, and only interview shows everything", () => {
  const texts = new Set(PROMPT_BEHAVIOURS.map((b) => profilePrompt(david, b)));
  assert.ok(texts.size >= 5);
  const browse = simplifyProfile(david, "browse");
  assert.equal(browse.career, undefined);
  assert.equal(browse.traits, undefined);
  const post = simplifyProfile(david, "post");
  assert.match(post.features.join(" "), /Poster/);
  const interview = profilePrompt(david, "interview");
  for (
    const part of ["male", "photographer", "caring", "sci-fi", "Watcher", "Poster", "Conformity"]
  ) {
    assert.match(interview, new RegExp(part));
  }
  for (const b of PROMPT_BEHAVIOURS) assert.doesNotMatch(profilePrompt(david, b), /never shown/);
});

Deno.test("simplifying never changes the profile it was given", async () => {
  const pop = await readProfilesCsv(new URL("../../data/profiles.csv", import.meta.url));
  const p = pop.byId("3");
  const before = JSON.stringify(p);
  simplifyProfile(p, "chat").interests?.push("horror movies");
  assert.equal(JSON.stringify(p), before);
});
