import FileSafety
import Foundation
import ProfileData

/// The formats `exportBundle` can write.
public enum ExportFormat: String, CaseIterable, Sendable, Codable, Comparable {
    /// `<stem>.csv` and, for 2-D grids, `<stem>_contours.csv`.
    case csv
    /// `<stem>.dat`, `<stem>_contours.dat` and the pgfplots snippet `<stem>.tex`.
    case pgf
    /// `<stem>.dat`, `<stem>_contours.dat` and the gnuplot script `<stem>.gp`.
    case gnuplot
    /// `<stem>.json`.
    case json
    /// `hepdata/submission.yaml` and its tables.
    case hepdata
    /// `<stem>.svg`.
    case svg
    /// `plot_<stem>.py` (matplotlib; brings the CSV files it reads).
    case py

    public static func < (a: ExportFormat, b: ExportFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses a comma-separated list such as `csv,json,svg`; `all` selects every format.
    public static func parseList(_ text: String) throws -> Set<ExportFormat> {
        var out: Set<ExportFormat> = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if item == "all" { out.formUnion(allCases); continue }
            guard let f = ExportFormat(rawValue: item) else {
                throw ExportError.invalidInput(
                    quantity: "export format '\(item)'", reason: "expected one of \(allCases.map(\.rawValue).joined(separator: ", ")), all")
            }
            out.insert(f)
        }
        guard !out.isEmpty else { throw ExportError.invalidInput(quantity: "export formats", reason: "none given") }
        return out
    }
}

/// The files of a bundle (pure: nothing is written), sorted by path. File stems are
/// `profile_<x>_<y>` or `slice_<x>_<y>` per grid; HEPData tables of all grids share one
/// `hepdata/` submission.
public func bundleFiles(_ exports: [GridExport], metadata: ExportMetadata, formats: Set<ExportFormat>) throws -> [OutputFile] {
    guard !formats.isEmpty else { throw ExportError.invalidInput(quantity: "export formats", reason: "none given") }
    guard !exports.isEmpty else { throw ExportError.invalidInput(quantity: "grids", reason: "none given") }
    var files: [String: Data] = [:]
    func add(_ path: String, _ text: String) { files[path] = Data(text.utf8) }
    for e in exports {
        let g = e.grid, stem = fileStem(g), metadata = e.metadata(metadata)
        guard files.keys.allSatisfy({ !$0.hasPrefix(stem + ".") }) else {
            throw ExportError.invalidInput(quantity: "grids", reason: "two grids would both be written as \(stem)")
        }
        let hasContours = g.y != nil || !e.contours.isEmpty  // a 1-D grid's contours are toy critical values
        if formats.contains(.csv) || formats.contains(.py) {
            add("\(stem).csv", try gridCSV(grid: g, metadata: metadata))
            if hasContours { add("\(stem)_contours.csv", try contourCSV(contours: e.contours, grid: g, metadata: metadata)) }
        }
        if formats.contains(.pgf) || formats.contains(.gnuplot) {
            add("\(stem).dat", try gridDat(grid: g, metadata: metadata))
            if hasContours { add("\(stem)_contours.dat", try contourDat(contours: e.contours, grid: g, metadata: metadata)) }
        }
        if formats.contains(.pgf) {
            add("\(stem).tex", try pgfplotsSnippet(grid: g, contours: e.contours, metadata: metadata, dataFile: "\(stem).dat"))
        }
        if formats.contains(.gnuplot) {
            add("\(stem).gp", try gnuplotScript(grid: g, contours: e.contours, metadata: metadata, dataFile: "\(stem).dat",
                                                script: "\(stem).gp", output: "\(stem)_gnuplot.svg"))
        }
        if formats.contains(.json) { files["\(stem).json"] = try gridJSON(grid: g, contours: e.contours, metadata: metadata) }
        if formats.contains(.svg) { add("\(stem).svg", try svgFigure(grid: g, contours: e.contours, metadata: metadata)) }
        if formats.contains(.py) {
            add("plot_\(stem).py", try matplotlibScript(grid: g, metadata: metadata, csvFile: "\(stem).csv",
                                                        contourCSVFile: "\(stem)_contours.csv"))
        }
    }
    if formats.contains(.hepdata) {
        for f in try hepdataSubmission(exports, metadata: metadata) { files["hepdata/" + f.path] = f.contents }
    }
    return files.keys.sorted().map { OutputFile(path: $0, contents: files[$0]!) }
}
