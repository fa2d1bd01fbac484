/* The residents' portal, on top of pages that work without any script:
   - after a failed send, the error summary gets the focus, so a screen reader reads it and a keyboard
     user starts there;
   - a link in the summary puts the focus in the field it names (a plain #link only scrolls). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".portal-error-summary");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({block: "center"});
      }
    });
  });
})();
