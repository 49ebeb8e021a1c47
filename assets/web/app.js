// closedloop's student page: the room code, a seat, the desk (docs/protocol.md, version 1).
// No build step, no library, nothing loaded from elsewhere (the page's CSP forbids it). Every
// word comes from the host's string tables (words.js); the numbers of the deal dialog come from
// the engine (the `forecast` message), never computed here.
"use strict";
const $ = (id) => document.getElementById(id);
const tr = (key, ...args) => Words.tr(key, ...args);
const store = {
  get: (k) => { try { return localStorage.getItem(k) || ""; } catch (e) { return ""; } },
  set: (k, v) => { try { if (v) localStorage.setItem(k, v); else localStorage.removeItem(k); } catch (e) { /* private mode */ } },
};

// What the page knows: the connection, the seat (its token is kept in localStorage so that a
// laptop that slept comes back to its seat; never in the address), the game, the last desk.
const S = {
  ws: null, seq: 0, token: store.get("cl.token"), room: store.get("cl.room"),
  lang: store.get("cl.lang") || ((navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en"),
  actors: {}, kinds: {}, kindList: [], seats: null,
  desk: null, clockAt: 0, draft: null, forecastSeq: 0, forecastTimer: 0,
};

const PERCENT = { rate: 1, rate2: 1, upfront: 1 };
const TERMS = ["amount", "months", "delay", "gw", "rate", "rate2", "shares"];

function name(id) {
  if (id === "world") return "";
  return Words.content(S.actors[id] || id);
}

function send(msg) {
  msg.v = 1;
  msg.seq = ++S.seq;
  if (S.ws && S.ws.readyState === 1) S.ws.send(JSON.stringify(msg));
  return msg.seq;
}

function status(text) { $("status").textContent = text || ""; }

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function button(text, action, cls) {
  const b = el("button", text, cls);
  b.type = "button";
  b.onclick = action;
  return b;
}

// ---------------------------------------------------------------- words on the page

function words() {
  document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
  document.title = tr("web.title");
  document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = tr(e.dataset.t); });
  $("lang").textContent = tr("web.other_lang");
  if (S.seats) showSeats(S.seats);
  if (S.desk) showDesk(S.desk);
  if (S.draft) drawDraft();
}

async function setLang(code) {
  S.lang = code;
  store.set("cl.lang", code);
  try { await Words.load(code); } catch (e) { status(String(e)); }
  words();
}

// ---------------------------------------------------------------- joining

function showSeats(m) {
  S.seats = m;
  const ul = $("seats");
  ul.replaceChildren();
  $("pick").hidden = false;
  m.seats.forEach((s) => {
    const li = el("li", name(s.actor) + " ");
    li.dataset.actor = s.actor;
    if (s.free) li.appendChild(button(tr("web.join.take"), () => send({ type: "take_seat", room: S.room, actor: s.actor })));
    else li.appendChild(el("span", tr("web.join.taken"), "dim"));
    ul.appendChild(li);
  });
  if (!m.seats.some((s) => s.free)) ul.appendChild(el("li", tr("web.join.none_free")));
}

function learnGame(m) {
  (m.actors || []).forEach((a) => { S.actors[a.actor] = a.name; });
  S.kindList = m.kind_info || [];
  S.kindList.forEach((k) => { S.kinds[k.kind] = k; });
}

function join() {
  S.room = $("code").value.trim().toUpperCase();
  store.set("cl.room", S.room);
  send({ type: "hello", room: S.room });
}

// ---------------------------------------------------------------- the desk

function kindLabel(k) { return tr("desk.kind." + (k || "other")); }

// One line on a deal's terms: "loan: Microsoft pays Nvidia $2.0B over 12 months".
function termsText(t) {
  const info = S.kinds[t.kind] || { fields: [] };
  const months = tr("web.terms.months", t.months);
  if (info.fields.includes("amount") && t.amount > 0)
    return tr("web.terms.line", kindLabel(t.kind), name(t.payer), name(t.payee) || kindLabel(t.kind), Words.money(t.amount), months);
  return tr("web.terms.no_money", kindLabel(t.kind), name(t.payer), name(t.payee), months);
}

