"""Independent reference χ² values for X17AnalysisTests (numpy/scipy; not the Swift code).

Model as in docs/physics.md §4, §5.2, §9, §10 with the test fixtures under ../Fixtures:
Be(18.15) 6(1)e-6, C(17.23) 3.6(3)e-6, He Γ_X[eV] 5.1e-6 ± sqrt(1.3² + 1.479²)e-6 (stat ⊕ the row's 29 % Γ_E0 syst),
π⁰ prior σ = 1.2e-3/norm.ppf(0.95), summary mX 16.85 ± 0.04 with offset 17.3.
"""
import numpy as np
from scipy import stats

a_em = 1 / 137.035999084; hc = 197.3269804
sp = 1.2e-3 / stats.norm.ppf(0.95)
k = lambda E, m: np.sqrt(E * E - m * m)
sig_he = np.hypot(1.3e-6, 1.479e-6)

def chi2(m, ep, en, a):
    S, D = ep + en, ep - en
    Be = (a * S + (1 - a) * D) ** 2 * (k(18.15, m) / 18.15) ** 3
    C = D ** 2 * (k(17.23, m) / 17.23) * (1 + m * m / (2 * 17.23 ** 2))
    GHe = a_em * S ** 2 * k(20.21, m) ** 3 * m * m * (1.10 / hc ** 2) ** 2 / 18 * 1e6
    terms = dict(Be=((Be - 6e-6) / 1e-6) ** 2, C=((C - 3.6e-6) / .3e-6) ** 2,
                 He=((GHe - 5.1e-6) / sig_he) ** 2, pi=(ep / sp) ** 2, mX=((m - 16.85) / 0.04) ** 2 + 17.3)
    return sum(terms.values()), terms

for m, ep, en, a in [(16.84, 1.9e-3, 5.3e-3, 1.0), (16.85, 0.8e-3, 4.3e-3, -0.09), (16.9, 1e-3, 5e-3, 1.0)]:
    total, terms = chi2(m, ep, en, a)
    print(m, ep, en, a, repr(total), {k_: float(v) for k_, v in terms.items()})
# atomki-masses fixture: 4 Sas22 runs with a common 0.2 MeV syst + He 16.94(12)(21), at mX = 16.9
V = np.diag([.3**2, .14**2, .09**2, .12**2]) + 0.04
r = np.array([16.6, 16.94, 16.81, 17.11]) - 16.9
print("masses", repr(r @ np.linalg.solve(V, r) + (16.94 - 16.9) ** 2 / (.12**2 + .21**2)))
# weighted mean = analytic minimum of the mass fit: 1ᵀV⁻¹x / 1ᵀV⁻¹1 (block diagonal V)
Vf = np.zeros((5, 5)); Vf[:4, :4] = V; Vf[4, 4] = .12**2 + .21**2
x = np.array([16.6, 16.94, 16.81, 17.11, 16.94]); w = np.linalg.solve(Vf, np.ones(5))
print("mass mean", repr(w @ x / w.sum()), "error", repr(1 / np.sqrt(w.sum())))
