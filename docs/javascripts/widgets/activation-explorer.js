// The activation explorer (activations): f and f' of the chosen activation, and through the
// L - 1 hidden layers of a network of L layers the derivatives' best case (max f')^(L - 1)
// against the measured ratio of the first to the last layer's weight-gradient norm at
// initialisation (the vanishing gradient). The slider and the x axis count hidden layers.
// Data: book/figures/activations.py, activation_explorer().
window.nnbookWidgets["activation-explorer"] = (figure, data, kit) => {
  const [z0, z1, num] = data.z;
  const z = Array.from({ length: num }, (_, i) => z0 + ((z1 - z0) * i) / (num - 1));
  const choice = kit.choice({ label: "Activation", options: data.activations.map((a, i) => [i, a.title]), value: 0 });
  const depth = kit.slider({ label: "Hidden layers L − 1", values: data.depth, index: 9 });
  kit.player(depth, 300);
  const curves = kit.plot({ x: [z0, z1], y: [-1.2, 3], xlabel: "z", ylabel: "f(z) and f′(z)", label: "the activation and its derivative" });
  const L = data.depth;
  const depths = kit.plot({
    x: [L[0] - 1, L[L.length - 1] + 1], y: [1e-20, 10], yscale: "log", xticks: [1, 5, 10, 15, 20, 25, 30],
    yticks: [1e-20, 1e-15, 1e-10, 1e-5, 1], xlabel: "hidden layers L − 1",
    label: "through L − 1 hidden layers: the measured gradient ratio and the derivatives' best case, log scale",
  });
  // The y axis's name sits inside the plot (bottom left, empty for every activation): a
  // rotated label would overlap the wide tick labels 1e-20 ... 1e-5.
  const name = document.createElementNS("http://www.w3.org/2000/svg", "text");
  name.setAttribute("x", depths.sx(1));
  name.setAttribute("y", depths.sy(3e-19));
  name.setAttribute("class", "nnbook-label");
  name.textContent = kit.t("first / last layer, log scale");
  depths.svg.querySelector(".nnbook-axes").append(name);
  kit.legend([
    ["c1", "f(z)"], ["c2", "f′(z)"], ["c2 thin dashed", "max f′"],
    ["c3", "measured ‖∂L/∂W₁‖ / ‖∂L/∂W_out‖"], ["ink thin dashed", "(max f′)^(L − 1)"],
  ]);
  const showMax = kit.value("max", "max f′ =");
  const showProduct = kit.value("product", "(max f′)^(L − 1) =");
  const showRatio = kit.value("ratio", "measured first/last gradient norm =");

  kit.draw(() => {
    const a = data.activations[+choice.value];
    const i = +depth.value;
    curves.line("f", z, a.f, "c1");
    curves.line("derivative", z, a.df, "c2");
    curves.line("ceiling", [z0, z1], [a.max, a.max], "c2 thin dashed");
    depths.line("product", L, a.product, "ink thin dashed");
    depths.points("current-product", [L[i]], [a.product[i]], "ink", ["hollow"]);
    depths.line("ratio", L, a.ratio, "c3");
    depths.points("current", [L[i]], [a.ratio[i]], "c3");
    showMax(kit.fmt(a.max));
    showProduct(kit.fmt(a.product[i]));
    showRatio(kit.fmt(a.ratio[i]));
  });
};
