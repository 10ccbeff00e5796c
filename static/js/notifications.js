// Opt-in browser notifications for reminders due today, while the app is open.
// Nothing is asked until the user clicks the button; the choice is remembered in localStorage.
(function () {
  var KEY = "devhub-notify";
  var SEEN = "devhub-notified";
  var button = document.querySelector("[data-notify-toggle]");
  if (!button || !("Notification" in window)) return;

  function enabled() {
    try { return localStorage.getItem(KEY) === "on" && Notification.permission === "granted"; }
    catch (e) { return false; }
  }

  function render() {
    var on = enabled();
    button.classList.remove("hidden");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = "Browser notifications: " + (on ? "on" : "off");
  }

  function seen() {
    try { return JSON.parse(localStorage.getItem(SEEN) || "{}"); } catch (e) { return {}; }
  }

  function check() {
    if (!enabled()) return;
    fetch("/dashboard/due-today.json", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { reminders: [] }; })
      .then(function (data) {
        var today = new Date().toLocaleDateString("sv");  // the local date, as YYYY-MM-DD
        var done = seen();
        data.reminders.forEach(function (reminder) {
          var key = today + ":" + reminder.id;
          if (done[key]) return;
          var note = new Notification("DevHub CRM reminder", { body: reminder.title, tag: reminder.id });
          note.onclick = function () { window.focus(); window.location.href = data.url; };
          done[key] = true;
        });
        try { localStorage.setItem(SEEN, JSON.stringify(done)); } catch (e) { /* ignore */ }
      })
      .catch(function () { /* offline: try again later */ });
  }

  button.addEventListener("click", function () {
    if (enabled()) {
      try { localStorage.setItem(KEY, "off"); } catch (e) { /* ignore */ }
      render();
      return;
    }
    Notification.requestPermission().then(function (permission) {
      try { localStorage.setItem(KEY, permission === "granted" ? "on" : "off"); } catch (e) { /* ignore */ }
      render();
      check();
    });
  });

  render();
  check();
  setInterval(check, 15 * 60 * 1000);
})();
