"""The conformance problems, written from the formulas of Moré, Garbow & Hillstrom, "Testing unconstrained
optimization software", ACM TOMS 7 (1981) 17-41 ("MGH"; problem numbers as in the paper), with MGH's
starting points, plus five typical fits. Tests/MinimizerTests/ConformanceProblems.swift holds the same
definitions in Swift: every sum runs in the same order with the same operations (x*x, not x**2; plain
loops, not numpy), so both sides compute the same bits and MIGRAD can match call for call.

Each problem: name, errordef, parameters [(name, start, lower, upper, fixed)], and f(x) taking all
parameters (fixed ones included) in declaration order. MGH least-squares problems are F = sum f_i^2,
fitted with errordef 1 as a chi^2."""
import math

SQRT5, SQRT10, SQRT90 = math.sqrt(5.0), math.sqrt(10.0), math.sqrt(90.0)


# IEEE-754 results where Python's math module raises (Swift's libm calls and operators return inf or NaN).
def exp(v):
    try:
        return math.exp(v)
    except OverflowError:
        return math.inf


def pow_(a, b):
    try:
        return math.pow(a, b)
    except OverflowError:
        return math.inf
    except (ValueError, ZeroDivisionError):
        if a == 0.0 and b < 0:
            return math.inf
        return math.nan


def log(v):
    if v == 0.0:
        return -math.inf
    return math.log(v) if v > 0 else math.nan


def sqrt(v):
    return math.sqrt(v) if v >= 0 else math.nan


def div(a, b):
    if b != 0.0 or math.isnan(b):
        return a / b
    if a == 0.0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def sumsq(fs):
    s = 0.0
    for f in fs:
        s += f * f
    return s


def rosenbrock(x):  # MGH 1
    return sumsq([10.0 * (x[1] - x[0] * x[0]), 1.0 - x[0]])


def freudenstein_roth(x):  # MGH 2
    return sumsq([-13.0 + x[0] + ((5.0 - x[1]) * x[1] - 2.0) * x[1],
                  -29.0 + x[0] + ((x[1] + 1.0) * x[1] - 14.0) * x[1]])


def powell_badly_scaled(x):  # MGH 3
    return sumsq([1e4 * x[0] * x[1] - 1.0, exp(-x[0]) + exp(-x[1]) - 1.0001])


def brown_badly_scaled(x):  # MGH 4
    return sumsq([x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2.0])


def beale(x):  # MGH 5
    y = [1.5, 2.25, 2.625]
    fs, p = [], 1.0
    for i in range(3):
        p *= x[1]
        fs.append(y[i] - x[0] * (1.0 - p))
    return sumsq(fs)


def jennrich_sampson(x):  # MGH 6, m = 10
    return sumsq([2.0 + 2.0 * i - (exp(i * x[0]) + exp(i * x[1])) for i in range(1, 11)])


def helical_valley(x):  # MGH 7
    if x[0] > 0:
        theta = math.atan(div(x[1], x[0])) / (2.0 * math.pi)
    elif x[0] < 0:
        theta = math.atan(div(x[1], x[0])) / (2.0 * math.pi) + 0.5
    else:
        theta = 0.25 if x[1] >= 0 else -0.25
    return sumsq([10.0 * (x[2] - 10.0 * theta), 10.0 * (sqrt(x[0] * x[0] + x[1] * x[1]) - 1.0), x[2]])


BARD_Y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39]


def bard(x):  # MGH 8
    fs = []
    for i in range(1, 16):
        u, v = float(i), float(16 - i)
        w = min(u, v)
        fs.append(BARD_Y[i - 1] - (x[0] + div(u, v * x[1] + w * x[2])))
    return sumsq(fs)


GAUSSIAN_Y = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540,
              0.0175, 0.0044, 0.0009]


def gaussian(x):  # MGH 9
    fs = []
    for i in range(1, 16):
        t = (8.0 - i) / 2.0
        d = t - x[2]
        fs.append(x[0] * exp(-x[1] * d * d / 2.0) - GAUSSIAN_Y[i - 1])
    return sumsq(fs)


