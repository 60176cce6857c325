// The web shell's only script: keeps the main menu open on wide screens in browsers that cannot style
// <details> content (older than ::details-content). Everything works without it.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function sync() {
    var menu = document.querySelector("[data-nav-menu]");
    if (menu && wide.matches) {
      menu.open = true;
    }
  }
  document.addEventListener("DOMContentLoaded", sync);
  wide.addEventListener("change", sync);
})();
