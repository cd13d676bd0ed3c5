// A report's status page: while the report is queued or building, fetch its status
// block every 3 s and put it in place (the block is a polite live region); stop once
// the report is ready or has failed.
(function () {
  "use strict";
  var region = document.getElementById("report-status");
  if (!region || !region.dataset.pollUrl) return;
  var url = region.dataset.pollUrl;
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        region.innerHTML = html;
        var status = region.querySelector("[data-finished]");
        if (!status || status.dataset.finished !== "true") window.setTimeout(poll, 3000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 3000);
})();
