import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// The raw-buffer forms used by HESSE must give exactly what the `Matrix` forms give.
@Suite struct InPlaceTests {
    /// MnPosDef in place (which skips `dsyevd` when a shifted Cholesky settles the decision) against the
    /// `Matrix` form (always `dsyevd`): same flag and same bits, on comfortably positive-definite,
    /// nearly singular, indefinite and negative-diagonal matrices.
    @Test func inPlaceRepairEqualsEigenvalueRepair() throws {
        var rng = SplitMix64(seed: 2026)
        var modifiedSeen = 0, untouchedSeen = 0
        func check(_ a: Matrix) throws {
            let reference = try makePositiveDefinite(a, epsilon: 1e-6)
            var buffer = a.storage
            let modified = buffer.withUnsafeMutableBufferPointer {
                makePositiveDefinite(inPlace: $0, dimension: a.rows, epsilon: 1e-6)
            }
            #expect(modified == reference.modified)
            #expect(buffer == reference.matrix.storage)
            if reference.modified { modifiedSeen += 1 } else { untouchedSeen += 1 }
        }
        for trial in 0..<400 {
            let n = 2 + trial % 5
            var b = Matrix(rows: n, columns: n)
            for k in 0..<(n * n) { b.storage[k] = rng.uniform() * 2 - 1 }
            var a = b * b.transposed
            // Shifts from none to past the smallest eigenvalue, and a few scaled diagonals.
            let shift = [0, 1e-9, 1e-4, 0.05, 0.3, 1][trial % 6] * rng.uniform()
            for i in 0..<n { a[i, i] -= shift }
            if trial % 7 == 0 { for i in 0..<n { for j in 0..<n { a[i, j] *= Double(1 + i) * Double(1 + j) * 1e3 } } }
            try check(a)
        }
        // Around the threshold: eigenvalues 1 ± ρ, repaired iff 1 − ρ ≤ 1e-6·(1 + ρ).
        for k in -20...20 {
            let rho = 1 - 2e-6 * (1 + Double(k) * 1e-7)
            try check(try Matrix([[1, rho], [rho, 1]]))
        }
        #expect(modifiedSeen > 20 && untouchedSeen > 20)
    }

    /// The inverse in place equals `Cholesky(…).inverse()` bit for bit (1×1 without LAPACK: (1/√a)²).
    @Test func inPlaceInverseEqualsCholeskyInverse() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            var scale = 1e-20
            for _ in 0..<Int(rng.uniform() * 40) { scale *= 10 }
            let a = (rng.uniform() + 0.01) * scale
            var buffer = [a]
            let ok = buffer.withUnsafeMutableBufferPointer { invertPositiveDefinite(inPlace: $0, dimension: 1) }
            #expect(ok)
            #expect(buffer[0] == (try Cholesky(try Matrix([[a]])).inverse())[0, 0])
        }
        for n in 2...6 {
            var b = Matrix(rows: n, columns: n)
            for k in 0..<(n * n) { b.storage[k] = rng.uniform() * 2 - 1 }
            var a = b * b.transposed
            for i in 0..<n { a[i, i] += 0.1 }
            var buffer = a.storage
            #expect(buffer.withUnsafeMutableBufferPointer { invertPositiveDefinite(inPlace: $0, dimension: n) })
            #expect(buffer == (try Cholesky(a).inverse()).storage)
        }
        for bad: [Double] in [[0], [-1], [1, 2, 2, 1]] {
            var buffer = bad
            let n = bad.count == 1 ? 1 : 2
            #expect(!buffer.withUnsafeMutableBufferPointer { invertPositiveDefinite(inPlace: $0, dimension: n) })
        }
    }
    /// A diagonal factor's quadratic form (each residual over its own L_ii) against the triangular solve on the
    /// same numbers: the same bits, and NaN after a residual whose whitened value is not finite, as the solve.
    @Test func diagonalQuadraticFormEqualsTheSolve() throws {
        var rng = SplitMix64(seed: 17)
        for trial in 0..<300 {
            let n = 1 + trial % 6
            var v = Matrix(rows: n, columns: n)
            for i in 0..<n { v[i, i] = pow(10, rng.uniform() * 8 - 4) }
            let c = try Cholesky(v)
            #expect(c.isDiagonal)
            var r = (0..<n).map { _ in (rng.uniform() * 2 - 1) * pow(10, rng.uniform() * 6 - 3) }
            if trial % 7 == 0 { r[trial % n] = 0 }
            if trial % 11 == 0 { r[trial % n] = -0.0 }
            if trial % 13 == 0 { r[trial % n] = .infinity }
            var expected = 0.0
            for z in c.whiten(r) { expected += z * z }
            let got = r.withUnsafeMutableBufferPointer { c.quadraticForm(inPlace: $0) }
            if expected.isNaN { #expect(got.isNaN, "trial \(trial)") } else {
                #expect(got.bitPattern == expected.bitPattern, "trial \(trial): \(got) vs \(expected)")
            }
        }
        // A full covariance keeps the triangular solve.
        #expect(!(try Cholesky(Matrix([[1, 0.5], [0.5, 2]]))).isDiagonal)
    }
}
