import ArgumentParser
import Export
import Statistics
import X17Analysis

/// `--title` and `--label`, shared by `profile`, `export` and `merge`.
struct FigureOptions: ParsableArguments {
    @Option(help: "Figure title (SVG, pgfplots, gnuplot, matplotlib); default: the hypothesis, isospin treatment and scan kind.")
    var title: String?

    @Option(name: .customLong("label"), help: ArgumentHelp(
        "Axis label of a parameter, PAR=TEXT (repeatable): LaTeX when TEXT holds $ (e.g. eps_n='$\\varepsilon_n$'), "
            + "else Unicode with _{…}/^{…} (e.g. eps_n='ε_{n}'); the unit and ×10ⁿ scale are appended.",
        valueName: "PAR=TEXT"))
    var labels: [String] = []

    /// Throws the error ``apply(to:)`` would, before any work.
    func check() throws {
        _ = try apply(to: ExportMetadata(fitName: "check", levels: [], generatorVersion: "", gitHash: ""))
    }

    /// `metadata` with the title and labels given on the command line.
    func apply(to metadata: ExportMetadata) throws -> ExportMetadata {
        var m = metadata
        if let title {
            guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw InputError(file: "command line", field: "--title", "is empty")
            }
            m.title = title
        }
        for item in labels {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex, item.index(after: eq) != item.endIndex else {
                throw InputError(file: "command line", field: "--label", "expected PAR=TEXT, got '\(item)'")
            }
            let name = String(item[..<eq]), text = String(item[item.index(after: eq)...])
            let label = AxisLabel(name: name, text: text, base: m.axisLabels.first { $0.name == name })
            m.axisLabels.removeAll { $0.name == name }
            m.axisLabels.append(label)
        }
        return m
    }
}

/// The default figure title: hypothesis, isospin treatment of ⁸Be and the kind of scan (not the fit id,
/// which the caption names).
func defaultTitle(_ setup: FitSetup, kind: ScanKind) -> String {
    let spec = setup.spec
    let isospin: String = switch spec.isospin.rawValue {
    case "none": "no isospin effects"
    case "mixing": "isospin mixing"
    case "mixing-breaking": "isospin mixing + breaking"
    default: "isospin " + spec.isospin.rawValue
    }
    let hypothesis = spec.hypothesis.rawValue.prefix(1).uppercased() + spec.hypothesis.rawValue.dropFirst()
    return "\(hypothesis) X17, \(isospin): \(kind.rawValue) Δχ²"
}
