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
}
