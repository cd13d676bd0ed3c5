/* The study's live view: the figures come inside each websocket message (computed once
 * by the server per batch of entries); without a socket, they are fetched every 20 s. */
(function () {
  "use strict";
  var state = document.getElementById("study-live-state");
  if (!state) { return; }
  var lastSent = 0;

  function fill(tableId, rows) {
    var body = document.querySelector("#" + tableId + " tbody");
    if (!body) { return; }
    var cells = body.querySelectorAll("tr");
    if (cells.length !== rows.length) {
      body.textContent = "";
      rows.forEach(function (row) {
        var tr = document.createElement("tr");
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = row.label;
        var td = document.createElement("td");
        td.className = "num";
        td.textContent = row.count;
        tr.appendChild(th);
        tr.appendChild(td);
        body.appendChild(tr);
      });
      return;
    }
    rows.forEach(function (row, i) { cells[i].querySelector("td").textContent = row.count; });
  }

  function apply(summary, sentAt) {
    if (sentAt && sentAt < lastSent) { return; } // an older push arriving late
    lastSent = sentAt || lastSent;
    document.getElementById("live-visitors").textContent = summary.visitors;
    fill("live-by-hour", summary.by_hour);
    fill("live-by-activity", summary.by_activity);
    fill("live-by-motivation", summary.by_motivation);
    document.dispatchEvent(new CustomEvent("study:figures", { detail: { summary: summary, sentAt: sentAt } }));
  }

  function poll() {
    fetch(state.getAttribute("data-fallback"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (body) { apply(body.summary, 0); })
      .catch(function () {});
  }

  var timer = null;
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + state.getAttribute("data-socket"));
    socket.onopen = function () {
      clearInterval(timer);
      timer = null;
      document.body.setAttribute("data-study-live", "open");
      poll(); // what arrived while the socket was closed
    };
    socket.onmessage = function (message) {
      var data = JSON.parse(message.data);
      if (data.event === "entries") { apply(data.summary, data.sent_at); }
    };
    socket.onclose = function () {
      document.body.removeAttribute("data-study-live");
      if (!timer) { timer = setInterval(poll, 20000); }
      setTimeout(connect, 5000);
    };
  }
  connect();
})();
