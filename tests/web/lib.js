// lib: what the browser tests share (test_web.js, test_teach.js, shots.js): the checks and their
// count, screenshots to $CL_WEB_SHOTS, waiting for words on a page, starting the host and reading
// what it prints, a page as another device (its own storage, its size and language, its errors),
// joining a room by its code, and the end with the count.
"use strict";
const puppeteer = require("puppeteer-core");
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");

const shots = process.env.CL_WEB_SHOTS || "";
const chromium = process.env.CL_CHROMIUM || "/usr/bin/chromium";
const count = { failures: 0, checks: 0 };

function check(ok, what) {
  count.checks++;
  if (!ok) { count.failures++; console.log("FAIL: " + what); }
}

async function shot(page, name) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, name + ".png"), fullPage: false });
}

const text = (page, sel) => page.$eval(sel, (e) => e.innerText).catch(() => "");
const visible = (page, sel) => page.$eval(sel, (e) => !e.closest("[hidden]") && e.offsetParent !== null).catch(() => false);

// Waits until sel holds want: in its words whatever the CSS does to their case (textContent), or
// with shown, as drawn and outside anything hidden (innerText).
async function waitText(page, sel, want, ms = 15000, shown = false) {
  try {
    await page.waitForFunction((s, w, sh) => {
      const e = document.querySelector(s);
      if (!e) return false;
      return sh ? !e.closest("[hidden]") && e.innerText.includes(w) : e.textContent.includes(w);
    }, { timeout: ms, polling: 100 }, sel, want, shown);
    return true;
  } catch (e) {
    console.log(`  (waited for "${want}" in ${sel}; it says: ${(await text(page, sel)).slice(0, 300)})`);
    return false;
  }
}

// Starts `bin args` (its output to outDir/host.out, host.err, its exit code to host.status) and
// resolves with { host, said } once every pattern of `wants` matches what it printed; said[k] is
// wants[k]'s match (its groups).
function startHost(bin, args, outDir, wants, ms = 20000) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(path.join(outDir, "host.out"), "w");
    const err = fs.openSync(path.join(outDir, "host.err"), "w");
    const host = spawn(bin, args, { stdio: ["ignore", "pipe", err] });
    let all = "";
    const timer = setTimeout(() => reject(new Error("the host did not say all it should: " + all)), ms);
    host.stdout.on("data", (d) => {
      fs.writeSync(out, d);
      all += d;
      const said = wants.map((w) => w.exec(all));
      if (said.every((m) => m)) { clearTimeout(timer); resolve({ host, said }); }
    });
    host.on("exit", (code) => fs.writeFileSync(path.join(outDir, "host.status"), String(code)));
  });
}

// What every host prints on a headless start: the loopback address and the room code; the
// teacher's and the projector's links.
const LISTENING = /Listening on (http:\/\/127\.0\.0\.1:\d+\/) only\./, ROOM = /Room code: (\w+)/, EXPOSED = /Exposed:/;
const TEACHER = /The teacher's page[^:]*: (\S+)/, PROJECTOR = /The projector's page[^:]*: (\S+)/;

function launch() {
  return puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
}

// A page as another device: its own storage (a browser context), its size, its language. Script
// errors and failed loads (with their address) are kept in page.errors.
async function open(browser, lang, width, height, mobile) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  await page.setViewport({ width, height, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
  await page.evaluateOnNewDocument((l) => {
    Object.defineProperty(navigator, "language", { get: () => l });
  }, lang);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !/^Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(r.status() + " " + r.url());
  });
  page.errors = errors;
  return page;
}

// Joins the room by its code (typed as given) and takes actor's seat.
async function join(page, code, actor) {
  await page.waitForSelector("#code");
  await page.type("#code", code);
  await page.click("#go");
  await page.waitForSelector(`#seats li[data-actor="${actor}"] button`, { timeout: 10000 });
  await page.click(`#seats li[data-actor="${actor}"] button`);
  await page.waitForSelector("#desk:not([hidden])", { timeout: 10000 });
}

// Types v into the deal dialog's field f (the field emptied first).
async function setField(page, f, v) {
  await page.$eval("#t-" + f, (e) => { e.value = ""; });
  await page.type("#t-" + f, String(v));
}

function end(t0) {
  console.log(`${count.checks - count.failures}/${count.checks} checks passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(count.failures ? 1 : 0);
}

module.exports = { check, shot, text, visible, waitText, startHost, LISTENING, ROOM, EXPOSED, TEACHER, PROJECTOR,
  launch, open, join, setField, end, count };
