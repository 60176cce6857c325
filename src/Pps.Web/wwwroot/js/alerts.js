// Alerts in the browser: show each alert exactly once, however it arrived (pushed live, or returned by
// CatchUpAlerts after a (re)connect), and keep a checkpoint per member so nothing is missed.
//
// The checkpoint moves only with what a catch-up returned, never with a push. A tenant's alerts are committed in
// sequence order, so a catch-up's answer is complete up to its highest sequence; pushes are not: the push of alert
// X+1 can overtake the push of X, and if the connection drops in between, a checkpoint moved by X+1 would make the
// next catch-up skip X for good (found by the reconnect storm, docs/benchmarks/live-profile.md).
(function () {
  "use strict";
  var root = document.querySelector("[data-alerts-page]");
  if (!root || !window.ppsLive) {
    return;
  }

  var member = root.dataset.member;
  var storageKey = "pps.alerts.checkpoint." + member;
  var seen = {};
  var list = document.querySelector("[data-alerts-list]");
  var live = document.querySelector("[data-alerts-live]");
  var badge = document.querySelector("[data-alerts-unread]");
  var badgeCount = document.querySelector("[data-alerts-unread-count]");
  var antiforgery = document.querySelector("input[name='__RequestVerificationToken']");

  document.querySelectorAll("[data-alert-id][data-alert-sequence]").forEach(function (el) {
    seen[el.dataset.alertId] = true;
  });

  // The checkpoint: every alert up to it has reached this member (the list page is rendered with all of them,
  // its data-checkpoint says up to where). A detail page only asks for alerts newer than its own (data-show-after),
  // which is not a checkpoint: older alerts may not have been seen.
  function stored() {
    try { return parseInt(localStorage.getItem(storageKey) || "0", 10) || 0; } catch (e) { return 0; }
  }

  function checkpoint() {
    return Math.max(stored(), parseInt(root.dataset.checkpoint || "0", 10) || 0);
  }

  function remember(sequence) {
    if (sequence > stored()) {
      try { localStorage.setItem(storageKey, String(sequence)); } catch (e) { /* private mode: the page value still works */ }
    }
    root.dataset.checkpoint = String(Math.max(sequence, parseInt(root.dataset.checkpoint || "0", 10) || 0));
  }

  function setUnread(delta) {
    if (!badge || !badgeCount) { return; }
    var n = Math.max(0, (parseInt(badgeCount.textContent, 10) || 0) + delta);
    badgeCount.textContent = String(n);
    badge.hidden = n === 0;
  }

  function text(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = value;
    return el;
  }

  function severityText(severity) {
    return root.dataset["text" + severity.charAt(0).toUpperCase() + severity.slice(1)] || severity;
  }

  function acknowledge(alert, form, button) {
    // The button disappears: if it had focus, focus moves to the confirmation that replaces it, so a keyboard
    // or screen-reader user stays at this alert instead of being thrown back to the top of the page.
    var hadFocus = document.activeElement === button;
    button.disabled = true;
    fetch("/api/alerts/" + encodeURIComponent(alert.id) + "/acknowledgement", {
      method: "POST",
      credentials: "same-origin",
      headers: antiforgery ? { "RequestVerificationToken": antiforgery.value } : {}
    }).then(function (response) {
      if (!response.ok) { throw new Error("acknowledge failed: " + response.status); }
      var done = text("p", "alert-item__done", root.dataset.textAcknowledged || "✓");
      done.tabIndex = -1;
      form.replaceWith(done);
      if (hadFocus) { done.focus(); }
      var item = document.querySelector("[data-alert-id='" + alert.id + "']");
      if (item && item.classList.contains("is-unread")) {
        item.classList.remove("is-unread");
        setUnread(-1);
      }
    }).catch(function (e) {
      console.error(e);
      button.disabled = false;
      if (hadFocus) { button.focus(); }
    });
  }

  function render(alert) {
    var item = document.createElement("li");
    item.className = "alert-item alert-item--" + alert.severity + (alert.readAt ? "" : " is-unread");
    item.dataset.alertId = alert.id;
    item.dataset.alertSequence = String(alert.sequence);
    // An urgent alert is announced at once; the role goes on a wrapper so the list keeps its list items.
    var content = document.createElement("div");
    if (alert.severity === "urgent") {
      content.setAttribute("role", "alert");
    }
    item.appendChild(content);
    item = content;
    var title = document.createElement("h2");
    title.className = "alert-item__title";
    title.appendChild(text("span", "alert-item__severity", severityText(alert.severity)));
    title.appendChild(document.createTextNode(" "));
    var link = text("a", null, alert.title);
    link.href = "/Alerts/" + encodeURIComponent(alert.id);
    link.addEventListener("click", function () { report("AlertRead", alert.id); });
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(text("p", "hint", alert.postedBy + ", " + new Date(alert.postedAt).toLocaleString(document.documentElement.lang || undefined)));
    item.appendChild(text("p", "alert-item__body", alert.body));
    if (alert.requiresAcknowledgement && !alert.acknowledgedAt) {
      var form = document.createElement("form");
      form.className = "alert-item__ack";
      var button = text("button", "button button--primary", root.dataset.textAcknowledge || "OK");
      button.type = "button";
      button.addEventListener("click", function () { acknowledge(alert, form, button); });
      form.appendChild(button);
      item.appendChild(form);
    }
    return item.parentNode;
  }

  function report(method, id) {
    window.ppsLive.invoke(method, id).catch(function (e) { console.warn(method, e); });
  }

  // The one entry point for an alert, pushed or caught up: a second arrival of the same id is ignored.
  function show(alert, pushed) {
    if (seen[alert.id]) { return; }
    seen[alert.id] = true;
    if (pushed) { report("AlertDelivered", alert.id); }
    var item = render(alert);
    if (list) {
      var empty = document.querySelector("[data-alerts-empty]");
      if (empty) { empty.hidden = true; }
      list.insertBefore(item, list.firstChild);
    } else if (live) {
      live.insertBefore(item, live.firstChild);
    }
    if (!alert.readAt) { setUnread(1); }
  }

  window.ppsLive.on("AlertPosted", function (alert) { show(alert, true); });

  // The server answers a catch-up in pages (500 at most); ask again from the last sequence returned until done.
  var catchUpPage = 500;
  var showAfter = parseInt(root.dataset.showAfter || "0", 10) || 0;
  function catchUp(after) {
    var from = checkpoint();
    var start = Math.max(from, showAfter, after || 0);
    window.ppsLive.invoke("CatchUpAlerts", start).then(function (missed) {
      missed = missed || [];
      var highest = start;
      missed.forEach(function (alert) {
        show(alert, false);
        highest = Math.max(highest, alert.sequence);
      });
      // Complete from the checkpoint up to the highest sequence returned: that is the new checkpoint.
      if (start === from) { remember(highest); }
      if (missed.length >= catchUpPage) { catchUp(highest); }
    }).catch(function (e) { console.warn("CatchUpAlerts", e); });
  }

  window.ppsLive.onConnected(function () { catchUp(0); });

  // The poster's receipt list on the detail page updates live.
  var receipts = document.querySelector("[data-receipts]");
  if (receipts) {
    window.ppsLive.on("AlertReceiptChanged", function (summary) {
      if (summary.alertId !== receipts.dataset.receipts) { return; }
      ["recipients", "delivered", "read", "acknowledged"].forEach(function (key) {
        var cell = receipts.querySelector("[data-receipt-count='" + key + "']");
        if (cell) { cell.textContent = String(summary[key]); }
      });
      var missing = receipts.querySelector("[data-receipt-missing]");
      if (missing) {
        missing.replaceChildren.apply(missing, summary.notAcknowledged.map(function (m) { return text("li", null, m.name); }));
      }
      var everyone = receipts.querySelector("[data-receipt-everyone]");
      if (everyone) { everyone.hidden = summary.notAcknowledged.length > 0; }
    });
  }
})();
