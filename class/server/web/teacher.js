"use strict";
// The teacher's page, made for the projector: join code and QR, the
// controls, where the class is, and the results as students finish.

const code = sessionCode();
const key = "mentorsim-teacher-" + code;
const app = document.getElementById("app");
let token = takeToken(key, "k"), names = false, busy = false, again = false;

// refresh fetches the session, one request at a time.
async function refresh() {
  if (busy) { again = true; return; }
  busy = true;
  try {
    render(await api("GET", `/api/s/${code}/teacher`, undefined, token));
  } catch (e) {
    app.replaceChildren(el("div", {class: "card"}, el("p", {class: "error", id: "error"}, e.message)));
  } finally {
    busy = false;
    if (again) { again = false; setTimeout(refresh, 200); }
  }
}

async function post(path, body) {
  try { await api("POST", `/api/s/${code}/${path}`, body, token); } catch (e) { alert(e.message); }
  refresh();
}

const next = {lobby: ["round1", "Start round 1"], round1: ["round2", "Close round 1, start round 2"],
  round2: ["revealed", "Reveal the results"], revealed: null};

function render(t) {
  const s = t.session, res = t.results;
  const controls = el("div", {class: "row"});
  if (s.phase === "lobby") {
    const sel = el("select", {id: "framing"}, ...["split", "private", "public"].map(f => {
      const o = el("option", {value: f}, {split: "framing: split at random", private: "framing: private", public: "framing: public"}[f]);
      if (f === s.framing) o.selected = true;
      return o;
    }));
    sel.onchange = () => post("framing", {framing: sel.value});
    controls.append(sel);
  } else {
    controls.append(el("span", {}, "Framing: " + s.framing));
  }
  if (next[s.phase]) controls.append(el("button", {id: "next", onclick: () => post("phase", {phase: next[s.phase][0]})}, next[s.phase][1]));
  controls.append(el("button", {class: "secondary", id: "export", onclick: exportCSV}, "Export CSV"),
    el("button", {class: "secondary", id: "names", onclick: () => { names = !names; refresh(); }}, names ? "Hide names" : "Show names"),
    el("button", {class: "danger", id: "delete", onclick: del}, "Delete"));
  const c = res.counts;
  app.replaceChildren(
    el("div", {class: "top"},
      el("div", {},
        el("div", {class: "row"}, el("span", {class: "code", id: "code"}, s.id), el("span", {class: "muted", id: "phase"}, "phase: " + s.phase)),
        el("div", {}, "Join: ", el("b", {id: "join-url"}, t.join_url)),
        controls),
      el("img", {class: "qr", src: `/api/s/${s.id}/qr.png`, alt: "QR code of the join link"})),
    el("div", {class: "counts card", id: "counts"},
      count("joined", c.Joined), count("round 1 done", c.Round1Done), count("answered the offer", c.Offered),
      count("round 2 done", c.Round2Done), count("complete", c.Complete), count("late", c.Late), count("incomplete", c.Incomplete)),
    results(res, s),
    roster(t.roster, s));
}

function count(label, n) { return el("span", {}, el("b", {}, n), " " + label); }

// ci is an estimate with its 95% interval, or a dash where a group has
// too few students for one.
function ci(e, fmt) {
  if (!e || e.estimate == null) return "– too few students";
  return `${fmt(e.estimate)} [${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}]`;
}
const lift = x => pct(x, true);
const rate = x => pct(x, false);
const pts = x => { let s = x.toFixed(1); if (x >= 0) s = "+" + s; return s.replace("-", "−"); };

