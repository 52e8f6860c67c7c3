import Foundation
import Statistics
import Testing
import _TestSupport
@testable import Export

@Suite struct TextFormatTests {
    @Test func sigmaLevelsMatchScipy() throws {
        // scipy 1.17.1: chi2.ppf(erf(k/sqrt(2)), 2) = 2.295748928898636, 6.180074306244173, 11.829158081900795;
        // erf(k/sqrt(2)) = 0.6826894921370859, 0.9544997361036416, 0.9973002039367398. The closed forms are
        // evaluated with libm erf/erfc/log, so agreement to a few ulp (1e-13 relative) is expected.
        let two = try ConfidenceLevel.standard(parameters: 2)
        for (level, ref) in zip(two, [2.295748928898636, 6.180074306244173, 11.829158081900795]) {
            #expect(isClose(level.deltaChi2, ref, rel: 1e-13))
        }
        for (level, ref) in zip(two, [0.6826894921370859, 0.9544997361036416, 0.9973002039367398]) {
            #expect(isClose(level.cl, ref, rel: 1e-13))
        }
        #expect(try ConfidenceLevel.standard(parameters: 1).map(\.deltaChi2) == [1, 4, 9])
        #expect(throws: ExportError.self) { try ConfidenceLevel.sigma(1, parameters: 3) }
    }

    @Test func exactFormattingRoundTripsAndAlwaysHasADot() {
        for v in [0.0053, 1e-5, -2.5e-17, 1e20, 123456.789, 0.1 + 0.2, -0.0] {
            let s = formatExact(v)
            #expect(Double(s) == v, "\(s)")
            if s.contains("e") { #expect(s.split(separator: "e")[0].contains(".")) }
        }
        #expect(formatExact(1e-5) == "1.0e-05")
        #expect(formatFixed(-0.0001, 2) == "0.00")
    }

    @Test func csvHasOneRowPerPointAndRoundTrips() throws {
        let grid = Fixture.twoIslandGrid()
        let csv = try gridCSV(grid: grid, metadata: Fixture.metadata())
        let rows = dataRows(csv)
        #expect(rows.count == grid.nx * grid.ny + 1)
        #expect(rows[0] == ["eps_n", "eps_p", "chi2", "delta_chi2", "status", "mX", "nfcn"])
        for (k, row) in rows.dropFirst().enumerated() {
            let i = k % grid.nx, j = k / grid.nx
            let p = grid.point(i, j)
            #expect(Double(row[0]) == grid.x.values[i])
            #expect(Double(row[1]) == grid.y!.values[j])
            #expect(Double(row[2]) == p.chi2)
            #expect(Double(row[3]) == p.chi2 - grid.chi2Min)
            #expect(row[4] == p.status.rawValue)
            #expect(Double(row[5]) == p.profiledValues[0])
            #expect(Int(row[6]) == p.nfcn)
        }
        let header = csv.split(separator: "\n").filter { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) }
        for key in ["fit: test-vector-none", "data: ", "convention: hypothesis=vector", "convention: isospin=none",
                    "kind: profiled", "profiled: mX", "chi2_min: 10.5", "levels: 2.29574892889863",
                    "order: y-major", "generator: x17fit 0.1.0-test", "git: abc1234", "best_fit: eps_n=0.003,eps_p=0.003,mX=16.83,BR_ee=1.0"] {
            #expect(header.contains { $0.hasPrefix(key) }, "missing header \(key)")
        }
    }

    @Test func csvWritesNonFiniteAsEmptyField() throws {
        let grid = Fixture.twoIslandGrid(failedIndex: 4, nanIndex: 4)
        let rows = dataRows(try gridCSV(grid: grid, metadata: Fixture.metadata()))
        #expect(rows[5][2] == "" && rows[5][3] == "" && rows[5][4] == "failed")
        #expect(!rows.joined().contains { $0 == "nan" || $0 == "inf" })
    }

