import FileSafety
import Foundation
import ProfileData

/// One grid with its contours, as exported together.
public struct GridExport: Sendable, Equatable {
    public var grid: ProfileGrid
    public var contours: [ContourLine]
    /// Levels for this grid, overriding ``ExportMetadata/levels`` (e.g. 1-parameter levels for a
    /// 1-D profile exported next to 2-D grids).
    public var levels: [ConfidenceLevel]?
    /// The refined intervals of a 1-D profile at its levels, written with it.
    public var intervals: [ProfileInterval]
    /// The constraint bands among `contours` (method `band:<id>`).
    public var bands: [ContourBandInfo]

    public init(grid: ProfileGrid, contours: [ContourLine] = [], levels: [ConfidenceLevel]? = nil,
                intervals: [ProfileInterval] = [], bands: [ContourBandInfo] = []) {
        self.grid = grid
        self.contours = contours
        self.levels = levels
        self.intervals = intervals
        self.bands = bands
    }

    /// `metadata` with this grid's levels and intervals.
    func metadata(_ metadata: ExportMetadata) -> ExportMetadata {
        var m = metadata
        if let levels { m.levels = levels }
        m.intervals = intervals
        m.bands = bands
        return m
    }
}

/// A HEPData submission folder: `submission.yaml` (first document: `comment` and the
/// `additional_resources` of ``FitSummary/resources``, whose files are shipped in the folder; then
/// one document per table), a best-fit table `best_fit.yaml` when the metadata has a ``FitSummary``
/// (one column per parameter: value with MINOS `asymerror`, units; χ², ndof, p-value and Nσ as
/// qualifiers), one data YAML per grid (independent x[, y], dependent Δχ² with qualifiers) and one
/// per contour curve (x independent, unbinned; y dependent; closed curves repeat their first point;
/// each island its own table). Non-finite Δχ² is written as the string `'-'`.
///
/// Rounding: best-fit values and MINOS errors to two significant digits of the smaller error; the
/// best fit's χ² to 10⁻⁴; CLs to 4 significant digits; χ²_min and grid Δχ² to 10⁻⁶ (a hundredth of the grid
/// minimiser's tolerance, so contours redrawn from the table move by far less than a line width);
/// axis values to 10 significant digits (float noise of the spacing only); contour points to 10⁻⁸
/// of the axis span. Paths are relative to the submission folder.
public func hepdataSubmission(_ exports: [GridExport], metadata: ExportMetadata) throws -> [OutputFile] {
    guard !exports.isEmpty else {
        throw ExportError.invalidInput(quantity: "grids", reason: "HEPData submission needs at least one grid")
    }
    var comment = "\(metadata.fitName)"
    if !metadata.description.isEmpty { comment += ": \(metadata.description)" }
    comment += ". Produced by x17fit \(metadata.generatorVersion) (git \(metadata.gitHash))"
    if let s = metadata.specSHA256 { comment += ", fit spec sha256 \(s)" }
    comment += "."
    var submission = YAMLText()
    submission.startDocument()
    var first: [(String, Value)] = [("comment", .string(oneLine(comment)))]
    let resources = metadata.fitSummary?.resources ?? []
    if !resources.isEmpty {
        first.append(("additional_resources", .list(resources.map {
            .map([("description", .string(oneLine($0.description))), ("location", .string($0.location))])
        })))
    }
    submission.map(first)
    var names: Set<String> = []
    func addTable(name: String, description: String, dataFile: String, metadata: ExportMetadata) throws {
        guard names.insert(name).inserted else {
            throw ExportError.invalidInput(quantity: "HEPData table names", reason: "duplicate names; export each grid once")
        }
        submission.startDocument()
        submission.map(try tableDocument(name: name, description: description, dataFile: dataFile, metadata: metadata))
    }
    var files: [OutputFile] = []
    for r in resources {
        guard let contents = r.contents else { continue }
        guard !r.location.contains("/"), !r.location.isEmpty else {
            throw ExportError.invalidInput(quantity: "HEPData resource '\(r.location)'", reason: "a shipped file needs a bare file name")
        }
        files.append(OutputFile(path: r.location, contents: Data(contents.utf8)))
    }
    if let summary = metadata.fitSummary {
        var desc = "Best fit of \(metadata.fitName)"
        if !metadata.description.isEmpty { desc += " (\(metadata.description))" }
        desc += ": each free parameter with its MINOS interval (Δχ² = 1); χ² = \(formatFixed(summary.chi2, 4)) for \(summary.ndof) degrees of freedom."
        desc += " Values and errors rounded to two significant digits of the smaller error."
        try addTable(name: "Best fit and MINOS intervals", description: desc, dataFile: "best_fit.yaml", metadata: metadata)
        files.append(OutputFile(path: "best_fit.yaml", contents: try bestFitTableYAML(summary, metadata: metadata)))
    }
    for export in exports {
        let grid = export.grid
        let metadata = export.metadata(metadata)
        try validateExport(grid: grid, contours: export.contours, metadata: metadata)
        let stem = fileStem(grid)
        let planeName = ([grid.x.name] + (grid.y.map { [$0.name] } ?? [])).joined(separator: ", ")
        let gridTable = "\(grid.kind == .profiled ? "Profiled" : "Sliced") Δχ² (\(planeName))"
        var desc = "Δχ² = χ² − χ²_min (χ²_min = \(formatExact(roundedAtDecimal(grid.chi2Min, 6)))) of fit \(metadata.fitName) on a "
        desc += grid.y == nil ? "\(grid.nx)-point scan of \(grid.x.name)" : "\(grid.nx)×\(grid.ny) grid in (\(planeName))"
        desc += "; \(kindDescription(grid)). Profiled parameters: "
        desc += grid.profiledParameters.isEmpty ? "none." : grid.profiledParameters.joined(separator: ", ") + "."
        desc += " Points without a finite χ² are '-'."
        try addTable(name: gridTable, description: desc, dataFile: "\(stem).yaml", metadata: metadata)
        files.append(OutputFile(path: "\(stem).yaml", contents: gridTableYAML(grid, metadata: metadata)))

        var perLevel: [Double: Int] = [:]
        for (k, contour) in export.contours.enumerated() {
            let n = (perLevel[contour.level] ?? 0) + 1
            perLevel[contour.level] = n
            let label = metadata.levels.first { $0.deltaChi2 == contour.level }?.label ?? "Δχ²=\(formatShort(contour.level))"
            if grid.y == nil {
                let name = "\(label) FC critical Δχ² (\(planeName)) part \(n)"
                var cdesc = "Toy critical value of the profiled Δχ² at \(label)"
                if let cl = contour.cl { cdesc += " (\(formatShort(cl * 100))% CL)" }
                cdesc += " along \(grid.x.name), fit \(metadata.fitName): Neyman construction with Feldman–Cousins ordering; "
                cdesc += "the calibrated interval is where the profiled Δχ² is at most this value. Part \(n) at this level."
                let file = "\(stem)_critical_\(k).yaml"
                try addTable(name: name, description: cdesc, dataFile: file, metadata: metadata)
                files.append(OutputFile(path: file, contents: criticalValueTableYAML(contour, grid: grid, metadata: metadata)))
                continue
            }
            if isBand(contour) {
                let legend = bandLegend(contour.method, metadata)
                let name = "\(contour.method) boundary (\(planeName)) curve \(n)"
                var cdesc = "Boundary of the \(legend) region in (\(planeName)): the external constraint's own χ² = "
                cdesc += "\(formatExact(contour.level)), not the fit's Δχ²; "
                cdesc += metadata.bands.first { $0.method == contour.method }.map { $0.description + ". " } ?? ""
                cdesc += "Method \(contour.method), curve \(n), "
                cdesc += contour.closed ? "closed (first point repeated)." : "open (ends on the grid boundary)."
                let file = "\(stem)_contour_\(k).yaml"
                try addTable(name: name, description: cdesc, dataFile: file, metadata: metadata)
                files.append(OutputFile(path: file, contents: try contourTableYAML(contour, grid: grid, metadata: metadata)))
                continue
            }
            let name = "\(label) contour (\(planeName)) curve \(n)"
            var cdesc = "Contour Δχ² = \(formatExact(contour.level))"
            if let cl = contour.cl { cdesc += " (\(formatShort(cl * 100))% CL)" }
            cdesc += " of fit \(metadata.fitName) in (\(planeName)), curve \(n) at this level, method \(contour.method), "
            cdesc += contour.closed ? "closed (first point repeated)." : "open (ends on the grid boundary)."
            let file = "\(stem)_contour_\(k).yaml"
            try addTable(name: name, description: cdesc, dataFile: file, metadata: metadata)
            files.append(OutputFile(path: file, contents: try contourTableYAML(contour, grid: grid, metadata: metadata)))
        }
    }
    return [OutputFile(path: "submission.yaml", contents: Data(submission.text.utf8))] + files
}

