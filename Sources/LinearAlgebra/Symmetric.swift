import CLapacke
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Eigen-decomposition of a symmetric matrix (LAPACK `dsyevd`): A = Q diag(λ) Qᵀ.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Eigenvectors as columns: column k belongs to `values[k]`.
    public let vectors: Matrix

    public init(_ matrix: Matrix, name: String = "matrix", computeVectors: Bool = true) throws {
        try matrix.validateSymmetric(name: name, tolerance: 1e-10)
        let n = matrix.rows
        guard n > 0 else { values = []; vectors = matrix; return }
        var a = matrix.storage
        var w = [Double](repeating: 0, count: n)
        let info = a.withUnsafeMutableBufferPointer { ab in
            w.withUnsafeMutableBufferPointer { wb in
                computeVectors ? eigenvectorsInPlace(ab.baseAddress!, n, wb.baseAddress!)
                    : eigenvaluesInPlace(ab.baseAddress!, n, wb.baseAddress!)
            }
        }
        if info != 0 { throw LinearAlgebraError.lapack(routine: "dsyevd", info: Int(info)) }
        values = w
        vectors = computeVectors ? try Matrix(rows: n, columns: n, storage: a) : Matrix(rows: 0, columns: 0)
    }
}

extension Matrix {
    /// Inverse of a symmetric, possibly indefinite matrix (Bunch–Kaufman `dsytrf` + `dsytri`).
    public func symmetricInverse(name: String = "matrix") throws -> Matrix {
        try validateSymmetric(name: name, tolerance: 1e-10)
        let n = rows
        guard n > 0 else { return self }
        var a = storage
        if let failure = a.withUnsafeMutableBufferPointer({ symmetricInverseInPlace($0.baseAddress!, n) }) {
            if failure.info > 0 { throw LinearAlgebraError.singular(name: name, pivot: Int(failure.info)) }
            throw LinearAlgebraError.lapack(routine: failure.routine, info: Int(failure.info))
        }
        let inv = try Matrix(rows: n, columns: n, storage: a)
        try inv.validateFinite(name: "inverse of \(name)")
        return inv
    }
}

/// The outcome of ``makePositiveDefinite(_:epsilon:)``.
public struct PositiveDefiniteRepair: Sendable {
    public let matrix: Matrix
    /// Whether the diagonal had to be shifted or scaled (Minuit's "made positive definite").
    public let modified: Bool
    /// Smallest and largest eigenvalue of the scaled (correlation-like) input.
    public let minEigenvalue: Double
    public let maxEigenvalue: Double
}

/// Forces a symmetric matrix positive definite the way Minuit2's `MnPosDef` does.
///
/// Non-positive diagonal elements are lifted by 0.5 + ε − min(diag); then, if the smallest
/// eigenvalue of the diagonally scaled matrix is below ε·max(|λmax|, 1), the diagonal is inflated by
/// the factor 1 + 0.001·λmax − λmin. `epsilon` is Minuit's `max(1e-6, eps2)`.
public func makePositiveDefinite(_ matrix: Matrix, epsilon: Double = 1e-6) throws -> PositiveDefiniteRepair {
    try matrix.validateSymmetric(name: "matrix to make positive definite", tolerance: 1e-10)
    var err = matrix
    let r = err.storage.withUnsafeMutableBufferPointer { repairPositiveDefinite($0, matrix.rows, epsilon) }
    if r.info != 0 { throw LinearAlgebraError.lapack(routine: "dsyevd", info: Int(r.info)) }
    return PositiveDefiniteRepair(matrix: err, modified: r.modified, minEigenvalue: r.minEigenvalue,
                                  maxEigenvalue: r.maxEigenvalue)
}

/// ``makePositiveDefinite(_:epsilon:)`` on a row-major n×n buffer that holds a finite symmetric
/// matrix, repaired in place (no copies, no validation: for a minimiser's inner loop).
/// Returns whether it was modified, or nil if `dsyevd` failed.
///
/// The eigenvalues only decide whether the diagonal is inflated, so they are skipped when the
/// decision is certain: if the scaled matrix minus t·I, t = ε·n·(1 + 10⁻⁶), has a Cholesky
/// factorisation, every eigenvalue exceeds ε·n ≥ ε·max(λmax, 1) (λmax ≤ trace = n), with a margin
/// above the factorisation's rounding error, and `dsyevd` would change nothing. The result is then
/// the same as with the eigenvalues.
public func makePositiveDefinite(inPlace err: UnsafeMutableBufferPointer<Double>, dimension n: Int,
                                 epsilon: Double) -> Bool? {
    precondition(err.count >= n * n, "makePositiveDefinite: buffer of \(err.count) for dimension \(n)")
    let r = repairPositiveDefinite(err, n, epsilon, eigenvaluesNeeded: false)
    return r.info == 0 ? r.modified : nil
}

