// The language switcher keeps the reader on the same page, at the same place (issue 15).
//
// mkdocs-static-i18n writes each page's own links into the header's language list, but
// Material's instant navigation swaps the page without the header: after one click the list
// would still point to the first page's twins. So the links are set again on every page: the
// English page <root>/xor/#notation and the Korean <root>/ko/xor/#notation are each other's
// twins (the translations keep the English anchors). A page in one language only (the API
// reference, the notebooks, the print page, the 404 page; the Korean glossary) leads to the
// other language's introduction.
(() => {
  "use strict";
  const ONE_LANGUAGE = /^(reference|notebooks|print_page|glossary)\//; // no twin

  const root = () => __md_scope.href; // the site's root, e.g. https://nnbook.github.io/nnbook/
  // The language of a page of the site, from its address: "ko" under ko/, else English.
  const languageOf = (href) => (href.startsWith(`${root()}ko/`) ? "ko" : "en");

  function update() {
    const here = location.href.split("#")[0];
    if (!here.startsWith(root())) return;
    let page = here.slice(root().length);
    const lang = languageOf(here);
    if (lang !== "en") page = page.slice(lang.length + 1);
    for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
      const prefix = link.hreflang === "en" ? "" : `${link.hreflang}/`;
      const alone = ONE_LANGUAGE.test(page) || document.getElementById("page-not-found");
      const target = link.hreflang !== lang && alone ? "" : page;
      link.href = root() + prefix + target + (target === page ? location.hash : "");
    }
  }

  document$.subscribe(update);
  // A link into the other language loads the page afresh: instant navigation swaps only the
  // content, and would leave the header, the search and <html lang> in the old language. The
  // switcher's own links are brought up to date first (the #anchor follows the reading).
  document.addEventListener(
    "click",
    (e) => {
      const link = e.target.closest?.("a[href]");
      if (!link || e.metaKey || e.ctrlKey || e.shiftKey || link.target) return;
      if (link.matches(".md-select__link")) update();
      if (link.href.startsWith(root()) && languageOf(link.href) !== languageOf(location.href)) {
        e.preventDefault();
        e.stopImmediatePropagation();
        location.assign(link.href);
      }
    },
    true,
  );
})();
