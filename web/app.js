// Starts mentorsim.wasm (the Ebitengine app) with the Go distribution's
// wasm_exec.js, shows its progress, and shows any failure instead of a
// blank page. The introduction card can be hidden; that is remembered.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const about = $("about");
  const aboutOpen = $("about-open");
  const status = $("status");
  const statusText = $("status-text");
  const bar = $("status-bar");
  const STORE = "mentorsim.about";

  // The last lines the program wrote to stderr (a Go panic says why there).
  const stderrLines = [];
  let stderrPart = "";

  // webPage is what a student can do when a web page came instead of the
  // app: a Wi-Fi sign-in or a login page in front of the site.
  const webPage = "The network sent a web page instead of the simulator: perhaps a Wi-Fi sign-in or a login page. " +
    "Open any web page to sign in, then reload this one.";
  // isWebPage reports whether a response for the app is a web page.
  const isWebPage = (res) => /text\/html/i.test(res.headers.get("Content-Type") || "");

  // explain says, in words a student can act on, what a failure the
  // browser reports in its own words means, or "" if it is none of these.
  function explain(said) {
    // Chrome: "expected magic word"; Firefox: "magic number"; Safari: "\0asm".
    if (/expected magic word|magic number|\\0asm/i.test(said)) return webPage;
    if (/webgl|getContext/i.test(said)) {
      return "This browser could not start WebGL, which the simulator draws with. Turn on hardware acceleration " +
        "(or WebGL) in the browser's settings, or open the link in another browser.";
    }
    return "";
  }

  let failed = false;
  function fail(message, detail, title) {
    if (failed) return;
    failed = true;
    show("");
    const why = explain([message, detail, ...stderrLines, stderrPart].join("\n"));
    if (why) { // the browser's own words go below, for whoever helps
      detail = detail ? message + "\n" + detail : message;
      message = why;
    }
    if (title) $("error-title").textContent = title;
    $("error-message").textContent = message;
    const lines = [...stderrLines, stderrPart];
    if (detail) lines.unshift(detail);
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    if (lines.length > 0) {
      $("error-detail").textContent = lines.join("\n");
      $("error-detail").hidden = false;
    }
    if (about.open) about.close();
    about.hidden = true;
    aboutOpen.hidden = true;
    $("error").hidden = false;
    $("error-reload").focus();
  }
  $("error-reload").addEventListener("click", () => location.reload());
  // The app may call this to show a fatal error of its own on the page.
  globalThis.mentorsimShowError = (message) => {
    const started = document.querySelector("body > canvas") !== null;
    fail(String(message), "", started ? "The simulator stopped" : undefined);
  };

  // The introduction: a modal dialog, so that keys and clicks go to it and
  // not to the app behind (Enter or Space on its focused button, or Esc,
  // closes it). It opens on a first visit, but not from a lesson's link (a
  // teacher's), and the About button (the app's, or #about-open) brings it
  // back.
  function remember(value) {
    try { localStorage.setItem(STORE, value); } catch (e) { /* private mode */ }
  }
  function showAbout() {
    if (failed) return;
    about.hidden = false;
    aboutOpen.hidden = true;
    if (!about.open) about.showModal();
    $("about-go").focus();
  }
  function hideAbout() {
    if (about.open) about.close(); // see the close event
  }
  about.addEventListener("close", () => {
    about.hidden = true;
    if (failed) return;
    aboutOpen.hidden = false;
    remember("hidden");
    const canvas = document.querySelector("body > canvas");
    if (canvas) canvas.focus(); // so the app's keyboard shortcuts work
  });
  // A click outside the card, on the dimmed page, closes it too (the
  // page's backdrop is the dialog's).
  about.addEventListener("click", (e) => {
    const r = about.getBoundingClientRect();
    const outside = e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom;
    if (e.target === about && outside) hideAbout();
  });
  $("about-close").addEventListener("click", hideAbout);
  $("about-go").addEventListener("click", hideAbout);
  // The lesson from its first step, with the link's seed (the app's
  // Lesson button and key l do the same once the intro is closed).
  $("about-lesson").addEventListener("click", () => {
    const q = new URLSearchParams(location.search);
    q.set("lesson", "1");
    remember("hidden");
    location.search = q.toString();
  });
  globalThis.mentorsimShowAbout = () => { remember("shown"); showAbout(); };
  aboutOpen.addEventListener("click", globalThis.mentorsimShowAbout);
  let hidden = new URLSearchParams(location.search).has("lesson");
  try { hidden = hidden || localStorage.getItem(STORE) === "hidden"; } catch (e) { /* private mode */ }
  if (hidden) aboutOpen.hidden = false; else showAbout();

  if (location.protocol === "file:") {
    fail("This page must be opened through a web server, not as a file. In the repository run `make serve` and open the address it prints.");
    return;
  }
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    fail("This browser cannot run WebAssembly. Try a current version of Firefox, Chrome, Safari or Edge.");
    return;
  }
  if (typeof Go !== "function" || !globalThis.fs) {
    fail("wasm_exec.js did not load. It is copied from the Go distribution when the page is built: run `make serve` in the repository.");
    return;
  }

  // Keep a copy of what the program writes to stderr; it still goes to the console.
  const writeSync = globalThis.fs.writeSync.bind(globalThis.fs);
  const decoder = new TextDecoder("utf-8");
  globalThis.fs.writeSync = (fd, buf) => {
    if (fd === 2) {
      const lines = (stderrPart + decoder.decode(buf)).split("\n");
      stderrPart = lines.pop();
      stderrLines.push(...lines);
      stderrLines.splice(0, Math.max(0, stderrLines.length - 40));
    }
    return writeSync(fd, buf);
  };

  // show puts text in the status line with the loading bar at fraction (0
  // to 1), moving for an unknown fraction (NaN), or without the bar
  // (undefined); "" hides the status line.
  function show(text, fraction) {
    statusText.textContent = text;
    status.hidden = text === "";
    bar.hidden = fraction === undefined;
    if (Number.isNaN(fraction)) bar.removeAttribute("value");
    else if (fraction !== undefined) bar.value = fraction;
  }

  // bodySize is the app's size in bytes as its body arrives, or NaN where
  // the server does not say: Content-Length counts the bytes sent, which are
  // the body's only when they are not encoded (python3 -m http.server);
  // mentorsim serve, which gzips, also sends the size before compression.
  function bodySize(res) {
    const size = (header) => {
      const n = Number(res.headers.get(header) || NaN);
      return n > 0 ? n : NaN;
    };
    const encoding = (res.headers.get("Content-Encoding") || "identity").toLowerCase();
    return encoding === "identity" ? size("Content-Length") : size("X-Uncompressed-Length");
  }

  // The response, showing the megabytes received as they arrive, and the
  // fraction of the whole when its size is known.
  function withProgress(res) {
    if (!res.body || typeof ReadableStream !== "function") return res;
    const total = bodySize(res);
    const mb = (n) => (n / 1e6).toFixed(1);
    const reader = res.body.getReader();
    let received = 0, last = Date.now();
    // A download that stops (a dropped Wi-Fi) says so, rather than
    // "Loading…" for ever.
    const watch = setInterval(() => {
      const quiet = Math.round((Date.now() - last) / 1000);
      if (quiet >= 20 && !failed) {
        show(`The download has stalled for ${quiet} s at ${mb(received)} MB: check the connection, then reload the page.`, NaN);
      }
    }, 5000);
    const stream = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        last = Date.now();
        if (done) {
          clearInterval(watch);
          controller.close();
          show("Starting the simulator…", NaN);
          return;
        }
        received += value.byteLength;
        if (Number.isNaN(total)) show(`Loading the simulator… ${mb(received)} MB`, NaN);
        else show(`Loading the simulator… ${mb(received)} of ${mb(total)} MB`, Math.min(1, received / total));
        controller.enqueue(value);
      },
      cancel(reason) { clearInterval(watch); return reader.cancel(reason); },
    });
    return new Response(stream, { headers: { "Content-Type": "application/wasm" } });
  }

  // gunzipped is res with its body decompressed if it is gzip (by its magic
  // bytes): a static host such as python3 -m http.server sends
  // mentorsim.wasm.gz as it is, while one that sets Content-Encoding has
  // the browser decompress it already.
  async function gunzipped(res) {
    const reader = res.body.getReader();
    const first = await reader.read();
    const head = first.done ? new Uint8Array() : first.value;
    const body = new ReadableStream({
      start(c) { if (first.done) c.close(); else c.enqueue(head); },
      async pull(c) {
        const { done, value } = await reader.read();
        if (done) c.close(); else c.enqueue(value);
      },
      cancel(reason) { return reader.cancel(reason); },
    });
    const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    return new Response(gzip ? body.pipeThrough(new DecompressionStream("gzip")) : body,
      { headers: { "Content-Type": "application/wasm" } });
  }

  // fetchApp fetches the app: mentorsim.wasm.gz where the site ships it and
  // the browser can decompress (a quarter of the bytes from any static
  // host), else mentorsim.wasm, which mentorsim serve compresses itself.
  async function fetchApp() {
    if (typeof DecompressionStream === "function" && typeof ReadableStream === "function") {
      try {
        const gz = await fetch("mentorsim.wasm.gz");
        if (gz.ok && gz.body && !isWebPage(gz)) return gunzipped(withProgress(gz));
      } catch (e) { /* fall back to the plain file */ }
    }
    return null;
  }

  async function instantiate(res, importObject) {
    if (typeof WebAssembly.instantiateStreaming === "function") {
      return WebAssembly.instantiateStreaming(res, importObject);
    }
    return WebAssembly.instantiate(await res.arrayBuffer(), importObject);
  }

  // Hide the status once the app is up (wasm/api.go sets mentorsimReady)
  // or at least Ebitengine has put its canvas on the page.
  function whenReady(f) {
    const look = () => {
      if (failed) return;
      if (globalThis.mentorsimReady === true || document.querySelector("body > canvas")) f();
      else requestAnimationFrame(look);
    };
    look();
  }

  async function start() {
    const go = new Go();
    go.exit = (code) => {
      if (code === 0) return;
      const started = document.querySelector("body > canvas") !== null;
      const said = stderrLines.length > 0 ? "Its last words are below; the browser console has them all." : "The browser console may say why.";
      fail(`The simulator stopped with exit code ${code}. ${said}`, "", started ? "The simulator stopped" : undefined);
    };
    let res = await fetchApp();
    if (!res) {
      try {
        res = await fetch("mentorsim.wasm");
      } catch (e) {
        fail(`Could not fetch mentorsim.wasm (${e.message}). Is the server (make serve) still running?`);
        return;
      }
      if (!res.ok) {
        const hint = res.status === 404 ? " It is built by `make serve` (or `make web`)." : "";
        fail(`Could not fetch mentorsim.wasm: HTTP ${res.status} ${res.statusText}.${hint}`);
        return;
      }
      if (isWebPage(res)) { // a captive portal's page, whatever the browser would say of it
        fail(webPage, `mentorsim.wasm came back as ${res.headers.get("Content-Type")} from ${res.url}`);
        return;
      }
      res = withProgress(res);
    }
    const { instance } = await instantiate(res, go.importObject);
    performance.mark("mentorsim:compiled"); // downloaded and compiled (streaming: the two overlap)
    show("Starting the simulator…", NaN);
    whenReady(() => show(""));
    performance.mark("mentorsim:main");
    await go.run(instance); // returns when the program exits
    if (!failed && go.exited) show("The simulator has stopped. Reload the page to start again.");
  }

  start().catch((e) => {
    console.error(e);
    fail(`The simulator failed: ${e && e.message ? e.message : e}`, e && e.stack ? String(e.stack) : "");
  });
})();