/// True when the row-major n×n symmetric `a` minus `shift`·I has a Cholesky factor (computed in `work`).
private func isPositiveDefinite(_ a: UnsafePointer<Double>, _ n: Int, shift: Double,
                                work l: UnsafeMutablePointer<Double>) -> Bool {
    for j in 0..<n {
        var d = a[j * n + j] - shift
        for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
        guard d > 0 else { return false }
        let ljj = d.squareRoot()
        l[j * n + j] = ljj
        for i in (j + 1)..<n {
            var s = a[i * n + j]
            for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
            l[i * n + j] = s / ljj
        }
    }
    return true
}

/// MnPosDef on the buffer; `info` is `dsyevd`'s. Without `eigenvaluesNeeded` the eigenvalues may be
/// skipped (see ``makePositiveDefinite(inPlace:dimension:epsilon:)``) and are then reported as 0.
private func repairPositiveDefinite(_ err: UnsafeMutableBufferPointer<Double>, _ n: Int, _ epsilon: Double,
                                    eigenvaluesNeeded: Bool = true)
    -> (info: Int32, modified: Bool, minEigenvalue: Double, maxEigenvalue: Double) {
    if n == 0 { return (0, false, 0, 0) }
    if n == 1 {
        let a = err[0]
        if a < Double.ulpOfOne * 4 {
            err[0] = 1
            return (0, true, a, a)
        }
        return (0, false, 1, 1)
    }
    var dgmin = err[0]
    for i in 1..<n where err[i * n + i] < dgmin { dgmin = err[i * n + i] }
    let dg = dgmin <= 0 ? 0.5 + epsilon - dgmin : 0
    // Scratch: s (n), the scaled matrix's lower triangle (n²), eigenvalues (n), a Cholesky factor (n²).
    let (info, lambdaMin, lambdaMax, certain) = withUnsafeTemporaryAllocation(of: Double.self,
                                                                               capacity: 2 * n * n + 2 * n) { buf in
        let s = buf.baseAddress!, scaled = s + n, w = scaled + n * n, work = w + n
        for i in 0..<n {
            err[i * n + i] += dg
            if err[i * n + i] < 0 { err[i * n + i] = 1 }
            s[i] = 1 / sqrt(err[i * n + i])
        }
        for i in 0..<n { for j in 0...i { scaled[i * n + j] = err[i * n + j] * s[i] * s[j] } }
        if !eigenvaluesNeeded, isPositiveDefinite(scaled, n, shift: epsilon * Double(n) * (1 + 1e-6), work: work) {
            return (Int32(0), 0.0, 0.0, true)
        }
        let info = eigenvaluesInPlace(scaled, n, w)
        return (info, w[0], w[n - 1], false)
    }
    if info != 0 { return (info, false, 0, 0) }
    if certain { return (0, dg > 0, 0, 0) }
    let pmin = lambdaMin
    let pmax = max(abs(lambdaMax), 1)
    if pmin > epsilon * pmax { return (0, dg > 0, pmin, lambdaMax) }
    let padd = 0.001 * pmax - pmin
    for i in 0..<n { err[i * n + i] *= 1 + padd }
    return (0, true, pmin, lambdaMax)
}

/// V⁻¹ of a symmetric positive-definite matrix held in a row-major n×n buffer, in place: Cholesky
/// factor and inverse (`dpotrf` + `dpotri`), the result a full symmetric matrix. No copies and no
/// validation (the entries must be finite). Returns false, with the buffer's contents unspecified,
/// when the matrix is not positive definite. A 1×1 matrix is done here with `dpotrf`/`dpotri`'s
/// own arithmetic, (1/√a)², which gives the same bits without the LAPACK call.
public func invertPositiveDefinite(inPlace a: UnsafeMutableBufferPointer<Double>, dimension n: Int) -> Bool {
    precondition(a.count >= n * n, "invertPositiveDefinite: buffer of \(a.count) for dimension \(n)")
    if n == 0 { return true }
    if n == 1 {
        guard a[0] > 0 else { return false }
        let r = 1 / a[0].squareRoot()
        a[0] = r * r
        return true
    }
    let base = a.baseAddress!
    guard factorLowerInPlace(base, n) == 0 else { return false }
    return inverseFromLowerInPlace(base, n) == 0
}

/// Sets the number of OpenBLAS threads (pin to 1 when running many small solves in parallel).
public func setBLASThreads(_ n: Int) {
    openblas_set_num_threads(Int32(n))
}
