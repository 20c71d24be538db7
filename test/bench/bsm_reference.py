"""Reference Black-Scholes prices (no dividends, so the npm peers can be compared) for the
benchmark, computed with mpmath 1.3.0 at 50 digits from the exact double inputs.
Rows: [type, spot, strike, t, rate, vol, price]. Re-run:
    python3 test/bench/bsm_reference.py > test/bench/bsm_reference.json
Domain: SPX-like spot 5000, strikes 0.5-2x spot, 1 day to 3 years, 5 %-200 % vol, r = 4.5 %;
rows whose price is below 1e-300 are dropped (they underflow in double).
"""
import json
import random
from mpmath import mp, mpf, ncdf, log, sqrt, exp

mp.dps = 50
rng = random.Random(777)
rows = []
while len(rows) < 2000:
    S = 5000.0
    K = round(S * 0.5 * 4 ** rng.random(), 2)
    t = (1 / 365) * (3 * 365) ** rng.random()
    vol = 0.05 * 40 ** rng.random()
    r = 0.045
    typ = "call" if rng.random() < 0.5 else "put"
    Sm, Km, tm, vm, rm = mpf(S), mpf(K), mpf(t), mpf(vol), mpf(r)
    d1 = (log(Sm / Km) + (rm + vm * vm / 2) * tm) / (vm * sqrt(tm))
    d2 = d1 - vm * sqrt(tm)
    if typ == "call":
        p = Sm * ncdf(d1) - Km * exp(-rm * tm) * ncdf(d2)
    else:
        p = Km * exp(-rm * tm) * ncdf(-d2) - Sm * ncdf(-d1)
    if p < mpf("1e-300"):
        continue
    rows.append([typ, S, K, t, r, vol, mp.nstr(p, 20, min_fixed=-1, max_fixed=-1)])
print("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]")