MEYER_Y = [34780.0, 28610.0, 23650.0, 19630.0, 16370.0, 13720.0, 11540.0, 9744.0, 8261.0, 7030.0, 6005.0, 5147.0,
           4427.0, 3820.0, 3307.0, 2872.0]


def meyer(x):  # MGH 10
    return sumsq([x[0] * exp(div(x[1], 45.0 + 5.0 * i + x[2])) - MEYER_Y[i - 1] for i in range(1, 17)])


def gulf(x):  # MGH 11, m = 99
    fs = []
    for i in range(1, 100):
        t = i / 100.0
        y = 25.0 + pow_(-50.0 * log(t), 2.0 / 3.0)
        fs.append(exp(div(-pow_(abs(y - x[1]), x[2]), x[0])) - t)
    return sumsq(fs)


def box3d(x):  # MGH 12, m = 10
    fs = []
    for i in range(1, 11):
        t = 0.1 * i
        fs.append(exp(-t * x[0]) - exp(-t * x[1]) - x[2] * (exp(-t) - exp(-10.0 * t)))
    return sumsq(fs)


def powell_singular(x):  # MGH 13
    a, b = x[1] - 2.0 * x[2], x[0] - x[3]
    return sumsq([x[0] + 10.0 * x[1], SQRT5 * (x[2] - x[3]), a * a, SQRT10 * (b * b)])


def wood(x):  # MGH 14
    return sumsq([10.0 * (x[1] - x[0] * x[0]), 1.0 - x[0], SQRT90 * (x[3] - x[2] * x[2]), 1.0 - x[2],
                  SQRT10 * (x[1] + x[3] - 2.0), (x[1] - x[3]) / SQRT10])


KO_Y = [0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246]
KO_U = [4.0, 2.0, 1.0, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625]


def kowalik_osborne(x):  # MGH 15
    fs = []
    for i in range(11):
        u = KO_U[i]
        fs.append(KO_Y[i] - div(x[0] * (u * u + u * x[1]), u * u + u * x[2] + x[3]))
    return sumsq(fs)


def brown_dennis(x):  # MGH 16, m = 20
    fs = []
    for i in range(1, 21):
        t = i / 5.0
        a = x[0] + t * x[1] - exp(t)
        b = x[2] + x[3] * math.sin(t) - math.cos(t)
        fs.append(a * a + b * b)
    return sumsq(fs)


OSBORNE1_Y = [0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658,
              0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431,
              0.424, 0.420, 0.414, 0.411, 0.406]


def osborne1(x):  # MGH 17
    fs = []
    for i in range(1, 34):
        t = 10.0 * (i - 1)
        fs.append(OSBORNE1_Y[i - 1] - (x[0] + x[1] * exp(-t * x[3]) + x[2] * exp(-t * x[4])))
    return sumsq(fs)


def biggs_exp6(x):  # MGH 18, m = 13
    fs = []
    for i in range(1, 14):
        t = 0.1 * i
        y = exp(-t) - 5.0 * exp(-10.0 * t) + 3.0 * exp(-4.0 * t)
        fs.append(x[2] * exp(-t * x[0]) - x[3] * exp(-t * x[1]) + x[5] * exp(-t * x[4]) - y)
    return sumsq(fs)


OSBORNE2_Y = [1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655,
              0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558,
              0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562,
              0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.710,
              0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054]


def osborne2(x):  # MGH 19
    fs = []
    for i in range(1, 66):
        t = (i - 1) / 10.0
        a, b, c = t - x[8], t - x[9], t - x[10]
        fs.append(OSBORNE2_Y[i - 1] - (x[0] * exp(-t * x[4]) + x[1] * exp(-a * a * x[5])
                                       + x[2] * exp(-b * b * x[6]) + x[3] * exp(-c * c * x[7])))
    return sumsq(fs)


def watson(x):  # MGH 20, n = len(x)
    n = len(x)
    fs = []
    for i in range(1, 30):
        t = i / 29.0
        s1, p = 0.0, 1.0
        for j in range(2, n + 1):
            s1 += (j - 1) * x[j - 1] * p
            p *= t
        s2, p = 0.0, 1.0
        for j in range(1, n + 1):
            s2 += x[j - 1] * p
            p *= t
        fs.append(s1 - s2 * s2 - 1.0)
    fs.append(x[0])
    fs.append(x[1] - x[0] * x[0] - 1.0)
    return sumsq(fs)


