// The softmax explorer (losses): logits (z0, z1, 0) and a true class c give the softmax ŷ, the
// cross-entropy −ln ŷc and its gradient ŷ − y; below, squared error against cross-entropy on
// one sigmoid output with target 1, against its logit z. Data: book/figures/losses.py,
// softmax_explorer().
window.nnbookWidgets["softmax-explorer"] = (figure, data, kit) => {
  const s = data.sigmoid, [a, b, num] = s.z;
  const zs = s.mse.map((_, i) => a + ((b - a) * i) / (num - 1));
  const every = 5; // the z slider moves in steps of 0.5, every 5th point of the curves
  const logit = (k, index) => kit.slider({ label: `${kit.t("Logit")} z${k}`, values: data.z, index });
  const z0 = logit("₀", 10), z1 = logit("₁", 8);
  const c = kit.choice({ label: "True class c", options: [0, 1, 2].map((k) => [k, `${k}`]), value: 2 });
  const z = kit.slider({
    label: "Sigmoid logit z", values: zs.filter((_, i) => i % every === 0), index: 4,
    format: (v) => v.toFixed(1),
  });
  const K = [0, 1, 2];
  const bar = (k, v) => [k - 0.28, k + 0.28, Math.min(0, v), Math.max(0, v)];
  const classes = { x: [-0.5, 2.5], xticks: K, xlabel: "class k (true class shaded)" };
  const probs = kit.plot({ ...classes, y: [0, 1], ylabel: "softmax ŷₖ", label: "softmax probabilities of the three classes" });
  const grads = kit.plot({ ...classes, y: [-1, 1], ylabel: "gradient ŷₖ − yₖ", label: "gradient of the cross-entropy with respect to the logits" });
  const zAxis = { x: [a, b], xticks: [-6, -3, 0, 3, 6], xlabel: "sigmoid logit z (target 1)" };
  const losses = kit.plot({ ...zAxis, y: [0, 6.2], ylabel: "loss", label: "cross-entropy and squared error of a sigmoid output with target 1" });
  const slopes = kit.plot({ ...zAxis, y: [-1.05, 0.05], ylabel: "gradient ∂ℓ/∂z", label: "gradients of the two losses with respect to the logit" });
  // the z slider goes between the softmax plots and the sigmoid plots it moves
  const row = Object.assign(document.createElement("div"), { className: "nnbook-widget__controls" });
  Object.assign(row.style, { flexBasis: "100%", justifyContent: "center" });
  row.append(z.parentElement);
  grads.svg.after(row);
  kit.legend([["c3", "softmax ŷ"], ["c1", "cross-entropy"], ["c2", "squared error on σ(z)"]]);
  const show = {};
  const values = (items) => items.forEach(([name, label]) => (show[name] = kit.value(name, label)));
  values([["p0", "ŷ₀"], ["p1", "ŷ₁"], ["p2", "ŷ₂"], ["loss", "cross-entropy"], ["grad0", "ŷ₀ − y₀"], ["grad1", "ŷ₁ − y₁"], ["grad2", "ŷ₂ − y₂"]]);
  figure.querySelector(".nnbook-widget__readout").append(document.createElement("br")); // the sigmoid's line
  values([["y_hat", "σ(z)"], ["bce", "BCE"], ["dbce", "dBCE/dz"], ["mse", "MSE"], ["dmse", "dMSE/dz"]]);

  kit.draw(() => {
    const i = +z0.value, j = +z1.value, t = +c.value, p = data.p[i][j], g = data.grad[i][j][t];
    for (const [plot, y0, y1] of [[probs, 0, 1], [grads, -1, 1]]) plot.cells("target", [[t - 0.42, t + 0.42, y0, y1]], "", ["field2"]);
    probs.cells("probabilities", K.map((k) => bar(k, p[k])), "c3");
    grads.line("zero", [-0.5, 2.5], [0, 0], "ink thin");
    grads.cells("gradient", K.map((k) => bar(k, g[k])), "c1");
    K.forEach((k) => {
      show[`p${k}`](kit.fmt(p[k]));
      show[`grad${k}`](kit.fmt(g[k]));
    });
    show.loss(kit.fmt(data.loss[i][j][t]));

    const n = +z.value * every, at = zs[n];
    for (const [plot, ce, se, y] of [[losses, "bce", "mse", [0, 6.2]], [slopes, "dbce", "dmse", [-1.05, 0.05]]]) {
      plot.line("cursor", [at, at], y, "ink thin dashed");
      plot.line(ce, zs, s[ce], "c1");
      plot.line(se, zs, s[se], "c2");
      plot.points("current", [at, at], [s[ce][n], s[se][n]], "", ["c1", "c2"]);
    }
    ["y_hat", "bce", "dbce", "mse", "dmse"].forEach((name) => show[name](kit.fmt(s[name][n])));
  });
};
