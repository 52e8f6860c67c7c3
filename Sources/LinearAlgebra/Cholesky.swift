import CLapacke
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factor V = L Lᵀ of a symmetric positive-definite matrix (LAPACK `dpotrf`).
///
/// Factor a parameter-independent covariance once and reuse it: ``whiten(_:)`` gives L⁻¹r, whose
/// squared norm is rᵀV⁻¹r, without forming V⁻¹.
public struct Cholesky: Sendable {
    public let dimension: Int
    /// Lower-triangular L, row-major, zeros above the diagonal.
    public let lower: Matrix
    /// True when L (and V) is diagonal: ``quadraticForm(inPlace:)`` then divides each residual by its own
    /// L_ii, without the serial chain of the triangular solve.
    public let isDiagonal: Bool

    /// Factors `matrix`; `name` is used in error messages ("covariance of dataset …").
    public init(_ matrix: Matrix, name: String = "matrix") throws {
        try matrix.validateSymmetric(name: name, tolerance: 1e-10)
        let n = matrix.rows
        dimension = n
        guard n > 0 else { lower = matrix; isDiagonal = true; return }
        var a = matrix.storage
        let info = a.withUnsafeMutableBufferPointer { factorLowerInPlace($0.baseAddress!, n) }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(name: name, leadingMinor: Int(info)) }
        if info < 0 { throw LinearAlgebraError.lapack(routine: "dpotrf", info: Int(info)) }
        lower = try Matrix(rows: n, columns: n, storage: a)
        isDiagonal = (0..<n).allSatisfy { i in (0..<i).allSatisfy { j in a[i * n + j] == 0 } }
    }

    /// Solves V x = b (`dpotrs`).
    public func solve(_ b: [Double]) throws -> [Double] {
        guard b.count == dimension else {
            throw LinearAlgebraError.dimensionMismatch("right-hand side of \(b.count) for a \(dimension)×\(dimension) system")
        }
        guard dimension > 0 else { return b }
        var x = b
        var l = lower.storage
        let info = l.withUnsafeMutableBufferPointer { lb in
            x.withUnsafeMutableBufferPointer { xb in
                LAPACKE_dpotrs(LAPACK_ROW_MAJOR, lapackLower, Int32(dimension), 1,
                               lb.baseAddress, Int32(dimension), xb.baseAddress, 1)
            }
        }
        if info != 0 { throw LinearAlgebraError.lapack(routine: "dpotrs", info: Int(info)) }
        return x
    }

    /// Solves V X = B for a matrix right-hand side (`dpotrs`).
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rows == dimension else {
            throw LinearAlgebraError.dimensionMismatch("right-hand side with \(b.rows) rows for a \(dimension)×\(dimension) system")
        }
        guard dimension > 0, b.columns > 0 else { return b }
        var x = b.storage
        var l = lower.storage
        let info = l.withUnsafeMutableBufferPointer { lb in
            x.withUnsafeMutableBufferPointer { xb in
                LAPACKE_dpotrs(LAPACK_ROW_MAJOR, lapackLower, Int32(dimension), Int32(b.columns),
                               lb.baseAddress, Int32(dimension), xb.baseAddress, Int32(b.columns))
            }
        }
        if info != 0 { throw LinearAlgebraError.lapack(routine: "dpotrs", info: Int(info)) }
        return try Matrix(rows: b.rows, columns: b.columns, storage: x)
    }

    /// V⁻¹ from the factor (`dpotri`), returned as a full symmetric matrix.
    public func inverse() throws -> Matrix {
        let n = dimension
        guard n > 0 else { return lower }
        var a = lower.storage
        let info = a.withUnsafeMutableBufferPointer { inverseFromLowerInPlace($0.baseAddress!, n) }
        if info > 0 { throw LinearAlgebraError.singular(name: "Cholesky factor", pivot: Int(info)) }
        if info < 0 { throw LinearAlgebraError.lapack(routine: "dpotri", info: Int(info)) }
        return try Matrix(rows: n, columns: n, storage: a)
    }

    /// L⁻¹ r by forward substitution; ‖L⁻¹r‖² = rᵀV⁻¹r.
    @inlinable
    public func whiten(_ r: [Double]) -> [Double] {
        precondition(r.count == dimension, "whiten: vector of \(r.count) for dimension \(dimension)")
        var z = r
        z.withUnsafeMutableBufferPointer { whiten(inPlace: $0) }
        return z
    }

    /// Overwrites `r` (length `dimension`) with L⁻¹r, without allocating.
    @inlinable
    public func whiten(inPlace z: UnsafeMutableBufferPointer<Double>) {
        precondition(z.count == dimension, "whiten: vector of \(z.count) for dimension \(dimension)")
        let n = dimension
        lower.storage.withUnsafeBufferPointer { l in
            for i in 0..<n {
                var s = z[i]
                let row = i * n
                for j in 0..<i { s -= l[row + j] * z[j] }
                z[i] = s / l[row + i]
            }
        }
    }

    /// rᵀV⁻¹r through the whitened residuals.
    @inlinable
    public func quadraticForm(_ r: [Double]) -> Double {
        var s = 0.0
        for z in whiten(r) { s += z * z }
        return s
    }

    /// rᵀV⁻¹r for `r` in a caller's buffer, which is overwritten with L⁻¹r (no allocation).
    @inlinable
    public func quadraticForm(inPlace r: UnsafeMutableBufferPointer<Double>) -> Double {
        guard isDiagonal else {
            whiten(inPlace: r)
            var s = 0.0
            for z in r { s += z * z }
            return s
        }
        // Diagonal L: z_i = r_i / L_ii, each on its own, instead of the serial chain of the triangular solve,
        // whose terms 0·z_j leave z_i unchanged but for the sign of a zero (squared away). After a z_j that is
        // not finite the solve gives NaN in every later row (0·∞ = NaN); so does this.
        precondition(r.count == dimension, "quadraticForm: vector of \(r.count) for dimension \(dimension)")
        lower.storage.withUnsafeBufferPointer { l in
            for i in 0..<dimension { r[i] = r[i] / l[i * dimension + i] }
        }
        var s = 0.0
        for i in 0..<dimension {
            s += r[i] * r[i]
            if !r[i].isFinite {
                for k in (i + 1)..<dimension { r[k] = .nan }
                return i + 1 < dimension ? .nan : s
            }
        }
        return s
    }

    /// ln det V = 2 Σ ln L_ii.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<dimension { s += 2 * log(lower[i, i]) }
        return s
    }
}

@usableFromInline
let lapackLower = CChar(truncatingIfNeeded: UInt8(ascii: "L"))
@usableFromInline
let lapackVectors = CChar(truncatingIfNeeded: UInt8(ascii: "V"))
@usableFromInline
let lapackNoVectors = CChar(truncatingIfNeeded: UInt8(ascii: "N"))

