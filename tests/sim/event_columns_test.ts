import assert from "node:assert/strict";
import { Interner } from "@lib/core/interner.ts";
import { Rng } from "@lib/core/rng.ts";
import { EventColumns, eventTexts } from "@lib/sim/event_columns.ts";
import { type EventDraft, eventLine, type SimEvent } from "@lib/sim/events.ts";

const t = "2026-01-01T08:00:00.000Z";

function decision(action: unknown, extra: Record<string, unknown> = {}): EventDraft {
  return {
    type: "decision",
    round: 3,
    t,
    agent: "a7",
    behaviour: "browse",
    brain: "rule",
    action,
    rationale: 'I chose <Heat (1995)> because it is "Crime".',
    calls: 0,
    tokens: 0,
    failure: null,
    ...extra,
  } as EventDraft;
}

// A page of recommendations and a busy turn of agent a1 in round 1.
function pageOf(items: string[]): EventDraft {
  return { type: "page", round: 1, t, agent: "a1", page: 0, query: null, items, source: "mf" };
}
const busyTurn: EventDraft = { type: "busy", round: 1, t, agent: "a1" };

// Every kind of event a run makes, with the awkward values each field can take.
const drafts: EventDraft[] = [
  { type: "round_start", round: 3, t, active: ["a7", "a8"] },
  decision({ type: "choose", activity: "recommender" }),
  decision({ type: "watch", itemId: "12" }),
  decision({ type: "next_page" }),
  decision({ type: "search", query: 'Heat \u00e9\u{1F3AC} "x"' }),
  decision({ type: "feel", itemId: "12", rating: 4, feeling: "Loved <Heat>." }),
  decision({
    type: "chat",
    friendId: "a8",
    dialogue: [{ speaker: "a7", text: "Seen <Heat>?" }, { speaker: "a8", text: "No\n" }],
    itemIds: ["12"],
  }),
  decision({ type: "post", text: "Go!", itemIds: [], parent: "m1" }),
  decision({ type: "nothing" }, { failure: "reply was not JSON", calls: 2, tokens: 713 }),
  decision({ type: "nothing" }, { failure: "", brain: "llm" }),
  { type: "page", round: 3, t, agent: "a7", page: 0, query: null, items: ["1", "2"], source: "mf" },
  { type: "page", round: 3, t, agent: "a7", page: 1, query: "Heat", items: [], source: "search" },
  { type: "busy", round: 3, t, agent: "a9" },
  { type: "deliver", round: 3, t, from: "a7", to: "a8", kind: "chat", items: ["12"] },
  { type: "round_end", round: 3, t, decisions: 9, calls: 2, tokens: 713, failures: 2 },
];

function readBack(cols: EventColumns, i: number, seq: number) {
  return { event: cols.get(i, seq), line: cols.line(i, seq) };
}

Deno.test("decisions, pages and busy turns become rows that read and serialise as their objects", () => {
  const cols = new EventColumns(eventTexts());
  for (const d of drafts) cols.push(d);
  assert.equal(cols.length, drafts.length);
  // Every decision, page and busy turn fits a row; the rest stay objects.
  assert.equal(
    cols.rows,
    drafts.filter((d) => ["decision", "page", "busy"].includes(d.type)).length,
  );
  drafts.forEach((d, i) => {
    const expected = { ...d, seq: 100 + i } as SimEvent;
    const { event, line } = readBack(cols, i, 100 + i);
    if (["decision", "page", "busy"].includes(d.type)) assert.deepEqual(event, expected, `${i}`);
    else assert.equal(event, d, `event ${i} is kept as it is`);
    assert.equal(line, eventLine(expected), `line ${i}`);
    assert.equal(cols.typeAt(i), d.type);
  });
  assert.equal(cols.actionTypeAt(2), "watch");
  assert.equal(cols.actionTypeAt(6), "chat");
  assert.deepEqual(cols.costAt(8), { calls: 2, tokens: 713, failed: true });
  // An empty failure is not a failure (as `e.failure ? 1 : 0` counts it).
  assert.deepEqual(cols.costAt(9), { calls: 0, tokens: 0, failed: false });
  assert.equal(cols.costAt(10), null);
});

