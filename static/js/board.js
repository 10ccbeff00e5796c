// Stage boards' drag and drop (job opportunities, freelance projects). Dropping a card on a
// column submits the card's own "move to" form with that stage, so mouse, keyboard menu and
// no-JS all use one endpoint.
(function () {
  var dragged = null;

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-card]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest("[data-column]")) event.preventDefault();
  });

  document.addEventListener("drop", function (event) {
    var column = event.target.closest("[data-column]");
    if (!dragged || !column) return;
    event.preventDefault();
    var form = dragged.querySelector("form[data-move]");
    var select = form && form.querySelector("select[data-stage]");
    if (select && select.value !== column.dataset.column) {
      select.value = column.dataset.column;
      form.requestSubmit();
    }
    dragged = null;
  });
})();
