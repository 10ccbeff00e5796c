// Parts drawn when their <details> opens (hx-trigger="toggle from:closest details once"): one
// opened before htmx had started missed its "toggle" and showed its link instead; once htmx has
// started, the opening is announced again, so the part is drawn as if opened just now.
document.addEventListener("htmx:load", function (event) {
  var root = event.detail.elt;
  if (!root.querySelectorAll) return;
  root.querySelectorAll('[hx-trigger^="toggle from:closest details"]').forEach(function (part) {
    var details = part.closest("details");
    if (details && details.open) details.dispatchEvent(new Event("toggle"));
  });
});