Deno.test("an event a row cannot give back exactly stays the object it was", () => {
  const odd: EventDraft[] = [
    // Keys in another order would serialise in another order.
    { type: "busy", agent: "a1", round: 0, t, extra: 1 } as unknown as EventDraft,
    { ...decision({ type: "leave" }), rationale: undefined } as unknown as EventDraft,
    decision({ type: "leave" }, { calls: 1.5 }),
    decision({ type: "leave" }, { tokens: 2 ** 31 }),
    decision({ type: "feel", itemId: "1", rating: -0, feeling: "" }),
    decision({ type: "post", text: "x", itemIds: [], parent: undefined }),
    decision({ type: "post", text: "x", itemIds: [], at: new Date(0) }),
    decision(["watch"]),
    decision(null),
    decision(Object.assign(Object.create({ inherited: 1 }), { type: "leave" })),
    decision(Object.assign(Object.create(null), { type: "leave" })),
    decision({ type: "x", n: NaN }),
    decision({ type: "x", n: -0 }),
    // The same with no value a row could hold before them.
    decision({ n: NaN }),
    decision({ n: -0 }),
    decision({ at: new Date(0) }),
    decision({ list: [1], n: Infinity }),
    // A busy turn's shape under another type.
    { type: "seen", round: 0, t, agent: "a1" } as unknown as EventDraft,
    { type: "page", round: 0, t, agent: "a1", page: 0, query: null, items: ["1", 2], source: "mf" },
    { type: "page", round: 0.5, t, agent: "a1", page: 0, query: null, items: [], source: "mf" },
  ] as EventDraft[];
  const reordered = decision({ type: "leave" }) as Record<string, unknown>;
  const { action, ...rest } = reordered;
  odd.push({ ...rest, action } as unknown as EventDraft);
  const cols = new EventColumns(eventTexts());
  for (const d of odd) cols.push(d);
  assert.deepEqual(
    odd.map((_, i) => cols.get(i, i) === odd[i] ? "kept" : i),
    odd.map(() => "kept"),
  );
  odd.forEach((d, i) => {
    assert.equal(cols.get(i, i), d, `event ${i} is kept as it is`);
    assert.equal(cols.line(i, i), eventLine({ ...d, seq: i } as SimEvent));
  });
  // A page whose item list failed half way leaves no items behind for the next page.
  cols.push(drafts[10]);
  assert.deepEqual(cols.get(odd.length, 0), { ...drafts[10], seq: 0 });
});

Deno.test("a seq the event carries must be its place, or the event is kept whole", () => {
  const cols = new EventColumns(eventTexts());
  cols.push({ ...drafts[2], seq: 0 } as SimEvent, 0);
  cols.push({ ...drafts[2], seq: 5 } as SimEvent, 1);
  assert.equal(cols.rows, 1);
  assert.equal(cols.line(1, 1), eventLine({ ...drafts[2], seq: 5 } as SimEvent));
});

Deno.test("when the string tables are full, events are kept as objects and lines do not change", () => {
  const cols = new EventColumns({ strings: new Interner(6), actions: new Interner(1) });
  for (const d of drafts) cols.push(d);
  assert.ok(cols.rows < drafts.filter((d) => d.type !== "round_start").length);
  drafts.forEach((d, i) => {
    assert.equal(cols.line(i, i), eventLine({ ...d, seq: i } as SimEvent), `line ${i}`);
    const e = cols.get(i, i);
    if (e === d) assert.equal(e.seq, undefined);
    else assert.deepEqual(e, { ...d, seq: i });
  });
});

Deno.test("rows copied between columns that share texts keep their lines; objects are numbered", () => {
  const texts = eventTexts();
  const staging = new EventColumns(texts), log = new EventColumns(texts);
  const copy = (d: EventDraft) => structuredClone(d);
  for (const d of drafts) staging.push(copy(d));
  log.push(copy(drafts[0]), 0);
  log.pushRange(staging, 1, drafts.length);
  log.pushRange(staging, 0, 1);
  const order = [drafts[0], ...drafts.slice(1), drafts[0]];
  order.forEach((d, i) => assert.equal(log.line(i, i), eventLine({ ...d, seq: i } as SimEvent)));
  assert.equal((log.get(order.length - 1, 0) as SimEvent).seq, order.length - 1);
  assert.throws(() => log.pushRange(new EventColumns(eventTexts()), 0, 0), /share/);
});

Deno.test("random texts and numbers give the same line from a row as from the object", () => {
  const rng = new Rng(5);
  const between = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const text = () => {
    const chars = ["a", '"', "\\", "\n", "\u00e9", "\u{1F3AC}", "\ud800", "<", " ", "\u2028"];
    let s = "";
    for (let k = between(0, 12); k > 0; k--) s += rng.pick(chars);
    return s;
  };
  const cols = new EventColumns(eventTexts());
  const made: EventDraft[] = [];
  for (let i = 0; i < 2000; i++) {
    const kind = between(0, 2);
    const d: EventDraft = kind === 0
      ? decision(
        rng.next() < 0.5
          ? { type: "watch", itemId: text() }
          : { type: "feel", itemId: text(), rating: between(1, 5), feeling: text() },
        {
          agent: text(),
          rationale: text(),
          calls: between(0, 3),
          tokens: between(-5, 1e6),
          failure: rng.next() < 0.2 ? text() : null,
          round: between(0, 1e6),
          t: text(),
        },
      )
      : kind === 1
      ? {
        type: "page",
        round: between(0, 9),
        t: text(),
        agent: text(),
        page: between(-1, 9),
        query: rng.next() < 0.5 ? null : text(),
        items: Array.from({ length: between(0, 6) }, text),
        source: text(),
      }
      : { type: "busy", round: between(0, 9), t: text(), agent: text() };
    made.push(d);
    cols.push(d);
  }
  assert.equal(cols.rows, made.length);
  made.forEach((d, i) => {
    assert.equal(cols.line(i, i), eventLine({ ...d, seq: i } as SimEvent), `line ${i}`);
    assert.deepEqual(cols.get(i, i), { ...d, seq: i }, `event ${i}`);
  });
});