function clockText() {
  const d = S.desk;
  if (!d) return "";
  if (d.paused) return tr("web.desk.paused");
  if (d.countdown < 0) return tr("web.desk.no_timer");
  const left = Math.max(0, Math.round(d.countdown - (Date.now() - S.clockAt) / 1000));
  const mm = Math.floor(left / 60), ss = String(left % 60).padStart(2, "0");
  return tr("web.desk.countdown", mm + ":" + ss);
}

function showFigures(d) {
  const dl = $("figures");
  dl.replaceChildren();
  const fig = (key, value, id) => {
    const dt = el("dt", tr(key)), dd = el("dd", value);
    if (id) dd.id = id;
    dl.append(dt, dd);
  };
  fig("web.desk.cash", Words.money(d.cash, false), "fig-cash");
  fig("web.desk.budget", Words.money(d.budget, false), "fig-budget");
  fig("web.desk.exposure", Words.money(d.exposure, false), "fig-exposure");
  fig("web.desk.value", Words.money(d.value, false), "fig-value");
  fig("web.desk.price", "$" + Number(d.price).toFixed(2), "fig-price");
  fig("web.desk.reaction", d.reaction ? Words.pct(Math.expm1(d.reaction)) : tr("web.desk.reaction_none"), "fig-reaction");
  $("fig-reaction").className = d.reaction > 0 ? "up" : d.reaction < 0 ? "down" : "";
}

function showOffers(d) {
  const ul = $("offers");
  ul.replaceChildren();
  if (!d.offers.length) ul.appendChild(el("li", tr("web.offers.none"), "dim"));
  d.offers.forEach((o) => {
    const li = el("li");
    li.dataset.offer = o.offer;
    li.dataset.from = o.from;
    li.append(el("div", tr("web.offers.from", name(o.from)), "label"), el("div", termsText(o)));
    const row = el("div", undefined, "row");
    row.append(
      button(tr("web.offers.accept"), () => send({ type: "answer", token: S.token, offer: o.offer, reply: "accept" }), "accept"),
      button(tr("web.offers.counter"), () => openCounter(o), "counter"),
      button(tr("web.offers.reject"), () => send({ type: "answer", token: S.token, offer: o.offer, reply: "reject" }), "reject"));
    li.appendChild(row);
    ul.appendChild(li);
  });
}

function showQueued(d) {
  const ul = $("queued");
  ul.replaceChildren();
  const list = d.queued_list || [];
  if (!list.length) ul.appendChild(el("li", tr("web.queued.none"), "dim"));
  list.forEach((q) => {
    let text;
    if (q.intent === "propose") text = tr("web.queued.propose", termsText(q));
    else if (q.intent === "counter") text = tr("web.queued.counter", q.deal, termsText(q));
    else if (q.intent === "accept" || q.intent === "reject") text = tr("web.queued." + q.intent, q.deal);
    else text = tr("web.queued.other", q.intent);
    ul.appendChild(el("li", text));
  });
}

function newsLine(e) {
  const deal = e.deal_kind ? termsText({ kind: e.deal_kind, payer: e.payer, payee: e.payee,
    amount: e.deal_amount, months: e.deal_months }) : "";
  if (e.kind === "news") return Words.content(e.text);
  return tr("web.news." + e.kind, name(e.actor), name(e.other), deal, Words.pct(Math.expm1(e.change || 0)), Words.pick(e.text));
}

function showNews(d) {
  const box = $("news");
  box.replaceChildren();
  const events = d.events || [];
  if (!events.length) box.appendChild(el("p", tr("web.news.none"), "dim"));
  let month = "";
  let ul = null;
  // Newest month first; in a month, the order things happened.
  const months = [];
  events.forEach((e) => {
    if (e.month !== month) { month = e.month; months.unshift({ month, lines: [] }); }
    months[0].lines.push(e);
  });
  months.forEach((m) => {
    box.appendChild(el("h3", Words.month(m.month)));
    ul = el("ul");
    m.lines.forEach((e) => { const li = el("li", newsLine(e)); li.className = "news-" + e.kind; ul.appendChild(li); });
    box.appendChild(ul);
  });
}

