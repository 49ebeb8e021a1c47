// test_web: three students play three months of the 2025 scenario in real browsers (Debian's
// chromium, driven by puppeteer-core) against `closedloop host --headless` (started by
// tests/test_web.sh, which passes its address and room code).
//
//   A  Microsoft, English, a laptop (1366x768)
//   B  Nvidia, Chinese, a phone in portrait (360x740)
//   C  Oracle, Chinese (a zh-TW browser), a phone in portrait (390x844); it "sleeps" (the page
//      is reloaded) and comes back to its seat from the token in localStorage
//
// Month 1: each joins by the room code and takes a free company; B drafts a deal to Microsoft and
// sees the engine's expected first-day reaction and Microsoft's likely answer (the key figures
// first, the details folded), then proposes it; everyone is ready, so the month ends at once.
// Month 2: A sees B's offer and accepts it, and proposes one to Nvidia; A and B are ready, C is
// not: the month ends when the timer runs out (C's countdown in Chinese). Month 3: B accepts
// Microsoft's offer in Chinese; everyone is ready. So an offer is accepted, a deal proposed and a
// timer runs out in English and in Chinese (the teacher's side: test_teach.js). Each
// page's DOM is checked for what its seat must show, in its language; screenshots go to
// $CL_WEB_SHOTS (phone and laptop sizes).
"use strict";
const lib = require("./lib.js");
const { check, shot, text, visible, waitText, launch, open, setField, end } = lib;

// tests/test_web.sh passes the binary, the host's arguments after `--`, and where its output goes.
const [bin, outDir, monthSeconds] = process.argv.slice(2, 5);
const hostArgs = process.argv.slice(process.argv.indexOf("--") + 1);
let base = "", room = "";

// Joins by the room code typed in lower case (the page takes it).
const join = (page, actor) => lib.join(page, room.toLowerCase(), actor);

// Starts the host once the browsers are up (its month timer runs from its start).
async function startHost() {
  const { host, said } = await lib.startHost(bin, hostArgs, outDir, [lib.LISTENING, lib.ROOM, lib.EXPOSED], 15000);
  [base, room] = said.map((m) => m && m[1]);
  return host;
}

