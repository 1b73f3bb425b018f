// sitrep's web map: filters held in the URL, a clustered map of the
// selection, a timeline of events per day, a sortable list, and the record
// of a clicked event with its evidence sentences. Talks only to this
// server's /api; every text from the data goes in through textContent.
"use strict";

const FILTERS = ["from", "to", "type", "acled", "actor", "country", "source", "min_fatalities", "max_fatalities"];
const MAX_EVENTS = 20000;
const form = document.getElementById("filters");
const statusEl = document.getElementById("status");
const recordEl = document.getElementById("record");
const tbody = document.querySelector("#list tbody");

const state = { events: [], sort: "date", asc: true, days: [], loading: 0 };

function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") n.className = v; else n.setAttribute(k, v);
  }
  for (const k of kids) n.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return n;
}

// The filters: from the URL into the form, from the form into a query.
function readUrl() {
  const p = new URLSearchParams(location.search);
  for (const k of FILTERS) if (form.elements[k]) form.elements[k].value = p.get(k) || "";
}
function query() {
  const p = new URLSearchParams();
  for (const k of FILTERS) {
    const v = (form.elements[k] && form.elements[k].value || "").trim();
    if (v) p.set(k, v);
  }
  return p;
}

// The map, on the embedded Natural Earth outlines: no tiles, no network.
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true })
  .setView([20, 20], 2);
map.attributionControl.setPrefix("");
map.attributionControl.addAttribution("Outlines: Natural Earth (world-atlas) · Leaflet");
fetch("/assets/basemap.json").then(r => r.json()).then(g => {
  L.geoJSON(g, { style: { color: "#8a8a8a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false })
    .addTo(map).bringToBack();
}).catch(e => console.warn("basemap", e));
const cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
map.addLayer(cluster);

function typeClass(e) {
  const a = e.acled && e.acled.event_type || "";
  if (a === "Battles") return "t-battles";
  if (a.startsWith("Explosions")) return "t-explosions";
  if (a === "Violence against civilians") return "t-vac";
  if (a === "Protests") return "t-protests";
  if (a === "Riots") return "t-riots";
  if (a) return "t-strategic";
  return "t-other";
}
const LEGEND = [["t-battles", "Battles"], ["t-explosions", "Explosions/Remote violence"], ["t-vac", "Violence against civilians"],
  ["t-protests", "Protests"], ["t-riots", "Riots"], ["t-strategic", "Strategic developments"], ["t-other", "outside ACLED's scope"]];
function legend() {
  const d = document.getElementById("legend");
  for (const [c, name] of LEGEND) d.append(el("div", {}, el("span", { class: "dot " + c }), name));
  d.append(el("div", {}, "solid: town · dashed: area · ring: country"));
}

function placeOf(e) { return e.location ? e.location.name : ""; }
function dateOf(e) { return e.date ? e.date.value : ""; }

// Loads the selection: stats for the timeline, then events page by page.
async function load() {
  const token = ++state.loading;
  const q = query();
  history.replaceState(null, "", q.toString() ? "?" + q : location.pathname);
  for (const [id, fmt] of [["dl-csv", "acled-csv"], ["dl-geojson", "geojson"]]) {
    const p = new URLSearchParams(q); p.set("format", fmt);
    document.getElementById(id).href = "/api/export?" + p;
  }
  statusEl.textContent = "Loading…";
  const stats = await getJson("/api/stats?" + q);
  if (token !== state.loading || !stats) return;
  timeline(stats);
  const outside = (stats.by_acled.find(([t]) => t === "") || ["", 0])[1];
  document.getElementById("dl-csv").title = outside
    ? `${outside} selected event(s) outside ACLED's scope (meetings, statements) are not in the CSV; the GeoJSON holds them`
    : "every selected event";
  const events = [];
  let cursor = null;
  do {
    const p = new URLSearchParams(q); p.set("limit", "1000");
    if (cursor) p.set("cursor", cursor);
    const page = await getJson("/api/events?" + p);
    if (token !== state.loading || !page) return;
    events.push(...page.events);
    cursor = page.next_cursor;
  } while (cursor && events.length < MAX_EVENTS);
  state.events = events;
  draw();
  const placed = events.filter(e => e.location && e.location.lat != null).length;
  statusEl.textContent = `${stats.total} event(s) selected; ${placed} on the map` +
    (events.length < stats.total ? ` (the first ${events.length}: narrow the filters to see the rest)` : "");
  document.body.dataset.ready = "1";
}

async function getJson(url) {
  const r = await fetch(url);
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    statusEl.textContent = "Error: " + (body && body.error || r.status);
    return null;
  }
  return body;
}

function draw() {
  cluster.clearLayers();
  const markers = [];
  for (const e of state.events) {
    const l = e.location;
    if (!l || l.lat == null || l.lon == null) continue;
    const icon = L.divIcon({ className: "", html: `<span class="dot p${l.precision} ${typeClass(e)}"></span>`, iconSize: [18, 18] });
    const m = L.marker([l.lat, l.lon], { icon, title: `${e.type} · ${dateOf(e)} · ${placeOf(e)}`, keyboard: true, alt: e.type });
    m.on("click", () => openRecord(e.id));
    m.sitrepId = e.id;
    markers.push(m);
  }
  cluster.addLayers(markers);
  if (markers.length) map.fitBounds(cluster.getBounds(), { maxZoom: 6, padding: [30, 30] });
  list();
}

function list() {
  const key = { date: e => dateOf(e), type: e => e.type, place: e => placeOf(e), deaths: e => e.fatalities == null ? -1 : e.fatalities }[state.sort];
  const rows = [...state.events].sort((a, b) => {
    const x = key(a), y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * (state.asc ? 1 : -1);
  });
  tbody.replaceChildren(...rows.slice(0, 2000).map(e => {
    const tr = el("tr", { tabindex: "0", "data-id": e.id },
      el("td", {}, dateOf(e)), el("td", {}, e.type), el("td", {}, placeOf(e)),
      el("td", {}, e.fatalities == null ? "" : e.fatalities));
    tr.addEventListener("click", () => openRecord(e.id));
    tr.addEventListener("keydown", ev => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openRecord(e.id); } });
    return tr;
  }));
  for (const b of document.querySelectorAll("#list th button")) {
    const th = b.parentElement;
    th.setAttribute("aria-sort", b.dataset.sort === state.sort ? (state.asc ? "ascending" : "descending") : "none");
  }
}

