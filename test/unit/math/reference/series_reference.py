"""Reference values of the odd series of the normalised Black function (normalisedBlack.ts,
`seriesOdd`): O(a, c) = sum_{k odd} c^k J_k(a) = (erfcx(a - c/2) - erfcx(a + c/2)) / 2, with
J_k(a) = e^{a^2} i^k erfc(a). b(x, s) = e^{-(h^2+t^2)/2} O(-h/sqrt2, sqrt2 t) for h = x/s, t = s/2.

Produced with mpmath 1.3.0 at 60 significant digits (the difference cancels by up to ~a/c, far
below 60 digits here) from the exact double arguments; rows are [a, c, O]. A second table, "black", holds
b(x, s) = e^{x/2} Phi(x/s + s/2) - e^{-x/2} Phi(x/s - s/2) as [x, s, b] where t = s/2 > 0.35 and
|h| = |x|/s is at most 3 sqrt2 / at least 2.83 t: the corner where the series now stops at
|x| = 2|h|t = 3 and the plain difference takes over (both sides of that boundary). The points cover the
three branches of seriesOdd, their boundaries (a = 3, 4, 16 and |x| = 2ac = 4, each to within
an ulp and beyond) and the tails of the series region (c up to max(0.495, a/1.415), a up to 1e3).
Re-run:
    python3 test/unit/math/reference/series_reference.py > test/unit/math/reference/series.json
"""
import json
import math
import random
from mpmath import mp, mpf, erfc, exp, ncdf

mp.dps = 60
rng = random.Random(31337)


def erfcx(z):
    return exp(z * z) * erfc(z)


def cmax(a):
    # The series region: t <= 0.35 (c <= 0.495) or -h >= 2.83 t (a >= ~1.415 c).
    return max(0.495, a / 1.415)


def near(v):
    return v * (1 + rng.choice([-1, 1]) * 10 ** rng.uniform(-16, -3))


rows = []
for i in range(3000):
    k = i % 6
    if k == 0:  # a < 3: erfcx and one subtraction for J_1
        a = rng.uniform(0, 3)
        c = cmax(a) * 10 ** rng.uniform(-7, 0)
    elif k == 1:  # a >= 4, |x| <= 4: Cody's r or the asymptotic series for J_1
        a = 10 ** rng.uniform(math.log10(4), 3)
        c = min(2 / a, cmax(a)) * 10 ** rng.uniform(-8, 0)
    elif k == 2:  # boundaries in a
        a = near(rng.choice([3.0, 4.0, 16.0]))
        c = min(2 / a, cmax(a)) * 10 ** rng.uniform(-6, 0)
    elif k == 3:  # boundary |x| = 2ac = 4
        a = 10 ** rng.uniform(math.log10(4), 3)
        c = near(2 / a)
    elif k == 4:  # Miller: 3 <= a < 4, or |x| > 4
        if rng.random() < 0.5:
            a = rng.uniform(3, 4)
            c = cmax(a) * 10 ** rng.uniform(-7, 0)
        else:
            a = 10 ** rng.uniform(math.log10(4), 3)
            c = rng.uniform(2 / a, cmax(a))
    else:  # the largest c of the series region at small a
        a = rng.uniform(0, 3)
        c = cmax(a) * rng.uniform(0.5, 1)
    A, C = mpf(a), mpf(c)
    o = (erfcx(A - C / 2) - erfcx(A + C / 2)) / 2
    rows.append([repr(a), repr(c), mp.nstr(o, 22, strip_zeros=False, min_fixed=-1, max_fixed=-1)])
black = []
for i in range(600):
    a = rng.uniform(1, 3) if i % 3 else near(3.0)
    t = rng.uniform(0.35, a / 2.001)
    if i % 4 == 0:  # |x| = 2 sqrt2 a t near 3
        t = near(3 / (2 * math.sqrt(2) * a))
        if not 0.35 < t <= a / 2.001:
            continue
    h = -math.sqrt(2) * a
    s = 2 * t
    x = h * s
    X, S = mpf(x), mpf(s)
    H, T = X / S, S / 2
    b = exp(X / 2) * ncdf(H + T) - exp(-X / 2) * ncdf(H - T)
    black.append([repr(x), repr(s), mp.nstr(b, 22, strip_zeros=False, min_fixed=-1, max_fixed=-1)])
print('{"series": [\n' + ",\n".join(json.dumps(r) for r in rows) + '\n],\n"black": [\n'
      + ",\n".join(json.dumps(r) for r in black) + "\n]}")
