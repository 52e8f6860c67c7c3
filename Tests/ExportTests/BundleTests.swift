import FileSafety
import Foundation
import Statistics
import Testing
@testable import Export

/// Writes a bundle the way the CLI does: as an output folder, replacing an earlier one.
@discardableResult
func writeBundle(_ exports: [GridExport], metadata: ExportMetadata, formats: Set<ExportFormat>, to url: URL) throws -> [URL] {
    let folder = OutputFolder(path: url.path, kind: .profile, force: true, generator: "x17fit test")
    return try folder.write(try bundleFiles(exports, metadata: metadata, formats: formats)).files
}

@Suite struct BundleTests {
    let fm = FileManager.default

    @Test func bundleWritesEveryFormatAndIsByteIdenticalTwice() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? fm.removeItem(at: dir) }
        let exports = [GridExport(grid: Fixture.twoIslandGrid(), contours: Fixture.twoIslandContours())]
        let meta = Fixture.metadata()
        let a = try bundleFiles(exports, metadata: meta, formats: Set(ExportFormat.allCases))
        let b = try bundleFiles(exports, metadata: meta, formats: Set(ExportFormat.allCases))
        #expect(a == b)
        let s = "profile_eps_n_eps_p"
        #expect(a.map(\.path) == ["hepdata/\(s).yaml"] + (0..<6).map { "hepdata/\(s)_contour_\($0).yaml" }
            + ["hepdata/submission.yaml", "plot_\(s).py", "\(s).csv", "\(s).dat", "\(s).gp", "\(s).json", "\(s).svg",
               "\(s).tex", "\(s)_contours.csv", "\(s)_contours.dat"])

        let out = dir.appendingPathComponent("fit")
        let written = try writeBundle(exports, metadata: meta, formats: [.csv, .svg], to: out)
        #expect(written.map(\.lastPathComponent) == ["\(s).csv", "\(s).svg", "\(s)_contours.csv"])
        for (url, file) in zip(written, a.filter { ["\(s).csv", "\(s).svg", "\(s)_contours.csv"].contains($0.path) }) {
            #expect(try Data(contentsOf: url) == file.contents)
        }
        // Re-exporting replaces the folder: files of the old export that are not asked for are gone.
        try writeBundle([GridExport(grid: exports[0].grid)], metadata: meta, formats: [.json], to: out)
        #expect(try fm.contentsOfDirectory(atPath: out.path).sorted() == [".x17fit-output.json", "\(s).json"])
        #expect(try fm.contentsOfDirectory(atPath: dir.path) == ["fit"])
    }

    @Test func csvOnlyWhenPythonScriptAsked() throws {
        let files = try bundleFiles([GridExport(grid: Fixture.profile1D())], metadata: Fixture.metadata(levels: Fixture.levels1D),
                                    formats: [.py])
        #expect(files.map(\.path) == ["plot_profile_mX.py", "profile_mX.csv"])
    }

    @Test func matplotlibScriptRunsWhenAvailable() throws {
        guard (try? HEPDataValidator().run(arguments: ["python3", "-c", "import matplotlib, numpy"]).status) == 0 else {
            print("SKIPPED matplotlibScriptRunsWhenAvailable: python3 with matplotlib and numpy not available")
            return
        }
        let dir = try Fixture.temporaryDirectory()
        defer { try? fm.removeItem(at: dir) }
        let out = dir.appendingPathComponent("b")
        try writeBundle([GridExport(grid: Fixture.twoIslandGrid(), contours: Fixture.twoIslandContours())],
                         metadata: Fixture.metadata(), formats: [.py], to: out)
        let png = dir.appendingPathComponent("fig.png")
        let r = try HEPDataValidator().run(arguments: ["python3", out.appendingPathComponent("plot_profile_eps_n_eps_p.py").path, png.path])
        #expect(r.status == 0, "\(r.output)")
        #expect(((try? fm.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0) > 10_000)
    }

    @Test func gnuplotScriptRunsWhenAvailable() throws {
        guard (try? HEPDataValidator().run(arguments: ["gnuplot", "--version"]).status) == 0 else {
            print("SKIPPED gnuplotScriptRunsWhenAvailable: gnuplot not installed")
            return
        }
        let dir = try Fixture.temporaryDirectory()
        defer { try? fm.removeItem(at: dir) }
        let out = dir.appendingPathComponent("g")
        try writeBundle([GridExport(grid: Fixture.twoIslandGrid(), contours: Fixture.twoIslandContours()),
                          GridExport(grid: Fixture.profile1D(), levels: Fixture.levels1D)],
                         metadata: Fixture.metadata(), formats: [.gnuplot], to: out)
        for stem in ["profile_eps_n_eps_p", "profile_mX"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["gnuplot", "\(stem).gp"]
            p.currentDirectoryURL = out
            let err = Pipe()
            p.standardError = err
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0 && message.isEmpty, "\(stem).gp: \(message)")
            let svg = try String(contentsOf: out.appendingPathComponent("\(stem)_gnuplot.svg"), encoding: .utf8)
            #expect(svg.contains("</svg>"))
        }
    }
}
