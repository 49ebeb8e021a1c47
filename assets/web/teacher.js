// closedloop: the teacher's page (docs/protocol.md: room, world, card; pause, extend, lever,
// free_seat, assign_seat, card_push, card_reveal, card_close). Everything here goes through the
// host's teacher messages; the page only draws what the host pushes.
"use strict";
const T = { room: null, card: null, handover: null };
const $ = Teach.$, tr = (k, ...a) => Teach.tr(k, ...a);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function button(text, action) {
  const b = el("button", text);
  b.type = "button";
  b.onclick = action;
  return b;
}

// The words of a card in the reader's language (a title alone in the list of cards on offer).
function title(c) {
  const l = (c.lang && c.lang[Teach.lang]) || {};
  return l.title || c.title;
}

function drawTime(r) {
  $("room-code").textContent = tr("web.teacher.room", r.room);
  $("month").textContent = (typeof Words !== "undefined") ? Words.month(r.month) : r.month;
  $("time-state").textContent = r.over ? tr("web.teacher.over") : r.paused ? tr("web.teacher.paused") : "";
  $("pause").textContent = tr(r.paused ? "web.teacher.resume" : "web.teacher.pause");
  $("pause").onclick = () => Teach.send({ type: "pause", paused: !r.paused });
}

function drawSeats(r) {
  const body = $("seats").tBodies[0];
  body.replaceChildren();
  r.seats.forEach((s) => {
    const tr_ = el("tr");
    tr_.append(el("td", Teach.name(s.name)),
      el("td", tr(s.played_by === "team" ? "web.teacher.by_team" : "web.teacher.by_strategy")),
      el("td", s.taken ? (s.connected ? "●" : "○") : "–"),
      el("td", s.ready ? "✓" : ""), el("td", String(s.queued)));
    const act = el("td");
    if (s.taken) act.append(button(tr("web.teacher.free"), () => Teach.send({ type: "free_seat", actor: s.actor })));
    act.append(button(tr("web.teacher.assign"), () => { T.handover = s.actor; Teach.send({ type: "assign_seat", actor: s.actor }); }));
    tr_.append(act);
    body.append(tr_);
  });
}

// The seat the teacher just assigned: its join link, its QR code (room.handover, which the
// projector shows too) and token, to hand to a team.
function drawHandover(m) {
  const box = $("handover");
  if (T.dismissed === m.token || (!box.hidden && T.shown === m.token && (!m.qr || T.shownQr))) return;
  T.shown = m.token;
  T.shownQr = !!m.qr;
  const qr = el("canvas");
  box.replaceChildren(el("p", tr("web.teacher.handover", Teach.name(m.name))),
    el("code", Teach.seatLink(T.room, m.token), "link"), qr, el("p", tr("web.teacher.handover_token", m.token), "hint"),
    button(tr("web.teacher.done"), () => { box.hidden = true; T.dismissed = m.token; }));
  Teach.qr(qr, m.qr, 180);
  box.hidden = false;
}

function drawLevers(r) {
  const box = $("levers");
  if (box.contains(document.activeElement) && document.activeElement.tagName === "INPUT") return;
  box.replaceChildren();
  r.levers.forEach((l) => {
    const row = el("div", undefined, "lever");
    const label = el("label", tr("lever." + l.id + ".name", Teach.name(hubName(r))));
    const input = el("input");
    input.type = "range";
    input.min = l.min; input.max = l.max; input.step = l.step; input.value = l.value;
    input.id = "lever-" + l.id;
    label.htmlFor = input.id;
    const shown = (v) => (l.percent ? (100 * v).toFixed(1) + "%" : Number(v).toFixed(2));
    const value = el("span", shown(l.value), "lever-value");
    input.oninput = () => { value.textContent = shown(input.value); };
    input.onchange = () => Teach.send({ type: "lever", lever: l.id, value: Number(input.value) });
    row.append(label, input, value, el("p", tr("lever." + l.id + ".help"), "hint"));
    box.append(row);
  });
}

function hubName(r) {
  return (T.world && T.world.actors.find((a) => a.id === T.world.hub) || {}).name || "";
}

function choices() {
  return [...document.querySelectorAll("#choices .choice")].map((i) => i.value.trim()).filter((v) => v);
}

function drawOffers(r) {
  const ul = $("offers");
  ul.replaceChildren();
  if (!r.cards.length) ul.append(el("li", tr("web.teacher.no_cards"), "hint"));
  r.cards.slice().reverse().forEach((c) => {
    const li = el("li");
    const now = r.card.phase !== "none" && r.card.card === c.card;
    li.append(el("span", ((typeof Words !== "undefined") ? Words.month(c.month) : c.month) + ": ", "hint"), el("b", title(c) + " "));
    li.append(button(tr(now ? "web.teacher.push_again" : "web.teacher.push"), () => {
      const ch = choices();
      if (ch.length === 1) { Teach.status(tr("web.teacher.one_choice")); return; }
      const msg = { type: "card_push", card: c.card };
      if (ch.length) msg.choices = ch;
      Teach.send(msg);
    }));
    ul.append(li);
  });
}

function drawCard() {
  const m = T.card;
  Cards.render($("card-now"), m || { phase: "none" }, { tally: true });
  $("card-actions").hidden = !m || m.phase === "none";
  $("reveal").disabled = !m || m.phase !== "open";
}

function redraw() {
  if (T.room) { drawTime(T.room); drawSeats(T.room); drawLevers(T.room); drawOffers(T.room); }
  drawCard();
}

function onMessage(m) {
  if (m.type === "room") { T.room = m; redraw(); if (m.handover) drawHandover(m.handover); }
  else if (m.type === "world") { T.world = m; if (T.room) drawLevers(T.room); }
  else if (m.type === "card") { T.card = m; drawCard(); }
  else if (m.type === "seat" && m.re === "assign_seat") drawHandover(m);
  else if (m.type === "ok") Teach.status(tr("web.teacher.ok"));
}

window.addEventListener("DOMContentLoaded", () => {
  $("extend1").onclick = () => Teach.send({ type: "extend", seconds: 60 });
  $("extend5").onclick = () => Teach.send({ type: "extend", seconds: 300 });
  $("reveal").onclick = () => Teach.send({ type: "card_reveal" });
  $("close-card").onclick = () => Teach.send({ type: "card_close" });
  Teach.start(onMessage, redraw);
});
