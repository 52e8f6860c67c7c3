import LinearAlgebra
import Testing
import _TestSupport

/// A random SPD matrix AᵀA + n·I (entries of A uniform in [−½, ½)): κ ≲ 1.25.
func randomSPD(_ n: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    var a = Matrix(rows: n, columns: n)
    for k in a.storage.indices { a.storage[k] = rng.uniform() - 0.5 }
    return (a.transposed * a + Double(n) * .identity(n)).symmetrized
}

func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Double {
    zip(a.storage, b.storage).map { abs($0 - $1) }.max() ?? 0
}

@Suite struct CholeskyTests {
    @Test func oneByOne() throws {
        let c = try Cholesky(try Matrix([[4]]))
        #expect(c.lower[0, 0] == 2)
        #expect(try c.solve([6]) == [1.5])
        #expect(try c.inverse()[0, 0] == 0.25)
        #expect(isClose(c.logDeterminant, 1.3862943611198906, rel: 1e-15))  // ln 4
        #expect(c.quadraticForm([2]) == 1)
    }

    /// A = L Lᵀ with L = [[2,0,0],[1,3,0],[−1,2,4]]; det A = 576 and (sympy 1.13)
    /// A⁻¹ = [[185/576, −13/144, 5/96], [−13/144, 5/36, −1/24], [5/96, −1/24, 1/16]].
    static let handA = try! Matrix([[4, 2, -2], [2, 10, 5], [-2, 5, 21]])

