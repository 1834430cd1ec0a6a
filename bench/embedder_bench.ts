/**
 * MiniLM vs the hashed n-gram embedder on a small labelled retrieval task: match what an
 * agent later says about a film (a paraphrase that shares few words with it) to the memory it
 * wrote when it watched it, among all 30 memories. Reports precision@1, recall@3 (one relevant
 * memory per query) and mean reciprocal rank; writes figures/bench/embedder.json.
 *
 * The pairs are written by hand for this benchmark, with the shared vocabulary kept low on
 * purpose: this is the case memory retrieval meets when a prompt asks about a past experience
 * in other words. Needs `deno task models` for MiniLM.
 *
 * @module
 */
import { benchDir, machineInfo } from "./machine.ts";
import type { Embedder } from "../lib/llm/embedder.ts";
import { cosine } from "../lib/llm/embedder.ts";
import { HashedEmbedder } from "../lib/llm/hashed_embedder.ts";
import { MiniLmEmbedder } from "../lib/llm/minilm_embedder.ts";
import { installModels } from "../lib/llm/models_install.ts";

/** [memory written when watching, later question about it]. */
const PAIRS: [string, string][] = [
  [
    "I watched a haunted house film and could not sleep afterwards",
    "that scary ghost movie that kept me awake",
  ],
  [
    "A heist crew robbed a casino in Las Vegas, very slick",
    "the stylish robbery picture set among gamblers",
  ],
  [
    "Astronauts stranded on Mars grew potatoes to survive",
    "the space survival story with farming on another planet",
  ],
  [
    "A shark terrorised a beach town every summer",
    "the one where a big fish attacks swimmers at the seaside",
  ],
  [
    "Two friends drove across the country and laughed the whole way",
    "the funny road trip with two buddies",
  ],
  [
    "A boxer from Philadelphia trained on the museum steps",
    "the boxing underdog who ran up the stairs",
  ],
  [
    "Toys came alive when the boy left the room",
    "the animated one about playthings with secret lives",
  ],
  [
    "A detective hunted a serial killer through the rainy city",
    "the dark crime thriller about catching a murderer",
  ],
  [
    "A young wizard went to a school of magic",
    "the fantasy about a boy learning spells at boarding school",
  ],
  [
    "Soldiers stormed the beaches of Normandy in the opening",
    "the war film that starts with the D-Day landing",
  ],
  [
    "A couple fell in love in Paris and then drifted apart",
    "the romantic drama about lovers in France who split up",
  ],
  [
    "Dinosaurs were cloned and escaped in an island park",
    "prehistoric creatures running loose at a theme park",
  ],
  ["A chef rat cooked in a famous restaurant kitchen", "the cartoon where a rodent becomes a cook"],
  [
    "The ship hit an iceberg and sank in the cold ocean",
    "the ocean liner disaster with the frozen sea",
  ],
  [
    "A hacker learned that reality is a computer simulation",
    "the sci-fi about people living inside a virtual world",
  ],
  [
    "A mafia family fought over power after the father was shot",
    "the gangster saga about a crime clan and succession",
  ],
  [
    "A lonely robot cleaned up a deserted Earth",
    "the animated story of a machine tidying an abandoned planet",
  ],
  [
    "A girl and her dog were carried by a tornado to a magical land",
    "the musical fantasy where a storm sweeps a child away",
  ],
  [
    "Lawyers argued a murder case in a tense courtroom",
    "the legal drama with a trial about a killing",
  ],
  [
    "A mother fish searched the ocean for her lost son",
    "the undersea cartoon about a parent finding a missing child",
  ],
  ["Cowboys faced outlaws in a dusty frontier town", "the western with gunslingers in the desert"],
  [
    "A prisoner escaped by tunnelling through his cell wall over years",
    "the jailbreak story about digging out of a penitentiary",
  ],
  [
    "Aliens invaded and blew up the White House",
    "the blockbuster where extraterrestrials attack Washington",
  ],
  [
    "A jazz drummer was pushed to the edge by a cruel teacher",
    "the music school film with an abusive instructor",
  ],
  [
    "A hotel concierge and a lobby boy stole a painting",
    "the quirky caper about a famous artwork taken from an inn",
  ],
  ["Zombies overran London after a virus spread", "the undead outbreak in the English capital"],
  ["A teenager travelled back in time in a sports car", "the time travel comedy with a DeLorean"],
  [
    "An old man tied balloons to his house and flew away",
    "the cartoon where a home floats into the sky",
  ],
  [
    "A queen ruled frozen lands with ice powers and sang",
    "the animated musical about a princess who makes snow",
  ],
  [
    "Spies chased each other across Europe on trains",
    "the espionage thriller with agents on railways",
  ],
];

async function score(embedder: Embedder) {
  const memories = await embedder.embed(PAIRS.map((p) => p[0]));
  const queries = await embedder.embed(PAIRS.map((p) => p[1]));
  let p1 = 0, r3 = 0, rr = 0;
  queries.forEach((q, i) => {
    const ranked = memories.map((m, j) => ({ j, s: cosine(q, m) })).sort((a, b) =>
      b.s - a.s || a.j - b.j
    );
    const rank = ranked.findIndex((r) => r.j === i) + 1;
    if (rank === 1) p1++;
    if (rank <= 3) r3++;
    rr += 1 / rank;
  });
  const n = PAIRS.length;
  return {
    embedder: embedder.name,
    dim: embedder.dim,
    queries: n,
    precisionAt1: p1 / n,
    recallAt3: r3 / n,
    mrr: rr / n,
  };
}

await installModels({ log: (l) => console.log(l) });
const results = [await score(new HashedEmbedder()), await score(await MiniLmEmbedder.open())];
for (const r of results) {
  console.log(
    `${r.embedder.padEnd(24)} P@1 ${r.precisionAt1.toFixed(2)}  R@3 ${
      r.recallAt3.toFixed(2)
    }  MRR ${r.mrr.toFixed(2)}`,
  );
}
await Deno.writeTextFile(
  `${benchDir()}/embedder.json`,
  JSON.stringify(
    {
      bench: "embedder",
      ...machineInfo(),
      task:
        "match a paraphrased question to the memory it is about, among 30 (hand-written pairs, one relevant each)",
      results,
    },
    null,
    2,
  ) + "\n",
);
