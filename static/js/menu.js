/* The phone menu is a <details> (templates/components/navigation.html) and works
   without this script; here Escape closes it (focus back on « Menu ») and so does a
   click or a focus outside it. */
(function () {
  "use strict";
  var menu = document.querySelector("[data-site-menu]");
  if (!menu) return;
  var toggle = menu.querySelector("summary");
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      toggle.focus();
    }
  });
  function closeIfOutside(event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  }
  document.addEventListener("click", closeIfOutside);
  document.addEventListener("focusin", closeIfOutside);
})();
