/* The coaching session form: the milestones come grouped by ERIC (<optgroup>); this
   shows only the chosen ERIC's group. Without it every group shows and the server
   refuses another ERIC's milestone (coaching/forms/journal.py). */
(function () {
  "use strict";
  var eric = document.getElementById("id_accompaniment");
  var milestone = document.getElementById("id_milestone");
  if (!eric || !milestone || eric.tagName !== "SELECT") return;
  function filter() {
    var chosen = eric.options[eric.selectedIndex];
    var name = chosen ? chosen.text : "";
    var selected = milestone.options[milestone.selectedIndex];
    Array.prototype.forEach.call(milestone.querySelectorAll("optgroup"), function (group) {
      var other = group.label !== name;
      group.hidden = other;
      group.disabled = other;
      if (other && selected && selected.parentNode === group) milestone.value = "";
    });
  }
  eric.addEventListener("change", filter);
  filter();
})();
