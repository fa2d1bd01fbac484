// Show the full BSN in place: the POST is logged in the audit log. Without JavaScript the form opens a page.
// A file, not an inline script: Casus's Content-Security-Policy allows scripts from 'self' only.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("bsn-form");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(form.action, {
      method: "POST", body: new FormData(form), headers: {"X-Requested-With": "fetch"}, credentials: "same-origin",
    });
    if (!response.ok) { form.submit(); return; }
    document.getElementById("bsn-value").outerHTML = await response.text();
    form.remove();
  });
});
