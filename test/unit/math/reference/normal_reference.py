"""Reference values for the error-function family and the normal distribution.

Produced with mpmath 1.3.0 at 50 significant digits (mp.dps = 50) from the exact double value of
each argument (Python's repr round-trips the double). Re-run with
    python3 test/unit/math/reference/normal_reference.py > test/unit/math/reference/normal.json
The arguments are a fixed pseudo-random sample (seeded) plus hand-picked edge points.
"""
import json
import random
from mpmath import mp, mpf, erfc, erf, exp, ncdf, npdf

mp.dps = 50
rng = random.Random(20261124)


def sample(lo, hi, n, extra):
    xs = [rng.uniform(lo, hi) for _ in range(n)] + extra
    return sorted(set(xs))


def s(v):
    return mp.nstr(v, 22, strip_zeros=False, min_fixed=-1, max_fixed=-1) if v != 0 else "0"


edges = [0.0, 1e-300, 1e-8, 0.1, 0.46875, 0.46876, 0.5, 1.0, 2.0, 3.999, 4.0, 4.001, 5.0, 10.0]
rows = {"erf": [], "erfc": [], "erfcx": [], "normCdf": [], "normPdf": []}
for x in sample(-6, 6, 300, edges + [-e for e in edges]):
    rows["erf"].append([repr(x), s(erf(mpf(x)))])
for x in sample(-5.9, 26.5, 500, edges + [-e for e in edges] + [20.0, 25.0, 26.5]):
    rows["erfc"].append([repr(x), s(erfc(mpf(x)))])
for x in sample(-26.0, 38.0, 500, edges + [-e for e in edges] + [20.0, 30.0, 38.0, 1e3, 1e6]):
    v = exp(mpf(x) ** 2) * erfc(mpf(x))
    rows["erfcx"].append([repr(x), s(v)])
for x in sample(-37.5, 8.2, 600, [-37.5, -30.0, -20.0, -10.0, -5.0, -1.0, 0.0, 1.0, 5.0, 8.0]):
    rows["normCdf"].append([repr(x), s(ncdf(mpf(x)))])
for x in sample(-38.0, 38.0, 200, [0.0, 1.0, -1.0, 10.0, 38.0]):
    rows["normPdf"].append([repr(x), s(npdf(mpf(x)))])

out = ['{', '"source": "mpmath 1.3.0, mp.dps = 50; see normal_reference.py",']
keys = list(rows)
for i, k in enumerate(keys):
    out.append('"%s": [' % k)
    out.append(",\n".join(json.dumps(r) for r in rows[k]))
    out.append("]" + ("," if i < len(keys) - 1 else ""))
out.append("}")
print("\n".join(out))