def extended_rosenbrock(x):  # MGH 21
    fs = []
    for i in range(0, len(x), 2):
        fs.append(10.0 * (x[i + 1] - x[i] * x[i]))
        fs.append(1.0 - x[i])
    return sumsq(fs)


SQRT_A = math.sqrt(1e-5)


def penalty1(x):  # MGH 23
    fs = [SQRT_A * (v - 1.0) for v in x]
    s = 0.0
    for v in x:
        s += v * v
    fs.append(s - 0.25)
    return sumsq(fs)


def penalty2(x):  # MGH 24
    n = len(x)
    fs = [x[0] - 0.2]
    for i in range(2, n + 1):
        y = exp(i / 10.0) + exp((i - 1) / 10.0)
        fs.append(SQRT_A * (exp(x[i - 1] / 10.0) + exp(x[i - 2] / 10.0) - y))
    for i in range(n + 1, 2 * n):
        fs.append(SQRT_A * (exp(x[i - n] / 10.0) - exp(-1.0 / 10.0)))
    s = 0.0
    for j in range(1, n + 1):
        s += (n - j + 1) * x[j - 1] * x[j - 1]
    fs.append(s - 1.0)
    return sumsq(fs)


def variably_dimensioned(x):  # MGH 25
    fs = [v - 1.0 for v in x]
    s = 0.0
    for j in range(1, len(x) + 1):
        s += j * (x[j - 1] - 1.0)
    fs.append(s)
    fs.append(s * s)
    return sumsq(fs)


def trigonometric(x):  # MGH 26
    n = len(x)
    c = 0.0
    for v in x:
        c += math.cos(v)
    return sumsq([n - c + i * (1.0 - math.cos(x[i - 1])) - math.sin(x[i - 1]) for i in range(1, n + 1)])


def chebyquad(x):  # MGH 35, m = n
    n = len(x)
    fs = []
    for i in range(1, n + 1):
        s = 0.0
        for v in x:
            y = 2.0 * v - 1.0
            t0, t1 = 1.0, y
            for _ in range(1, i):
                t0, t1 = t1, 2.0 * y * t1 - t0
            s += t1
        f = s / n
        if i % 2 == 0:
            f += 1.0 / (i * i - 1.0)
        fs.append(f)
    return sumsq(fs)


GAUSS_DATA = [1.52, -0.71, 2.94, 0.33, 1.87, 3.41, -1.26, 0.95, 2.18, 1.04,
              4.02, 0.12, 1.69, -0.38, 2.57, 1.23, 3.05, 0.61, 1.98, 2.36]


def gauss_mean_nll(x):
    mu, sigma = x[0], x[1]
    s = 0.0
    for v in GAUSS_DATA:
        z = div(v - mu, sigma)
        s += log(sigma) + 0.5 * z * z
    return s


LINE_Y = [1.21, 1.58, 2.31, 2.47, 3.19, 3.42, 4.16, 4.29, 5.05, 5.37]
LINE_C = 0.3


def line_correlated_chi2(x):
    # C = diag(sigma_i^2) + c 11^T, C^-1 by Sherman-Morrison.
    s_r2, s_r, s_w = 0.0, 0.0, 0.0
    for i in range(10):
        sigma = 0.5 + 0.1 * i
        w = 1.0 / (sigma * sigma)
        r = LINE_Y[i] - (x[0] + x[1] * i)
        s_r2 += w * r * r
        s_r += w * r
        s_w += w
    return s_r2 - LINE_C * s_r * s_r / (1.0 + LINE_C * s_w)


PEAK_Y = [6.101635742888118, 5.345140529204228, 4.537346887535953, 4.311068158838575, 5.812084394892999,
          13.240884101127033, 20.20418095882456, 24.127844040065487, 20.79277855125227, 13.170399782011732,
          5.429922848956424, 6.496456606267435, 3.05047279687943, 6.866333361112397]


def peak_chi2(x):
    # The bench's 14-point peak (C2): C = I + 0.25 11^T.
    s, s2 = 0.0, 0.0
    for i in range(14):
        z = div(10.0 + i - x[1], x[2])
        r = PEAK_Y[i] - (5.0 + x[0] * exp(-0.5 * z * z))
        s += r
        s2 += r * r
    return s2 - 0.25 / (1.0 + 0.25 * 14.0) * s * s


