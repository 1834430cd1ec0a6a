// The dashboard page: state panel, charts, relationship graph, controls and the streamed log.
// Profile cards, interviews and the human seat live in people.js. Text from the run is
// always inserted as text, never as markup; only the server's SVG charts are markup.
import { initPeople } from "./people.js";

const $ = (id) => document.getElementById(id);

/** Creates an element with attributes and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const svg = ["svg", "line", "circle", "text", "g", "title"].includes(tag);
  const node = svg
    ? document.createElementNS("http://www.w3.org/2000/svg", tag)
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === "string" || typeof c === "number" ? String(c) : c);
  }
  return node;
}

/** Calls the API: GET without a body, POST with a JSON body. Throws with the server's error. */
export async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
  const r = await fetch(path, init);
  const data = await r.json();
  if (!r.ok) throw new Error(data.error ?? `HTTP ${r.status}`);
  return data;
}

const ACTIONS = [
  "choose",
  "watch",
  "next_page",
  "search",
  "leave",
  "feel",
  "chat",
  "post",
  "nothing",
  "page",
  "busy",
  "deliver",
  "fit",
  "intervention",
  "survey",
  "interview",
  "round_start",
  "round_end",
];
const view = { selected: null, filter: { agent: "", action: "" }, branch: "", humans: new Set() };

function showError(e) {
  $("error").textContent = e ? String(e.message ?? e) : "";
}

async function control(path) {
  showError(null);
  try {
    await api(path, {});
  } catch (e) {
    showError(e);
  }
  await refresh();
}

function kvRows(table, rows) {
  table.replaceChildren(
    ...rows.map(([label, key, value]) =>
      el("tr", {}, el("td", {}, label), el("td", { "data-k": key }, String(value)))
    ),
  );
}

function renderState(s) {
  const r = s.recommender, so = s.social;
  kvRows($("state-recommender"), [
    ["Total users", "users", r.users],
    ["Total items", "items", r.items],
    ["Interactions", "interactions", r.interactions],
    ["Algorithm", "algorithm", r.algorithm],
    ["Users in the recommender (last round)", "currentUsers", r.currentUsers],
    ["Most popular", "mostPopular", r.mostPopular.join("; ") || "–"],
  ]);
  kvRows($("state-social"), [
    ["Users", "socialUsers", so.users],
    ["Links", "links", so.links],
    ["Density", "density", so.density.toFixed(3)],
    ["Chats", "chats", so.chats],
    ["Posts", "posts", so.posts],
    [
      "Most mentioned",
      "mostMentioned",
      s.mostMentioned.map((m) => `${m.title} (${m.mentions})`).join("; ") || "–",
    ],
    ["LLM calls / tokens", "tokens", `${s.totals.calls} / ${s.totals.tokens}`],
  ]);
}

function renderGraph(g) {
  const W = 520, H = 400, pad = 18;
  const pos = new Map(
    g.nodes.map((n) => [n.id, [pad + n.x * (W - 2 * pad), pad + n.y * (H - 2 * pad)]]),
  );
  view.humans = new Set(g.nodes.filter((n) => n.human).map((n) => n.id));
  const links = g.links.map((l) => {
    const [x1, y1] = pos.get(l.source), [x2, y2] = pos.get(l.target);
    return el("line", { x1, y1, x2, y2 });
  });
  const nodes = g.nodes.map((n) => {
    const [x, y] = pos.get(n.id);
    const cls = [n.activity, n.human ? "human" : "", n.id === view.selected ? "selected" : ""].join(
      " ",
    );
    return el(
      "g",
      {},
      el("circle", {
        cx: x,
        cy: y,
        r: 5 + Math.sqrt(n.degree),
        class: cls,
        "data-id": n.id,
        "data-activity": n.activity,
        onclick: () => select(n.id),
      }, el("title", {}, `${n.name} (${n.id}): ${n.activity}`)),
      el("text", { x: x + 7, y: y + 3 }, n.name.split(" ")[0]),
    );
  });
  $("graph").replaceChildren(...links, ...nodes);
}

function fillAgentFilter(agents) {
  const sel = $("log-agent");
  const keep = sel.value;
  sel.replaceChildren(
    el("option", { value: "" }, "all agents"),
    ...agents.map((a) => el("option", { value: a.id }, `${a.profile.name} (${a.id})`)),
  );
  sel.value = keep;
}

