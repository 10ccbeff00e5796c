// Header menus (<details data-menu>): open one at a time, keep Tab inside the open menu, close
// on Escape (focus back on its button) or on a click or tap elsewhere. Without JavaScript they
// still open and close as plain <details>.
(function () {
  var SELECTOR = "details[data-menu]";

  function openMenu() {
    // The Menu is hidden on wide screens; an open but hidden one must not trap the focus.
    return Array.prototype.find.call(document.querySelectorAll(SELECTOR + "[open]"), function (menu) {
      return menu.getClientRects().length > 0;
    });
  }

  function focusable(menu) {
    var items = menu.querySelectorAll("a[href], button:not([disabled]), input:not([disabled])");
    return [menu.querySelector("summary")].concat(
      Array.prototype.filter.call(items, function (el) { return el.getClientRects().length > 0; })
    );
  }

  function close(menu, returnFocus) {
    menu.open = false;
    if (returnFocus) menu.querySelector("summary").focus();
  }

  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (!menu.matches || !menu.matches(SELECTOR) || !menu.open) return;
    document.querySelectorAll(SELECTOR + "[open]").forEach(function (other) {
      if (other !== menu) other.open = false;
    });
  }, true);

  document.addEventListener("keydown", function (event) {
    var menu = openMenu();
    if (!menu) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close(menu, true);
      return;
    }
    if (event.key !== "Tab") return;
    var items = focusable(menu);
    var first = items[0];
    var last = items[items.length - 1];
    var inside = menu.contains(document.activeElement);
    if (!inside) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  document.addEventListener("click", function (event) {
    document.querySelectorAll(SELECTOR + "[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) close(menu, false);
    });
  });
})();
