import _TestSupport
import FuzzHarness
import Testing

/// A case is a function of (seed, index) alone: replays reproduce it byte for byte.
@Suite struct MutatorDeterminismTests {
    static func generator(toml: Bool) throws -> CaseGenerator {
        CaseGenerator(corpus: try FuzzCorpus(root: FuzzPaths.root), mutateTOML: toml)
    }

    @Test(arguments: [false, true])
    func sameSeedAndIndexGiveTheSameBytes(toml: Bool) throws {
        let a = try Self.generator(toml: toml), b = try Self.generator(toml: toml)
        for index in UInt64(0)..<200 {
            let id = CaseID(seed: 7, index: index)
            let x = a.makeCase(id), y = b.makeCase(id)
            #expect(x.spec == y.spec)
            #expect(x.edits == y.edits)
            #expect(x.mutations == y.mutations)
            #expect(x.injected == y.injected)
        }
    }

    @Test func aCaseDoesNotDependOnTheCasesBeforeIt() throws {
        let g = try Self.generator(toml: true)
        let alone = g.makeCase(CaseID(seed: 99, index: 41))
        for index in UInt64(0)..<41 { _ = g.makeCase(CaseID(seed: 99, index: index)) }
        let after = g.makeCase(CaseID(seed: 99, index: 41))
        #expect(alone.edits == after.edits)
    }

    @Test func seedsAndIndicesGiveDifferentCases() throws {
        let g = try Self.generator(toml: false)
        let cases = (UInt64(0)..<50).map { g.makeCase(CaseID(seed: 1, index: $0)).edits }
        let distinct = Set(cases.map { "\($0)" })
        #expect(distinct.count > 40)
        #expect(g.makeCase(CaseID(seed: 1, index: 3)).edits != g.makeCase(CaseID(seed: 2, index: 3)).edits)
    }

    @Test func specFilesAreOnlyMutatedWithTheTOMLSwitch() throws {
        let g = try Self.generator(toml: false)
        for index in UInt64(0)..<300 {
            let c = g.makeCase(CaseID(seed: 5, index: index))
            // Without the switch a spec is at most replaced by a folder (nothing for the TOML parser to read).
            #expect(c.edits.allSatisfy { $0.path.hasPrefix("datasets/") || $0.change == .directory })
        }
    }

    @Test func caseIDsParse() {
        #expect(CaseID(parsing: "12:345") == CaseID(seed: 12, index: 345))
        #expect(CaseID(parsing: "12") == nil)
        #expect(CaseID(parsing: "a:1") == nil)
        #expect(CaseID(seed: 3, index: 4).description == "3:4")
    }

    @Test func splitMixIsTheReferenceSequence() {
        // SplitMix64 reference outputs for seed 0 (Vigna's splitmix64.c).
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
