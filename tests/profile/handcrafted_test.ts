import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import {
  interestGenres,
  parseCsv,
  parseProfilesCsv,
  Population,
  profileSchema,
  profilesToCsv,
  readProfilesCsv,
  unmappedInterests,
} from "@lib/profile/mod.ts";

const FIX = new URL("../fixtures/profile/", import.meta.url);
const HEADER = "id,name,gender,age,traits,career,interests,features\n";

Deno.test("data/profiles.csv holds at least 50 valid profiles whose interests all map to genres", async () => {
  const pop = await readProfilesCsv(new URL("../../data/profiles.csv", import.meta.url));
  assert.ok(pop.size >= 50);
  for (const p of pop) {
    profileSchema.parse(p);
    assert.deepEqual(unmappedInterests(p), [], `profile ${p.id}`);
    assert.ok(interestGenres(p).length > 0);
  }
  assert.ok(new Set(pop.profiles.flatMap((p) => interestGenres(p))).size >= 15);
});

Deno.test("the seed's table style reads: CRLF, quoted lists, features with spaces, repeated names", async () => {
  const pop = await readProfilesCsv(new URL("seed_style.csv", FIX));
  assert.equal(pop.size, 3);
  assert.deepEqual(pop.byId("1").features, ["Critic", "Chatter"]);
  assert.deepEqual(pop.byId("2").features, ["Watcher", "Explorer", "Poster"]);
  assert.deepEqual(pop.byId("0").traits, ["compassionate", "caring"]);
  assert.deepEqual(interestGenres(pop.byId("1")), ["Family", "Romance"]);
  assert.equal(pop.withName("James Brown").length, 2);
  assert.notEqual(pop.byId("1").gender, pop.byId("2").gender);
});

Deno.test("an unknown feature names the file, the line and the column", async () => {
  await assert.rejects(
    () => readProfilesCsv(new URL("bad_profiles.csv", FIX)),
    (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.equal(e.file, "bad_profiles.csv");
      assert.equal(e.line, 3);
      assert.equal(e.column, "features");
      assert.match(e.message, /column 8/);
      assert.match(e.message, /Wanderer/);
      return true;
    },
  );
});

Deno.test("a bad age, a short row and a bad conformity are reported at their line", () => {
  const ok = '0,A B,male,25,calm,cook,"comedy movies",Watcher\n';
  const err = (text: string) => {
    try {
      parseProfilesCsv(text, "p.csv");
    } catch (e) {
      if (e instanceof DataError) return e;
    }
    assert.fail("expected a DataError");
  };
  const age = err(HEADER + ok + '1,C D,female,-3,calm,cook,"comedy movies",Watcher\n');
  assert.equal(age.line, 3);
  assert.equal(age.column, "age");
  assert.match(age.message, /column 4/);
  const short = err(HEADER + ok + ok.replace("0,", "1,") + "2,E F,male,40,calm\n");
  assert.equal(short.line, 4);
  assert.match(short.message, /expected 8 fields/);
  const conf = err(
    "id,name,gender,age,traits,career,interests,features,conformity\n" +
      '0,A B,male,25,calm,cook,"comedy movies",Watcher,1.5\n',
  );
  assert.equal(conf.column, "conformity");
  assert.match(conf.message, /column 9/);
});

Deno.test("a multi-line quoted field keeps later line numbers right", () => {
  const text = HEADER + '0,A B,male,25,"calm,\nkind",cook,"comedy movies",Watcher\n' +
    '1,C D,female,x,calm,cook,"comedy movies",Watcher\n';
  assert.throws(() => parseProfilesCsv(text, "p.csv"), /p\.csv:4 \(age\)/);
});

Deno.test("duplicate ids are rejected, by the CSV reader and by Population", () => {
  const row = (id: string) => `${id},A B,male,25,calm,cook,"comedy movies",Watcher\n`;
  assert.throws(
    () => parseProfilesCsv(HEADER + row("7") + row("8") + row("7"), "p.csv"),
    /p\.csv:4 \(id\).*first used on line 2/,
  );
  const [p] = parseProfilesCsv(HEADER + row("7"), "p.csv");
  assert.throws(() => new Population([p, { ...p }]), /duplicate id "7"/);
  assert.throws(() => new Population([p]).byId("8"), /no profile with id "8"/);
});

Deno.test("the CSV parser handles escaped quotes, CRLF and rejects an unterminated quote", () => {
  const rows = parseCsv('a,"b ""c"", d"\r\n\r\n"x\r\ny",z', "t.csv");
  assert.deepEqual(rows, [
    { fields: ["a", 'b "c", d'], line: 1 },
    { fields: ["x\r\ny", "z"], line: 3 },
  ]);
  assert.throws(
    () => parseCsv('a,"b\nc', "t.csv"),
    /t\.csv:1: unterminated quoted field \(column 2\)/,
  );
  assert.throws(() => parseCsv('a,"b"c', "t.csv"), /after closing quote \(column 2\)/);
});

Deno.test("profiles written as CSV read back equal, extras and optional fields included", async () => {
  const pop = await readProfilesCsv(new URL("../../data/profiles.csv", import.meta.url));
  const profiles = pop.profiles.slice(0, 5).map((p, i) => ({
    ...p,
    activity: i % 2 ? 1.5 + i : undefined,
    extras: i === 0 ? { city: "Porto, PT" } : {},
  })).map((p) => profileSchema.parse(p));
  const back = parseProfilesCsv(profilesToCsv(profiles), "round.csv");
  assert.deepEqual(back, profiles.map((p) => JSON.parse(JSON.stringify(p))));
});
