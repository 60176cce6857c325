// The web shell's only script. Everything works without it.
// 1. Keeps the main menu open on wide screens in browsers that cannot style <details> content (older than
//    ::details-content).
// 2. A table wider than the screen scrolls inside its .table-wrap. Keyboard users can only scroll it if the
//    wrapper takes focus (WCAG 2.1.1), and a focusable wrapper needs a name, so it becomes a region named by the
//    table's caption or the nearest heading before it. Only while it really scrolls: a wrapper that fits is no tab
//    stop. Wrappers the page already made focusable are left alone. (Without JavaScript, current Chromium and
//    Firefox make such scrollers focusable themselves.)
// 3. Registers the service worker (/sw.js) on every page, so the hub is installable from the first visit and
//    not only after /Reach, and tells it to forget the member's cached alerts when they log out.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function sync() {
    var menu = document.querySelector("[data-nav-menu]");
    if (menu && wide.matches) {
      menu.open = true;
    }
  }

  var next = 0;
  function labelFor(wrap) {
    var caption = wrap.querySelector("caption");
    var heading = null;
    for (var node = wrap; node && node !== document.body && !heading; node = node.parentElement) {
      for (var sib = node.previousElementSibling; sib && !heading; sib = sib.previousElementSibling) {
        heading = sib.matches("h1, h2, h3, h4") ? sib : sib.querySelector("h1, h2, h3, h4");
      }
    }
    var target = caption || heading || document.querySelector("h1");
    if (!target) {
      return null;
    }
    if (!target.id) {
      next += 1;
      target.id = "pps-scroll-label-" + next;
    }
    return target.id;
  }

  function scrollers() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex") && !wrap.hasAttribute("data-pps-scroller")) {
        return;
      }
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("data-pps-scroller")) {
        var label = labelFor(wrap);
        wrap.setAttribute("data-pps-scroller", "");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (label) {
          wrap.setAttribute("aria-labelledby", label);
        }
      } else if (!scrolls && wrap.hasAttribute("data-pps-scroller")) {
        wrap.removeAttribute("data-pps-scroller");
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-labelledby");
      }
    });
  }

  var pending = false;
  function onResize() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        scrollers();
      });
    }
  }

  function serviceWorker() {
    if (!("serviceWorker" in navigator)) {
      return;
    }
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      // Not installable here (private window, blocked by policy): the hub works the same without it.
    });
    // The worker also clears on the logout request itself; this covers a worker that is not yet in control.
    document.querySelectorAll("form[action='/Account/Logout']").forEach(function (form) {
      form.addEventListener("submit", function () {
        if (navigator.serviceWorker.controller) {
          navigator.serviceWorker.controller.postMessage({ type: "logout" });
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    sync();
    scrollers();
    serviceWorker();
  });
  wide.addEventListener("change", sync);
  window.addEventListener("resize", onResize);
})();
