import FileSafety
import Foundation
import Statistics
import Yams

/// One grid with its contours, as exported together.
public struct GridExport: Sendable, Equatable {
    public var grid: ProfileGrid
    public var contours: [ContourLine]
    /// Levels for this grid, overriding ``ExportMetadata/levels`` (e.g. 1-parameter levels for a
    /// 1-D profile exported next to 2-D grids).
    public var levels: [ConfidenceLevel]?

    public init(grid: ProfileGrid, contours: [ContourLine] = [], levels: [ConfidenceLevel]? = nil) {
        self.grid = grid
        self.contours = contours
        self.levels = levels
    }

    /// `metadata` with this grid's levels.
    func metadata(_ metadata: ExportMetadata) -> ExportMetadata {
        guard let levels else { return metadata }
        var m = metadata
        m.levels = levels
        return m
    }
}

/// A HEPData submission folder: `submission.yaml` (first document: `comment`; then one document
/// per table) plus one data YAML per grid (independent x[, y], dependent Δχ² with qualifiers) and
/// one per contour curve (x independent, unbinned; y dependent; closed curves repeat their first
/// point; each island its own table). Non-finite Δχ² is written as the string `'-'`.
/// Paths are relative to the submission folder.
public func hepdataSubmission(_ exports: [GridExport], metadata: ExportMetadata) throws -> [OutputFile] {
    guard !exports.isEmpty else {
        throw ExportError.invalidInput(quantity: "grids", reason: "HEPData submission needs at least one grid")
    }
    var comment = "\(metadata.fitName)"
    if !metadata.description.isEmpty { comment += ": \(metadata.description)" }
    comment += ". Produced by x17fit \(metadata.generatorVersion) (git \(metadata.gitHash))"
    if let s = metadata.specSHA256 { comment += ", fit spec sha256 \(s)" }
    comment += "."
    var documents: [Node] = [mapping([("comment", str(oneLine(comment)))])]
    var files: [OutputFile] = []
    for export in exports {
        let grid = export.grid
        let metadata = export.metadata(metadata)
        try validateExport(grid: grid, contours: export.contours, metadata: metadata)
        let stem = fileStem(grid)
        let planeName = ([grid.x.name] + (grid.y.map { [$0.name] } ?? [])).joined(separator: ", ")
        let gridTable = "\(grid.kind == .profiled ? "Profiled" : "Sliced") Δχ² (\(planeName))"
        var desc = "Δχ² = χ² − χ²_min (χ²_min = \(formatExact(grid.chi2Min))) of fit \(metadata.fitName) on a "
        desc += grid.y == nil ? "\(grid.nx)-point scan of \(grid.x.name)" : "\(grid.nx)×\(grid.ny) grid in (\(planeName))"
        desc += "; \(kindDescription(grid)). Profiled parameters: "
        desc += grid.profiledParameters.isEmpty ? "none." : grid.profiledParameters.joined(separator: ", ") + "."
        desc += " Points without a finite χ² are '-'."
        documents.append(try tableDocument(name: gridTable, description: desc, dataFile: "\(stem).yaml", metadata: metadata))
        files.append(OutputFile(path: "\(stem).yaml", contents: try gridTableYAML(grid, metadata: metadata)))

        var perLevel: [Double: Int] = [:]
        for (k, contour) in export.contours.enumerated() {
            let n = (perLevel[contour.level] ?? 0) + 1
            perLevel[contour.level] = n
            let label = metadata.levels.first { $0.deltaChi2 == contour.level }?.label ?? "Δχ²=\(formatShort(contour.level))"
            let name = "\(label) contour (\(planeName)) curve \(n)"
            var cdesc = "Contour Δχ² = \(formatExact(contour.level))"
            if let cl = contour.cl { cdesc += " (\(formatShort(cl * 100))% CL)" }
            cdesc += " of fit \(metadata.fitName) in (\(planeName)), curve \(n) at this level, method \(contour.method), "
            cdesc += contour.closed ? "closed (first point repeated)." : "open (ends on the grid boundary)."
            let file = "\(stem)_contour_\(k).yaml"
            documents.append(try tableDocument(name: name, description: cdesc, dataFile: file, metadata: metadata))
            files.append(OutputFile(path: file, contents: try contourTableYAML(contour, grid: grid, metadata: metadata)))
        }
    }
    let names = documents.dropFirst().compactMap { $0["name"]?.string }
    guard Set(names).count == names.count else {
        throw ExportError.invalidInput(quantity: "HEPData table names", reason: "duplicate names; export each grid once")
    }
    let submission = try yamlString(documents)
    return [OutputFile(path: "submission.yaml", contents: Data(submission.utf8))] + files
}