// The record of one event, with its evidence sentences and the spans that
// filled each field marked.
async function openRecord(id) {
  const r = await getJson("/api/events/" + encodeURIComponent(id));
  if (!r) return;
  const e = r.event;
  const disputed = new Set((e.disputed || []).map(d => d.field));
  const mark = (field, v) => disputed.has(field) ? el("span", { class: "disputed", title: "disputed" }, v, " (disputed)") : v;
  const dl = el("dl");
  const row = (k, v) => { if (v !== "" && v != null) dl.append(el("dt", {}, k), el("dd", {}, v)); };
  row("Type", `${e.type} — PLOVER ${e.plover.category}, CAMEO ${e.cameo}` + (e.acled ? `, ACLED ${e.acled.event_type} / ${e.acled.sub_event_type}` : ""));
  if (e.date) row("Date", `${e.date.value} (${e.date.precision}; from ${e.date.basis === "text" ? "the text" : "the publication date"})`);
  if (e.location) row("Place", mark("location", `${e.location.name}${e.location.country_code ? ", " + e.location.country_code : ""} (precision ${e.location.precision}; from ${e.location.basis || "text"})`));
  const roles = {};
  for (const a of e.actors) (roles[a.role] = roles[a.role] || []).push(a.canonical + (a.country ? ` (${a.country})` : ""));
  for (const [role, names] of Object.entries(roles)) row(role, mark(role === "actor1" || role === "actor2" ? "participants" : role, names.join("; ")));
  row("Deaths", e.fatalities == null ? "" : mark("fatalities", String(e.fatalities)));
  row("Injured", e.injuries == null ? "" : String(e.injuries));
  row("Mode", e.mode);
  row("Source", [e.doc_source, e.published].filter(Boolean).join(", "));
  const claims = el("ul");
  for (const c of e.claims) claims.append(el("li", {}, `${c.source}${c.via ? " (via " + c.via + ")" : ""}${c.cue ? ": " + c.cue : ""}`));
  const disputes = el("ul");
  for (const d of e.disputed || []) disputes.append(el("li", { class: "disputed" }, `${d.field}: ${d.sides.join(" | ")}`));
  const evidence = r.evidence.map(s => el("blockquote", { class: "evidence" }, ...s.segments.map(g =>
    g.fields && g.fields.length ? el("mark", { "data-field": g.fields[0], title: g.fields.join(", ") }, g.text) : g.text)));
  recordEl.replaceChildren(
    el("h2", {}, `${e.type} · ${dateOf(e)} · ${placeOf(e)}`), dl,
    el("h3", {}, "Claims"), claims,
    ...(e.disputed && e.disputed.length ? [el("h3", {}, "Disputed"), disputes] : []),
    el("h3", {}, "Evidence"), ...evidence,
    el("p", {}, el("a", { href: "/api/documents/" + encodeURIComponent(e.doc_id) }, "the whole document (JSON)")));
  recordEl.hidden = false;
  recordEl.dataset.id = e.id;
  recordEl.focus();
}

