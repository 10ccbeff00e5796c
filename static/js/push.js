/* Settings → Push reminders: turn push on for this browser. The permission prompt comes only
   after the click; the subscription is posted to the server, which answers with the device
   list. Without push support, or with notifications blocked, the section says so. */
"use strict";

(function () {
  const section = document.getElementById("push");
  if (!section) return;
  const state = document.getElementById("push-state");
  const button = document.getElementById("push-enable");

  function say(text) {
    state.textContent = text;
  }

  function keyBytes(base64url) {
    const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  function sameKey(subscription, key) {
    const current = subscription.options && subscription.options.applicationServerKey;
    if (!current) return true;
    const a = new Uint8Array(current);
    return a.length === key.length && a.every((byte, i) => byte === key[i]);
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"] || "";
    } catch (error) {
      return "";
    }
  }

  async function registration() {
    // /sw.js may already be registered by the installable app; registering again is harmless.
    await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    return navigator.serviceWorker.ready;
  }

  async function subscription(reg) {
    const key = keyBytes(section.dataset.pushKey);
    let current = await reg.pushManager.getSubscription();
    if (current && !sameKey(current, key)) {
      await current.unsubscribe(); // the server's keys changed: subscribe afresh
      current = null;
    }
    return current || reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  }

  async function send(sub) {
    const json = sub.toJSON();
    const body = new URLSearchParams({
      endpoint: json.endpoint || "",
      p256dh: (json.keys && json.keys.p256dh) || "",
      auth: (json.keys && json.keys.auth) || "",
    });
    const response = await fetch(section.dataset.subscribeUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
    });
    if (response.status !== 200 && response.status !== 400) {
      throw new Error(`the server answered ${response.status}`);
    }
    const devices = document.getElementById("push-devices");
    if (devices) {
      devices.outerHTML = await response.text();
      const swapped = document.getElementById("push-devices");
      if (swapped && window.htmx) window.htmx.process(swapped);
    }
    return response.ok;
  }

  async function turnOn() {
    button.disabled = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        say(
          permission === "denied"
            ? "Notifications are blocked for this site, so push reminders cannot be turned on. Allow notifications in the browser's site settings, then reload this page."
            : "Push reminders stay off: the browser did not get permission to show notifications.",
        );
        return;
      }
      say("Turning push reminders on…");
      const ok = await send(await subscription(await registration()));
      say(ok ? "Push reminders are on for this browser." : "Push reminders could not be turned on; see below.");
    } catch (error) {
      say(`Push reminders could not be turned on in this browser (${error.message || error}).`);
    } finally {
      button.disabled = false;
    }
  }

  async function start() {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
      say("This browser cannot receive push notifications, so push reminders cannot be turned on here. The daily e-mail and the calendar feed still bring your reminders.");
      return;
    }
    if (!window.isSecureContext) {
      say("Push reminders need the site to be opened over HTTPS.");
      return;
    }
    if (Notification.permission === "denied") {
      say("Notifications are blocked for this site. Allow notifications in the browser's site settings, then reload this page to turn push reminders on.");
      return;
    }
    button.hidden = false;
    button.addEventListener("click", turnOn);
    try {
      const reg = await navigator.serviceWorker.getRegistration("/");
      const current = reg && (await reg.pushManager.getSubscription());
      if (current && Notification.permission === "granted") {
        say("Push reminders are on for this browser.");
        button.textContent = "Turn on again for this device";
      }
    } catch (error) {
      /* the state line stays empty: turning on still works */
    }
  }

  start();
})();
