// shots: the screenshots of docs/classroom.md's networked chapter, remade by tools/docs-shots.sh
// (which also takes the window's room screen under Xvfb and shrinks every PNG). A headless host
// over the 2025 scenario with Microsoft, Nvidia and Oracle for teams; chromium (puppeteer-core, as
// the browser tests) opens:
//
//   the projector's page at 1920x1080, English, before the first month (address, QR code, room
//   code) and, in Chinese, after it (the flow map, the teams, a story card);
//   the teacher's page, English, a laptop (the seats, the month, a story card with its answers);
//   Microsoft's desk, English, a laptop (Nvidia's offer to accept, counter or reject);
//   Nvidia's desk, Chinese, a phone in portrait (390x844): a deal drafted, the key figures first.
//
// Usage: node tests/web/shots.js CLOSEDLOOP OUTDIR (NODE_PATH=tests/web/node_modules). The PNGs
// are written to OUTDIR as they come from chromium; it checks what each must show as it goes and
// exits 1 if a shot did not show it.
"use strict";
const lib = require("./lib.js");
const { check, launch, open, setField, end } = lib;
const path = require("path");

const [bin, outDir] = process.argv.slice(2, 4);
let base = "", room = "", teacherLink = "", projectorLink = "";
const waitText = (page, sel, want, ms = 15000) => lib.waitText(page, sel, want, ms, true);

async function shot(page, name) {
  await page.screenshot({ path: path.join(outDir, name + ".png"), fullPage: false });
}

async function main() {
  const t0 = Date.now();
  let host = null;
  const browser = await launch();
  try {
    const P = await open(browser, "en-US", 1920, 1080, false);
    const T = await open(browser, "en-US", 1440, 900, false);
    const A = await open(browser, "en-US", 1366, 768, false);
    const B = await open(browser, "zh-CN", 390, 844, true);
    const C = await open(browser, "en-US", 390, 844, true);
    const started = await lib.startHost(bin, ["host", "--headless", "--strategy", "microsoft=human",
      "--strategy", "nvidia=human", "--strategy", "oracle=human", "--bind", "127.0.0.1", "--port", "0",
      "--month-seconds", "300", "--lang", "en", "--save-dir", path.join(outDir, "saves")], outDir, [lib.LISTENING, lib.ROOM,
      lib.TEACHER, lib.PROJECTOR, lib.EXPOSED]);
    host = started.host;
    [base, room, teacherLink, projectorLink] = started.said.slice(0, 4).map((m) => m[1]);

    // Before the game: the projector shows how to join.
    await P.goto(projectorLink, { waitUntil: "domcontentloaded" });
    check(await waitText(P, "#welcome-code", room), "the projector shows the room code");
    await T.goto(teacherLink, { waitUntil: "domcontentloaded" });
    await Promise.all([A, B, C].map((p) => p.goto(base, { waitUntil: "domcontentloaded" })));
    await lib.join(A, room, "microsoft");
    await lib.join(B, room, "nvidia");
    check(await waitText(P, "#seats", "still deciding"), "the projector sees a team");
    await shot(P, "class-projector-join-en");

    // Nvidia drafts a deal to Microsoft on a phone: the key figures first.
    await B.select("#kind", "chip_purchase");
    await B.select("#other", "microsoft");
    await B.select("#side", "payee");
    await setField(B, "amount", 20);
    await setField(B, "months", 24);
    await B.waitForFunction(() => !document.querySelector("#send").disabled, { timeout: 15000 });
    check(await waitText(B, "#key-day", "%"), "the phone shows the key figures");
    await B.$eval("#expect", (e) => e.scrollIntoView({ block: "center" }));
    await shot(B, "class-student-phone-zh");
    await B.click("#send");
    check(await waitText(B, "#queued", "提议"), "Nvidia's proposal is queued");

    // Oracle joins late, on a phone: the month is played once the three are ready.
    await lib.join(C, room, "oracle");
    for (const p of [A, B, C]) await p.click("#ready");
    check(await waitText(T, "#offers", "Tokyo", 30000), "the Tokyo card is offered after the month");
    check(await waitText(A, "#offers", "Nvidia"), "Microsoft sees Nvidia's offer");
    // The open draft is forecast again on the new month's books (a moment after the month).
    await A.waitForFunction(() => S.draft && S.draft.forecast && S.draft.forecast.after &&
      S.draft.forecast.after.first_month > S.desk.month, { timeout: 15000 });
    await shot(A, "class-student-laptop-en");

    // The teacher shows the card with three choices; two teams answer.
    const inputs = await T.$$("#choices .choice");
    await inputs[0].type("One believer");
    await inputs[1].type("Cheap money");
    await inputs[2].type("Fear of missing out");
    await T.click("#offers li button");
    check(await waitText(A, "#cl-card", "Tokyo"), "Microsoft's desk shows the card");
    await (await A.$$("#cl-card .cl-choice"))[1].click();
    await A.type("#cl-card textarea", "Money was cheap, so one more bet looked safe.");
    await A.click("#cl-card .cl-card-send");
    check(await waitText(B, "#cl-card", "东京"), "Nvidia's desk shows the card in Chinese");
    await (await B.$$("#cl-card .cl-choice"))[0].click();
    await B.click("#cl-card .cl-card-send");
    check(await waitText(T, "#card-now", "Money was cheap"), "the teacher sees the answers");
    await shot(T, "class-teacher-en");

    // The projector in Chinese after the reveal: the map, the teams, the bar of answers.
    await T.click("#reveal");
    await P.goto(projectorLink.replace("projector.html#", "projector.html?lang=zh#"), { waitUntil: "domcontentloaded" });
    check(await waitText(P, "#card .cl-tally", "Money was cheap"), "the projector shows the answers");
    await new Promise((r) => setTimeout(r, 500)); // the money's dots move along the deals
    await shot(P, "class-projector-zh");
  } finally {
    await browser.close();
    if (host && host.exitCode === null) host.kill("SIGINT");
  }
  console.log("shots in " + outDir);
  end(t0);
}

main().catch((e) => { console.log("FAIL: " + (e && e.stack || e)); process.exit(1); });
