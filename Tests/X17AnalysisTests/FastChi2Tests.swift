import Foundation
import Testing
import _TestSupport
@testable import X17Analysis

/// The allocation-free χ² (`FastChi2`) must return exactly the bits of the general term-by-term path.
@Suite struct FastChi2Tests {
    static let repositoryFits = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fits")

    /// Every spec in the repository's fits/ (vector, axial, fixed-mass, ATOMKI masses), on its own datasets.
    static var specNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: repositoryFits.path)) ?? [])
            .filter { $0.hasSuffix(".toml") }.sorted()
    }

    /// Guards the parameterised test below, which would pass vacuously with no specs.
    @Test func repositoryHasTheCanonicalSpecs() {
        #expect(Self.specNames.count >= 12, "\(Self.specNames)")
    }

    /// Random points around the start: mX across every threshold (16.0…18.4 MeV, so closed channels and
    /// angles at 180° occur), couplings of either sign up to 4× their start, plus NaN and ±∞ entries.
    func points(_ setup: FitSetup, count: Int, seed: UInt64) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        let start = setup.spec.parameters.map(\.start)
        var out: [[Double]] = []
        for k in 0..<count {
            var x = start
            for (i, p) in setup.spec.parameters.enumerated() where !p.fixed {
                let u = rng.uniform()
                x[i] = p.name == "mX" ? 16.0 + 2.4 * u : start[i] * (8 * u - 4)
            }
            if k % 50 == 7 { x[k % x.count] = [Double.nan, .infinity, -.infinity][k % 3] }
            out.append(x)
        }
        return out
    }

    @Test(arguments: specNames)
    func fastPathEqualsGeneralPathBitForBit(_ name: String) throws {
        let root = Self.repositoryFits.deletingLastPathComponent()
        let spec = try FitSpec.load(path: Self.repositoryFits.appendingPathComponent(name).path)
        let setup: FitSetup
        do {
            setup = try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: root.appendingPathComponent("datasets")))
        } catch let error as InputError where error.unavailable {
            return  // a spec naming physics that is not available (x17fit reproduce lists it as such): no model
        }
        #expect(setup.model.fast != nil, "no floated nuclear inputs in \(name): the fast path must be used")
        var finite = 0
        for x in points(setup, count: 400, seed: 17) {
            let fast = setup.model.chi2(x), general = setup.model.generalChi2(x)
            #expect(fast.bitPattern == general.bitPattern || (fast.isNaN && general.isNaN),
                    "\(name) at \(x): fast \(fast), general \(general)")
            if fast.isFinite { finite += 1 }
        }
        // Most points must be ordinary ones, or the comparison above proves little.
        #expect(finite > 300, "only \(finite) finite χ² values in \(name)")
    }

    @Test func floatedNuclearInputKeepsTheGeneralPath() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let plain = try prepare(tree, "dg2023-vector-none")
        try tree.replace("fits/dg2023-vector-none.toml", "BR_ee = { value = 1.0, fixed = true }",
                         "BR_ee = { value = 1.0, fixed = true }\nM_E0 = { start = 1.10, step = 0.01 }")
        let floated = try prepare(tree, "dg2023-vector-none")
        #expect(plain.model.fast != nil)
        #expect(floated.model.fast == nil)
        // M_E0 at its central value 1.10 fm² adds a zero constraint: both χ² agree to rounding (1e-12 relative;
        // the inputs are rebuilt from the floated value, the terms are the same).
        let a = floated.model.chi2([16.84, 5.3e-3, 1.9e-3, 1.0, 1.10])
        let b = plain.model.chi2([16.84, 5.3e-3, 1.9e-3, 1.0])
        #expect(a.isFinite && isClose(a, b, rel: 1e-12), "floated \(a), fixed \(b)")
    }
}
