/* Push reminders inside the service worker (imported by /sw.js).
   A push carries JSON {title, body, url, tag} (push/services.py Message), encrypted by the
   server for this browser; clicking the notification focuses a tab already on that page or
   opens one. */
"use strict";

const PUSH_FALLBACK_URL = "/reminders/";

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    message = { body: event.data ? event.data.text() : "" };
  }
  const title = message.title || "DevHub CRM reminder";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: message.body || "",
      tag: message.tag || undefined,
      data: { url: message.url || PUSH_FALLBACK_URL },
    }),
  );
});

function pushTarget(notification) {
  // Only this site's own pages: a payload cannot send the click elsewhere.
  const url = new URL((notification.data && notification.data.url) || PUSH_FALLBACK_URL, self.location.origin);
  return url.origin === self.location.origin ? url : new URL(PUSH_FALLBACK_URL, self.location.origin);
}

async function openPushTarget(url) {
  const tabs = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const same = tabs.find((tab) => {
    const open = new URL(tab.url);
    return open.pathname === url.pathname && open.search === url.search;
  });
  if (same) {
    return same.focus();
  }
  return self.clients.openWindow(url.href);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openPushTarget(pushTarget(event.notification)));
});
