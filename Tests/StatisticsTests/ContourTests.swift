import LinearAlgebra
import Minimizer
import Testing
import _TestSupport
@testable import Statistics

@Suite struct ContourTests {
    @Test func refinedContoursLieOnTheAnalyticEllipse() async throws {
        let profile = try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a", "b"], tolerance: 0.001)
        let grid = try await profile.grid(x: try .linear("a", from: -3, to: 5, count: 11),
                                          y: try .linear("b", from: -10, to: 6, count: 11), threads: 2)
        let lines = try profile.contours(of: grid)
        // Default levels: scipy 1.17.1 chi2.isf(erfc(n/√2), 2) for n = 1, 2, 3.
        #expect(lines.map(\.level).count == 3)
        for (line, expected) in zip(lines, [2.295748928898636, 6.1800743062441725, 11.829158081900806]) {
            #expect(isClose(line.level, expected, rel: 1e-12))
            #expect(line.closed && line.method == "grid")
            #expect(line.x.first == line.x.last && line.y.first == line.y.last)
            #expect(line.x.count >= 8)
            for (a, b) in zip(line.x, line.y) {
                // Radial position relative to the ellipse: √(Δχ²/level) − 1; the brief asks 1e-4.
                let r = (Gaussian3.profiledDelta(a, b) / line.level).squareRoot()
                #expect(abs(r - 1) < 1e-4, "(\(a), \(b)) at \(line.level): r = \(r)")
            }
        }
        // Marching squares alone (linear interpolation on an 11×11 grid) is far less precise.
        let coarse = try grid.contours(levels: [2.295748928898636])
        let worst = zip(coarse[0].x, coarse[0].y).map { abs((Gaussian3.profiledDelta($0, $1) / coarse[0].level).squareRoot() - 1) }.max()!
        #expect(worst > 1e-3)
    }

    @Test func twoIslandsGiveTwoClosedCurves() async throws {
        let profile = try ProfileLikelihood(TwoIslands.minuit(), scanning: ["x", "y"], tolerance: 0.001)
        let grid = try await profile.grid(x: try .linear("x", from: -2, to: 2, count: 21),
                                          y: try .linear("y", from: -2, to: 2, count: 21), threads: 2)
        let converged = grid.points.filter { $0.status == .ok || $0.status == .retried }.count
        #expect(converged == grid.points.count)
        let lines = try profile.contours(of: grid, levels: [2.30, 6.18])
        for level in [2.30, 6.18] {
            let curves = lines.filter { $0.level == level }
            #expect(curves.count == 2, "level \(level): \(curves.count) curves")
            #expect(curves.filter(\.closed).count == curves.count)
            // One island per sign: all points of a curve share the sign of x (and of y).
            let signs = curves.map { c in c.x.allSatisfy { $0 > 0 } ? 1 : c.x.allSatisfy { $0 < 0 } ? -1 : 0 }
            #expect(signs.sorted() == [-1, 1])
        }
    }

    @Test func saddleCellIsResolvedByTheCentre() throws {
        // One cell whose diagonal corners (0,0) and (1,1) are inside level 3 (Δχ² = 0) and the
        // others outside (Δχ² = 5). Linear crossings: (0.6, 0), (1, 0.4), (0.4, 1), (0, 0.6).
        let values = [0.0, 5, 5, 0]  // y-major: (0,0), (1,0), (0,1), (1,1)
        let grid = ProfileGrid(kind: .profiled, x: GridAxis(name: "x", values: [0, 1], spacing: .linear),
                               y: GridAxis(name: "y", values: [0, 1], spacing: .linear), profiledParameters: [],
                               chi2Min: 0, bestFit: ["x": 0, "y": 0],
                               points: values.map { GridPoint(chi2: $0, status: .ok, profiledValues: [], nfcn: 1) })
        // Corner mean 2.5 < 3: the centre is inside, the inside corners join into one band and the
        // two curves cut off the outside corners along x − y = ±0.6.
        let joined = try grid.contours(levels: [3])
        #expect(joined.count == 2)
        let bands = joined.map { l in zip(l.x, l.y).map { abs(abs($0 - $1) - 0.6) }.max()! }
        #expect(bands.filter { $0 < 1e-12 }.count == 2)
        // A profiled centre above the level (bilinear + a bump that vanishes on the edges, 4 at
        // the centre) separates the inside corners instead: curves along x + y = 0.6 and 1.4.
        let split = try grid.contours(levels: [3]) { x, y, _ in
            5 * (x + y - 2 * x * y) + 24 * x * (1 - x) * y * (1 - y)
        }
        #expect(split.count == 2)
        // Crossings refined to 1e-7 of the edge (the default tolerance).
        let cuts = split.map { l in zip(l.x, l.y).map { min(abs($0 + $1 - 0.6), abs($0 + $1 - 1.4)) }.max()! }
        #expect(cuts.filter { $0 < 1e-6 }.count == 2)
    }

    @Test func minimizerCurveAgreesWithGridContour() throws {
        let profile = try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a", "b"], tolerance: 0.001)
        let curve = try profile.contourCurve(cl: 0.6826894921370859, size: 24)
        #expect(curve.method == "curve")
        #expect(curve.x.count >= 24)
        // MnContour's crossings use MINOS's tolerance (0.1 of errordef in F): ~1 % in radius.
        for (a, b) in zip(curve.x, curve.y) {
            let r = (Gaussian3.profiledDelta(a, b) / 2.295748928898636).squareRoot()
            #expect(abs(r - 1) < 0.02, "(\(a), \(b)): r = \(r)")
        }
    }
}
