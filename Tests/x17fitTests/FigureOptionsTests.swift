import Foundation
import Testing
import _TestSupport

/// `--title` and `--label` on `profile`, and what `export` adds to its HEPData record.
@Suite(.serialized) struct FigureOptionsTests {
    @Test func titleAndLabelsReachEveryFigure() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["profile", "fits/dg2023-vector-none.toml", "--x", "eps_n:-0.008:0.008:9",
                                        "--y", "eps_p:-0.004:0.004:7", "--format", "svg,pgf,py", "--out", "t", "--threads", "2",
                                        "--title", "Fig. 2 (ours)", "--label", "eps_n=ε_{neutron}",
                                        "--label", "eps_p=$\\epsilon_p$"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let out = tree.appendingPathComponent("t")
        let svg = try String(contentsOf: out.appendingPathComponent("profile_eps_n_eps_p.svg"), encoding: .utf8)
        #expect(svg.contains("<title>Fig. 2 (ours)</title>"))
        #expect(svg.contains("neutron</tspan>"))
        #expect(svg.contains("id=\"mirror-fit\""))
        #expect(svg.contains("reproduction device"), "the ⁴He device is stated in the caption")
        let tex = try String(contentsOf: out.appendingPathComponent("profile_eps_n_eps_p.tex"), encoding: .utf8)
        #expect(tex.contains("title={Fig. 2 (ours)}") && tex.contains("ylabel={$\\epsilon_p$ $\\times 10^{3}$}"))
        #expect(tex.contains("xlabel={$\\varepsilon_{neutron}$ $\\times 10^{3}$}"))

        let bad = try BinaryRunner.run(["profile", "fits/dg2023-vector-none.toml", "--x", "eps_n", "--label", "eps_n",
                                        "--out", "u"], in: tree)
        #expect(bad.status == 2 && bad.stderr.contains("--label"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tree.appendingPathComponent("u").path))
    }

    @Test func exportRecordHasBestFitTableAndResources() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let specURL = tree.appendingPathComponent("fits/dg2023-vector-none.toml")
        let text = try String(contentsOf: specURL, encoding: .utf8).replacingOccurrences(of: ":101\"", with: ":7\"")
            .replacingOccurrences(of: "x = \"mX:16.6:17.1:201\"", with: "x = \"mX:16.6:17.1:9\"")
        try text.write(to: specURL, atomically: true, encoding: .utf8)
        let run = try BinaryRunner.run(["export", "fits/dg2023-vector-none.toml", "--format", "hepdata", "--out", "h",
                                        "--threads", "2"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let dir = tree.appendingPathComponent("h/hepdata")
        let best = try String(contentsOf: dir.appendingPathComponent("best_fit.yaml"), encoding: .utf8)
        #expect(best.contains("label: 'MINOS'") && best.contains("units: 'MeV'") && best.contains("asymerror:"))
        let spec = try String(contentsOf: dir.appendingPathComponent("dg2023-vector-none.toml"), encoding: .utf8)
        #expect(spec == text)
        let submission = try String(contentsOf: dir.appendingPathComponent("submission.yaml"), encoding: .utf8)
        #expect(submission.contains("additional_resources:") && submission.contains("location: 'x17fit-revision.txt'"))
        if let (code, output) = try hepdataValidate(dir) {
            #expect(code == 0 && output.contains("is valid"), "hepdata-validate: \(output)")
        } else {
            print("SKIPPED hepdata-validate of the export record: hepdata-validator not installed (pip install hepdata-validator)")
        }
    }
}
