"use strict";
// The teacher's page, made for a projector read from the back of the room:
// the join code and QR large in the lobby (and whenever the teacher asks),
// a big progress count during the rounds, and after the reveal the key
// result in one sentence with the estimates and the scatter above the fold
// at 1024×768. Every cell explains itself on hover (its title).

const code = sessionCode();
const key = "mentorsim-teacher-" + code;
const app = document.getElementById("app");
let token = takeToken(key, "k"), names = false, busy = false, again = false;
// showJoin is the teacher's choice of the join view until the phase
// changes; null, the lobby shows it and the other phases do not.
let showJoin = null;
let moreOpen = false; // the secondary tables' <details>, kept across redraws
let last = null;      // the last view, to redraw without fetching
// The phase button takes no click until it has been on the page for
// arming ms: the next phase's button appears where the last one was, and a
// double click (or a clicker pressed twice) must not skip a round.
const arming = 1500;
let phaseShownAt = 0;

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
  if (last && last.session.phase !== s.phase) showJoin = null; // a new phase shows its own view
  if (!last || last.session.phase !== s.phase) phaseShownAt = Date.now();
  last = t;
  const joinShown = showJoin == null ? s.phase === "lobby" : showJoin;
  app.dataset.phase = s.phase;
  const parts = [bar(s, joinShown, res.counts)];
  if (joinShown) parts.push(joinView(t));
  if (s.phase === "round1" || s.phase === "round2") parts.push(progress(s, res.counts));
  if (s.phase === "revealed") parts.push(keyResult(res));
  parts.push(results(res), counts(res.counts), roster(t.roster));
  app.replaceChildren(...parts);
}

// phaseButton moves the session on. It is disabled while its request is
// in flight and until it has been shown for arming ms (see arming). The
// reveal says how many students have not finished round 2: the reveal ends
// their round, and one who started it enters the results with the sales
// made so far.
function phaseButton(phase, c) {
  const left = phase === "round2" && c ? c.Round2Left : 0;
  const label = next[phase][1] + (left > 0 ? ` (${left} not done with round 2)` : "");
  const b = el("button", {id: "next", onclick: () => { b.disabled = true; post("phase", {phase: next[phase][0]}); }}, label);
  if (left > 0) b.title = "Revealing ends round 2 now: a student who started it enters the results with the sales made so far; one who has not started it is left out.";
  const wait = phaseShownAt + arming - Date.now();
  if (wait > 0) {
    b.disabled = true;
    setTimeout(() => { if (last && last.session.phase === phase) render(last); }, wait + 10);
  }
  return b;
}

// bar is the session's code and phase with the teacher's controls.
function bar(s, joinShown, c) {
  const controls = el("div", {class: "row controls"});
  if (s.phase === "lobby") {
    const sel = el("select", {id: "framing", title: "How the offer of coaching is framed to the students of the voluntary branch"},
      ...["split", "private", "public"].map(f => {
        const o = el("option", {value: f}, {split: "framing: split at random", private: "framing: private", public: "framing: public"}[f]);
        if (f === s.framing) o.selected = true;
        return o;
      }));
    sel.onchange = () => post("framing", {framing: sel.value});
    controls.append(sel);
  }
  if (next[s.phase]) controls.append(phaseButton(s.phase, c));
  controls.append(
    el("button", {class: "secondary", id: "join-toggle", onclick: () => { showJoin = !joinShown; render(last); }},
      joinShown ? "Hide join code" : "Show join code"),
    el("button", {class: "secondary", id: "export", onclick: exportCSV}, "Export CSV"),
    el("button", {class: "secondary", id: "names", onclick: () => { names = !names; refresh(); }}, names ? "Hide names" : "Show names"),
    el("button", {class: "danger", id: "delete", onclick: del}, "Delete"));
  return el("div", {class: "bar", id: "bar"},
    el("div", {class: "row"},
      el("span", {class: "code", id: "code", title: "The session's code: students type it at the join address"}, s.id),
      el("span", {class: "muted", id: "phase"}, "phase: " + s.phase),
      s.phase === "lobby" ? null : el("span", {class: "muted", id: "framing-shown"}, "framing: " + s.framing)),
    controls);
}

