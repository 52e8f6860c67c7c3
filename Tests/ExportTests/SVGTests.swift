import Foundation
import Statistics
import Testing
@testable import Export
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct SVGTests {
    /// Parses `svg` with FoundationXML and returns the root element.
    func parse(_ svg: String) throws -> XMLElement {
        let doc = try XMLDocument(data: Data(svg.utf8), options: [])
        return try #require(doc.rootElement())
    }

    /// Attribute value (FoundationXML's `attribute(forName:)` misses attributes of namespaced elements).
    func attr(_ e: XMLElement, _ name: String) -> String? {
        e.attributes?.first { $0.name == name }?.stringValue
    }

    func elements(_ root: XMLElement, _ xpath: String) throws -> [XMLElement] {
        try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    @Test func contourFigureIsWellFormedWithPathsMarkerAndLegend() throws {
        let grid = Fixture.twoIslandGrid(failedIndex: 10, nanIndex: 11)
        let contours = Fixture.twoIslandContours()
        let svg = try contourFigureSVG(grid: grid, contours: contours, metadata: Fixture.metadata())
        let root = try parse(svg)
        #expect(root.name == "svg")
        let paths = try elements(root, "//*[local-name()='path'][@class='contour']")
        #expect(paths.count == contours.count)
        #expect(paths.allSatisfy { attr($0, "d")?.hasSuffix("Z") == true })
        // 1σ curves solid, 2σ and 3σ dashed.
        #expect(paths.filter { attr($0, "stroke-dasharray") == nil }.count == 2)
        #expect(try elements(root, "//*[@id='best-fit']").count == 1)
        #expect(try elements(root, "//*[@id='failed-points']").count == 1)
        let legend = try #require(try elements(root, "//*[@id='legend']").first)
        let legendText = legend.stringValue ?? ""
        for label in ["1σ (68.27% CL)", "2σ (95.45% CL)", "3σ (99.73% CL)", "best fit", "failed (1)", "profiled: mX"] {
            #expect(legendText.contains(label), "legend lacks \(label)")
        }
        // Axis titles: ε with subscript n, and the ×10³ display scale.
        let xTitle = try #require(try elements(root, "//*[@id='x-title']").first)
        #expect(xTitle.stringValue?.hasPrefix("εn× 103") == true)
        #expect(try elements(root, "//*[@id='x-title']/*[local-name()='tspan']").count >= 2)
        // Filled regions: one even-odd path per level, outermost first; the NaN cell is grey.
        let regions = try elements(root, "//*[@id='regions']/*[local-name()='path'][@class='region']")
        #expect(regions.count == 3 && regions.allSatisfy { attr($0, "fill-rule") == "evenodd" })
        #expect(regions.map { attr($0, "fill") } == bandColors(3).reversed().map(\.hex))
        // Both islands: two closed subpaths per level.
        #expect(regions.allSatisfy { attr($0, "d")!.filter { $0 == "M" }.count == 2 })
        #expect(try elements(root, "//*[@id='no-chi2']/*[local-name()='rect']").count == 1)
        #expect(try elements(root, "//*[local-name()='rect'][@fill='#bdbdbd']").count >= 1)
    }

    @Test func tickLabelsAreNiceAndCoverTheRange() {
        let t = linearTicks(lo: -7e-3, hi: 7e-3, exponent: 3)
        #expect(t.major.map(\.label) == ["−6", "−4", "−2", "0", "2", "4", "6"])
        #expect(t.minor.count == 29)  // every 0.5 from -7 to 7
        let u = linearTicks(lo: 16.6, hi: 17.0, exponent: 0)
        #expect(u.major.map(\.label) == ["16.6", "16.7", "16.8", "16.9", "17.0"])
        let l = logTicks(lo: 1e-4, hi: 1e-2)
        #expect(l.major.map(\.label) == ["10⁻⁴", "10⁻³", "10⁻²"])
        #expect(displayExponent([-7e-3, 7e-3], label: AxisLabel(name: "a")) == 3)
        #expect(displayExponent([16.6, 17], label: AxisLabel(name: "a")) == 0)
    }

    @Test func richTextRestoresTheBaseline() {
        let s = svgRichText("χ^{2}_{min} a<b", fontSize: 10)
        #expect(s == "χ<tspan dy=\"-4.50\" font-size=\"7.0\">2</tspan><tspan dy=\"7.50\" font-size=\"7.0\">min</tspan>"
            + "<tspan dy=\"-3.00\" dx=\"3.00\">a&lt;b</tspan>")
    }

    @Test func profileFigureHasLevelLinesAndCurve() throws {
        let svg = try profileFigureSVG(grid: Fixture.profile1D(), metadata: Fixture.metadata(levels: Fixture.levels1D))
        let root = try parse(svg)
        #expect(try elements(root, "//*[local-name()='path'][@class='profile']").count == 1)
        #expect(try elements(root, "//*[@id='levels']/*[local-name()='path']").count == 3)
        #expect(try elements(root, "//*[@id='best-fit']").count == 1)
        let d = try #require(try elements(root, "//*[@class='profile']").first.flatMap { attr($0, "d") })
        #expect(d.filter { $0 == "L" }.count == 40)
        #expect(throws: ExportError.self) { try profileFigureSVG(grid: Fixture.twoIslandGrid(), metadata: Fixture.metadata()) }
    }
}
