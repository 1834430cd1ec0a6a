/**
 * One rule step on hand-built populations of a few agents, with every draw scripted, so each
 * feed choice, share, credit, emotion and stance is predicted by hand from the documented rule.
 */
import assert from "node:assert/strict";
import { ruleParams, type RuleParamsInput } from "@lib/social/spread/params.ts";
import { type PopulationArrays, populationArrays } from "@lib/social/spread/rule_state.ts";
import { ruleStep, type StepInputs } from "@lib/social/spread/rule_step.ts";
import { parseSeedEvent } from "@lib/social/spread/seed_event.ts";
import type { StepStream } from "@lib/social/spread/stream.ts";

/** Draws keyed "t,agent,k"; any other draw is 0.999 (no share, no contagion, no calming). */
function scripted(draws: Record<string, number>): StepStream {
  return {
    uniform: (t: number, i: number, k: number) => draws[`${t},${i},${k}`] ?? 0.999,
  } as unknown as StepStream;
}

/** An inbox CSR from each reader's sources (ascending). */
function csrOf(ids: string[], inbox: number[][]) {
  const offsets = new Int32Array(ids.length + 1);
  inbox.forEach((row, i) => offsets[i + 1] = offsets[i] + row.length);
  return { ids, offsets, sources: Int32Array.from(inbox.flat()) };
}

function inputsOf(
  ids: string[],
  inbox: number[][],
  params: RuleParamsInput,
  draws: Record<string, number>,
  extra: Partial<StepInputs> = {},
): StepInputs {
  const n = ids.length;
  return {
    ids,
    params: ruleParams(params),
    event: parseSeedEvent({ text: "flood", posters: [ids[0]] }),
    csr: csrOf(ids, inbox),
    stream: scripted(draws),
    log: true,
    relevance: new Float32Array(n).fill(1),
    authenticity: new Float32Array(n).fill(1),
    ...extra,
  };
}

/** Marks agent j as having shared at step s with the given message stance and emotion. */
function shared(a: PopulationArrays, j: number, s: number, stance: number, emotion = 0) {
  a.awareAt[j] = a.sharedAt[j] = s;
  a.msgStance[j] = stance;
  a.msgEmotion[j] = emotion;
  a.origin[j] = j;
  a.texts[j] = `text of ${j}`;
}

// Stances are dyadic so Float32 storage keeps them exact; confidence 2 takes every message in,
// convergence 1 moves a reader's stance to the mean of what it was shown.
const OPEN = { confidence: 2, convergence: 1, feedWindow: 10 } as const;

Deno.test("chronological top-K keeps the newest two, a tie in time goes to the lower index", () => {
  // Reader 4 reads 0..3, shared at steps 2, 4, 4, 3; K = 2 keeps agents 1 and 2 in that order.
  const a = populationArrays(5);
  shared(a, 0, 2, 0.125);
  shared(a, 1, 4, 0.25);
  shared(a, 2, 4, 0.5);
  shared(a, 3, 3, -1);
  const inputs = inputsOf(["a", "b", "c", "d", "r"], [[], [], [], [], [0, 1, 2, 3]], {
    ...OPEN,
    ranker: "chronological",
    feedSize: 2,
  }, { "5,4,1": 0 }); // the first-ranked is declined, the second accepted
  const step = ruleStep(inputs, a, 5);
  assert.equal(a.stance[4], 0.375); // mean of 0.25 and 0.5
  assert.deepEqual(step.events[0], { t: 5, type: "aware", agent: "r", from: "b" });
  assert.equal(step.events[1].type, "share");
  assert.deepEqual(step.cascade, [{ parent: "c", child: "r", time: 5 }]);
});

