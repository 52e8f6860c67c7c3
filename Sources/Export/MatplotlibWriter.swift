import Foundation
import ProfileData

/// A standalone Python script that redraws the figure from the CSV files next to it with
/// matplotlib (reads the `#` header for levels, labels and best fit, reshapes the y-major rows to
/// `Z[ny, nx]`): smooth filled regions (`contourf` at the levels), the exported refined contour lines
/// (dash per level; the minimizer's "curve" method in orange, in the legend), level labels on the
/// lines, the best fit and its mirror solution, the title and a caption stating every convention;
/// saves `<stem>_matplotlib.pdf` (or the path given as first argument).
public func matplotlibScript(grid: ProfileGrid, metadata: ExportMetadata, csvFile: String, contourCSVFile: String) throws -> String {
    try validateExport(grid: grid, contours: [], metadata: metadata)
    let xl = metadata.label(for: grid.x.name)
    let yl = grid.y.map { metadata.label(for: $0.name) }
    func pyString(_ s: String) -> String {
        "\"" + oneLine(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    func exponent(_ l: AxisLabel, _ axis: GridAxis) -> Int { axis.spacing == .log ? 0 : displayExponent(axis.values, label: l) }
    func label(_ l: AxisLabel, _ axis: GridAxis) -> String { pyString(latexAxisLabel(l, axis: axis, exponent: exponent(l, axis))) }
    let colors = bandColors(metadata.levels.count).map { pyString($0.hex) }.joined(separator: ", ")
    let dashes = metadata.levels.indices.map { k in
        dashPattern(k).map { "(0, (" + $0 + "))" } ?? "\"solid\""
    }.joined(separator: ", ")
    let caption = figureCaption(grid: grid, metadata: metadata).map(pyString).joined(separator: ",\n    ")
    let mirror = mirrorPoint(grid: grid, metadata: metadata).map { "(" + $0.map(formatExact).joined(separator: ", ") + ")" } ?? "None"
    let stem = (csvFile as NSString).deletingPathExtension
    // Constraint bands (method "band:<id>"): constants and a branch only where the grid has bands, so scripts of
    // planes without bands stay as they were.
    let bandConstants = metadata.bands.isEmpty ? "" : "\nBAND_COLOR = \(pyString(bandColor.hex))\nBANDS = {"
        + metadata.bands.map { "\(pyString($0.method)): \(pyString($0.legend))" }.joined(separator: ", ") + "}"
    let bandBranch = metadata.bands.isEmpty ? "" : """

                elif method.startswith(\(pyString(bandMethodPrefix))):
                    ax.plot(points[:, 0], points[:, 1], color=BAND_COLOR, lw=1.8, ls=(0, (\(bandDash.replacingOccurrences(of: ",", with: ", ")))),
                            label=None if method in band_labelled else BANDS.get(method, method))
                    band_labelled.add(method)
        """
    var s = """
    #!/usr/bin/env python3
    # Redraws the x17fit figure for \(oneLine(metadata.fitName)) from \(csvFile) with matplotlib.
    # Written by x17fit \(metadata.generatorVersion) (git \(metadata.gitHash)). Restyle freely.
    # Usage: python3 plot_\(stem).py [output.pdf|png|svg]
    import csv
    import sys
    import textwrap
    from pathlib import Path

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker
    import numpy as np

    HERE = Path(__file__).resolve().parent
    CSV = HERE / \(pyString(csvFile))
    CONTOURS = HERE / \(pyString(contourCSVFile))
    XLABEL = \(label(xl, grid.x))
    YLABEL = \(grid.y.flatMap { y in yl.map { label($0, y) } } ?? pyString("$\\Delta\\chi^2$"))
    COLORS = [\(colors)]
    DASHES = [\(dashes)]
    CURVE_COLOR = \(pyString(curveMethodColor.hex))
    FC_COLOR = \(pyString(calibratedColor.hex))\(bandConstants)
    MIRROR = \(mirror)  # the sign-degenerate solution, where it lies on the grid
    CAPTION = [
        \(caption),
    ]


    def read_header(path):
        \"\"\"Returns the '# key: value' lines as a dict of lists, and the data rows.\"\"\"
        header, rows = {}, []
        with open(path, newline="") as f:
            lines = [line for line in f]
        for line in lines:
            if line.startswith("#"):
                key, sep, value = line[1:].strip().partition(": ")
                if sep:
                    header.setdefault(key, []).append(value)
        data = [line for line in lines if not line.startswith("#")]
        reader = csv.DictReader(data)
        rows = list(reader)
        return header, reader.fieldnames, rows


    def column(rows, name):
        return np.array([float(r[name]) if r[name] != "" else np.nan for r in rows])


    header, names, rows = read_header(CSV)
    levels = [float(v) for v in header["levels"][0].split(",")]
    labels = header["level_labels"][0].split(",")
    cls = [float(v) for v in header["cl"][0].split(",")]
    best = dict(kv.split("=") for kv in header["best_fit"][0].split(","))
    out = sys.argv[1] if len(sys.argv) > 1 else str(HERE / \(pyString(stem + "_matplotlib.pdf")))
    fig, ax = plt.subplots(figsize=(7.0, 6.4))
    x = column(rows, names[0])

    """
    if grid.y == nil {
        s += """
        ax.plot(x, column(rows, "delta_chi2"), color="black", lw=2, label=header["kind"][0].split()[0])
        for level, label, cl, color in zip(levels, labels, cls, COLORS):
            ax.axhline(level, ls="--", color=color, label=f"{label} ({100 * cl:.4g}% CL)")
        if CONTOURS.exists():  # toy critical values of delta_chi2 (Feldman-Cousins): the interval lies below them
            _, cnames, crows = read_header(CONTOURS)
            segments = {}
            for r in crows:
                seg = segments.setdefault(int(r["segment_id"]), (float(r["level"]), []))
                seg[1].append((float(r[cnames[0]]), float(r[cnames[1]])))
            fc_labelled = set()
            for level, points in segments.values():
                points = np.array(points)
                k = int(np.argmin([abs(level - l) for l in levels]))
                ax.plot(points[:, 0], points[:, 1], color=FC_COLOR, lw=2, ls=DASHES[(k + 1) % len(DASHES)],
                        label=None if k in fc_labelled else f"{labels[k]} Feldman–Cousins (toys)")
                fc_labelled.add(k)
        if names[0] in best:
            ax.plot([float(best[names[0]])], [0], marker="*", ms=14, color="tab:red", ls="none", label="best fit")
        if MIRROR is not None:
            ax.plot([MIRROR[0]], [0], marker="*", ms=14, mfc="white", mec="tab:red", ls="none", label="mirror solution")
        ax.set_ylim(0, 1.4 * levels[-1])

        """
    } else {
        s += """
        y = column(rows, names[1])
        xs, ys = np.unique(x), np.unique(y)          # rows are y-major: x varies fastest
        Z = column(rows, "delta_chi2").reshape(len(ys), len(xs))
        X, Y = np.meshgrid(xs, ys)
        bounds = [min(np.nanmin(Z), 0.0) - 1.0] + levels
        ax.contourf(X, Y, Z, levels=bounds, colors=COLORS)
        # Invisible grid contours carry the level labels; the lines drawn are the exported refined ones.
        hidden = ax.contour(X, Y, Z, levels=levels, colors="black", linewidths=0)
        ax.clabel(hidden, fmt=dict(zip(hidden.levels, labels)), fontsize=9, inline=False)
        if CONTOURS.exists():
            _, cnames, crows = read_header(CONTOURS)
            segments = {}
            for r in crows:
                seg = segments.setdefault(int(r["segment_id"]), (float(r["level"]), r["method"], []))
                seg[2].append((float(r[cnames[0]]), float(r[cnames[1]])))
            curve_labelled, fc_labelled\(metadata.bands.isEmpty ? "" : ", band_labelled") = False, set()\(metadata.bands.isEmpty ? "" : ", set()")
            for level, method, points in segments.values():
                points = np.array(points)
                k = int(np.argmin([abs(level - l) for l in levels]))
                if method == \(pyString(calibratedContourMethod)):
                    ax.plot(points[:, 0], points[:, 1], color=FC_COLOR, lw=2.2, ls=DASHES[k % len(DASHES)],
                            label=None if k in fc_labelled else f"{labels[k]} Feldman–Cousins (toys)")
                    fc_labelled.add(k)
                elif method == "curve":
                    ax.plot(points[:, 0], points[:, 1], color=CURVE_COLOR, lw=1.8, ls=(0, (4, 3)),
                            label=None if curve_labelled else "minimizer curve")
                    curve_labelled = True\(bandBranch)
                else:
                    ax.plot(points[:, 0], points[:, 1], color="black", lw=1.5, ls=DASHES[k % len(DASHES)])
        for label, cl, color, dash in zip(labels, cls, COLORS, DASHES):
            ax.fill_between([], [], facecolor=color, edgecolor="black", ls=dash, label=f"{label} ({100 * cl:.4g}% CL)")
        if names[0] in best and names[1] in best:
            ax.plot([float(best[names[0]])], [float(best[names[1]])], marker="*", ms=14, color="tab:red",
                    ls="none", label="best fit")
        if MIRROR is not None:
            ax.plot([MIRROR[0]], [MIRROR[1]], marker="*", ms=14, mfc="white", mec="tab:red", ls="none",
                    label="mirror solution")
        ax.set_xlim(xs[0], xs[-1])
        ax.set_ylim(ys[0], ys[-1])

        """
    }
    // Display scales go into the axis labels (as in the SVG), never into an offset text above the axes.
    if grid.x.spacing == .log { s += "ax.set_xscale(\"log\")\n" }
    if grid.y?.spacing == .log { s += "ax.set_yscale(\"log\")\n" }
    let ex = exponent(xl, grid.x), ey = grid.y.flatMap { y in yl.map { exponent($0, y) } } ?? 0
    if ex != 0 { s += "ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f\"{v * 1e\(ex):g}\"))\n" }
    if ey != 0 { s += "ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f\"{v * 1e\(ey):g}\"))\n" }
    s += """
    ax.set_xlabel(XLABEL)
    ax.set_ylabel(YLABEL)
    ax.set_title(\(pyString(metadata.title ?? metadata.fitName)))
    ax.tick_params(direction="in", top=True, right=True, which="both")
    ax.minorticks_on()
    ax.legend(frameon=False, fontsize=9)
    fig.text(0.01, 0.01, "\\n".join(textwrap.fill(c, 120) for c in CAPTION), fontsize=6, va="bottom", ha="left")
    fig.tight_layout(rect=(0, 0.04 + 0.017 * sum(len(textwrap.wrap(c, 120)) for c in CAPTION), 1, 1))
    fig.savefig(out)
    print(out)

    """
    return s
}
