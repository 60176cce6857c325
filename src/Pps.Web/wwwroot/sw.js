// PPS Hub service worker: offline shell, the signed-in member's latest alerts, and Web Push notifications.
// Personal data (the alerts list) lives in its own cache that is dropped on logout and on any 401/403,
// so it never outlives the session or reaches another member on a shared device.
"use strict";

const SHELL_CACHE = "pps-shell-v2";
const ALERTS_CACHE = "pps-alerts-v1";
const SHELL = ["/css/tokens.css", "/css/site.css", "/js/shell.js", "/branding/logo.svg", "/branding/favicon.svg", "/icons/icon-192.png", "/manifest.webmanifest"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL_CACHE && k !== ALERTS_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function clearPersonal() {
  return caches.delete(ALERTS_CACHE);
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "logout") {
    event.waitUntil(clearPersonal());
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }

  // Logging out (a form post): forget this member's cached alerts before the session ends.
  if (url.pathname.toLowerCase() === "/account/logout") {
    event.waitUntil(clearPersonal());
    return;
  }

  if (request.method !== "GET") {
    return;
  }

  // The member's own alert list: network first, cached copy only when offline.
  if (url.pathname === "/api/alerts" || url.pathname === "/api/alerts/") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.status === 401 || response.status === 403) {
            return clearPersonal().then(() => response);
          }
          if (response.ok) {
            const copy = response.clone();
            caches.open(ALERTS_CACHE).then((c) => c.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.open(ALERTS_CACHE).then((c) => c.match(request)).then((hit) => hit || Response.error()))
    );
    return;
  }

  // The static shell: cache first. Nothing else (pages, other APIs) is cached.
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
  }
});

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  const title = data.title || "PPS Hub";
  const options = {
    body: data.body || "",
    tag: data.alertId || undefined,
    icon: "/icons/icon-192.png",
    renotify: true,
    requireInteraction: data.severity === "urgent",
    data: { url: data.url || "/Alerts", ackUrl: data.ackUrl || null, alertId: data.alertId || null },
  };
  if (data.ackUrl) {
    options.actions = [{ action: "ack", title: "Gezien / Acknowledge" }];
  }
  event.waitUntil(
    self.registration.showNotification(title, options).then(() =>
      self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((list) =>
        list.forEach((c) => c.postMessage({ type: "push", alertId: data.alertId || null })))
    )
  );
});

self.addEventListener("notificationclick", (event) => {
  const n = event.notification;
  const target = (n.data && n.data.url) || "/Alerts";
  n.close();
  if (event.action === "ack" && n.data && n.data.ackUrl) {
    // The signed acknowledgement link (no sign-in needed) opens a one-button confirmation: a background POST
    // from here could not carry the page's antiforgery token.
    event.waitUntil(self.clients.openWindow(n.data.ackUrl));
    return;
  }
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((list) => {
      for (const c of list) {
        if (new URL(c.url).pathname === target && "focus" in c) {
          return c.focus();
        }
      }
      return self.clients.openWindow(target);
    })
  );
});
