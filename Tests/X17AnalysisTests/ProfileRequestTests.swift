import Foundation
import Statistics
import Testing
import _TestSupport
@testable import X17Analysis

/// `AxisRequest` (`PAR[:lo:hi[:n]][:log]`), its resolution into a grid axis, and `[[profiles]]` in specs.
@Suite struct AxisRequestTests {
    static func parse(_ text: String) throws -> AxisRequest {
        try AxisRequest(parsing: text, file: "command line", field: "--x")
    }

    @Test func goodForms() throws {
        #expect(try Self.parse("mX") == AxisRequest(parameter: "mX"))
        #expect(try Self.parse("mX:16.6:17.1") == AxisRequest(parameter: "mX", lower: 16.6, upper: 17.1))
        #expect(try Self.parse(" eps_n : -8e-3 : 0.008 : 101 ")
                == AxisRequest(parameter: "eps_n", lower: -0.008, upper: 0.008, count: 101))
        #expect(try Self.parse("eps_p:1e-4:1e-2:21:log")
                == AxisRequest(parameter: "eps_p", lower: 1e-4, upper: 1e-2, count: 21, spacing: .log))
        #expect(try Self.parse("eps_p:1e-4:1e-2:log") == AxisRequest(parameter: "eps_p", lower: 1e-4, upper: 1e-2, spacing: .log))
        #expect(try Self.parse("BR_ee:log") == AxisRequest(parameter: "BR_ee", spacing: .log))
        #expect(ProfilePlane(x: try Self.parse("mX"), y: try Self.parse("eps_n:-1:1")).stem == "mX_eps_n")
        #expect(ProfilePlane(x: try Self.parse("mX")).stem == "mX")
    }

    @Test(arguments: [
        ("", "expected PAR[:lo:hi[:n]][:log], got ''"),
        (":1:2", "expected PAR[:lo:hi[:n]][:log]"),
        ("mX:16.6", "expected PAR[:lo:hi[:n]][:log], got 'mX:16.6'"),
        ("mX:16:17:11:3", "expected PAR[:lo:hi[:n]][:log]"),
        ("mX:16:17:11:log:log", "expected PAR[:lo:hi[:n]][:log]"),
        ("mX:a:17", "lower bound 'a' is not a number"),
        ("mX:nan:17", "lower bound 'nan' is not a number"),
        ("mX:16:inf", "upper bound 'inf' is not a number"),
        ("mX:17:16", "range [17.0, 16.0] is empty or reversed"),
        ("mX:16:16", "range [16.0, 16.0] is empty or reversed"),
        ("mX:16:17:x", "point count 'x' is not an integer"),
        ("mX:16:17:2.5", "point count '2.5' is not an integer"),
        ("mX:16:17:1", "point count must be at least 2, got 1"),
        ("mX:16:17:-3", "point count must be at least 2, got -3"),
        ("eps_n:-1e-3:1e-2:11:log", "a log axis needs a positive lower bound, got -0.001"),
        ("eps_n:0:1e-2:log", "a log axis needs a positive lower bound, got 0.0"),
        ("=1,2", "expected PAR=v1,v2,…"),
        ("mX=16.8", "an explicit axis needs at least 2 values, got 1"),
        ("mX=16.8,x", "value 'x' is not a number"),
        ("mX=16.8,,17", "value '' is not a number"),
        ("mX=17,16.8", "explicit values must increase strictly"),
        ("mX=16.8,16.8", "explicit values must increase strictly"),
    ])
    func badFormsNameTheField(text: String, message: String) {
        expectInputError(file: "fits/x.toml", line: 7, field: "profiles[1].y", contains: message) {
            _ = try AxisRequest(parsing: text, file: "fits/x.toml", line: 7, field: "profiles[1].y")
        }
    }

    @Test func explicitValuesGiveAnExplicitAxis() throws {
        let request = try Self.parse("mX = 16.7, 16.84, 16.85 ,17.0")
        #expect(request.spacing == .explicit && request.values == [16.7, 16.84, 16.85, 17.0])
        let axis = try request.axis(best: 16.84, error: 0.04, limits: (16.0, 17.6), defaultCount: 41)
        #expect(axis.values == [16.7, 16.84, 16.85, 17.0] && axis.spacing == .explicit && axis.name == "mX")
    }

    @Test func explicitBoundsAreKeptAsGiven() throws {
        let axis = try Self.parse("mX:16.6:17.1:6").axis(best: 16.84, error: 0.04, limits: (16.0, 17.6), defaultCount: 41)
        #expect(axis.name == "mX" && axis.spacing == .linear)
        #expect(axis.values.count == 6 && axis.values.first == 16.6 && axis.values.last == 17.1)
        // 0.1 steps; 1e-12 absolute is a few ulps of 17 (ulp ≈ 3.6e-15), far below the step.
        for (k, v) in axis.values.enumerated() { #expect(isClose(v, 16.6 + 0.1 * Double(k), abs: 1e-12)) }
        // Explicit bounds are not clipped here: ProfileJob rejects them against the limits with the field named.
        let outside = try Self.parse("mX:15:17:3").axis(best: 16.84, error: 0.04, limits: (16.0, 17.6), defaultCount: 41)
        #expect(outside.values == [15, 16, 17])
    }

    @Test func defaultRangeIsBestPlusMinusFourErrorsClippedToTheLimits() throws {
        let request = try Self.parse("mX")
        let free = try request.axis(best: 16.84, error: 0.04, limits: (16.0, 17.6), defaultCount: 5, unit: "MeV")
        // 16.84 ∓ 4·0.04 = 16.68 … 17.00; 1e-12 absolute covers the rounding of 16.84 ± 0.16.
        #expect(free.values.count == 5 && free.unit == "MeV")
        #expect(isClose(free.values[0], 16.68, abs: 1e-12) && isClose(free.values[4], 17.00, abs: 1e-12))
        let low = try request.axis(best: 16.1, error: 0.04, limits: (16.0, 17.6), defaultCount: 3)
        #expect(low.values[0] == 16.0 && isClose(low.values[2], 16.26, abs: 1e-12))
        let high = try request.axis(best: 17.5, error: 0.04, limits: (16.0, 17.6), defaultCount: 3)
        #expect(isClose(high.values[0], 17.34, abs: 1e-12) && high.values[2] == 17.6)
        let unlimited = try request.axis(best: 0.005, error: 0.0004, limits: (nil, nil), defaultCount: 3, width: 2)
        #expect(isClose(unlimited.values[0], 0.0042, abs: 1e-15) && isClose(unlimited.values[2], 0.0058, abs: 1e-15))
        // One explicit bound is not possible in the syntax, but the API clips only the missing side.
        let half = try AxisRequest(parameter: "mX", lower: 15.0).axis(best: 17.5, error: 0.04, limits: (16.0, 17.6), defaultCount: 2)
        #expect(half.values == [15.0, 17.6])
    }

    @Test func logAxisIsGeometric() throws {
        let axis = try Self.parse("eps_p:1e-4:1e-2:5:log").axis(best: 2e-3, error: 4e-4, limits: (nil, nil), defaultCount: 41)
        #expect(axis.spacing == .log && axis.values.first == 1e-4 && axis.values.last == 1e-2)
        // Ratio 10^0.5 between neighbours; 1e-13 relative is a few ulps after exp/log.
        for k in 1..<5 { #expect(isClose(axis.values[k] / axis.values[k - 1], 10.0.squareRoot(), rel: 1e-13)) }
        // A default log range through zero cannot exist: a typed error, not NaNs.
        #expect(throws: StatisticsError.self) {
            _ = try Self.parse("eps_p:log").axis(best: 2e-3, error: 1e-3, limits: (nil, nil), defaultCount: 11)
        }
    }
}

