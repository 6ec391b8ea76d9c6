#!/usr/bin/env python3
"""compare-numpy.py: the work of glasspane's bench rows done the way a user would do it
without glasspane, in numpy and matplotlib, printed as "name: value unit" lines.

Run by `bench compare` (bench/bench-compare.c), which prints these beside glasspane's own
figures; it exits 2 with a message when numpy or matplotlib is missing (they are not
project dependencies: install python3-numpy and python3-matplotlib to compare).

  yield_1m          negative binomial yield Y = (1 + A D0 / alpha)^-alpha over 1e6 areas
                    1..5000 mm2 (D0 0.1/cm2, alpha 10: the yield model's defaults)
  price_sweep_100k  the arithmetic a fixed-plan electricity-price sweep changes: cost to
                    train = capex x time / lifetime + energy x price over 100,000 prices
                    (every other figure is constant at a fixed plan), a lower bound for a
                    transcription of the whole chain
  chart_png_300dpi  a 3-series 1,000-point line chart (y = k sin(i / 50 + k)), 3.5 x 2.625
                    in with title, axis labels and legend, saved as PNG at 300 dpi
  chart_svg_bytes   the same figure saved as SVG (matplotlib's defaults, text as paths
                    replaced by text: svg.fonttype = 'none', as glasspane writes text)
Times are CPU seconds of this process (time.process_time), median of several runs."""
import io
import sys
import time

try:
    import numpy as np
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError as e:  # not a project dependency
    print(f"compare-numpy: skipped: {e.name} is not installed "
          "(apt-get install python3-numpy python3-matplotlib)", file=sys.stderr)
    sys.exit(2)


def median_time(fn, runs):
    ts = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        ts.append(time.process_time() - t0)
    ts.sort()
    return ts[len(ts) // 2]


def fmt(seconds):
    for unit, k in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= k:
            return f"{seconds / k:.3f} {unit}"
    return f"{seconds / 1e-9:.3f} ns"


def yield_1m():
    a = np.linspace(1.0, 5000.0, 1_000_000)  # mm2
    d0, alpha = 0.1, 10.0                     # per cm2
    y = (1.0 + a / 100.0 * d0 / alpha) ** -alpha
    return y.sum()


def price_sweep():
    price = np.linspace(0.04, 0.16, 100_000)  # USD/kWh
    capex, time_s, life_s, kwh = 3.8e7, 1.9e6, 4 * 365.25 * 86400, 1.2e6
    cost = capex * time_s / life_s + kwh * price
    return cost.sum()


plt.rcParams["svg.fonttype"] = "none"
plt.rcParams["svg.hashsalt"] = "glasspane"  # same ids every run


def figure():
    fig, ax = plt.subplots(figsize=(3.5, 2.625))
    i = np.arange(1, 1001)
    for k in (1, 2, 3):
        ax.plot(i, np.sin(i / 50 + k) * k, label=f"series {k}")
    ax.set_title("bench")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return fig


def png():
    fig = figure()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=300)
    plt.close(fig)
    return len(buf.getvalue())


def svg_bytes():
    fig = figure()
    buf = io.BytesIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    return len(buf.getvalue())


yield_1m()
png()
print(f"numpy_yield_1m_per_point: {fmt(median_time(yield_1m, 7) / 1e6)}")
print(f"numpy_price_sweep_100k_per_point: {fmt(median_time(price_sweep, 7) / 1e5)}")
print(f"matplotlib_chart_3x1000_png_300dpi: {fmt(median_time(png, 5))}")
print(f"matplotlib_chart_3x1000_svg_bytes: {svg_bytes()} bytes")
