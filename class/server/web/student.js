"use strict";
// The student's page: join, play round 1, assess yourself, answer the
// offer, play round 2, see your own result. The token that keeps the
// student's place lives in localStorage and in the "continue" link.

const code = sessionCode();
const key = "mentorsim-class-" + code;
const app = document.getElementById("app");
let token = null, view = null, deadline = 0, tick = null, editing = false, last = null;
// reoffer: "Change my answers" asks the offer again after the
// self-assessment (the server's view still holds the old choice).
let reoffer = false;

// Screens that hold what a student is entering are never rebuilt under
// them: a refresh that lands on the same screen leaves it as it is.
const holdsInput = new Set(["code", "join", "assess"]);

function show(screen, ...kids) {
  if (app.dataset.screen === screen && holdsInput.has(screen) && app.firstChild) return;
  app.dataset.screen = screen;
  app.replaceChildren(...kids);
}

// draft keeps what a student has entered but not yet sent (the nickname,
// the self-assessment) in localStorage, so that neither a refresh, a
// reload nor a server restart loses it.
const draft = {
  get: name => localStorage.getItem(key + "-draft-" + name),
  set: (name, v) => localStorage.setItem(key + "-draft-" + name, v),
  drop: name => localStorage.removeItem(key + "-draft-" + name),
};

function fatal(e) {
  clearInterval(tick); // a round's countdown must not replace the error when it runs out
  show("error", el("div", {class: "card"}, el("p", {class: "error"}, e.message),
    el("button", {onclick: () => location.reload()}, "Try again")));
}

async function refresh() {
  await fetchView();
  // Counted for the tests, which wait for refreshes rather than for time.
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
}

async function fetchView() {
  if (!token) return render();
  try {
    view = await api("GET", `/api/s/${code}/me`, undefined, token);
  } catch (e) {
    if (e.status === 401) { localStorage.removeItem(key); token = null; return render(); }
    return fatal(e);
  }
  render();
}

async function act(path, body) {
  try {
    view = await api("POST", `/api/s/${code}/${path}`, body, token);
    editing = false;
    if (path === "choose") reoffer = false;
    render();
    return true;
  } catch (e) { fatal(e); return false; }
}

function render() {
  clearInterval(tick);
  if (!code) return askCode();
  if (!token) return joinScreen();
  const v = view, r1 = v.rounds[0], r2 = v.rounds[1];
  if (v.phase === "revealed") return resultScreen(v);
  if (v.status === "late") return show("late", card(el("h1", {}, "Round 1 is closed"),
    el("p", {}, (v.joined_phase === "lobby" || v.joined_phase === "round1"
      ? "Round 1 closed before you started it" : "You joined after round 1 ended")
      + ", so you cannot take part this time. Watch the projector!")));
  if (v.phase === "lobby") return show("lobby", card(el("h1", {}, "You're in"),
    el("p", {}, "Wait for your teacher to start round 1."), who(v)));
  if (!r1.started) return intro(1, v);
  if (!r1.done) return calls(1, v);
  if (v.self_assessment == null || editing) return assessScreen(v);
  if (v.asked && (v.opted_in == null || reoffer && v.phase === "round1")) return offerScreen(v);
  if (v.phase === "round1") return waitRound2(v);
  if (!r2.started) return intro(2, v);
  if (!r2.done) return calls(2, v);
  show("done", card(el("h1", {}, "Done!"), el("p", {}, `You made ${r2.score} sales in round 2.`),
    el("p", {}, "Wait for your teacher to reveal the class's results.")));
}

// duration says a round's length in words: "1 minute", "90 seconds".
function duration(seconds) {
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  return seconds === 60 ? "1 minute" : `${seconds / 60} minutes`;
}

function card(...kids) { return el("div", {class: "card"}, ...kids); }

function who(v) {
  const link = `${location.origin}/j/${code}#s=${token}`;
  const names = [v.label, v.nickname].filter(Boolean).flatMap((n, i) => [i ? ", " : " (", el("bdi", {}, n)]);
  const nick = names.length ? [...names, ")"] : [];
  return el("p", {class: "muted"}, `You are ${v.student}`, ...nick, ". To continue on another device, open ",
    el("a", {href: link, id: "continue"}, "this link"), " there (keep it to yourself).");
}

function askCode() {
  const input = el("input", {type: "text", id: "code", maxlength: "6", placeholder: "code"});
  show("code", card(el("h1", {}, "Join the class experiment"), input,
    el("p", {}, el("button", {onclick: () => { location.href = "/j/" + encodeURIComponent(input.value.trim().toUpperCase()); }}, "Join"))));
}