// The QR image is made once, so that redraws never reload it. The server
// draws it 320 pixels wide; the style sheet scales it with its pixels kept
// square (image-rendering: pixelated).
let qrImg = null;
function qr(id) {
  if (!qrImg) qrImg = el("img", {class: "qr", id: "qr", src: `/api/s/${id}/qr.png`, alt: "QR code of the join link", title: "Scan this to join"});
  return qrImg;
}

// joinView is what the back row needs to join: the QR code, the link and
// the short code, large.
function joinView(t) {
  const s = t.session, url = t.join_url;
  const base = url.slice(0, url.lastIndexOf("/") + 1); // …/j/, where a code can be typed
  return el("section", {class: "card join", id: "join-view"},
    qr(s.id),
    el("div", {class: "join-text"},
      el("p", {class: "join-lead"}, "Scan the QR code, or open"),
      el("p", {class: "join-url", id: "join-url", title: "The join link: it opens the session directly"}, base, el("wbr", {}), url.slice(base.length)),
      el("p", {class: "join-lead"}, "or go to ", el("b", {}, base), " and type"),
      el("p", {class: "join-code", id: "join-code", title: "The session's code"}, s.id),
      el("p", {class: "joined", id: "joined"}, el("b", {}, t.results.counts.Joined), " joined")));
}

// progress is the big count of the round in play, readable from the back.
function progress(s, c) {
  const r1 = s.phase === "round1";
  const of = r1 ? c.Round1Of : c.Round2Of; // the removed (and in round 2 the late) are not waited for
  const done = of - (r1 ? c.Round1Left : c.Round2Left);
  const sub = r1
    ? `${c.Offered} of ${c.Joined} have also rated themselves and answered the offer`
    : `${c.Complete} complete (both rounds and the offer)` + (c.Late ? `; ${c.Late} did not play round 1` : "");
  return el("section", {class: "card progress-card", id: "progress-card"},
    el("p", {class: "progress", id: "progress",
      title: r1 ? "Students whose round 1 is over (12 calls made or time up), of all who joined (leaving out any removed)"
        : "Students whose round 2 is over, of all who played round 1 (leaving out any removed)"},
      el("span", {class: "progress-count", id: "progress-count"}, `${done} of ${of}`), ` finished round ${r1 ? 1 : 2}`),
    el("progress", {max: Math.max(1, of), value: done}),
    el("p", {class: "progress-sub"}, sub));
}

// The verdict on the study's paradox, as `mentorsim replicate` counts it
// (sim/replicate/paradox.go): the students who asked for coaching clearly
// out-sell those who declined (the 95% interval of optin_vs_optout is above
// 0), while coaching those who asked does not clearly raise their sales
// (the interval of voluntary_lift reaches 0 or below). A comparison needs
// two students in each group (class.MinGroup), and a mean above 0.
function keySentence(res) {
  const find = id => (res.estimands || []).find(e => e.id === id);
  const lead = find("optin_vs_optout"), coach = find("voluntary_lift");
  const ok = e => !!(e && e.estimate && e.estimate.estimate != null && e.estimate.ci95 &&
    e.estimate.ci95[0] != null && e.estimate.ci95[1] != null);
  const side = e => e.estimate.ci95[0] > 0 ? 1 : e.estimate.ci95[1] < 0 ? -1 : 0;
  const signed = x => { const v = Math.round(100 * x); return (v > 0 ? "+" : v < 0 ? "−" : "") + Math.abs(v) + "%"; };
  const size = x => Math.abs(Math.round(100 * x)) + "%";
  const unclear = ", not clearly different from zero";
  const why = (e, a, b) => {
    const [n0, n1] = e ? e.n : [0, 0];
    return n0 < 2 || n1 < 2 ? `${n0} ${a} and ${n1} ${b}; each group needs 2` : "a group sold nothing, so no ratio";
  };
  if (!res.n) return {verdict: "unknown", text: "No student has finished both rounds yet: too few students to tell whether this class shows the paradox."};
  let a = null, b = null;
  if (ok(lead)) {
    const x = lead.estimate.estimate;
    a = Math.round(100 * x) === 0
      ? "students who asked for coaching sold about as much in round 2 as those who declined"
      : `students who asked for coaching sold ${size(x)} ${x > 0 ? "more" : "less"} in round 2 than those who declined`;
    if (side(lead) === 0) a += unclear;
  }
  if (ok(coach)) {
    const x = coach.estimate.estimate;
    b = {1: `raised their sales by ${size(x)}`, [-1]: `lowered their sales by ${size(x)}`, 0: `changed their sales by ${signed(x)}${unclear}`}[side(coach)];
  }
  const open = "it is too early to tell whether this class shows the paradox";
  if (!a && !b) {
    const n = e => e ? e.n : [0, 0];
    return {verdict: "unknown", text: `Too few students yet to tell whether this class shows the paradox: each group needs 2 ` +
      `(asked: ${n(lead)[0]}, declined: ${n(lead)[1]}; of those who asked, coached: ${n(coach)[0]}, denied: ${n(coach)[1]}).`};
  }
  if (!b) return {verdict: "unknown", text: `In this class, ${a}; what coaching did for them cannot be told yet (${why(coach, "coached", "denied")}), so ${open}.`};
  if (!a) return {verdict: "unknown", text: `In this class, coaching the students who asked for it ${b}; they cannot yet be compared with those who declined (${why(lead, "asked", "declined")}), so ${open}.`};
  if (side(lead) > 0 && side(coach) <= 0) return {verdict: "yes", text: `In this class, ${a}, and coaching them ${b} — the study's paradox.`};
  return {verdict: "no", text: `In this class, ${a}, and coaching them ${b} — no paradox.`};
}

