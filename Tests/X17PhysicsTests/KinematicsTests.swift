import Testing
import X17Physics
import _TestSupport

// Reference values: docs/physics.md §3 table (θ_min in the m_e → 0 limit, 2 decimals); the exact-m_e and
// recoil values were recomputed with numpy 2.4.6 (same session as scipy 1.17.1), formulas of §3:
//   θ_exact(16.85, 18.15) = 136.293°, θ_exact+recoil(16.85, 18.15) = 136.341°.

struct AngleRow: Sendable, CustomTestStringConvertible {
    let mX: Double
    let theta: [Double]  // 18.15, 17.64, 20.21, 17.23
    var testDescription: String { "mX = \(mX)" }
}

let anglesTable: [AngleRow] = [
    AngleRow(mX: 16.70, theta: [133.88, 142.42, 111.45, 151.50]),
    AngleRow(mX: 16.85, theta: [136.37, 145.58, 112.97, 155.89]),
    AngleRow(mX: 17.00, theta: [138.99, 149.04, 114.53, 161.26]),
]
let angleEnergies: [Transition] = [.be8_18_15, .be8_17_64, .he4_20_21, .c12_17_23]

@Test("massless opening angle matches docs/physics.md §3", arguments: anglesTable)
func masslessAngles(row: AngleRow) throws {
    for (t, expected) in zip(angleEnergies, row.theta) {
        let theta = try Kinematics.openingAngleMasslessLimit(mX: row.mX, energy: t.energy)
        // the sheet prints 2 decimals: agreement to half a unit in the last digit
        #expect(abs(theta - expected) <= 0.005 + 1e-9, "θ(\(row.mX), \(t.rawValue)) = \(theta)")
    }
}

@Test func electronMassLowersAngleSlightly() throws {
    for row in anglesTable {
        for t in angleEnergies {
            let exact = try Kinematics.openingAngle(mX: row.mX, energy: t.energy)
            let simple = try Kinematics.openingAngleMasslessLimit(mX: row.mX, energy: t.energy)
            // docs/physics.md §3: the m_e correction is a few hundredths of a degree and lowers the angle
            #expect(exact < simple)
            #expect(simple - exact < 0.15)
        }
    }
    // numpy: θ with m_e at (16.85, 18.15) = 136.293°; with the recoil E_X (⁸Be 7454.85 MeV) = 136.341°
    #expect(abs(try Kinematics.openingAngle(mX: 16.85, energy: 18.15) - 136.293) < 5e-4)
    let eX = try Kinematics.energyWithRecoil(mX: 16.85, energy: 18.15, groundStateMass: Constants.beryllium8Mass)
    #expect(abs(try Kinematics.openingAngle(mX: 16.85, energy: eX) - 136.341) < 5e-4)
}

@Test func openingAngleApproachesMasslessLimit() throws {
    // Scale energies by 10⁴: m_e/E → 0, θ must approach 2 arcsin(mX/E) (m_e² effects ~1e-11 rad)
    let exact = try Kinematics.openingAngle(mX: 16.85e4, energy: 18.15e4)
    let simple = try Kinematics.openingAngleMasslessLimit(mX: 16.85e4, energy: 18.15e4)
    #expect(abs(exact - simple) < 1e-6)
    // asymmetric pairs, numpy: 153.443° (m_e) and 153.411° (massless) at y = 0.3
    #expect(abs(try Kinematics.openingAngle(mX: 16.85, energy: 18.15, asymmetry: 0.3) - 153.443) < 5e-4)
    #expect(abs(try Kinematics.openingAngleMasslessLimit(mX: 16.85, energy: 18.15, asymmetry: 0.3) - 153.411) < 5e-4)
}

@Test func massFromAngleInvertsOpeningAngle() throws {
    var checked = 0
    for t in Transition.allCases {
        for mX in stride(from: 15.0, to: 17.2, by: 0.1) {
            for y in [0.0, 0.2, -0.4] {
                guard let theta = try? Kinematics.openingAngle(mX: mX, energy: t.energy, asymmetry: y) else { continue }
                let back = try Kinematics.mass(openingAngle: theta, energy: t.energy, asymmetry: y)
                // closed-form inverse: only rounding in acos/cos (θ is far from 0° and 180°)
                #expect(isClose(back, mX, rel: 1e-10), "\(t.rawValue) mX \(mX) y \(y)")
                checked += 1
            }
        }
    }
    #expect(checked > 200)
}

@Test func momentumAndRecoil() throws {
    // √(18.15² − 16.85²) = √45.5; numpy with recoil (M = 7454.85 MeV): 6.737173104
    let k = try Kinematics.momentum(mX: 16.85, energy: 18.15)
    #expect(isClose(k, 45.5.squareRoot(), rel: 1e-14))
    let kr = try Kinematics.momentumWithRecoil(mX: 16.85, energy: 18.15, groundStateMass: Constants.beryllium8Mass)
    #expect(isClose(kr, 6.737173104, rel: 1e-9))
    // docs/physics.md §3: recoil lowers k³ by at most 0.8 %
    let ratio = kr / k
    #expect(1 - ratio * ratio * ratio < 0.008)
}

@Test func excitationEnergyOfSas2022Run() throws {
    // docs/data.md §1.2 (Sas et al. arXiv:2205.07744 run): E_p = 450 keV on ⁷Li → E* = 17.649 MeV; numpy with M(⁷Li) = 6533.83 MeV: 17.6485935
    let e = try Kinematics.excitationEnergy(
        q: Transition.be8_17_64.captureQValue, protonEnergy: 0.450, targetMass: 6533.83)
    #expect(isClose(e, 17.6485935, rel: 1e-8))
}

@Test func kinematicsRejectsBadInput() {
    #expect(throws: PhysicsError.self) { try Kinematics.momentum(mX: 18.15, energy: 18.15) }
    #expect(throws: PhysicsError.self) { try Kinematics.momentum(mX: 19, energy: 18.15) }
    #expect(throws: PhysicsError.self) { try Kinematics.momentum(mX: -1, energy: 18.15) }
    #expect(throws: PhysicsError.self) { try Kinematics.momentum(mX: .nan, energy: 18.15) }
    #expect(throws: PhysicsError.self) { try Kinematics.openingAngle(mX: 0.5, energy: 18.15) }
    #expect(throws: PhysicsError.self) { try Kinematics.openingAngle(mX: 16.85, energy: 18.15, asymmetry: 1) }
    #expect(throws: PhysicsError.self) { try Kinematics.openingAngle(mX: 16.85, energy: 18.15, asymmetry: 0.9) }
    #expect(throws: PhysicsError.self) { try Kinematics.mass(openingAngle: 0, energy: 18.15) }
    #expect(throws: PhysicsError.self) { try Kinematics.mass(openingAngle: 200, energy: 18.15) }
    #expect(throws: PhysicsError.self) {
        try Kinematics.excitationEnergy(q: 17.2, protonEnergy: -0.1, targetMass: 6533.83)
    }
    do {
        _ = try Kinematics.momentum(mX: 18.2, energy: 18.15)
        Issue.record("expected a throw")
    } catch let error as PhysicsError {
        #expect(error.description.contains("mX = 18.2"))
    } catch {
        Issue.record("wrong error type")
    }
}
