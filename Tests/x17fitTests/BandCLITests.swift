import Foundation
import Testing

/// `bands` of a `[[profiles]]` entry through `x17fit export`: an unknown id exits 2 naming file, line and field
/// before any grid is computed; fits/axial-be.toml draws the SINDRUM-I band in every format.
@Suite struct BandCLITests {
    static let axialBe = BinaryRunner.packageRoot.appendingPathComponent("fits/axial-be.toml")
    static let datasets = BinaryRunner.packageRoot.appendingPathComponent("datasets").path

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-band-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("fits"), withIntermediateDirectories: true)
        return dir
    }

    @Test func unknownBandExitsTwo() throws {
        let dir = try Self.scratch(); defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: Self.axialBe, encoding: .utf8)
        #expect(text.contains("bands = [\"sindrum-i\"]"))
        try text.replacingOccurrences(of: "bands = [\"sindrum-i\"]", with: "bands = [\"nope\"]")
            .write(to: dir.appendingPathComponent("fits/axial-be.toml"), atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("bands") }! + 1
        let run = try BinaryRunner.run(["export", "fits/axial-be.toml", "--datasets", Self.datasets, "--out", "out"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("fits/axial-be.toml:\(line): field 'profiles[0].bands': unknown constraint 'nope'"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func axialBeExportDrawsTheSindrumBand() throws {
        let dir = try Self.scratch(); defer { try? FileManager.default.removeItem(at: dir) }
        let run = try BinaryRunner.run(["export", Self.axialBe.path, "--datasets", Self.datasets, "--out", "out", "--format", "svg,csv"],
                                       in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: dir.appendingPathComponent("out/profile_a_n_a_p.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "data-method=\"band:sindrum-i\"").count - 1 == 2)
        let csv = try String(contentsOf: dir.appendingPathComponent("out/profile_a_n_a_p_contours.csv"), encoding: .utf8)
        #expect(csv.contains("# band: band:sindrum-i: SINDRUM-I 90% CL allowed."))
    }
}