function results(res, s) {
  const box = el("div", {id: "results"});
  if (res.n === 0) return el("div", {class: "card", id: "results"}, el("p", {}, "Results appear here as students finish both rounds."));
  if (res.small) box.append(el("p", {class: "warn", id: "small"}, `Only ${res.n} students have finished: the intervals are wide, and most differences could be chance.`));
  const est = el("table", {id: "estimands"}, el("tr", {}, el("th", {}, "The study's estimands, on this class (95% intervals)"), el("th", {class: "num"}, "sales (n)"), el("th", {class: "num"}, "class"), el("th", {class: "num"}, "study")));
  const mean = x => x == null ? "–" : x.toFixed(1);
  for (const e of res.estimands) {
    const f = e.id === "optin_rate" ? rate : lift;
    const n = e.means ? `${mean(e.means[0])} vs ${mean(e.means[1])} (${e.n[0]} and ${e.n[1]} students)` : `${e.n[0]} of ${e.n[1]} students`;
    est.append(el("tr", {}, el("td", {}, e.label), el("td", {class: "num", "data-means": e.id}, n),
      el("td", {class: "num", "data-est": e.id}, ci(e.estimate, f)), el("td", {class: "num"}, e.published)));
  }
  const rank = el("table", {id: "rank"}, el("tr", {}, el("th", {}, "Round 1"), el("th", {class: "num"}, "n"), el("th", {class: "num"}, "think they beat"), el("th", {class: "num"}, "beat"), el("th", {class: "num"}, "gap, points")));
  for (const r of res.rank) {
    rank.append(el("tr", {}, el("td", {}, r.group), el("td", {class: "num"}, r.n), el("td", {class: "num"}, r.self == null ? "–" : r.self.toFixed(0) + "%"),
      el("td", {class: "num"}, r.actual == null ? "–" : r.actual.toFixed(0) + "%"), el("td", {class: "num", "data-gap": r.group}, ci(r.gap, pts))));
  }
  const fr = el("table", {id: "framing-table"}, el("tr", {}, el("th", {}, "Opt-in rate by framing"), el("th", {class: "num"}, "n"), el("th", {class: "num"}, "")));
  for (const e of res.framing) {
    const f = e.id === "public_minus_private" ? (x => pts(100 * x)) : rate;
    fr.append(el("tr", {}, el("td", {}, e.label), el("td", {class: "num"}, e.id === "public_minus_private" ? e.n.join(" vs ") : e.n.join(" of ")), el("td", {class: "num", "data-est": e.id}, ci(e.estimate, f))));
  }
  box.append(el("div", {class: "card"}, est),
    el("div", {class: "cols"},
      el("div", {}, el("div", {class: "card"}, el("b", {}, "Self-assessed vs actual share of the class beaten"), rank), el("div", {class: "card"}, fr)),
      fitCard(res)),
    scatterCard(res.scores));
  return box;
}

// The scatter's groups, by the student's arm: colour and shape both tell
// them apart (a projector may wash colours out).
const groups = [
  {name: "asked for coaching", arms: ["optin_coached", "optin_denied"], color: "#009e73", shape: "circle"},
  {name: "declined", arms: ["optout"], color: "#d55e00", shape: "cross"},
  {name: "mandatory branch", arms: ["mandatory_coached", "mandatory_control"], color: "#888", shape: "dot"},
];

const svgNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k instanceof Node ? k : String(k));
  return e;
}

// scatterCard plots each complete student's round-1 sales against the
// share of the class they thought they beat, marked by what they chose:
// whether those who declined coaching are the weaker sellers, and whether
// they knew it.
function scatterCard(points) {
  const W = 980, H = 250, L = 46, R = 240, T = 10, B = 34;
  const maxX = Math.max(1, ...points.map(p => p.r1));
  const px = x => L + (W - L - R) * x / maxX, py = y => T + (H - T - B) * (1 - y / 100);
  const plot = svg("svg", {id: "scatter", viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img",
    "aria-label": "Each student's round-1 sales against the share of the class they thought they beat"});
  for (const y of [0, 25, 50, 75, 100]) {
    plot.append(svg("line", {x1: L, x2: W - R, y1: py(y), y2: py(y), stroke: "#ddd"}),
      svg("text", {x: L - 6, y: py(y) + 5, "text-anchor": "end", "font-size": 14}, y + "%"));
  }
  const step = Math.max(1, Math.ceil(maxX / 8));
  for (let x = 0; x <= maxX; x += step) {
    plot.append(svg("text", {x: px(x), y: H - B + 18, "text-anchor": "middle", "font-size": 14}, x));
  }
  plot.append(svg("text", {x: L + (W - L - R) / 2, y: H - 2, "text-anchor": "middle", "font-size": 14}, "sales in round 1"));
  for (const p of points) {
    const g = groups.find(g => g.arms.includes(p.arm));
    if (!g) continue;
    plot.append(mark(g, px(p.r1), py(p.self), p.arm));
  }
  groups.forEach((g, i) => {
    const y = T + 20 + 26 * i;
    plot.append(mark(g, W - R + 24, y - 5), svg("text", {x: W - R + 38, y, "font-size": 14},
      `${g.name} (${points.filter(p => g.arms.includes(p.arm)).length})`));
  });
  return el("div", {class: "card", id: "scatter-card"},
    el("b", {}, "Who asked? Round-1 sales against the share of the class each student thought they beat"), plot);
}