// The timeline: a bar per day, and a two-handle slider that sets the range.
function timeline(stats) {
  const svg = document.getElementById("hist");
  const days = stats.by_day;
  state.days = days.map(d => d[0]);
  const w = svg.clientWidth || 600, h = 56;
  const max = Math.max(1, ...days.map(d => d[1]));
  const bw = days.length ? w / days.length : w;
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.replaceChildren(...days.map(([day, n], i) => {
    const r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    const bh = Math.max(1, (n / max) * (h - 2));
    r.setAttribute("x", i * bw); r.setAttribute("y", h - bh);
    r.setAttribute("width", Math.max(1, bw - 1)); r.setAttribute("height", bh);
    const t = document.createElementNS("http://www.w3.org/2000/svg", "title");
    t.textContent = `${day}: ${n}`; r.append(t);
    return r;
  }));
  const a = document.getElementById("slide-from"), b = document.getElementById("slide-to");
  for (const s of [a, b]) s.max = Math.max(0, days.length - 1);
  a.value = 0; b.value = Math.max(0, days.length - 1);
}
function slid() {
  const a = +document.getElementById("slide-from").value, b = +document.getElementById("slide-to").value;
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  if (!state.days.length) return;
  form.elements.from.value = state.days[lo];
  form.elements.to.value = state.days[hi];
  load();
}

// Facet options from the unfiltered stats.
async function facets() {
  const s = await getJson("/api/stats");
  if (!s) return;
  const fill = (parent, items) => {
    for (const [v, n] of items) if (v) parent.append(el("option", { value: v }, `${v} (${n})`));
  };
  const types = el("optgroup", { label: "Event type" }), plover = el("optgroup", { label: "PLOVER category" });
  form.elements.type.append(types, plover);
  fill(types, s.by_type);
  fill(plover, s.by_plover);
  fill(form.elements.acled, s.by_acled);
}

let timer = null;
form.addEventListener("input", ev => {
  clearTimeout(timer);
  timer = setTimeout(load, ev.target.tagName === "SELECT" ? 0 : 300);
});
form.addEventListener("reset", () => setTimeout(load, 0));
form.addEventListener("submit", ev => { ev.preventDefault(); load(); });
document.getElementById("slide-from").addEventListener("change", slid);
document.getElementById("slide-to").addEventListener("change", slid);
for (const b of document.querySelectorAll("#list th button")) {
  b.addEventListener("click", () => {
    state.asc = state.sort === b.dataset.sort ? !state.asc : true;
    state.sort = b.dataset.sort;
    list();
  });
}

// What the browser test reads.
window.sitrep = {
  markerCount: () => cluster.getLayers().length,
  events: () => state.events.length,
  clickMarker: i => { const m = cluster.getLayers()[i]; if (m) openRecord(m.sitrepId); return !!m; },
};

legend();
readUrl();
facets().then(() => { readUrl(); load(); });
