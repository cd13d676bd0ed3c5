/* The maturity grid on a trajectory page: when a grid changes (announced over the
   websocket, see live.js) re-read the server-rendered section and swap it in; every
   60 seconds while the socket is closed. Without this script the section shows the
   grid as of the page's loading. */
(function () {
  "use strict";
  var box = document.getElementById("maturite");
  if (!box || !box.dataset.fragmentUrl || !window.fetch) { return; }
  /* this script may run before live-swap.js (its tag comes first in the page) */
  function live() { return window.TrajectoiresLive; }
  var FALLBACK_MS = 60000;
  var loading = false;
  var again = false;

  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    box.setAttribute("aria-busy", "true");
    window.fetch(box.dataset.fragmentUrl, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      /* merged in place, focus and unsubmitted choices kept (live-swap.js) */
      if (live().swap(box, html)) { live().announce(box.dataset.liveMessage); }
    }).catch(function () {
      /* keep the section on screen; the next change or tick tries again */
    }).then(function () {
      loading = false;
      box.setAttribute("aria-busy", "false");
      if (again) { again = false; refresh(); }
    });
  }

  document.addEventListener("trajectoires:changed", function (event) {
    if (event.detail && event.detail.kind === "maturity_assessment") { refresh(); }
  });
  window.setInterval(function () {
    if (document.body.dataset.liveSocket !== "open") { refresh(); }
  }, FALLBACK_MS);
})();
