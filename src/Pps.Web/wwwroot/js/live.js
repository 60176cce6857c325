// One SignalR connection per page to /hubs/live, shared by every capability's script.
// Capabilities register handlers with ppsLive.on("EventName", fn) and catch-up work with
// ppsLive.onConnected(fn), which runs after the first connect and after every reconnect
// (the server may have sent things while the connection was down).
(function () {
  "use strict";
  if (!window.signalR || !document.body || document.body.dataset.authenticated !== "true") {
    return;
  }

  function jittered(ceiling) {
    return 250 + Math.random() * Math.max(0, ceiling - 250);
  }

  var handlers = {};
  var connectedCallbacks = [];
  var statusListeners = [];
  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live")
    .withAutomaticReconnect({
      // Never give up: back off exponentially to at most 10 s, with "full jitter" (a random delay up to the back-off):
      // after a restart or deployment thousands of pages lose the connection in the same second, and without
      // jitter they all come back in the same second too, again and again (reconnect storm, docs/benchmarks).
      nextRetryDelayInMilliseconds: function (ctx) {
        return jittered(Math.min(10000, 1000 * Math.pow(2, Math.min(ctx.previousRetryCount, 4))));
      }
    })
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  function setStatus(status) {
    document.documentElement.dataset.live = status;
    statusListeners.forEach(function (fn) { try { fn(status); } catch (e) { console.error(e); } });
  }

  function runConnected() {
    setStatus("connected");
    connectedCallbacks.forEach(function (fn) {
      try { fn(connection); } catch (e) { console.error(e); }
    });
  }

  function start() {
    setStatus("connecting");
    connection.start().then(runConnected).catch(function (e) {
      setStatus("disconnected");
      // 403: this sign-in may not use the hub (no tenant, or two-factor enrolment still required): retrying cannot help.
      if (e && e.statusCode === 403) { return; }
      setTimeout(start, jittered(5000));
    });
  }

  connection.onreconnecting(function () { setStatus("reconnecting"); });
  connection.onreconnected(runConnected);
  connection.onclose(function () {
    setStatus("disconnected");
    if (!sessionEnded) { setTimeout(start, jittered(5000)); }
  });
  connection.on("Reconnect", function () { connection.stop(); });
  // Signed out (perhaps in another tab) or rights changed: the server closes the connection and refuses the old
  // sign-in, so reconnecting is pointless; reloading shows the page as the new rights allow (or the log-in).
  // When this page itself is logging out, its form post is already on its way to the home page: a reload now
  // would cancel that navigation and land on the log-in page instead.
  var sessionEnded = false;
  var loggingOut = false;
  document.addEventListener("submit", function (e) {
    var action = e.target && e.target.getAttribute ? (e.target.getAttribute("action") || "") : "";
    if (action.toLowerCase() === "/account/logout") { loggingOut = true; }
  });
  connection.on("SessionEnded", function () {
    sessionEnded = true;
    if (!loggingOut) { window.location.reload(); }
  });
  // The server lost track of what reached us (backplane outage): catch up, with jitter so that thousands of
  // clients do not ask in the same second.
  connection.on("CatchUp", function () { setTimeout(runConnected, Math.random() * 3000); });
  // A cheap safety net: catch up every five minutes even when nothing seemed to go wrong.
  setInterval(function () {
    if (connection.state === signalR.HubConnectionState.Connected) { runConnected(); }
  }, 300000);

  window.ppsLive = {
    connection: connection,
    on: function (name, fn) {
      if (!handlers[name]) {
        handlers[name] = [];
        connection.on(name, function () {
          var args = arguments;
          handlers[name].forEach(function (h) { try { h.apply(null, args); } catch (e) { console.error(e); } });
        });
      }
      handlers[name].push(fn);
    },
    onConnected: function (fn) {
      connectedCallbacks.push(fn);
      if (connection.state === signalR.HubConnectionState.Connected) { fn(connection); }
    },
    onStatus: function (fn) { statusListeners.push(fn); },
    invoke: function () { return connection.invoke.apply(connection, arguments); }
  };

  // Start after the other deferred scripts have registered their handlers.
  document.addEventListener("DOMContentLoaded", start);
})();
