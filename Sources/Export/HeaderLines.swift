import Foundation
import ProfileData

/// The `key: value` provenance lines shared by the text formats (CSV, .dat, .gp, .py), in a fixed order.
func provenanceEntries(grid: ProfileGrid, metadata: ExportMetadata) -> [MetadataEntry] {
    var e: [MetadataEntry] = [MetadataEntry("fit", metadata.fitName)]
    if !metadata.description.isEmpty { e.append(MetadataEntry("description", metadata.description)) }
    if !metadata.dataDescription.isEmpty { e.append(MetadataEntry("data", metadata.dataDescription)) }
    for c in metadata.conventions { e.append(MetadataEntry("convention", "\(c.key)=\(c.value)")) }
    e.append(MetadataEntry("kind", kindDescription(grid)))
    e.append(MetadataEntry("x", axisDescription(grid.x, metadata: metadata)))
    if let y = grid.y {
        e.append(MetadataEntry("y", axisDescription(y, metadata: metadata)))
        e.append(MetadataEntry("order", "y-major: row j*nx+i is (x[i], y[j]); x varies fastest"))
    }
    e.append(MetadataEntry("profiled", grid.profiledParameters.isEmpty ? "none" : grid.profiledParameters.joined(separator: ",")))
    e.append(MetadataEntry("chi2_min", formatExact(grid.chi2Min)))
    e.append(MetadataEntry("best_fit", grid.orderedBestFit.map { "\($0.0)=\(formatExact($0.1))" }.joined(separator: ",")))
    e.append(MetadataEntry("levels", metadata.levels.map { formatExact($0.deltaChi2) }.joined(separator: ",")))
    e.append(MetadataEntry("cl", metadata.levels.map { formatExact($0.cl) }.joined(separator: ",")))
    e.append(MetadataEntry("level_labels", metadata.levels.map(\.label).joined(separator: ",")))
    for interval in metadata.intervals { e.append(MetadataEntry("interval", intervalDescription(interval, metadata: metadata))) }
    for b in metadata.bands { e.append(MetadataEntry("band", "\(b.method): \(b.legend). \(b.description)")) }
    e.append(MetadataEntry("generator", "x17fit \(metadata.generatorVersion)"))
    e.append(MetadataEntry("git", metadata.gitHash))
    if let s = metadata.specSHA256 { e.append(MetadataEntry("spec_sha256", s)) }
    for d in metadata.dataSHA256 { e.append(MetadataEntry("data_sha256", "\(d.key)=\(d.value)")) }
    return e
}

func kindDescription(_ grid: ProfileGrid) -> String {
    switch grid.kind {
    case .profiled: "profiled (other free parameters minimised at each point)"
    case .sliced: "sliced (other parameters fixed at their best-fit values)"
    }
}

func axisDescription(_ axis: GridAxis, metadata: ExportMetadata) -> String {
    let unit = axis.unit ?? metadata.label(for: axis.name).unit
    return "\(axis.name)" + (unit.map { " [\($0)]" } ?? "") + ", \(axis.values.count) values, \(axis.spacing.rawValue) spacing"
}

/// Provenance as `# key: value` lines, preceded by `title` lines.
func commentHeader(_ title: [String], grid: ProfileGrid, metadata: ExportMetadata, prefix: String = "# ") -> String {
    var out = ""
    for t in title { out += prefix + oneLine(t) + "\n" }
    for entry in provenanceEntries(grid: grid, metadata: metadata) {
        out += prefix + entry.key + ": " + oneLine(entry.value) + "\n"
    }
    return out
}

/// Index of the band a Δχ² falls in: 0 inside the first level, …, `levels.count` outside all,
/// nil when not finite.
func band(_ dchi2: Double, levels: [ConfidenceLevel]) -> Int? {
    guard dchi2.isFinite else { return nil }
    return levels.firstIndex { dchi2 <= $0.deltaChi2 } ?? levels.count
}

/// File-name stem for a grid, e.g. `profile_eps_n_eps_p`.
func fileStem(_ grid: ProfileGrid) -> String {
    let kind = grid.kind == .profiled ? "profile" : "slice"
    return ([kind, grid.x.name] + (grid.y.map { [$0.name] } ?? [])).joined(separator: "_")
}

/// One 1-D interval as a header value, e.g. `delta_chi2=1 cl=0.6827 label=1σ best=16.84 segments=[16.80,16.88]`;
/// a disconnected region lists each range, an open end (the region runs past the grid) is `..`.
func intervalDescription(_ r: ProfileInterval, metadata: ExportMetadata) -> String {
    let level = metadata.levels.first { $0.deltaChi2 == r.level }
    var text = "delta_chi2=\(formatExact(r.level))"
    if let level { text += " cl=\(formatExact(level.cl)) label=\(level.label)" }
    text += " best=\(formatExact(r.bestFit)) segments="
    text += r.segments.map { "[\($0.lower.map(formatExact) ?? ".."),\($0.upper.map(formatExact) ?? "..")]" }.joined(separator: " ")
    return text
}

/// Each range of an interval for people, e.g. `[16.801, 16.882]` (… where the region runs past the grid), in units
/// of `scale` (values are multiplied by it, as an axis shown ×10ⁿ).
func intervalSegments(_ r: ProfileInterval, digits: Int, scale: Double = 1) -> [String] {
    r.segments.map { "[\($0.lower.map { formatShort($0 * scale, digits: digits) } ?? "…"), \($0.upper.map { formatShort($0 * scale, digits: digits) } ?? "…")]" }
}

/// The ranges of an interval joined, e.g. `[−6.06, −4.42] ∪ [4.42, 6.06]`.
func intervalRanges(_ r: ProfileInterval, digits: Int) -> String {
    intervalSegments(r, digits: digits).joined(separator: " ∪ ")
}
