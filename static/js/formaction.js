// A button with an empty hx-post posts where it would without JavaScript: to its formaction. Rows
// of a list then name each address once (formaction, for the page without JavaScript) instead of
// twice; htmx alone would post an empty hx-post to the page's own address.
document.addEventListener("htmx:configRequest", function (event) {
  var button = event.detail.elt;
  if (button.getAttribute("hx-post") === "" && button.hasAttribute("formaction")) {
    event.detail.path = button.getAttribute("formaction");
  }
});