Deno.test("a higher score arriving after the feed is full pushes out the lowest", () => {
  // Sources in index order have times 1, 2, 3 then 6; K = 2 ends with 6 then 3.
  const a = populationArrays(5);
  shared(a, 0, 1, -1);
  shared(a, 1, 2, -1);
  shared(a, 2, 3, 0.25);
  shared(a, 3, 6, 0.75);
  const inputs = inputsOf(["a", "b", "c", "d", "r"], [[], [], [], [], [0, 1, 2, 3]], {
    ...OPEN,
    ranker: "chronological",
    feedSize: 2,
  }, { "7,4,1": 0 });
  const step = ruleStep(inputs, a, 7);
  assert.equal(a.stance[4], 0.5);
  assert.deepEqual(step.events[0], { t: 7, type: "aware", agent: "r", from: "d" });
  assert.deepEqual(step.cascade, [{ parent: "c", child: "r", time: 7 }]);
  assert.equal(a.reposts[2], 1);
  assert.equal(a.reposts[3], 0);
});

Deno.test("the interest ranker scores by the dot product of interest vectors; equal scores go newest first", () => {
  // Reader 4 has [1, 2]; sources 0..3 have [3, 0], [0, 1], [1, 1], [0.5, 0.25]: scores 3, 2, 3, 1.
  // Agents 0 and 2 tie at 3; 2 shared later, so it ranks first.
  const vectors = new Float32Array([3, 0, 0, 1, 1, 1, 0.5, 0.25, 1, 2]);
  const a = populationArrays(5);
  shared(a, 0, 1, 0.25);
  shared(a, 1, 2, -1);
  shared(a, 2, 2, 0.75);
  shared(a, 3, 2, -1);
  const inputs = inputsOf(
    ["a", "b", "c", "d", "r"],
    [[], [], [], [], [0, 1, 2, 3]],
    {
      ...OPEN,
      ranker: "interest",
      feedSize: 2,
    },
    { "3,4,1": 0 },
    { interests: { dim: 2, vectors } },
  );
  const step = ruleStep(inputs, a, 3);
  assert.deepEqual(step.events[0], { t: 3, type: "aware", agent: "r", from: "c" });
  assert.deepEqual(step.cascade, [{ parent: "a", child: "r", time: 3 }]);
  assert.equal(a.stance[4], 0.5);
});

Deno.test("the s3 ranker decays with age and weighs relevance and authenticity", () => {
  // Scores 0.5^(t-s)·auth: agent 0 (s=4, auth 0.25) 0.125, agent 1 (s=3, auth 1) 0.25: 1 first.
  const a = populationArrays(3);
  shared(a, 0, 4, 0.25);
  shared(a, 1, 3, 0.75);
  const inputs = inputsOf(
    ["a", "b", "r"],
    [[], [], [0, 1]],
    {
      ...OPEN,
      ranker: "s3",
      feedDecay: 0.5,
      feedSize: 1,
    },
    {},
    { authenticity: new Float32Array([0.25, 1, 1]) },
  );
  const step = ruleStep(inputs, a, 5);
  assert.deepEqual(step.events[0], { t: 5, type: "aware", agent: "r", from: "b" });
  assert.equal(a.stance[2], 0.75);
});

Deno.test("the feed holds shares from the window before this step, not this step's", () => {
  // At t = 5 with a window of 2: shares at 5 (too new), 3 (in), 2 (too old), never (-1).
  const a = populationArrays(5);
  shared(a, 0, 5, -1);
  shared(a, 1, 3, 0.5);
  shared(a, 2, 2, -1);
  const inputs = inputsOf(["a", "b", "c", "d", "r"], [[], [], [], [], [0, 1, 2, 3]], {
    ...OPEN,
    feedWindow: 2,
  }, {});
  const step = ruleStep(inputs, a, 5);
  assert.deepEqual(step.events, [{ t: 5, type: "aware", agent: "r", from: "b" }]);
  assert.equal(a.stance[4], 0.5);
});

Deno.test("a message equal to the share probability is not shared; a draw below it is", () => {
  // shareBase 0.5, no emotion gain, no agreement weight: p = 0.5 exactly.
  const params = { ...OPEN, shareBase: 0.5, emotionGain: 0, agreementWeight: 0 };
  const a = populationArrays(4);
  shared(a, 0, 0, 0);
  const inputs = inputsOf(["a", "b", "c", "d"], [[], [0], [0], []], params, {
    "1,1,0": 0.5,
    "1,2,0": 0.499,
  });
  const step = ruleStep(inputs, a, 1);
  assert.deepEqual(step.cascade, [{ parent: "a", child: "c", time: 1 }]);
  assert.deepEqual([...a.sharedAt], [0, -1, 1, -1]);
  assert.deepEqual([...a.reposts], [1, 0, 0, 0]);
  assert.deepEqual([...a.newReposts], [0, 0, 0, 0]);
});

