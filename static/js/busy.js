// A busy database answers an htmx request with 503 and a message aimed at the page's messages
// area (HX-Retarget). htmx 2 swaps no error response by default, so let this one through: the
// message appears and the form the user was typing in is left exactly as it was.
document.addEventListener("htmx:beforeSwap", function (event) {
  var xhr = event.detail.xhr;
  if (xhr.status === 503 && xhr.getResponseHeader("HX-Retarget")) {
    event.detail.shouldSwap = true;
  }
});