    @Test func contourCSVHasOneRowPerVertex() throws {
        let grid = Fixture.twoIslandGrid()
        var contours = Fixture.twoIslandContours()
        // An open curve and a closed one that does not repeat its first point (the writer adds it).
        contours.append(ContourLine(level: 2.3, cl: nil, x: [0, 1e-3, 2e-3], y: [0, 0, 1e-3], closed: false, method: "curve"))
        contours.append(ContourLine(level: 2.3, cl: nil, x: [0, 1e-3, 0], y: [0, 0, 1e-3], closed: true, method: "curve"))
        let rows = dataRows(try contourCSV(contours: contours, grid: grid, metadata: Fixture.metadata()))
        #expect(rows[0] == ["eps_n", "eps_p", "level", "cl", "segment_id", "method"])
        #expect(rows.count - 1 == 6 * 49 + 3 + 4)
        let last = rows.suffix(4)
        #expect(last.first![0] == last.last![0] && last.first![1] == last.last![1])
        #expect(Set(rows.dropFirst().map { $0[4] }).count == contours.count)
        #expect(rows[1][3] == formatExact(Fixture.levels2D[0].cl))
    }

    @Test func datHasABlankLineAfterEachScanLine() throws {
        let grid = Fixture.twoIslandGrid()
        let text = try gridDat(grid: grid, metadata: Fixture.metadata())
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        // The file ends with "\n", so splitting leaves one trailing empty piece after the last blank line.
        let lines = Array(body.dropLast())
        #expect(lines.filter(\.isEmpty).count == grid.ny)
        var blocks: [[Substring]] = [[]]
        for l in lines { if l.isEmpty { blocks.append([]) } else { blocks[blocks.count - 1].append(l) } }
        blocks.removeLast()
        #expect(blocks.count == grid.ny && blocks.allSatisfy { $0.count == grid.nx })
        for (j, block) in blocks.enumerated() {
            for (i, line) in block.enumerated() {
                let f = line.split(separator: " ").map(String.init)
                #expect(Double(f[0]) == grid.x.values[i] && Double(f[1]) == grid.y!.values[j])
                let d = grid.point(i, j).chi2 - grid.chi2Min
                #expect(Double(f[2]) == d)
                let expected = (Fixture.levels2D.firstIndex { d <= $0.deltaChi2 } ?? 3) + 1
                #expect(Int(f[3]) == expected)
            }
        }
    }

    @Test func contourDatSeparatesSegmentsWithBlankLines() throws {
        let grid = Fixture.twoIslandGrid()
        let contours = Fixture.twoIslandContours()
        let text = try contourDat(contours: contours, grid: grid, metadata: Fixture.metadata())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.dropLast()
        #expect(lines.filter(\.isEmpty).count == contours.count)
        #expect(lines.filter { !$0.isEmpty }.count == contours.reduce(0) { $0 + $1.x.count })
        let first = lines.first!.split(separator: " ")
        #expect(Double(String(first[2])) == contours[0].level)
    }

    @Test func oneDimensionalCSVAndDatHaveNoYColumn() throws {
        let grid = Fixture.profile1D()
        let meta = Fixture.metadata(levels: Fixture.levels1D)
        let rows = dataRows(try gridCSV(grid: grid, metadata: meta))
        #expect(rows[0] == ["mX", "chi2", "delta_chi2", "status", "eps_n", "eps_p", "nfcn"])
        #expect(rows.count == 42)
        let dat = try gridDat(grid: grid, metadata: meta)
        let lines = dat.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.dropLast()
        #expect(lines.count == 41 && !lines.contains { $0.isEmpty })
    }

    @Test func pgfplotsDrawsPolygonsNotCells() throws {
        let grid = Fixture.twoIslandGrid()
        let tex = try pgfplotsSnippet(grid: grid, contours: Fixture.twoIslandContours(), metadata: Fixture.metadata(), dataFile: "g.dat")
        #expect(!tex.contains("matrix plot") && !tex.contains("surf") && !tex.contains("contour prepared"))
        // Six region polygons (three levels, two islands) filled, six contour lines drawn.
        #expect(tex.components(separatedBy: "draw=none, forget plot] coordinates").count - 1 == 6)
        #expect(tex.components(separatedBy: "\\addplot[black, thick").count - 1 == 6)
        #expect(tex.contains("xlabel={$\\varepsilon_n$ $\\times 10^{3}$}"))
        // The scale is in the label; pgfplots' own scale label (which collided with the title) is off.
        #expect(tex.contains("scaled x ticks=base 10:3, xtick scale label code/.code={}"))
        #expect(tex.contains("title={Test: vector X, no isospin breaking}"))
        #expect(tex.contains("\\node[below right, text width=12cm") && tex.contains("he\\_convention: dg2023"))
        #expect(tex.contains("\\node[fill=white") && tex.contains("{1$\\sigma$}"))
        #expect(tex.components(separatedBy: "\\addlegendentry").count - 1 == 4)
        #expect(tex.components(separatedBy: "\\begin{").count == tex.components(separatedBy: "\\end{").count)
        let oneD = try pgfplotsSnippet(grid: Fixture.profile1D(), metadata: Fixture.metadata(levels: Fixture.levels1D), dataFile: "p.dat")
        #expect(oneD.contains("{p.dat}"))
    }