Deno.test("only the messages shown are offered: a draw past the last one shares nothing", () => {
  // One message, K = 3: draw 0 declines; the draw at r = 1 would accept a message that is not there.
  const a = populationArrays(3);
  shared(a, 1, 0, 0);
  const inputs = inputsOf(
    ["a", "b", "c"],
    [[], [], [1]],
    { ...OPEN, feedSize: 3, shareBase: 0.5 },
    {
      "1,2,0": 0.9999,
      "1,2,1": 0,
    },
  );
  const step = ruleStep(inputs, a, 1);
  assert.deepEqual(step.cascade, []);
  assert.equal(a.sharedAt[2], -1);
  assert.equal(a.sharedAt[0], -1);
});

Deno.test("two readers of one share both repost it: its count rises by two and the step's tally clears", () => {
  const a = populationArrays(3);
  shared(a, 0, 0, 0);
  a.reposts[0] = 3;
  const inputs = inputsOf(["a", "b", "c"], [[], [0], [0]], { ...OPEN, newPostShare: 0 }, {
    "1,1,0": 0,
    "1,2,0": 0,
  });
  const step = ruleStep(inputs, a, 1);
  assert.deepEqual([...a.reposts], [5, 0, 0]);
  assert.deepEqual([...a.newReposts], [0, 0, 0]);
  assert.deepEqual([...a.origin], [0, 0, 0]);
  assert.equal(step.stats.shared, 3);
  assert.equal(a.texts[1], "text of 0");
});

Deno.test("crediting to the root: drawn against rootCredit at draw K + 2, equal draw keeps the parent", () => {
  // Chain: 0 is the root, 1 reposted it (origin 0); readers 2, 3, 4 read 1. K = 4.
  const a = populationArrays(5);
  shared(a, 0, 0, 0);
  shared(a, 1, 1, 0);
  a.origin[1] = 0;
  const draws = {
    "2,2,0": 0,
    "2,3,0": 0,
    "2,4,0": 0,
    "2,2,6": 0.25, // below 0.5: credited to the root
    "2,3,6": 0.5, // equal: the parent keeps it
    "2,4,6": 0.75,
  };
  const inbox = [[], [], [1], [1], [1]];
  const ids = ["a", "b", "c", "d", "e"];
  const step = ruleStep(
    inputsOf(ids, inbox, { ...OPEN, feedSize: 4, rootCredit: 0.5 }, draws),
    a,
    2,
  );
  assert.deepEqual(step.cascade.map((e) => e.parent), ["a", "b", "b"]);
  assert.deepEqual([...a.origin], [0, 0, 0, 0, 0]);
  assert.equal(a.reposts[1], 3);
  // Without crediting, even a zero draw keeps the parent.
  const b = populationArrays(5);
  shared(b, 0, 0, 0);
  shared(b, 1, 1, 0);
  b.origin[1] = 0;
  const step2 = ruleStep(
    inputsOf(ids, inbox, { ...OPEN, feedSize: 4 }, { ...draws, "2,3,6": 0, "2,4,6": 0 }),
    b,
    2,
  );
  assert.deepEqual(step2.cascade.map((e) => e.parent), ["b", "b", "b"]);
});

