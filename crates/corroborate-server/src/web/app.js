// corroborate's web page. Every element is built with createElement/textContent: article text
// is never parsed as HTML, and links are kept only when they are http(s).
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
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

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = String(text);
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

function sourceName(a) {
  if (a.source) return a.source;
  const u = safeUrl(a.url);
  if (u) { try { return new URL(u).hostname.replace(/^www\./, ""); } catch (_) { /* fall through */ } }
  return a.id;
}

function day(s) { return s ? String(s).slice(0, 10) : "undated"; }

// ---- story list ---------------------------------------------------------------------------

async function listView(q) {
  document.getElementById("q").value = q || "";
  const params = new URLSearchParams({ limit: "100" });
  if (q) params.set("q", q);
  const page = await api("/api/v1/stories?" + params.toString());
  const items = page.stories.map((s) =>
    el("li", { class: "story", "data-story": s.id },
      el("a", { href: "#/story/" + encodeURIComponent(s.id) }, s.title || s.id),
      el("span", { class: "badge", "data-sources": s.sources }, s.sources + (s.sources === 1 ? " source" : " sources")),
      el("div", { class: "muted" },
        day(s.first_seen) + (s.last_seen && s.last_seen !== s.first_seen ? " – " + day(s.last_seen) : "") +
        " · " + s.articles + (s.articles === 1 ? " article" : " articles") +
        (s.source_names.length ? " · " + s.source_names.slice(0, 6).join(", ") : ""))));
  show(
    el("h1", {}, q ? "Stories matching “" + q + "”" : "Stories"),
    el("p", { class: "muted", id: "total" }, page.total + (page.total === 1 ? " story" : " stories")),
    items.length ? el("ul", { class: "stories" }, ...items) : el("p", { class: "empty" }, "No stories yet."));
}

// ---- one story ----------------------------------------------------------------------------

async function storyView(id) {
  const st = await api("/api/v1/stories/" + encodeURIComponent(id));
  const entries = st.article_entries || [];
  const byId = new Map(entries.map((a) => [a.id, a]));
  const names = new Set(entries.map(sourceName));
  show(
    el("p", {}, el("a", { href: "#/" }, "← all stories")),
    el("h1", { id: "story-title" }, st.title || st.id),
    el("p", { class: "muted" }, day(st.first_seen) + " – " + day(st.last_seen) + " · " +
      entries.length + " articles from " + names.size + " sources"),
    el("h2", {}, "Sources"),
    timeline(entries),
    sourcesList(entries),
    el("h2", {}, "Copies and rewrites"),
    familiesView(st, byId),
    el("h2", {}, "Facts"),
    factsView(st.facts || [], byId),
    el("h2", {}, "Side by side"),
    await compareView(st, entries));
}

