// XOR hidden space during training (XOR chapter): a 2-2-2 tanh network epoch by epoch. Left,
// the input plane with the lines of the two hidden units; right, the four points in the
// hidden plane (a1, a2), their paths so far, and the output unit's line where the logits tie.
// Data: book/figures/training.py, xor_hidden_training().
window.nnbookWidgets["xor-hidden-training"] = (figure, data, kit) => {
  const epoch = kit.slider({ label: "Epoch", values: data.epochs });
  kit.player(epoch, 300);
  const square = (box, ticks, xlabel, ylabel, label) =>
    kit.plot({ x: box, y: box, xticks: ticks, yticks: ticks, xlabel, ylabel, label, width: 280, height: 272 });
  const input = square(data.input_box, [0, 1], "x1", "x2", "input plane: the four XOR points and the line of each hidden unit");
  const hidden = square(data.hidden_box, [-1, 0, 1], "a1 (hidden unit 1)", "a2 (hidden unit 2)",
    "hidden plane: the four points as the hidden units see them, and the output unit's line");
  kit.legend([["c1", "class 1: (0, 1), (1, 0)"], ["c2", "class 0: (0, 0), (1, 1)"], ["c3", "unit 1 line"],
    ["c4 dashed", "unit 2 line"], ["ink", "output line: logits equal"]]);
  const showEpoch = kit.value("epoch", "epoch");
  const showLoss = kit.value("loss", "training loss");
  const showAccuracy = kit.value("accuracy", "accuracy");
  const classes = data.y.map((c) => (c ? "c1" : "c2"));
  const col = (rows, k) => rows.map((r) => r[k]);
  // the segment [x0, y0, x1, y1], or nothing where the line misses the plot (null)
  const segment = (plot, name, s, cls) => plot.line(name, s ? [s[0], s[2]] : [], s ? [s[1], s[3]] : [], cls);

  kit.draw(() => {
    const i = +epoch.value;
    const h = data.hidden[i];
    segment(input, "unit1", data.units[i][0], "c3");
    segment(input, "unit2", data.units[i][1], "c4 dashed");
    input.points("inputs", col(data.X, 0), col(data.X, 1), "", classes);
    for (const c of [0, 1]) {
      const path = data.y.map((yn, n) => (yn === c ? data.hidden.slice(0, i + 1).map((s) => s[n]) : null)).filter(Boolean);
      hidden.line(`paths${c}`, path.map((p) => col(p, 0)), path.map((p) => col(p, 1)), `c${2 - c} thin`);
    }
    segment(hidden, "output", data.output[i], "ink");
    hidden.points("hidden", col(h, 0), col(h, 1), "", classes);
    showEpoch(`${data.epochs[i]}`);
    showLoss(data.loss[i].toFixed(4));
    showAccuracy(data.accuracy[i].toFixed(2));
  });
};
