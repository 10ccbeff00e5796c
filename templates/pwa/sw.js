{% load static %}/* DevHub CRM service worker: scope "/". */
importScripts("{% static 'js/sw-push.js' %}");
importScripts("{% static 'js/pwa-queue.js' %}");

/* What is kept: only pages and files that are the same for everyone (the offline page, the
   capture page's shell, the stylesheet and scripts). Pages are never cached: they go to the
   network, and without one the offline page (or the capture page) answers instead. So nothing
   of a signed-in user is in these caches; signing out empties them anyway. */
const CACHE_PREFIX = "devhub-";
const CACHE = CACHE_PREFIX + "{{ version }}";
const PRECACHE = [{% for url in precache %}"{{ url }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const OFFLINE_PAGE = "{% url 'pwa:offline' %}";
const CAPTURE_PAGE = "{% url 'pwa:capture' %}";
// Pages that, without a connection, open the capture page: new contact, log an interaction.
const NEW_CONTACT_PAGE = "{% url 'contacts:create' %}";
const LOG_PAGE = /^\/interactions\/contact\/[^/]+\/(quick|new)\/$/;
const SEND_URLS = {
  session: "{% url 'pwa:session' %}",
  contact: "{% url 'pwa:send_contact' %}",
  interaction: "{% url 'pwa:send_interaction' %}",
};

// Fetched without cookies: the server answers as to anyone, whoever is signed in.
function precache() {
  return caches.open(CACHE).then((cache) =>
    cache.addAll(PRECACHE.map((url) => new Request(url, { credentials: "omit", cache: "reload" }))));
}

function dropCaches(keep) {
  return caches.keys().then((names) => Promise.all(
    names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== keep)
      .map((name) => caches.delete(name))));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

// A new version takes over at once and deletes the previous versions' caches.
self.addEventListener("activate", (event) => {
  event.waitUntil(dropCaches(CACHE).then(() => self.clients.claim()));
});

function offlineAnswer(url) {
  const capture = url.pathname === NEW_CONTACT_PAGE || LOG_PAGE.test(url.pathname);
  const page = capture ? CAPTURE_PAGE : OFFLINE_PAGE;
  return caches.match(page, { cacheName: CACHE }).then((hit) =>
    hit || new Response("No connection.", { status: 503, headers: { "Content-Type": "text/plain" } }));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Network first, never stored; the kept shell only when the network fails.
    event.respondWith(fetch(request).catch(() => offlineAnswer(url)));
    return;
  }
  if (PRECACHE.includes(url.pathname) && !url.search) {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});

let sending = Promise.resolve(true);

// One send at a time, each asked-for send after the one running (a sync event and an `online`
// message often come together, and the first may have started just before the connection
// was back); the pages showing the queue are told when it changed. Rejects when something is
// left for later, so Background Sync tries again.
function sendQueue() {
  const run = sending.catch(() => false).then(() => self.DevhubQueue.send(SEND_URLS));
  sending = run;
  return run.then((done) => self.clients.matchAll({ type: "window" }).then((pages) => {
    pages.forEach((page) => page.postMessage({ type: "queue-changed" }));
    if (!done) throw new Error("Not everything could be sent yet.");
  }));
}

self.addEventListener("sync", (event) => {
  if (event.tag === "devhub-queue") event.waitUntil(sendQueue());
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "send") event.waitUntil(sendQueue().catch(() => {}));
  if (type === "signed-out") {
    // Everything kept goes; the shared shells come back fresh for the next person.
    event.waitUntil(dropCaches(null).then(precache).then(() => event.source && event.source.postMessage({ type: "caches-cleared" })));
  }
});
