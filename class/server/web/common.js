"use strict";
// Helpers shared by the student's and the teacher's pages. Text from the
// server (nicknames above all) only ever goes into textContent.

// el makes an element: el("p", {class: "x"}, "text", child, ...).
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e[k] = v; else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k instanceof Node ? k : String(k));
  return e;
}

// api calls the server. Network failures and server errors 5xx are retried
// (every request is idempotent), so a restart or lost Wi-Fi only delays;
// other errors are thrown with the server's message.
async function api(method, path, body, token) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers["Authorization"] = "Bearer " + token;
  for (let attempt = 0; ; attempt++) {
    let r;
    try {
      r = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    } catch (e) { r = null; }
    if (r && r.status < 500 && r.status !== 429) {
      netStatus("");
      const v = r.headers.get("Content-Type").startsWith("application/json") ? await r.json() : await r.text();
      if (!r.ok) { const e = new Error(v.error || v); e.status = r.status; throw e; }
      return v;
    }
    netStatus("Reconnecting…");
    await new Promise(res => setTimeout(res, Math.min(5000, 300 * 2 ** attempt)));
  }
}

function netStatus(s) { const n = document.getElementById("net"); if (n) n.textContent = s; }

// listen calls f whenever the session changes (server-sent events; the
// browser reconnects by itself) and every 20 s in case a notice was missed
// (or every ?refresh= milliseconds, at least 200, for tests).
function listen(code, all, f) {
  const es = new EventSource("/api/s/" + encodeURIComponent(code) + "/events" + (all ? "?all=1" : ""));
  es.addEventListener("change", () => f());
  const every = Number(new URLSearchParams(location.search).get("refresh"));
  setInterval(f, every >= 200 ? every : 20000);
  // A server at its cap of streams refuses one (503), and the browser does
  // not retry: poll every 5 s instead.
  let polling = false;
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED && !polling) { polling = true; setInterval(f, 5000); }
  };
}

// pct formats a share as a signed percentage with one decimal.
function pct(x, signed) {
  if (x == null) return "–";
  let s = (100 * x).toFixed(1);
  if (signed && x >= 0) s = "+" + s;
  return s.replace("-", "−") + "%";
}

// sessionCode is the session's code in the page's address (/j/CODE, /t/CODE).
function sessionCode() { return (location.pathname.split("/")[2] || "").toUpperCase(); }

// takeToken moves a token from the address's #letter=… into localStorage
// under key, so that it leaves the address bar, and returns the one stored.
function takeToken(key, letter) {
  const m = location.hash.match(new RegExp("[#&]" + letter + "=([A-Za-z0-9_-]+)"));
  if (m) { localStorage.setItem(key, m[1]); history.replaceState(null, "", location.pathname); }
  return localStorage.getItem(key);
}