private typealias Value = YAMLText.Value

private func tableDocument(name: String, description: String, dataFile: String, metadata: ExportMetadata) throws -> [(String, Value)] {
    guard name.count <= 64 else {
        throw ExportError.invalidInput(quantity: "HEPData table name '\(name)'", reason: "longer than 64 characters")
    }
    let k = metadata.hepdata
    var pairs: [(String, Value)] = [("name", .string(name))]
    if let location = k.location { pairs.append(("location", .string(location))) }
    pairs.append(("description", .string(oneLine(description))))
    pairs.append(("keywords", .list([
        .map([("name", .string("reactions")), ("values", .list(k.reactions.map(Value.string)))]),
        .map([("name", .string("observables")), ("values", .list(k.observables.map(Value.string)))]),
        .map([("name", .string("cmenergies")), ("values", .list(k.cmenergies.map(Value.number)))]),
        .map([("name", .string("phrases")), ("values", .list(k.phrases.map(Value.string)))]),
    ])))
    pairs.append(("data_file", .string(dataFile)))
    return pairs
}

private func header(_ label: AxisLabel, unit: String?) -> Value {
    var pairs: [(String, Value)] = [("name", .string(label.latex))]
    if let unit { pairs.append(("units", .string(unit))) }
    return .map(pairs)
}

