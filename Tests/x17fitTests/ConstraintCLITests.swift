import Foundation
import Testing

/// `constraints` in a spec through the binary: bad names exit 2 naming file, line and field; a constrained fit
/// reports its constraint terms in the JSON with kind "constraint".
@Suite struct ConstraintCLITests {
    /// A scratch tree with the repository's constraints file and a copy of dg2023-vector-none with `constraints`.
    static func tree(constraints: String) throws -> URL {
        let tree = try BinaryRunner.scratchTree()
        let folder = tree.appendingPathComponent("datasets/constraints")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: BinaryRunner.packageRoot.appendingPathComponent("datasets/constraints/external-constraints.csv"),
            to: folder.appendingPathComponent("external-constraints.csv"))
        let spec = tree.appendingPathComponent("fits/dg2023-vector-none.toml")
        let text = try String(contentsOf: spec, encoding: .utf8)
        try text.replacingOccurrences(of: "priors = [\"pi0-na48-2\"]", with: "priors = [\"pi0-na48-2\"]\nconstraints = [\(constraints)]")
            .write(to: spec, atomically: true, encoding: .utf8)
        return tree
    }

    @Test(arguments: [
        ("\"nope\"", "unknown constraint 'nope'"),
        ("\"g2e-rb2020\", \"g2e-cs2018\"", "are alternatives"),
        ("\"g2e-rb2020\"", "needs eps_e (or a_e)"),
        ("\"pi0-na48-2\"", "named in both priors and constraints"),
    ])
    func badConstraintExitsTwo(constraints: String, message: String) throws {
        let tree = try Self.tree(constraints: constraints); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["fit", "fits/dg2023-vector-none.toml"], in: tree)
        #expect(run.status == 2)
        #expect(run.stderr.contains("fits/dg2023-vector-none.toml:10: field 'constraints': "), "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// D&G's vector "none" fit with SINDRUM-I: the constraint is reported with its pull; the χ² rises (the
    /// vector solution has |ΔQ| ≈ 12× the bound, docs/physics.md §12.7).
    @Test func constrainedFitReportsConstraintTerm() throws {
        let tree = try Self.tree(constraints: "\"sindrum-i\""); defer { try? FileManager.default.removeItem(at: tree) }
        let out = tree.appendingPathComponent("fit.json")
        let run = try BinaryRunner.run(["fit", "fits/dg2023-vector-none.toml", "--json", out.path], in: tree)
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let json = try BinaryRunner.json(out)
        let terms = json["terms"] as? [[String: Any]] ?? []
        let term = terms.first { $0["id"] as? String == "sindrum-i" }
        #expect(term?["kind"] as? String == "constraint")
        #expect((term?["pull"] as? Double).map { $0.isFinite } == true)
        #expect(run.stdout.contains("sindrum-i"))
    }
}