private func tableDocument(name: String, description: String, dataFile: String, metadata: ExportMetadata) throws -> Node {
    guard name.count <= 64 else {
        throw ExportError.invalidInput(quantity: "HEPData table name '\(name)'", reason: "longer than 64 characters")
    }
    let k = metadata.hepdata
    var pairs: [(String, Node)] = [("name", str(name))]
    if let location = k.location { pairs.append(("location", str(location))) }
    pairs.append(("description", str(oneLine(description))))
    pairs.append(("keywords", Node([
        mapping([("name", str("reactions")), ("values", Node(k.reactions.map(str)))]),
        mapping([("name", str("observables")), ("values", Node(k.observables.map(str)))]),
        mapping([("name", str("cmenergies")), ("values", Node(k.cmenergies.map(num)))]),
        mapping([("name", str("phrases")), ("values", Node(k.phrases.map(str)))]),
    ])))
    pairs.append(("data_file", str(dataFile)))
    return mapping(pairs)
}

private func header(_ label: AxisLabel, unit: String?) -> Node {
    var pairs: [(String, Node)] = [("name", str(label.latex))]
    if let unit { pairs.append(("units", str(unit))) }
    return mapping(pairs)
}

private func qualifiers(grid: ProfileGrid, metadata: ExportMetadata) -> [Node] {
    var q: [(String, Node)] = [
        ("Scan", str(grid.kind.rawValue)),
        ("Profiled parameters", str(grid.profiledParameters.isEmpty ? "none" : grid.profiledParameters.joined(separator: ", "))),
        ("CHI2(min)", num(grid.chi2Min)),
        ("Fit", str(metadata.fitName)),
    ]
    if !metadata.dataDescription.isEmpty { q.append(("Data", str(oneLine(metadata.dataDescription)))) }
    for c in metadata.conventions { q.append((c.key, str(c.value))) }
    return q.map { mapping([("name", str($0.0)), ("value", $0.1)]) }
}

private func gridTableYAML(_ grid: ProfileGrid, metadata: ExportMetadata) throws -> Data {
    var xs: [Node] = [], ys: [Node] = [], zs: [Node] = []
    let dchi2 = grid.deltaChi2
    for j in 0..<grid.ny {
        for i in 0..<grid.nx {
            xs.append(mapping([("value", num(grid.x.values[i]))]))
            if let y = grid.y { ys.append(mapping([("value", num(y.values[j]))])) }
            let d = dchi2[j * grid.nx + i]
            zs.append(mapping([("value", d.isFinite ? num(d) : str("-"))]))
        }
    }
    let xl = metadata.label(for: grid.x.name)
    var independent = [mapping([("header", header(xl, unit: grid.x.unit ?? xl.unit)), ("values", Node(xs))])]
    if let y = grid.y {
        let yl = metadata.label(for: y.name)
        independent.append(mapping([("header", header(yl, unit: y.unit ?? yl.unit)), ("values", Node(ys))]))
    }
    let dependent = mapping([
        ("header", mapping([("name", str("$\\Delta\\chi^2$"))])),
        ("qualifiers", Node(qualifiers(grid: grid, metadata: metadata))),
        ("values", Node(zs)),
    ])
    let doc = mapping([("independent_variables", Node(independent)), ("dependent_variables", Node([dependent]))])
    return Data(try yamlString([doc]).utf8)
}

private func contourTableYAML(_ c: ContourLine, grid: ProfileGrid, metadata: ExportMetadata) throws -> Data {
    guard let y = grid.y else { throw ExportError.invalidInput(quantity: "contours", reason: "given for a 1-D grid") }
    let pts = c.closedPoints
    let xl = metadata.label(for: grid.x.name), yl = metadata.label(for: y.name)
    var q = qualifiers(grid: grid, metadata: metadata)
    q.insert(mapping([("name", str("$\\Delta\\chi^2$")), ("value", num(c.level))]), at: 0)
    if let cl = c.cl { q.insert(mapping([("name", str("CL")), ("value", num(cl))]), at: 1) }
    q.append(mapping([("name", str("Method")), ("value", str(c.method))]))
    let doc = mapping([
        ("independent_variables", Node([mapping([
            ("header", header(xl, unit: grid.x.unit ?? xl.unit)),
            ("values", Node(pts.x.map { mapping([("value", num($0))]) })),
        ])])),
        ("dependent_variables", Node([mapping([
            ("header", header(yl, unit: y.unit ?? yl.unit)),
            ("qualifiers", Node(q)),
            ("values", Node(pts.y.map { mapping([("value", num($0))]) })),
        ])])),
    ])
    return Data(try yamlString([doc]).utf8)
}

// MARK: - YAML nodes with explicit styles (strings always quoted, numbers always plain)

private func str(_ s: String) -> Node { Node.scalar(.init(s, .implicit, .singleQuoted)) }
private func num(_ v: Double) -> Node { Node.scalar(.init(formatExact(v), .implicit, .plain)) }
private func mapping(_ pairs: [(String, Node)]) -> Node {
    Node.mapping(.init(pairs.map { (Node.scalar(.init($0.0, .implicit, .plain)), $0.1) }))
}

private func yamlString(_ documents: [Node]) throws -> String {
    do {
        return try Yams.serialize(nodes: documents, width: -1, allowUnicode: true, explicitStart: true)
    } catch {
        throw ExportError.invalidInput(quantity: "YAML document", reason: "\(error)")
    }
}