function keyResult(res) {
  const k = keySentence(res);
  return el("p", {class: "key", id: "key-result", "data-paradox": k.verdict,
    title: "The study's paradox: those who asked for coaching clearly sold more than those who declined, yet coaching them did not clearly raise their sales. " +
      "“Not clearly different from zero”: the 95% interval (in the table) includes 0. The two comparisons are the table's “Opt-ins vs opt-outs (round 2)” and “Opt-ins: coached vs denied (round 2)”."}, k.text);
}

function counts(c) {
  const one = (n, label, title) => el("span", {title}, el("b", {}, n), " " + label);
  return el("div", {class: "counts card", id: "counts"},
    one(c.Joined, "joined", "Students who joined the session"),
    one(c.Round1Done, "round 1 done", "Students whose round 1 is over (12 calls or time up)"),
    one(c.Offered, "answered the offer", "Students who rated themselves and, if asked, answered the offer of coaching"),
    one(c.Round2Done, "round 2 done", "Students whose round 2 is over"),
    one(c.Complete, "complete", "Played both rounds and answered the offer: these enter the results"),
    one(c.Late, "late", "Did not play round 1: joined after it closed, or never started it"),
    one(c.Incomplete, "incomplete", "Did not finish before the reveal: not in the results"));
}

// ci is an estimate with its 95% interval, or a dash where a group has
// too few students for one.
function ci(e, fmt) {
  if (!e || e.estimate == null) return "– too few students";
  return `${fmt(e.estimate)} [${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}]`;
}
// ciCell is ci's text as an estimate and an interval that can wrap onto a
// second line (the cell's text stays ci's).
function ciCell(e, fmt) {
  if (!e || e.estimate == null) return ["– too few students"];
  return [el("span", {class: "est"}, fmt(e.estimate)), " ", el("span", {class: "sub"}, `[${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}]`)];
}
const lift = x => pct(x, true);
const rate = x => pct(x, false);
const pts = x => { let s = x.toFixed(1); if (x >= 0) s = "+" + s; return s.replace("-", "−"); };
const mean = x => x == null ? "–" : x.toFixed(1);

// What each of the study's estimands compares: the first group and the
// second (of the means and n), and the round.
const about = {
  mandatory_lift: {g: ["coached students of the mandatory branch", "students of the mandatory branch not coached"], first: "the coached", second: "the not coached", round: 2,
    what: "What coaching does to a student picked at random: the card's true value in this class."},
  voluntary_lift: {g: ["students who asked and got the coaching", "students who asked and were told no coach was available"], first: "the coached opt-ins", second: "the denied opt-ins", round: 2,
    what: "What coaching does for those who asked for it. In the study about zero: the reps who asked needed it least."},
  optin_vs_optout: {g: ["students who asked for coaching (coached or not)", "students who declined"], first: "those who asked", second: "those who declined", round: 2,
    what: "Whether those who asked sold more (the study: +30%)."},
  optin_vs_optout_round1: {g: ["students who asked for coaching", "students who declined"], first: "those who asked", second: "those who declined", round: 1,
    what: "The same before anyone was coached: a difference here is who chose, not what coaching did."},
};

