/* Every page: registers the service worker (scope "/"), keeps track of who is signed in for the
   offline queue, and asks the worker to send what waits when the connection returns. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !self.DevhubQueue) return;
  var script = document.currentScript;
  var queue = self.DevhubQueue;

  function worker() {
    return navigator.serviceWorker.ready.then(function (registration) { return registration; });
  }

  // Background Sync where the browser has it (it also fires after the page is closed); a
  // message to the worker otherwise, and on every `online` event in any case.
  function requestSend(viaMessage) {
    return worker().then(function (registration) {
      if (!viaMessage && registration.sync) {
        return registration.sync.register("devhub-queue").catch(function () { return requestSend(true); });
      }
      if (registration.active) registration.active.postMessage({ type: "send" });
    });
  }
  self.DevhubPwa = { requestSend: requestSend };

  navigator.serviceWorker.register(script.dataset.worker, { scope: "/" });
  window.addEventListener("online", function () { requestSend(true); });

  // Who is signed in now ("" for nobody). A change forgets the previous account's sent
  // entries, has the worker empty its caches and ends this browser's push subscription, so the
  // previous account's reminders stop arriving here (signing out, or another account signing in).
  function signedIn(now) {
    return queue.account().then(function (before) {
      if (before === now) return;
      var forgotten = before ? queue.forgetSignedIn().then(function () {
        return worker().then(function (registration) {
          if (registration.active) registration.active.postMessage({ type: "signed-out" });
          if (!registration.pushManager) return;
          return registration.pushManager.getSubscription().then(function (subscription) {
            return subscription && subscription.unsubscribe();
          }).catch(function () {});
        });
      }) : Promise.resolve();
      return forgotten.then(function () { return queue.setAccount(now); });
    });
  }
  self.DevhubPwa.signedIn = signedIn;

  // Normal pages say who is signed in; the offline shells say nothing (pwa-capture.js asks).
  var meta = document.querySelector('meta[name="devhub-account"]');
  if (!meta) return;
  signedIn(meta.content).then(function () {
    if (meta.content && navigator.onLine) requestSend(false);
  });
})();
