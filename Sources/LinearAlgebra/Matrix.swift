/// A small dense matrix of `Double`, stored row-major.
///
/// Sized for fits: a few parameters to a few hundred measurements. Arithmetic is plain Swift;
/// factorisations go to LAPACK (see ``Cholesky``, ``SymmetricEigen``).
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Row-major elements: element (i, j) is `storage[i * columns + j]`.
    public var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from row-major storage; throws if the count does not match the shape.
    public init(rows: Int, columns: Int, storage: [Double]) throws {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "storage of \(storage.count) elements for a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from nested rows; throws if the rows are ragged.
    public init(_ nested: [[Double]]) throws {
        let r = nested.count
        let c = nested.first?.count ?? 0
        if let bad = nested.firstIndex(where: { $0.count != c }) {
            throw LinearAlgebraError.dimensionMismatch(
                "row \(bad) has \(nested[bad].count) elements, row 0 has \(c)")
        }
        try self.init(rows: r, columns: c, storage: nested.flatMap { $0 })
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    public static func diagonal(_ d: [Double]) -> Matrix {
        var m = Matrix(rows: d.count, columns: d.count)
        for (i, v) in d.enumerated() { m.storage[i * d.count + i] = v }
        return m
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i * columns + j] }
        set { storage[i * columns + j] = newValue }
    }

    public var isSquare: Bool { rows == columns }

    public var diagonalElements: [Double] {
        (0..<Swift.min(rows, columns)).map { self[$0, $0] }
    }

    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }

    /// Rows as nested arrays (for JSON and printing).
    public var nested: [[Double]] {
        (0..<rows).map { i in Array(storage[(i * columns)..<((i + 1) * columns)]) }
    }

    /// The largest |a_ij − a_ji| relative to max(|a_ij|, |a_ji|, √|a_ii a_jj|), and where it occurs.
    ///
    /// The diagonal term keeps round-off in elements that should be zero (e.g. ±1e-20 next to a
    /// unit diagonal, as J V Jᵀ produces) from counting as an asymmetry of 100 %.
    public func asymmetry() -> (relative: Double, row: Int, column: Int) {
        var worst = (relative: 0.0, row: 0, column: 0)
        guard isSquare else { return worst }
        for i in 0..<rows {
            for j in 0..<i {
                let a = self[i, j], b = self[j, i]
                let scale = Swift.max(abs(a), abs(b), (abs(self[i, i]) * abs(self[j, j])).squareRoot())
                guard scale > 0 else { continue }
                let rel = abs(a - b) / scale
                if !(rel <= worst.relative) { worst = (rel, i, j) }
            }
        }
        return worst
    }

    /// Throws unless the matrix is square, finite and symmetric to `tolerance` (relative).
    public func validateSymmetric(name: String, tolerance: Double = 1e-12) throws {
        guard isSquare else {
            throw LinearAlgebraError.notSquare(name: name, rows: rows, columns: columns)
        }
        try validateFinite(name: name)
        let a = asymmetry()
        if a.relative > tolerance {
            throw LinearAlgebraError.notSymmetric(
                name: name, row: a.row, column: a.column, relativeDifference: a.relative)
        }
    }

    /// Throws ``LinearAlgebraError/nonFinite(name:row:column:)`` at the first NaN or infinity.
    public func validateFinite(name: @autoclosure () -> String) throws {
        if let k = storage.firstIndex(where: { !$0.isFinite }) {
            throw LinearAlgebraError.nonFinite(name: name(), row: k / Swift.max(columns, 1),
                                               column: k % Swift.max(columns, 1))
        }
    }

    /// (A + Aᵀ)/2.
    public var symmetrized: Matrix {
        var s = self
        for i in 0..<rows { for j in 0..<i {
            let m = 0.5 * (self[i, j] + self[j, i])
            s[i, j] = m; s[j, i] = m
        } }
        return s
    }

    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "Matrix product of \(a.rows)×\(a.columns) and \(b.rows)×\(b.columns)")
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for k in 0..<a.columns {
                let aik = a[i, k]
                if aik == 0 { continue }
                for j in 0..<b.columns { c.storage[i * b.columns + j] += aik * b.storage[k * b.columns + j] }
            }
        }
        return c
    }

    public static func * (a: Matrix, x: [Double]) -> [Double] {
        precondition(a.columns == x.count, "Matrix×vector of \(a.rows)×\(a.columns) and \(x.count)")
        var y = [Double](repeating: 0, count: a.rows)
        for i in 0..<a.rows {
            var s = 0.0
            for j in 0..<a.columns { s += a.storage[i * a.columns + j] * x[j] }
            y[i] = s
        }
        return y
    }

    public static func * (s: Double, a: Matrix) -> Matrix {
        var m = a
        for k in m.storage.indices { m.storage[k] *= s }
        return m
    }

    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix sum of different shapes")
        var m = a
        for k in m.storage.indices { m.storage[k] += b.storage[k] }
        return m
    }

    public static func - (a: Matrix, b: Matrix) -> Matrix { a + (-1.0 * b) }

    /// xᵀ A y.
    public func bilinear(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == rows && y.count == columns)
        var s = 0.0
        for i in 0..<rows {
            var t = 0.0
            for j in 0..<columns { t += storage[i * columns + j] * y[j] }
            s += x[i] * t
        }
        return s
    }

    public var description: String {
        nested.map { $0.map { "\($0)" }.joined(separator: "  ") }.joined(separator: "\n")
    }
}
