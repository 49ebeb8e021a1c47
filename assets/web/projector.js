// closedloop: the projector's page for a headless host (docs/protocol.md: room, world, card). The
// flow map: the actors as circles (area as market value; the hub in the middle), each live deal
// an arrow from payer to payee along which dots of money move (more dots, a thicker line: more
// money). Beside it the hub's market value and what it owes, month by month; who is connected
// and ready; the countdown; the address and the room code for students to join. A story card
// pushed by the teacher covers the map; the answers show only once the teacher reveals them.
"use strict";
const P = { room: null, world: null, card: null, t0: Date.now(), join: null /* null: by itself */ };
const $ = Teach.$, tr = (k, ...a) => Teach.tr(k, ...a);
const COLORS = { value: "#1d6fb8", owed: "#d1495b", hub: "#e07a1f", node: "#3a5a80", dead: "#999",
                 edge: "rgba(40, 60, 90, .35)", money: "#2a9d55", text: "#111", ring: "#2a9d55" };

function fit(canvas) {
  const r = canvas.getBoundingClientRect(), d = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(r.width * d)), h = Math.max(1, Math.round(r.height * d));
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const g = canvas.getContext("2d");
  g.setTransform(d, 0, 0, d, 0, 0);
  return { g, w: r.width, h: r.height };
}

// A point along the curve from a to b (bent to one side so two deals between the same pair, one
// each way, do not overlap), at t in 0..1.
function along(a, b, t, bend) {
  const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
  const cx = mx - dy * bend, cy = my + dx * bend, u = 1 - t;
  return { x: u * u * a.x + 2 * u * t * cx + t * t * b.x, y: u * u * a.y + 2 * u * t * cy + t * t * b.y,
           cx, cy };
}

function drawMap() {
  const { g, w, h } = fit($("map"));
  g.clearRect(0, 0, w, h);
  const W = P.world;
  if (!W) return;
  const size = Math.min(w, h), ox = (w - size) / 2, oy = (h - size) / 2;
  const maxV = Math.max(1, ...W.actors.map((a) => Math.max(0, a.value)));
  const at = {};
  W.actors.forEach((a) => {
    at[a.id] = { x: ox + a.x * size, y: oy + a.y * size,
                 r: 10 + 0.09 * size * Math.sqrt(Math.max(0, a.value) / maxV), a };
  });
  const maxE = Math.max(1, ...W.edges.map((e) => e.amount));
  const secs = (Date.now() - P.t0) / 1000;
  W.edges.forEach((e, k) => {
    const a = at[e.from], b = at[e.to];
    if (!a || !b) return;
    const share = Math.sqrt(e.amount / maxE), bend = 0.12;
    const c = along(a, b, 0.5, bend);
    g.strokeStyle = COLORS.edge;
    g.lineWidth = 1 + 7 * share;
    g.beginPath(); g.moveTo(a.x, a.y); g.quadraticCurveTo(c.cx, c.cy, b.x, b.y); g.stroke();
    // The money: dots from payer to payee.
    const dots = 1 + Math.round(4 * share);
    g.fillStyle = COLORS.money;
    for (let i = 0; i < dots; i++) {
      const t = ((secs * 0.25 + i / dots + k * 0.137) % 1);
      const p = along(a, b, t, bend);
      g.beginPath(); g.arc(p.x, p.y, 2.5 + 3 * share, 0, 2 * Math.PI); g.fill();
    }
  });
  const big = Math.max(12, Math.round(size / 45));
  W.actors.forEach((x) => {
    const n = at[x.id], a = n.a;
    g.fillStyle = a.defaulted ? COLORS.dead : a.id === W.hub ? COLORS.hub : COLORS.node;
    g.beginPath(); g.arc(n.x, n.y, n.r, 0, 2 * Math.PI); g.fill();
    if (a.seat) { g.strokeStyle = COLORS.ring; g.lineWidth = 4; g.stroke(); }
    if (a.defaulted) { g.strokeStyle = COLORS.owed; g.lineWidth = 3; g.stroke(); }
    g.fillStyle = COLORS.text;
    g.textAlign = "center";
    g.font = "bold " + big + "px system-ui, sans-serif";
    const below = n.y + n.r + big + 2;
    g.fillText(Teach.name(a.name), n.x, below);
    g.font = Math.round(big * 0.85) + "px system-ui, sans-serif";
    g.fillText(a.defaulted ? tr("web.projector.defaulted") : Teach.money(a.value), n.x, below + big);
  });
}

