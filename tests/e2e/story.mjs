// End-to-end test of the web page in a real headless Chromium (Debian's /usr/bin/chromium),
// driven by playwright-core. Run by scripts/e2e.sh, which starts `corroborate serve` on a free
// loopback port and passes BASE (http://127.0.0.1:PORT), TOKEN, SEEDS, REPORT (the seeds'
// `analyze --html` page) and SCREENS (where screenshots go).
//
// Always checked: the seeds load through the API, the list shows them with their source counts,
// the search box filters, a story page renders its reports and no internal field, the
// side-by-side view steps through its alignments by keyboard, the HTML report renders, axe-core
// finds no serious or critical violation on any of these pages (1280 and 375 px screenshots of
// each), the main actions work by keyboard alone, the content security policy keeps every
// request on the page's origin, and hostile article text (<script>, onerror, javascript: links)
// is shown as text and never runs.
// With E2E_FULL=1: the seeds' story shows five reports, the family of three (000, 002, 004), the
// agreed duration, and the same sections and words as the `analyze --html` report.
import { chromium } from "playwright-core";
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, basename } from "node:path";
import assert from "node:assert/strict";

const BASE = process.env.BASE;
const TOKEN = process.env.TOKEN;
const SEEDS = process.env.SEEDS;
const FULL = process.env.E2E_FULL === "1";
const REPORT = process.env.REPORT;
const SCREENS = process.env.SCREENS || "target/e2e-screens";
mkdirSync(SCREENS, { recursive: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
assert.ok(BASE && BASE.startsWith("http://127.0.0.1:"), "BASE must be a loopback URL");

let failures = 0;
async function check(name, fn) {
  try { await fn(); console.log("ok   " + name); }
  catch (e) { failures++; console.log("FAIL " + name + "\n     " + (e && e.stack ? e.stack.split("\n").slice(0, 3).join("\n     ") : e)); }
}

async function post(records) {
  const r = await fetch(BASE + "/api/v1/articles", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + TOKEN },
    body: JSON.stringify(records),
  });
  const body = await r.json();
  assert.ok(r.status === 201 || r.status === 200, "POST " + r.status + " " + JSON.stringify(body));
  return body;
}

async function api(path) {
  const r = await fetch(BASE + path);
  assert.equal(r.status, 200, path);
  return r.json();
}