private func qualifiers(grid: ProfileGrid, metadata: ExportMetadata) -> [Value] {
    var q: [(String, Value)] = [
        ("Scan", .string(grid.kind.rawValue)),
        ("Profiled parameters", .string(grid.profiledParameters.isEmpty ? "none" : grid.profiledParameters.joined(separator: ", "))),
        ("CHI2(min)", .number(roundedAtDecimal(grid.chi2Min, 6))),
        ("Fit", .string(metadata.fitName)),
    ]
    if !metadata.dataDescription.isEmpty { q.append(("Data", .string(oneLine(metadata.dataDescription)))) }
    for c in metadata.conventions { q.append((c.key, .string(c.value))) }
    if grid.y == nil {
        for interval in metadata.intervals {
            let label = metadata.levels.first { $0.deltaChi2 == interval.level }?.label ?? formatShort(interval.level)
            q.append(("Interval \(label) (Δχ² ≤ \(formatShort(interval.level)))", .string(intervalRanges(interval, digits: 8))))
        }
    }
    return q.map { .map([("name", .string($0.0)), ("value", $0.1)]) }
}

/// The grid table, streamed: one line per point and variable.
private func gridTableYAML(_ grid: ProfileGrid, metadata: ExportMetadata) -> Data {
    let dchi2 = grid.deltaChi2
    let n = grid.nx * grid.ny
    var yaml = YAMLText()
    yaml.startDocument()
    yaml.key("independent_variables", indent: 0)
    let xl = metadata.label(for: grid.x.name)
    yaml.listItem([("header", header(xl, unit: grid.x.unit ?? xl.unit))], indent: 0)
    let xs = grid.x.values.map { Value.plain(formatExact(roundedSignificant($0, digits: 10))) }
    yaml.streamedList(key: "values", indent: 2, field: "value", count: n) { xs[$0 % grid.nx] }
    if let y = grid.y {
        let yl = metadata.label(for: y.name)
        let yv = y.values.map { roundedSignificant($0, digits: 10) }
        yaml.listItem([("header", header(yl, unit: y.unit ?? yl.unit))], indent: 0)
        let ys = yv.map { Value.plain(formatExact($0)) }
        yaml.streamedList(key: "values", indent: 2, field: "value", count: n) { ys[$0 / grid.nx] }
    }
    yaml.key("dependent_variables", indent: 0)
    yaml.listItem([("header", .map([("name", .string("$\\Delta\\chi^2$"))])),
                   ("qualifiers", .list(qualifiers(grid: grid, metadata: metadata)))], indent: 0)
    yaml.streamedList(key: "values", indent: 2, field: "value", count: n) {
        dchi2[$0].isFinite ? .number(roundedAtDecimal(dchi2[$0], 6)) : .string("-")
    }
    return Data(yaml.text.utf8)
}

