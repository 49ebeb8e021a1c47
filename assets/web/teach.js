// closedloop: what the teacher's page and the projector's page share: the teacher's token (from
// the link's fragment, #t=TOKEN, which a browser never sends to the server; kept for this tab in
// sessionStorage and taken out of the address bar), the WebSocket (resume with the token, then
// the host pushes `room`, `world` and `card` whenever they change), the words (words.js) and the
// language switch (?lang=zh in the address picks one), and the countdown ticking between two pushes.
// The words (words.js) and the story cards (cards.js) are loaded from here, in that order, so that
// each page's head names one style sheet (teach.css, which imports cards.css) and two scripts.
"use strict";
const Teach = {
  ready: ["words.js", "cards.js"].reduce((before, src) => before.then(() => new Promise((ok, bad) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = ok;
    s.onerror = () => bad(new Error("could not load " + src));
    document.head.append(s);
  })), Promise.resolve()),
  ws: null, seq: 0, token: "", onMessage: null, room: null, roomAt: 0,
  store: {
    get: (k) => { try { return sessionStorage.getItem(k) || localStorage.getItem(k) || ""; } catch (e) { return ""; } },
    set: (k, v, local) => { try { (local ? localStorage : sessionStorage).setItem(k, v); } catch (e) { /* private mode */ } },
  },
  $: (id) => document.getElementById(id),
  tr(key, ...args) { return (typeof Words !== "undefined") ? Words.tr(key, ...args) : key; },
  money(b) { return (typeof Words !== "undefined") ? Words.money(b, false) : b.toFixed(1); },
  name(n) { return (typeof Words !== "undefined") ? Words.content(n) : n; },

  send(msg) {
    msg.v = 1;
    msg.seq = ++Teach.seq;
    msg.token = Teach.token;
    if (Teach.ws && Teach.ws.readyState === 1) Teach.ws.send(JSON.stringify(msg));
  },

  status(text) { const s = Teach.$("status"); if (s) s.textContent = text || ""; },

  words() {
    document.documentElement.lang = Teach.lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = Teach.tr(e.dataset.t); });
    const b = Teach.$("lang");
    if (b) b.textContent = Teach.tr("web.other_lang");
  },

  async setLang(code) {
    Teach.lang = code;
    Teach.store.set("cl.lang", code, true);
    try { if ((typeof Words !== "undefined")) await Words.load(code); } catch (e) { Teach.status(String(e)); }
    Teach.words();
    if (Teach.onRedraw) Teach.onRedraw();
  },

  // Seconds left on the month's timer now (-1: none), from the last room message.
  countdown() {
    const r = Teach.room;
    if (!r || r.countdown < 0) return -1;
    if (r.paused) return r.countdown;
    return Math.max(0, r.countdown - (Date.now() - Teach.roomAt) / 1000);
  },

  // Draws a QR code the host made (room.qr: rows of hex digits, 4 modules a digit, the leftmost
  // module the highest bit, 1 dark) into canvas, `side` CSS pixels square with the standard quiet
  // zone of four modules; whole device pixels a module, so a phone's camera reads it. false: none.
  qr(canvas, rows, side) {
    const n = rows ? rows.length : 0;
    canvas.hidden = !n;
    if (!n) return false;
    const d = window.devicePixelRatio || 1, m = Math.max(1, Math.floor((side * d) / (n + 8)));
    const px = m * (n + 8);
    canvas.width = canvas.height = px;
    canvas.style.width = canvas.style.height = px / d + "px";
    const g = canvas.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, px, px);
    g.fillStyle = "#000";
    rows.forEach((row, y) => {
      for (let x = 0; x < n; x++)
        if ((parseInt(row[x >> 2], 16) >> (3 - (x & 3))) & 1) g.fillRect((x + 4) * m, (y + 4) * m, m, m);
    });
    return true;
  },

  // The link that gives a seat to the team that opens it (room.handover's token).
  seatLink(r, token) { return (r && r.url ? r.url : location.origin + "/") + "#seat=" + token; },

  clock(s) {
    if (s < 0) return Teach.tr("web.teacher.no_timer");
    const m = Math.floor(s / 60), x = Math.floor(s % 60);
    return m + ":" + String(x).padStart(2, "0");
  },

  connect() {
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/", "closedloop.v1");
    Teach.ws = ws;
    ws.onopen = () => { Teach.status(""); Teach.send({ type: "resume" }); };
    ws.onclose = () => { Teach.status(Teach.tr("web.teacher.lost")); setTimeout(Teach.connect, 2000); };
    ws.onmessage = (e) => {
      let m;
      try { m = JSON.parse(e.data); } catch (x) { return; }
      if (m.type === "room") { Teach.room = m; Teach.roomAt = Date.now(); }
      if (m.type === "error") {
        Teach.status(m.message);
        if (m.code === "bad_token") { Teach.token = ""; Teach.askToken(); }
      }
      if (Teach.onMessage) Teach.onMessage(m);
    };
  },

  // The form that asks for the teacher's token (a link opened without its fragment), made here
  // for both pages, after the status line.
  askToken() {
    let f = Teach.$("token-form");
    if (!f) {
      f = document.createElement("form");
      f.id = "token-form";
      const label = document.createElement("label"), input = document.createElement("input"), b = document.createElement("button");
      label.htmlFor = input.id = "token-input";
      label.dataset.t = "web.teacher.token";
      input.autocomplete = "off";
      input.spellcheck = false;
      input.maxLength = 32;
      b.type = "submit";
      b.dataset.t = "web.teacher.open";
      f.append(label, " ", input, " ", b);
      Teach.$("status").before(f);
      Teach.words();
    }
    f.hidden = false;
    f.onsubmit = (e) => {
      e.preventDefault();
      const t = Teach.$("token-input").value.trim().toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(t)) return;
      Teach.token = t;
      Teach.store.set("cl.teacher", t);
      f.hidden = true;
      Teach.send({ type: "resume" });
    };
  },

  async start(onMessage, onRedraw) {
    await Teach.ready;
    Teach.onMessage = onMessage;
    Teach.onRedraw = onRedraw;
    const hash = /(?:^#|&)t=([0-9a-f]{32})/.exec(location.hash);
    if (hash) {
      Teach.store.set("cl.teacher", hash[1]);
      history.replaceState(null, "", location.pathname + location.search);
    }
    Teach.token = Teach.store.get("cl.teacher");
    const asked = new URLSearchParams(location.search).get("lang");
    Teach.lang = (asked === "en" || asked === "zh" ? asked : "") || Teach.store.get("cl.lang") ||
      ((navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en");
    await Teach.setLang(Teach.lang);
    const b = Teach.$("lang");
    if (b) b.onclick = () => Teach.setLang(Teach.lang === "en" ? "zh" : "en");
    if (!Teach.token) Teach.askToken();
    Teach.connect();
    setInterval(() => { const c = Teach.$("clock"); if (c && Teach.room) c.textContent = Teach.clock(Teach.countdown()); }, 250);
  },
};
