import Foundation
import Statistics
import Testing
import X17Physics
import _TestSupport
@testable import X17Analysis

/// `bands` of a `[[profiles]]` entry: the SINDRUM-I band on the (a_n, a_p) plane of fits/axial-be.toml, and the
/// bad-input errors naming file, line and field.
@Suite struct ConstraintBandTests {
    static func spec(bands: String = "[\"sindrum-i\"]", y: String = "y = \"a_p:-3e-4:3e-4:21\"") throws -> FitSpec {
        let text = ConstraintTests.axialBe.components(separatedBy: "[[profiles]]")[0]
            + "[[profiles]]\nx = \"a_n:-2e-4:2e-4:21\"\n\(y)\nbands = \(bands)\n"
        return try FitSpec(text: text, file: "fits/test.toml")
    }

    static func bandsLine(_ spec: FitSpec) -> Int {
        spec.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("bands") }! + 1
    }

    /// SINDRUM-I: |a_p − a_n|/(Δu − Δd)·√BR < 8.5e-5 at 90 % CL, two-sided at zero (seed 000 Eq. 46), with BR_ee = 1
    /// and the vector and lepton couplings absent (0): the band edges are the straight lines
    /// a_p − a_n = ±(0.897 + 0.367)·8.5e-5 = ±1.0744e-4, at the constraint's χ² = Φ⁻¹(0.95)².
    @Test func sindrumBandIsTwoStraightLines() async throws {
        let spec = try Self.spec()
        #expect(spec.profiles.first?.bands == ["sindrum-i"])
        let setup = try FitSetup.prepare(spec: spec, datasets: ConstraintTests.loader)
        let plane = try #require(spec.profiles.first)
        let bands = try ConstraintBand.prepare(setup: setup, plane: plane, datasets: ConstraintTests.loader, field: "profiles[0].bands")
        let band = try #require(bands.first)
        #expect(band.method == "band:sindrum-i" && band.cl == 0.9 && band.legend == "SINDRUM-I 90% CL allowed")
        #expect(abs(band.deltaChi2 - 1.6448536269514722 * 1.6448536269514722) < 1e-12)
        let job = try ProfileJob(setup: setup, plane: plane, defaultCount: 21, source: (spec.file, nil))
        let grid = try await job.grid(threads: 1)
        let lines = try band.lines(on: grid, setup: setup)
        #expect(lines.count == 2)
        let edge = (0.897 + 0.367) * 8.5e-5
        var signs: Set<Double> = []
        for line in lines {
            #expect(line.method == "band:sindrum-i" && line.cl == 0.9 && !line.closed && line.x.count >= 2)
            // Each crossing is refined to 1e-7 of a cell edge (2e-5 in a_n, 3e-5 in a_p): 1e-10 covers it.
            for (an, ap) in zip(line.x, line.y) { #expect(abs(abs(ap - an) - edge) < 1e-10, "\(an), \(ap)") }
            signs.insert((line.y[0] - line.x[0]).sign == .minus ? -1 : 1)
        }
        #expect(signs == [-1, 1])
    }

    @Test func unknownBandIsNamedAtItsLine() throws {
        let spec = try Self.spec(bands: "[\"nope\"]")
        let setup = try FitSetup.prepare(spec: spec, datasets: ConstraintTests.loader)
        expectInputError(file: "fits/test.toml", line: Self.bandsLine(spec), field: "profiles[0].bands",
                         contains: "unknown constraint 'nope' (known in datasets/constraints/external-constraints.csv: pi0-na48-2, sindrum-i") {
            _ = try ConstraintBand.prepare(setup: setup, plane: spec.profiles[0], datasets: ConstraintTests.loader,
                                           field: "profiles[0].bands")
        }
    }

    @Test func badBandsValuesAreRefusedBySpec() throws {
        let line = try Self.spec(bands: "[]").text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("bands") }! + 1
        expectInputError(file: "fits/test.toml", line: line, field: "profiles[0].bands", contains: "2-D planes only") {
            _ = try Self.spec(y: "")
        }
        expectInputError(file: "fits/test.toml", line: line, field: "profiles[0].bands", contains: "expected an array") {
            _ = try Self.spec(bands: "\"sindrum-i\"")
        }
        expectInputError(file: "fits/test.toml", line: line, field: "profiles[0].bands", contains: "named twice") {
            _ = try Self.spec(bands: "[\"sindrum-i\", \"sindrum-i\"]")
        }
    }
}
