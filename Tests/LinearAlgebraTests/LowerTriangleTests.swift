import LinearAlgebra
import Testing
import _TestSupport

/// The factorisations read the lower triangle: an input that is symmetric only to round-off gives
/// exactly the results of its lower triangle mirrored (the contract of the LAPACK uplo='L' calls).
@Suite struct LowerTriangleTests {
    /// A random SPD matrix whose upper triangle differs from the lower one by a relative 1e-13
    /// (below the 1e-10 symmetry tolerance), and the same matrix with the lower triangle mirrored.
    func pair(_ n: Int, seed: UInt64) -> (skewed: Matrix, lower: Matrix) {
        var rng = SplitMix64(seed: seed)
        var b = Matrix(rows: n, columns: n)
        for k in b.storage.indices { b.storage[k] = rng.uniform() * 2 - 1 }
        var a = b * b.transposed
        for i in 0..<n { a[i, i] += Double(n) }
        var skewed = a
        for i in 0..<n { for j in (i + 1)..<n { skewed[i, j] = a[j, i] * (1 + 1e-13) } }
        var lower = a
        for i in 0..<n { for j in (i + 1)..<n { lower[i, j] = a[j, i] } }
        return (skewed, lower)
    }

    @Test(arguments: [2, 3, 7, 40])
    func choleskyEigenAndInversesUseTheLowerTriangle(n: Int) throws {
        // Bit-for-bit comparisons need one OpenBLAS thread: a threaded dpotri (n = 40) reduces in a varying order.
        setBLASThreads(1)
        let (skewed, lower) = pair(n, seed: UInt64(n))
        #expect(skewed != lower)
        #expect(try Cholesky(skewed).lower == (try Cholesky(lower).lower))
        #expect(try Cholesky(skewed).inverse() == (try Cholesky(lower).inverse()))
        #expect(try SymmetricEigen(skewed).values == (try SymmetricEigen(lower).values))
        #expect(try SymmetricEigen(skewed).vectors == (try SymmetricEigen(lower).vectors))
        #expect(try SymmetricEigen(skewed, computeVectors: false).values == (try SymmetricEigen(lower, computeVectors: false).values))
        #expect(try skewed.symmetricInverse() == (try lower.symmetricInverse()))
        // The inverses are symmetric and inverse to the matrix: ‖A A⁻¹ − I‖ ≲ n·ε·cond(A), cond ≲ 10 here.
        let inv = try Cholesky(lower).inverse()
        #expect(inv.asymmetry().relative == 0)
        #expect(maxAbsDifference(lower * inv, .identity(n)) < 1e-12)
        #expect(maxAbsDifference(lower * (try lower.symmetricInverse()), .identity(n)) < 1e-12)
    }
}
