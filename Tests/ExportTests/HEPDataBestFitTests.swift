import Foundation
import Statistics
import Testing
import Yams
@testable import Export

/// HEPData's best-fit table, resources and rounding.
@Suite struct HEPDataBestFitTests {
    static func metadataWithSummary() -> ExportMetadata {
        var m = Fixture.metadata()
        m.fitSummary = FitSummary(
            parameters: [
                .init(name: "mX", value: 16.841401327127393, error: 0.0401508, minosLower: -0.04010593168761254,
                      minosUpper: 0.04023552324591605, unit: "MeV"),
                .init(name: "eps_n", value: 0.005307922580583272, error: 0.000404, minosLower: -0.0004227041066103278,
                      minosUpper: 0.00038886613371088685),
                .init(name: "eps_p", value: 0.0018767650159441315, error: 0.000393),
                .init(name: "BR_ee", value: 1, error: 0, fixed: true),
            ],
            chi2: 35.6640372059747, ndof: 11, pValue: 0.00019243351620886525, nSigma: 3.7287479376210895,
            resources: [
                .init(description: "Code: x17fit 0.1.0-test at git revision abc1234", location: "x17fit-revision.txt",
                      contents: "x17fit 0.1.0-test, git revision abc1234\n"),
                .init(description: "Fit specification fits/test.toml", location: "test.toml", contents: "name = \"test\"\n"),
            ])
        return m
    }

    @Test func bestFitTableHasMinosIntervalsUnitsAndRoundedValues() throws {
        let files = try hepdataSubmission([GridExport(grid: Fixture.twoIslandGrid(), contours: Fixture.twoIslandContours())],
                                          metadata: Self.metadataWithSummary())
        #expect(Array(files.map(\.path).prefix(4)) == ["submission.yaml", "x17fit-revision.txt", "test.toml", "best_fit.yaml"])
        let docs = Array(try Yams.load_all(yaml: String(decoding: files[0].contents, as: UTF8.self)))
        let first = try #require(docs[0] as? [String: Any])
        let resources = try #require(first["additional_resources"] as? [[String: Any]])
        #expect(resources.map { $0["location"] as? String } == ["x17fit-revision.txt", "test.toml"])
        #expect((resources[0]["description"] as? String)?.contains("abc1234") == true)
        #expect((docs[1] as? [String: Any])?["name"] as? String == "Best fit and MINOS intervals")

        let table = try #require(try Yams.load(yaml: String(decoding: files[3].contents, as: UTF8.self)) as? [String: Any])
        let dep = try #require(table["dependent_variables"] as? [[String: Any]])
        #expect(dep.count == 3)  // the fixed BR_ee is a qualifier, not a column
        let headers = dep.compactMap { $0["header"] as? [String: Any] }
        #expect(headers.map { $0["name"] as? String } == ["$m_X$", "$\\varepsilon_n$", "$\\varepsilon_p$"])
        #expect(headers[0]["units"] as? String == "MeV")
        func value(_ k: Int) throws -> [String: Any] { try #require((dep[k]["values"] as? [[String: Any]])?.first) }
        let mX = try value(0)
        #expect(mX["value"] as? Double == 16.841)
        let err = try #require((mX["errors"] as? [[String: Any]])?.first)
        #expect(err["label"] as? String == "MINOS")
        let asym = try #require(err["asymerror"] as? [String: Any])
        #expect(asym["minus"] as? Double == -0.040 && asym["plus"] as? Double == 0.040)
        let epsN = try value(1)
        #expect(epsN["value"] as? Double == 0.00531)
        let epsNErr = try #require(((epsN["errors"] as? [[String: Any]])?.first)?["asymerror"] as? [String: Any])
        #expect(epsNErr["minus"] as? Double == -0.00042 && epsNErr["plus"] as? Double == 0.00039)
        // Without MINOS: HESSE's symmetric error.
        let epsP = try value(2)
        #expect(((epsP["errors"] as? [[String: Any]])?.first)?["symerror"] as? Double == 0.00039)
        let quals = try #require(dep[0]["qualifiers"] as? [[String: Any]])
        #expect(quals.contains { $0["name"] as? String == "CHI2" && $0["value"] as? Double == 35.664 })
        #expect(quals.contains { $0["name"] as? String == "NDF" && $0["value"] as? Double == 11 })
        #expect(quals.contains { ($0["name"] as? String)?.contains("(fixed)") == true })
    }

    @Test func roundingHelpers() {
        #expect(roundedSignificant(0.0016000000000000003, digits: 10) == 0.0016)
        #expect(roundedAtDecimal(16.8414, 3) == 16.841)
        #expect(decimalsForError(0.0402) == 3 && decimalsForError(0.00039) == 5)
        #expect(roundedAtDecimal(1234.5, -2) == 1200)
    }
}