function meansTitle(e) {
  if (!e.means) return `${e.n[0]} of the ${e.n[1]} students who were offered the choice asked for coaching.`;
  const a = about[e.id];
  if (!a) return `Mean sales of the two groups (${mean(e.means[0])} and ${mean(e.means[1])}) and their sizes (${e.n[0]} and ${e.n[1]}).`;
  return `Mean sales in round ${a.round}, out of 12 calls: ${mean(e.means[0])} for the ${e.n[0]} ${a.g[0]}, ` +
    `${mean(e.means[1])} for the ${e.n[1]} ${a.g[1]}.`;
}

function estTitle(e) {
  if (e.id === "optin_rate") {
    return e.estimate.estimate == null ? "Needs at least 2 students offered the choice." :
      `The share who asked for coaching, ${rate(e.estimate.estimate)}, with its 95% interval (Wilson) in brackets.`;
  }
  const a = about[e.id] || {first: "the first group", second: "the second"};
  if (e.estimate.estimate == null) {
    return e.n[0] < 2 || e.n[1] < 2 ? `Needs at least 2 students in each group; there are ${e.n[0]} and ${e.n[1]}.` : "A group's mean sales is 0, so no ratio can be taken.";
  }
  const x = e.estimate.estimate;
  const first = a.first[0].toUpperCase() + a.first.slice(1);
  return `${first} sold ${pct(Math.abs(x), false)} ${x >= 0 ? "more" : "less"} than ${a.second} (mean over mean, minus 1). ` +
    `In brackets the 95% interval, ${lift(e.estimate.ci95[0])} to ${lift(e.estimate.ci95[1])}: if it includes 0, the difference is not clearly different from zero. ` +
    (a.what || "");
}

function studyTitle(e) {
  return e.published && e.published !== "not published" ? `What the study found with its 603 reps (first two months' revenue): ${e.published}.` : "The study did not publish this number.";
}

// estimandsTable holds the cells the tests read: data-means (the groups'
// mean sales, then their sizes) and data-est (estimate, then interval).
// Each estimand takes two rows, its name above its numbers, so that the
// table fits beside the scatter.
function estimandsTable(res) {
  const est = el("table", {id: "estimands"}, el("tr", {},
    el("th", {class: "num", title: "Mean sales of the two groups compared (out of 12), and how many students are in each"}, "sales (students)"),
    el("th", {class: "num", title: "The class's estimate, with its 95% interval in brackets"}, "class [95%]"),
    el("th", {class: "num", title: "What the study found with its 603 reps"}, "study")));
  for (const e of res.estimands) {
    const f = e.id === "optin_rate" ? rate : lift;
    const means = e.means
      ? [el("span", {class: "nowrap"}, `${mean(e.means[0])} vs ${mean(e.means[1])}`), " ", el("span", {class: "sub"}, `(${e.n[0]} and ${e.n[1]} students)`)]
      : [el("span", {class: "nowrap"}, `${e.n[0]} of ${e.n[1]}`), " ", el("span", {class: "sub"}, "students")];
    est.append(
      el("tr", {class: "name"}, el("th", {colspan: 3, scope: "rowgroup",
        title: (about[e.id] || {}).what || "How many of those offered the choice asked for coaching."}, e.label)),
      el("tr", {class: "values"},
        el("td", {class: "num", "data-means": e.id, title: meansTitle(e)}, ...means),
        el("td", {class: "num ci", "data-est": e.id, title: estTitle(e)}, ...ciCell(e.estimate, f)),
        el("td", {class: "num", title: studyTitle(e)}, e.published)));
  }
  return est;
}

function results(res) {
  if (res.n === 0) return el("div", {class: "card", id: "results"}, el("p", {}, "Results appear here as students finish both rounds."));
  const box = el("div", {id: "results"});
  if (res.small) box.append(el("p", {class: "warn", id: "small"}, `Only ${res.n} students finished: the intervals are wide; differences could be chance.`));
  const more = el("details", {class: "more", id: "more", ontoggle: () => { moreOpen = more.open; }},
    el("summary", {}, "More: self-assessment by thirds, framing, the class's opt-in rule, 603 simulated reps"),
    el("div", {class: "cols"},
      el("div", {}, el("div", {class: "card"}, el("h2", {}, "Self-assessed vs actual share of the class beaten"), rankTable(res)),
        el("div", {class: "card"}, framingTable(res))),
      fitCard(res)));
  more.open = moreOpen;
  box.append(el("div", {class: "main-results"}, el("div", {class: "card", id: "estimands-card"}, estimandsTable(res)), scatterCard(res.scores)), more);
  return box;
}

