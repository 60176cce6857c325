// Alerts in the browser: show each alert exactly once, however it arrived (pushed live, or returned by
// CatchUpAlerts after a (re)connect), and keep the last sequence seen per member so nothing is missed.
(function () {
  "use strict";
  var root = document.querySelector("[data-alerts-page]");
  if (!root || !window.ppsLive) {
    return;
  }

  var member = root.dataset.member;
  var storageKey = "pps.alerts.lastSequence." + member;
  var seen = {};
  var list = document.querySelector("[data-alerts-list]");
  var live = document.querySelector("[data-alerts-live]");
  var badge = document.querySelector("[data-alerts-unread]");
  var badgeCount = document.querySelector("[data-alerts-unread-count]");
  var antiforgery = document.querySelector("input[name='__RequestVerificationToken']");

  document.querySelectorAll("[data-alert-id][data-alert-sequence]").forEach(function (el) {
    seen[el.dataset.alertId] = true;
  });

  function lastSequence() {
    var stored = 0;
    try { stored = parseInt(localStorage.getItem(storageKey) || "0", 10) || 0; } catch (e) { stored = 0; }
    // The page itself was rendered with everything up to its own last sequence.
    return Math.max(stored, parseInt(root.dataset.lastSequence || "0", 10) || 0);
  }

  function remember(sequence) {
    if (sequence > lastSequence()) {
      try { localStorage.setItem(storageKey, String(sequence)); } catch (e) { /* private mode: the page value still works */ }
      root.dataset.lastSequence = String(sequence);
    }
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
    remember(alert.sequence);
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

  // The server answers a catch-up in pages (500 at most); ask again from the new last sequence until done.
  var catchUpPage = 500;
  function catchUp() {
    window.ppsLive.invoke("CatchUpAlerts", lastSequence()).then(function (missed) {
      (missed || []).forEach(function (alert) { show(alert, false); });
      if (missed && missed.length >= catchUpPage) { catchUp(); }
    }).catch(function (e) { console.warn("CatchUpAlerts", e); });
  }

  window.ppsLive.onConnected(catchUp);

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