Deno.test("a share is a new post when draw K + 1 is below newPostShare, a repost of the parent's text otherwise", () => {
  // K = 4, newPostShare 0.25: draws 0.125 (post) and 0.25 (repost, equal is not below).
  const a = populationArrays(3);
  shared(a, 0, 0, -0.5, 2);
  a.emotion[1] = a.emotion[2] = 2;
  a.stance[1] = a.stance[2] = -0.5;
  const inputs = inputsOf(["a", "b", "c"], [[], [0], [0]], { ...OPEN, feedSize: 4 }, {
    "1,1,0": 0,
    "1,2,0": 0,
    "1,1,5": 0.125,
    "1,2,5": 0.25,
  });
  const step = ruleStep(inputs, a, 1);
  const shares = step.events.filter((e) => e.type === "share");
  assert.deepEqual(shares, [
    {
      t: 1,
      type: "share",
      agent: "b",
      kind: "post",
      parent: "a",
      text: shares[0].type === "share" ? shares[0].text : "",
      emotion: "intense",
      attitude: "negative",
    },
    {
      t: 1,
      type: "share",
      agent: "c",
      kind: "repost",
      parent: "a",
      text: "text of 0",
      emotion: "intense",
      attitude: "negative",
    },
  ]);
  assert.match(a.texts[1], /flood/);
  assert.notEqual(a.texts[1], "text of 0");
  assert.equal(a.msgEmotion[1], 2);
  assert.equal(a.msgStance[1], -0.5);
});

Deno.test("with the log off a step changes the same state and logs nothing", () => {
  const a = populationArrays(3);
  shared(a, 0, 0, -1, 2);
  const draws = { "1,1,0": 0, "1,1,5": 0, "1,2,5": 0 };
  const inputs = inputsOf(["a", "b", "c"], [[], [0], [0]], { ...OPEN, feedSize: 4 }, draws, {
    log: false,
  });
  const step = ruleStep(inputs, a, 1);
  assert.deepEqual(step.events, []);
  assert.deepEqual(step.cascade, [{ parent: "a", child: "b", time: 1 }]);
  assert.equal(a.texts[1], undefined);
  assert.deepEqual([...a.awareAt], [0, 1, 1]);
  assert.deepEqual([...a.stance], [0, -1, -1]);
});

Deno.test("emotion rises by contagion with the mean shown level and the decay since the event", () => {
  // Event at t0 = 1, step t = 2: coefficient contagion · decay^(t − t0) = 1 · 0.5 = 0.5.
  // Reader shown levels 2 and 0 (mean 1) from level 0: rises when the draw (K = 2) is below 0.5.
  const params = { ...OPEN, contagion: 1, emotionDecay: 0.5, feedSize: 2 };
  const ids = ["a", "b", "c", "d"];
  const inbox = [[], [], [0, 1], [0, 1]];
  const run = (u: number) => {
    const a = populationArrays(4);
    shared(a, 0, 1, 0, 2);
    shared(a, 1, 1, 0, 0);
    const inputs = inputsOf(ids, inbox, params, { "2,2,2": u, "2,3,2": u }, {
      event: parseSeedEvent({ text: "flood", posters: ["a"], time: 1 }),
    });
    return { step: ruleStep(inputs, a, 2), a };
  };
  const up = run(0.375);
  assert.deepEqual([...up.a.emotion], [0, 0, 1, 1]);
  assert.deepEqual(up.step.events.filter((e) => e.type === "emotion"), [
    { t: 2, type: "emotion", agent: "c", emotion: "moderate" },
    { t: 2, type: "emotion", agent: "d", emotion: "moderate" },
  ]);
  const stay = run(0.625);
  assert.deepEqual([...stay.a.emotion], [0, 0, 0, 0]);
  assert.deepEqual(stay.step.events.filter((e) => e.type !== "aware"), []);
});

Deno.test("an aware agent with an empty feed may calm (draw K); the unaware and the away do nothing", () => {
  const a = populationArrays(4);
  a.awareAt[0] = 0;
  a.emotion[0] = 2;
  a.emotion[1] = 2; // unaware
  a.awareAt[2] = 0;
  a.emotion[2] = 1;
  shared(a, 3, 0, 0.5);
  a.emotion[3] = 0;
  // Agent 2 reads 3 but is away; agent 0 reads nobody and calms; agent 1 reads nobody.
  const inputs = inputsOf(["a", "b", "c", "d"], [[], [], [3], []], {
    ...OPEN,
    calmRate: 0.5,
    feedSize: 3,
  }, {
    "1,0,3": 0.25,
    "1,1,3": 0,
    "1,2,3": 0,
  });
  const step = ruleStep(inputs, a, 1, new Uint8Array([0, 0, 1, 0]));
  assert.deepEqual([...a.emotion], [1, 2, 1, 0]);
  assert.deepEqual(step.events, []);
  assert.equal(a.stance[2], 0);
  // Present, agent 2 hears 3 and moves to its stance.
  const b = populationArrays(4);
  shared(b, 3, 0, 0.5);
  b.awareAt[2] = 0;
  const step2 = ruleStep(inputs, b, 1, new Uint8Array([1, 1, 0, 1]));
  assert.equal(b.stance[2], 0.5);
  assert.deepEqual(step2.events, []);
});