function sourcesList(entries) {
  return el("ul", { class: "sources", id: "sources" }, ...entries.map((a) => {
    const u = safeUrl(a.url);
    return el("li", { class: "source", "data-article": a.id },
      el("span", { class: "title" }, a.title || a.id),
      el("span", { class: "muted" }, sourceName(a) + " · " + day(a.published) + " · " + a.words + " words"),
      u ? el("div", {}, el("a", { href: u, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")) : null);
  }));
}

function timeline(entries) {
  const W = 900, H = 40 + 22 * Math.max(entries.length, 1), L = 20, R = 20;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, id: "timeline", role: "img", "aria-label": "Sources on a timeline" });
  const times = entries.map((a) => (a.published ? Date.parse(a.published) : NaN));
  const known = times.filter((t) => !Number.isNaN(t));
  const lo = known.length ? Math.min(...known) : 0, hi = known.length ? Math.max(...known) : 1;
  const x = (t) => (Number.isNaN(t) ? W - R : L + ((t - lo) / Math.max(hi - lo, 1)) * (W - L - R - 120));
  s.append(svg("line", { class: "axis", x1: L, y1: 20, x2: W - R, y2: 20 }));
  if (known.length) {
    s.append(svg("text", { x: L, y: 14 }, new Date(lo).toISOString().slice(0, 10)));
    if (hi > lo) s.append(svg("text", { x: x(hi), y: 14, "text-anchor": "middle" }, new Date(hi).toISOString().slice(0, 10)));
  }
  entries.forEach((a, i) => {
    const cx = x(times[i]), cy = 36 + 22 * i;
    s.append(svg("line", { class: "tick", x1: cx, y1: 20, x2: cx, y2: cy }));
    const dot = svg("circle", { class: "dot", cx, cy, r: 5 });
    dot.append(svg("title", {}, (a.title || a.id) + " (" + day(a.published) + ")"));
    s.append(dot);
    const anchor = cx > W - 260 ? "end" : "start";
    s.append(svg("text", { x: anchor === "end" ? cx - 9 : cx + 9, y: cy + 4, "text-anchor": anchor },
      sourceName(a) + " · " + day(a.published)));
  });
  return s;
}

function familiesView(st, byId) {
  const families = st.families || [];
  if (!families.length) return el("p", { class: "empty", id: "families" }, "No copies or rewrites found in this story.");
  const rel = new Map((st.relations || []).map((r) => [r.a + "\u0000" + r.b, r]));
  const wrap = el("div", { id: "families" });
  families.forEach((f, k) => {
    const ids = f.articles || [];
    const W = 520, H = 260, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 40;
    const pos = new Map(ids.map((id, i) => {
      const t = (2 * Math.PI * i) / Math.max(ids.length, 1) - Math.PI / 2;
      return [id, [cx + rad * Math.cos(t), cy + rad * Math.sin(t)]];
    }));
    const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "family", "data-family-size": ids.length, "data-kind": f.kind, role: "img",
      "aria-label": "A family of " + ids.length + " " + f.kind });
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const r = rel.get(ids[i] + "\u0000" + ids[j]) || rel.get(ids[j] + "\u0000" + ids[i]);
        const isSrc = f.likely_source && (ids[i] === f.likely_source || ids[j] === f.likely_source);
        if (!r && !isSrc) continue;
        const [x1, y1] = pos.get(ids[i]), [x2, y2] = pos.get(ids[j]);
        const line = svg("line", { class: "edge " + (r ? r.kind : ""), x1, y1, x2, y2 });
        if (r) line.append(svg("title", {}, r.kind + " " + Number(r.score).toFixed(2)));
        g.append(line);
      }
    }
    for (const id of ids) {
      const [x, y] = pos.get(id);
      const a = byId.get(id) || { id };
      g.append(svg("circle", { class: "node" + (id === f.likely_source ? " source" : ""), cx: x, cy: y, r: 14 }));
      g.append(svg("text", { x, y: y + 30, "text-anchor": "middle" }, sourceName(a)));
    }
    wrap.append(el("h3", {}, (k + 1) + ". " + ids.length + " " + (f.kind || "related") +
      (f.likely_source ? " · likely source: " + sourceName(byId.get(f.likely_source) || { id: f.likely_source }) : "")));
    wrap.append(g);
    if (f.why) wrap.append(el("p", { class: "muted" }, f.why));
  });
  return wrap;
}

function claimValue(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return Object.entries(v).map(([k, x]) => k + ": " + (typeof x === "object" ? JSON.stringify(x) : x)).join(", ");
  return String(v);
}

