// Every box of the page that scrolls can be reached and scrolled with the keyboard (WCAG
// 2.1.1): a code block, a display formula, a notebook cell or output, a table or (on a phone)
// a paragraph with a long inline formula gets tabindex="0" while its content overflows it,
// and loses it again when it no longer does (a wider window, a larger font). Boxes that fit
// add no stop to the tab order.
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

  var pending = 0;
  function later() {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(update);
  }

  document$.subscribe(function () {
    update();
    document.fonts.ready.then(later); // the math font changes the width of formulas
  });
  window.addEventListener("resize", later);
})();
