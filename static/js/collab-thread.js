/* A thread of the collaborative platform, live: the socket says a message arrived (its
 * id only); the page fetches the messages after the last it shows, through the same
 * permission check as the page, and appends them. Without a socket (or when it drops),
 * the page asks every 20 s; without JavaScript, a reload shows them. */
(function () {
  "use strict";
  var root = document.getElementById("thread-live");
  if (!root) { return; }
  var list = document.getElementById("thread-messages");
  var status = document.getElementById("thread-live-status");
  var last = parseInt(root.getAttribute("data-last"), 10) || 0;
  var busy = false;
  var again = false;

  function fetchNew() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(root.getAttribute("data-fallback") + "?apres=" + last, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        var holder = document.createElement("ol");
        holder.innerHTML = html;
        var added = 0;
        Array.prototype.forEach.call(holder.querySelectorAll("li[data-message]"), function (item) {
          var id = parseInt(item.getAttribute("data-message"), 10);
          if (id <= last || document.getElementById("message-" + id)) { return; }
          list.appendChild(item);
          last = id;
          added += 1;
        });
        if (added && status) {
          status.textContent = added === 1 ? "Un nouveau message." : added + " nouveaux messages.";
        }
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; fetchNew(); }
      });
  }

  var timer = null;
  function fallback() {
    if (!timer) { timer = setInterval(fetchNew, 20000); }
  }

  function connect() {
    if (!window.WebSocket) { fallback(); return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-socket"));
    socket.onopen = function () {
      clearInterval(timer);
      timer = null;
      root.setAttribute("data-live", "open");
      fetchNew(); // what arrived while the socket was closed
    };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.event === "message" && data.id > last) { fetchNew(); }
    };
    socket.onclose = function (event) {
      root.setAttribute("data-live", "closed");
      fallback();
      if (event.code !== 4404 && event.code !== 4401) { setTimeout(connect, 5000); }
    };
  }
  connect();
})();
