import Foundation
import Statistics
import Testing
@testable import Export
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What the figures say besides the grid: labels on lines, mirror solution, caption, title, curve method.
@Suite struct FigureTests {
    func svgRoot(_ svg: String) throws -> XMLElement {
        try #require(try XMLDocument(data: Data(svg.utf8), options: []).rootElement())
    }

    func nodes(_ root: XMLElement, _ xpath: String) throws -> [XMLElement] {
        try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    func attr(_ e: XMLElement, _ name: String) -> String? { e.attributes?.first { $0.name == name }?.stringValue }

    static func metadata(mirrored: [String] = ["eps_n", "eps_p"]) -> ExportMetadata {
        var m = Fixture.metadata()
        m.mirroredParameters = mirrored
        m.conventions.append(MetadataEntry("he_note", "the 4He datum is compared with Gamma_X in eV: a reproduction device of Denton & Gehrlein 2023, not a physical ratio"))
        return m
    }

    @Test func contourLinesCarryTheirLevelLabels() throws {
        let root = try svgRoot(try contourFigureSVG(grid: Fixture.twoIslandGrid(), contours: Fixture.twoIslandContours(),
                                                    metadata: Self.metadata()))
        let labels = try nodes(root, "//*[@id='contour-labels']/*[local-name()='text']").map { $0.stringValue ?? "" }
        // Six closed curves (three levels, two islands), each labelled once.
        #expect(labels.sorted() == ["1σ", "1σ", "2σ", "2σ", "3σ", "3σ"])
        let g = try #require(try nodes(root, "//*[@id='contour-labels']").first)
        #expect(attr(g, "paint-order") == "stroke" && attr(g, "stroke") == "#ffffff")
    }

    @Test func mirrorSolutionIsMarkedOnlyWhenItIsOnTheGrid() throws {
        let grid = Fixture.twoIslandGrid()
        #expect(mirrorPoint(grid: grid, metadata: Self.metadata()) == [-3e-3, -3e-3])
        let root = try svgRoot(try contourFigureSVG(grid: grid, contours: Fixture.twoIslandContours(), metadata: Self.metadata()))
        let star = try #require(try nodes(root, "//*[@id='mirror-fit']").first)
        #expect(attr(star, "fill") == "#ffffff")
        #expect(try nodes(root, "//*[@id='legend']").first?.stringValue?.contains("mirror (ε") == true)
        // No sign degeneracy declared: no mirror.
        #expect(mirrorPoint(grid: grid, metadata: Self.metadata(mirrored: [])) == nil)
        let plain = try svgRoot(try contourFigureSVG(grid: grid, contours: Fixture.twoIslandContours(), metadata: Self.metadata(mirrored: [])))
        #expect(try nodes(plain, "//*[@id='mirror-fit']").isEmpty)
        // Only one island on the grid: the mirror image is not a solution there.
        var one = grid
        one.points = grid.points.enumerated().map { k, p in
            let (x, y) = (grid.x.values[k % grid.nx], grid.y!.values[k / grid.nx])
            var q = p
            q.chi2 = grid.chi2Min + Fixture.gaussianQ(x - 3e-3, y - 3e-3, sx: Fixture.sx, sy: Fixture.sy, rho: Fixture.rho)
            return q
        }
        #expect(mirrorPoint(grid: one, metadata: Self.metadata()) == nil)
    }

    @Test func captionStatesEveryConventionAndTheTitleIsSettable() throws {
        var m = Self.metadata()
        m.title = "My title & more"
        let svg = try contourFigureSVG(grid: Fixture.twoIslandGrid(), contours: Fixture.twoIslandContours(), metadata: m)
        let root = try svgRoot(svg)
        #expect(try nodes(root, "//*[@id='title']").first?.stringValue == "My title & more")
        let caption = try #require(try nodes(root, "//*[@id='caption']").first?.stringValue)
        let flat = caption.replacingOccurrences(of: "\n", with: " ")
        for c in m.conventions { #expect(flat.contains(c.key), "caption lacks \(c.key)") }
        #expect(flat.contains("reproduction device"))
        #expect(flat.contains("Fit test-vector-none"))
        // The figure grows to hold the caption.
        let height = try #require(Double(attr(root, "height") ?? ""))
        #expect(height > SVGFrame.baseHeight)
        let sentences = figureCaption(grid: Fixture.twoIslandGrid(), metadata: m)
        #expect(sentences.contains { $0.hasPrefix("he_note: the 4He datum") })
    }

    @Test func curveMethodIsDrawnApartAndInTheLegend() throws {
        var contours = Fixture.twoIslandContours()
        let e = Fixture.ellipse(cx: 3e-3, cy: 3e-3, sx: Fixture.sx, sy: Fixture.sy, rho: Fixture.rho, level: Fixture.levels2D[0].deltaChi2)
        contours.append(ContourLine(level: Fixture.levels2D[0].deltaChi2, cl: nil, x: e.x, y: e.y, closed: true, method: "curve"))
        let root = try svgRoot(try contourFigureSVG(grid: Fixture.twoIslandGrid(), contours: contours, metadata: Self.metadata()))
        let group = try #require(try nodes(root, "//*[@id='curve-method']").first)
        #expect(attr(group, "stroke") == curveMethodColor.hex && attr(group, "stroke-dasharray") != nil)
        #expect(try nodes(root, "//*[@id='curve-method']/*[local-name()='path']").count == 1)
        #expect(try nodes(root, "//*[@id='contours']/*[local-name()='path']").count == 6)
        #expect(try nodes(root, "//*[@id='legend']").first?.stringValue?.contains(curveMethodLegend) == true)
        // pgfplots, gnuplot and matplotlib draw it apart too.
        let tex = try pgfplotsSnippet(grid: Fixture.twoIslandGrid(), contours: contours, metadata: Self.metadata(), dataFile: "g.dat")
        #expect(tex.contains("\\addlegendentry{\(curveMethodLegend)}") && tex.contains("\\addplot[x17curve"))
        let gp = try gnuplotScript(grid: Fixture.twoIslandGrid(), contours: contours, metadata: Self.metadata(),
                                   dataFile: "g.dat", script: "s.gp", output: "o.svg")
        #expect(gp.contains("title '\(curveMethodLegend)'"))
        let py = try matplotlibScript(grid: Fixture.twoIslandGrid(), metadata: Self.metadata(), csvFile: "g.csv", contourCSVFile: "c.csv")
        #expect(py.contains("method == \"curve\"") && py.contains("MIRROR = (-0.003, -0.003)"))
    }

    @Test func everyDashPatternIsMostlyInk() {
        for k in 0..<4 {
            guard let p = dashPattern(k) else { continue }
            let v = p.split(separator: ",").compactMap { Double($0) }
            let ink = stride(from: 0, to: v.count, by: 2).map { v[$0] }.reduce(0, +)
            #expect(ink >= v.reduce(0, +) / 2, "pattern \(p)")
        }
    }

    @Test func labelsConvertBetweenMarkupAndLaTeX() {
        #expect(latexFromMarkup("ε_{n}") == "$\\varepsilon_{n}$")
        #expect(latexFromMarkup("m_{X17} of X") == "m$_{X17}$ of X")
        #expect(markupFromLatex("$\\varepsilon_n$") == "ε_{n}")
        #expect(markupFromLatex("$m_{\\mathrm{X}}$") == "m_{X}")
        let a = AxisLabel(name: "eps_n", text: "$\\epsilon$", base: AxisLabel(name: "eps_n", unit: "u", scaleExponent: 3))
        #expect(a.latex == "$\\epsilon$" && a.unit == "u" && a.scaleExponent == 3)
        let b = AxisLabel(name: "mX", text: "m_{X}")
        #expect(b.svg == "m_{X}" && b.latex == "m$_{X}$")
    }

    @Test func figuresAreDeterministic() throws {
        let grid = RegionTests.annulusGrid()
        let contours = try grid.contours(levels: Fixture.levels2D.map(\.deltaChi2))
        let a = try bundleFiles([GridExport(grid: grid, contours: contours)], metadata: Self.metadata(), formats: [.svg, .pgf, .gnuplot, .py])
        let b = try bundleFiles([GridExport(grid: grid, contours: contours)], metadata: Self.metadata(), formats: [.svg, .pgf, .gnuplot, .py])
        #expect(a == b)
    }
}