const logItem = (line) =>
  el(
    "li",
    {
      class: `${line.type}${view.humans.has(line.agent) ? " human" : ""}`,
      "data-seq": line.seq,
      "data-action": line.action,
      "data-agent": line.agent ?? "",
    },
    el("span", { class: "r" }, `r${line.round}`),
    line.text,
  );

async function loadLog() {
  const q = new URLSearchParams({ limit: "300" });
  if (view.filter.agent) q.set("agent", view.filter.agent);
  if (view.filter.action) q.set("action", view.filter.action);
  const { lines } = await api(`/api/log?${q}`);
  $("log").replaceChildren(...lines.map(logItem));
  $("log").scrollTop = $("log").scrollHeight;
}

function appendLine(line) {
  if (view.filter.agent && line.agent !== view.filter.agent) return;
  if (view.filter.action && line.action !== view.filter.action) return;
  const log = $("log");
  const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 30;
  log.append(logItem(line));
  while (log.children.length > 600) log.firstChild.remove();
  if (atEnd) log.scrollTop = log.scrollHeight;
}

function renderStatus(s) {
  $("round").textContent = s.round;
  $("run-state").textContent = s.running ? "running" : "paused";
  $("btn-start").disabled = s.running;
  $("btn-step").disabled = s.running;
  if (s.error) showError(s.error);
  if (s.branches) {
    $("branch").replaceChildren(...s.branches.map((b) => el("option", { value: b }, b)));
  }
  $("branch").value = s.branch;
  if (s.source) {
    $("source").textContent = `${s.scenario.name} · ${s.scenario.brain} brain · ${s.source}${
      s.readOnly ? " · read-only (fork to continue)" : ""
    }`;
  }
}

let pending = null;
/** Reloads every panel (coalesced when rounds end quickly). */
export function refresh() {
  pending ??= (async () => {
    try {
      const [status, state, graph, agents, charts] = await Promise.all([
        api("/api/status"),
        api("/api/state"),
        api("/api/graph"),
        api("/api/agents"),
        api("/api/charts"),
      ]);
      renderStatus(status);
      renderState(state);
      renderGraph(graph);
      fillAgentFilter(agents);
      $("chart-entropy").innerHTML = charts.entropy;
      $("chart-activity").innerHTML = charts.activity;
      if (status.branch !== view.branch) {
        view.branch = status.branch;
        await loadLog();
      }
      await people.refresh(status, agents);
    } catch (e) {
      showError(e);
    } finally {
      pending = null;
    }
  })();
  return pending;
}

function select(id) {
  view.selected = id;
  for (const c of document.querySelectorAll("#graph circle")) {
    c.classList.toggle("selected", c.dataset.id === id);
  }
  people.select(id);
}

const people = initPeople({ api, el, refresh, showError });

function connect() {
  const source = new EventSource("/api/stream");
  source.addEventListener("event", (m) => appendLine(JSON.parse(m.data).line));
  source.addEventListener("round", () => refresh());
  source.addEventListener("status", (m) => {
    const s = JSON.parse(m.data);
    renderStatus(s);
    if (s.branch !== view.branch) refresh();
  });
  source.addEventListener("seat", (m) => people.onSeat(JSON.parse(m.data)));
  source.addEventListener("hello", () => refresh());
}

$("btn-start").addEventListener("click", () => control("/api/start"));
$("btn-pause").addEventListener("click", () => control("/api/pause"));
$("btn-step").addEventListener("click", () => control("/api/step"));
$("btn-reset").addEventListener("click", async () => {
  view.branch = "";
  await control("/api/reset");
});
$("btn-fork").addEventListener("click", () => control("/api/fork"));
$("branch").addEventListener("change", async (e) => {
  try {
    await api("/api/branch", { branch: e.target.value });
  } catch (err) {
    showError(err);
  }
  await refresh();
});
$("log-action").append(...ACTIONS.map((a) => el("option", { value: a }, a)));
for (const id of ["log-agent", "log-action"]) {
  $(id).addEventListener("change", () => {
    view.filter = { agent: $("log-agent").value, action: $("log-action").value };
    loadLog().catch(showError);
  });
}
connect();
