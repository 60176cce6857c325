// The report form's location picker: shows the map of the chosen business park, and a click (or the arrow keys on
// the focused map, both from map-picker.js) places a pin and fills the latitude/longitude fields. Without this script the fields, the
// premises list and the address do the same job. Coordinates are written with a point, whatever the page language:
// the server reads them culture-invariantly.
(function () {
  "use strict";
  var maps = document.querySelector("[data-signal-maps]");
  if (!maps) { return; }
  var form = maps.closest("form");
  var estate = form.querySelector("#estateId");
  var unit = form.querySelector("#unitId");
  var tenant = form.querySelector("#tenant");
  var lat = form.querySelector("#latitude");
  var lon = form.querySelector("#longitude");
  var status = maps.querySelector("[data-map-status]");
  var empty = maps.querySelector("[data-map-empty]");
  var picker = window.ppsMapPicker;
  if (!picker) { return; }

  function figures() { return Array.prototype.slice.call(maps.querySelectorAll(".signal-map")); }

  var toLonLat = picker.toLonLat, toXY = picker.toXY;

  function inside(svg, x, y) {
    var outline = svg.querySelector(".signal-map__outline");
    var p = svg.createSVGPoint();
    p.x = x; p.y = y;
    return outline.isPointInFill ? outline.isPointInFill(p) : true;
  }

  function pin(svg) { return svg.querySelector(".signal-map__pin"); }

  function place(svg, x, y, announce) {
    if (!inside(svg, x, y)) {
      status.textContent = maps.getAttribute("data-msg-outside");
      return false;
    }
    var marker = pin(svg);
    marker.setAttribute("cx", x.toFixed(1));
    marker.setAttribute("cy", y.toFixed(1));
    marker.classList.add("is-set");
    var point = toLonLat(svg, x, y);
    lat.value = point.lat.toFixed(6);
    lon.value = point.lon.toFixed(6);
    // A spot on the map replaces a chosen premises: the server takes the premises first.
    if (unit) { unit.value = ""; }
    if (announce) { status.textContent = maps.getAttribute("data-msg-set") + " " + lat.value + ", " + lon.value; }
    return true;
  }

  function clearPins() {
    figures().forEach(function (f) { pin(f.querySelector("svg")).classList.remove("is-set"); });
  }

  function current() {
    var shown = figures().filter(function (f) { return !f.hidden; })[0];
    return shown ? shown.querySelector("svg") : null;
  }

  function show() {
    var id = estate.value;
    var any = false;
    figures().forEach(function (f) {
      var match = f.getAttribute("data-estate") === id;
      f.hidden = !match;
      any = any || match;
    });
    empty.hidden = any;
    if (unit) {
      Array.prototype.forEach.call(unit.querySelectorAll("optgroup"), function (g) {
        var match = !id || g.getAttribute("data-estate") === id;
        g.hidden = !match;
        g.disabled = !match;
      });
    }
    syncPin();
  }

  // Typed coordinates move the pin too, so the map and the fields never disagree.
  function syncPin() {
    clearPins();
    var svg = current();
    var la = parseFloat((lat.value || "").replace(",", "."));
    var lo = parseFloat((lon.value || "").replace(",", "."));
    if (!svg || isNaN(la) || isNaN(lo)) { return; }
    var xy = toXY(svg, lo, la);
    if (inside(svg, xy.x, xy.y)) {
      var marker = pin(svg);
      marker.setAttribute("cx", xy.x.toFixed(1));
      marker.setAttribute("cy", xy.y.toFixed(1));
      marker.classList.add("is-set");
    }
  }

  figures().forEach(function (f) {
    var svg = f.querySelector("svg");
    picker.attach(svg, pin(svg), svg.querySelector(".signal-map__outline"), function (_, x, y) { place(svg, x, y, true); });
  });

  estate.addEventListener("change", function () {
    var chosen = estate.options[estate.selectedIndex];
    var slug = chosen && chosen.getAttribute("data-tenant");
    if (tenant && slug) { tenant.value = slug; }
    show();
  });
  if (unit) {
    unit.addEventListener("change", function () {
      var chosen = unit.options[unit.selectedIndex];
      var id = chosen && chosen.getAttribute("data-estate");
      if (id && estate.value !== id) { estate.value = id; show(); }
      if (unit.value) { lat.value = ""; lon.value = ""; clearPins(); }
    });
  }
  lat.addEventListener("input", syncPin);
  lon.addEventListener("input", syncPin);

  maps.hidden = false;
  show();
})();
