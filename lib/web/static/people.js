// Profile cards (editable), interviews, and the seat a person plays from: the recommender
// page the agent would see, ratings and feelings, chats with friends and posts.

const list = (s) => s.split(",").map((x) => x.trim()).filter(Boolean);

export function initPeople({ api, el, refresh, showError }) {
  const $ = (id) => document.getElementById(id);
  let selected = null;
  let seat = null;
  let countdown = null;

  async function renderCard(id) {
    const card = $("card");
    let a;
    try {
      a = await api(`/api/agents/${encodeURIComponent(id)}`);
    } catch (e) {
      card.replaceChildren(el("p", { class: "error" }, e.message));
      return;
    }
    const p = a.profile;
    const field = (label, key, value) =>
      el("label", {}, `${label} `, el("input", { type: "text", id: `edit-${key}`, value }));
    card.replaceChildren(
      el("h3", { id: "card-name" }, `${p.name} `, el("span", { class: "muted" }, `(${a.id})`)),
      el(
        "div",
        { class: "muted" },
        `${a.brain} · ${a.activity}${a.human ? " · played by a person" : ""}`,
      ),
      el("div", {}, `${p.age}, ${p.gender}, ${p.career || "no career given"}`),
      el("div", {}, `Features: ${p.features.join(", ") || "–"}`),
      el(
        "div",
        {},
        `Taste now: ${
          a.topGenres.map((g) => `${g.genre} ${(g.share * 100).toFixed(0)}%`).join(", ")
        }`,
      ),
      el(
        "div",
        {},
        `Watched ${a.watched}: ${
          a.recent.map((r) => `${r.title}${r.rating ? ` (${r.rating}/5)` : ""}`).join("; ") || "–"
        }`,
      ),
      el("div", {}, `Friends: ${a.friends.map((f) => f.name).join(", ") || "–"}`),
      el("h2", {}, "Edit profile (recorded as an intervention)"),
      field("Name", "name", p.name),
      field("Age", "age", p.age),
      field("Career", "career", p.career),
      field("Traits", "traits", p.traits.join(", ")),
      field("Interests", "interests", p.interests.join(", ")),
      el("button", { id: "btn-save-profile", onclick: () => save(a.id) }, "Save profile"),
      el("span", { id: "card-msg" }),
      el("h2", {}, "Interview"),
      el(
        "div",
        { class: "row" },
        el("input", {
          type: "text",
          id: "interview-q",
          value: "What kind of movies do you enjoy lately?",
        }),
        el("button", { id: "btn-interview", onclick: () => ask(a.id) }, "Ask"),
      ),
      el("div", { id: "interview-a", class: "answer" }),
      el("button", {
        id: "btn-seat-take",
        disabled: seat || a.human ? true : null,
        onclick: () => takeSeat({ mode: "take", agent: a.id }),
      }, "Play this agent"),
    );
  }

  async function save(id) {
    $("card-msg").textContent = "";
    const patch = {
      name: $("edit-name").value.trim(),
      age: Number($("edit-age").value),
      career: $("edit-career").value.trim(),
      traits: list($("edit-traits").value),
      interests: list($("edit-interests").value),
    };
    try {
      await api(`/api/agents/${encodeURIComponent(id)}/profile`, patch);
      $("card-msg").textContent = " saved";
      await refresh();
    } catch (e) {
      $("card-msg").textContent = ` ${e.message}`;
    }
  }

  async function ask(id) {
    $("interview-a").textContent = "…";
    try {
      const r = await api("/api/interview", { agent: id, question: $("interview-q").value });
      $("interview-a").textContent = r.answer + (r.failure ? ` (${r.failure})` : "");
    } catch (e) {
      $("interview-a").textContent = e.message;
    }
  }

  async function takeSeat(request) {
    try {
      const r = await api("/api/seat", request);
      seat = r.agent;
      await refresh();
    } catch (e) {
      showError(e);
    }
  }

  async function move(m) {
    $("seat-msg").textContent = "";
    try {
      await api(`/api/seat/${encodeURIComponent(seat)}/answer`, { move: m });
      $("seat-msg").textContent = `sent: ${m.type}`;
    } catch (e) {
      $("seat-msg").textContent = e.message;
    }
  }

  function renderJoin() {
    $("human").replaceChildren(
      el("h3", {}, "Play as a person"),
      el(
        "div",
        { class: "row" },
        "Name",
        el("input", { type: "text", id: "seat-name", value: "Sam" }),
      ),
      el(
        "div",
        { class: "row" },
        "Interests",
        el("input", { type: "text", id: "seat-interests", value: "sci-fi movies, comedies" }),
      ),
      el("button", {
        id: "btn-seat-new",
        onclick: () =>
          takeSeat({
            mode: "new",
            name: $("seat-name").value,
            interests: list($("seat-interests").value),
          }),
      }, "Join as a new user"),
      el("p", { class: "muted" }, "…or click an agent in the graph and choose “Play this agent”."),
    );
  }

  function itemLine(it, button) {
    const signals = [
      it.friendsWatched
        ? `${it.friendsWatched} friend${it.friendsWatched === 1 ? "" : "s"} watched`
        : null,
      it.mentions ? `mentioned ${it.mentions}×` : null,
      it.avgRating !== null ? `avg ${it.avgRating.toFixed(1)}/5` : null,
    ].filter(Boolean).join(", ");
    const text = el(
      "span",
      {},
      el("b", {}, it.title),
      ` (${it.year ?? "?"}) `,
      el("span", { class: "muted" }, `${it.genres.join(", ")}${signals ? ` · ${signals}` : ""}`),
    );
    return el("li", {}, text, button);
  }

  function renderPending(p) {
    const box = $("seat-pending");
    clearInterval(countdown);
    if (!p) {
      box.replaceChildren(
        el(
          "p",
          { class: "muted", id: "seat-idle" },
          "No decision waiting: step a round (or start) and your turn comes here.",
        ),
      );
      return;
    }
    let left = p.remainingMs;
    const clock = el("span", { id: "seat-clock", class: "muted" });
    const tick = () => clock.textContent = ` · ${Math.max(0, Math.ceil(left / 1000))} s left`;
    tick();
    countdown = setInterval(() => {
      left -= 1000;
      tick();
    }, 1000);
    const head = el(
      "div",
      { id: "seat-behaviour", "data-behaviour": p.behaviour },
      el("b", {}, `Round ${p.round}, ${p.time}: ${p.behaviour}`),
      clock,
    );
    const btn = (label, m, id) => el("button", { id, onclick: () => move(m) }, label);
    let body = [];
    if (p.choose) {
      body = [
        el("div", {}, `${p.choose.unread} unread messages.`),
        el(
          "div",
          { class: "row" },
          btn("Recommender", { type: "choose", activity: "recommender" }, "mv-recommender"),
          btn("Social", { type: "choose", activity: "social" }, "mv-social"),
          btn("Nothing", { type: "choose", activity: "nothing" }, "mv-nothing"),
        ),
      ];
    } else if (p.browse) {
      const q = el("input", { type: "text", id: "mv-query", placeholder: "search the catalogue" });
      body = [
        el(
          "div",
          {},
          `Page ${p.browse.pageIndex + 1}${p.browse.query ? ` for “${p.browse.query}”` : ""}`,
        ),
        el(
          "ul",
          { class: "items", id: "seat-page" },
          p.browse.page.map((it) =>
            itemLine(it, btn("Watch", { type: "watch", itemId: it.id }, null))
          ),
        ),
        el(
          "div",
          { class: "row" },
          btn("Next page", { type: "next_page" }, "mv-next"),
          btn("Leave", { type: "leave" }, "mv-leave"),
        ),
        el(
          "div",
          { class: "row" },
          q,
          el(
            "button",
            { id: "mv-search", onclick: () => move({ type: "search", query: q.value }) },
            "Search",
          ),
        ),
      ];
    } else if (p.feel) {
      const rating = el(
        "select",
        { id: "mv-rating" },
        [1, 2, 3, 4, 5].map((n) => el("option", { value: n }, `${n}/5`)),
      );
      rating.value = "4";
      const feeling = el("input", {
        type: "text",
        id: "mv-feeling",
        value: "",
        placeholder: "how did it feel?",
      });
      body = [
        el("ul", { class: "items" }, itemLine(p.feel.item, null)),
        el(
          "div",
          { class: "row" },
          rating,
          feeling,
          el("button", {
            id: "mv-feel",
            onclick: () =>
              move({ type: "feel", rating: Number(rating.value), feeling: feeling.value }),
          }, "Rate"),
        ),
      ];
    } else if (p.social) {
      const s = p.social;
      const friend = el(
        "select",
        { id: "mv-friend" },
        s.friends.map((f) => el("option", { value: f.id }, f.name)),
      );
      const msg = el("input", {
        type: "text",
        id: "mv-chat-text",
        placeholder: "message to the friend",
      });
      const post = el("input", {
        type: "text",
        id: "mv-post-text",
        placeholder: "post to every friend",
      });
      const comment = el("input", {
        type: "text",
        id: "mv-comment-text",
        placeholder: "comment on a feed message",
      });
      const feed = s.feed ?? [];
      body = [
        ...(feed.length
          ? [
            el("div", {}, "Feed:"),
            el(
              "ul",
              { class: "items", id: "seat-feed" },
              feed.map((m) =>
                el(
                  "li",
                  {},
                  el("b", {}, `@${m.author}: `),
                  m.text,
                  ` (${m.reposts} reposts) `,
                  btn("Repost", { type: "repost", messageId: m.id }, null),
                  el("button", {
                    onclick: () => move({ type: "comment", messageId: m.id, text: comment.value }),
                  }, "Comment"),
                )
              ),
            ),
            el("div", { class: "row" }, comment),
          ]
          : []),
        el("div", {}, "Inbox:"),
        el(
          "ul",
          { class: "items", id: "seat-inbox" },
          s.inbox.length
            ? s.inbox.map((m) => el("li", {}, el("b", {}, `${m.fromName}: `), m.text))
            : el("li", { class: "muted" }, "(empty)"),
        ),
        el(
          "div",
          { class: "row" },
          friend,
          msg,
          el("button", {
            id: "mv-chat",
            onclick: () => move({ type: "chat", friendId: friend.value, text: msg.value }),
          }, "Chat"),
        ),
        el(
          "div",
          { class: "row" },
          post,
          el(
            "button",
            { id: "mv-post", onclick: () => move({ type: "post", text: post.value }) },
            "Post",
          ),
        ),
        btn("Do nothing", { type: "nothing" }, "mv-do-nothing"),
      ];
    }
    box.replaceChildren(head, ...body);
  }

  async function renderSeat() {
    $("human").replaceChildren(
      el("h3", {}, `You play `, el("span", { id: "seat-agent" }, seat)),
      el("div", { id: "seat-pending" }),
      el("span", { id: "seat-msg" }),
      el("div", {}, el("button", { id: "btn-seat-leave", onclick: leave }, "Leave the seat")),
    );
    try {
      renderPending((await api(`/api/seat/${encodeURIComponent(seat)}`)).pending);
    } catch (e) {
      showError(e);
    }
  }

  async function leave() {
    try {
      await api(`/api/seat/${encodeURIComponent(seat)}/leave`, {});
    } catch (e) {
      showError(e);
    }
    seat = null;
    await refresh();
  }

  return {
    select(id) {
      selected = id;
      renderCard(id);
    },
    onSeat(m) {
      if (seat && m.agent === seat) renderPending(m.pending);
    },
    async refresh(status) {
      if (seat && !status.seats.includes(seat)) seat = null;
      if (!seat && status.seats.length) seat = status.seats[0];
      const shown = $("human").dataset.seat ?? "";
      if (shown !== (seat ?? "") || !$("human").firstChild) {
        if (seat) await renderSeat();
        else renderJoin();
        $("human").dataset.seat = seat ?? "";
      }
      // Do not overwrite a form the person is typing in.
      if (selected && !$("card").contains(document.activeElement)) await renderCard(selected);
    },
  };
}
