import Minimizer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The conformance problems: the same definitions as conformance/problems.py (see there for the sources),
// operation for operation, so that both sides compute the same bits.

/// A conformance problem: parameters (start, limits, fixed) and the cost.
struct ConformanceProblem: Sendable {
    let name: String
    let cost: CostFunction
    let parameters: [Parameter]
}

private let sqrt5 = 5.0.squareRoot(), sqrt10 = 10.0.squareRoot(), sqrt90 = 90.0.squareRoot()
private let sqrtA = 1e-5.squareRoot()

private func sumsq(_ fs: [Double]) -> Double {
    var s = 0.0
    for f in fs { s += f * f }
    return s
}

private func rosenbrock(_ x: [Double]) -> Double { sumsq([10 * (x[1] - x[0] * x[0]), 1 - x[0]]) }

private func freudensteinRoth(_ x: [Double]) -> Double {
    sumsq([-13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1], -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1]])
}

private func powellBadlyScaled(_ x: [Double]) -> Double {
    sumsq([1e4 * x[0] * x[1] - 1, exp(-x[0]) + exp(-x[1]) - 1.0001])
}

private func brownBadlyScaled(_ x: [Double]) -> Double { sumsq([x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2]) }

private func beale(_ x: [Double]) -> Double {
    let y = [1.5, 2.25, 2.625]
    var fs = [Double](), p = 1.0
    for i in 0..<3 {
        p *= x[1]
        fs.append(y[i] - x[0] * (1 - p))
    }
    return sumsq(fs)
}

private func jennrichSampson(_ x: [Double]) -> Double {
    sumsq((1...10).map { i in 2 + 2 * Double(i) - (exp(Double(i) * x[0]) + exp(Double(i) * x[1])) })
}

private func helicalValley(_ x: [Double]) -> Double {
    let theta: Double
    if x[0] > 0 {
        theta = atan(x[1] / x[0]) / (2 * Double.pi)
    } else if x[0] < 0 {
        theta = atan(x[1] / x[0]) / (2 * Double.pi) + 0.5
    } else {
        theta = x[1] >= 0 ? 0.25 : -0.25
    }
    return sumsq([10 * (x[2] - 10 * theta), 10 * ((x[0] * x[0] + x[1] * x[1]).squareRoot() - 1), x[2]])
}

private let bardY = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39]

private func bard(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 1...15 {
        let u = Double(i), v = Double(16 - i)
        let w = min(u, v)
        fs.append(bardY[i - 1] - (x[0] + u / (v * x[1] + w * x[2])))
    }
    return sumsq(fs)
}

private let gaussianY = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295,
                         0.0540, 0.0175, 0.0044, 0.0009]

private func gaussian(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 1...15 {
        let t = (8 - Double(i)) / 2
        let d = t - x[2]
        fs.append(x[0] * exp(-x[1] * d * d / 2) - gaussianY[i - 1])
    }
    return sumsq(fs)
}

private let meyerY: [Double] = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427,
                                3820, 3307, 2872]

private func meyer(_ x: [Double]) -> Double {
    sumsq((1...16).map { i in x[0] * exp(x[1] / (45 + 5 * Double(i) + x[2])) - meyerY[i - 1] })
}

private func gulf(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 1...99 {
        let t = Double(i) / 100
        let y = 25 + pow(-50 * log(t), 2.0 / 3.0)
        fs.append(exp(-pow(abs(y - x[1]), x[2]) / x[0]) - t)
    }
    return sumsq(fs)
}

private func box3d(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 1...10 {
        let t = 0.1 * Double(i)
        fs.append(exp(-t * x[0]) - exp(-t * x[1]) - x[2] * (exp(-t) - exp(-10 * t)))
    }
    return sumsq(fs)
}

private func powellSingular(_ x: [Double]) -> Double {
    let a = x[1] - 2 * x[2], b = x[0] - x[3]
    return sumsq([x[0] + 10 * x[1], sqrt5 * (x[2] - x[3]), a * a, sqrt10 * (b * b)])
}

private func wood(_ x: [Double]) -> Double {
    sumsq([10 * (x[1] - x[0] * x[0]), 1 - x[0], sqrt90 * (x[3] - x[2] * x[2]), 1 - x[2],
           sqrt10 * (x[1] + x[3] - 2), (x[1] - x[3]) / sqrt10])
}

private let koY = [0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246]
private let koU = [4.0, 2.0, 1.0, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625]

private func kowalikOsborne(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 0..<11 {
        let u = koU[i]
        fs.append(koY[i] - x[0] * (u * u + u * x[1]) / (u * u + u * x[2] + x[3]))
    }
    return sumsq(fs)
}

private func brownDennis(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 1...20 {
        let t = Double(i) / 5
        let a = x[0] + t * x[1] - exp(t)
        let b = x[2] + x[3] * sin(t) - cos(t)
        fs.append(a * a + b * b)
    }
    return sumsq(fs)
}