function rankTable(res) {
  const rank = el("table", {id: "rank"}, el("tr", {},
    el("th", {title: "The class split into thirds by round-1 sales"}, "Round 1"),
    el("th", {class: "num", title: "Students in this third"}, "n"),
    el("th", {class: "num", title: "Mean answer to “what share of the class do you think you beat?”"}, "think they beat"),
    el("th", {class: "num", title: "Mean share of the class they actually beat in round 1 (ties count half)"}, "beat"),
    el("th", {class: "num", title: "Think minus beat, in percentage points, with its 95% interval: above 0 is overconfidence"}, "gap, points")));
  for (const r of res.rank) {
    const self = r.self == null ? "–" : r.self.toFixed(0) + "%", actual = r.actual == null ? "–" : r.actual.toFixed(0) + "%";
    rank.append(el("tr", {},
      el("td", {title: `The ${r.group} of the class by round-1 sales`}, r.group),
      el("td", {class: "num", title: `${r.n} students in the ${r.group}`}, r.n),
      el("td", {class: "num", title: `On average they thought they beat ${self} of the class`}, self),
      el("td", {class: "num", title: `On average they beat ${actual} of the class in round 1`}, actual),
      el("td", {class: "num ci", "data-gap": r.group, title: r.gap.estimate == null ? "Needs at least 2 students in the third." :
        `They thought they beat ${Math.abs(r.gap.estimate).toFixed(1)} points ${r.gap.estimate >= 0 ? "more" : "less"} of the class than they did (95% interval ${pts(r.gap.ci95[0])} to ${pts(r.gap.ci95[1])}). ` +
        "Above 0: overconfident; below 0: they rated themselves lower than they were."}, ...ciCell(r.gap, pts))));
  }
  return rank;
}