function joinScreen() {
  const nick = el("input", {type: "text", id: "nickname", maxlength: "32", placeholder: "nickname (optional)"});
  nick.value = draft.get("nickname") || "";
  nick.oninput = () => draft.set("nickname", nick.value);
  const err = el("p", {class: "error"});
  const go = el("button", {id: "join"}, "Join");
  // With a roster, the student picks their label from those not yet taken.
  const pick = el("select", {id: "label", hidden: ""});
  const intro = el("p", {id: "joinintro"}, "No account and no name needed. A nickname is optional; only your teacher sees it, unless your offer says otherwise.");
  api("GET", `/api/s/${code}/labels`, undefined, null).then(l => {
    if (!l.roster) return;
    pick.replaceChildren(el("option", {value: ""}, "pick your name"), ...l.labels.map(x => el("option", {value: x}, x)));
    pick.value = draft.get("label") || "";
    pick.hidden = false;
    intro.textContent = "Pick your name from your teacher's list; no account needed. A nickname is optional; only your teacher sees it, unless your offer says otherwise.";
  }).catch(e => { // a mistyped or deleted code says so before the student types anything
    if (e.status === 404) err.textContent = `There is no session ${code}: check the code with your teacher.`;
  });
  pick.onchange = () => draft.set("label", pick.value);
  go.onclick = async () => {
    if (!pick.hidden && !pick.value) {
      err.textContent = "Pick your name from the list first.";
      return;
    }
    go.disabled = true;
    try {
      // The token is drawn here and kept until the join succeeds, so that a
      // join sent again (a lost answer, a reload) finds the same student.
      let pending = localStorage.getItem(key + "-pending");
      if (!pending) {
        const b = crypto.getRandomValues(new Uint8Array(24));
        pending = btoa(String.fromCharCode(...b)).replace(/\+/g, "-").replace(/\//g, "_");
        localStorage.setItem(key + "-pending", pending);
      }
      const body = {nickname: nick.value, token: pending};
      if (!pick.hidden) body.label = pick.value;
      const j = await api("POST", `/api/s/${code}/join`, body, null);
      token = j.token;
      localStorage.setItem(key, token);
      localStorage.removeItem(key + "-pending");
      draft.drop("nickname");
      draft.drop("label");
      refresh();
    } catch (e) {
      localStorage.removeItem(key + "-pending"); // refused: the next try is a new join, with a new token
      err.textContent = e.message;
      go.disabled = false;
    }
  };
  show("join", card(el("h1", {}, "Join session " + code), intro, pick, nick, el("p", {}, go), err));
}

function intro(r, v) {
  const kids = [el("h1", {}, `Round ${r}: the sales calls`)];
  if (r === 1) {
    kids.push(el("p", {}, `You are a new sales rep. You have ${duration(v.round_seconds)} for ${12} calls. For each customer, pick a pitch: a discount, a demo or a story. Different customers respond to different pitches; you will see after each call whether you made the sale. Your score is your number of sales.`));
  } else {
    kids.push(el("p", {}, "Same job, new customers."));
    kids.push(coachNote(v));
  }
  kids.push(el("p", {}, el("button", {id: "start", onclick: () => act("start", {round: r})}, `Start round ${r}`)));
  show("intro" + r, card(...kids));
}

function coachNote(v) {
  if (v.coaching === "card") return el("div", {class: "card coach", id: "card"}, el("b", {}, "Your coaching card: "), v.card);
  if (v.coaching === "no_coach") return el("div", {class: "card", id: "nocoach"}, "Sorry: no coach is available for you.");
  // The mandatory branch's uncoached were told they would find out now.
  if (v.coaching === "none" && v.branch === "mandatory") return el("div", {class: "card", id: "nocard"}, "Your firm has not given you a coaching card.");
  return el("div", {id: "nocard"});
}

function calls(r, v) {
  const rv = v.rounds[r - 1];
  let c = 0;
  while (c < 12 && rv.answers[c]) c++;
  if (c >= 12 || !rv.items) return refresh();
  deadline = Date.now() + rv.remaining_ms;
  const item = rv.items[c];
  const bar = el("div", {});
  const timer = el("div", {class: "timer", role: "progressbar", "aria-label": "time left in the round"}, bar);
  const timeLeft = el("span", {class: "muted", id: "timeleft"});
  const buttons = ["discount", "demo", "story"].map(p => el("button", {"data-pitch": p}, p[0].toUpperCase() + p.slice(1)));
  buttons.forEach(b => b.onclick = () => answer(r, c, b.dataset.pitch, buttons));
  const lastLine = last && last.round === r ? el("p", {id: "last", class: last.sale ? "sale" : "nosale"},
    `Call ${last.call + 1}: ${last.sale ? "Sale!" : "No sale."}`) : el("p", {id: "last"}, "\u00a0");
  show("calls" + r,
    r === 2 && v.coaching === "card" ? coachNote(v) : "",
    card(el("div", {class: "row"}, el("b", {}, `Round ${r} · call ${c + 1} of 12`), el("span", {class: "muted", id: "score"}, `${rv.score} ${rv.score === 1 ? "sale" : "sales"} so far`)),
      timer, el("div", {class: "row"}, lastLine, timeLeft),
      el("div", {id: "call", "data-round": r, "data-call": c},
        el("p", {class: "big", id: "customer"}, item.name),
        el("p", {}, "Job: ", el("b", {id: "job"}, item.job), ` · ${item.mood}`),
        el("p", {}, el("i", {}, "“" + item.line + "”"))),
      el("div", {class: "pitches"}, ...buttons)));
  const total = v.round_seconds * 1000;
  const update = () => {
    const left = deadline - Date.now();
    bar.style.width = Math.max(0, 100 * left / total) + "%";
    const s = Math.max(0, Math.ceil(left / 1000));
    timeLeft.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} left`;
    timer.setAttribute("aria-valuenow", String(Math.round(100 * Math.max(0, left) / total)));
    timer.setAttribute("aria-valuetext", timeLeft.textContent);
    if (left <= 0) { clearInterval(tick); refresh(); }
  };
  update();
  tick = setInterval(update, 250);
}

async function answer(r, c, pitch, buttons) {
  buttons.forEach(b => b.disabled = true);
  try {
    const a = await api("POST", `/api/s/${code}/answer`, {round: r, call: c, pitch}, token);
    // Another tab of this student answered the call first, with another
    // pitch: its result is not this pitch's, so say none and catch up.
    if (a.pitch !== pitch) { last = null; return refresh(); }
    const rv = view.rounds[r - 1];
    rv.answers[c] = {pitch: a.pitch, sale: a.sale};
    rv.score = a.score;
    rv.remaining_ms = deadline - Date.now();
    last = {round: r, call: c, sale: a.sale};
    if (a.answered >= 12) return refresh();
    render();
  } catch (e) {
    if (e.status === 409) return refresh(); // time is up or the round closed
    fatal(e);
  }
}

function assessScreen(v) {
  const kept = draft.get("share");
  const start = kept != null ? Number(kept) : v.self_assessment == null ? 50 : v.self_assessment;
  const out = el("b", {id: "share-out"}, start + "%");
  const range = el("input", {type: "range", id: "share", min: "0", max: "100", step: "1", value: String(start)});
  range.oninput = () => { out.textContent = range.value + "%"; draft.set("share", range.value); };
  show("assess", card(el("h1", {}, "Round 1 is over"), el("p", {}, `You made ${v.rounds[0].score} sales out of 12.`),
    el("p", {}, "Before you see anyone's score: what share of the class do you think you beat?"),
    range, el("p", {class: "big center"}, out),
    el("button", {id: "assess", onclick: () => act("assess", {share: Number(range.value)}).then(ok => ok && draft.drop("share"))}, "Submit")));
}

function offerScreen(v) {
  const kids = [el("h1", {}, "An offer"),
    el("p", {}, "Before round 2 you can ask for a coaching card: a short tip from an experienced rep. Would you like one?")];
  if (v.public) kids.push(el("p", {class: "warn", id: "public"}, "Your choice will be shown on the projector."));
  kids.push(el("div", {class: "row"},
    el("button", {id: "optin-yes", onclick: () => act("choose", {optin: true})}, "Yes, coach me"),
    el("button", {id: "optin-no", class: "secondary", onclick: () => act("choose", {optin: false})}, "No, thanks")));
  show("offer", card(...kids));
}

function waitRound2(v) {
  let decided;
  if (v.branch === "mandatory") {
    decided = "Your firm has decided who gets coaching before round 2; you will find out when it starts.";
  } else {
    decided = `You said ${v.opted_in ? "yes" : "no"} to the coaching card.`;
  }
  show("wait2", card(el("h1", {}, "Thanks!"), el("p", {}, `You think you beat ${v.self_assessment}% of the class. ${decided}`),
    el("p", {}, "Wait for your teacher to start round 2."),
    el("button", {class: "secondary", id: "change", onclick: () => { editing = true; reoffer = v.asked; render(); }}, "Change my answers"),
    who(v)));
}

function resultScreen(v) {
  const res = v.result;
  if (!res || !res.complete) return show("result", card(el("h1", {}, "The results are out"),
    el("p", {}, res && res.removed ? "Your teacher left your answers out of the class's results. Look at the projector!"
      : "You did not finish both rounds, so you are not in the class's results. Look at the projector!")));
  const arms = {mandatory_coached: "You were in the mandatory branch and were given the coaching card.",
    mandatory_control: "You were in the mandatory branch and were not coached.",
    optin_coached: "You asked for coaching and got the card.",
    optin_denied: "You asked for coaching, but no coach was available (chosen at random).",
    optout: "You said no to coaching."};
  const beat = x => x == null ? "–" : Math.round(x) + "%";
  show("result", card(el("h1", {}, "Your results"),
    el("table", {},
      el("tr", {}, el("th", {}, ""), el("th", {class: "num"}, "Round 1"), el("th", {class: "num"}, "Round 2")),
      el("tr", {}, el("td", {}, "Sales"), el("td", {class: "num", id: "r1"}, res.round1), el("td", {class: "num", id: "r2"}, res.round2)),
      el("tr", {}, el("td", {}, "Share of the class you beat"), el("td", {class: "num", id: "b1"}, beat(res.beaten1)), el("td", {class: "num", id: "b2"}, beat(res.beaten2)))),
    el("p", {}, `You thought you beat ${v.self_assessment}% of the class.`),
    el("p", {id: "arm"}, arms[res.arm] || ""),
    el("p", {class: "muted"}, `${res.n} students finished both rounds.`)));
}

token = takeToken(key, "s");
if (code) listen(code, false, refresh);
refresh();
