import assert from "node:assert/strict";
import { choiceText, feelingText, reasonPhrase } from "@lib/brain/rule/text.ts";
import type { Item } from "@lib/recsys/item.ts";

const alien = (): Item => ({
  id: "1",
  title: "Alien",
  genres: ["Sci-Fi", "Horror"],
  year: 1979,
  description: "",
  popularity: 1,
  quality: 0.9,
});
const terms = (top: "interest" | "quality" | "social" | "novelty") => ({
  interest: 0,
  quality: 0,
  social: 0,
  novelty: 0,
  rewatch: 0,
  total: 1,
  [top]: 1,
});

Deno.test("an item's words are made once and given again, equal to the templates", () => {
  const item = alien();
  const why = reasonPhrase(item, terms("interest"));
  assert.equal(why, "it matches my taste for Sci-Fi and Horror");
  assert.equal(
    reasonPhrase(item, terms("novelty")),
    "I want to try something new (Sci-Fi, Horror)",
  );
  assert.equal(reasonPhrase(item, terms("social")), "my friends are talking about it");
  assert.equal(
    choiceText(item, why),
    "I chose <Alien> because it matches my taste for Sci-Fi and Horror.",
  );
  assert.equal(
    feelingText(item, 2, 0.9, true),
    "I was disappointed by <Alien>; I expected more from a Sci-Fi and Horror movie. The recommender can do better.",
  );
  assert.equal(
    feelingText(item, 4, 0.1, false),
    "I enjoyed <Alien>; well made, even if not my usual genre.",
  );
  // Every rating × liked × critic line, each the same as a fresh item's.
  for (const rating of [1, 2, 3, 4, 5]) {
    for (const match of [0.2, 0.8]) {
      for (const critic of [false, true]) {
        assert.equal(
          feelingText(item, rating, match, critic),
          feelingText(alien(), rating, match, critic),
        );
      }
    }
  }
});

Deno.test("an item whose title or genres are replaced gets new words", () => {
  const item = alien();
  const why = reasonPhrase(item, terms("interest"));
  assert.equal(
    feelingText(item, 5, 1, false),
    "I loved <Alien>: just the kind of Sci-Fi and Horror I like.",
  );
  item.title = "Aliens";
  assert.equal(
    choiceText(item, why),
    "I chose <Aliens> because it matches my taste for Sci-Fi and Horror.",
  );
  item.genres = ["Action"];
  assert.equal(reasonPhrase(item, terms("interest")), "it matches my taste for Action");
  assert.equal(feelingText(item, 5, 1, false), "I loved <Aliens>: just the kind of Action I like.");
});

Deno.test("the reason is the strongest term, the first in interest, quality, social, novelty on a tie", () => {
  const item = alien();
  const at = (interest: number, quality: number, social: number, novelty: number) =>
    reasonPhrase(item, { interest, quality, social, novelty, rewatch: 0, total: 0 });
  assert.equal(at(1, 1, 1, 1), "it matches my taste for Sci-Fi and Horror");
  assert.equal(at(0, 2, 2, 1), "it is said to be very good");
  assert.equal(at(-1, -3, -1, -2), "it matches my taste for Sci-Fi and Horror");
  assert.equal(at(-1, -3, 0.5, 0.5), "my friends are talking about it");
  assert.equal(at(-1, -3, -2, -0.5), "I want to try something new (Sci-Fi, Horror)");
});