function drawChart() {
  const { g, w, h } = fit($("chart"));
  g.clearRect(0, 0, w, h);
  const W = P.world;
  if (!W || !W.months.length) return;
  const left = 56, right = 8, top = 10, bottom = 22;
  const series = [[W.hub_value, COLORS.value], [W.hub_owed, COLORS.owed]];
  const max = Math.max(1, ...W.hub_value, ...W.hub_owed);
  const n = W.months.length;
  const x = (i) => left + (n === 1 ? 0 : (i * (w - left - right)) / (n - 1));
  const y = (v) => top + (1 - Math.max(0, v) / max) * (h - top - bottom);
  g.strokeStyle = "#bbb"; g.lineWidth = 1;
  g.beginPath(); g.moveTo(left, top); g.lineTo(left, h - bottom); g.lineTo(w - right, h - bottom); g.stroke();
  g.fillStyle = "#333"; g.font = "13px system-ui, sans-serif";
  g.textAlign = "right"; g.fillText(Teach.money(max), left - 4, top + 10); g.fillText(Teach.money(0), left - 4, h - bottom);
  g.textAlign = "left"; g.fillText(W.months[0], left, h - 4);
  g.textAlign = "right"; g.fillText(W.months[n - 1], w - right, h - 4);
  series.forEach(([s, color]) => {
    g.strokeStyle = color; g.lineWidth = 3;
    g.beginPath();
    s.forEach((v, i) => { if (i) g.lineTo(x(i), y(v)); else g.moveTo(x(i), y(v)); });
    if (n === 1) g.lineTo(x(0) + 4, y(s[0]));
    g.stroke();
  });
}

function drawRoom() {
  const r = P.room;
  if (!r) return;
  $("join-at").textContent = tr("web.projector.join_at");
  $("join-url").textContent = r.url || location.origin + "/";
  $("join-code").textContent = tr("web.projector.code", r.room);
  $("month").textContent = (typeof Words !== "undefined") ? Words.month(r.month) : r.month;
  $("paused").textContent = r.over ? tr("web.teacher.over") : r.paused ? tr("web.teacher.paused") : "";
  const ul = $("seats");
  ul.replaceChildren();
  r.seats.forEach((s) => {
    const li = document.createElement("li");
    li.className = s.played_by === "team" ? (s.connected ? "on" : "away") : "strategy";
    const state = s.played_by !== "team" ? tr("web.teacher.by_strategy")
      : !s.connected ? tr("web.projector.away") : s.ready ? tr("web.projector.ready") : tr("web.projector.thinking");
    const b = document.createElement("b");
    b.textContent = Teach.name(s.name) + " ";
    li.append(b, document.createTextNode(state));
    ul.append(li);
  });
  drawWelcome();
  drawHandover();
}

// Before the first month is played (or when the teacher asks), the address, its QR code and the
// room code cover the map, in letters a class reads from the back of the room.
function drawWelcome() {
  const r = P.room;
  const early = !r.over && (!P.world || P.world.months.length <= 1);
  const show = P.join === null ? early : P.join;
  $("welcome").hidden = !show;
  $("show-join").textContent = tr(show ? "web.projector.show_map" : "web.projector.show_join");
  $("show-join").onclick = () => { P.join = !show; drawRoom(); };
  if (!show) return;
  $("welcome-url").textContent = r.url || location.origin + "/";
  $("welcome-code").textContent = r.room;
  $("welcome-wait").hidden = !early || r.seats.some((s) => s.taken); // the month's timer runs
  const box = $("welcome-qr-box"), side = Math.min(box.parentElement.clientHeight - 80, box.parentElement.clientWidth * 0.45);
  box.hidden = !Teach.qr($("welcome-qr"), r.qr, Math.max(160, side));
}

// A seat the teacher just gave a new code: its link and QR code, until its team is connected.
function drawHandover() {
  const h = P.room.handover;
  $("handover").hidden = !h;
  if (!h) return;
  $("handover-text").textContent = tr("web.projector.new_link", Teach.name(h.name));
  $("handover-link").textContent = Teach.seatLink(P.room, h.token);
  Teach.qr($("handover-qr"), h.qr, 300);
}

function redraw() {
  drawRoom();
  drawChart();
  Cards.render($("card"), P.card || { phase: "none" }, {});
}

function onMessage(m) {
  if (m.type === "room") { P.room = m; drawRoom(); }
  else if (m.type === "world") { P.world = m; drawChart(); if (P.room) drawWelcome(); }
  else if (m.type === "card") { P.card = m; Cards.render($("card"), m, {}); }
}

function frame() {
  drawMap();
  requestAnimationFrame(frame);
}

window.addEventListener("DOMContentLoaded", () => {
  window.addEventListener("resize", redraw);
  Teach.start(onMessage, redraw);
  requestAnimationFrame(frame);
});
