// test_teach: the teacher's page, the projector's page and a story card in real browsers (Debian's
// chromium, driven by puppeteer-core) against `closedloop host --headless` over the 2025 scenario
// (started here, with the arguments tests/test_web_teach.sh passes).
//
//   T  the teacher's page, English, a laptop, opened from the link the host prints (#t=TOKEN)
//   P  the projector's page, Chinese (?lang=zh), 1600x900, from the projector's link
//   A  Microsoft's desk, English, a laptop;  B  Nvidia's desk, Chinese, a phone in portrait
//
// The teacher sees the seats fill and the students get ready; the month with the Tokyo meeting is
// played and its story card is offered; the teacher shows it with three choices; both desks show it
// (B in Chinese); A answers with a choice and words, B with a choice; the projector shows how many
// answered and no answers yet; the teacher sees them and reveals; every screen shows the bar. The
// teacher pauses (the projector says so), hands Nvidia's seat to a new device with a fresh link
// (the new device sits at Nvidia without typing the code) and the flow map is drawn. Screenshots go
// to $CL_WEB_SHOTS.
"use strict";
const lib = require("./lib.js");
const { check, shot, text, launch, open, end } = lib;

const [bin, outDir] = process.argv.slice(2, 4);
const hostArgs = process.argv.slice(process.argv.indexOf("--") + 1);
let base = "", room = "", teacherLink = "", projectorLink = "";

// Words as drawn on the page, outside anything hidden.
const waitText = (page, sel, want, ms = 15000) => lib.waitText(page, sel, want, ms, true);
const join = (page, actor) => lib.join(page, room, actor);

async function startHost() {
  const { host, said } = await lib.startHost(bin, hostArgs, outDir, [lib.LISTENING, lib.ROOM,
    lib.TEACHER, lib.PROJECTOR, lib.EXPOSED]);
  [base, room, teacherLink, projectorLink] = said.slice(0, 4).map((m) => m[1]);
  return host;
}

// The row of the teacher's seats table for a company's name.
const seatRow = (page, name) => page.evaluate((n) => {
  const row = [...document.querySelectorAll("#seats tbody tr")].find((r) => r.cells[0].innerText === n);
  return row ? [...row.cells].map((c) => c.innerText) : null;
}, name);

