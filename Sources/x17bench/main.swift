// Benchmarks (not tests): the cases of bench/iminuit_cases.py run with the Swift Minimizer.
// Output: one line per case, "case<TAB>nfcn<TAB>seconds per fit<TAB>note", read by bench/run.sh.
// `x17bench A` … `x17bench F` or `H` runs one case; `--out FILE` writes case F's χ² grid (the D&G 201×201 grid).
// H times the pieces of a toy (one χ² call, one pseudo-experiment, one toy) for bench/run.sh's toy table.
import Foundation
import LinearAlgebra
import Minimizer
import Statistics
import Toys
import X17Analysis
#if canImport(Glibc)
import Glibc
#endif

// One OpenBLAS thread, as x17fit: deterministic results, and threads only cost time on matrices this small.
setBLASThreads(1)

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// X17BENCH_SCALE multiplies the repeats of every case (longer runs for profilers).
let scale = ProcessInfo.processInfo.environment["X17BENCH_SCALE"].flatMap(Int.init).map { max($0, 1) } ?? 1

/// Median wall time of `repeat` runs, after `repeat / 10` untimed warm-up runs (as bench/iminuit_cases.py),
/// and the value of the last run.
func timed<T>(_ repeats: Int, _ body: () throws -> T) rethrows -> (Double, T) {
    let repeats = repeats * scale
    for _ in 0..<(repeats / 10) { _ = try body() }
    var ts = [Double]()
    var out: T? = nil
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let t0 = clock.now
        out = try body()
        ts.append(seconds(clock.now - t0))
    }
    ts.sort()
    return (ts[ts.count / 2], out!)
}

/// ``timed(_:_:)`` for an async body.
func timedAsync<T>(_ repeats: Int, _ body: () async -> T) async -> (Double, T) {
    let repeats = repeats * scale
    var ts = [Double]()
    var out: T? = nil
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let t0 = clock.now
        out = await body()
        ts.append(seconds(clock.now - t0))
    }
    ts.sort()
    return (ts[ts.count / 2], out!)
}

func step(_ v: Double) -> Double { v == 0 ? 0.1 : 0.01 * abs(v) }
func p(_ n: String, _ v: Double, lower: Double? = nil) -> Parameter {
    Parameter(n, value: v, step: step(v), lower: lower)
}
func report(_ name: String, _ nfcn: Int, _ t: Double, _ note: String = "") {
    print("\(name)\t\(nfcn)\t\(t)\t\(note)")
}

let rosen2 = CostFunction(errordef: 1) { x in
    (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
}
let rosen3 = CostFunction(errordef: 1) { x in
    (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
        + (1 - x[1]) * (1 - x[1]) + 100 * (x[2] - x[1] * x[1]) * (x[2] - x[1] * x[1])
}

// Same data as bench/reference/make_reference.py (numpy default_rng(17)); docs/minuit.md §8.
let ys: [Double] = [
    6.101635742888118, 5.345140529204228, 4.537346887535953, 4.311068158838575, 5.812084394892999,
    13.240884101127033, 20.20418095882456, 24.127844040065487, 20.79277855125227, 13.170399782011732,
    5.429922848956424, 6.496456606267435, 3.05047279687943, 6.866333361112397,
]
// Full 14×14 inverse covariance of I + 0.25·11ᵀ (Sherman–Morrison), used as a dense rᵀWr like the Python cost.
let w: [Double] = (0..<196).map { k in (k / 14 == k % 14 ? 1 : 0) - 0.25 / (1 + 0.25 * 14) }
let chi2 = CostFunction(errordef: 1) { q in
    var r = [Double](repeating: 0, count: 14)
    for i in 0..<14 {
        let z = (10 + Double(i) - q[1]) / q[2]
        r[i] = ys[i] - (5 + q[0] * exp(-0.5 * z * z))
    }
    var s = 0.0
    for i in 0..<14 {
        var t = 0.0
        for j in 0..<14 { t += w[i * 14 + j] * r[j] }
        s += r[i] * t
    }
    return s
}

let arguments = Array(CommandLine.arguments.dropFirst())
/// A case letter as first argument runs only that case ("F" for the grid).
let only = arguments.first.flatMap { ["A", "B", "C", "D", "E", "F", "H"].contains($0) ? $0 : nil }
func want(_ c: String) -> Bool { only == nil || only == c }
let gridOut = arguments.firstIndex(of: "--out").map { arguments[$0 + 1] }

if want("A") {
for s in 0...2 {
    let (t, n) = try timed(200) { () throws -> Int in
        var m = try Minuit(rosen2, parameters: [p("x", -1.2), p("y", 1)])
        m.strategy = s
        m.migrad(); m.hesse()
        return m.nfcn
    }
    report("A rosen2 s\(s) migrad+hesse", n, t)
}
}
if want("B") {
for s in 0...2 {
    let (t, n) = try timed(200) { () throws -> Int in
        var m = try Minuit(rosen3, parameters: [p("a", -1.2), p("b", 1), p("c", -1.2)])
        m.strategy = s
        m.migrad(); m.hesse()
        return m.nfcn
    }
    report("B rosen3 s\(s) migrad+hesse", n, t)
}
}
func peak() throws -> Minuit { try Minuit(chi2, parameters: [p("A", 10), p("mu", 16), p("s", 1, lower: 0.01)]) }
if want("C") {
    let (t, n) = try timed(200) { () throws -> Int in var m = try peak(); m.migrad(); m.hesse(); return m.nfcn }
    report("C2 chi2 migrad+hesse", n, t)
    let (t2, n2) = try timed(100) { () throws -> Int in var m = try peak(); m.migrad(); m.hesse(); try m.minos(); return m.nfcn }
    report("C2 chi2 +minos", n2, t2)
}
if want("D") {
    let mus = (0..<100).map { 16.0 + 2.0 * Double($0) / 99 }
    let ss = (0..<100).map { 0.8 + 1.7 * Double($0) / 99 }
    let (t, res) = try timed(3) { () throws -> (Int, Int) in
        var m = try Minuit(chi2, parameters: [p("A", 20), p("mu", 17), p("s", 1.5)])
        try m.fix("mu"); try m.fix("s")
        var calls = 0, valid = 0
        for mu in mus { for s in ss {
            try m.setValue("mu", mu); try m.setValue("s", s)
            let n0 = m.nfcn
            let fm = m.migrad()
            calls += m.nfcn - n0
            valid += fm.isValid ? 1 : 0
        } }
        return (calls, valid)
    }
    report("D1 grid warm 100x100", res.0, t, "valid \(res.1)/10000")
}
if want("E") {
    var m = try peak(); m.migrad(); m.hesse()
    let (t, c) = try timed(3) { try m.mncontour("mu", "s", cl: 0.68, size: 100) }
    report("E mncontour 100", c.nfcn, t, "valid points \(c.pointValid.filter { $0 }.count)/\(c.pointValid.count)")
}

// H: the pieces of a toy of fits/dg2023-vector-none.toml (issue 14) in one thread: one χ² call, one
// pseudo-experiment drawn in place, one toy (draw, MIGRAD + HESSE, record). `make bench` times the whole
// `x17fit toys` run against iminuit; this case tells where a toy's time goes.
if want("H") {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let spec = try FitSpec.load(path: root.appendingPathComponent("fits/dg2023-vector-none.toml").path)
    let setup = try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: root.appendingPathComponent("datasets")))
    let truth = try FitRunner.run(setup).minimum.values
    let model = FitToyModel(setup: setup)
    let generator = model.generator(truth: truth)
    var stream = ToyRandomStream(seed: 1, stream: 0)
    let cost = try generator.draw(&stream)
    let probes: [[Double]] = (0..<64).map { k in
        truth.indices.map { i -> Double in
            let shift = Double((k * 7 + i) % 9 - 4)
            return truth[i] * (1 + 1e-3 * shift)
        }
    }
    let (tc, _) = timed(50) { () -> Double in
        var s = 0.0
        for _ in 0..<100 { for x in probes { s += cost(x) } }
        return s
    }
    report("H chi2 call", 1, tc / 6400)
    let (td, _) = try timed(50) { () throws -> Int in
        for k in 0..<1000 {
            var st = ToyRandomStream(seed: 1, stream: UInt64(k))
            _ = try generator.draw(&st)
        }
        return 0
    }
    report("H pseudo-experiment", 0, td / 1000)
    let study = ToyStudy(model: model, truth: truth, options: ToyOptions(seed: 1))
    let (tt, calls) = await timedAsync(5) { () async -> Int in
        await study.run(0..<2000).reduce(0) { $0 + $1.nfcn }
    }
    report("H toy (1 thread)", calls / 2000, tt / 2000)
}

