// corroborate's web page. Every element is built with createElement/textContent: article text
// is never parsed as HTML, and links are kept only when they are http(s).
"use strict";

const main = () => document.getElementById("main");

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function safeUrl(u) {
  return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) throw new Error((body && body.message) || ("HTTP " + r.status));
  return body;
}

function show(...nodes) {
  main().replaceChildren(...nodes);
}

// ---- story list ---------------------------------------------------------------------------

// The outlets a story's reports name: six at most, then how many more; said when none is.
function outletsLine(names) {
  if (!names.length) return "no outlets named";
  const more = names.length - 6;
  return names.slice(0, 6).join(", ") + (more > 0 ? " and " + more + " more" : "");
}

// How many outlets a story's reports come from. A report that names no outlet is counted
// apart ("+ 3 unnamed"): the store counts each as a source of its own, and "18 sources" for
// 18 reports that name none would read as 18 outlets.
function sourcesBadge(s) {
  const named = s.source_names.length;
  const unnamed = Math.max(0, s.sources - named);
  if (!named) return unnamed + " unnamed";
  return named + (named === 1 ? " outlet" : " outlets") + (unnamed ? " + " + unnamed + " unnamed" : "");
}

async function listView(q) {
  document.getElementById("q").value = q || "";
  const params = new URLSearchParams({ limit: "100" });
  if (q) params.set("q", q);
  const page = await api("/api/v1/stories?" + params.toString());
  const items = page.stories.map((s) =>
    el("li", { class: "story", "data-story": s.id },
      el("a", { href: "#/story/" + encodeURIComponent(s.id) }, s.title || s.id),
      el("span", { class: "badge", "data-sources": s.sources }, sourcesBadge(s)),
      el("div", { class: "muted" },
        (s.first_seen ? localDate(s.first_seen) : "undated") + (s.last_seen && s.last_seen !== s.first_seen ? " – " + localDate(s.last_seen) : "") +
        " · " + s.articles + (s.articles === 1 ? " report" : " reports") +
        " · " + outletsLine(s.source_names))));
  show(
    el("h1", {}, q ? "Stories matching “" + q + "”" : "Stories"),
    el("p", { class: "muted", id: "total" }, page.total + (page.total === 1 ? " story" : " stories")),
    items.length ? el("ul", { class: "stories" }, ...items) : el("p", { class: "empty" }, "No stories yet."));
}

// ---- one story ----------------------------------------------------------------------------
// The story page lays out the server's `view` (corroborate::report::StoryView): every sentence
// a reader sees comes from it, in the order the Markdown brief and `analyze --html` use (what
// the story is, where the reports disagree, what they agree on, only one report says, copies
// and rewrites, the reports). This script adds only dates in the reader's locale and links.

function localDate(s) {
  if (!s) return "";
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const d = new Date(bare ? s + "T00:00:00Z" : s);
  if (Number.isNaN(d.getTime())) return String(s);
  return d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: bare ? "UTC" : undefined });
}

function when(s) { return s ? el("time", { datetime: s }, localDate(s)) : null; }

// Two reports side by side; with the sentences of a claim in each (`at`), the view opens on them.
function compareHref(a, b, at) {
  return "#/compare/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) + (at ? "/" + at[0] + "/" + at[1] : "");
}

function sentence(segs) {
  return el("blockquote", {}, ...(segs || []).map((g) => (g.highlight ? el("mark", {}, g.text) : g.text)));
}

function who(r) {
  return r.published ? [el("span", { class: "outlet" }, r.label), ", ", when(r.published)] : [el("span", { class: "outlet" }, r.label)];
}

function factSections(v, f, extra) {
  const out = [];
  if (f.disagree.length) {
    out.push(el("section", { class: "disagree" + extra }, el("h2", { class: "part" }, v.headings.disagree),
      ...f.disagree.map((fact) => el("article", { class: "card conflict fact", "data-status": "conflict" },
        el("h3", { class: "what" }, fact.about),
        el("p", { class: "support" }, fact.support),
        fact.values.length ? el("p", { class: "values" }, ...fact.values.flatMap((x, k) =>
          [k ? " · " : null, el("span", { class: "value" }, x.value), " " + x.count])) : null,
        el("ul", { class: "claims" }, ...fact.claims.map((c) => el("li", {},
          el("p", {}, el("b", { class: "value" }, c.value), " · ",
            ...[c.report, ...c.also].flatMap((r, k) => (k ? ["; ", ...who(r)] : who(r)))),
          sentence(c.sentence)))),
        fact.compare ? el("p", {}, el("a", { href: compareHref(fact.compare[0], fact.compare[1], fact.compare_sentences), class: "compare-link" }, fact.compare_label)) : null))));
  }
  if (f.agree.length) {
    out.push(el("section", { class: "agree" + extra }, el("h2", { class: "part" }, v.headings.agree),
      el("ul", { class: "facts" }, ...f.agree.map((fact) => el("li", { class: "fact", "data-status": "agreed" },
        el("b", {}, fact.about), ...value(fact), " ",
        el("span", { class: "support" }, "(" + fact.support + ")"))))));
  }
  if (f.single.length) {
    out.push(el("section", { class: "single" + extra }, el("h2", { class: "part" }, v.headings.single),
      el("ul", { class: "facts" }, ...f.single.map((fact) => el("li", { class: "fact", "data-status": "single_source" },
        el("b", {}, fact.about), ...value(fact), " ",
        el("span", { class: "support" }, "(" + fact.support + ")"),
        fact.claims[0] ? sentence(fact.claims[0].sentence) : null)))));
  }
  return out;
}