    @Test func gnuplotHeaderNamesTheScriptAndItsOutput() throws {
        let grid = Fixture.twoIslandGrid()
        let gp = try gnuplotScript(grid: grid, contours: Fixture.twoIslandContours(), metadata: Fixture.metadata(),
                                   dataFile: "g.dat", script: "s.gp", output: "o.svg")
        #expect(gp.hasPrefix("# gnuplot script written by x17fit; run: gnuplot s.gp  (writes o.svg)\n"))
        #expect(gp.contains("set output 'o.svg'"))
        #expect(gp.contains("$region0 << EOD") && gp.contains("with filledcurves closed"))
        #expect(gp.contains("$contour5 using ($1*1e3):($2*1e3) with lines"))
        #expect(gp.contains("$bestfit using ($1*1e3):($2*1e3) with points"))
        #expect(gp.contains("noenhanced") && gp.contains("he_convention: dg2023"))
        let files = try bundleFiles([GridExport(grid: grid, contours: Fixture.twoIslandContours())], metadata: Fixture.metadata(),
                                    formats: [.gnuplot])
        let script = try #require(files.first { $0.path.hasSuffix(".gp") })
        let text = String(decoding: script.contents, as: UTF8.self)
        #expect(text.hasPrefix("# gnuplot script written by x17fit; run: gnuplot \(script.path)  (writes profile_eps_n_eps_p_gnuplot.svg)"))
        // Every data file a script reads is in the bundle.
        let names = Set(files.map(\.path))
        for line in text.split(separator: "\n") where line.contains("'") && line.contains(".dat'") {
            let name = line.split(separator: "'")[1]
            #expect(names.contains(String(name)), "\(name)")
        }
    }

    @Test func invalidInputsThrowErrorsNamingTheQuantity() throws {
        let meta = Fixture.metadata()
        var g = Fixture.twoIslandGrid()
        g.points.removeLast()
        #expect(throws: ExportError.invalidInput(quantity: "grid points", reason: "expected nx·ny = 357, got 356")) {
            try gridCSV(grid: g, metadata: meta)
        }
        g = Fixture.twoIslandGrid()
        g.x.values[3] = g.x.values[2]
        #expect(throws: ExportError.invalidInput(quantity: "x axis 'eps_n'", reason: "values must increase strictly (index 3)")) {
            try gridCSV(grid: g, metadata: meta)
        }
        g = Fixture.twoIslandGrid()
        g.chi2Min = .nan
        #expect(throws: ExportError.nonFinite(quantity: "χ²_min")) { try gridJSON(grid: g, contours: [], metadata: meta) }
        var badLevels = meta
        badLevels.levels[0].deltaChi2 = 0
        #expect(throws: ExportError.self) { try gridCSV(grid: Fixture.twoIslandGrid(), metadata: badLevels) }
        let bad = ContourLine(level: 2.3, cl: nil, x: [0, 1], y: [0], closed: false, method: "grid")
        #expect(throws: ExportError.invalidInput(quantity: "contour 0", reason: "x has 2 points, y has 1")) {
            try contourCSV(contours: [bad], grid: Fixture.twoIslandGrid(), metadata: meta)
        }
        g = Fixture.twoIslandGrid()
        g.profiledParameters = ["eps_n"]
        #expect(throws: ExportError.self) { try gridCSV(grid: g, metadata: meta) }
        #expect(throws: ExportError.self) { try ExportFormat.parseList("csv,pdf") }
        #expect(try ExportFormat.parseList("csv, JSON") == [.csv, .json])
    }
}
