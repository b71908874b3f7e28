// The two-moons boundary (backpropagation): the chapter's network with 2 to 16 ReLU units per
// hidden layer, its decision boundary, the classes it predicts and its training loss by epoch.
// Data: book/figures/backprop.py, moons_boundary().
window.nnbookWidgets["moons-boundary"] = (figure, data, kit) => {
  const [[a1, b1], [a2, b2]] = data.box;
  const [nx, ny] = data.cells;
  const dx = (b1 - a1) / nx, dy = (b2 - a2) / ny;
  const widths = data.widths;
  const width = kit.choice({
    label: "Units per hidden layer", options: widths.map((w) => [w, `${w}`]), value: widths[widths.length - 1],
  });
  const epoch = kit.slider({ label: "Epoch", values: data.epochs, index: data.epochs.length - 1 });
  kit.player(epoch, 450);
  const plane = kit.plot({
    x: [a1, b1], y: [a2, b2], xlabel: "x₁", ylabel: "x₂",
    label: "training points of the two moons and the network's decision boundary",
  });
  const curve = kit.plot({
    x: [0, 1.03 * data.epochs[data.epochs.length - 1]], y: [0, 0.9], xlabel: "epoch", ylabel: "training loss",
    label: "training loss per epoch so far",
  });
  kit.legend([["c1", "class 1"], ["c2", "class 0"], ["ink", "boundary P(class 1) = 1/2"], ["c3", "training loss"]]);
  const showNetwork = kit.value("network", "network");
  const showEpoch = kit.value("epoch", "epoch");
  const showLoss = kit.value("loss", "training loss");
  const showAccuracy = kit.value("accuracy", "training accuracy");

  // the shaded classes first, the points over them (drawn once, small), the boundary on top
  plane.cells("field", []);
  plane.points("points", data.x1, data.x2, "", data.y.map((c) => (c ? "c1" : "c2")), 2.6);

  kit.draw(() => {
    const w = +width.value;
    const run = data.runs[widths.indexOf(w)];
    const n = epoch.current();
    const at = run.at[+epoch.value];
    // field: run lengths over the cells, row by row from the bottom left, class 0 first
    const rects = [], kinds = [];
    let cell = 0;
    at.field.forEach((length, r) => {
      for (const end = cell + length; cell < end;) {
        const row = Math.floor(cell / nx), col = cell % nx, m = Math.min(end - cell, nx - col);
        rects.push([a1 + col * dx, a1 + (col + m) * dx, a2 + row * dy, a2 + (row + 1) * dy]);
        kinds.push(r % 2 ? "field1" : "field2");
        cell += m;
      }
    });
    plane.cells("field", rects, "", kinds);
    plane.line("boundary", at.bx, at.by, "ink");
    const loss = run.loss.slice(0, n);
    curve.line("loss", loss.map((_, i) => i + 1), loss, "c3");
    curve.points("current", [n], [loss[n - 1]], "c3");
    showNetwork(["2", ...Array(data.depth).fill(w), "2"].join("-"));
    showEpoch(`${n}`);
    showLoss(loss[n - 1].toFixed(4));
    showAccuracy(at.accuracy.toFixed(3));
  });
};