private func contourTableYAML(_ c: ContourLine, grid: ProfileGrid, metadata: ExportMetadata) throws -> Data {
    guard let y = grid.y else { throw ExportError.invalidInput(quantity: "contours", reason: "given for a 1-D grid") }
    let pts = c.closedPoints
    let xl = metadata.label(for: grid.x.name), yl = metadata.label(for: y.name)
    var q = qualifiers(grid: grid, metadata: metadata)
    q.insert(.map([("name", .string("$\\Delta\\chi^2$")), ("value", .number(c.level))]), at: 0)
    if let cl = c.cl { q.insert(.map([("name", .string("CL")), ("value", .number(roundedSignificant(cl, digits: 4)))]), at: 1) }
    q.append(.map([("name", .string("Method")), ("value", .string(c.method))]))
    var yaml = YAMLText()
    yaml.startDocument()
    yaml.key("independent_variables", indent: 0)
    yaml.listItem([("header", header(xl, unit: grid.x.unit ?? xl.unit))], indent: 0)
    let dx = spanDecimals(grid.x), dy = spanDecimals(y)
    yaml.streamedList(key: "values", indent: 2, field: "value", count: pts.x.count) { .number(roundedAtDecimal(pts.x[$0], dx)) }
    yaml.key("dependent_variables", indent: 0)
    yaml.listItem([("header", header(yl, unit: y.unit ?? yl.unit)), ("qualifiers", .list(q))], indent: 0)
    yaml.streamedList(key: "values", indent: 2, field: "value", count: pts.y.count) { .number(roundedAtDecimal(pts.y[$0], dy)) }
    return Data(yaml.text.utf8)
}

/// A 1-D grid's toy critical values of Δχ² at one level (``calibratedContourMethod``).
private func criticalValueTableYAML(_ c: ContourLine, grid: ProfileGrid, metadata: ExportMetadata) -> Data {
    let xl = metadata.label(for: grid.x.name)
    var q = qualifiers(grid: grid, metadata: metadata)
    if let cl = c.cl { q.insert(.map([("name", .string("CL")), ("value", .number(roundedSignificant(cl, digits: 4)))]), at: 0) }
    q.append(.map([("name", .string("Method")), ("value", .string(c.method))]))
    var yaml = YAMLText()
    yaml.startDocument()
    yaml.key("independent_variables", indent: 0)
    yaml.listItem([("header", header(xl, unit: grid.x.unit ?? xl.unit))], indent: 0)
    let dx = spanDecimals(grid.x)
    yaml.streamedList(key: "values", indent: 2, field: "value", count: c.x.count) { .number(roundedAtDecimal(c.x[$0], dx)) }
    yaml.key("dependent_variables", indent: 0)
    yaml.listItem([("header", .map([("name", .string("toy critical $\\Delta\\chi^2$"))])), ("qualifiers", .list(q))], indent: 0)
    yaml.streamedList(key: "values", indent: 2, field: "value", count: c.y.count) { .number(roundedAtDecimal(c.y[$0], 6)) }
    return Data(yaml.text.utf8)
}

