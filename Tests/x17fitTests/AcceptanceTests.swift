import Foundation
import Testing
import _TestSupport

/// Issue 4 acceptance: the dg2023-vector fits reproduce D&G Table I (arXiv:2304.09877).
/// Tolerances are the issue's: mX within 0.01 MeV, |εp|, |εn| within 0.1e-3, Nσ within 0.1 — half a unit
/// of the last digit D&G print (mX to 0.01, ε to 0.1e-3, Nσ to 0.1), with 11 dof.
struct TableIRow: Sendable, CustomStringConvertible {
    let fit: String, mX: Double, epsP: Double, epsN: Double, nsigma: Double
    var description: String { fit }
}

let tableI = [
    TableIRow(fit: "dg2023-vector-none", mX: 16.84, epsP: 1.9e-3, epsN: 5.3e-3, nsigma: 3.7),
    TableIRow(fit: "dg2023-vector-mixing", mX: 16.85, epsP: 0.8e-3, epsN: 4.3e-3, nsigma: 4.6),
    TableIRow(fit: "dg2023-vector-mixing-breaking", mX: 16.85, epsP: 0.7e-3, epsN: 4.1e-3, nsigma: 5.0),
]

func fitResult(_ fit: String, root: URL, scratch: URL) throws -> [String: Any] {
    let out = scratch.appendingPathComponent("\(fit).json")
    let run = try BinaryRunner.run(["fit", root.appendingPathComponent("fits/\(fit).toml").path, "--minos", "--json", out.path],
                                   in: scratch)
    #expect(run.status == 0, "\(fit): \(run.stderr)")
    return try BinaryRunner.json(out)
}

func checkRow(_ r: [String: Any], _ row: TableIRow, massFixed: Bool) throws {
    let value = { (name: String) in parameter(r, name)?["value"] as? Double ?? .nan }
    #expect(abs(value("mX") - row.mX) <= (massFixed ? 1e-12 : 0.01), "\(row.fit) mX \(value("mX"))")
    #expect(abs(abs(value("eps_p")) - row.epsP) <= 0.1e-3, "\(row.fit) eps_p \(value("eps_p"))")
    #expect(abs(abs(value("eps_n")) - row.epsN) <= 0.1e-3, "\(row.fit) eps_n \(value("eps_n"))")
    let nsigma = r["nsigma"] as? Double ?? .nan
    #expect(abs(nsigma - row.nsigma) <= 0.1, "\(row.fit) Nσ \(nsigma)")
    #expect(r["ndof"] as? Int == 11)
    let minimum = r["minimum"] as? [String: Any] ?? [:]
    #expect(minimum["valid"] as? Bool == true)
    #expect(minimum["accurate_covariance"] as? Bool == true)
    for p in r["parameters"] as? [[String: Any]] ?? [] where p["fixed"] as? Bool == false {
        let minos = p["minos"] as? [String: Any]
        #expect(minos?["valid"] as? Bool == true, "\(row.fit) MINOS \(p["name"] ?? "")")
    }
    // D&G Table II follows: ε_u = (2ε_p − ε_n)/3, ε_d = (2ε_n − ε_p)/3 from the same result.
    let derived = r["derived"] as? [[String: Any]] ?? []
    let epsU = derived.first { $0["name"] as? String == "eps_u" }?["value"] as? Double ?? .nan
    #expect(isClose(epsU, (2 * value("eps_p") - value("eps_n")) / 3, rel: 1e-12))
}

@Suite(.serialized) struct AcceptanceTests {
    static let repoFits = BinaryRunner.packageRoot.appendingPathComponent("fits/dg2023-vector-none.toml")

    @Test(arguments: tableI)
    func fixturesReproduceTableI(_ row: TableIRow) throws {
        let scratch = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: scratch) }
        try checkRow(try fitResult(row.fit, root: scratch, scratch: scratch), row, massFixed: false)
    }

    @Test func fixedMassVariantAgreesWithTheFreeFit() throws {
        let scratch = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: scratch) }
        let fixed = try fitResult("dg2023-vector-none-fixedmass", root: scratch, scratch: scratch)
        try checkRow(fixed, tableI[0], massFixed: true)
        let free = try fitResult("dg2023-vector-none", root: scratch, scratch: scratch)
        // With mX pinned 0.001 MeV from the free optimum the couplings move by ≪ their 0.4e-3 errors.
        for name in ["eps_p", "eps_n"] {
            let a = parameter(fixed, name)?["value"] as? Double ?? .nan, b = parameter(free, name)?["value"] as? Double ?? .nan
            #expect(abs(a - b) < 0.05e-3, "\(name): fixed \(a) vs free \(b)")
        }
    }

    /// The repository's canonical fits/ and datasets/ (written on the physics branch); skipped until merged.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: repoFits.path)), arguments: tableI)
    func canonicalFitsReproduceTableI(_ row: TableIRow) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-acc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try checkRow(try fitResult(row.fit, root: BinaryRunner.packageRoot, scratch: scratch), row, massFixed: false)
        let fixed = try fitResult(row.fit + "-fixedmass", root: BinaryRunner.packageRoot, scratch: scratch)
        try checkRow(fixed, row, massFixed: true)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: repoFits.path)))
    func everyCanonicalFitConvergesWithMinos() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-rep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let json = scratch.appendingPathComponent("all.json")
        let fits = BinaryRunner.packageRoot.appendingPathComponent("fits").path
        let run = try BinaryRunner.run(["reproduce", "--fits", fits, "--out", scratch.path, "--json", json.path], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        let results = try BinaryRunner.json(json)["fits"] as? [[String: Any]] ?? []
        // Every spec in fits/ runs except the axial and mixed ones with a ⁴He row, whose ⁴He(21.01) inputs are not
        // available (reproduce lists them as such).
        let specs = try FileManager.default.contentsOfDirectory(atPath: fits).filter { $0.hasSuffix(".toml") }
        let unavailable = specs.filter { ($0.hasPrefix("axial-") || $0.hasPrefix("mixed-")) && $0.contains("-he") }
        #expect(results.count == specs.count - unavailable.count && results.count >= 24, "\(results.count) results for \(specs.count) specs")
        let listed = run.stdout.split(separator: "\n").first { $0.hasPrefix("not available: ") } ?? ""
        #expect(Set(listed.dropFirst("not available: ".count).components(separatedBy: ", ")) == Set(unavailable), "\(listed)")
        for r in results {
            checkResultSchema(r)
            let minimum = r["minimum"] as? [String: Any] ?? [:]
            #expect(minimum["valid"] as? Bool == true, "\(r["fit"] ?? "")")
            #expect(minimum["accurate_covariance"] as? Bool == true, "\(r["fit"] ?? "")")
            for p in r["parameters"] as? [[String: Any]] ?? [] where p["fixed"] as? Bool == false {
                #expect((p["minos"] as? [String: Any])?["valid"] as? Bool == true, "\(r["fit"] ?? "") MINOS \(p["name"] ?? "")")
            }
        }
    }
}
