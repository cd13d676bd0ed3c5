/* « Copier » beside a read-only field (the private iCal address): the clipboard when
   the browser lets us, else the whole address selected for Ctrl+C; either way the
   live region under the field says what happened. Without this script the button
   stays hidden and the field can be selected by hand. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(field.id + "-status");
    function say(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
    function select() {
      field.focus();
      field.select();
      field.setSelectionRange(0, field.value.length);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      say(button.getAttribute(copied ? "data-copied" : "data-selected"));
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () {
          say(button.getAttribute("data-copied"));
        }, select);
      } else {
        select();
      }
    });
  });
})();
