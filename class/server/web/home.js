"use strict";
// The home page: a teacher starts a session; a student types a code.
document.getElementById("create").onclick = async () => {
  const err = document.getElementById("err");
  err.textContent = "";
  try {
    const r = await fetch("/api/sessions", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(sessionRequest())});
    const v = await r.json();
    if (!r.ok) throw new Error(v.error);
    localStorage.setItem("mentorsim-teacher-" + v.session, v.teacher_token);
    location.href = v.teacher_url;
  } catch (e) { err.textContent = e.message; }
};
document.getElementById("go").onclick = () => {
  const c = document.getElementById("code").value.trim().toUpperCase();
  if (c) location.href = "/j/" + encodeURIComponent(c);
};

// sessionRequest is the new session's settings: the framing and, if given,
// a room and a roster (one label a line).
function sessionRequest() {
  const req = {framing: document.getElementById("framing").value};
  const room = document.getElementById("room").value.trim();
  const roster = document.getElementById("roster").value.split("\n").map(x => x.trim()).filter(x => x);
  if (room) req.room = room;
  if (roster.length) req.roster = roster;
  return req;
}
