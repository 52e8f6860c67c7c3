import Testing
@testable import Toys

/// Random123's kat_vectors, the three philox4x32 10 lines: counter, key → output.
@Suite struct PhiloxTests {
    @Test(arguments: [
        ([0, 0, 0, 0], [0, 0], [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]),
        ([0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], [0xffff_ffff, 0xffff_ffff],
         [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]),
        ([0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], [0xa409_3822, 0x299f_31d0],
         [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]),
    ] as [([UInt32], [UInt32], [UInt32])])
    func knownAnswers(counter: [UInt32], key: [UInt32], expected: [UInt32]) {
        let out = Philox4x32.block(counter: SIMD4(counter[0], counter[1], counter[2], counter[3]),
                                   key: SIMD2(key[0], key[1]))
        #expect([out[0], out[1], out[2], out[3]] == expected)
    }

    @Test func streamsDependOnlyOnSeedAndIndex() {
        var a = ToyRandomStream(seed: 7, stream: 3)
        let first = (0..<5).map { _ in a.normal() }
        var b = ToyRandomStream(seed: 7, stream: 3)
        #expect((0..<5).map { _ in b.normal() } == first)
        var c = ToyRandomStream(seed: 7, stream: 4)
        #expect((0..<5).map { _ in c.normal() } != first)
        var d = ToyRandomStream(seed: 8, stream: 3)
        #expect((0..<5).map { _ in d.normal() } != first)
    }

    @Test func normalsHaveUnitMomentsAndUniformsStayInside() {
        var s = ToyRandomStream(seed: 1, stream: 0)
        let n = 200_000
        let z = (0..<n).map { _ in s.normal() }
        let mean = z.reduce(0, +) / Double(n)
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        #expect(abs(mean) < 5 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / Double(n)).squareRoot())
        for _ in 0..<10_000 {
            let (u, v) = s.uniformPair()
            #expect(u > 0 && u < 1 && v > 0 && v < 1)
        }
    }
}
