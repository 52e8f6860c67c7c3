import Foundation
import Testing

/// Issue 16: every JSON x17fit writes validates against its schema in `schemas/` (JSON Schema 2020-12,
/// checked with Python's `jsonschema`, which CI installs).
@Suite(.serialized) struct SchemaTests {
    static let spec = "fits/dg2023-vector-none.toml"

    static func validate(_ kind: String, _ files: [URL]) throws -> (status: Int32, output: String) {
        let script = BinaryRunner.packageRoot.appendingPathComponent("schemas/validate.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, kind] + files.map(\.path)
        let (out, err) = try BinaryRunner.runCapturing(p)
        return (p.terminationStatus, out + err)
    }

    static var validatorAvailable: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema, referencing"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test func everyOutputValidatesAgainstItsSchema() throws {
        guard Self.validatorAvailable else {
            print("SKIPPED everyOutputValidatesAgainstItsSchema: python3 jsonschema not installed (pip install jsonschema)")
            return
        }
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        func run(_ arguments: [String]) throws {
            let r = try BinaryRunner.run(arguments, in: tree)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
        }
        try run(["fit", Self.spec, "--minos", "--json", "fit.json"])
        try run(["fit", "fits/atomki-masses.toml", "--json", "masses.json"])
        try run(["reproduce", "--out", "r"])
        try run(["compare", Self.spec, "fits/dg2023-vector-mixing.toml", "--json", "compare.json"])
        try run(["profile", Self.spec, "--x", "mX:16.7:17.0:21", "--format", "json", "--out", "p1"])
        try run(["profile", Self.spec, "--x", "eps_n:-0.008:0.008:9", "--y", "eps_p:-0.004:0.004:9", "--format", "json", "--out", "p2"])
        let u = { (p: String) in tree.appendingPathComponent(p) }
        let fits = [u("fit.json"), u("masses.json")] + BinaryRunner.files(under: u("r")).filter { $0.hasSuffix("/result.json") }.map { u("r/" + $0) }
        let specs = try FileManager.default.contentsOfDirectory(atPath: u("fits").path).filter { $0.hasSuffix(".toml") }
        let unavailable = specs.filter { ($0.hasPrefix("axial-") || $0.hasPrefix("mixed-")) && $0.contains("-he") }
        #expect(fits.count == 2 + specs.count - unavailable.count && unavailable.count == 6)
        for (kind, files) in [("fit", fits), ("reproduce", [u("r/reproduce.json")]), ("compare", [u("compare.json")]),
                              ("profile", [u("p1/profile_mX.json"), u("p2/profile_eps_n_eps_p.json")])] {
            let (status, output) = try Self.validate(kind, files)
            #expect(status == 0, "\(kind): \(output)")
        }
        // The check can fail: a result with its covariance labels removed is rejected.
        var broken = try BinaryRunner.json(u("fit.json"))
        broken["covariance"] = ["matrix": [[1.0]]]
        try JSONSerialization.data(withJSONObject: broken).write(to: u("broken.json"))
        let (status, output) = try Self.validate("fit", [u("broken.json")])
        #expect(status == 1 && output.contains("covariance: "), "\(output)")
    }

    /// The toy outputs: `toys` (with and without MINOS, and merged from shards), `toys --against`, `profile --toys`
    /// (1-D and 2-D) and `compare --toys`.
    @Test func toyOutputsValidateAgainstTheirSchemas() throws {
        guard Self.validatorAvailable else {
            print("SKIPPED toyOutputsValidateAgainstTheirSchemas: python3 jsonschema not installed (pip install jsonschema)")
            return
        }
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try CompareToysTests.writeSpecs(into: tree)
        func run(_ arguments: [String]) throws {
            let r = try BinaryRunner.run(arguments, in: tree)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
        }
        try run(["toys", Self.spec, "--n", "12", "--seed", "1", "--minos", "--out", "t1"])
        try run(["toys", Self.spec, "--n", "12", "--seed", "1", "--json", "t2.json"])
        for k in 0..<2 { try run(["toys", Self.spec, "--n", "12", "--seed", "1", "--shard", "\(k)/2", "--out", "shards"]) }
        try run(["merge", "shards", "--out", "merged"])
        try run(["toys", Self.spec, "--against", "fits/dg2023-vector-mixing.toml", "--n", "12", "--seed", "1", "--json", "against.json"])
        try run(["profile", Self.spec, "--x", "mX:16.7:17.0:4", "--toys", "10", "--seed", "1", "--format", "json", "--out", "fc1"])
        try run(["profile", Self.spec, "--x", "eps_n:-0.008:0.008:3", "--y", "eps_p:-0.004:0.004:3", "--toys", "10", "--seed", "1",
                 "--format", "json", "--out", "fc2"])
        try run(CompareToysTests.pair + ["--toys", "12", "--seed", "1", "--json", "compare.json"])
        let u = { (p: String) in tree.appendingPathComponent(p) }
        for (kind, files) in [("toys", [u("t1/toys.json"), u("t2.json"), u("merged/toys.json")]), ("toys-compare", [u("against.json")]),
                              ("neyman", [u("fc1/fc_mX.json"), u("fc2/fc_eps_n_eps_p.json")]), ("compare", [u("compare.json")]),
                              ("profile", [u("fc1/profile_mX.json"), u("fc2/profile_eps_n_eps_p.json")])] {
            let (status, output) = try Self.validate(kind, files)
            #expect(status == 0, "\(kind): \(output)")
        }
        // The checks can fail: a toy study with an unknown status, a calibration without its summary.
        var broken = try BinaryRunner.json(u("t2.json"))
        broken["status"] = ["ok", "maybe"]
        try JSONSerialization.data(withJSONObject: broken).write(to: u("broken.json"))
        let (status, output) = try Self.validate("toys", [u("broken.json")])
        #expect(status == 1 && output.contains("status/1: "), "\(output)")
        var compare = try BinaryRunner.json(u("compare.json"))
        compare["toy_comparisons"] = [["a": "x", "b": "y", "seed": 1, "toys": 3]]
        try JSONSerialization.data(withJSONObject: compare).write(to: u("broken-compare.json"))
        let (status2, output2) = try Self.validate("compare", [u("broken-compare.json")])
        #expect(status2 == 1 && output2.contains("toy_comparisons/0: 'summary' is a required property"), "\(output2)")
    }
}
