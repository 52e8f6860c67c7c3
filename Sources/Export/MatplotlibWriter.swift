import Foundation
import Statistics

/// A standalone Python script that redraws the figure from the CSV files next to it with
/// matplotlib (reads the `#` header for levels, labels and best fit, reshapes the y-major rows to
/// `Z[ny, nx]`, `contourf` + `contour` at the levels, overlays the exported contour lines when the
/// contour CSV exists) and saves `<stem>_matplotlib.pdf` (or the path given as first argument).
public func matplotlibScript(grid: ProfileGrid, metadata: ExportMetadata, csvFile: String, contourCSVFile: String) throws -> String {
    try validateExport(grid: grid, contours: [], metadata: metadata)
    let xl = metadata.label(for: grid.x.name)
    let yl = grid.y.map { metadata.label(for: $0.name) }
    func pyString(_ s: String) -> String {
        "\"" + oneLine(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    func label(_ l: AxisLabel, _ axis: GridAxis) -> String {
        pyString(l.latex + ((axis.unit ?? l.unit).map { " [\($0)]" } ?? ""))
    }
    let colors = bandColors(metadata.levels.count).map { pyString($0.hex) }.joined(separator: ", ")
    let stem = (csvFile as NSString).deletingPathExtension
    var s = """
    #!/usr/bin/env python3
    # Redraws the x17fit figure for \(oneLine(metadata.fitName)) from \(csvFile) with matplotlib.
    # Written by x17fit \(metadata.generatorVersion) (git \(metadata.gitHash)). Restyle freely.
    # Usage: python3 plot_\(stem).py [output.pdf|png|svg]
    import csv
    import sys
    from pathlib import Path

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    HERE = Path(__file__).resolve().parent
    CSV = HERE / \(pyString(csvFile))
    CONTOURS = HERE / \(pyString(contourCSVFile))
    XLABEL = \(label(xl, grid.x))
    YLABEL = \(grid.y.flatMap { y in yl.map { label($0, y) } } ?? pyString("$\\Delta\\chi^2$"))
    COLORS = [\(colors)]


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
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    x = column(rows, names[0])

    """
    if grid.y == nil {
        s += """
        ax.plot(x, column(rows, "delta_chi2"), color="black", lw=2, label=header["kind"][0].split()[0])
        for level, label, cl, color in zip(levels, labels, cls, COLORS):
            ax.axhline(level, ls="--", color=color, label=f"{label} ({100 * cl:.4g}% CL)")
        if names[0] in best:
            ax.plot([float(best[names[0]])], [0], marker="*", ms=14, color="tab:red", ls="none", label="best fit")
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
        ax.contour(X, Y, Z, levels=levels, colors="black", linewidths=1.0, linestyles="dotted")
        if CONTOURS.exists():
            _, cnames, crows = read_header(CONTOURS)
            segments = {}
            for r in crows:
                segments.setdefault(int(r["segment_id"]), []).append((float(r[cnames[0]]), float(r[cnames[1]])))
            for seg in segments.values():
                seg = np.array(seg)
                ax.plot(seg[:, 0], seg[:, 1], color="black", lw=1.5)
        for label, cl, color in zip(labels, cls, COLORS):
            ax.fill_between([], [], color=color, label=f"{label} ({100 * cl:.4g}% CL)")
        if names[0] in best and names[1] in best:
            ax.plot([float(best[names[0]])], [float(best[names[1]])], marker="*", ms=14, color="tab:red",
                    ls="none", label="best fit")
        ax.set_xlim(xs[0], xs[-1])
        ax.set_ylim(ys[0], ys[-1])

        """
    }
    if grid.x.spacing == .log || grid.y?.spacing == .log {
        if grid.x.spacing == .log { s += "ax.set_xscale(\"log\")\n" }
    } else {
        s += "ax.ticklabel_format(axis=\"both\", style=\"sci\", scilimits=(-2, 4), useMathText=True)\n"
    }
    if grid.y?.spacing == .log { s += "ax.set_yscale(\"log\")\n" }
    s += """
    ax.set_xlabel(XLABEL)
    ax.set_ylabel(YLABEL)
    ax.set_title(\(pyString(metadata.title ?? metadata.fitName)))
    ax.tick_params(direction="in", top=True, right=True, which="both")
    ax.minorticks_on()
    ax.legend(frameon=False)
    fig.tight_layout()
    fig.savefig(out)
    print(out)

    """
    return s
}
