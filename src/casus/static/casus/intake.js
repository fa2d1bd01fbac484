/* Fast intake: keyboard help around the htmx search. Without this script the form still works. */
(function () {
  "use strict";

  function intakeForm() {
    return document.querySelector("form.intake");
  }

  // A chosen resident hides the fields for a new one (and leaves them out of the tab order).
  function syncResident() {
    var form = intakeForm();
    var fieldset = document.getElementById("new-resident");
    if (!form || !fieldset) return;
    var chosen = form.querySelector("input[name=resident]:checked");
    var existing = Boolean(chosen && chosen.value !== "");
    fieldset.hidden = existing;
    fieldset.disabled = existing;
  }

  // Parts that belong to one case type (the bezwaar dates, the nature of a klacht).
  function syncCaseType() {
    var form = intakeForm();
    var select = document.getElementById("id_case_type");
    if (!form || !select) return;
    form.querySelectorAll("[data-show-for]").forEach(function (part) {
      var show = part.getAttribute("data-show-for").split(" ").indexOf(select.value) !== -1;
      part.hidden = !show;
      if (part.tagName === "FIELDSET") {
        part.disabled = !show;
      } else {
        part.querySelectorAll("input, select, textarea").forEach(function (control) {
          control.disabled = !show;
        });
      }
    });
  }

  function firstFound() {
    return document.querySelector("#resident-results input[name=resident]:not([value=''])");
  }

  function onSearchKey(event) {
    if (event.target.id !== "id_q") return;
    if (event.key !== "Enter" && event.key !== "ArrowDown") return;
    var found = firstFound();
    if (found) {
      event.preventDefault();
      found.checked = true;
      found.focus();
      syncResident();
    } else if (event.key === "Enter" && window.htmx) {
      event.preventDefault();
      window.htmx.trigger(event.target, "search");
    }
  }

  // Ctrl+Enter in the description registers the contact, as Enter does in the other fields.
  function onTextareaKey(event) {
    if (event.target.tagName !== "TEXTAREA" || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    var form = intakeForm();
    if (form && form.contains(event.target)) {
      event.preventDefault();
      form.requestSubmit();
    }
  }

  document.addEventListener("keydown", onSearchKey);
  document.addEventListener("keydown", onTextareaKey);
  document.addEventListener("change", function (event) {
    if (event.target.name === "resident") syncResident();
    if (event.target.id === "id_case_type") syncCaseType();
  });
  document.addEventListener("htmx:afterSwap", syncResident);
  document.addEventListener("DOMContentLoaded", function () {
    syncResident();
    syncCaseType();
  });
})();
