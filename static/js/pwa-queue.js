/* Entries captured offline (a new contact, a logged interaction), kept in IndexedDB until they
   are sent. Shared by the pages (pwa.js, pwa-capture.js), which add and show entries, and the
   service worker (/sw.js), which sends them.

   An entry: {id (a UUID made here; the server keeps it, so sending twice adds one row), kind
   ("contact" | "interaction"), fields, account (who was signed in when it was captured), state
   ("waiting" | "sent" | "refused"), message, errors, url, capturedAt, sentAt}. */
(function (scope) {
  "use strict";
  var DB_NAME = "devhub-pwa";
  var ENTRIES = "entries";
  var META = "meta";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(ENTRIES, { keyPath: "id" });
        request.result.createObjectStore(META);
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  // Runs `work(store)` in one transaction; resolves with the last request's result.
  function withStore(name, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var request = work(tx.objectStore(name));
        tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all() {
    return withStore(ENTRIES, "readonly", function (store) { return store.getAll(); })
      .then(function (entries) {
        return entries.sort(function (a, b) { return a.capturedAt < b.capturedAt ? -1 : 1; });
      });
  }

  function put(entry) {
    return withStore(ENTRIES, "readwrite", function (store) { return store.put(entry); });
  }

  function remove(id) {
    return withStore(ENTRIES, "readwrite", function (store) { return store.delete(id); });
  }

  function account() {
    return withStore(META, "readonly", function (store) { return store.get("account"); })
      .then(function (value) { return value || ""; });
  }

  function setAccount(value) {
    return withStore(META, "readwrite", function (store) { return store.put(value, "account"); });
  }

  // Signed out: forget what was sent (it is the account's data) and who was signed in. Entries
  // not sent yet stay, hidden, until their account signs in again: they exist nowhere else.
  function forgetSignedIn() {
    return all().then(function (entries) {
      return withStore(ENTRIES, "readwrite", function (store) {
        entries.forEach(function (entry) { if (entry.state === "sent") store.delete(entry.id); });
      });
    }).then(function () { return setAccount(""); });
  }

  function capture(kind, fields, id) {
    return account().then(function (who) {
      if (!who) throw new Error("Nobody is signed in on this device.");
      var entry = {
        id: id || crypto.randomUUID(), kind: kind, fields: fields, account: who,
        state: "waiting", message: "", errors: {}, url: "",
        capturedAt: new Date().toISOString(), sentAt: "",
      };
      if (kind === "interaction" && !fields.occurred_at) entry.fields.occurred_at = entry.capturedAt;
      return put(entry).then(function () { return entry; });
    });
  }

  // Sends the waiting entries of the signed-in account, oldest first. `urls`: {session,
  // contact, interaction}. Resolves true when everything that could be sent was tried, false
  // when the connection or the session is missing (try again later).
  function send(urls) {
    return all().then(function (entries) {
      var waiting = entries.filter(function (e) { return e.state === "waiting"; });
      if (!waiting.length) return true;
      var manual = { credentials: "same-origin", redirect: "manual", cache: "no-store" };
      return fetch(urls.session, manual).then(function (answer) {
        // Signed out, the login page answers with a redirect: wait for a sign-in.
        if (!answer.ok) return false;
        return answer.json().then(function (session) {
          return sendEach(urls, session, waiting.filter(function (e) { return e.account === session.account; }));
        });
      }, function () { return false; });
    });
  }

  function sendEach(urls, session, entries) {
    return entries.reduce(function (previous, entry) {
      return previous.then(function (going) {
        return going && sendOne(urls, session, entry);
      });
    }, Promise.resolve(true));
  }

  function sendOne(urls, session, entry) {
    var body = new URLSearchParams(entry.fields);
    body.set("client_id", entry.id);
    body.set("account", entry.account);
    return fetch(urls[entry.kind], {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      headers: { "X-CSRFToken": session.csrf },
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (response.ok && data) {
          Object.assign(entry, { state: "sent", message: data.message, url: data.url, errors: {},
                                 sentAt: new Date().toISOString() });
        } else if ((response.status === 422 || response.status === 409) && data) {
          Object.assign(entry, { state: "refused", message: data.message, errors: data.errors });
        } else {
          entry.message = "Not sent yet (the server answered " + response.status + "); it is tried again later.";
          return put(entry).then(function () { return false; });
        }
        return put(entry).then(function () { return true; });
      });
    }, function () { return false; });
  }

  scope.DevhubQueue = {
    all: all, put: put, remove: remove, account: account, setAccount: setAccount,
    forgetSignedIn: forgetSignedIn, capture: capture, send: send,
  };
})(self);
