// Perceptron learning (perceptron): AND, OR or XOR, epoch by epoch; the line w·x + b = 0, the
// misclassified set M(w) (hollow markers), and J(w) and |M| so far.
// Data: book/figures/perceptron.py, perceptron_learning().
window.nnbookWidgets["perceptron-learning"] = (figure, data, kit) => {
  const [x0, x1, y0, y1] = data.plane;
  const last = Math.max(...Object.values(data.gates).map((g) => g.J.length - 1));
  const gate = kit.choice({ label: "Gate", options: Object.keys(data.gates).map((g) => [g, g]) });
  const epoch = kit.slider({ label: "Epoch", values: [...Array(last + 1).keys()] });
  kit.player(epoch, 600);
  const plane = kit.plot({
    x: [x0, x1], y: [y0, y1], xticks: [0, 1], yticks: [0, 1], width: 250, xlabel: "x1", ylabel: "x2",
    label: "the four inputs, the decision line and the misclassified points",
  });
  const history = kit.plot({
    x: [-0.4, last + 0.4], y: [-0.3, 4.4], yticks: [0, 1, 2, 3, 4], width: 250, xlabel: "epoch t", ylabel: "J(w), |M|",
    label: "the perceptron criterion J and the number of misclassified points per epoch",
  });
  kit.legend([["c1", "y = +1"], ["c2", "y = −1"], ["ink hollow", "in M(w)"], ["ink", "w·x + b = 0"],
    ["c3", "J(w)"], ["c4 dashed", "|M|"]]);
  // the keys of the three kinds of point: a marker instead of a line
  const svgEl = (tag, attrs) => {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  };
  figure.querySelectorAll(".nnbook-widget__key svg").forEach((svg, i) => {
    if (i > 2) return;
    const [cls, ring] = svg.firstChild.getAttribute("class").split(" hollow");
    const g = svgEl("g", { class: cls });
    g.append(svgEl("circle", { cx: 12, cy: 4, r: 3.2, class: ring == null ? "" : "hollow" }));
    svg.firstChild.replaceWith(g);
  });
  const show = {
    t: kit.value("epoch", "epoch"), m: kit.value("M", "|M|"), J: kit.value("J", "J(w)"),
    w: kit.value("w", "w ="), b: kit.value("b", "b ="),
  };

  kit.draw(() => {
    const g = data.gates[gate.value];
    epoch.max = g.J.length - 1; // OR converges sooner: its slider ends there
    epoch.show();
    const t = +epoch.value, M = g.M[t], w = g.w[t], ts = [...Array(t + 1).keys()];
    const classes = g.y.map((y, n) => `${y > 0 ? "c1" : "c2"}${M.includes(n) ? " hollow" : ""}`);
    plane.points("inputs", data.X.map((p) => p[0]), data.X.map((p) => p[1]), "", classes);
    const seg = g.line[t];
    plane.line("boundary", seg ? [seg[0], seg[2]] : [], seg ? [seg[1], seg[3]] : [], "ink");
    plane.text("note", x0 + 0.08, y1 - 0.12, seg ? "" : w[0] || w[1] ? "the line is off the plot" : "w = (0, 0): no line", "ink");
    const m = g.M.map((s) => s.length);
    history.line("J", ts, g.J.slice(0, t + 1), "c3");
    history.line("M", ts, m.slice(0, t + 1), "c4 dashed");
    history.points("current", [t, t], [g.J[t], m[t]], "", ["c3", "c4"]);
    show.t(`${t}`);
    show.m(`${M.length}`);
    show.J(kit.fmt(g.J[t]));
    show.w(`(${kit.fmt(w[0])}, ${kit.fmt(w[1])})`);
    show.b(kit.fmt(w[2]));
  });
};