function showDesk(d) {
  const first = !S.desk || S.desk.month !== d.month;
  S.desk = d;
  S.clockAt = Date.now();
  if (first) status(""); // last month's "ready, waiting" is over
  $("join").hidden = true;
  $("desk").hidden = false;
  $("who").textContent = name(d.actor);
  $("month").textContent = tr("web.desk.month", Words.month(d.month));
  showFigures(d);
  $("clock").textContent = clockText();
  const rb = $("ready");
  rb.textContent = d.ready ? tr("web.desk.unready") : tr("web.desk.ready");
  rb.classList.toggle("on", !!d.ready);
  showOffers(d);
  showQueued(d);
  showNews(d);
  if (!S.draft || (first && S.draft.mode === "counter")) newDraft();
  else if (first) askForecast();
}

// ---------------------------------------------------------------- the deal dialog

function newDraft() {
  const me = S.desk.actor;
  const others = Object.keys(S.actors).filter((a) => a !== me);
  const hub = others[0];
  const kind = (S.draft && S.draft.mode === "new" && S.draft.kind) || (S.kindList[0] || {}).kind || "compute";
  S.draft = { mode: "new", kind, other: (S.draft && S.draft.mode === "new" && S.draft.other) || hub || others[0] || "",
    side: "payer", terms: { amount: 10, months: 24, delay: 0, gw: 1, rate: 0.05, rate2: 0.5, shares: 1 }, forecast: null, typed: {} };
  drawDraft();
  askForecast();
}

function openCounter(o) {
  const me = S.desk.actor;
  S.draft = { mode: "counter", offer: o.offer, kind: o.kind, other: o.from, side: o.payer === me ? "payer" : "payee",
    terms: { amount: o.amount, months: o.months, delay: o.delay || 0, gw: o.gw || 0, rate: o.rate || 0, rate2: o.rate2 || 0, shares: o.shares || 0 },
    forecast: null, typed: {} };
  drawDraft();
  askForecast();
  $("draft-box").scrollIntoView({ behavior: "smooth", block: "start" });
}

function fieldLabel(f, info) {
  const me = S.desk.actor, d = S.draft;
  const payer = d.side === "payer" ? me : d.other, payee = d.side === "payer" ? d.other : me;
  const part = (who) => (who === me ? tr("desk.label.part_you") : tr("desk.label.part", name(who)));
  if (f === "rate" && info.pay === "revenue") return tr("desk.label.revenue");
  if (f === "rate" && info.pay === "loan") return tr("desk.label.interest");
  if (f === "rate" && info.pay === "split") return part(payer);
  if (f === "rate2" && info.pay === "split") return part(payee);
  if (f === "gw" && info.gw === "owned") return tr("desk.label.gw_owned", tr("desk.field.gw"));
  if (f === "gw" && info.gw === "rented") return tr("desk.label.gw_rented", tr("desk.field.gw"));
  if (f === "gw" && info.gw === "venture") return tr("desk.label.gw_venture", tr("desk.field.gw"));
  return tr("desk.field." + f);
}

function unitOf(f) {
  if (PERCENT[f]) return tr("web.draft.percent");
  if (f === "amount") return tr("web.draft.billions");
  if (f === "gw") return tr("web.draft.gw");
  if (f === "shares") return tr("web.draft.billion_shares");
  return tr("web.draft.months_unit");
}

// A term's value as the page shows it (rates in percent) and back.
const shown = (f, v) => (PERCENT[f] ? +(v * 100).toFixed(4) : v);
const taken = (f, v) => (PERCENT[f] ? v / 100 : v);

function rangeText(f, r) {
  const v = (x) => (f === "amount" ? Words.money(x, false) : shown(f, x) + (PERCENT[f] ? "%" : ""));
  return tr("web.draft.range", v(r.lo), v(r.hi));
}

// The value of f as typed is outside its range: the row says so, the value stays as typed.
function outOfRange(f) {
  const fc = S.draft.forecast, r = fc && fc.fields && fc.fields[f];
  const v = S.draft.terms[f];
  if (!r || !isFinite(v)) return isFinite(v) ? "" : "low";
  return v < r.lo ? "low" : v > r.hi ? "high" : "";
}

