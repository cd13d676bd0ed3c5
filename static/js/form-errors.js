/* After a refused submission the page comes back with an error summary
   (templates/components/form_errors.html, id « erreurs », tabindex="-1"): focus moves
   to it, so a screen reader reads it first and its links are the next Tab stops
   (RGAA 11.10). Each link points at a focusable control; following it focuses that
   control and keeps its label or legend in view. A page without errors is untouched. */
(function () {
  "use strict";
  var summary = document.getElementById("erreurs");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var control = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!control) return;
    event.preventDefault();
    control.focus();
    var heading = control.closest("fieldset") || control.closest(".field") || control;
    heading.scrollIntoView({ block: "start" });
  });
})();