// ": value" after what a fact is about (a quote's words are already in it).
function value(fact) { return fact.value ? [": ", el("span", { class: "value" }, fact.value)] : []; }

async function storyView(id) {
  const st = await api("/api/v1/stories/" + encodeURIComponent(id));
  const v = st.view;
  const summary = el("p", { class: "summary", id: "summary" }, v.summary);
  if (v.first_seen) {
    summary.append(", ", when(v.first_seen));
    if (v.last_seen && v.last_seen.slice(0, 10) !== v.first_seen.slice(0, 10)) summary.append(" – ", when(v.last_seen));
  }
  summary.append(".");
  if (v.first_line && v.first) {
    summary.append(" " + v.first_line);
    if (v.first.published) summary.append(" (", when(v.first.published), ")");
    summary.append(".");
  }
  const parts = [
    el("p", {}, el("a", { href: "#/" }, "← all stories")),
    el("h1", { id: "story-title" }, v.title || st.id),
    summary,
    v.note ? el("p", { class: "muted" }, v.note) : null,
    ...factSections(v, v.facts, ""),
  ];
  if (v.more_label) {
    const more = el("div", { id: "more-facts", hidden: "" }, ...factSections(v, v.more, " more"));
    const btn = el("button", { type: "button", class: "more", id: "show-all", "aria-expanded": "false", "aria-controls": "more-facts" }, v.more_label);
    btn.addEventListener("click", () => {
      const open = more.hidden;
      more.hidden = !open;
      btn.setAttribute("aria-expanded", String(open));
      btn.textContent = open ? "Show fewer facts" : v.more_label;
    });
    parts.push(btn, more);
  }
  if (v.families.length) {
    parts.push(el("section", { class: "families", id: "families" }, el("h2", { class: "part" }, v.headings.families),
      el("ul", {}, ...v.families.map((f) => el("li", { class: "family", "data-size": f.echoes.length + (f.source ? 1 : 0) },
        el("b", {}, f.heading), ". " + f.source_line + ".",
        el("ul", {}, ...f.echoes.map((e) => el("li", { class: "echo", "data-article": e.report.id },
          el("span", { class: "outlet" }, e.report.label), ": " + e.matched + " ",
          e.compare_with ? el("a", { href: compareHref(e.compare_with, e.report.id), class: "compare-link" }, "compare") : null))))))));
  }
  parts.push(reportsList(v));
  show(...parts.filter(Boolean));
}

function reportsList(v) {
  const list = el("ul", { id: "sources" }, ...v.reports.map((r) => {
    const u = safeUrl(r.url);
    const title = r.title && r.title !== r.label ? ": " + r.title : "";
    return el("li", { class: "source", "data-article": r.id }, ...who(r), title, " ",
      u ? el("a", { href: u, rel: "noopener noreferrer nofollow", target: "_blank" }, "original") : null);
  }));
  const sec = el("section", { class: "reports" }, el("h2", { class: "part" }, v.headings.reports), list);
  if (v.reports.length >= 2) {
    const pick = (label, idx) => {
      const s = el("select", { "aria-label": label, id: "pick-" + idx },
        ...v.reports.map((r, k) => { const o = el("option", { value: r.id }, r.label + (r.published ? " (" + localDate(r.published) + ")" : "")); if (k === idx) o.selected = true; return o; }));
      return s;
    };
    const left = pick("Left report", 0), right = pick("Right report", 1);
    const form = el("form", { class: "controls", id: "compare-form" }, el("span", {}, "Compare"), left, el("span", {}, "with"), right,
      el("button", { type: "submit" }, "Side by side"));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = compareHref(left.value, right.value); });
    sec.append(form);
  }
  return sec;
}

// ---- two reports side by side -------------------------------------------------------------

function pieces(side) {
  if (!side) return el("div", { class: "cell empty-cell" }, "");
  return el("div", { class: "cell" }, ...side.pieces.map((p) =>
    p.mark === "same" ? p.text : el("span", { class: "mark-" + p.mark }, p.text)));
}