function drawDraft() {
  const d = S.draft, me = S.desk.actor, info = S.kinds[d.kind] || { fields: ["amount", "months"], world: false, pay: "plain", gw: "none" };
  $("draft-title").textContent = d.mode === "counter" ? tr("web.draft.counter_title", name(d.other)) : tr("web.draft.title");
  $("send").textContent = d.mode === "counter" ? tr("web.draft.send_counter") : tr("web.draft.send");
  $("cancel").hidden = d.mode !== "counter";
  const kind = $("kind");
  kind.replaceChildren();
  S.kindList.forEach((k) => { const o = el("option", kindLabel(k.kind)); o.value = k.kind; kind.appendChild(o); });
  kind.value = d.kind;
  kind.disabled = d.mode === "counter";
  $("explain").textContent = tr("desk.explain." + d.kind);
  const other = $("other");
  other.replaceChildren();
  Object.keys(S.actors).filter((a) => a !== me).forEach((a) => { const o = el("option", name(a)); o.value = a; other.appendChild(o); });
  other.value = d.other;
  other.disabled = d.mode === "counter";
  $("row-other").hidden = info.world;
  $("row-side").hidden = info.world;
  $("side").value = d.side;
  $("side").disabled = d.mode === "counter";
  $("side-label").textContent = info.pay === "split" ? tr("desk.label.venture") : tr("desk.field.side");
  const box = $("terms");
  box.replaceChildren();
  TERMS.filter((f) => info.fields.includes(f)).forEach((f) => {
    const row = el("div", undefined, "field");
    row.id = "row-" + f;
    const label = el("label", fieldLabel(f, info));
    label.htmlFor = "t-" + f;
    const input = el("input");
    input.id = "t-" + f;
    input.type = "number";
    input.step = "any";
    input.inputMode = "decimal";
    input.value = d.typed[f] !== undefined ? d.typed[f] : shown(f, d.terms[f]);
    input.oninput = () => {
      d.typed[f] = input.value;
      d.terms[f] = input.value === "" ? NaN : taken(f, Number(input.value));
      $("send").disabled = true; // until the engine has checked the draft as it now stands
      flagRows();
      askForecast();
    };
    const unit = el("span", unitOf(f), "unit");
    const range = el("span", "", "range");
    range.id = "range-" + f;
    const note = el("p", "", "note");
    note.id = "note-" + f;
    row.append(label, input, unit, range, note);
    box.appendChild(row);
  });
  flagRows();
  drawForecast();
}

// Each row's range, and a note on a value outside it (desk.range.high/low, as the window says).
function flagRows() {
  const d = S.draft, fc = d.forecast;
  TERMS.forEach((f) => {
    const row = $("row-" + f);
    if (!row) return;
    const r = fc && fc.fields && fc.fields[f];
    $("range-" + f).textContent = r ? rangeText(f, r) : "";
    const out = outOfRange(f);
    const refused = fc && !fc.valid && fc.refusal && refusalField(fc.refusal.code) === f;
    row.classList.toggle("flag", !!out || !!refused);
    const v = d.typed[f] !== undefined ? d.typed[f] : shown(f, d.terms[f]);
    const fmt = (x) => (f === "amount" ? Words.money(x) : shown(f, x) + (PERCENT[f] ? "%" : ""));
    const typed = f === "amount" ? Words.money(taken(f, Number(v))) : v + (PERCENT[f] ? "%" : "");
    $("note-" + f).textContent = out && r
      ? tr(out === "high" ? "desk.range.high" : "desk.range.low", fieldLabel(f, S.kinds[d.kind]), typed, fmt(r.lo), fmt(r.hi))
      : "";
  });
}

// The row the engine's refusal is about (ui_desk_refusal_field).
function refusalField(code) {
  const rows = {
    amount: ["amount", "amount_huge", "no_amount", "over_budget", "too_big", "too_risky", "cannot_carry", "no_funds", "below_estate"],
    months: ["months"], delay: ["delay"], gw: ["gw"], rate: ["rates", "no_rate", "jv_shares"], shares: ["shares", "no_shares"],
    other: ["same_party", "defaulted", "exclusive", "not_distressed", "bought"],
  };
  for (const f in rows) if (rows[f].includes(code)) return f;
  return "";
}

