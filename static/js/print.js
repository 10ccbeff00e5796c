// "Print" buttons (no inline handlers, so a strict Content Security Policy can hold).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
