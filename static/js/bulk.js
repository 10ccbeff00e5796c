// Bulk edit on the contacts list: "select all on this page" ticks every row, and the bar says
// how many contacts the action will touch. Without JavaScript the same form still works: the
// server reads the page checkbox itself. Delegated listeners survive HTMX swapping #results.
(function () {
  "use strict";

  function picks() {
    return Array.from(document.querySelectorAll("[data-bulk-pick]"));
  }

  function update() {
    var form = document.getElementById("bulk-form");
    var label = document.getElementById("bulk-count");
    if (!form || !label) return;
    var rows = picks();
    var ticked = rows.filter(function (box) { return box.checked; }).length;
    var page = document.querySelector("[data-bulk-page]");
    if (page) {
      page.checked = rows.length > 0 && ticked === rows.length;
      page.indeterminate = ticked > 0 && ticked < rows.length;
    }
    var all = form.querySelector("[data-bulk-all-matching]");
    if (all && all.checked) {
      var total = form.getAttribute("data-bulk-total");
      label.textContent = "All " + total + " matching contacts selected";
    } else if (ticked) {
      label.textContent = ticked + " selected";
    } else {
      label.textContent = "Tick contacts below, or";
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement)) return;
    if (target.matches("[data-bulk-page]")) {
      picks().forEach(function (box) { box.checked = target.checked; });
    }
    if (target.matches("[data-bulk-page], [data-bulk-pick], [data-bulk-all-matching]")) {
      update();
    }
  });
  document.addEventListener("htmx:afterSwap", update);
  document.addEventListener("DOMContentLoaded", update);
})();