function draftMessage(type) {
  const d = S.draft, info = S.kinds[d.kind] || { fields: [] };
  const terms = { amount: 0, months: 1 };
  TERMS.forEach((f) => { if (info.fields.includes(f)) terms[f] = f === "months" || f === "delay" ? Math.round(d.terms[f]) : d.terms[f]; });
  if (!info.fields.includes("amount")) terms.amount = 0;
  const reason = $("reason").value.trim();
  const msg = { type, token: S.token, kind: d.kind, counterparty: info.world ? S.desk.actor : d.other, side: d.side, terms };
  if (reason) msg.reason = reason;
  return msg;
}

function draftSendable() {
  const info = S.kinds[S.draft.kind] || { fields: [] };
  return TERMS.every((f) => !info.fields.includes(f) || (isFinite(S.draft.terms[f]) && !outOfRange(f)));
}

// Asks the engine about the draft as it stands, a moment after the last keystroke.
function askForecast() {
  clearTimeout(S.forecastTimer);
  S.forecastTimer = setTimeout(() => {
    if (!S.draft || !S.token) return;
    if (!draftSendable()) { drawForecast(); return; }
    S.forecastSeq = send(draftMessage("forecast"));
    $("verdict").textContent = tr("web.draft.checking");
  }, 250);
}

function forecastText(a, fc) {
  const who = name(a.who);
  const said = Words.pick(a.reason) || tr("desk.forecast.no_reason");
  switch (a.by) {
    case "build": return tr("desk.forecast.build");
    case "refused": return tr("desk.forecast.refused");
    case "record": return tr("desk.forecast.record", who);
    case "baseline": return tr("desk.forecast." + a.reply, who, tr("start.script.baseline"), said);
    case "passive": return tr("desk.forecast.passive", who);
    case "person": return tr("desk.forecast.person", who);
    default:
      if (a.reply === "unknown") return tr("desk.forecast.script", who, a.seat);
      return tr("desk.forecast." + a.reply, who, a.seat, said);
  }
}

function refusalText(r) {
  return tr("refuse." + r.code, kindLabel(r.kind), name(r.actor) || "?", name(r.other) || "?", r.deal, Words.money(r.a), Words.money(r.b));
}

function drawForecast() {
  const fc = S.draft && S.draft.forecast;
  const sendable = S.draft && draftSendable();
  $("send").disabled = !fc || !fc.valid || !sendable;
  $("market-head").textContent = tr("role.dialog.market");
  $("guide").textContent = tr("role.dialog.guide");
  if (!fc || !sendable) {
    $("verdict").textContent = sendable ? tr("web.draft.checking") : "";
    $("reaction").textContent = $("forecast").textContent = "";
    $("after").replaceChildren();
    $("keys").hidden = true;
    return;
  }
  let verdict;
  if (!fc.valid) verdict = tr("desk.verdict.refused", refusalText(fc.refusal));
  else if (fc.first_year > 0) verdict = tr(fc.pays ? "desk.verdict.pay" : "desk.verdict.receive", Words.money(fc.first_year));
  else verdict = tr("desk.verdict.ok");
  $("verdict").textContent = verdict;
  $("verdict").className = fc.valid ? "ok" : "bad";
  const m = fc.move;
  $("reaction").textContent = m.other ? tr("role.dialog.move_both", Words.pct(m.me), name(m.other), Words.pct(m.them))
    : tr("role.dialog.move_you", Words.pct(m.me));
  const a = fc.after, ul = $("after");
  ul.replaceChildren();
  const short = a.cash_after < -1e-9;
  ul.appendChild(el("li", tr(short ? "desk.after.cash_short" : "desk.after.cash", Words.money(a.cash), Words.money(a.cash_after), Words.month(a.first_month)), short ? "bad" : ""));
  ul.appendChild(el("li", tr("desk.after.dues", Words.money(a.due), Words.money(a.due_after))));
  ul.appendChild(el("li", tr("desk.after.exposure", Words.money(a.exposure), Words.money(a.exposure_after))));
  $("forecast").textContent = forecastText(fc.answer, fc);
  drawKeys(fc);
}

