import Foundation
import Statistics
import Testing
import Yams
@testable import Export

@Suite struct JSONAndHEPDataTests {
    /// The hand-written grid JSON is byte for byte what `JSONEncoder` (sorted keys, unescaped slashes) gives for
    /// the same document: 2-D with a failed NaN point, 1-D with intervals, and awkward strings and numbers.
    @Test func gridJSONEqualsJSONEncoderBytes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func check(_ grid: ProfileGrid, _ contours: [ContourLine], _ metadata: ExportMetadata) throws {
            let expected = try encoder.encode(try gridDocument(grid: grid, contours: contours, metadata: metadata)) + Data("\n".utf8)
            let data = try gridJSON(grid: grid, contours: contours, metadata: metadata)
            #expect(data == expected, "\(String(decoding: data.prefix(300), as: UTF8.self))\n\(String(decoding: expected.prefix(300), as: UTF8.self))")
        }
        try check(Fixture.twoIslandGrid(failedIndex: 7, nanIndex: 7), Fixture.twoIslandContours(), Fixture.metadata())
        var oneD = Fixture.metadata(levels: Fixture.levels1D)
        let profile = Fixture.profile1D()
        oneD.intervals = try Fixture.levels1D.map { try profile.interval(level: $0.deltaChi2) }
        try check(profile, [], oneD)
        var awkward = Fixture.metadata()
        awkward.description = "quote \" backslash \\ slash / tab \t newline \n bell \u{7} del \u{7F} ε Δχ² 𝛼"
        awkward.conventions.append(MetadataEntry("Zeta", "upper-case key sorts first"))
        awkward.conventions.append(MetadataEntry("he_note", "1e-05 0.1 1e+300 -0.0"))
        var grid = Fixture.twoIslandGrid()
        grid.points[3].chi2 = 1e-300
        grid.points[4].chi2 = 123456789012345680
        grid.points[5].chi2 = -0.0
        grid.points[6].chi2 = .leastNonzeroMagnitude
        try check(grid, Fixture.twoIslandContours(), awkward)
    }

    @Test func jsonDecodesBackToTheSameNumbers() throws {
        let grid = Fixture.twoIslandGrid(failedIndex: 7, nanIndex: 7)
        let contours = Fixture.twoIslandContours()
        let data = try gridJSON(grid: grid, contours: contours, metadata: Fixture.metadata())
        let doc = try JSONDecoder().decode(GridDocument.self, from: data)
        #expect(doc == (try gridDocument(grid: grid, contours: contours, metadata: Fixture.metadata())))
        #expect(doc.x == grid.x.values && doc.y == grid.y!.values)
        #expect(doc.order == "y-major (row j is y[j])")
        guard case let .rows(rows) = doc.deltaChi2 else { Issue.record("2-D grid must give nested rows"); return }
        #expect(rows.count == grid.ny && rows.allSatisfy { $0.count == grid.nx })
        for j in 0..<grid.ny {
            for i in 0..<grid.nx where j * grid.nx + i != 7 {
                #expect(rows[j][i] == grid.point(i, j).chi2 - grid.chi2Min)
            }
        }
        #expect(rows[0][7] == nil)
        #expect(doc.status.flattened[7] == "failed")
        #expect(doc.profiledValues["mX"]!.flattened.map { $0! } == grid.points.map { $0.profiledValues[0] })
        #expect(doc.nfcn.flattened == grid.points.map(\.nfcn))
        #expect(doc.contours.count == 6 && doc.contours[0].x == contours[0].x)
        #expect(doc.levels.map(\.deltaChi2) == Fixture.levels2D.map(\.deltaChi2))
        #expect(doc.provenance.git == "abc1234" && doc.conventions["isospin"] == "none")

        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["schema_version", "provenance", "fit", "description", "data", "conventions", "kind", "axes", "x", "y",
                                     "order", "chi2_min", "best_fit", "chi2", "delta_chi2", "status", "nfcn", "profiled",
                                     "profiled_values", "levels", "contours", "null_policy"])
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("NaN") && !text.contains("nan,") && !text.contains("nan]") && !text.contains("Infinity"))
        // Keys are sorted: "best_fit" precedes "chi2" precedes "contours".
        let b = text.range(of: "\"best_fit\"")!.lowerBound, c = text.range(of: "\"chi2\"")!.lowerBound
        #expect(b < c)
    }

    @Test func oneDimensionalJSONUsesFlatArrays() throws {
        let doc = try gridDocument(grid: Fixture.profile1D(), contours: [], metadata: Fixture.metadata(levels: Fixture.levels1D))
        guard case let .flat(values) = doc.deltaChi2 else { Issue.record("1-D grid must give a flat array"); return }
        #expect(values.count == 41 && doc.y == nil)
    }

    @Test func hepdataTablesHaveEqualRowCounts() throws {
        let grid = Fixture.twoIslandGrid(nanIndex: 2)
        let contours = Fixture.twoIslandContours()
        let files = try hepdataSubmission([GridExport(grid: grid, contours: contours)], metadata: Fixture.metadata())
        #expect(files.map(\.path) == ["submission.yaml", "profile_eps_n_eps_p.yaml"] + (0..<6).map { "profile_eps_n_eps_p_contour_\($0).yaml" })
        let submission = String(decoding: files[0].contents, as: UTF8.self)
        let docs = Array(try Yams.load_all(yaml: submission))
        #expect(docs.count == 8)
        let first = try #require(docs[0] as? [String: Any])
        #expect((first["comment"] as? String)?.contains("x17fit 0.1.0-test") == true)
        let tables = docs.dropFirst().compactMap { $0 as? [String: Any] }
        #expect(Set(tables.compactMap { $0["name"] as? String }).count == 7)
        #expect(tables.allSatisfy { ($0["keywords"] as? [Any])?.count == 4 })

        let gridYAML = try #require(try Yams.load(yaml: String(decoding: files[1].contents, as: UTF8.self)) as? [String: Any])
        let indep = try #require(gridYAML["independent_variables"] as? [[String: Any]])
        let dep = try #require(gridYAML["dependent_variables"] as? [[String: Any]])
        #expect(indep.count == 2 && dep.count == 1)
        let counts = (indep + dep).map { ($0["values"] as? [Any])?.count ?? -1 }
        #expect(counts == [grid.nx * grid.ny, grid.nx * grid.ny, grid.nx * grid.ny])
        let values = try #require(dep[0]["values"] as? [[String: Any]])
        #expect(values[2]["value"] as? String == "-")
        // Δχ² rounded to 10⁻⁶, axis values to 10 significant digits.
        let d3 = try #require(values[3]["value"] as? Double)
        #expect(abs(d3 - (grid.points[3].chi2 - grid.chi2Min)) <= 5e-7 && d3 == (d3 * 1e6).rounded() / 1e6)
        let xs = try #require(indep[0]["values"] as? [[String: Any]])
        let x1 = try #require(xs[grid.nx + 1]["value"] as? Double)
        #expect(abs(x1 - grid.x.values[1]) <= 1e-12)

        let contourYAML = try #require(try Yams.load(yaml: String(decoding: files[2].contents, as: UTF8.self)) as? [String: Any])
        let cx = try #require((contourYAML["independent_variables"] as? [[String: Any]])?.first?["values"] as? [[String: Any]])
        let cy = try #require((contourYAML["dependent_variables"] as? [[String: Any]])?.first?["values"] as? [[String: Any]])
        #expect(cx.count == contours[0].x.count && cy.count == cx.count)
        #expect(cx.first?["value"] as? Double == cx.last?["value"] as? Double)
    }

    @Test func hepdataValidatorAcceptsTheSubmission() throws {
        guard let validator = HEPDataValidator.find() else {
            print("SKIPPED hepdataValidatorAcceptsTheSubmission: python3 with hepdata-validator not available (pip install hepdata-validator)")
            return
        }
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exports = [GridExport(grid: Fixture.twoIslandGrid(failedIndex: 3, nanIndex: 3), contours: Fixture.twoIslandContours()),
                       GridExport(grid: Fixture.profile1D(), levels: Fixture.levels1D)]
        let folder = dir.appendingPathComponent("hepdata")
        for file in try hepdataSubmission(exports, metadata: HEPDataBestFitTests.metadataWithSummary()) {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url)
        }
        let (status, output) = try validator.run(folder)
        #expect(status == 0, "hepdata-validate: \(output)")
        #expect(output.contains("is valid"))

        // The validator is not a rubber stamp: a table whose columns differ in length is rejected.
        let broken = folder.appendingPathComponent("profile_mX.yaml")
        var text = try String(contentsOf: broken, encoding: .utf8)
        text = text.replacingOccurrences(of: "  - value: 16.6\n", with: "")
        try text.write(to: broken, atomically: true, encoding: .utf8)
        #expect(try validator.run(folder).status != 0)
    }
}

/// Runs `hepdata-validate -d DIR` through `/usr/bin/env` when it is installed.
struct HEPDataValidator {
    static func find() -> HEPDataValidator? {
        guard let (status, _) = try? HEPDataValidator().run(arguments: ["hepdata-validate", "--help"]), status == 0 else { return nil }
        return HEPDataValidator()
    }

    func run(_ folder: URL) throws -> (status: Int32, output: String) {
        try run(arguments: ["hepdata-validate", "-d", folder.path])
    }

    func run(arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
