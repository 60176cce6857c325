// Picking an incident's point on the estate map by a click or the arrow keys (map-picker.js): fills the longitude
// and latitude fields, which work on their own without script. A point outside the outline is allowed here (the
// server asks to confirm it), so unlike the signal forms nothing is refused.
(function () {
  "use strict";
  var picker = window.ppsMapPicker;
  document.querySelectorAll("svg[data-pick]").forEach(function (svg) {
    var lon = document.getElementById("lon"), lat = document.getElementById("lat"), unit = document.getElementById("unit");
    var marker = svg.querySelector("#pick-marker"), outline = svg.querySelector("polygon");
    if (!picker || !lon || !lat || !marker || !outline || !picker.usable(svg)) {
      return;
    }
    svg.classList.add("watch-map--clickable");
    // Keyboard placing needs the focused map to receive the arrow keys.
    svg.setAttribute("tabindex", "0");
    svg.setAttribute("role", "application");
    picker.attach(svg, marker, outline, function (_, x, y) {
      var point = picker.toLonLat(svg, x, y);
      lon.value = point.lon.toFixed(6);
      lat.value = point.lat.toFixed(6);
      if (unit) {
        unit.value = "";
      }
      marker.setAttribute("cx", x.toFixed(1));
      marker.setAttribute("cy", y.toFixed(1));
      marker.classList.add("is-set");
    });
  });
})();