// The key figures first, on one line of three (the details fold under them): the first day's
// move, the cash after the first payment, and what the other side will likely answer.
function drawKeys(fc) {
  const m = fc.move, a = fc.after, ans = fc.answer || {};
  $("keys").hidden = !fc.valid;
  $("key-day").textContent = Words.pct(m.me) + (m.other ? " / " + name(m.other) + " " + Words.pct(m.them) : "");
  $("key-day").className = m.me > 0 ? "up" : m.me < 0 ? "down" : "";
  $("key-cash").textContent = Words.money(a.cash_after);
  $("key-cash").className = a.cash_after < -1e-9 ? "down" : "";
  const asked = ans.who && ans.by !== "build" && ans.by !== "refused";
  $("key-answer-box").hidden = !asked;
  if (!asked) return;
  const reply = ["accept", "reject", "counter", "wait"].includes(ans.reply) && ans.by !== "person" ? ans.reply : "unknown";
  $("key-answer-head").textContent = tr("web.expect.answer", name(ans.who));
  $("key-answer").textContent = tr("web.expect.likely." + reply);
  $("key-answer").className = reply === "accept" ? "up" : reply === "reject" ? "down" : "";
}

function submitDraft(e) {
  e.preventDefault();
  const d = S.draft;
  if (!draftSendable()) return;
  if (d.mode === "counter") {
    const m = draftMessage("answer");
    send({ type: "answer", token: S.token, offer: d.offer, reply: "counter", terms: m.terms, reason: m.reason });
  } else {
    send(draftMessage("propose"));
  }
  status(tr("web.status.sent"));
}

// ---------------------------------------------------------------- messages

function answer(m) {
  switch (m.type) {
    case "seats":
      learnGame(m);
      if (!S.token) showSeats(m);
      else send({ type: "resume", token: S.token });
      break;
    case "seat":
      S.token = m.token;
      store.set("cl.token", m.token);
      status("");
      break;
    case "state":
      showDesk(m);
      break;
    case "forecast":
      if (m.seq === S.forecastSeq && S.draft) { S.draft.forecast = m; flagRows(); drawForecast(); }
      break;
    case "ok":
      if (m.re === "propose" || m.re === "answer") {
        status(tr("web.status.queued"));
        if (S.draft && S.draft.mode === "counter") newDraft();
      } else if (m.re === "ready" && S.desk) {
        S.desk.ready = S.wantReady;
        showDesk(S.desk);
        status(S.wantReady ? tr("web.desk.waiting") : "");
      } else status("");
      break;
    case "error":
      status(tr("web.status.refused", m.message));
      if (m.code === "bad_token") {
        S.token = "";
        store.set("cl.token", "");
        $("desk").hidden = true;
        $("join").hidden = false;
        if (S.room) send({ type: "hello", room: S.room });
      }
      if (m.code === "bad_room") { S.room = ""; store.set("cl.room", ""); }
      break;
    default:
      break;
  }
}

function connect() {
  const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/", "closedloop.v1");
  S.ws = ws;
  ws.onopen = () => {
    status("");
    if (S.room) send({ type: "hello", room: S.room });
    else if (S.token) send({ type: "resume", token: S.token });
  };
  ws.onclose = () => { status(tr("web.status.lost")); setTimeout(connect, 2000); };
  ws.onmessage = (e) => { try { answer(JSON.parse(e.data)); } catch (err) { status(String(err)); } };
}

window.addEventListener("DOMContentLoaded", async () => {
  $("code").value = S.room;
  try { await Words.load(S.lang); } catch (e) { status(String(e)); }
  words();
  $("lang").onclick = () => setLang(S.lang === "en" ? "zh" : "en");
  $("go").onclick = join;
  $("code").onkeydown = (e) => { if (e.key === "Enter") join(); };
  $("ready").onclick = () => {
    S.wantReady = !(S.desk && S.desk.ready);
    send({ type: "ready", token: S.token, ready: S.wantReady });
  };
  $("kind").onchange = () => { S.draft.kind = $("kind").value; S.draft.forecast = null; drawDraft(); askForecast(); };
  $("other").onchange = () => { S.draft.other = $("other").value; drawDraft(); askForecast(); };
  $("side").onchange = () => { S.draft.side = $("side").value; drawDraft(); askForecast(); };
  $("draft").onsubmit = submitDraft;
  $("expect-more").open = window.matchMedia("(min-width: 1000px)").matches; // a laptop has room
  $("cancel").onclick = newDraft;
  setInterval(() => { if (S.desk) $("clock").textContent = clockText(); }, 1000);
  connect();
});