@Suite struct SpecProfilesTests {
    static let head = """
        name = "t"
        hypothesis = "vector"
        datasets = ["rates/atomki-rates.csv"]

        [parameters]
        mX    = { start = 16.9, step = 0.05, limits = [16.0, 17.6] }
        eps_n = { start = 5e-3, step = 1e-4 }
        BR_ee = { value = 1.0, fixed = true }

        """

    /// Parameters written as sub-tables keep their file order and their lines (review finding: they were
    /// sorted by name and lost their line numbers).
    @Test func parameterSubTablesKeepFileOrderAndLines() throws {
        let text = """
            name = "t"
            hypothesis = "vector"
            datasets = ["rates/x.csv"]

            [parameters.mX]
            start = 16.9
            step = 0.05
            limits = [16.0, 17.6]

            [parameters.eps_p]
            start = 1e-3

            [parameters.eps_n]
            start = 5e-3
            step = -1
            """
        // The error names the line of `step = -1` itself (the TOML parser keeps positions; it was the header's, 13).
        expectInputError(file: "fits/t.toml", line: 15, field: "parameters.eps_n.step", contains: "expected a positive number") {
            _ = try FitSpec(text: text, file: "fits/t.toml")
        }
        let spec = try FitSpec(text: text.replacingOccurrences(of: "step = -1", with: "step = 1e-4"), file: "fits/t.toml")
        #expect(spec.parameters.map(\.name) == ["mX", "eps_p", "eps_n"])
        #expect(spec.parameters.map(\.line) == [5, 10, 13])
    }

