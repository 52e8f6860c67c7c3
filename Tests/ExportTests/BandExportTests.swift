import Foundation
import Statistics
import Testing
@testable import Export

/// Constraint bands (method `band:<id>`) in every writer: drawn and tabulated apart from the Δχ² contours, never
/// bounding the filled regions nor labelled, and absent without a trace from a plane without bands.
@Suite struct BandExportTests {
    static let method = "band:sindrum-i"
    static let band = ContourBandInfo(method: method, legend: "SINDRUM-I 90% CL allowed",
                                      description: "Band sindrum-i: constraint χ² = 2.706 at its 90% CL bound")

    /// A diagonal straight line across the two-island grid, as a band boundary.
    static func bandLine() -> ContourLine {
        ContourLine(level: 2.705543454095414, cl: 0.9, x: [-7e-3, 4e-3], y: [-6e-3, 5e-3], closed: false, method: method)
    }

    static func export(withBand: Bool) -> GridExport {
        let contours = Fixture.twoIslandContours()
        return GridExport(grid: Fixture.twoIslandGrid(), contours: contours + (withBand ? [bandLine()] : []),
                          bands: withBand ? [band] : [])
    }

    static func files(withBand: Bool) throws -> [String: String] {
        let files = try bundleFiles([export(withBand: withBand)], metadata: Fixture.metadata(), formats: Set(ExportFormat.allCases))
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    @Test func everyWriterDrawsOrCarriesTheBand() throws {
        let files = try Self.files(withBand: true)
        let stem = "profile_eps_n_eps_p"
        let svg = try #require(files["\(stem).svg"])
        #expect(svg.contains("<g id=\"bands\"") && svg.contains("data-method=\"band:sindrum-i\""))
        #expect(svg.contains("stroke-dasharray=\"\(bandDash)\"") && svg.contains(bandColor.hex))
        #expect(svg.contains("SINDRUM-I 90% CL") && svg.contains("allowed"))
        // Not among the black contour lines.
        #expect(!svg.components(separatedBy: "<g id=\"contours\"")[1].components(separatedBy: "</g>")[0].contains("band:"))
        let tex = try #require(files["\(stem).tex"])
        #expect(tex.contains("\\definecolor{x17constraint}") && tex.contains("x17constraint, thick, \(pgfBandDash)"))
        #expect(tex.contains("\\addlegendentry{SINDRUM-I 90\\% CL allowed}"))
        let gp = try #require(files["\(stem).gp"])
        #expect(gp.contains("lc rgb '\(bandColor.hex)' title 'SINDRUM-I 90% CL allowed'"))
        let py = try #require(files["plot_\(stem).py"])
        #expect(py.contains("BANDS = {\"band:sindrum-i\": \"SINDRUM-I 90% CL allowed\"}") && py.contains("method.startswith(\"band:\")"))
        #expect(try #require(files["\(stem)_contours.csv"]).contains(",band:sindrum-i\n"))
        #expect(try #require(files["\(stem)_contours.dat"]).contains("segments of method band:sindrum-i: \(Fixture.twoIslandContours().count)"))
        #expect(try #require(files["\(stem).json"]).contains("\"method\":\"band:sindrum-i\""))
        #expect(files.contains { $0.key.hasPrefix("hepdata/") && $0.value.contains("band:sindrum-i boundary") })
        #expect(try #require(files["\(stem).csv"]).contains("# band: band:sindrum-i: SINDRUM-I 90% CL allowed."))
    }

    /// The band neither bounds the filled regions nor gets a level label: both are the same with and without it.
    @Test func bandDoesNotTouchRegionsOrLabels() throws {
        let with = try Self.files(withBand: true)["profile_eps_n_eps_p.svg"]!
        let without = try Self.files(withBand: false)["profile_eps_n_eps_p.svg"]!
        func group(_ svg: String, _ id: String) -> String {
            svg.components(separatedBy: "<g id=\"\(id)\"")[1].components(separatedBy: "</g>")[0]
        }
        #expect(group(with, "regions") == group(without, "regions"))
        #expect(group(with, "contour-labels") == group(without, "contour-labels"))
    }

    /// A plane without bands: no writer mentions bands.
    @Test func noBandNoTrace() throws {
        for (path, text) in try Self.files(withBand: false) {
            #expect(!text.lowercased().contains("sindrum") && !text.contains("BAND_COLOR") && !text.contains("x17constraint")
                    && !text.contains("id=\"bands\""), "\(path)")
        }
    }
}
