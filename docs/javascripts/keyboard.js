// Keyboard access (WCAG 2.1.1 and 2.4.3).
//
// 1. A link to a place on the same page (the "Skip to content" link, the table of contents,
//    footnotes) moves the keyboard focus there. Material's instant navigation handles these
//    links itself, and for some (the skip link) swaps in a fresh copy of the page: the focus
//    was lost, and the next Tab after "Skip to content" went back to the header. The target
//    is focused when the link is followed and again once a swapped page is in place.
// 2. Every box that scrolls can be reached and scrolled with the keyboard: a code block, a
//    display formula, a notebook cell or output, a table or (on a phone) a paragraph with a
//    long inline formula gets tabindex="0" while its content overflows it, and loses it again
//    when it no longer does (a wider window, a larger font). Boxes that fit add no tab stop.
(function () {
  "use strict";
  var BOXES = "pre, code, div, p, li, dd, table";

  function scrolls(box) {
    var style = window.getComputedStyle(box);
    var x = /auto|scroll/.test(style.overflowX) && box.scrollWidth > box.clientWidth;
    var y = /auto|scroll/.test(style.overflowY) && box.scrollHeight > box.clientHeight;
    return x || y;
  }

  function update() {
    var content = document.querySelector(".md-content");
    if (!content) return;
    content.querySelectorAll(BOXES).forEach(function (box) {
      var ours = box.hasAttribute("data-nnbook-scroll");
      if (scrolls(box)) {
        if (!ours && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("data-nnbook-scroll", "");
        }
      } else if (ours) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-nnbook-scroll");
      }
    });
  }

  var wanted = null; // the id a same-page link led to

  function focusWanted() {
    var target = wanted && document.getElementById(wanted);
    if (!target || window.location.hash !== "#" + encodeURIComponent(wanted)) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest("a[href*='#']");
      if (!link || link.pathname !== window.location.pathname || !link.hash) return;
      wanted = decodeURIComponent(link.hash.slice(1));
      window.setTimeout(focusWanted); // after Material has updated the address
    },
    true, // capture: Material's own handler stops the click from bubbling
  );

  var pending = 0;
  function later() {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(update);
  }

  document$.subscribe(function () {
    focusWanted();
    update();
    document.fonts.ready.then(later); // the math font changes the width of formulas
  });
  window.addEventListener("resize", later);
})();
