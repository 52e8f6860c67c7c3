import Foundation
import Statistics
@testable import Export

/// Grids and contours built in the tests (no profiling code involved).
enum Fixture {
    /// Δχ² of a correlated 2-D Gaussian with standard deviations (sx, sy) and correlation rho.
    static func gaussianQ(_ dx: Double, _ dy: Double, sx: Double, sy: Double, rho: Double) -> Double {
        let u = dx / sx, v = dy / sy
        return (u * u - 2 * rho * u * v + v * v) / (1 - rho * rho)
    }

    /// Points (closed, first repeated) of the ellipse Δχ² = level of `gaussianQ` around (cx, cy):
    /// with u = √L·cos t, v = √L·(ρ cos t + √(1−ρ²) sin t), the quadratic form equals L exactly.
    static func ellipse(cx: Double, cy: Double, sx: Double, sy: Double, rho: Double, level: Double, n: Int = 48)
        -> (x: [Double], y: [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        for k in 0..<n {
            let t = 2 * Double.pi * Double(k) / Double(n)
            let u = level.squareRoot() * cos(t)
            let v = level.squareRoot() * (rho * cos(t) + (1 - rho * rho).squareRoot() * sin(t))
            xs.append(cx + sx * u)
            ys.append(cy + sy * v)
        }
        return (xs + [xs[0]], ys + [ys[0]])
    }

    static let levels2D = try! ConfidenceLevel.standard(parameters: 2)
    static let levels1D = try! ConfidenceLevel.standard(parameters: 1)

    static func metadata(levels: [ConfidenceLevel] = levels2D) -> ExportMetadata {
        ExportMetadata(
            fitName: "test-vector-none", description: "synthetic grid for the Export tests",
            dataDescription: "none (analytic Δχ²)",
            conventions: [MetadataEntry("hypothesis", "vector"), MetadataEntry("isospin", "none"),
                          MetadataEntry("he_convention", "dg2023")],
            levels: levels, generatorVersion: "0.1.0-test", gitHash: "abc1234",
            specSHA256: String(repeating: "0", count: 64),
            dataSHA256: [MetadataEntry("datasets/a.csv", String(repeating: "1", count: 64))],
            axisLabels: [
                AxisLabel(name: "eps_n", latex: "$\\varepsilon_n$", svg: "ε_{n}"),
                AxisLabel(name: "eps_p", latex: "$\\varepsilon_p$", svg: "ε_{p}"),
                AxisLabel(name: "mX", latex: "$m_X$", svg: "m_{X}", unit: "MeV"),
            ],
            hepdata: HEPDataKeywords(reactions: ["P LI7 --> BE8 X"], observables: ["CHI2"], cmenergies: [0.0186],
                                     phrases: ["X17", "Profile likelihood"]),
            title: "Test: vector X, no isospin breaking")
    }

    static let chi2Min = 10.5
    static let sx = 1.2e-3, sy = 0.8e-3, rho = -0.6

    /// Axis values lo + k·(hi−lo)/(n−1).
    static func linspace(_ lo: Double, _ hi: Double, _ n: Int) -> [Double] {
        (0..<n).map { lo + (hi - lo) * Double($0) / Double(n - 1) }
    }

    /// A 21×17 grid (nx ≠ ny to catch transpositions) of two Gaussian islands at ±(c, c) in
    /// (eps_n, eps_p), with mX "profiled" (a smooth made-up function) and varying nfcn.
    static func twoIslandGrid(nx: Int = 21, ny: Int = 17, failedIndex: Int? = nil, nanIndex: Int? = nil) -> ProfileGrid {
        let c = 3e-3
        let xs = linspace(-7e-3, 7e-3, nx), ys = linspace(-6e-3, 6e-3, ny)
        var points: [GridPoint] = []
        for j in 0..<ny {
            for i in 0..<nx {
                let q1 = gaussianQ(xs[i] - c, ys[j] - c, sx: sx, sy: sy, rho: rho)
                let q2 = gaussianQ(xs[i] + c, ys[j] + c, sx: sx, sy: sy, rho: rho)
                let k = j * nx + i
                var chi2 = chi2Min + min(q1, q2)
                if k == nanIndex { chi2 = .nan }
                let status: PointStatus = k == failedIndex ? .failed : (k % 7 == 3 ? .retried : .ok)
                points.append(GridPoint(chi2: chi2, status: status, profiledValues: [16.8 + 10 * xs[i] - 5 * ys[j]],
                                        nfcn: 20 + (k % 11)))
            }
        }
        return ProfileGrid(kind: .profiled, x: GridAxis(name: "eps_n", values: xs, spacing: .linear),
                           y: GridAxis(name: "eps_p", values: ys, spacing: .linear), profiledParameters: ["mX"],
                           chi2Min: chi2Min, bestFit: ["eps_n": c, "eps_p": c, "mX": 16.83, "BR_ee": 1.0], points: points)
    }

    /// The 1σ, 2σ and 3σ ellipses around both islands: six closed curves.
    static func twoIslandContours() -> [ContourLine] {
        var out: [ContourLine] = []
        for level in levels2D {
            for centre in [3e-3, -3e-3] {
                let e = ellipse(cx: centre, cy: centre, sx: sx, sy: sy, rho: rho, level: level.deltaChi2)
                out.append(ContourLine(level: level.deltaChi2, cl: level.cl, x: e.x, y: e.y, closed: true, method: "grid"))
            }
        }
        return out
    }

    /// Δχ² = ((x − 16.8)/0.05)² on 41 points, profiled over eps_n and eps_p.
    static func profile1D() -> ProfileGrid {
        let xs = linspace(16.6, 17.0, 41)
        let points = xs.enumerated().map { k, x in
            GridPoint(chi2: chi2Min + pow((x - 16.8) / 0.05, 2), status: k == 5 ? .failed : .ok,
                      profiledValues: [1e-3 * x, 2e-3], nfcn: 30)
        }
        return ProfileGrid(kind: .profiled, x: GridAxis(name: "mX", values: xs, spacing: .linear, unit: "MeV"), y: nil,
                           profiledParameters: ["eps_n", "eps_p"], chi2Min: chi2Min,
                           bestFit: ["mX": 16.8, "eps_n": 0.0168, "eps_p": 0.002], points: points)
    }

    /// A fresh empty temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-export-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Non-comment, non-empty lines split on `separator`.
func dataRows(_ text: String, separator: Character = ",") -> [[String]] {
    text.split(separator: "\n", omittingEmptySubsequences: true)
        .filter { !$0.hasPrefix("#") }
        .map { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
}