Deno.test("a missing or mistyped field of a decision, page or busy turn keeps the event whole", () => {
  const page = pageOf(["1"]);
  const bad: EventDraft[] = [];
  for (const base of [drafts[2], page, busyTurn]) {
    for (const key of Object.keys(base).filter((k) => k !== "type")) {
      for (const value of [undefined, 1.5, "x", null, { a: 1 }]) {
        const d = { ...base, [key]: value } as EventDraft;
        bad.push(d);
      }
    }
  }
  const cols = new EventColumns(eventTexts());
  bad.forEach((d, i) => {
    cols.push(d);
    // Whatever a row made of it, the line and the event are the object's.
    assert.equal(cols.line(i, i), eventLine({ ...d, seq: i } as SimEvent), `line ${i}`);
    const e = cols.get(i, i);
    if (e !== d) assert.deepEqual(e, { ...d, seq: i }, `event ${i}`);
  });
  // Every undefined value is kept whole: a row would write it as no JSON at all.
  bad.forEach((d, i) => {
    if (Object.values(d).includes(undefined)) assert.equal(cols.get(i, i), d, `event ${i}`);
  });
});

Deno.test("each string table filling up at any point leaves every line and event as the object's", () => {
  for (let strings = 0; strings <= 16; strings++) {
    for (let actions = 0; actions <= 3; actions++) {
      const cols = new EventColumns({
        strings: new Interner(strings),
        actions: new Interner(actions),
      });
      drafts.forEach((d, i) => {
        cols.push(d);
        const where = `strings ${strings}, actions ${actions}, event ${i}`;
        assert.equal(cols.line(i, i), eventLine({ ...d, seq: i } as SimEvent), where);
        const e = cols.get(i, i);
        if (e !== d) assert.deepEqual(e, { ...d, seq: i }, where);
      });
    }
  }
});

Deno.test("actions that differ only in a key, a value's type or their order keep their own text", () => {
  const actions = [
    { type: "leave" },
    { type: "leave", note: "" },
    { type: "watch", itemId: "1" },
    { type: "watch", movie: "1" },
    { itemId: "1", type: "watch" },
    { movie: "2", type: "watch" },
    { type: "watch", itemId: "2" },
    { type: "feel", itemId: "1", rating: 4, feeling: "Good." },
    { type: "feel", itemId: "1", rating: 2, feeling: "Bad." },
    { type: "x", n: 1 },
    { type: "x", n: "1" },
    { type: 7, n: "1" },
    { type: "x", a: null, b: 1 },
    { type: "x", a: true, b: [false, "s", 2.5] },
    { kind: "x" },
    // Values a walk by key and value must still tell apart, and one action a prefix of another.
    { type: "x", n: true },
    { type: "x", n: "true" },
    { type: "x", n: null },
    { type: "x", n: "null" },
    { type: "x", n: 1, m: 2 },
    { type: "x", n: "n" },
    { type: "x", x: "n" },
    { type: "x", n: 1e21 },
    {},
  ];
  const cols = new EventColumns(eventTexts());
  for (const a of [...actions, ...actions]) cols.push(decision(a));
  assert.equal(cols.rows, 2 * actions.length);
  [...actions, ...actions].forEach((a, i) => {
    assert.equal(cols.line(i, i), eventLine({ ...decision(a), seq: i } as SimEvent), `action ${i}`);
    assert.deepEqual((cols.get(i, i) as { action: unknown }).action, a, `action ${i}`);
  });
  assert.equal(cols.actionTypeAt(1), "leave");
  assert.equal(cols.actionTypeAt(14), undefined);
});

