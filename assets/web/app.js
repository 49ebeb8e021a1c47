// closedloop's join page: the room code, a seat, the desk (docs/protocol.md, version 1).
// No build step, no library, nothing loaded from elsewhere (the page's CSP forbids it).
"use strict";
const T = {
  en: { code: "Room code", join: "Join", offers: "Offers to you", propose: "Propose a deal",
        send: "Send", ready: "Ready: end my month", we_pay: "we pay", they_pay: "they pay",
        take: "Take", taken: "taken", cash: "Cash", budget: "Budget a year", exposure: "Exposure",
        value: "Market value", reaction: "Last month", countdown: "Seconds left",
        accept: "Accept", reject: "Reject", ok: "Sent.", lost: "Connection lost: reconnecting…",
        counterparty: "counterparty id", amount: "$B", months: "months", title: "closedloop" },
  zh: { code: "房间码", join: "加入", offers: "给你的报价", propose: "提出交易", send: "发送",
        ready: "准备好：结束本月", we_pay: "我方付款", they_pay: "对方付款", take: "入座",
        taken: "已有人", cash: "现金", budget: "年度预算", exposure: "风险敞口", value: "市值",
        reaction: "上月涨跌", countdown: "剩余秒数", accept: "接受", reject: "拒绝", ok: "已发送。",
        lost: "连接断开：正在重连…", counterparty: "对方代号", amount: "十亿美元", months: "月数",
        title: "closedloop" },
};
let lang = localStorage.getItem("cl.lang") || (navigator.language.startsWith("zh") ? "zh" : "en");
let ws = null, seq = 0, token = localStorage.getItem("cl.token") || "";
const $ = (id) => document.getElementById(id);
const t = (k) => (T[lang] && T[lang][k]) || T.en[k] || k;

function words() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = t(e.dataset.t); });
  document.querySelectorAll("[data-ph]").forEach((e) => { e.placeholder = t(e.dataset.ph); });
  $("lang").textContent = lang === "en" ? "中文" : "English";
}

function send(msg) {
  msg.v = 1; msg.seq = ++seq;
  if (ws && ws.readyState === 1) ws.send(JSON.stringify(msg));
}

function connect() {
  ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/",
                     "closedloop.v1");
  ws.onopen = () => { $("status").textContent = ""; if (token) send({ type: "resume", token }); };
  ws.onclose = () => { $("status").textContent = t("lost"); setTimeout(connect, 2000); };
  ws.onmessage = (e) => answer(JSON.parse(e.data));
}

function li(text, button, action) {
  const e = document.createElement("li");
  e.textContent = text + " ";
  if (button) {
    const b = document.createElement("button");
    b.type = "button"; b.textContent = button; b.onclick = action; e.appendChild(b);
  }
  return e;
}

function showSeats(m) {
  const kind = $("kind"); kind.replaceChildren();
  m.kinds.forEach((k) => { const o = document.createElement("option"); o.value = o.textContent = k;
    kind.appendChild(o); });
  const ul = $("seats"); ul.replaceChildren();
  m.seats.forEach((s) => ul.appendChild(li(s.name, s.free ? t("take") : null, () =>
    send({ type: "take_seat", room: $("code").value.toUpperCase(), actor: s.actor }))));
  if (!m.seats.some((s) => s.free)) ul.appendChild(li(t("taken")));
}

function showDesk(m) {
  $("join").hidden = true; $("desk").hidden = false;
  $("who").textContent = m.actor; $("month").textContent = m.month;
  const dl = $("figures"); dl.replaceChildren();
  const fig = (k, v) => { const a = document.createElement("dt"), b = document.createElement("dd");
    a.textContent = t(k); b.textContent = v; dl.append(a, b); };
  fig("cash", m.cash.toFixed(1)); fig("budget", m.budget.toFixed(1));
  fig("exposure", m.exposure.toFixed(1)); fig("value", m.value.toFixed(0));
  fig("reaction", (100 * m.reaction).toFixed(1) + "%");
  if (m.countdown >= 0) fig("countdown", Math.round(m.countdown));
  const ul = $("offers"); ul.replaceChildren();
  m.offers.forEach((o) => {
    const e = li(o.from + ": " + o.kind + " " + o.amount + " / " + o.months, t("accept"), () =>
      send({ type: "answer", token, offer: o.offer, reply: "accept" }));
    const r = document.createElement("button");
    r.type = "button"; r.textContent = t("reject");
    r.onclick = () => send({ type: "answer", token, offer: o.offer, reply: "reject" });
    e.appendChild(r); ul.appendChild(e);
  });
}

function answer(m) {
  if (m.type === "seats") showSeats(m);
  else if (m.type === "seat") { token = m.token; localStorage.setItem("cl.token", token); }
  else if (m.type === "state") showDesk(m);
  else if (m.type === "ok") $("status").textContent = t("ok");
  else if (m.type === "error") {
    $("status").textContent = m.message;
    if (m.code === "bad_token") { token = ""; localStorage.removeItem("cl.token"); }
  }
}

window.addEventListener("DOMContentLoaded", () => {
  words();
  $("lang").onclick = () => { lang = lang === "en" ? "zh" : "en";
    localStorage.setItem("cl.lang", lang); words(); };
  $("go").onclick = () => send({ type: "hello", room: $("code").value.toUpperCase() });
  $("ready").onclick = () => send({ type: "ready", token });
  $("draft").onsubmit = (e) => {
    e.preventDefault();
    send({ type: "propose", token, kind: $("kind").value, counterparty: $("other").value,
           side: $("side").value, terms: { amount: Number($("amount").value),
           months: Number($("months").value) } });
  };
  connect();
});