// F: issue 5's benchmark, a 201×201 (eps_n, eps_p) profile grid of fits/dg2023-vector-none.toml with mX
// profiled (bench/grid_iminuit.py is the iminuit side). Timed from the prepared fit: global MIGRAD + grid.
if want("F") {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let spec = try FitSpec.load(path: root.appendingPathComponent("fits/dg2023-vector-none.toml").path)
    let setup = try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: root.appendingPathComponent("datasets")))
    let minuit = try Minuit(FitRunner.costFunction(setup), parameters: FitRunner.minimizerParameters(setup))
    let xs = try GridAxis.linear("eps_n", from: -0.008, to: 0.008, count: 201)
    let ys = try GridAxis.linear("eps_p", from: -0.004, to: 0.004, count: 201)
    // X17BENCH_THREADS overrides the 2 threads of the benchmark (1 gives CPU cost with less noise from load).
    let threads = ProcessInfo.processInfo.environment["X17BENCH_THREADS"].flatMap(Int.init) ?? 2
    // Median of 9 runs (X17BENCH_SCALE times more): one run of ~35 ms on two threads is easily disturbed.
    var times: [Double] = []
    var last: ProfileGrid? = nil
    for _ in 0..<(9 * scale) {
        last = nil  // the previous grid is freed outside the timed region
        let clock = ContinuousClock()
        let t0 = clock.now
        let profile = try ProfileLikelihood(minuit, scanning: ["eps_n", "eps_p"])
        last = try await profile.grid(x: xs, y: ys, threads: threads)
        times.append(seconds(clock.now - t0))
    }
    let grid = last!
    let t = times.sorted()[times.count / 2]
    let failed = grid.points.filter { $0.status == .failed }.count
    let retried = grid.points.filter { $0.status == .retried }.count
    let calls = grid.points.reduce(0) { $0 + $1.nfcn }
    let minChi2 = grid.points.map(\.chi2).min()!
    let n = grid.points.count
    report("F dg2023 grid 201x201", calls, t,
           "failed \(failed), retried \(retried), \(String(format: "%.1f", Double(calls) / Double(n))) calls/point, "
           + "\(Int(Double(n) / t)) points/s, chi2 min on grid \(String(format: "%.9f", minChi2))")
    if let gridOut {
        // Same layout as numpy.savetxt in grid_iminuit.py: one line per eps_p row.
        var text = ""
        for j in 0..<grid.ny {
            text += (0..<grid.nx).map { String(format: "%.18e", grid.point($0, j).chi2) }.joined(separator: " ") + "\n"
        }
        try text.write(toFile: gridOut, atomically: true, encoding: .utf8)
    }
}
