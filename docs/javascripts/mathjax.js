// MathJax 3 configuration for nnbook. Loaded before assets/mathjax/startup.js, which
// hooks/mathjax.py copies into the site with the components below: no CDN, no request to
// another host.
//
// - Components instead of the all-in-one tex-mml-chtml.js: the same TeX input and CommonHTML
//   output without the 426 kB right-click menu.
// - pymdownx.arithmatex (generic mode) wraps page math in .arithmatex elements as \(..\) and
//   \[..\]; notebook pages (mkdocs-jupyter) keep Jupyter's $..$ and $$..$$ inside their
//   rendered-markdown cells. Only those elements are processed.
// - The noundefined package is removed and TeX errors are logged with console.error, so an
//   unknown macro or a syntax error fails the browser test instead of rendering in red.
window.MathJax = {
  loader: {
    load: ["input/tex", "output/chtml", "a11y/assistive-mml"],
  },
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
    packages: { "[-]": ["noundefined"] },
    formatError(jax, err) {
      const source = jax.latex ? " in: " + jax.latex : "";
      console.error("MathJax TeX error: " + err.message + source);
      return jax.formatError(err);
    },
  },
  options: {
    // Every element with a class is ignored (and so is its subtree) unless it matches
    // processHtmlClass. Unlike Material's ".*|", ".+" does not match class-less elements, so
    // the <p> and <li> inside a notebook's markdown cell are searched too.
    ignoreHtmlClass: ".+",
    // nnbook-math: tables of notebook markdown cells (hooks/notebooks.py).
    processHtmlClass: "arithmatex|jp-RenderedMarkdown|jp-MarkdownOutput|nnbook-math",
  },
  startup: {
    ready() {
      MathJax.startup.defaultReady();
      window.nnbookMathReady = MathJax.startup.promise;
    },
  },
};

// Material's instant navigation swaps the page content without a reload: typeset again.
// The first emission is the initial page, which MathJax's startup typesets by itself.
if (typeof document$ !== "undefined") {
  let initial = true;
  document$.subscribe(() => {
    if (initial) {
      initial = false;
      return;
    }
    if (!window.MathJax || !MathJax.startup || !MathJax.startup.promise) return;
    MathJax.startup.promise = MathJax.startup.promise.then(() => {
      MathJax.startup.output.clearCache();
      MathJax.typesetClear();
      MathJax.texReset();
      return MathJax.typesetPromise();
    }).catch((err) => console.error("MathJax typeset failed: " + err));
    window.nnbookMathReady = MathJax.startup.promise;
  });
}
