// The organiser's attendee list follows RSVPs live. The server sends the whole list with a sequence
// number; an older message than the one shown is ignored.
(function () {
  "use strict";
  var table = document.getElementById("attendees");
  var labels = document.getElementById("attendee-labels");
  if (!table || !labels || !window.ppsLive) {
    return;
  }

  var meetingId = table.dataset.meeting;
  var lastSequence = -1;

  function label(a) {
    if (a.waitlisted) {
      return labels.dataset.waitlisted + " (" + a.waitlistPosition + ")";
    }
    return labels.dataset[a.response] || a.response;
  }

  function render(attendees) {
    var body = table.tBodies[0];
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    attendees.forEach(function (a) {
      var row = body.insertRow();
      [a.name, a.organisation || "", label(a), a.comment || ""].forEach(function (text) {
        row.insertCell().textContent = text;
      });
    });
  }

  window.ppsLive.on("RsvpChanged", function (message) {
    if (message.meetingId !== meetingId || message.sequence <= lastSequence) {
      return;
    }
    lastSequence = message.sequence;
    render(message.attendees);
  });

  // After a reconnect, answers may have come in while the connection was down.
  window.ppsLive.onConnected(function () {
    fetch("/api/meetings/" + meetingId + "/attendees", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (attendees) { if (attendees) { render(attendees); } })
      .catch(function () { /* the server-rendered list stays */ });
  });
})();
