/* The bell of the header: the number of unread notifications, read once per page and
 * then pushed by the server (a Channels group per person). */
(function () {
  "use strict";
  var bell = document.getElementById("notification-bell");
  if (!bell) { return; }
  var badge = bell.querySelector(".bell__count");
  var unread = bell.querySelector(".bell__unread"); // read by screen readers only

  function show(count) {
    badge.textContent = count > 99 ? "99+" : String(count);
    badge.hidden = count === 0;
    bell.setAttribute("data-count", String(count));
    unread.textContent = count === 0 ? "" :
      (count === 1 ? " : 1 non lue" : " : " + count + " non lues");
  }

  function read() {
    fetch(bell.getAttribute("data-count-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (body) { show(body.count); })
      .catch(function () {});
  }

  function connect() {
    if (!window.WebSocket) { return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + bell.getAttribute("data-socket"));
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.event === "count") { show(data.count); }
    };
    socket.onopen = read;
    socket.onclose = function (event) {
      if (event.code !== 4401) { setTimeout(connect, 10000); }
    };
  }
  read();
  connect();
})();
