"""Implied volatilities of prices a few ulps below the no-arbitrage bound (spot 100, t = 1, no
rate or yield, so the bound is exactly the spot for calls and the strike for puts): the exact
root of BSM(sigma) = price for the double price, and the inversion's condition number
price / (sigma * dPrice/dsigma) there.

Produced with mpmath 1.3.0 at 60 significant digits by bisection on sigma in [0.01, 400]; rows
are [type, strike, price, sigma, condition]. Re-run:
    python3 test/unit/math/reference/near_bound_reference.py > test/unit/math/reference/near_bound.json
"""
import json
import math
from mpmath import mp, mpf, ncdf, npdf, log, sqrt

mp.dps = 60
S = mpf(100)


def price(typ, K, v):
    d1 = (log(S / K) + v * v / 2) / v
    d2 = d1 - v
    return S * ncdf(d1) - K * ncdf(d2) if typ == "call" else K * ncdf(-d2) - S * ncdf(-d1)


def s(v):
    return mp.nstr(v, 22, strip_zeros=False, min_fixed=-1, max_fixed=-1)


rows = []
for strike in [50.0, 90.0, 100.0, 110.0, 200.0]:
    for typ in ["call", "put"]:
        bound = 100.0 if typ == "call" else strike
        for k in [1, 2, 4, 16, 64, 256, 4096, 2**20]:
            p = bound - k * math.ulp(bound)
            K, P = mpf(strike), mpf(p)
            lo, hi = mpf("0.01"), mpf(400)
            for _ in range(220):
                m = (lo + hi) / 2
                if price(typ, K, m) < P:
                    lo = m
                else:
                    hi = m
            v = lo
            d1 = (log(S / K) + v * v / 2) / v
            vega = S * npdf(d1)
            rows.append([typ, strike, repr(p), s(v), s(P / (v * vega))])
print("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]")
