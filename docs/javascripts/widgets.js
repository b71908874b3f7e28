// Interactive figures ("widgets", issue 13).
//
// In the Markdown a widget is a figure that holds its static image (an ordinary Markdown image,
// whose link every site generator rewrites):
//
//   <figure class="nnbook-widget" data-widget="staircase-explorer" markdown>
//   <div class="nnbook-widget__static" markdown>
//   ![alt text](figures/staircase.svg){ loading=lazy }
//   </div>
//   <div class="nnbook-widget__hint" markdown>
//   What to try with the controls (shown only with them).
//   </div>
//   </figure>
//
// Without JavaScript the reader sees the image. With it, the stylesheet hides the image (and,
// lazy, it is never downloaded) unless the widget failed (data-state="failed") or the page is
// the print page (data-state="static", set here); the notebooks get the image alone
// (book/notebooks.py). With JavaScript,
// this script loads the widget's data, figures/<name>.json (computed by nnbook at the figure
// build, book/figures/), and its drawing code, javascripts/widgets/<name>.js, which registers
// a function nnbookWidgets[name](figure, data, kit). The kit below builds labelled controls
// and SVG plots; every plot records its scales (data-x, data-y) and every series its drawn
// geometry, so the tests can read the values back from the drawing. figure.dataset.state is
// "loading", then "ready" (or "failed", and the static image is shown). On a translated page
// the figure holds the widget's labels, data-text='{"English": "translation"}'
// (book/site/postbuild.py, from translations/<language>/widgets.yml): the kit shows every label it is given through
// that table, and kit.t(text) translates the pieces a widget builds itself.
(() => {
  "use strict";
  const SCRIPTS = new URL("widgets/", document.currentScript.src);
  const SVG = "http://www.w3.org/2000/svg";
  const registry = (window.nnbookWidgets = window.nnbookWidgets || {});
  const scripts = {};

  function el(tag, attrs = {}, ...children) {
    const node = tag.startsWith("svg:")
      ? document.createElementNS(SVG, tag.slice(4))
      : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, v);
    node.append(...children);
    return node;
  }

  // A label's text with its subscripts (z₀, ŷₖ) set as subscripts, <sub> or a lowered smaller
  // SVG tspan: Hangul fonts draw the Unicode subscript characters tiny.
  const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉ₖ", PLAIN = "0123456789k";
  function rich(text, svg = false) {
    return text.split(/([₀-₉ₖ]+)/u).filter(Boolean).map((part) => {
      if (!SUBSCRIPTS.includes(part[0])) return part;
      const plain = [...part].map((c) => PLAIN[SUBSCRIPTS.indexOf(c)]).join("");
      return svg ? el("svg:tspan", { "baseline-shift": "sub", "font-size": "75%" }, plain) : el("sub", {}, plain);
    });
  }

  function script(name) {
    scripts[name] ??= new Promise((resolve, reject) => {
      const s = el("script", { src: new URL(`${name}.js`, SCRIPTS) });
      s.onload = resolve;
      s.onerror = () => reject(new Error(`could not load ${s.src}`));
      document.head.append(s);
    });
    return scripts[name];
  }

  // The static figure's images (the light palette's: the dark ones are the same figures).
  const staticImages = (figure) =>
    [...figure.querySelectorAll(':scope > .nnbook-widget__static img:not([src$="#only-dark"])')];

  // Round tick values: about `count` of them between a and b.
  function ticks(a, b, count = 5) {
    const raw = (b - a) / count;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = mag * ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10);
    const out = [];
    for (let t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) out.push(+t.toPrecision(12));
    return out;
  }

  const fmt = (v, digits = 3) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : +v.toFixed(digits) + "");
  const tickText = (v) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(0) : +v.toPrecision(4) + "");

  // A plot: an <svg> with axes and named series, redrawn in place.
  function plot(parent, alt, o, t) {
    const W = o.width ?? 320, H = o.height ?? 220;
    const m = { left: o.left ?? 44, right: 10, top: 12, bottom: 34 };
    const [x0, x1] = o.x, [y0, y1] = o.y;
    const px = [m.left, W - m.right], py = [H - m.bottom, m.top];
    const scale = (kind, [d0, d1], [r0, r1]) => {
      const t = kind === "log" ? Math.log10 : (v) => v;
      return (v) => r0 + ((t(v) - t(d0)) / (t(d1) - t(d0))) * (r1 - r0);
    };
    const sx = scale(o.xscale, o.x, px), sy = scale(o.yscale, o.y, py);
    const svg = el("svg:svg", {
      viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": o.label ? t(o.label) : alt,
      "data-x": `${x0} ${x1} ${px[0]} ${px[1]} ${o.xscale ?? "linear"}`,
      "data-y": `${y0} ${y1} ${py[0]} ${py[1]} ${o.yscale ?? "linear"}`,
    });
    const axes = el("svg:g", { class: "nnbook-axes", "aria-hidden": "true" });
    const decades = (a, b) => ticks(Math.log10(a), Math.log10(b)).filter(Number.isInteger).map((e) => 10 ** e);
    const auto = (kind, a, b) => (kind === "log" ? decades(a, b) : ticks(a, b));
    for (const v of o.xticks ?? auto(o.xscale, x0, x1)) {
      axes.append(el("svg:line", { x1: sx(v), x2: sx(v), y1: py[0], y2: py[0] + 4 }),
        el("svg:text", { x: sx(v), y: py[0] + 15, "text-anchor": "middle" }, tickText(v)));
    }
    for (const v of o.yticks ?? auto(o.yscale, y0, y1)) {
      axes.append(el("svg:line", { x1: px[0] - 4, x2: px[0], y1: sy(v), y2: sy(v) }),
        el("svg:text", { x: px[0] - 6, y: sy(v) + 4, "text-anchor": "end" }, tickText(v)));
    }
    axes.append(el("svg:path", { d: `M${px[0]},${py[1]}V${py[0]}H${px[1]}`, fill: "none" }),
      el("svg:text", { x: (px[0] + px[1]) / 2, y: H - 4, "text-anchor": "middle", class: "nnbook-label" }, ...rich(t(o.xlabel ?? ""), true)),
      el("svg:text", { x: 12, y: (py[0] + py[1]) / 2, "text-anchor": "middle", class: "nnbook-label",
        transform: `rotate(-90 12 ${(py[0] + py[1]) / 2})` }, ...rich(t(o.ylabel ?? ""), true)));
    const clipId = `${o.id ?? "plot"}-clip-${Math.random().toString(36).slice(2, 8)}`;
    const area = el("svg:rect", { x: px[0], y: py[1], width: px[1] - px[0], height: py[0] - py[1] });
    const body = el("svg:g", { "clip-path": `url(#${clipId})` });
    svg.append(el("svg:clipPath", { id: clipId }, area), axes, body);
    parent.append(svg);

    const series = {};
    const xy = (x, y) => `${sx(x).toFixed(2)},${sy(y).toFixed(2)}`;
    function get(name, tag, cls) {
      series[name] ??= body.appendChild(el(tag, { "data-series": name }));
      series[name].setAttribute("class", `nnbook-series ${cls ?? ""}`);
      return series[name];
    }
    return {
      svg, sx, sy,
      // A curve through (xs[i], ys[i]); several curves if xs and ys are lists of lists; none
      // if they are empty.
      line(name, xs, ys, cls) {
        const g = get(name, "svg:g", cls);
        const parts = !xs.length ? [] : Array.isArray(xs[0]) ? xs.map((x, i) => [x, ys[i]]) : [[xs, ys]];
        g.replaceChildren(...parts.map(([a, b]) => el("svg:polyline", { points: a.map((x, i) => xy(x, b[i])).join(" ") })));
      },
      // Markers of radius r at (xs[i], ys[i]); classes[i] (optional) styles each one.
      points(name, xs, ys, cls, classes = [], r = 4.5) {
        const g = get(name, "svg:g", cls);
        g.replaceChildren(...xs.map((x, i) => el("svg:circle", { cx: sx(x).toFixed(2), cy: sy(ys[i]).toFixed(2), r, class: classes[i] })));
      },
      // Filled rectangles [x0, x1] × [y0, y1], e.g. cells of a field; classes[i] styles each.
      cells(name, rects, cls, classes = []) {
        const g = get(name, "svg:g", cls);
        g.replaceChildren(...rects.map(([a, b, c, d], i) => el("svg:rect", {
          x: sx(a).toFixed(2), width: (sx(b) - sx(a)).toFixed(2),
          y: sy(d).toFixed(2), height: (sy(c) - sy(d)).toFixed(2), class: classes[i],
        })));
      },
      text(name, x, y, content, cls) {
        const node = get(name, "svg:text", cls);
        node.setAttribute("x", sx(x).toFixed(2));
        node.setAttribute("y", sy(y).toFixed(2));
        node.textContent = t(content);
      },
    };
  }

  function kit(figure, alt, text) {
    const t = (s) => text[s] ?? s;
    const controls = el("div", { class: "nnbook-widget__controls" });
    const panels = el("div", { class: "nnbook-widget__panels" });
    const legend = el("p", { class: "nnbook-widget__legend" });
    const readout = el("p", { class: "nnbook-widget__readout", "aria-live": "polite" });
    figure.append(controls, legend, panels, readout);
    const redraws = [];
    const redraw = () => redraws.forEach((f) => f());
    let ids = 0;
    const id = () => `${figure.dataset.widget}-${++ids}-${Math.random().toString(36).slice(2, 6)}`;

    return {
      fmt, t,
      // A slider over a list of values; .value() is the chosen one.
      slider({ label, values, index = 0, format = (v) => `${v}` }) {
        const input = el("input", { type: "range", min: 0, max: values.length - 1, step: 1, id: id() });
        input.value = index;
        const output = el("output", { for: input.id });
        const show = () => {
          output.textContent = format(values[+input.value]);
          input.setAttribute("aria-valuetext", output.textContent);
        };
        input.addEventListener("input", () => { show(); redraw(); });
        controls.append(el("span", { class: "nnbook-widget__control" }, el("label", { for: input.id }, ...rich(t(label))), input, output));
        show();
        return Object.assign(input, { values, current: () => values[+input.value], show });
      },
      // A drop-down list of options [value, text]; .value is the chosen value.
      choice({ label, options, value }) {
        const select = el("select", { id: id() }, ...options.map(([v, s]) => el("option", { value: v }, t(s))));
        if (value != null) select.value = value;
        select.addEventListener("change", redraw);
        controls.append(el("span", { class: "nnbook-widget__control" }, el("label", { for: select.id }, ...rich(t(label))), select));
        return select;
      },
      // A play/pause button that steps `slider` to its end, one value every `ms` milliseconds.
      player(slider, ms = 350) {
        const button = el("button", { type: "button", class: "md-button", "aria-pressed": "false" }, t("Play"));
        let timer = null;
        const stop = () => {
          clearInterval(timer);
          timer = null;
          button.textContent = t("Play");
          button.setAttribute("aria-pressed", "false");
        };
        const step = () => {
          if (+slider.value >= +slider.max) return stop();
          slider.value = +slider.value + 1;
          slider.dispatchEvent(new Event("input"));
        };
        button.addEventListener("click", () => {
          if (timer) return stop();
          if (+slider.value >= +slider.max) slider.value = 0;
          button.textContent = t("Pause");
          button.setAttribute("aria-pressed", "true");
          step();
          timer = setInterval(step, ms);
        });
        slider.addEventListener("pointerdown", stop);
        slider.addEventListener("keydown", stop);
        controls.append(button);
        return button;
      },
      // An SVG plot (see plot()); o: x, y ([min, max]), xscale and yscale ("linear" or "log"),
      // xticks, yticks, xlabel, ylabel, label (its accessible name), width, height, left (the
      // margin for the y tick labels, 44 by default). Series: line, points (a class per marker
      // in `classes`, e.g. "hollow"), cells, text.
      plot: (o) => plot(panels, alt, o, t),
      // A named number or word in the text under the plots: set(name, text).
      value(name, label) {
        const out = el("output", { "data-value": name });
        readout.append(el("span", { class: "nnbook-widget__value" }, ...rich(`${t(label)} `), out));
        return (text) => { out.textContent = text; };
      },
      // A key to the series: items [class, text], drawn as a short line in that style.
      legend(items) {
        legend.replaceChildren(...items.map(([cls, text]) => el("span", { class: "nnbook-widget__key" },
          el("svg:svg", { viewBox: "0 0 24 8", "aria-hidden": "true" },
            el("svg:line", { x1: 1, x2: 23, y1: 4, y2: 4, class: `nnbook-series ${cls}` })), ...rich(t(text)))));
      },
      // Run `draw` now and whenever a control moves.
      draw(draw) {
        redraws.push(draw);
        draw();
      },
    };
  }

  async function start(figure) {
    const name = figure.dataset.widget;
    const images = staticImages(figure);
    const alt = images.map((i) => i.getAttribute("alt")).join(" ");
    figure.dataset.state = "loading";
    try {
      const url = new URL(`${name}.json`, new URL(images[0].getAttribute("src"), document.baseURI));
      const [response] = await Promise.all([fetch(url), script(name)]);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const data = await response.json();
      if (!registry[name]) throw new Error(`${name}.js registered no widget ${name}`);
      registry[name](figure, data, kit(figure, alt, JSON.parse(figure.dataset.text ?? "{}")));
      figure.dataset.state = "ready";
    } catch (error) {
      figure.querySelectorAll(":scope > :not(.nnbook-widget__static)").forEach((n) => n.remove());
      figure.dataset.state = "failed";
      console.error(`widget ${name}:`, error);
    }
  }

  document$.subscribe(() => {
    const figures = document.querySelectorAll(".nnbook-widget[data-widget]:not([data-state])");
    if (document.getElementById("print-site-page")) {
      // the print page keeps the static figures, loaded now to be printed
      figures.forEach((f) => {
        f.dataset.state = "static";
        staticImages(f).forEach((i) => { i.loading = "eager"; });
      });
      return;
    }
    figures.forEach(start);
  });
})();