function framingTable(res) {
  const fr = el("table", {id: "framing-table"}, el("tr", {},
    el("th", {title: "The share of the voluntary branch who asked for coaching, by how the offer was framed"}, "Opt-in rate by framing"),
    el("th", {class: "num", title: "Asked of those offered the choice; for the difference, the two groups' sizes"}, "n"),
    el("th", {class: "num", title: "With its 95% interval"}, "")));
  for (const e of res.framing) {
    const diff = e.id === "public_minus_private";
    // A framing no one was offered (a private or public session) has no row,
    // and then no difference either: not "0 of 0".
    if (diff ? e.n[0] === 0 || e.n[1] === 0 : e.n[1] === 0) continue;
    const f = diff ? (x => pts(100 * x)) : rate;
    const nTitle = diff ? `${e.n[0]} students offered the choice in public, ${e.n[1]} in private`
      : `${e.n[0]} of the ${e.n[1]} students offered the choice ${e.id === "optin_rate_public" ? "in public" : "in private"} asked for coaching`;
    const vTitle = e.estimate.estimate == null ? "Needs at least 2 students in each framing." : diff
      ? "The public opt-in rate minus the private one, in percentage points, with its 95% interval (Newcombe): does being seen to ask change who asks?"
      : "The opt-in rate with its 95% interval (Wilson)";
    fr.append(el("tr", {}, el("td", {title: diff ? "Does being seen to ask change who asks?" : `Students offered the choice ${e.id === "optin_rate_public" ? "in public (their choice shown on the projector after the reveal)" : "in private"}`}, e.label), el("td", {class: "num", title: nTitle}, diff ? e.n.join(" vs ") : e.n.join(" of ")),
      el("td", {class: "num ci", "data-est": e.id, title: vTitle}, ...ciCell(e.estimate, f))));
  }
  return fr;
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
// they knew it. It is drawn nearly square, to sit beside the estimates.
function scatterCard(points) {
  const W = 460, H = 420, L = 86, R = 14, T = 14, B = 146, fs = 22;
  const maxX = Math.max(12, ...points.map(p => p.r1)); // 12 calls a round
  const pw = W - L - R, ph = H - T - B;
  const px = x => L + pw * x / maxX, py = y => T + ph * (1 - y / 100);
  const plot = svg("svg", {id: "scatter", viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img",
    "aria-label": "Each student's round-1 sales against the share of the class they thought they beat"});
  for (const y of [0, 25, 50, 75, 100]) {
    plot.append(svg("line", {x1: L, x2: W - R, y1: py(y), y2: py(y), stroke: "#ddd"}),
      svg("text", {x: L - 6, y: py(y) + 7, "text-anchor": "end", "font-size": fs}, y + "%"));
  }
  const step = Math.max(1, Math.ceil(maxX / 6));
  for (let x = 0; x <= maxX; x += step) {
    plot.append(svg("text", {x: px(x), y: T + ph + 26, "text-anchor": "middle", "font-size": fs}, x));
  }
  plot.append(svg("text", {x: L + pw / 2, y: T + ph + 54, "text-anchor": "middle", "font-size": fs}, "sales in round 1 →"),
    svg("text", {transform: `translate(22 ${T + ph / 2}) rotate(-90)`, "text-anchor": "middle", "font-size": fs}, "thought they beat →"));
  // Students with the same sales and the same belief would share a
  // mark: they stand side by side instead, centred on their point, within
  // 0.8 of a sale's width (so that no one seems to have sold another
  // number) and inside the plot.
  const spot = p => p.r1 + "," + p.self, many = new Map(), placed = new Map();
  for (const p of points) many.set(spot(p), (many.get(spot(p)) || 0) + 1);
  for (const p of points) {
    const g = groups.find(g => g.arms.includes(p.arm));
    if (!g) continue;
    const k = placed.get(spot(p)) || 0, m = many.get(spot(p));
    placed.set(spot(p), k + 1);
    const gap = Math.min(16, 0.8 * (pw / maxX) / m);
    const x = Math.min(W - R - 7, Math.max(L + 7, px(p.r1) + gap * (k - (m - 1) / 2)));
    plot.append(mark(g, x, py(p.self), p.arm));
  }
  groups.forEach((g, i) => {
    const y = T + ph + 88 + 27 * i;
    plot.append(mark(g, L + 8, y - 7), svg("text", {x: L + 26, y, "font-size": fs},
      `${g.name} (${points.filter(p => g.arms.includes(p.arm)).length})`));
  });
  return el("div", {class: "card", id: "scatter-card",
    title: "One mark per student who finished: their round-1 sales (across) and the share of the class they thought they beat (up). " +
      "Green circles asked for coaching, orange crosses declined, grey dots were in the mandatory branch. " +
      "Crosses on the left are weak sellers who declined: high up, they thought they were doing well (overconfident); low, they knew (insecure)."},
    el("h2", {}, "Who asked for coaching?"), plot);
}

function mark(g, x, y, arm) {
  const a = arm ? {"data-point": arm} : {};
  if (g.shape === "circle") return svg("circle", {cx: x, cy: y, r: 7, fill: g.color, ...a});
  if (g.shape === "dot") return svg("circle", {cx: x, cy: y, r: 4.5, fill: g.color, ...a});
  const d = 7;
  return svg("path", {d: `M${x - d} ${y - d}L${x + d} ${y + d}M${x - d} ${y + d}L${x + d} ${y - d}`, stroke: g.color, "stroke-width": 3.5, ...a});
}

const simLabels = {"mandatory.revenue_lift_2m": "Mandatory lift", "voluntary.optin_rate": "Opt-in rate",
  "voluntary.revenue_lift_2m": "Opt-ins: mentored vs denied", "voluntary.optin_vs_optout_revenue_2m": "Opt-ins vs opt-outs"};
const simTitles = {"mandatory.revenue_lift_2m": "Mentored vs not mentored reps of the mandatory branch: revenue over the first two months",
  "voluntary.optin_rate": "Share of the voluntary branch's simulated reps who ask for a mentor by the class's rule",
  "voluntary.revenue_lift_2m": "Opt-ins given a mentor vs opt-ins denied one: revenue over the first two months",
  "voluntary.optin_vs_optout_revenue_2m": "Reps who asked vs reps who declined: revenue over the first two months"};

function fitCard(res) {
  if (!res.fit) return el("div", {class: "card", id: "fit"}, res.no_fit || "The opt-in rule is fitted once four students of the voluntary branch have finished.");
  const f = res.fit;
  const coef = i => `${f.coef[i] >= 0 ? "+" : "−"}${Math.abs(f.coef[i]).toFixed(2)}`;
  const t = el("table", {id: "sim"}, el("tr", {},
    el("th", {title: "The study's 603 hires simulated, each choosing by the class's opt-in rule"}, "The class as 603 reps"),
    el("th", {class: "num", title: "The simulated study's estimate, with its 95% interval"}, "simulated"),
    el("th", {class: "num", title: "What the study found"}, "study")));
  for (const e of res.sim.estimates) {
    const fm = e.id === "voluntary.optin_rate" ? rate : lift;
    t.append(el("tr", {}, el("td", {title: simTitles[e.id] || e.id}, simLabels[e.id] || e.id),
      el("td", {class: "num ci", "data-sim": e.id, title: "The simulated 603-rep study's estimate, with its 95% interval: what the firm would have seen if its reps chose like this class"}, ...ciCell(e.estimate, fm)),
      el("td", {class: "num", title: "What the study found"}, e.published)));
  }
  return el("div", {class: "card", id: "fit"},
    el("h2", {}, "The class's opt-in rule"),
    el("p", {title: "A logistic regression of asking on the standardised round-1 score and self-assessment, among the students who were asked"},
      `log-odds of asking = ${coef(0)} ${coef(1)}·score ${coef(2)}·self-assessment`,
      el("span", {class: "muted"}, ` (standardised; the ${f.n} students who were offered the choice; logistic regression, lightly penalised)`)),
    t,
    el("p", {class: "muted small"}, `603 simulated reps choose by the class's rule: ability stands for the score (optin_eagerness ${res.sim.params.optin_eagerness.toFixed(2)}, eagerness = ability), self-assessment correlates ${f.corr.toFixed(2)} with it as in the class (optin_need ${res.sim.params.optin_need.toFixed(2)}), optin_base ${res.sim.params.optin_base.toFixed(2)}, no insecurity term; what coaching does to sales stays the study's.`));
}

function roster(rows) {
  const list = el("div", {class: "roster"});
  for (const r of rows) {
    // Each nickname sits in a <bdi>, so that no text in it can reorder
    // the line around it.
    const nick = (names || r.opted_in != null) && r.nickname ? [" ", el("bdi", {}, r.nickname)] : [];
    const choice = r.opted_in == null ? "" : r.opted_in ? ": asked for coaching" : ": declined";
    // A roster's labels are names: shown, like nicknames, only on Show names.
    const label = names && r.label ? [" [", el("bdi", {}, r.label), "]"] : [];
    list.append(el("div", {"data-student": r.student, class: r.excluded ? "excluded" : ""},
      r.student, ...label, ...nick, choice + " – " + r.status, " ", ...controls(r)));
  }
  const pub = rows.filter(r => r.opted_in != null);
  return el("div", {class: "card", id: "roster"},
    el("h2", {}, pub.length ? "Students (public framing: their choices)" : "Students"), list);
}

// controls are the teacher's buttons for one student: end the round they
// are stuck in, or take them out of the analysis (and back), which the
// export records; and, with names shown, free their roster name for a
// student who lost their link to join anew.
function controls(r) {
  const out = [];
  const round = r.status.startsWith("round 1") ? 1 : r.status.startsWith("round 2") ? 2 : 0;
  if (round && !r.excluded) {
    out.push(el("button", {class: "secondary small", "data-end": r.student, title: `End ${r.student}'s round ${round} now (they are stuck or gone); recorded in the export`,
      onclick: () => post("student", {student: r.student, end_round: round})}, `end round ${round}`));
  }
  out.push(el("button", {class: "secondary small", "data-exclude": r.student,
    title: r.excluded ? `Put ${r.student} back into the analysis` : `Leave ${r.student} out of the class's results; recorded in the export`,
    onclick: () => post("student", {student: r.student, exclude: !r.excluded})}, r.excluded ? "include" : "remove"));
  if (names && r.label) {
    out.push(el("button", {class: "secondary small", "data-release": r.student,
      title: `Free the name ${r.label} for a student who lost their link, to join again (${r.student} keeps its answers, without the name)`,
      onclick: () => post("student", {student: r.student, release_label: true})}, "free name"));
  }
  return out;
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
