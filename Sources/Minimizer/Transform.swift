#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Machine precision as Minuit2's `MnMachinePrecision`: eps = 4·DBL_EPSILON, eps2 = 2·√eps.
struct Precision: Sendable {
    let eps: Double
    let eps2: Double
    init(eps: Double = 4 * Double.ulpOfOne) {
        self.eps = eps
        self.eps2 = 2 * sqrt(eps)
    }
}

/// Internal ↔ external coordinates (Minuit2's sin / sqrt limit transforms; fixed parameters dropped).
struct Transform: Sendable {
    enum Kind: Sendable { case free, both(Double, Double), lower(Double), upper(Double) }
    let kinds: [Kind]
    /// External index of each internal (free) parameter.
    let free: [Int]
    /// `kinds` of the free parameters, by internal index.
    let freeKinds: [Kind]
    /// True when no free parameter has a limit (internal = external).
    let unlimited: Bool
    let precision: Precision

    init(_ parameters: [Parameter], precision: Precision) {
        kinds = parameters.map { p in
            switch (p.lower, p.upper) {
            case let (lo?, hi?): return .both(lo, hi)
            case let (lo?, nil): return .lower(lo)
            case let (nil, hi?): return .upper(hi)
            default: return .free
            }
        }
        let kinds = self.kinds
        free = parameters.indices.filter { !parameters[$0].fixed }
        let freeKinds = free.map { kinds[$0] }
        self.freeKinds = freeKinds
        unlimited = freeKinds.allSatisfy { if case .free = $0 { return true } else { return false } }
        self.precision = precision
    }

    var count: Int { free.count }

    /// True when `parameters` have exactly these limits and free parameters (a cached transform is reusable).
    func matches(_ parameters: [Parameter], precision p: Precision) -> Bool {
        guard p.eps == precision.eps, parameters.count == kinds.count else { return false }
        var k = 0
        for i in parameters.indices {
            let par = parameters[i]
            switch kinds[i] {
            case .free: if par.lower != nil || par.upper != nil { return false }
            case let .both(a, b): if par.lower != a || par.upper != b { return false }
            case let .lower(a): if par.lower != a || par.upper != nil { return false }
            case let .upper(b): if par.lower != nil || par.upper != b { return false }
            }
            if !par.fixed {
                guard k < free.count, free[k] == i else { return false }
                k += 1
            }
        }
        return k == free.count
    }

    func hasLimits(_ k: Int) -> Bool {
        if case .free = freeKinds[k] { return false }
        return true
    }

    @inline(__always)
    func toExternal(_ k: Int, _ v: Double) -> Double {
        switch freeKinds[k] {
        case .free: return v
        case let .both(a, b): return a + 0.5 * (b - a) * (sin(v) + 1)
        case let .lower(a): return a - 1 + (v * v + 1).squareRoot()
        case let .upper(b): return b + 1 - (v * v + 1).squareRoot()
        }
    }

    func toInternal(external e: Int, _ v: Double) -> Double {
        switch kinds[e] {
        case .free: return v
        case let .both(a, b):
            let piby2 = Double.pi / 2
            let distnn = 8 * precision.eps2.squareRoot()
            let yy = 2 * (v - a) / (b - a) - 1
            if yy * yy > 1 - precision.eps2 { return yy < 0 ? -piby2 + distnn : piby2 - distnn }
            return asin(yy)
        case let .lower(a):
            let yy = v - a + 1
            return yy * yy < 1 ? 0 : (yy * yy - 1).squareRoot()
        case let .upper(b):
            let yy = b - v + 1
            return yy * yy < 1 ? 0 : (yy * yy - 1).squareRoot()
        }
    }

    /// dExternal/dInternal.
    func derivative(_ k: Int, _ v: Double) -> Double {
        switch kinds[free[k]] {
        case .free: return 1
        case let .both(a, b): return 0.5 * (b - a) * cos(v)
        case .lower: return v / (v * v + 1).squareRoot()
        case .upper: return -v / (v * v + 1).squareRoot()
        }
    }

    /// External error from an internal one (Minuit2 `Int2extError`).
    func externalError(_ k: Int, _ v: Double, _ err: Double) -> Double {
        guard hasLimits(k) else { return err }
        let u = toExternal(k, v)
        var du1 = toExternal(k, v + err) - u
        let du2 = toExternal(k, v - err) - u
        if case let .both(a, b) = kinds[free[k]], err > 1 { du1 = b - a }
        return 0.5 * (abs(du1) + abs(du2))
    }

    func internalValues(_ external: [Double]) -> [Double] {
        free.map { toInternal(external: $0, external[$0]) }
    }
}
