#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Physical constants in MeV / fm / s units.
///
/// Grade [M] (docs/physics.md §1.4): standard PDG 2022 / CODATA 2018 values, not fetched.
public enum Constants {
    /// Fine-structure constant α. CODATA 2018.
    public static let alpha = 1.0 / 137.035999084
    /// Elementary charge in natural Heaviside–Lorentz units, e = √(4πα).
    public static let elementaryCharge = (4.0 * Double.pi * alpha).squareRoot()
    /// Electron mass (MeV). CODATA 2018.
    public static let electronMass = 0.51099895
    /// ħc (MeV·fm). CODATA 2018.
    public static let hbarC = 197.3269804
    /// ħ (MeV·s). CODATA 2018.
    public static let hbar = 6.582119569e-22
    /// Proton mass (MeV). CODATA 2018.
    public static let protonMass = 938.27209
    /// Neutron mass (MeV). CODATA 2018.
    public static let neutronMass = 939.56542
    /// Neutral-pion mass (MeV). PDG 2022.
    public static let pi0Mass = 134.9768
    /// BR(π⁰ → γγ). PDG 2022.
    public static let pi0ToGammaGammaBR = 0.98823
    /// Ground-state nuclear masses (MeV) used for recoil; standard mass-table values, docs/physics.md §1.4 [M].
    public static let helium4Mass = 3727.379
    public static let beryllium8Mass = 7454.85
    public static let carbon12Mass = 11174.86
    /// eV per MeV (unit conversion at the file boundary).
    public static let eVPerMeV = 1.0e6
}