async function waitFor(pred, what) {
  for (let i = 0; i < 100; i++) {
    const v = await pred();
    if (v) return v;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("timed out waiting for " + what);
}

// ---- load the seeds and a hostile article through the API --------------------------------
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort();
assert.equal(seedFiles.length, 5, "five seeds");
const seeds = seedFiles.map((f) => ({ id: basename(f, ".txt"), text: readFileSync(join(SEEDS, f), "utf8") }));
await post(seeds);
const EVIL = {
  id: "evil-page",
  title: "Evil <script>window.__xss='title'</script><img src=x onerror=\"window.__xss='img'\">",
  source: "<b onmouseover=\"window.__xss='source'\">Evil Times</b>",
  url: "javascript:window.__xss='url'",
  text: "Before <script>window.__xss='script'</script> after. A link: <a href=\"javascript:window.__xss='link'\">click me</a>. " +
    "An image: <img src=x onerror=\"window.__xss='onerror'\">. The end.",
};
await post([EVIL]);
const total = seeds.length + 1;
await waitFor(async () => (await api("/api/v1/stories?limit=1000")).total >= (FULL ? 2 : total), "stories");
const seedStoryOf = async (id) => (await api("/api/v1/articles/" + encodeURIComponent(id))).story;
const seedStory = await waitFor(() => seedStoryOf(seeds[0].id), "the seeds' story");
const evilStory = await waitFor(() => seedStoryOf(EVIL.id), "the hostile article's story");

// ---- the browser -------------------------------------------------------------------------
const profile = mkdtempSync(join(tmpdir(), "corroborate-e2e-"));
// A fresh profile directory per run (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = browser.pages()[0] || await browser.newPage();
const dialogs = [];
page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
// Only loopback: any other request is a failure (the page must need no CDN).
const outside = [];
await page.route("**/*", (route) => {
  const u = new URL(route.request().url());
  if (u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.protocol === "file:") return route.continue();
  outside.push(u.href);
  return route.abort();
});

try {
  await check("the story list shows the stories with their source counts", async () => {
    await page.goto(BASE + "/", { waitUntil: "load" });
    await page.waitForSelector("li.story");
    const n = await page.locator("li.story").count();
    assert.ok(n >= 1, "no stories listed");
    const sources = await page.$$eval("li.story .badge", (bs) => bs.map((b) => Number(b.dataset.sources)));
    assert.ok(sources.every((s) => s >= 1));
    // Every seed is reachable from the list: the listed sources cover the five seeds + 1.
    const listed = await api("/api/v1/stories?limit=1000");
    const articles = listed.stories.reduce((k, s) => k + s.articles, 0);
    assert.equal(articles, total);
    assert.equal(n, listed.total);
  });

  await check("the search box filters the list", async () => {
    await page.fill("#q", "Peskov");
    await page.press("#q", "Enter");
    await page.waitForFunction(() => location.hash.startsWith("#/search/"));
    await page.waitForSelector("#total");
    const want = (await api("/api/v1/stories?q=Peskov")).total;
    await page.waitForFunction((w) => document.querySelectorAll("li.story").length === w, want);
    assert.ok(want >= 1 && want < total);
    const text = await page.textContent("h1");
    assert.ok(text.includes("Peskov"));
  });

  await check("a seed's story page shows its reports in the reader's words", async () => {
    await page.goto(BASE + "/#/story/" + encodeURIComponent(seedStory), { waitUntil: "load" });
    await page.waitForSelector("#sources li.source");
    const detail = await api("/api/v1/stories/" + encodeURIComponent(seedStory));
    const shown = await page.locator("#sources li.source").count();
    assert.equal(shown, detail.article_entries.length);
    assert.equal((await page.textContent("#story-title")).trim(), detail.view.title);
    const summary = await page.textContent("#summary");
    assert.ok(summary.startsWith(detail.view.summary), summary);
    // No engine field in front of a reader.
    const text = await page.textContent("main");
    for (const internal of ["as_written", "hedge:", "low:", "high:", "count:", "salience", "single_source"]) {
      assert.ok(!text.includes(internal), "the page shows " + internal);
    }
    // At most 15 facts by default; the button shows the rest.
    const facts = await page.locator("main .fact:visible").count();
    assert.ok(facts <= 15, facts + " facts shown");
    if (await page.locator("#show-all").count()) {
      await page.click("#show-all");
      assert.ok(await page.locator("main .fact:visible").count() > facts);
      await page.click("#show-all");
    }
  });

  if (FULL) {
    await check("[full] the seeds' story has five reports", async () => {
      assert.equal(await page.locator("#sources li.source").count(), 5);
    });
    await check("[full] the family of three (000, 002, 004) is a short list", async () => {
      const fam = page.locator('#families li.family[data-size="3"]');
      assert.equal(await fam.count(), 1);
      // Two echoes and their likely source, or three echoes when the source is not in the input.
      const t = await fam.textContent();
      assert.equal(await fam.locator("li.echo").count(), /Source not in the input/.test(t) ? 3 : 2);
      assert.ok(/sentences match/.test(t) && /Likely source|Source not in the input/.test(t), t);
      assert.equal(await page.locator("#families svg").count(), 0, "no graph");
    });
    await check("[full] the duration agreement is among what they agree on", async () => {
      const texts = await page.locator('main .fact[data-status="agreed"]').allTextContents();
      assert.ok(texts.some((t) => /90/.test(t) && /minute/i.test(t) && /reports?,/.test(t)), "no agreed 90-minute duration: " + texts.join(" | "));
    });
    await check("[full] the page and the analyze --html report say the same, in the same order", async () => {
      const grab = () => page.evaluate(() => {
        const sel = "h3, h4, .support, .value, .echo, .family > b";
        const root = document.querySelector("main section.story") || document.querySelector("main");
        return [...root.querySelectorAll(sel)]
          .filter((e) => !e.closest(".more, #more-facts, details"))
          .map((e) => e.textContent.replace(/\s*compare$/, "").replace(/\s+/g, " ").trim());
      });
      const onPage = await grab();
      await page.goto("file://" + REPORT, { waitUntil: "load" });
      const inReport = await grab();
      assert.ok(onPage.length >= 5, onPage.join(" | "));
      assert.deepEqual(onPage, inReport);
    });
  }

  await check("two reports side by side, stepped through by keyboard", async () => {
    await page.goto(BASE + "/#/story/" + encodeURIComponent(seedStory), { waitUntil: "load" });
    await page.waitForSelector("#sources li.source");
    const link = page.locator("a.compare-link").first();
    if (await link.count()) await link.click();
    else await page.click("#compare-form button[type=submit]");
    await page.waitForFunction(() => location.hash.startsWith("#/compare/"));
    await page.waitForSelector("#compare .row[data-kind]");
    const aligned = await page.locator('#compare .row[data-kind="same"], #compare .row[data-kind="reworded"]').count();
    if (FULL) assert.ok(aligned >= 2, aligned + " aligned rows");
    const [, a, b] = decodeURIComponent(await page.evaluate(() => location.hash)).match(/^#\/compare\/([^/]+)\/([^/]+)$/);
    const c = await api("/api/v1/compare/" + encodeURIComponent(a) + "/" + encodeURIComponent(b));
    assert.equal(await page.locator("#compare .row[data-kind]").count(), c.rows.length);
    // Every sentence of both reports is on a row once.
    for (const [side, id] of [["a", a], ["b", b]]) {
      const n = (await api("/api/v1/articles/" + encodeURIComponent(id))).sentence_texts.length;
      const idx = c.rows.filter((r) => r[side]).map((r) => r[side].index).sort((x, y) => x - y);
      assert.deepEqual(idx, [...Array(n).keys()], side + " sentences");
    }
    if (aligned >= 2) {
      await page.keyboard.press("j");
      await page.waitForFunction(() => /Aligned row 1 of/.test(document.getElementById("compare-pos").textContent));
      await page.keyboard.press("j");
      await page.waitForFunction(() => /Aligned row 2 of/.test(document.getElementById("compare-pos").textContent));
      await page.keyboard.press("k");
      await page.waitForFunction(() => /Aligned row 1 of/.test(document.getElementById("compare-pos").textContent));
      assert.equal(await page.locator("#compare .row.focus").count(), 1);
    }
  });

  await check("the main actions work by keyboard alone", async () => {
    await page.goto(BASE + "/", { waitUntil: "load" });
    await page.waitForSelector("li.story");
    const tabTo = async (pred, what) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(pred)) return;
      }
      throw new Error("Tab never reached " + what);
    };
    // Search by keyboard.
    await tabTo(() => document.activeElement && document.activeElement.id === "q", "the search box");
    await page.keyboard.type("Putin");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => location.hash.startsWith("#/search/"));
    await page.waitForSelector("li.story a");
    // Open a story.
    await tabTo(() => document.activeElement && document.activeElement.matches("li.story a"), "a story link");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => location.hash.startsWith("#/story/"));
    await page.waitForSelector("#sources li.source");
    // Show all facts, when there are more.
    if (await page.locator("#show-all").count()) {
      await tabTo(() => document.activeElement && document.activeElement.id === "show-all", "the show-all button");
      await page.keyboard.press("Enter");
      assert.equal(await page.getAttribute("#show-all", "aria-expanded"), "true");
    }
    // Compare two reports from the list of reports.
    if (await page.locator("#compare-form").count()) {
      await tabTo(() => document.activeElement && document.activeElement.matches("#compare-form button"), "the compare button");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => location.hash.startsWith("#/compare/"));
      await page.waitForSelector("#compare .row[data-kind]");
    }
  });

  await check("the content security policy keeps every request on the page's origin", async () => {
    const r = await fetch(BASE + "/");
    const csp = r.headers.get("content-security-policy") || "";
    assert.ok(/default-src 'none'/.test(csp) && /connect-src 'self'/.test(csp) && /script-src 'self'/.test(csp), csp);
    await page.goto(BASE + "/", { waitUntil: "load" });
    const before = outside.length;
    const got = await page.evaluate(() => new Promise((res) => {
      document.addEventListener("securitypolicyviolation", (e) => res("blocked:" + e.violatedDirective), { once: true });
      fetch("https://example.com/x").then(() => res("fetched"), () => setTimeout(() => res("failed"), 500));
    }));
    assert.ok(got.startsWith("blocked:connect-src"), got);
    assert.equal(outside.length, before, "the request reached the network");
  });

  // axe-core and screenshots of each page, at a desktop and a phone width.
  const pages = [["list", BASE + "/", "li.story"], ["story", BASE + "/#/story/" + encodeURIComponent(seedStory), "#sources li.source"]];
  {
    const st = await api("/api/v1/stories/" + encodeURIComponent(seedStory));
    const ids = st.articles;
    const fam = (st.view.families[0] || {}).echoes;
    const pair = fam && fam.length ? [fam[0].compare_with, fam[0].report.id] : [ids[0], ids[1] || ids[0]];
    pages.push(["compare", BASE + "/#/compare/" + encodeURIComponent(pair[0]) + "/" + encodeURIComponent(pair[1]), "#compare .row[data-kind]"]);
  }
  if (REPORT) pages.push(["report", "file://" + REPORT, "section.story"]);
  for (const [name, url, ready] of pages) {
    await check("axe-core: no serious or critical violation on the " + name + " page (screenshots at 1280 and 375 px)", async () => {
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(url, { waitUntil: "load" });
        await page.waitForSelector(ready);
        await page.screenshot({ path: join(SCREENS, `${name}-${width}.png`), fullPage: name !== "compare" });
        // Nothing wider than the window (a phone scrolls down, not sideways).
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(wide <= 1, name + " at " + width + " px is " + wide + " px too wide");
        await page.evaluate(AXE);
        const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        assert.deepEqual(bad.map((v) => v.id + ": " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")), []);
      }
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await check("hostile article text is shown as text and never runs", async () => {
    await page.goto(BASE + "/#/story/" + encodeURIComponent(evilStory), { waitUntil: "load" });
    await page.waitForSelector("#sources li.source");
    await page.goto(BASE + "/", { waitUntil: "load" });
    await page.waitForSelector("li.story");
    await page.goto(BASE + "/#/story/" + encodeURIComponent(evilStory), { waitUntil: "load" });
    await page.waitForSelector("#story-title");
    const title = await page.textContent("#story-title");
    assert.ok(title.includes("<script>"), "the title is shown literally: " + title);
    // Nothing injected: no script or img element from the data, no javascript: link anywhere.
    assert.equal(await page.locator("main script, main img").count(), 0);
    assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
    // Hover and click everything in the story, then give any handler time to fire.
    for (const sel of ["#sources li.source", "#sources a"]) {
      for (const h of await page.locator(sel).all()) { await h.hover().catch(() => {}); }
    }
    await page.waitForTimeout(300);
    const xss = await page.evaluate(() => window.__xss);
    assert.equal(xss, undefined, "injected code ran: " + xss);
    assert.deepEqual(dialogs, []);
  });

  await check("the page loads nothing from outside loopback and raises no script error", async () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(failures ? `${failures} check(s) failed` : "all checks passed" + (FULL ? " (full)" : " (E2E_FULL=1 adds the clustering, family and fact checks)"));
process.exit(failures ? 1 : 0);