/// Decimals that resolve 10⁻⁸ of an axis's span.
private func spanDecimals(_ axis: GridAxis) -> Int {
    8 - Int(floor(log10(axis.values[axis.values.count - 1] - axis.values[0])))
}

/// The best-fit table: one row (the fit), one column per free parameter with its value, MINOS errors
/// (`asymerror`, label MINOS; HESSE `symerror` where MINOS gave no interval) and units; fixed
/// parameters and the goodness of fit as qualifiers.
private func bestFitTableYAML(_ summary: FitSummary, metadata: ExportMetadata) throws -> Data {
    let free = summary.parameters.filter { !$0.fixed }
    guard !free.isEmpty else { throw ExportError.invalidInput(quantity: "best-fit table", reason: "no free parameter") }
    var q: [(String, Value)] = [
        ("CHI2", .number(roundedAtDecimal(summary.chi2, 4))),
        ("NDF", .number(Double(summary.ndof))),
    ]
    if let p = summary.pValue { q.append(("p-value", .number(roundedSignificant(p, digits: 3)))) }
    if let n = summary.nSigma { q.append(("Significance [sigma]", .number(roundedAtDecimal(n, 2)))) }
    for p in summary.parameters where p.fixed {
        q.append(("\(metadata.label(for: p.name).latex) (fixed)", .number(p.value)))
    }
    for c in metadata.conventions { q.append((c.key, .string(oneLine(c.value)))) }
    var yaml = YAMLText()
    yaml.startDocument()
    yaml.key("independent_variables", indent: 0)
    yaml.listItem([("header", .map([("name", .string("Fit"))]))], indent: 0)
    yaml.streamedList(key: "values", indent: 2, field: "value", count: 1) { _ in .string(metadata.fitName) }
    yaml.key("dependent_variables", indent: 0)
    for p in free {
        let label = metadata.label(for: p.name)
        var headerPairs: [(String, Value)] = [("name", .string(label.latex))]
        if let unit = p.unit ?? label.unit, !unit.isEmpty { headerPairs.append(("units", .string(unit))) }
        let quals: [Value] = [.map([("name", .string("Parameter")), ("value", .string(p.name))])]
            + q.map { .map([("name", .string($0.0)), ("value", $0.1)]) }
        yaml.listItem([("header", .map(headerPairs)), ("qualifiers", .list(quals))], indent: 0)
        var value: [(String, Value)]
        if let m = p.minos {
            let decimals = decimalsForError(min(-m.lower, m.upper))
            value = [("value", .number(roundedAtDecimal(p.value, decimals))),
                     ("errors", .list([.map([
                         ("asymerror", .map([("minus", .number(roundedAtDecimal(m.lower, decimals))),
                                             ("plus", .number(roundedAtDecimal(m.upper, decimals)))])),
                         ("label", .string("MINOS")),
                     ])]))]
        } else {
            let decimals = decimalsForError(p.error)
            value = [("value", .number(roundedAtDecimal(p.value, decimals))),
                     ("errors", .list([.map([("symerror", .number(roundedAtDecimal(p.error, decimals))),
                                             ("label", .string("HESSE"))])]))]
        }
        yaml.key("values", indent: 2)
        yaml.listItem(value, indent: 2)
    }
    return Data(yaml.text.utf8)
}
