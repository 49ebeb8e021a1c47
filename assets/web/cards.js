// closedloop's story cards (docs/protocol.md: the `card` message, `card_answer`). One card at a
// time is on every screen when the teacher pushes it: its title, the explanation, the question;
// each team answers with one of the teacher's choices and/or a short text (changeable until the
// reveal); after the reveal every screen shows the bar of answers and each team's text.
//
// The teacher's and the projector's pages call Cards.render. On the students' page (index.html,
// one <script> line before app.js) this file also watches the page's own WebSocket (it wraps the
// constructor, so app.js needs no change), draws the card over the desk and sends the answer; and
// a join link the teacher hands out, http://HOST/#seat=TOKEN, puts the seat's token where the
// desk looks for it (the fragment never reaches the server's logs).
"use strict";
const Cards = {
  tr(key, ...args) { return (typeof Words !== "undefined") ? Words.tr(key, ...args) : key; },
  lang() { return ((typeof Words !== "undefined") && Words.table && Words.table.lang) || "en"; },
  name(n) { return (typeof Words !== "undefined") ? Words.content(n) : n; },
  month(ym) { return (typeof Words !== "undefined") ? Words.month(ym) : ym; },
  bytes(s) { return new TextEncoder().encode(s).length; },

  // The card's words in the reader's language, else English.
  words(m) {
    const l = (m.lang && m.lang[Cards.lang()]) || {};
    return { title: l.title || m.title || "", explain: l.explain || m.explain || "",
             question: l.question || m.question || "" };
  },

  el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  },

  // The bar of answers: a row per choice (count and a bar), then each team's text.
  tally(m) {
    const box = Cards.el("div", "cl-tally");
    const seats = Math.max(1, m.seats || 0);
    (m.choices || []).forEach((c, i) => {
      const row = Cards.el("div", "cl-bar-row");
      const n = (m.counts || [])[i] || 0;
      row.append(Cards.el("span", "cl-bar-label", c));
      const bar = Cards.el("span", "cl-bar");
      const fill = Cards.el("span", "cl-bar-fill");
      fill.style.width = Math.round(100 * n / seats) + "%";
      bar.append(fill);
      row.append(bar, Cards.el("span", "cl-bar-count", String(n)));
      box.append(row);
    });
    const ul = Cards.el("ul", "cl-texts");
    (m.answers || []).forEach((a) => {
      const pick = a.choice >= 0 && m.choices && m.choices[a.choice] ? m.choices[a.choice] : "";
      const said = [pick, a.text].filter((x) => x).join(": ");
      if (!said) return;
      const li = Cards.el("li");
      li.append(Cards.el("b", "", Cards.name(a.name) + " "), document.createTextNode(said));
      ul.append(li);
    });
    box.append(ul);
    return box;
  },

  // Draws card message m into box. opts.answer(choice, text): a seat's form; opts.tally: show
  // the answers before the reveal too (the teacher's own page, never the projector).
  render(box, m, opts = {}) {
    box.replaceChildren();
    box.hidden = !m || m.phase === "none";
    if (box.hidden) return;
    const w = Cards.words(m);
    box.append(Cards.el("p", "cl-card-when", Cards.tr("web.card.when", Cards.month(m.month))));
    box.append(Cards.el("h2", "cl-card-title", w.title));
    box.append(Cards.el("p", "cl-card-explain", w.explain));
    if (w.question) box.append(Cards.el("p", "cl-card-question", w.question));
    const revealed = m.phase === "revealed";
    box.append(Cards.el("p", "cl-card-count",
      Cards.tr(revealed ? "web.card.revealed" : "web.card.answered", m.answered, m.seats)));
    if (opts.answer && !revealed) box.append(Cards.form(m, opts.answer));
    else if (m.mine && !revealed) box.append(Cards.el("p", "cl-card-mine", Cards.tr("web.card.sent")));
    if (revealed || opts.tally) box.append(Cards.tally(m));
  },

  // A seat's answer: the choices as buttons, a text of at most 200 bytes, Send.
  form(m, answer) {
    const f = Cards.el("form", "cl-card-form");
    const mine = m.mine || { choice: -1, text: "" };
    let choice = mine.choice;
    const buttons = (m.choices || []).map((c, i) => {
      const b = Cards.el("button", "cl-choice", c);
      b.type = "button";
      b.setAttribute("aria-pressed", String(i === choice));
      b.onclick = () => {
        choice = i;
        buttons.forEach((x, k) => x.setAttribute("aria-pressed", String(k === i)));
      };
      return b;
    });
    if (buttons.length) {
      const row = Cards.el("div", "cl-choices");
      row.append(...buttons);
      f.append(row);
    }
    const text = Cards.el("textarea", "cl-card-text");
    text.rows = 2;
    text.value = mine.text || "";
    text.placeholder = Cards.tr("web.card.text");
    text.setAttribute("aria-label", Cards.tr("web.card.text"));
    const left = Cards.el("span", "cl-card-left");
    const count = () => {
      const n = 200 - Cards.bytes(text.value);
      left.textContent = Cards.tr("web.card.left", n);
      left.classList.toggle("cl-over", n < 0);
    };
    text.oninput = count;
    count();
    const send = Cards.el("button", "cl-card-send", Cards.tr(m.mine ? "web.card.change" : "web.card.send"));
    send.type = "submit";
    f.append(text, left, send);
    if (m.mine) f.append(Cards.el("p", "cl-card-mine", Cards.tr("web.card.sent")));
    f.onsubmit = (e) => {
      e.preventDefault();
      const t = text.value.trim();
      if (Cards.bytes(t) > 200 || (choice < 0 && !t)) { count(); return; }
      answer(choice, t);
    };
    return f;
  },

  // ---------------------------------------------------------------- the students' page

  student() {
    const hash = /(?:^#|&)seat=([0-9a-f]{32})/.exec(location.hash);
    if (hash) {
      try { localStorage.setItem("cl.token", hash[1]); } catch (e) { /* private mode */ }
      history.replaceState(null, "", location.pathname + location.search);
    }
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "cards.css";
    document.head.append(link);
    let ws = null, token = "", last = null, box = null;
    const draw = () => {
      if (!last) return;
      if (!box) {
        box = Cards.el("section", "cl-card cl-card-over");
        box.id = "cl-card";
        box.setAttribute("role", "dialog");
        document.body.append(box);
      }
      Cards.render(box, last, { answer: (choice, text) => {
        const msg = { v: 1, type: "card_answer", token, card: last.card };
        if (choice >= 0) msg.choice = choice;
        if (text) msg.text = text;
        if (ws && ws.readyState === 1) ws.send(JSON.stringify(msg));
      } });
    };
    const watch = (sock) => {
      ws = sock;
      sock.addEventListener("message", (e) => {
        let m;
        try { m = JSON.parse(e.data); } catch (x) { return; }
        if (m.type === "seat") token = m.token;
        else if (m.type === "card") { last = m; draw(); }
        else if (m.type === "error" && m.re === "card_answer" && box) {
          box.append(Cards.el("p", "cl-card-error", m.message));
        }
      });
    };
    const Native = window.WebSocket;
    function Watched(url, protocols) {
      const sock = protocols === undefined ? new Native(url) : new Native(url, protocols);
      watch(sock);
      return sock;
    }
    Watched.prototype = Native.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach((k) => { Watched[k] = Native[k]; });
    window.WebSocket = Watched;
    // Redraw in the other language when the page switches.
    new MutationObserver(draw).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  },
};

if (!document.querySelector("meta[name='closedloop-page']")) Cards.student();
