import Foundation
import Statistics
import Testing
@testable import Export

/// Issue 16: a 1-D profile's intervals at every level are in every 1-D export (text headers, JSON, SVG notes,
/// HEPData qualifiers); 2-D grids carry none.
@Suite struct IntervalExportTests {
    @Test func everyOneDimensionalFormatStatesTheIntervals() throws {
        let grid = Fixture.profile1D()
        let intervals = try Fixture.levels1D.map { try grid.interval(level: $0.deltaChi2) }
        #expect(intervals.count == 3 && intervals.allSatisfy { !$0.segments.isEmpty })
        let files = try bundleFiles([GridExport(grid: grid, intervals: intervals)], metadata: Fixture.metadata(levels: Fixture.levels1D),
                                    formats: Set(ExportFormat.allCases))
        func text(_ path: String) throws -> String {
            String(decoding: try #require(files.first { $0.path == path }).contents, as: UTF8.self)
        }
        let first = try #require(intervals[0].segments.first?.lower)
        for path in ["profile_mX.csv", "profile_mX.dat"] {
            let lines = try text(path).split(separator: "\n").filter { $0.hasPrefix("# interval: ") }
            #expect(lines.count == 3, "\(path)")
            #expect(lines[0].contains("label=1σ") && lines[0].contains("segments=[\(formatExact(first)),"), "\(path): \(lines.first ?? "")")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try text("profile_mX.json").utf8)) as? [String: Any]
        let parsed = json?["intervals"] as? [[String: Any]]
        #expect(parsed?.count == 3 && (parsed?[0]["segments"] as? [[String: Any]])?.first?["lower"] as? Double == first)
        #expect(try text("profile_mX.svg").contains("1σ: ["))
        #expect(try text("hepdata/profile_mX.yaml").contains("name: 'Interval 1σ (Δχ² ≤ 1)'"))
    }

    @Test func twoDimensionalGridsHaveNoIntervals() throws {
        let files = try bundleFiles([GridExport(grid: Fixture.twoIslandGrid(), contours: Fixture.twoIslandContours())],
                                    metadata: Fixture.metadata(), formats: [.csv, .json, .hepdata])
        for f in files { #expect(!String(decoding: f.contents, as: UTF8.self).contains("nterval"), "\(f.path)") }
    }
}