function factsView(facts, byId) {
  const wrap = el("div", { id: "facts" });
  if (!facts.length) { wrap.append(el("p", { class: "empty" }, "No facts compared in this story yet.")); return wrap; }
  const filter = el("select", { id: "fact-filter", "aria-label": "Show facts" },
    el("option", { value: "" }, "all"), el("option", { value: "agreed" }, "agreed"),
    el("option", { value: "single_source" }, "single source"), el("option", { value: "conflict" }, "conflict"));
  const tbody = el("tbody");
  for (const f of facts) {
    const claims = el("ul", {}, ...(f.claims || []).map((c) =>
      el("li", {}, el("strong", {}, sourceName(byId.get(c.article) || { id: c.article }) + ": "),
        el("span", { class: "claim-value" }, claimValue(c.value)), " — ", el("span", { class: "muted" }, c.text || ""))));
    tbody.append(el("tr", { class: "fact", "data-status": f.status, "data-kind": f.kind },
      el("td", { class: "status-" + f.status }, (f.status || "").replace("_", " ")),
      el("td", {}, f.kind || ""), el("td", {}, f.about || ""), el("td", {}, claims)));
  }
  filter.addEventListener("change", () => {
    for (const tr of tbody.children) tr.hidden = !!filter.value && tr.dataset.status !== filter.value;
  });
  wrap.append(el("div", { class: "controls" }, el("label", {}, "Show ", filter)),
    el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Status"), el("th", {}, "Kind"), el("th", {}, "About"), el("th", {}, "Claims"))), tbody));
  return wrap;
}

async function compareView(st, entries) {
  const wrap = el("div", { id: "compare" });
  if (entries.length < 2) { wrap.append(el("p", { class: "empty" }, "One report only.")); return wrap; }
  const rels = (st.relations || []).slice().sort((p, q) => q.score - p.score);
  const first = rels[0] ? [rels[0].a, rels[0].b] : [entries[0].id, entries[1].id];
  const pick = (id, label) => el("select", { "aria-label": label },
    ...entries.map((a) => { const o = el("option", { value: a.id }, sourceName(a) + " — " + (a.title || a.id)); if (a.id === id) o.selected = true; return o; }));
  const left = pick(first[0], "Left report"), right = pick(first[1], "Right report");
  const cols = el("div", { class: "compare" });
  const cache = new Map();
  const get = async (id) => { if (!cache.has(id)) cache.set(id, await api("/api/v1/articles/" + encodeURIComponent(id))); return cache.get(id); };
  async function render() {
    const [a, b] = await Promise.all([get(left.value), get(right.value)]);
    const r = (st.relations || []).find((x) => (x.a === a.id && x.b === b.id) || (x.a === b.id && x.b === a.id));
    const pairs = (r ? r.evidence : []).map((e) => (r.a === a.id ? [e.a_sentence, e.b_sentence] : [e.b_sentence, e.a_sentence]));
    const la = new Map(), lb = new Map();
    pairs.forEach(([i, j], k) => { la.set(i, k); lb.set(j, k); });
    const col = (art, links, side) => el("div", { class: "col", "data-side": side },
      el("h3", {}, sourceName(art) + " — " + (art.title || art.id)),
      ...(art.sentence_texts || []).map((t, i) => {
        const sp = el("span", { class: "sent" + (links.has(i) ? " aligned" : ""), "data-i": i, "data-pair": links.has(i) ? links.get(i) : null }, t + " ");
        return sp;
      }));
    const ca = col(a, la, "left"), cb = col(b, lb, "right");
    cols.replaceChildren(ca, cb);
    cols.onclick = (ev) => {
      const t = ev.target;
      if (!(t instanceof HTMLElement) || !t.dataset.pair) return;
      for (const s of cols.querySelectorAll(".focus")) s.classList.remove("focus");
      for (const s of cols.querySelectorAll('[data-pair="' + CSS.escape(t.dataset.pair) + '"]')) { s.classList.add("focus"); s.scrollIntoView({ block: "nearest" }); }
    };
    summary.textContent = r ? r.kind + " · score " + Number(r.score).toFixed(2) + " · " + pairs.length + " aligned sentence pairs (highlighted; click one to find its partner)"
      : "No relation found between these two reports.";
  }
  const summary = el("span", { class: "muted", id: "compare-summary" });
  left.addEventListener("change", () => render().catch(fail));
  right.addEventListener("change", () => render().catch(fail));
  wrap.append(el("div", { class: "controls" }, left, right, summary), cols);
  await render();
  return wrap;
}

// ---- routing ------------------------------------------------------------------------------

function fail(e) {
  show(el("p", { class: "error", id: "error" }, "Error: " + (e && e.message ? e.message : String(e))),
    el("p", {}, el("a", { href: "#/" }, "← all stories")));
}

function route() {
  const h = location.hash.replace(/^#/, "");
  let m;
  if ((m = h.match(/^\/story\/(.+)$/))) return storyView(decodeURIComponent(m[1])).catch(fail);
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
  route();
});