private let osborne1Y = [0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685,
                         0.658, 0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448,
                         0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406]

private func osborne1(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 1...33 {
        let t = 10 * Double(i - 1)
        fs.append(osborne1Y[i - 1] - (x[0] + x[1] * exp(-t * x[3]) + x[2] * exp(-t * x[4])))
    }
    return sumsq(fs)
}

private func biggsExp6(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 1...13 {
        let t = 0.1 * Double(i)
        let y = exp(-t) - 5 * exp(-10 * t) + 3 * exp(-4 * t)
        fs.append(x[2] * exp(-t * x[0]) - x[3] * exp(-t * x[1]) + x[5] * exp(-t * x[4]) - y)
    }
    return sumsq(fs)
}

private let osborne2Y = [
    1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606,
    0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423,
    0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668,
    0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098,
    0.054,
]

private func osborne2(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in 1...65 {
        let t = Double(i - 1) / 10
        let a = t - x[8], b = t - x[9], c = t - x[10]
        fs.append(osborne2Y[i - 1] - (x[0] * exp(-t * x[4]) + x[1] * exp(-a * a * x[5])
                                      + x[2] * exp(-b * b * x[6]) + x[3] * exp(-c * c * x[7])))
    }
    return sumsq(fs)
}

private func watson(_ x: [Double]) -> Double {
    let n = x.count
    var fs = [Double]()
    for i in 1...29 {
        let t = Double(i) / 29
        var s1 = 0.0, p = 1.0
        for j in 2...n {
            s1 += Double(j - 1) * x[j - 1] * p
            p *= t
        }
        var s2 = 0.0
        p = 1
        for j in 1...n {
            s2 += x[j - 1] * p
            p *= t
        }
        fs.append(s1 - s2 * s2 - 1)
    }
    fs.append(x[0])
    fs.append(x[1] - x[0] * x[0] - 1)
    return sumsq(fs)
}

private func extendedRosenbrock(_ x: [Double]) -> Double {
    var fs = [Double]()
    for i in stride(from: 0, to: x.count, by: 2) {
        fs.append(10 * (x[i + 1] - x[i] * x[i]))
        fs.append(1 - x[i])
    }
    return sumsq(fs)
}

private func penalty1(_ x: [Double]) -> Double {
    var fs = x.map { sqrtA * ($0 - 1) }
    var s = 0.0
    for v in x { s += v * v }
    fs.append(s - 0.25)
    return sumsq(fs)
}

private func penalty2(_ x: [Double]) -> Double {
    let n = x.count
    var fs = [x[0] - 0.2]
    for i in 2...n {
        let y = exp(Double(i) / 10) + exp(Double(i - 1) / 10)
        fs.append(sqrtA * (exp(x[i - 1] / 10) + exp(x[i - 2] / 10) - y))
    }
    for i in (n + 1)..<(2 * n) {
        fs.append(sqrtA * (exp(x[i - n] / 10) - exp(-1.0 / 10)))
    }
    var s = 0.0
    for j in 1...n { s += Double(n - j + 1) * x[j - 1] * x[j - 1] }
    fs.append(s - 1)
    return sumsq(fs)
}

private func variablyDimensioned(_ x: [Double]) -> Double {
    var fs = x.map { $0 - 1 }
    var s = 0.0
    for j in 1...x.count { s += Double(j) * (x[j - 1] - 1) }
    fs.append(s)
    fs.append(s * s)
    return sumsq(fs)
}

private func trigonometric(_ x: [Double]) -> Double {
    let n = x.count
    var c = 0.0
    for v in x { c += cos(v) }
    return sumsq((1...n).map { i in Double(n) - c + Double(i) * (1 - cos(x[i - 1])) - sin(x[i - 1]) })
}

private func chebyquad(_ x: [Double]) -> Double {
    let n = x.count
    var fs = [Double]()
    for i in 1...n {
        var s = 0.0
        for v in x {
            let y = 2 * v - 1
            var (t0, t1) = (1.0, y)
            for _ in stride(from: 1, to: i, by: 1) { (t0, t1) = (t1, 2 * y * t1 - t0) }
            s += t1
        }
        var f = s / Double(n)
        if i % 2 == 0 { f += 1 / (Double(i * i) - 1) }
        fs.append(f)
    }
    return sumsq(fs)
}

private let gaussData = [1.52, -0.71, 2.94, 0.33, 1.87, 3.41, -1.26, 0.95, 2.18, 1.04,
                         4.02, 0.12, 1.69, -0.38, 2.57, 1.23, 3.05, 0.61, 1.98, 2.36]

