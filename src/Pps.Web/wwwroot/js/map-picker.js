// Shared by the estate maps that pick a point (signal report forms, watch incidents): the inverse of the server's
// projection (Features/Tenancy/EstateProjection.cs), read from the svg's data-min-lon, data-max-lat, data-k,
// data-scale and data-pad, and the two ways of choosing a spot: a click, or the arrow keys on the focused map.
(function () {
  "use strict";
  var step = 6;

  function num(svg, name) { return parseFloat(svg.getAttribute("data-" + name)); }

  function usable(svg) { return num(svg, "scale") > 0 && num(svg, "k") > 0; }

  // SVG units back to WGS84.
  function toLonLat(svg, x, y) {
    var pad = num(svg, "pad"), scale = num(svg, "scale");
    return {
      lon: num(svg, "min-lon") + (x - pad) / (num(svg, "k") * scale),
      lat: num(svg, "max-lat") - (y - pad) / scale
    };
  }

  function toXY(svg, lon, lat) {
    var pad = num(svg, "pad"), scale = num(svg, "scale");
    return {
      x: pad + (lon - num(svg, "min-lon")) * num(svg, "k") * scale,
      y: pad + (num(svg, "max-lat") - lat) * scale
    };
  }

  // Calls choose(svg, x, y) in SVG units on a click, and on an arrow key from the pin (or, first, the outline's middle).
  function attach(svg, pin, outline, choose) {
    svg.addEventListener("click", function (e) {
      var ctm = svg.getScreenCTM();
      if (!ctm) { return; }
      var p = svg.createSVGPoint();
      p.x = e.clientX; p.y = e.clientY;
      var local = p.matrixTransform(ctm.inverse());
      choose(svg, local.x, local.y);
    });
    svg.addEventListener("keydown", function (e) {
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      var move = moves[e.key];
      if (!move) { return; }
      e.preventDefault();
      var x, y;
      if (pin.classList.contains("is-set")) {
        x = parseFloat(pin.getAttribute("cx")) + move[0];
        y = parseFloat(pin.getAttribute("cy")) + move[1];
      } else {
        var box = outline.getBBox();
        x = box.x + box.width / 2;
        y = box.y + box.height / 2;
      }
      choose(svg, x, y);
    });
  }

  window.ppsMapPicker = { toLonLat: toLonLat, toXY: toXY, usable: usable, attach: attach };
})();
