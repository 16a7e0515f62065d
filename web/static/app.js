/* qidir: small enhancements; every page works without this file.
 * - ticking a filter or changing the sort applies it at once (the form is still a GET form,
 *   so each state is a URL and the back button walks through them);
 * - empty fields are left out of the URL;
 * - "/" jumps to the search box;
 * - on a phone the filter panel starts folded. */
(function () {
  "use strict";

  var filters = document.getElementById("filters");
  if (filters) {
    filters.addEventListener("change", function (event) {
      var t = event.target;
      if (t && (t.type === "checkbox" || t.tagName === "SELECT")) {
        if (filters.requestSubmit) { filters.requestSubmit(); } else { filters.submit(); }
      }
    });
  }

  // Leave empty parameters (from=, to=, q=) out of the address: shorter URLs to share.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || (form.method || "").toLowerCase() !== "get") { return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && !el.disabled && el.value === "" && el.type !== "checkbox") {
        el.disabled = true;
        el.setAttribute("data-was-empty", "");
      }
    });
  });
  // A page restored by the back button shows the state its URL says: fields come back,
  // and a box ticked just before leaving is unticked again (reset() returns every control
  // to what the server rendered).
  window.addEventListener("pageshow", function (event) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-was-empty]"), function (el) {
      el.disabled = false;
      el.removeAttribute("data-was-empty");
    });
    if (event.persisted) {
      Array.prototype.forEach.call(document.forms, function (form) { form.reset(); });
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var t = event.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (typing) { return; }
    var box = document.getElementById("q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  var panel = document.querySelector(".filter-panel");
  if (panel && window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) {
    panel.open = false;
  }
})();
