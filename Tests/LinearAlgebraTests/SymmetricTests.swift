import LinearAlgebra
import Testing
import _TestSupport

@Suite struct SymmetricTests {
    @Test func eigenOfKnownMatrix() throws {
        let e = try SymmetricEigen(try Matrix([[2, 1], [1, 2]]))
        #expect(isClose(e.values[0], 1, rel: 1e-15) && isClose(e.values[1], 3, rel: 1e-15))
        // Eigenvector of 3 is ±(1, 1)/√2: column 1.
        #expect(isClose(abs(e.vectors[0, 1]), 0.5.squareRoot(), rel: 1e-15))
        #expect(isClose(e.vectors[0, 1], e.vectors[1, 1], rel: 1e-15))
    }

    @Test func reconstructionFromEigenpairs() throws {
        var rng = SplitMix64(seed: 99)
        let n = 10
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in 0...i { let v = rng.uniform() * 2 - 1; a[i, j] = v; a[j, i] = v } }
        let e = try SymmetricEigen(a)
        #expect(e.values == e.values.sorted())
        let q = e.vectors
        // dsyevd is backward stable: ‖QΛQᵀ − A‖ and ‖QᵀQ − I‖ ≈ n·ε·‖A‖ ≲ 1e-14 (‖A‖ ≲ 6).
        #expect(maxAbsDifference(q * .diagonal(e.values) * q.transposed, a) < 1e-13)
        #expect(maxAbsDifference(q.transposed * q, .identity(n)) < 1e-13)
        let valuesOnly = try SymmetricEigen(a, computeVectors: false)
        for (x, y) in zip(valuesOnly.values, e.values) { #expect(isClose(x, y, rel: 1e-12, abs: 1e-14)) }
    }

    @Test func eigenRejectsBadInput() throws {
        #expect(throws: LinearAlgebraError.notSquare(name: "E", rows: 1, columns: 2)) {
            try SymmetricEigen(Matrix(rows: 1, columns: 2), name: "E")
        }
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(try Matrix([[1, .nan], [.nan, 1]])) }
    }

    @Test func symmetricInverseOfIndefiniteMatrix() throws {
        // [[1, 2], [2, 1]]⁻¹ = [[−1, 2], [2, −1]]/3.
        let inv = try Matrix([[1, 2], [2, 1]]).symmetricInverse()
        #expect(isClose(inv[0, 0], -1.0 / 3, rel: 1e-15) && isClose(inv[0, 1], 2.0 / 3, rel: 1e-15))
        #expect(isClose(inv[1, 0], 2.0 / 3, rel: 1e-15) && isClose(inv[1, 1], -1.0 / 3, rel: 1e-15))
        let a = try Matrix([[0, 1, 2], [1, -3, 0.5], [2, 0.5, 1]])
        let ainv = try a.symmetricInverse(name: "Hessian")
        // κ(a) ≈ 6: the product is the identity to ~1e-15.
        #expect(maxAbsDifference(a * ainv, .identity(3)) < 1e-14)
    }

    @Test func symmetricInverseOfSingularMatrixThrows() throws {
        let e = #expect(throws: LinearAlgebraError.self) {
            try Matrix([[1, 1], [1, 1]]).symmetricInverse(name: "H")
        }
        guard case .singular(name: "H", pivot: _)? = e else {
            Issue.record("expected .singular, got \(String(describing: e))"); return
        }
        #expect(throws: LinearAlgebraError.notSymmetric(name: "H", row: 1, column: 0, relativeDifference: 0.5)) {
            try Matrix([[1, 2], [1, 1]]).symmetricInverse(name: "H")
        }
    }

    @Test func makePositiveDefiniteOnIndefinite() throws {
        // MnPosDef by hand: diagonal already positive, scaled matrix = A, eigenvalues −1, 3;
        // padd = 0.001·3 − (−1) = 1.003, so the diagonal is multiplied by 2.003.
        let repair = try makePositiveDefinite(try Matrix([[1, 2], [2, 1]]))
        #expect(repair.modified)
        #expect(isClose(repair.minEigenvalue, -1, rel: 1e-14) && isClose(repair.maxEigenvalue, 3, rel: 1e-14))
        #expect(isClose(repair.matrix[0, 0], 2.003, rel: 1e-14) && repair.matrix[0, 1] == 2)
        #expect(throws: Never.self) { try Cholesky(repair.matrix) }
    }

    @Test func makePositiveDefiniteLiftsNegativeDiagonal() throws {
        // dg = 0.5 + 1e-6 − (−1) = 1.500001 added to the diagonal; the result is then PD.
        let repair = try makePositiveDefinite(try Matrix([[-1, 0.5], [0.5, 2]]))
        #expect(repair.modified)
        #expect(isClose(repair.matrix[0, 0], 0.500001, rel: 1e-14))
        #expect(isClose(repair.matrix[1, 1], 3.500001, rel: 1e-14))
        #expect(throws: Never.self) { try Cholesky(repair.matrix) }
    }

    @Test func makePositiveDefiniteLeavesSPDAlone() throws {
        let a = randomSPD(5, seed: 3)
        let repair = try makePositiveDefinite(a)
        #expect(!repair.modified)
        #expect(repair.matrix == a)
        let one = try makePositiveDefinite(try Matrix([[-2]]))
        #expect(one.modified && one.matrix[0, 0] == 1)
    }
}