function mark(g, x, y, arm) {
  const a = arm ? {"data-point": arm} : {};
  if (g.shape === "circle") return svg("circle", {cx: x, cy: y, r: 6, fill: g.color, ...a});
  if (g.shape === "dot") return svg("circle", {cx: x, cy: y, r: 3.5, fill: g.color, ...a});
  const d = 6;
  return svg("path", {d: `M${x - d} ${y - d}L${x + d} ${y + d}M${x - d} ${y + d}L${x + d} ${y - d}`, stroke: g.color, "stroke-width": 3, ...a});
}

const simLabels = {"mandatory.revenue_lift_2m": "Mandatory lift", "voluntary.optin_rate": "Opt-in rate",
  "voluntary.revenue_lift_2m": "Opt-ins: mentored vs denied", "voluntary.optin_vs_optout_revenue_2m": "Opt-ins vs opt-outs"};

function fitCard(res) {
  if (!res.fit) return el("div", {class: "card", id: "fit"}, "The opt-in rule is fitted once four students of the voluntary branch have finished.");
  const f = res.fit;
  const coef = i => `${f.coef[i] >= 0 ? "+" : "−"}${Math.abs(f.coef[i]).toFixed(2)}`;
  const t = el("table", {id: "sim"}, el("tr", {}, el("th", {}, "The class as 603 reps"), el("th", {class: "num"}, "simulated"), el("th", {class: "num"}, "study")));
  for (const e of res.sim.estimates) {
    const fm = e.id === "voluntary.optin_rate" ? rate : lift;
    t.append(el("tr", {}, el("td", {}, simLabels[e.id] || e.id), el("td", {class: "num", "data-sim": e.id}, ci(e.estimate, fm)), el("td", {class: "num"}, e.published)));
  }
  return el("div", {class: "card", id: "fit"},
    el("p", {}, el("b", {}, "The class's opt-in rule: "), `log-odds of asking = ${coef(0)} ${coef(1)}·score ${coef(2)}·self-assessment`,
      el("span", {class: "muted"}, ` (standardised; the ${f.n} students who were offered the choice; logistic regression, lightly penalised)`)),
    t,
    el("p", {class: "muted small"}, `603 simulated reps choose by the class's rule: ability stands for the score (optin_eagerness ${res.sim.params.optin_eagerness.toFixed(2)}, eagerness = ability), self-assessment correlates ${f.corr.toFixed(2)} with it as in the class (optin_need ${res.sim.params.optin_need.toFixed(2)}), optin_base ${res.sim.params.optin_base.toFixed(2)}, no insecurity term; what coaching does to sales stays the study's.`));
}

function roster(rows, s) {
  const list = el("div", {class: "roster"});
  for (const r of rows) {
    // Each nickname sits in a <bdi>, so that no text in it can reorder
    // the line around it.
    const nick = (names || r.opted_in != null) && r.nickname ? [" ", el("bdi", {}, r.nickname)] : [];
    const choice = r.opted_in == null ? "" : r.opted_in ? ": asked for coaching" : ": declined";
    list.append(el("div", {"data-student": r.student}, r.student, ...nick, choice + " – " + r.status));
  }
  const pub = rows.filter(r => r.opted_in != null);
  return el("div", {class: "card", id: "roster"},
    el("b", {}, pub.length ? "Students (public framing: their choices)" : "Students"), list);
}

async function exportCSV() {
  try {
    const csv = await api("GET", `/api/s/${code}/export.csv`, undefined, token);
    const a = el("a", {href: URL.createObjectURL(new Blob([csv], {type: "text/csv"})), download: `mentorsim-class-${code}.csv`});
    document.body.append(a); a.click(); a.remove();
  } catch (e) { alert(e.message); }
}

async function del() {
  if (!confirm(`Delete session ${code} and all its answers? This cannot be undone.`)) return;
  try {
    await api("POST", `/api/s/${code}/delete`, {}, token);
    localStorage.removeItem(key);
    app.replaceChildren(el("div", {class: "card"}, el("p", {id: "deleted"}, `Session ${code} was deleted.`)));
  } catch (e) { alert(e.message); }
}

if (!token) {
  app.replaceChildren(el("div", {class: "card"}, el("p", {class: "error", id: "error"}, "This page needs the teacher link with its key (…#k=…), opened once in this browser.")));
} else {
  listen(code, true, refresh);
  refresh();
}
