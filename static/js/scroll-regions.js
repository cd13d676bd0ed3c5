/* A table or chart box that scrolls sideways (.table-wrap, .chart__scroll) becomes a
   focusable, named region only while it actually overflows (RGAA 7.3 / 12.8): a box
   whose content fits adds no Tab stop. The name is the box's data-scroll-label, or the
   table's caption, so each region's name is unique on the page. Checked again when the
   window changes size and when a live update replaces part of the page. */
(function () {
  "use strict";
  var SELECTOR = ".table-wrap, .chart__scroll";
  var pattern = document.documentElement.getAttribute("data-scroll-pattern") ||
    "« %s », défilable horizontalement";

  function nameOf(box) {
    if (box.dataset.scrollLabel) return box.dataset.scrollLabel;
    var caption = box.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    if (!text) return document.documentElement.getAttribute("data-scroll-fallback") || "";
    return pattern.replace("%s", text);
  }

  function update(box) {
    var overflows = box.scrollWidth > box.clientWidth + 1;
    if (overflows) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", nameOf(box));
    } else if (box.hasAttribute("tabindex")) {
      if (document.activeElement === box) return; // never pull focus from under a person
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function updateAll() {
    document.querySelectorAll(SELECTOR).forEach(update);
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      updateAll();
    });
  }

  updateAll();
  window.addEventListener("resize", schedule);
  window.addEventListener("load", schedule); // images change the charts' widths
  if ("MutationObserver" in window) {
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        if (records[i].type === "childList") {
          schedule();
          return;
        }
      }
    }).observe(document.body, {childList: true, subtree: true});
  }
})();
