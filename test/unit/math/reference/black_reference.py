"""Reference values of the normalised Black function b(x, s) (Jaeckel, "Let's Be Rational"):
b = e^{x/2} Phi(x/s + s/2) - e^{-x/2} Phi(x/s - s/2), out-of-the-money call (x <= 0).

Produced with mpmath 1.3.0 at 60 significant digits from the exact double arguments; rows are
[x, s, b, vega = db/ds]. Re-run:
    python3 test/unit/math/reference/black_reference.py > test/unit/math/reference/black.json
"""
import json
import random
from mpmath import mp, mpf, ncdf, exp, sqrt, pi

mp.dps = 60
rng = random.Random(424242)


def s(v):
    return mp.nstr(v, 22, strip_zeros=False, min_fixed=-1, max_fixed=-1) if v != 0 else "0"


rows = []
pts = []
for _ in range(1500):
    x = -10 ** rng.uniform(-6, 1.3)
    sv = 10 ** rng.uniform(-4, 0.9)
    pts.append((x, sv))
pts += [(0.0, 1e-6), (0.0, 0.01), (0.0, 0.5), (0.0, 1.0), (0.0, 5.0), (-0.5, 0.02), (-1e-3, 1e-4)]
for x, sv in pts:
    X, S = mpf(x), mpf(sv)
    h, t = X / S, S / 2
    b = exp(X / 2) * ncdf(h + t) - exp(-X / 2) * ncdf(h - t)
    if b < mpf("1e-300"):
        continue
    v = exp(-(h * h + t * t) / 2) / sqrt(2 * pi)
    rows.append([repr(x), repr(sv), s(b), s(v)])
print("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]")