    @Test func threeByThreeByHand() throws {
        let c = try Cholesky(Self.handA, name: "A")
        let l: [[Double]] = [[2, 0, 0], [1, 3, 0], [-1, 2, 4]]
        // κ(A) ≈ 8: factor, solve and inverse are exact to a few ulp.
        for i in 0..<3 { for j in 0..<3 { #expect(isClose(c.lower[i, j], l[i][j], rel: 1e-15, abs: 1e-15)) } }
        let x = try c.solve([-2, 2, 35])
        for (xi, ei) in zip(x, [1.0, -1, 2]) { #expect(isClose(xi, ei, rel: 1e-14)) }
        let inv = try c.inverse()
        let exact: [[Double]] = [[185.0 / 576, -13.0 / 144, 5.0 / 96], [-13.0 / 144, 5.0 / 36, -1.0 / 24],
                                 [5.0 / 96, -1.0 / 24, 1.0 / 16]]
        for i in 0..<3 { for j in 0..<3 { #expect(isClose(inv[i, j], exact[i][j], rel: 1e-14)) } }
        #expect(isClose(c.logDeterminant, 6.356107660695892, rel: 1e-15))  // ln 576
        // whiten: ‖L⁻¹b‖² = bᵀA⁻¹b = b·x.
        #expect(isClose(c.quadraticForm([-2, 2, 35]), 66, rel: 1e-14))  // (−2)(1) + (2)(−1) + (35)(2)
    }

    @Test func randomTwentyByTwenty() throws {
        let n = 20
        let a = randomSPD(n, seed: 42)
        let c = try Cholesky(a)
        // L Lᵀ reproduces A; κ ≲ 1.25 so errors stay near n·ε·‖A‖ ≈ 1e-13 (‖A‖ ≈ 25).
        #expect(maxAbsDifference(c.lower * c.lower.transposed, a) < 1e-13)
        let inv = try c.inverse()
        #expect(maxAbsDifference(a * inv, .identity(n)) < 1e-13)
        var rng = SplitMix64(seed: 7)
        let xTrue = (0..<n).map { _ in rng.uniform() - 0.5 }
        let x = try c.solve(a * xTrue)
        for (xi, ti) in zip(x, xTrue) { #expect(abs(xi - ti) < 1e-14) }
        let xm = try c.solve(try Matrix(rows: n, columns: 1, storage: a * xTrue))
        #expect(xm.storage == x)
        let b = a * xTrue
        #expect(isClose(c.quadraticForm(b), zip(b, xTrue).map(*).reduce(0, +), rel: 1e-13))
    }

    /// [[1, c], [c, 1]] with c = 1 − 1e-10: eigenvalues 2 − 1e-10 and 1e-10, κ ≈ 2e10.
    @Test func nearlySingular() throws {
        let c = 1 - 1e-10
        let a = try Matrix([[1, c], [c, 1]])
        let chol = try Cholesky(a, name: "nearly singular")
        // Exact inverse of the stored matrix: 1/((1 − c)(1 + c)) [[1, −c], [−c, 1]], 1 − c exact.
        let d = 1 / ((1 - c) * (1 + c))
        let inv = try chol.inverse()
        // Forward error ≲ κ·ε ≈ 2e10 × 1.1e-16 ≈ 2e-6 relative; 1e-5 leaves a factor 5.
        #expect(isClose(inv[0, 0], d, rel: 1e-5))
        #expect(isClose(inv[0, 1], -c * d, rel: 1e-5))
        // The solve is backward stable even so: the residual is at the ε·‖A‖·‖x‖ level.
        let x = try chol.solve([1, -1])
        let r = a * x
        #expect(abs(r[0] - 1) < 1e-15 * 1e10 && abs(r[1] + 1) < 1e-15 * 1e10)
        #expect(isClose(x[0], 1 / (1 - c), rel: 1e-5))
    }

    /// Hilbert matrix of order 6 (κ ≈ 1.5e7) whose inverse has integer entries (sympy 1.13).
    @Test func hilbertSix() throws {
        let h = try Matrix((0..<6).map { i in (0..<6).map { j in 1 / Double(i + j + 1) } })
        let inv = try Cholesky(h, name: "Hilbert").inverse()
        // Error ≲ κ·ε·n ≈ 1.5e7 × 2.2e-16 × 6 ≈ 2e-8 relative; 1e-7 leaves a factor 5.
        let row0: [Double] = [36, -630, 3360, -7560, 7560, -2772]
        for j in 0..<6 { #expect(isClose(inv[0, j], row0[j], rel: 1e-7)) }
        #expect(isClose(inv[5, 5], 698_544, rel: 1e-7))
    }

    @Test func notPositiveDefiniteReportsLeadingMinor() throws {
        // Leading minors: 1, 1 − 4 = −3 → order 2.
        let a = try Matrix([[1, 2, 0], [2, 1, 0], [0, 0, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(name: "V", leadingMinor: 2)) {
            try Cholesky(a, name: "V")
        }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(name: "D", leadingMinor: 3)) {
            try Cholesky(Matrix.diagonal([1, 2, -1, 4]), name: "D")
        }
        let e = #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix.diagonal([1, 0]), name: "W") }
        #expect(e?.description.contains("W is not positive definite: its leading minor of order 2") == true)
    }

    @Test func badInputs() throws {
        #expect(throws: LinearAlgebraError.notSquare(name: "M", rows: 2, columns: 3)) {
            try Cholesky(Matrix(rows: 2, columns: 3), name: "M")
        }
        #expect(throws: LinearAlgebraError.nonFinite(name: "M", row: 0, column: 1)) {
            try Cholesky(try Matrix([[1, .nan], [.nan, 1]]), name: "M")
        }
        #expect(throws: LinearAlgebraError.nonFinite(name: "M", row: 0, column: 0)) {
            try Cholesky(try Matrix([[.infinity]]), name: "M")
        }
        let e = #expect(throws: LinearAlgebraError.self) { try Cholesky(try Matrix([[2, 1], [1.5, 2]]), name: "M") }
        #expect(e?.description.contains("M is not symmetric") == true)
        let c = try Cholesky(Self.handA)
        #expect(throws: LinearAlgebraError.self) { try c.solve([1, 2]) }
        #expect(throws: LinearAlgebraError.self) { try c.solve(Matrix(rows: 2, columns: 1)) }
        #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, storage: [1, 2, 3]) }
    }

    @Test func roundOffAsymmetryNearZeroIsAccepted() throws {
        // An off-diagonal that should be zero but carries round-off of opposite signs
        // (as J V Jᵀ produces) is symmetric to 1e-20 of the matrix scale.
        let a = try Matrix([[1, 1e-20, 0.5], [-1e-20, 1, 0], [0.5, 0, 2]])
        #expect(throws: Never.self) { try Cholesky(a, name: "propagated covariance") }
        // A real asymmetry relative to the diagonal scale is still refused.
        #expect(throws: LinearAlgebraError.self) { try Cholesky(try Matrix([[1, 1e-3], [0, 1]])) }
    }
}
