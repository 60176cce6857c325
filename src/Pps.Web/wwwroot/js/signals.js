// The case list of a desk keeps itself current: when a case of this desk arrives or changes (SignalChanged over
// /hubs/live), and after a reconnect (something may have changed meanwhile), the page fetches itself again with the
// same filters and swaps in the new list. The live message carries only ids, category and status; everything shown
// comes from the page, a read the server audits like any other.
(function () {
  "use strict";
  var list = document.getElementById("case-list");
  if (!list || !window.ppsLive) { return; }
  var desk = list.getAttribute("data-live-desk");
  var status = document.getElementById("case-list-status");
  var connectedBefore = false;
  var busy = false;
  var again = false;
  var fresh = {};

  function refresh(announce) {
    if (busy) { again = true; return; }
    busy = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var next = doc.getElementById("case-list");
        if (!next) { return; }
        list.innerHTML = next.innerHTML;
        Object.keys(fresh).forEach(function (id) {
          var row = list.querySelector('tr[data-id="' + id + '"]');
          if (row) { row.classList.add("is-new"); }
        });
        if (announce) { status.textContent = list.getAttribute("data-msg-updated"); }
      })
      .catch(function (e) { console.error("case list refresh failed", e); })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(announce); }
      });
  }

  window.ppsLive.on("SignalChanged", function (change) {
    if (!change || change.route !== desk) { return; }
    if (change.isNew) { fresh[change.id] = true; }
    refresh(true);
  });
  window.ppsLive.onConnected(function () {
    // The first connect follows the page load: the list is current. After a reconnect it may not be.
    if (connectedBefore) { refresh(false); }
    connectedBefore = true;
  });
})();
