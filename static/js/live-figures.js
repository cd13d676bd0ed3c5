/* Live figures: on a dashboard or a trajectory page, swap in the server-rendered
   figures when a change is announced over the websocket (see live.js), and every
   60 seconds while the socket is closed or the channel layer is down. Without this
   script the page shows the same figures, as of its loading. */
(function () {
  "use strict";
  var box = document.getElementById("live-figures");
  if (!box || !box.dataset.fragmentUrl || !window.fetch || !window.TrajectoiresLive) { return; }
  var FALLBACK_MS = 60000;
  var loading = false;
  var again = false;

  function show(html) {
    /* merged in place, focus and unsubmitted choices kept (live-swap.js); one short
       polite message per burst rather than the whole region read aloud */
    var live = window.TrajectoiresLive;
    if (live.swap(box, html)) { live.announce(box.dataset.liveMessage); }
  }

  function refresh(event) {
    /* the websocket brought the figures along: no request to send */
    if (event && event.detail && typeof event.detail.html === "string") {
      show(event.detail.html);
      return;
    }
    if (loading) { again = true; return; }
    loading = true;
    box.setAttribute("aria-busy", "true");
    window.fetch(box.dataset.fragmentUrl, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(show).catch(function () {
      /* keep the figures on screen; the next change or tick tries again */
    }).then(function () {
      loading = false;
      box.setAttribute("aria-busy", "false");
      if (again) { again = false; refresh(null); }
    });
  }

  document.addEventListener("trajectoires:changed", refresh);
  window.setInterval(function () {
    if (document.body.dataset.liveSocket !== "open") { refresh(null); }
  }, FALLBACK_MS);
})();
