import CLapacke

// Column-major LAPACK calls (`LAPACKE_*_work`) on row-major buffers, without the high-level
// wrappers' transposed copies, NaN scans and heap workspaces. A row-major lower triangle is
// copied into the column-major lower triangle of the same buffer (the transpose the row-major
// wrapper would make), so LAPACK runs the same `uplo = 'L'` code on the same numbers and the
// results are bit-identical to the wrappers'. Callers validate finiteness first.

/// Copies the row-major lower triangle of the n×n buffer `a` onto its upper part, i.e. into the
/// column-major lower triangle.
@inline(__always)
func mirrorLowerToUpper(_ a: UnsafeMutablePointer<Double>, _ n: Int) {
    for i in 0..<n { for j in 0..<i { a[j * n + i] = a[i * n + j] } }
}

/// Copies the upper part (a column-major lower triangle) onto the row-major lower triangle.
@inline(__always)
func mirrorUpperToLower(_ a: UnsafeMutablePointer<Double>, _ n: Int) {
    for i in 0..<n { for j in 0..<i { a[i * n + j] = a[j * n + i] } }
}

/// In-place Cholesky factor: on entry the row-major lower triangle of V, on exit row-major L with
/// zeros above the diagonal. Returns LAPACK's `info` (> 0: leading minor not positive).
func factorLowerInPlace(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> Int32 {
    mirrorLowerToUpper(a, n)
    let info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, lapackLower, Int32(n), a, Int32(n))
    guard info == 0 else { return info }
    mirrorUpperToLower(a, n)
    for i in 0..<n { for j in (i + 1)..<n { a[i * n + j] = 0 } }
    return 0
}

/// In-place V⁻¹ from row-major L (lower triangle read), written as a full symmetric matrix.
func inverseFromLowerInPlace(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> Int32 {
    mirrorLowerToUpper(a, n)
    let info = LAPACKE_dpotri_work(LAPACK_COL_MAJOR, lapackLower, Int32(n), a, Int32(n))
    guard info == 0 else { return info }
    mirrorUpperToLower(a, n)
    return 0
}

/// Eigenvalues (ascending) of the symmetric matrix whose row-major lower triangle is in `a`
/// (destroyed), into `w` (`dsyevd`, no vectors).
func eigenvaluesInPlace(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ w: UnsafeMutablePointer<Double>) -> Int32 {
    mirrorLowerToUpper(a, n)
    let lwork = n > 1 ? 2 * n + 1 : 1
    var iwork: Int32 = 0
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: lwork) { work in
        LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, lapackNoVectors, lapackLower, Int32(n), a, Int32(n), w,
                            work.baseAddress, Int32(lwork), &iwork, 1)
    }
}

/// Eigenvalues into `w` and eigenvectors (row-major, as columns) into `a`, which holds the
/// symmetric matrix's row-major lower triangle on entry (`dsyevd`, optimal workspace as queried).
func eigenvectorsInPlace(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ w: UnsafeMutablePointer<Double>) -> Int32 {
    mirrorLowerToUpper(a, n)
    var lworkOpt = 0.0
    var liworkOpt: Int32 = 0
    var info = LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, lapackVectors, lapackLower, Int32(n), a, Int32(n), w,
                                   &lworkOpt, -1, &liworkOpt, -1)
    guard info == 0 else { return info }
    let lwork = Int(lworkOpt), liwork = Int(liworkOpt)
    var work = [Double](repeating: 0, count: max(lwork, 1))
    var iwork = [Int32](repeating: 0, count: max(liwork, 1))
    info = LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, lapackVectors, lapackLower, Int32(n), a, Int32(n), w,
                               &work, Int32(lwork), &iwork, Int32(liwork))
    guard info == 0 else { return info }
    for i in 0..<n { for j in 0..<i { (a[i * n + j], a[j * n + i]) = (a[j * n + i], a[i * n + j]) } }
    return 0
}

/// Bunch–Kaufman inverse (`dsytrf` + `dsytri`) of the symmetric matrix whose row-major lower
/// triangle is in `a`, written as a full symmetric matrix. Returns the routine and `info` of a failure.
func symmetricInverseInPlace(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> (routine: String, info: Int32)? {
    mirrorLowerToUpper(a, n)
    var ipiv = [Int32](repeating: 0, count: n)
    var lworkOpt = 0.0
    var info = LAPACKE_dsytrf_work(LAPACK_COL_MAJOR, lapackLower, Int32(n), a, Int32(n), &ipiv, &lworkOpt, -1)
    if info != 0 { return ("dsytrf", info) }
    let lwork = max(Int(lworkOpt), n, 1)
    var work = [Double](repeating: 0, count: lwork)
    info = LAPACKE_dsytrf_work(LAPACK_COL_MAJOR, lapackLower, Int32(n), a, Int32(n), &ipiv, &work, Int32(lwork))
    if info != 0 { return ("dsytrf", info) }
    info = LAPACKE_dsytri_work(LAPACK_COL_MAJOR, lapackLower, Int32(n), a, Int32(n), &ipiv, &work)
    if info != 0 { return ("dsytri", info) }
    mirrorUpperToLower(a, n)
    return nil
}
