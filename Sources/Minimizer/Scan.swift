/// The best point of a brute-force scan.
public struct ScanResult: Sendable, Equatable {
    /// All parameters (fixed ones included) at the lowest function value found.
    public let values: [Double]
    public let fval: Double
    /// Function calls spent (the number of grid points).
    public let nfcn: Int
    /// Points per free-parameter axis.
    public let pointsPerAxis: Int
}

extension Minuit {
    /// Brute-force search on a regular hypercube over the free parameters, as iminuit's `Minuit.scan`:
    /// each side of an axis is the parameter's limit when it has one, otherwise value ∓ step (the
    /// initial error). `ncall` (default: MIGRAD's call limit 200 + 100n + 5n²) sets
    /// max(2, ⌊ncall^(1/nfree)⌋) points per axis. Points run in lexicographic order; the first lowest value wins, so the result is
    /// deterministic. Moves the parameters to the best point (a start for MIGRAD); non-finite values are
    /// skipped, and if every value is non-finite the parameters stay where they were.
    @discardableResult
    public mutating func scan(ncall: Int? = nil) -> ScanResult {
        let free = parameters.indices.filter { !parameters[$0].fixed }
        let budget = ncall ?? (200 + 100 * free.count + 5 * free.count * free.count)
        let perAxis = free.isEmpty ? 1 : max(2, Int(Double(max(budget, 1)).nthRoot(free.count) + 1e-9))
        let axes: [[Double]] = free.map { i in
            let p = parameters[i]
            let lo = p.lower ?? p.value - p.step, hi = p.upper ?? p.value + p.step
            return (0..<perAxis).map { k in lo + (hi - lo) * Double(k) / Double(perAxis - 1) }
        }
        var x = parameters.map(\.value)
        var best = (values: x, fval: Double.infinity)
        var index = [Int](repeating: 0, count: free.count)
        var calls = 0
        while true {
            for (a, i) in free.enumerated() { x[i] = axes[a][index[a]] }
            let f = cost(x)
            calls += 1
            if f.isFinite, f < best.fval { best = (x, f) }
            var a = free.count - 1
            while a >= 0 {
                index[a] += 1
                if index[a] < perAxis { break }
                index[a] = 0
                a -= 1
            }
            if a < 0 { break }
        }
        if best.fval.isFinite {
            for i in free { try? setValue(at: i, best.values[i]) }
        }
        return ScanResult(values: best.fval.isFinite ? best.values : parameters.map(\.value), fval: best.fval,
                          nfcn: calls, pointsPerAxis: perAxis)
    }
}

extension Double {
    /// self^(1/n) for n ≥ 1.
    fileprivate func nthRoot(_ n: Int) -> Double {
        n <= 1 ? self : expValue(logValue(self) / Double(n))
    }
}
