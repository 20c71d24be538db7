"""Coefficients of J_1(a) = e^{a^2} i^1 erfc(a) = 1/sqrt(pi) - a erfcx(a) on 3 <= a <= 4, used by
normalisedBlack.ts (`j1Mid`): a Chebyshev fit (mpmath 1.3.0 chebyfit, 50 digits, 15 terms) of
g(u) = a^2 J_1(a) in u = 2a - 7 on [-1, 1], printed highest degree first as the doubles the
coefficients round to, followed by the fit's own error bound and the worst error of the
double-precision Horner evaluation g(u)/a^2 against mpmath over 20 000 random points, in units
of 2^-52. Re-run:
    python3 test/unit/math/reference/j1_mid_fit.py
"""
import random
from mpmath import mp, mpf, erfc, exp, sqrt, pi, chebyfit

mp.dps = 50


def j1(a):
    return 1 / sqrt(pi) - a * exp(a * a) * erfc(a)


poly, err = chebyfit(lambda u: j1(mpf(3.5) + u / 2) * (mpf(3.5) + u / 2) ** 2, [-1, 1], 15, error=True)
co = [float(c) for c in poly]
print("coefficients:", ", ".join(repr(c) for c in co))
print("fit error bound:", mp.nstr(err, 3))
rng = random.Random(1)
worst = 0.0
for _ in range(20000):
    a = 3 + rng.random()
    u = 2 * a - 7
    p = 0.0
    for c in co:
        p = p * u + c
    worst = max(worst, float(abs((mpf(p / (a * a)) - j1(mpf(a))) / j1(mpf(a))) * 2**52))
print("worst Horner error (units of 2^-52):", round(worst, 2))
