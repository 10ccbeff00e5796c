/* The capture page (/capture/, and what the service worker shows for "new contact" and "log an
   interaction" without a connection): its forms put entries in the device's queue
   (pwa-queue.js), the worker sends them, and the list shows what waits, what was sent, and
   what the server refused with its reasons, to correct and send again. */
(function () {
  "use strict";
  var queue = self.DevhubQueue;
  var forms = document.querySelectorAll("form[data-capture]");
  var status = document.getElementById("capture-status");
  var editing = {};  // kind -> id of the refused entry being corrected

  function announce(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function showConnection() {
    var line = document.querySelector("[data-capture-connection]");
    line.textContent = navigator.onLine
      ? "Online: entries are sent as soon as you save them."
      : "Offline: entries are kept on this device and sent when the connection returns.";
  }

  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) { fields[name] = String(value).trim(); });
    return fields;
  }

  function showErrors(form, errors) {
    form.querySelectorAll("[data-error-for]").forEach(function (slot) {
      var messages = (errors || {})[slot.dataset.errorFor] || [];
      slot.textContent = messages.join(" ");
      var input = form.elements[slot.dataset.errorFor];
      if (input && input.setAttribute) input.setAttribute("aria-invalid", messages.length ? "true" : "false");
    });
  }

  function describe(entry) {
    var f = entry.fields;
    if (entry.kind === "contact") return "New contact: " + f.name + (f.company ? " (" + f.company + ")" : "");
    var type = document.querySelector('#capture-type option[value="' + CSS.escape(f.type) + '"]');
    return (type ? type.textContent : f.type) + " with " + f.contact_name + (f.notes ? ": " + f.notes : "");
  }

  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-xs";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }

  function row(entry) {
    var item = document.createElement("li");
    item.className = "rounded-box border border-base-300 p-2";
    item.dataset.entry = entry.id;
    var what = document.createElement("p");
    what.textContent = describe(entry);
    item.appendChild(what);
    var note = document.createElement("p");
    note.className = "text-sm";
    if (entry.state === "sent") {
      var link = document.createElement("a");
      link.href = entry.url;
      link.className = "link";
      link.textContent = entry.message || "Sent";
      note.appendChild(link);
    } else {
      note.textContent = entry.state === "refused"
        ? "Not accepted: " + entry.message
        : "Saved " + new Date(entry.capturedAt).toLocaleString() + (entry.message ? ". " + entry.message : "");
      if (entry.state === "refused") note.className += " text-error";
    }
    item.appendChild(note);
    if (entry.state === "refused") {
      var actions = document.createElement("p");
      actions.className = "flex gap-2 mt-1";
      actions.appendChild(button("Correct", function () { correct(entry); }));
      actions.appendChild(button("Discard", function () { queue.remove(entry.id).then(render); }));
      item.appendChild(actions);
    }
    return item;
  }

  // Only the signed-in account's entries: another account's wait, unseen, for its owner.
  function render() {
    return Promise.all([queue.all(), queue.account()]).then(function (both) {
      var mine = both[0].filter(function (e) { return both[1] && e.account === both[1]; });
      document.querySelector("[data-queue-empty]").hidden = mine.length > 0;
      ["refused", "waiting", "sent"].forEach(function (state) {
        var list = document.querySelector('[data-queue="' + state + '"]');
        var rows = mine.filter(function (e) { return e.state === state; });
        if (state === "sent") rows.reverse();
        list.replaceChildren.apply(list, rows.map(row));
        document.querySelector('[data-queue-heading="' + state + '"]').hidden = !rows.length;
      });
      var signedOut = !both[1];
      document.querySelector("[data-capture-signed-out]").hidden = !signedOut;
      forms.forEach(function (form) { form.querySelector("[type=submit]").disabled = signedOut; });
    });
  }

  function formFor(kind) { return document.querySelector('form[data-capture="' + kind + '"]'); }

  function correct(entry) {
    var form = formFor(entry.kind);
    Object.keys(entry.fields).forEach(function (name) {
      if (form.elements[name]) form.elements[name].value = entry.fields[name];
    });
    editing[entry.kind] = entry;
    showErrors(form, entry.errors);
    form.querySelector("input, select, textarea").focus();
  }

  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var kind = form.dataset.capture;
      var required = Array.prototype.filter.call(form.elements, function (input) {
        return input.required && !input.value.trim();
      });
      if (required.length) {
        var errors = {};
        required.forEach(function (input) { errors[input.name] = ["This field is required."]; });
        showErrors(form, errors);
        required[0].focus();
        return;
      }
      var fields = fieldsOf(form);
      var before = editing[kind];
      // A corrected entry keeps its id (nothing was created for it) and its captured time.
      if (before && before.fields.occurred_at) fields.occurred_at = before.fields.occurred_at;
      queue.capture(kind, fields, before && before.id).then(function () {
        delete editing[kind];
        form.reset();
        showErrors(form, {});
        announce(navigator.onLine ? "Saved; sending it now." : "Saved on this device; it is sent when you are back online.");
        return render();
      }).then(function () {
        if (self.DevhubPwa) self.DevhubPwa.requestSend(false);
      }, function (error) { announce(error.message); });
    });
  });

  document.querySelector("[data-capture-send]").addEventListener("click", function () {
    if (self.DevhubPwa) self.DevhubPwa.requestSend(true);
  });
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      // The worker has sent (or tried): the list says what happened, the "saved" note is done.
      if (event.data && event.data.type === "queue-changed") render().then(function () { announce(""); });
    });
  }
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);

  // Opened for "log an interaction" or "new contact" (shortcut, or that page without a
  // connection): start in that form.
  var path = location.pathname;
  var start = location.hash === "#log-interaction" || path.indexOf("/interactions/") === 0
    ? formFor("interaction") : path.indexOf("/contacts/") === 0 ? formFor("contact") : null;
  // Online, the server says who is signed in (the page itself is the same for everyone);
  // offline, the device remembers who was.
  function whoIsSignedIn() {
    if (!navigator.onLine || !self.DevhubPwa || !self.DevhubPwa.signedIn) return Promise.resolve();
    var manual = { credentials: "same-origin", redirect: "manual", cache: "no-store" };
    return fetch(document.querySelector("[data-session]").dataset.session, manual).then(function (answer) {
      if (answer.type === "opaqueredirect") return self.DevhubPwa.signedIn("");
      if (!answer.ok) return;
      return answer.json().then(function (session) { return self.DevhubPwa.signedIn(session.account); });
    }).catch(function () {});
  }

  showConnection();
  whoIsSignedIn().then(render).then(function () {
    if (start) start.querySelector("input").focus();
  });
})();