Deno.test("stances outside the confidence bound are ignored; an attitude change is logged at four decimals", () => {
  // Reader at 0.25 shown −0.5 (within 0.8) and −1 (outside): moves 0.9 of the way to −0.5.
  const a = populationArrays(3);
  shared(a, 0, 0, -0.5);
  shared(a, 1, 0, -1);
  a.stance[2] = 0.25;
  const inputs = inputsOf(["a", "b", "c"], [[], [], [0, 1]], {
    confidence: 0.8,
    convergence: 0.9,
    feedWindow: 3,
  }, {});
  const step = ruleStep(inputs, a, 1);
  const st = Math.fround(0.25 + 0.9 * (-0.5 - 0.25));
  assert.equal(a.stance[2], st);
  assert.deepEqual(step.events, [
    { t: 1, type: "aware", agent: "c", from: "a" },
    { t: 1, type: "attitude", agent: "c", attitude: "negative", stance: -0.425 },
  ]);
  // A move that keeps the attitude logs nothing but the awareness.
  const b = populationArrays(3);
  shared(b, 0, 0, 0.5);
  b.stance[2] = 0.25;
  b.awareAt[2] = 0;
  const step2 = ruleStep(inputs, b, 1);
  assert.deepEqual(step2.events, []);
  assert.equal(b.stance[2], Math.fround(0.25 + 0.9 * 0.25));
});

Deno.test("a feed fuller than K averages the emotion of the K kept, not of a slot past them", () => {
  // K = 1, two intense sources; reader at level 0 with contagion 1 and no decay rises on draw 0.
  const a = populationArrays(3);
  shared(a, 0, 0, 0, 2);
  shared(a, 1, 0, 0, 2);
  const params = { ...OPEN, feedSize: 1, contagion: 1, emotionDecay: 1 };
  ruleStep(inputsOf(["a", "b", "r"], [[], [], [0, 1]], params, { "1,2,1": 0.25 }), a, 1);
  assert.deepEqual([...a.emotion], [0, 0, 1]);
});

Deno.test("a shifted entry keeps its time: a later tie in score and time ranks after it", () => {
  // Interest scores (reader [1]): A = 3 at time 1, then B = 5 at time 2 pushes A to second,
  // then C = 3 at time 1 ties A exactly and stays behind it. Only the second-ranked is accepted.
  const a = populationArrays(4);
  shared(a, 0, 1, 0);
  shared(a, 1, 2, 0);
  shared(a, 2, 1, 0);
  const inputs = inputsOf(
    ["A", "B", "C", "r"],
    [[], [], [], [0, 1, 2]],
    {
      ...OPEN,
      ranker: "interest",
      feedSize: 3,
    },
    { "3,3,1": 0 },
    { interests: { dim: 1, vectors: new Float32Array([3, 5, 3, 1]) } },
  );
  const step = ruleStep(inputs, a, 3);
  assert.deepEqual(step.cascade, [{ parent: "A", child: "r", time: 3 }]);
});

Deno.test("an agent that has shared, even at step 0, never shares again", () => {
  const a = populationArrays(2);
  shared(a, 0, 0, 0);
  shared(a, 1, 1, 0);
  const inbox = [[1], []];
  const step = ruleStep(
    inputsOf(["a", "b"], inbox, { ...OPEN, shareBase: 1 }, { "2,0,0": 0 }),
    a,
    2,
  );
  assert.deepEqual(step.cascade, []);
  assert.deepEqual([...a.sharedAt], [0, 1]);
  assert.deepEqual([...a.reposts], [0, 0]);
});