def limit_quadratic(x):
    a, b = x[0] - 1.0, x[1] - 2.0
    return a * a + b * b


def p(name, start, lower=None, upper=None, fixed=False):
    return (name, start, lower, upper, fixed)


def names(prefix, starts):
    return [p(f"{prefix}{i + 1}", v) for i, v in enumerate(starts)]


PROBLEMS = [
    ("rosenbrock", 1.0, names("x", [-1.2, 1.0]), rosenbrock),
    ("freudenstein_roth", 1.0, names("x", [0.5, -2.0]), freudenstein_roth),
    ("powell_badly_scaled", 1.0, names("x", [0.0, 1.0]), powell_badly_scaled),
    ("brown_badly_scaled", 1.0, names("x", [1.0, 1.0]), brown_badly_scaled),
    ("beale", 1.0, names("x", [1.0, 1.0]), beale),
    ("jennrich_sampson", 1.0, names("x", [0.3, 0.4]), jennrich_sampson),
    ("helical_valley", 1.0, names("x", [-1.0, 0.0, 0.0]), helical_valley),
    ("bard", 1.0, names("x", [1.0, 1.0, 1.0]), bard),
    ("gaussian", 1.0, names("x", [0.4, 1.0, 0.0]), gaussian),
    ("meyer", 1.0, names("x", [0.02, 4000.0, 250.0]), meyer),
    ("gulf", 1.0, names("x", [5.0, 2.5, 0.15]), gulf),
    ("box3d", 1.0, names("x", [0.0, 10.0, 20.0]), box3d),
    ("powell_singular", 1.0, names("x", [3.0, -1.0, 0.0, 1.0]), powell_singular),
    ("wood", 1.0, names("x", [-3.0, -1.0, -3.0, -1.0]), wood),
    ("kowalik_osborne", 1.0, names("x", [0.25, 0.39, 0.415, 0.39]), kowalik_osborne),
    ("brown_dennis", 1.0, names("x", [25.0, 5.0, -5.0, -1.0]), brown_dennis),
    ("osborne1", 1.0, names("x", [0.5, 1.5, -1.0, 0.01, 0.02]), osborne1),
    ("biggs_exp6", 1.0, names("x", [1.0, 2.0, 1.0, 1.0, 1.0, 1.0]), biggs_exp6),
    ("osborne2", 1.0, names("x", [1.3, 0.65, 0.65, 0.7, 0.6, 3.0, 5.0, 7.0, 2.0, 4.5, 5.5]), osborne2),
    ("watson6", 1.0, names("x", [0.0] * 6), watson),
    ("extended_rosenbrock6", 1.0, names("x", [-1.2, 1.0] * 3), extended_rosenbrock),
    ("penalty1_4", 1.0, names("x", [1.0, 2.0, 3.0, 4.0]), penalty1),
    ("penalty2_4", 1.0, names("x", [0.5] * 4), penalty2),
    ("variably_dimensioned5", 1.0, names("x", [1.0 - j / 5.0 for j in range(1, 6)]), variably_dimensioned),
    ("trigonometric5", 1.0, names("x", [1.0 / 5.0] * 5), trigonometric),
    ("chebyquad5", 1.0, names("x", [j / 6.0 for j in range(1, 6)]), chebyquad),
    ("gauss_mean_nll", 0.5, [p("mu", 0.0), p("sigma", 1.0, lower=0.0)], gauss_mean_nll),
    ("line_correlated_chi2", 1.0, [p("a", 0.0), p("b", 0.0)], line_correlated_chi2),
    ("peak_limit", 1.0, [p("A", 10.0), p("mu", 16.0), p("s", 1.0, lower=0.01)], peak_chi2),
    ("limit_quadratic", 1.0, [p("x", 0.0, upper=0.5), p("y", 0.0)], limit_quadratic),
    ("peak_fixed_mu", 1.0, [p("A", 10.0), p("mu", 17.0, fixed=True), p("s", 1.0, lower=0.01)], peak_chi2),
]
