// The descent explorer (training): the valley of a linear model's squared error in the plane
// of its weight w and bias b, and the first t steps of MLPRegressor.fit with full batches from
// the same start, without momentum and with momentum μ, at the chosen learning rate η; beside
// it, the loss above its minimum against the step. A path that leaves the plane is cut there.
// Data: book/figures/momentum.py, descent_explorer().
window.nnbookWidgets["descent-explorer"] = (figure, data, kit) => {
  const [lmin, lmax] = data.lam;
  const gd = data.momentum.indexOf(0);
  const lr = kit.slider({
    label: "Learning rate η", values: data.lr, index: data.lr.length - 2,
    format: (v) => `${v.toFixed(3)} (ηλmax = ${(v * lmax).toFixed(2)})`,
  });
  const mu = kit.slider({
    label: "Momentum μ", values: data.momentum, index: data.momentum.indexOf(data.settings.hb_mu),
    format: (v) => `${v}`,
  });
  const steps = Array.from({ length: data.steps + 1 }, (_, t) => t);
  const step = kit.slider({ label: "Step t", values: steps, index: data.steps });
  kit.player(step, 150);
  const [[w0, w1], [b0, b1]] = data.box;
  const plane = kit.plot({
    x: [w0, w1], y: [b0, b1], xlabel: "weight w", ylabel: "bias b", width: 320, height: 312,
    label: "level sets of the loss in the plane of w and b, and the paths of the two runs",
  });
  const curve = kit.plot({
    x: [0, data.steps], y: [1e-5, 1e2], yscale: "log", xlabel: "step t",
    ylabel: "L(θₜ) − L(θ*)", label: "the loss above its minimum against the step, log scale",
  });
  kit.legend([["c2", "gradient descent (μ = 0)"], ["c1", "with momentum μ"], ["ink thin", "level sets"]]);
  const show = {};
  for (const [name, label] of [["step", "step t"], ["gd", "L − L* without momentum"],
    ["momentum", "L − L* with momentum"]]) show[name] = kit.value(name, label);

  plane.line("levels", data.levels.map((l) => l[0]), data.levels.map((l) => l[1]), "ink thin");
  plane.svg.querySelector('[data-series="levels"]').style.opacity = "0.35";
  plane.points("best", [data.best[0]], [data.best[1]], "ink");
  plane.points("start", [data.theta0[0]], [data.theta0[1]], "ink", ["hollow"]);

  // the first t steps of a run, or all it has if it left the plane sooner
  const upTo = (run, t) => Math.min(t, run.w.length - 1);
  const left = (run) => run.w.length - 1 < data.steps;

  kit.draw(() => {
    const i = +lr.value, t = +step.value;
    const runs = [["gd", data.runs[i][gd], "c2"], ["momentum", data.runs[i][+mu.value], "c1"]];
    for (const [row, [name, run, cls]] of runs.entries()) {
      const n = upTo(run, t);
      plane.line(`${name}-path`, run.w.slice(0, n + 1), run.b.slice(0, n + 1), cls);
      plane.points(`${name}-now`, [run.w[n]], [run.b[n]], cls, [], 3.5);
      curve.line(`${name}-gap`, steps.slice(0, n + 1), run.gap.slice(0, n + 1), cls);
      curve.points(`${name}-now`, [n], [run.gap[n]], cls, [], 3.5);
      show[name](kit.fmt(run.gap[n]));
      // a run that left the plane says so inside it, one line per run
      const gone = left(run) && t >= run.w.length - 1;
      const who = kit.t(name === "gd" ? "gradient descent (μ = 0)" : "with momentum μ");
      plane.text(`${name}-note`, w0 + 0.04 * (w1 - w0), b1 - (0.07 + 0.08 * row) * (b1 - b0),
        gone ? `${who}: ${kit.t("left the plot at step")} ${run.w.length - 1}` : "", "ink");
    }
    show.step(`${t}`);
  });
};