private func gaussMeanNLL(_ x: [Double]) -> Double {
    let mu = x[0], sigma = x[1]
    var s = 0.0
    for v in gaussData {
        let z = (v - mu) / sigma
        s += log(sigma) + 0.5 * z * z
    }
    return s
}

private let lineY = [1.21, 1.58, 2.31, 2.47, 3.19, 3.42, 4.16, 4.29, 5.05, 5.37]
private let lineC = 0.3

private func lineCorrelatedChi2(_ x: [Double]) -> Double {
    var sr2 = 0.0, sr = 0.0, sw = 0.0
    for i in 0..<10 {
        let sigma = 0.5 + 0.1 * Double(i)
        let w = 1 / (sigma * sigma)
        let r = lineY[i] - (x[0] + x[1] * Double(i))
        sr2 += w * r * r
        sr += w * r
        sw += w
    }
    return sr2 - lineC * sr * sr / (1 + lineC * sw)
}

private func conformancePeakChi2(_ x: [Double]) -> Double {
    var s = 0.0, s2 = 0.0
    for i in 0..<14 {
        let z = (10 + Double(i) - x[1]) / x[2]
        let r = peakY[i] - (5 + x[0] * exp(-0.5 * z * z))
        s += r
        s2 += r * r
    }
    return s2 - 0.25 / (1 + 0.25 * 14) * s * s
}

private func limitQuadratic(_ x: [Double]) -> Double {
    let a = x[0] - 1, b = x[1] - 2
    return a * a + b * b
}

private func problem(_ name: String, errordef: Double = 1, _ parameters: [Parameter],
                     _ f: @escaping @Sendable ([Double]) -> Double) -> ConformanceProblem {
    ConformanceProblem(name: name, cost: CostFunction(errordef: errordef, f), parameters: parameters)
}

private func xs(_ starts: [Double]) -> [Parameter] {
    starts.enumerated().map { par("x\($0.offset + 1)", $0.element) }
}

/// Every conformance problem, in the order of conformance/problems.py.
let conformanceProblems: [ConformanceProblem] = [
    problem("rosenbrock", xs([-1.2, 1]), rosenbrock),
    problem("freudenstein_roth", xs([0.5, -2]), freudensteinRoth),
    problem("powell_badly_scaled", xs([0, 1]), powellBadlyScaled),
    problem("brown_badly_scaled", xs([1, 1]), brownBadlyScaled),
    problem("beale", xs([1, 1]), beale),
    problem("jennrich_sampson", xs([0.3, 0.4]), jennrichSampson),
    problem("helical_valley", xs([-1, 0, 0]), helicalValley),
    problem("bard", xs([1, 1, 1]), bard),
    problem("gaussian", xs([0.4, 1, 0]), gaussian),
    problem("meyer", xs([0.02, 4000, 250]), meyer),
    problem("gulf", xs([5, 2.5, 0.15]), gulf),
    problem("box3d", xs([0, 10, 20]), box3d),
    problem("powell_singular", xs([3, -1, 0, 1]), powellSingular),
    problem("wood", xs([-3, -1, -3, -1]), wood),
    problem("kowalik_osborne", xs([0.25, 0.39, 0.415, 0.39]), kowalikOsborne),
    problem("brown_dennis", xs([25, 5, -5, -1]), brownDennis),
    problem("osborne1", xs([0.5, 1.5, -1, 0.01, 0.02]), osborne1),
    problem("biggs_exp6", xs([1, 2, 1, 1, 1, 1]), biggsExp6),
    problem("osborne2", xs([1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5]), osborne2),
    problem("watson6", xs([Double](repeating: 0, count: 6)), watson),
    problem("extended_rosenbrock6", xs([-1.2, 1, -1.2, 1, -1.2, 1]), extendedRosenbrock),
    problem("penalty1_4", xs([1, 2, 3, 4]), penalty1),
    problem("penalty2_4", xs([0.5, 0.5, 0.5, 0.5]), penalty2),
    problem("variably_dimensioned5", xs((1...5).map { 1 - Double($0) / 5 }), variablyDimensioned),
    problem("trigonometric5", xs([Double](repeating: 1.0 / 5, count: 5)), trigonometric),
    problem("chebyquad5", xs((1...5).map { Double($0) / 6 }), chebyquad),
    problem("gauss_mean_nll", errordef: 0.5, [par("mu", 0), par("sigma", 1, lower: 0)], gaussMeanNLL),
    problem("line_correlated_chi2", [par("a", 0), par("b", 0)], lineCorrelatedChi2),
    problem("peak_limit", [par("A", 10), par("mu", 16), par("s", 1, lower: 0.01)], conformancePeakChi2),
    problem("limit_quadratic", [par("x", 0, upper: 0.5), par("y", 0)], limitQuadratic),
    problem("peak_fixed_mu", [par("A", 10), par("mu", 17, fixed: true), par("s", 1, lower: 0.01)], conformancePeakChi2),
]
