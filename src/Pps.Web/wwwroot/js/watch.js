// Picking an incident's point by clicking the estate map: fills the longitude and latitude fields (which work on their own without script).
(function () {
  "use strict";
  document.querySelectorAll("svg[data-pick]").forEach(function (svg) {
    var d = svg.dataset;
    var minLon = parseFloat(d.minLon), maxLat = parseFloat(d.maxLat), k = parseFloat(d.k), scale = parseFloat(d.scale), pad = parseFloat(d.pad);
    var lon = document.getElementById("lon"), lat = document.getElementById("lat"), unit = document.getElementById("unit");
    var marker = svg.querySelector("#pick-marker");
    if (!lon || !lat || !(scale > 0) || !(k > 0)) {
      return;
    }
    svg.classList.add("watch-map--clickable");
    svg.addEventListener("click", function (e) {
      var ctm = svg.getScreenCTM();
      if (!ctm) {
        return;
      }
      var p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
      lon.value = (minLon + (p.x - pad) / (k * scale)).toFixed(6);
      lat.value = (maxLat - (p.y - pad) / scale).toFixed(6);
      if (unit) {
        unit.value = "";
      }
      if (marker) {
        marker.setAttribute("cx", p.x.toFixed(1));
        marker.setAttribute("cy", p.y.toFixed(1));
      }
    });
  });
})();