    @Test func planesAreParsedInFileOrder() throws {
        let spec = try FitSpec(text: Self.head + """
            [[profiles]]
            x = "eps_n:-0.008:0.008:101"
            y = "mX"

            [[profiles]]
            x = "mX:16.6:17.1:201:log"
            """, file: "fits/t.toml")
        #expect(spec.profiles == [
            ProfilePlane(x: AxisRequest(parameter: "eps_n", lower: -0.008, upper: 0.008, count: 101), y: AxisRequest(parameter: "mX")),
            ProfilePlane(x: AxisRequest(parameter: "mX", lower: 16.6, upper: 17.1, count: 201, spacing: .log)),
        ])
        #expect(try FitSpec(text: Self.head, file: "fits/t.toml").profiles.isEmpty)
    }

    @Test func repositorySpecsListTheFigurePlanes() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fits/dg2023-vector-none.toml").path
        let spec = try FitSpec.load(path: path)
        #expect(spec.profiles.map(\.stem) == ["eps_n_eps_p", "mX_eps_n", "mX_eps_p", "mX"])
    }

    /// Line numbers count from 1 in the joined text: `head` has 8 lines, so the tail starts on line 9.
    @Test(arguments: [
        ("[[profiles]]\nx = \"mX\"\n\n[[profiles]]\nx = \"eps_n\"\nz = \"mX\"\n", 14, "profiles[1].z", "unknown key (expected x, y, bands)"),
        ("[[profiles]]\nx = \"mX\"\ny = \"eps_q:-1:1\"\n", 11, "profiles[0].y", "unknown parameter 'eps_q' (not in [parameters])"),
        ("[[profiles]]\nx = \"mX:17:16\"\n", 10, "profiles[0].x", "range [17.0, 16.0] is empty or reversed"),
        ("[[profiles]]\nx = \"mX:16:17:1\"\n", 10, "profiles[0].x", "point count must be at least 2"),
        ("[[profiles]]\nx = 3\n", 10, "profiles[0].x", "expected a string \"PAR:lo:hi:n\""),
        ("[[profiles]]\nx = \"mX\"\n\n[[profiles]]\ny = \"mX\"\n", 12, "profiles[1].x", "missing key x"),
        ("[[profiles]]\ny = \"mX\"\n\n[[profiles]]\nx = \"eps_n\"\n", 9, "profiles[0].x", "missing key x"),
        ("[[profiles]]\nx = \"eps_n\"\n\n[[profiles]]\nx = \"mX\"\ny = \"mX:a:b\"\n", 14, "profiles[1].y", "lower bound 'a' is not a number"),
    ])
    func badEntriesNameFileLineAndField(tail: String, line: Int, field: String, message: String) {
        expectInputError(file: "fits/t.toml", line: line, field: field, contains: message) {
            _ = try FitSpec(text: Self.head + tail, file: "fits/t.toml")
        }
    }

    @Test func profilesMustBeAnArrayOfTables() {
        let text = Self.head.replacingOccurrences(of: "[parameters]", with: "profiles = 3\n\n[parameters]")
        expectInputError(file: "fits/t.toml", line: 5, field: "profiles", contains: "expected an array of tables [[profiles]]") {
            _ = try FitSpec(text: text, file: "fits/t.toml")
        }
    }
}
