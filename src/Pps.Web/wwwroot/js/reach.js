// /Reach: registers the service worker and turns Web Push on or off for this device.
(function () {
  "use strict";
  var status = document.getElementById("push-status");
  var enable = document.getElementById("push-enable");
  var disable = document.getElementById("push-disable");
  var antiforgery = document.querySelector("input[name='__RequestVerificationToken']");
  if (!status || !enable || !disable) {
    return;
  }

  function show(state) {
    status.textContent = status.dataset[state] || "";
    enable.hidden = state !== "off";
    disable.hidden = state !== "on";
  }

  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    show("unsupported");
    return;
  }

  function headers() {
    var h = { "Content-Type": "application/json" };
    if (antiforgery) {
      h.RequestVerificationToken = antiforgery.value;
    }
    return h;
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  var ready = navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  });

  ready.then(function (reg) {
    return reg.pushManager.getSubscription();
  }).then(function (sub) {
    show(Notification.permission === "denied" ? "denied" : sub ? "on" : "off");
  });

  enable.addEventListener("click", function () {
    enable.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        show("denied");
        return null;
      }
      return fetch("/api/reach/vapid-public-key", { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (key) {
          return ready.then(function (reg) {
            return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.publicKey) });
          });
        })
        .then(function (sub) {
          return fetch("/api/reach/push-subscriptions", {
            method: "POST", credentials: "same-origin", headers: headers(), body: JSON.stringify(sub.toJSON())
          }).then(function (r) {
            show(r.ok ? "on" : "off");
          });
        });
    }).catch(function () {
      show("off");
    }).finally(function () {
      enable.disabled = false;
    });
  });

  disable.addEventListener("click", function () {
    disable.disabled = true;
    ready.then(function (reg) {
      return reg.pushManager.getSubscription();
    }).then(function (sub) {
      if (!sub) {
        return null;
      }
      return fetch("/api/reach/push-subscriptions?endpoint=" + encodeURIComponent(sub.endpoint), {
        method: "DELETE", credentials: "same-origin", headers: headers()
      }).then(function () {
        return sub.unsubscribe();
      });
    }).then(function () {
      show("off");
    }).finally(function () {
      disable.disabled = false;
    });
  });
})();