Deno.test("truncating drops rows, objects and item lists; what comes after is written afresh", () => {
  const cols = new EventColumns(eventTexts());
  for (const d of drafts) cols.push(d);
  const rowsBefore = cols.rows;
  // Keeps the round's start and eight decisions; drops a decision, two pages, a busy turn and
  // two objects.
  const keep = 9;
  cols.truncate(keep);
  assert.equal(cols.length, keep);
  assert.equal(cols.rows, rowsBefore - 4);
  for (const d of drafts.slice(keep)) cols.push(structuredClone(d));
  drafts.forEach((d, i) => {
    assert.equal(cols.line(i, i), eventLine({ ...d, seq: i } as SimEvent), `line ${i}`);
  });
  // The first page's items were dropped with it: the new page's come right after the kept ones.
  assert.deepEqual((cols.get(10, 10) as { items: string[] }).items, ["1", "2"]);
  assert.equal(cols.rows, rowsBefore);
  // Truncating again counts only what is dropped each time, not what an earlier cut left behind.
  cols.truncate(12);
  assert.equal(cols.rows, rowsBefore - 1);
  cols.truncate(5);
  assert.equal(cols.rows, 4);
  assert.equal(cols.length, 5);
});

Deno.test("a full table keeps whole an event whose only new text is in any one field", () => {
  const page = pageOf(["1", "2"]);
  const cases: [EventDraft, number, Record<string, unknown>][] = [
    // The base event's own strings fill the table exactly; the variant brings one new text.
    [drafts[2], 5, { t: "2026-01-02T08:00:00.000Z" }],
    [drafts[2], 5, { agent: "a8" }],
    [drafts[2], 5, { behaviour: "choose" }],
    [drafts[2], 5, { brain: "llm" }],
    [drafts[2], 5, { rationale: "Another reason." }],
    [drafts[2], 5, { failure: "timeout" }],
    [drafts[2], 5, { action: { type: "watch", itemId: "13" } }],
    [drafts[2], 5, { action: { type: "feel", itemId: "12", rating: 3, feeling: "" } }],
    [page, 5, { t: "2026-01-02T08:00:00.000Z" }],
    [page, 5, { agent: "a8" }],
    [page, 5, { source: "search" }],
    [page, 5, { query: "Heat" }],
    [page, 5, { items: ["1", "3"] }],
    [busyTurn, 2, { t: "2026-01-02T08:00:00.000Z" }],
    [busyTurn, 2, { agent: "a8" }],
  ];
  for (const [base, size, change] of cases) {
    const cols = new EventColumns({ strings: new Interner(size), actions: new Interner(1) });
    const variant = { ...base, ...change } as EventDraft;
    assert.equal(cols.push(base), true);
    assert.equal(cols.push(variant), false, JSON.stringify(change));
    assert.equal(cols.line(1, 1), eventLine({ ...variant, seq: 1 } as SimEvent));
    assert.equal(cols.get(1, 1), variant);
  }
});

Deno.test("a row whose texts are all the table's first string (id 0) is still a row", () => {
  const cols = new EventColumns(eventTexts());
  const same = "x";
  const d = decision({ type: "leave" }, {
    t: same,
    agent: same,
    behaviour: same,
    brain: same,
    rationale: same,
    failure: same,
    calls: 1,
  });
  const p = {
    type: "page",
    round: 0,
    t: same,
    agent: same,
    page: 0,
    query: same,
    items: [same],
    source: same,
  };
  assert.equal(cols.push(d), true);
  assert.equal(cols.push(p as EventDraft), true);
  assert.equal(cols.push({ type: "busy", round: 0, t: same, agent: same }), true);
  assert.equal(cols.line(0, 0), eventLine({ ...d, seq: 0 } as SimEvent));
  assert.equal(cols.line(1, 1), eventLine({ ...p, seq: 1 } as SimEvent));
  // A failure that is the table's first string still counts as a failure.
  assert.deepEqual(cols.costAt(0), { calls: 1, tokens: 0, failed: true });
});

Deno.test("the action type and the cost of a decision kept whole are read from the object", () => {
  const cols = new EventColumns(eventTexts());
  const whole = decision({
    type: "chat",
    friendId: "a8",
    dialogue: [],
    itemIds: [],
    at: new Date(0),
  }, {
    calls: 3,
    tokens: 90,
    failure: "x",
  });
  assert.equal(cols.push(whole), false);
  assert.equal(cols.actionTypeAt(0), "chat");
  assert.deepEqual(cols.costAt(0), { calls: 3, tokens: 90, failed: true });
  const survey = {
    type: "survey",
    round: 0,
    t,
    agent: "a1",
    question: "score",
    item: "12",
    score: 7,
    reason: "",
    brain: "llm",
    calls: 1,
    tokens: 40,
    failure: null,
  } as unknown as EventDraft;
  cols.push(survey);
  assert.deepEqual(cols.costAt(1), { calls: 1, tokens: 40, failed: false });
  cols.push(drafts[13]);
  assert.equal(cols.costAt(2), null);
});
