import Foundation
import Statistics
import Testing
@testable import Export

/// The pgfplots snippet compiles with pdflatex at a paper-size grid (201×201).
@Suite struct PDFLaTeXTests {
    /// The two-island Gaussian plus a far-off ridge crossing the frame, on nx × ny points.
    static func bigGrid(_ n: Int) -> ProfileGrid {
        var g = Fixture.twoIslandGrid(nx: n, ny: n)
        for k in g.points.indices {
            let x = g.x.values[k % n], y = g.y!.values[k / n]
            g.points[k].chi2 = min(g.points[k].chi2, g.chi2Min + 1 + pow((x + y - 9e-3) / 1e-3, 2))
        }
        return g
    }

    @Test func pgfplotsSnippetCompilesAt201x201() throws {
        guard (try? HEPDataValidator().run(arguments: ["pdflatex", "--version"]).status) == 0 else {
            print("SKIPPED pgfplotsSnippetCompilesAt201x201: pdflatex not installed (apt-get install texlive-latex-base texlive-latex-recommended texlive-pictures)")
            return
        }
        let grid = Self.bigGrid(201)
        let levels = Fixture.levels2D
        let contours = try grid.contours(levels: levels.map(\.deltaChi2), cl: levels.map(\.cl))
        #expect(contours.contains { !$0.closed })
        var metadata = Fixture.metadata()
        metadata.mirroredParameters = ["eps_n", "eps_p"]
        let files = try bundleFiles([GridExport(grid: grid, contours: contours)], metadata: metadata, formats: [.pgf])
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in files { try f.contents.write(to: dir.appendingPathComponent(f.path)) }
        // `standalone` is in texlive-latex-extra; the basic packages have `article`.
        let hasStandalone = (try? HEPDataValidator().run(arguments: ["kpsewhich", "standalone.cls"]).status) == 0
        let doc = (hasStandalone ? "\\documentclass{standalone}" : "\\documentclass{article}\\pagestyle{empty}")
            + "\\usepackage{pgfplots}\\pgfplotsset{compat=1.18}\\begin{document}\\input{profile_eps_n_eps_p.tex}\\end{document}\n"
        try doc.write(to: dir.appendingPathComponent("doc.tex"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["timeout", "120", "pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        let start = Date()
        try p.run()
        let log = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        print("pdflatex on the 201×201 snippet: \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        #expect(p.terminationStatus == 0, "pdflatex: \(log.suffix(1500))")
        #expect(!log.contains("TeX capacity exceeded"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("doc.pdf").path))
    }
}