// The month a page's desk is for ("2025-01"), and a month later.
const monthOf = (page) => page.evaluate(() => S.desk && S.desk.month);
function next(ym) {
  const [y, m] = ym.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
// Waits until page's desk is for month ym, and its header says so in the page's words.
async function waitMonth(page, ym, ms = 20000) {
  try {
    await page.waitForFunction((want) => S.desk && S.desk.month === want &&
      document.querySelector("#month").innerText.includes(Words.month(want)), { timeout: ms, polling: 100 }, ym);
    return true;
  } catch (e) {
    console.log(`  (waited for month ${ym}; the page is at ${await monthOf(page)})`);
    return false;
  }
}

async function main() {
  const t0 = Date.now();
  let host = null;
  const browser = await launch();
  try {
    const A = await open(browser, "en-US", 1366, 768, false);
    const B = await open(browser, "zh-CN", 360, 740, true);
    const C = await open(browser, "zh-TW", 390, 844, true);
    host = await startHost();
    await Promise.all([A, B, C].map((p) => p.goto(base, { waitUntil: "domcontentloaded" })));

    // The join page, in each browser's language.
    check(await waitText(A, "label[for=code]", "Room code"), "A's join page is in English");
    check(await waitText(B, "label[for=code]", "房间码"), "B's join page is in Chinese");
    await shot(B, "b-join-phone-zh");

    // Month 1: join by code.
    await join(A, "microsoft");
    await join(B, "nvidia");
    await join(C, "oracle");
    check(await waitText(A, "#who", "Microsoft"), "A sits at Microsoft");
    check(await waitText(B, "#who", "英伟达") || await waitText(B, "#who", "Nvidia"), "B sits at Nvidia");
    const m1 = await monthOf(A);
    check(/^\d{4}-\d{2}$/.test(m1 || ""), "A's desk has a month");
    check(await waitText(A, "#month", await A.evaluate((m) => Words.month(m), m1)), "A's month in words");
    check(/\d{4}年\d+月/.test(await text(B, "#month")), "B's month is in Chinese");
    check((await text(A, "#figures")).includes("Cash") && /\$\d/.test(await text(A, "#fig-cash")), "A sees its cash");
    check((await text(B, "#figures")).includes("现金"), "B sees 现金");
    check(!(await A.evaluate(() => location.href)).includes(await A.evaluate(() => localStorage.getItem("cl.token"))),
      "the token is not in the address");

    // C's laptop sleeps: the page is reloaded and comes back to Oracle without the code.
    await C.reload({ waitUntil: "domcontentloaded" });
    check(await waitText(C, "#who", "甲骨文"), "C is back at Oracle after a reload, in Chinese");

    // B drafts a deal to Microsoft: Microsoft buys chips from Nvidia.
    await B.select("#kind", "chip_purchase");
    await B.select("#other", "microsoft");
    await B.select("#side", "payee");
    await setField(B, "amount", 20);
    await setField(B, "months", 24);
    check(await waitText(B, "#reaction", "%"), "B sees the expected first-day reaction");
    check(await waitText(B, "#forecast", "微软") || await waitText(B, "#forecast", "Microsoft"), "B sees Microsoft's likely answer");
    // On a phone the key figures come first and the details are folded under them.
    check(await waitText(B, "#key-day", "%") && await waitText(B, "#key-answer-head", "微软"),
      "B's phone shows the key figures first: the first day and Microsoft's answer");
    check(!(await B.$eval("#expect-more", (e) => e.open)) && (await text(B, "#market-head")) === "",
      "B's phone folds the forecast's details");
    await B.click("#expect-more summary");
    check((await text(B, "#market-head")).length > 0, "B unfolds the details and sees the market's heading");
    check(await waitText(B, "#verdict", "允许") || (await text(B, "#verdict")).length > 0, "B sees the engine's verdict");
    // A value outside its range is flagged, kept as typed, and cannot be sent.
    await setField(B, "months", 900);
    check(await waitText(B, "#note-months", "900"), "B's 900 months are flagged with the range");
    check(await B.$eval("#t-months", (e) => e.value) === "900", "the typed value is kept, not cut");
    check(await B.$eval("#send", (e) => e.disabled), "an out-of-range draft cannot be sent");
    await shot(B, "b-draft-flag-phone-zh");
    await setField(B, "months", 24);
    await B.waitForFunction(() => !document.querySelector("#send").disabled, { timeout: 10000 });
    await B.$eval("#reason", (e) => e.scrollIntoView());
    await shot(B, "b-draft-phone-zh");
    await B.click("#send");
    check(await waitText(B, "#queued", "提议"), "B's proposal is queued");
    check(await waitText(B, "#status", "已排入本月"), "B is told it is queued, in Chinese");
    await A.$eval("#draft-box", (e) => e.scrollIntoView());
    await shot(A, "a-desk-laptop-en-month1");

    // Everyone ready: the month ends at once.
    for (const p of [A, B, C]) await p.click("#ready");
    const m2 = next(m1);
    check(await waitMonth(A, m2), "month 1 ended when all three were ready");
    check(await waitMonth(C, m2), "C's page moved on to the next month");
    // B's draft stayed open across the month: its forecast is asked again on the new books.
    check(await B.waitForFunction(() => S.draft && S.draft.forecast && S.draft.forecast.after &&
      S.desk && S.draft.forecast.after.cash === S.desk.cash, { timeout: 10000 }).then(() => true, () => false),
      "B's open draft is forecast again with the new month's cash");

    // Month 2: A sees Nvidia's offer and accepts it.
    check(await waitText(A, "#offers", "Nvidia"), "A sees Nvidia's offer");
    check((await text(A, "#offers li[data-from=nvidia]")).includes("$20B"), "the offer says its amount");
    await A.click("#offers li[data-from=nvidia] button.counter");
    check(await waitText(A, "#draft-title", "Counter the offer from Nvidia"), "Counter opens the dialog");
    check(await A.$eval("#t-amount", (e) => e.value) === "20", "the counter is prefilled with the offer's terms");
    check(await waitText(A, "#reaction", "%"), "A's counter shows the expected reaction");
    await shot(A, "a-counter-laptop-en");
    await A.click("#cancel");
    // A proposes a deal to Nvidia too: Microsoft buys more chips (B answers it in month 3).
    await A.select("#kind", "chip_purchase");
    await A.select("#other", "nvidia");
    await A.select("#side", "payer");
    await setField(A, "amount", 10);
    await setField(A, "months", 12);
    await A.waitForFunction(() => !document.querySelector("#send").disabled, { timeout: 10000 });
    await A.click("#send");
    check(await waitText(A, "#queued", "Propose"), "A's proposal to Nvidia is queued");
    await A.click("#offers li[data-from=nvidia] button.accept");
    check(await waitText(A, "#queued", "Accept offer"), "A's acceptance is queued");
    await A.click("#ready");
    await B.click("#ready");
    // C lets the timer run: its countdown is shown and runs down.
    check(await waitText(C, "#clock", "本月还剩"), "C sees the countdown, in Chinese");
    const c1 = await text(C, "#clock");
    await new Promise((r) => setTimeout(r, 1500));
    check(c1 !== (await text(C, "#clock")), "C's countdown runs");
    await shot(C, "c-countdown-phone-zh");
    const m3 = next(m2);
    check(await waitMonth(C, m3, (Number(monthSeconds) + 10) * 1000), "month 2 ended on the timer");
    check(await waitText(A, "#news", "Signed"), "A's news says the deal was signed");
    check(await waitText(B, "#news", "签约"), "B's news says so in Chinese");
    check(await waitText(A, "#news", await A.evaluate((m) => Words.month(m), m2)), "the news has month headers");
    check(!(await text(C, "#news")).includes("web.news"), "no raw keys in C's news");

    // Month 3: B accepts Microsoft's offer, in Chinese; all ready; the host plays it and stops
    // (--turns 3).
    check(await waitText(B, "#offers", "微软"), "B sees Microsoft's offer, in Chinese");
    await B.click("#offers li[data-from=microsoft] button.accept");
    check(await waitText(B, "#queued", "接受报价"), "B's acceptance is queued, in Chinese");
    for (const p of [A, B, C]) await p.click("#ready");
    check(await waitMonth(A, next(m3)), "month 3 played");
    check(await waitMonth(B, next(m3)), "B's page moved on too");
    await A.$eval("#news-box", (e) => e.scrollIntoView());
    await shot(A, "a-desk-laptop-en-month4");
    await B.$eval("#news-box", (e) => e.scrollIntoView());
    await shot(B, "b-news-phone-zh");
    await C.evaluate(() => window.scrollTo(0, 0));
    await shot(C, "c-desk-phone-zh");

    // Nothing wider than a phone's screen; no raw keys; no script errors.
    for (const [n, p] of [["B", B], ["C", C]])
      check(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), n + " fits its phone's width");
    for (const [n, p] of [["A", A], ["B", B], ["C", C]]) {
      const all = await p.evaluate(() => document.body.innerText);
      const raw = all.match(/\b(web|desk|refuse|role)\.[a-z_]+\.[a-z_.]+/);
      check(!raw, n + " shows no raw table key" + (raw ? ": " + raw[0] : ""));
      check(p.errors.filter((e) => !/WebSocket/.test(e)).length === 0, n + " has no script error: " + p.errors.join("; "));
    }
    const visibleDesk = await visible(A, "#draft-box");
    check(visibleDesk, "A's deal dialog is on screen");
    // The host plays the three months and stops by itself.
    const stopped = await new Promise((r) => {
      if (host.exitCode !== null) return r(true);
      const t = setTimeout(() => r(false), 10000);
      host.on("exit", () => { clearTimeout(t); r(true); });
    });
    check(stopped && host.exitCode === 0, "the host stopped by itself after --turns 3");
  } finally {
    await browser.close();
    if (host && host.exitCode === null) host.kill();
  }
  end(t0);
}

main().catch((e) => { console.log("FAIL: " + (e && e.stack || e)); process.exit(1); });
