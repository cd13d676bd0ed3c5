/* Live notices: when a record the user may see changes elsewhere, say so politely
   and offer to reload. Pages work the same without it (no websocket, no script). */
(function () {
  "use strict";
  var notice = document.getElementById("live-notice");
  if (!notice || !("WebSocket" in window) || !document.body.dataset.live) { return; }
  var follow = {};
  var eric = document.querySelector("[data-live-eric]");
  if (eric) { follow.eric = parseInt(eric.dataset.liveEric, 10); }
  var programme = document.querySelector("[data-live-programme]");
  if (programme) { follow.programme = parseInt(programme.dataset.liveProgramme, 10); }
  /* Pages whose figures refresh themselves (live-figures.js) need no reload notice. */
  var selfRefreshing = !!document.querySelector("[data-fragment-url]");
  var retries = 0;
  /* Said when the live connection is lost (Redis or the server down): the figures then
     refresh every minute (live-figures.js); other pages say to reload. */
  var offline = document.getElementById("live-offline");
  var MAX_DELAY_MS = 60000;

  function showOffline() {
    if (!offline || !offline.hidden) { return; }
    offline.textContent = selfRefreshing ? offline.dataset.figures : offline.dataset.page;
    offline.hidden = false;
  }

  function hideOffline() {
    if (offline) { offline.hidden = true; }
  }

  function show() {
    /* already on screen: saying it again for each change would only be noise */
    if (!notice.hidden) { return; }
    notice.textContent = notice.dataset.message + " ";
    var link = document.createElement("a");
    link.href = window.location.href;
    link.textContent = notice.dataset.reload;
    notice.appendChild(link);
    notice.hidden = false;
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/changes/");
    socket.addEventListener("open", function () {
      var reopened = document.body.dataset.liveSocket === "closed";
      retries = 0;
      document.body.dataset.liveSocket = "open";
      hideOffline();
      if (follow.eric || follow.programme) { socket.send(JSON.stringify({ follow: follow })); }
      /* ask for this page's figures with each change (live-figures.js swaps them in) */
      var figures = document.getElementById("live-figures");
      if (figures && figures.dataset.fragmentKind) {
        socket.send(JSON.stringify({ fragment: {
          kind: figures.dataset.fragmentKind,
          programme: follow.programme,
          accompaniment: parseInt(figures.dataset.fragmentAccompaniment, 10) || undefined,
          page: figures.dataset.fragmentPage,
          etat: figures.dataset.fragmentEtat
        } }));
      }
      /* changes made while the socket was down were not announced: catch up once */
      if (reopened) {
        document.dispatchEvent(new CustomEvent("trajectoires:changed", { detail: { reconnected: true } }));
      }
    });
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.event !== "changed") { return; }
      document.dispatchEvent(new CustomEvent("trajectoires:changed", { detail: data }));
      if (!selfRefreshing) { show(); }
    });
    socket.addEventListener("close", function (event) {
      document.body.dataset.liveSocket = "closed";
      if (event.code === 4401) { return; }
      showOffline();
      /* keep trying, at most once a minute: live updates come back with the server */
      retries += 1;
      window.setTimeout(connect, Math.min(MAX_DELAY_MS, 1000 * Math.pow(2, retries)));
    });
  }
  connect();
})();