async function main() {
  const t0 = Date.now();
  let host = null;
  const browser = await launch();
  try {
    const T = await open(browser, "en-US", 1366, 900, false);
    const P = await open(browser, "en-US", 1920, 1080, false);
    const A = await open(browser, "en-US", 1366, 768, false);
    const B = await open(browser, "zh-CN", 360, 740, true);
    host = await startHost();
    check(teacherLink.startsWith(base + "teacher.html#t="), "the teacher's link carries the token in its fragment");
    await T.goto(teacherLink, { waitUntil: "domcontentloaded" });
    await P.goto(projectorLink.replace("projector.html#", "projector.html?lang=zh#"), { waitUntil: "domcontentloaded" });
    check(await waitText(T, "#room-code", room), "the teacher's page shows the room code");
    check(await T.evaluate(() => location.hash === ""), "the token left the teacher's address bar");
    check(await waitText(P, "#join-code", room), "the projector shows the room code");
    check(await waitText(P, "#join-url", base), "the projector shows the address");
    check(await waitText(P, "#seats", "微软"), "the projector names the teams in Chinese");
    // Before the first month: the address, its QR code and the room code cover the map.
    check(await waitText(P, "#welcome-code", room) && await waitText(P, "#welcome-url", base),
      "the projector shows the room code and the address in big letters before the game");
    const qr = await P.evaluate(() => {
      const c = document.querySelector("#welcome-qr"), g = c.getContext("2d");
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
      const big = parseFloat(getComputedStyle(document.querySelector("#welcome-code")).fontSize);
      return { w: c.width, h: c.height, dark: dark / (d.length / 4), css: c.getBoundingClientRect().width, big };
    });
    check(qr.w === qr.h && qr.css >= 300 && qr.dark > 0.2 && qr.dark < 0.6,
      "the projector draws the QR code, square and large: " + JSON.stringify(qr));
    check(qr.big >= 100, "the room code is in letters of 100 px or more: " + qr.big);
    await shot(P, "p-welcome-zh");
    check((await seatRow(T, "Microsoft") || [])[1] === "its strategy", "an empty seat is played by its strategy");

    await Promise.all([A, B].map((p) => p.goto(base, { waitUntil: "domcontentloaded" })));
    await join(A, "microsoft");
    await join(B, "nvidia");
    await T.waitForFunction(() => [...document.querySelectorAll("#seats tbody tr")]
      .filter((r) => r.cells[2].innerText === "●").length === 2, { timeout: 10000 }).catch(() => {});
    const ms = await seatRow(T, "Microsoft");
    check(ms && ms[1] === "a team" && ms[2] === "●", "the teacher sees Microsoft held and online: " + ms);
    check(await waitText(T, "#offers", "No card yet"), "no story card before the first month");
    await shot(T, "t-teacher-seats-en");

    // Both ready: the month is played; the Tokyo meeting's card is offered to the teacher.
    await A.click("#ready");
    check(await waitText(T, "#seats", "✓"), "the teacher sees Microsoft ready");
    await B.click("#ready");
    check(await waitText(T, "#offers", "Tokyo", 20000), "the Tokyo card is offered after its month");
    const inputs = await T.$$("#choices .choice");
    await inputs[0].type("One believer");
    await inputs[1].type("Cheap money");
    await inputs[2].type("Fear of missing out");
    await T.click("#offers li button");
    check(await waitText(A, "#cl-card", "Tokyo"), "A's desk shows the card");
    check(await waitText(B, "#cl-card", "东京"), "B's desk shows the card in Chinese");
    check(await waitText(P, "#card", "东京"), "the projector shows the card");
    await shot(B, "b-card-phone-zh");

    // The answers: A a choice and words; B a choice.
    const choices = await A.$$("#cl-card .cl-choice");
    check(choices.length === 3, "A's card has the teacher's three choices");
    await choices[1].click();
    await A.type("#cl-card textarea", "Money was cheap, so one more bet looked safe.");
    await A.click("#cl-card .cl-card-send");
    check(await waitText(A, "#cl-card", "Your answer is in"), "A is told its answer is in");
    await (await B.$$("#cl-card .cl-choice"))[0].click();
    await B.click("#cl-card .cl-card-send");
    check(await waitText(P, "#card", "2"), "the projector counts two answers");
    check(await P.$("#card .cl-tally") === null, "the projector shows no answer before the reveal");
    check(await waitText(T, "#card-now", "Money was cheap"), "the teacher sees A's words before the reveal");
    await shot(A, "a-card-answered-en");

    await T.click("#reveal");
    check(await waitText(P, "#card .cl-tally", "Money was cheap"), "the projector shows the answers after the reveal");
    const counts = await P.$$eval("#card .cl-bar-count", (e) => e.map((x) => x.innerText));
    check(counts.join(",") === "1,1,0", "the bar counts one answer each for the first two choices: " + counts);
    check(await waitText(B, "#cl-card .cl-tally", "Money was cheap"), "B sees the answers too");
    check(await A.$("#cl-card .cl-card-send") === null, "A can no longer change its answer");
    await shot(P, "p-card-revealed-zh");

    // The teacher pauses; the projector says so. The map is drawn.
    await T.click("#pause");
    check(await waitText(P, "header", "已暂停"), "the projector says the game is paused");
    await T.click("#close-card");
    await P.waitForFunction(() => document.querySelector("#card").hidden, { timeout: 10000 }).catch(() => {});
    check(await P.$eval("#card", (e) => e.hidden), "the card left the projector");
    const inked = await P.evaluate(() => {
      const c = document.querySelector("#map"), g = c.getContext("2d");
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n / (c.width * c.height);
    });
    check(inked > 0.02, "the flow map is drawn (" + (100 * inked).toFixed(1) + "% of the canvas inked)");
    await shot(P, "p-projector-zh");

    // A new link for Nvidia: a new device sits at Nvidia without the room code.
    await T.evaluate(() => {
      const row = [...document.querySelectorAll("#seats tbody tr")].find((r) => r.cells[0].innerText === "Nvidia");
      [...row.querySelectorAll("button")].pop().click();
    });
    check(await waitText(T, "#handover", "#seat="), "the teacher gets Nvidia's new link");
    check(await waitText(P, "#handover", "英伟达") && await waitText(P, "#handover-link", "#seat="),
      "the projector shows Nvidia's new link");
    check(await P.$eval("#handover-qr", (c) => c.width > 100 && !c.hidden), "the projector shows its QR code");
    check(await T.$eval("#handover canvas", (c) => c.width > 100), "the teacher's page shows its QR code");
    await shot(P, "p-handover-zh");
    const link = (await text(T, "#handover code")).trim();
    const N = await open(browser, "en-US", 1366, 768, false);
    await N.goto(link, { waitUntil: "domcontentloaded" });
    check(await N.waitForFunction(() => typeof S !== "undefined" && S.desk && S.desk.actor === "nvidia",
      { timeout: 15000, polling: 100 }).then(() => true, () => false), "the new device sits at Nvidia from the link");
    check(await N.evaluate(() => location.hash === ""), "the seat's token left the new device's address bar");
    check(await P.waitForFunction(() => document.querySelector("#handover").hidden, { timeout: 10000 }).then(() => true, () => false),
      "the projector takes the new link down once the team sits");
    await shot(T, "t-teacher-handover-en");

    for (const [n, p] of [["T", T], ["P", P], ["A", A], ["B", B], ["N", N]]) {
      const all = await p.evaluate(() => document.body.innerText);
      const raw = all.match(/\bweb\.[a-z_]+\.[a-z_.]+/);
      check(!raw, n + " shows no raw table key" + (raw ? ": " + raw[0] : ""));
      check(p.errors.filter((e) => !/WebSocket/.test(e)).length === 0, n + " has no script error: " + p.errors.join("; "));
    }
    check(await B.evaluate(() => document.documentElement.scrollWidth <= 360), "B's card fits 360 px wide");
  } finally {
    await browser.close();
    if (host && host.exitCode === null) host.kill();
  }
  end(t0);
}

main().catch((e) => { console.log("FAIL: " + (e && e.stack || e)); process.exit(1); });
