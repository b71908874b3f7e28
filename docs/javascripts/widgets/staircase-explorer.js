// The staircase explorer (universal approximation): f, its n-unit staircase with step or
// sigmoid units, and the sup error against the bound Lip (x_max - x_min) / 2n.
// Data: book/figures/approximation.py, staircase_explorer().
window.nnbookWidgets["staircase-explorer"] = (figure, data, kit) => {
  const [a, b, num] = data.x;
  const x = data.target.map((_, i) => a + ((b - a) * i) / (num - 1));
  const n = kit.slider({ label: "Units n", values: data.n, index: 4 });
  const units = kit.choice({
    label: "Units",
    options: [["step", "step"], ...data.steepness.map((k, j) => [j, `${kit.t("sigmoid")}, κΔx = ${k}`])],
  });
  const curve = kit.plot({ x: [a, b], y: [-1, 2.5], xlabel: "x", ylabel: "f(x)", label: "f and its staircase approximation" });
  const errors = kit.plot({
    x: [1, 64], y: [0.01, 10], xscale: "log", yscale: "log", xticks: [1, 2, 4, 8, 16, 32, 64],
    xlabel: "units n", ylabel: "sup error", label: "sup error against the number of units, with the bound",
  });
  kit.legend([["ink thin", "f(x) = sin 3x + x/2"], ["c1", "network f̂(x)"], ["ink thin dashed", "bound Lip·(x_max − x_min)/2n"]]);
  const showError = kit.value("error", "sup error");
  const showBound = kit.value("bound", "bound Lip·(x_max − x_min)/2n");

  kit.draw(() => {
    const i = +n.value;
    const step = units.value === "step";
    const net = step ? data.step[i] : data.sigmoid[i][+units.value];
    const errorOf = (k) => (step ? data.step[k] : data.sigmoid[k][+units.value]).error;
    curve.line("target", x, data.target, "ink thin");
    if (step) curve.line("network", data.step[i].x, data.step[i].y, "c1");
    else curve.line("network", x, net.y, "c1");
    errors.line("bound", data.n, data.step.map((s) => s.bound), "ink thin dashed");
    errors.line("errors", data.n, data.n.map((_, k) => errorOf(k)), "c1 thin");
    errors.points("current", [data.n[i]], [net.error], "c2");
    showError(kit.fmt(net.error));
    showBound(kit.fmt(data.step[i].bound));
  });
};