async function compareView(a, b, claimAt) {
  const c = await api("/api/v1/compare/" + encodeURIComponent(a) + "/" + encodeURIComponent(b));
  const head = (r) => el("div", { class: "cell head" }, el("div", {}, ...who(r)), r.title && r.title !== r.label ? el("div", { class: "muted" }, r.title) : null);
  // The rows holding the sentences a conflict card links to.
  const claim = (r) => !!claimAt && ((r.a && r.a.index === claimAt[0]) || (r.b && r.b.index === claimAt[1]));
  const rows = c.rows.map((r, k) => el("div", { class: "row " + r.kind + (r.numbers_differ ? " numbers" : "") + (claim(r) ? " claim" : ""), "data-kind": r.kind, "data-row": k, tabindex: "-1" },
    el("div", { class: "label" }, (claim(r) ? "the claim · " : "") + r.label + (r.numbers_differ ? " · numbers differ" : "")), pieces(r.a), pieces(r.b)));
  const aligned = rows.filter((r) => r.dataset.kind === "same" || r.dataset.kind === "reworded");
  let at = -1;
  const status = el("span", { class: "muted", id: "compare-pos", "aria-live": "polite" }, aligned.length + " aligned rows");
  const go = (d) => {
    if (!aligned.length) return;
    at = Math.max(0, Math.min(aligned.length - 1, at + d));
    for (const r of rows) r.classList.remove("focus");
    const r = aligned[at];
    r.classList.add("focus");
    r.focus({ preventScroll: true });
    r.scrollIntoView({ block: "center" });
    status.textContent = "Aligned row " + (at + 1) + " of " + aligned.length;
  };
  const prev = el("button", { type: "button", id: "prev-row" }, "↑ Previous (k)");
  const next = el("button", { type: "button", id: "next-row" }, "↓ Next (j)");
  prev.addEventListener("click", () => go(-1));
  next.addEventListener("click", () => go(1));
  const story = c.story ? el("a", { href: "#/story/" + encodeURIComponent(c.story) }, "← the story") : el("a", { href: "#/" }, "← all stories");
  show(
    el("p", {}, story, " · ", el("a", { href: compareHref(b, a, claimAt && [claimAt[1], claimAt[0]]) }, "swap sides")),
    el("h1", { id: "compare-title" }, c.a.label + " and " + c.b.label + ", side by side"),
    el("p", { class: "summary", id: "compare-summary" }, c.summary + " (aligned by " + c.aligned_by + ")."),
    el("p", { class: "legend" }, el("span", { class: "mark-changed" }, "words only in one"), " ", el("span", { class: "mark-number" }, "numbers that differ"),
      claimAt ? " " : null, claimAt ? el("span", { class: "mark-claim" }, "the claim's sentences") : null,
      " · keys: j / ↓ next aligned row, k / ↑ previous"),
    el("div", { class: "controls" }, prev, next, status),
    el("div", { class: "side-by-side", id: "compare" }, el("div", { class: "row header" }, el("div", { class: "label" }, ""), head(c.a), head(c.b)), ...rows));
  const first = rows.find((r) => r.classList.contains("claim"));
  if (first) first.scrollIntoView({ block: "center" });
  keyHandler = (ev) => {
    if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.key === "j" || ev.key === "ArrowDown") { ev.preventDefault(); go(1); }
    else if (ev.key === "k" || ev.key === "ArrowUp") { ev.preventDefault(); go(-1); }
  };
}

let keyHandler = null;

// ---- routing ------------------------------------------------------------------------------

function fail(e) {
  show(el("p", { class: "error", id: "error" }, "Error: " + (e && e.message ? e.message : String(e))),
    el("p", {}, el("a", { href: "#/" }, "← all stories")));
}

function route() {
  const h = location.hash.replace(/^#/, "");
  let m;
  keyHandler = null;
  if ((m = h.match(/^\/story\/(.+)$/))) return storyView(decodeURIComponent(m[1])).catch(fail);
  if ((m = h.match(/^\/compare\/([^/]+)\/([^/]+)(?:\/(\d+)\/(\d+))?$/))) {
    const at = m[3] !== undefined ? [Number(m[3]), Number(m[4])] : null;
    return compareView(decodeURIComponent(m[1]), decodeURIComponent(m[2]), at).catch(fail);
  }
  const q = (h.match(/^\/search\/(.*)$/) || [])[1];
  return listView(q ? decodeURIComponent(q) : "").catch(fail);
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = document.getElementById("q").value.trim();
    location.hash = q ? "#/search/" + encodeURIComponent(q) : "#/";
  });
  window.addEventListener("hashchange", route);
  document.addEventListener("keydown", (ev) => { if (keyHandler) keyHandler(ev); });
  route();
});
