#!/usr/bin/env python3
"""readme-table.py: the README's benchmark table, measured, not typed.

  bench/readme-table.py [RUNS] [--gui GUI_RUNS] [--build DIR]   (or `./dev bench-table`)

Runs `DIR/bench/bench` RUNS times (default 3) and, with --gui, bench/gui-bench.sh
GUI_RUNS times, then prints the machine line, the load average before each run, and a
markdown table: each figure's target, the median over the runs of the bench's own median,
the spread over the runs (min-max), and, where the figure depends on the machine, its ratio
to a reference measured in the same run (the C core for the Lua front door, numpy and
matplotlib for the same work done in Python). A figure the bench did not print shows "-"
(its row was renamed or the run failed: the table says so instead of keeping an old number).

Only the Python standard library is used; the numpy column needs python3-numpy and
python3-matplotlib (`./dev bench-table` installs them)."""
import os
import re
import statistics
import subprocess
import sys

UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
LINE = re.compile(r"^(.*?): ([-+]?[0-9][0-9.eE+-]*)(?: (\S+))?$|^(.*?): ([-+]?[0-9][0-9.eE+-]*) (\S+) ")

# (figure, target, [bench row names], reference) where reference is None or
# (label, row name, how): the ratio printed is figure / reference.
ROWS = [
    ("one yield evaluation (negative binomial)", "< 50 ns", ["yield_eval_negbin"], None),
    ("redundancy yield, wafer-scale engine (970,000 cores, clustered)", "< 20 us",
     ["yield_redundancy_wafer_scale_clustered"], None),
    ("exact die count, 10 x 10 mm die, 32 x 32 offsets", "< 1 ms", ["wafer_count_10x10mm"], None),
    ("package cost / carbon evaluation, H100", "< 200 ns",
     ["package cost evaluation, H100 preset (target < 200 ns)",
      "carbon evaluation, H100 preset (target < 200 ns)"], None),
    ("link evaluation / fat-tree topology of 4,096", "< 200 ns / < 2 us",
     ["link eval (optical budget + breakdown)", "topology eval, fat tree, 4096 accelerators"], None),
    ("fabric placement + evaluation, 3D torus of 4,096 / 65,536 (tp 8 pp 4); OCS of 128",
     "< 50 us / - / -",
     ["fabric place + eval, 3D torus of 4,096 (tp 8 pp 4 dp 128)",
      "fabric place + eval, 3D torus of 65,536 (tp 8 pp 4 dp 2048)",
      "fabric circuit choice + place + eval, OCS of 128 (tp 8 pp 4 dp 4)"], None),
    ("the same 4,096, every flow routed (the reference the closed forms are tested against)",
     "-", ["fabric place + eval, 3D torus of 4,096, every flow routed"], None),
    ("fabric workspace per accelerator, 4,096 / 65,536", "linear in N",
     ["fabric workspace per accelerator, N = 4096", "fabric workspace per accelerator, N = 65536"],
     None),
    ("step-time evaluation, GPT-3 175B / DeepSeek-V3 (MoE)", "< 1 us",
     ["steptime_eval_gpt3_1024", "steptime_eval_moe_deepseek_v3"], None),
    ("plan search, GPT-3 175B on 1,024 GPUs, GUI default space / full space", "< 20 ms / < 1 s",
     ["search_gui_gpt3_1024", "search_full_gpt3_1024"], None),
    ("full plan search, GPT-3 175B on 4,096 GPUs", "< 4 s", ["search_full_gpt3_4096"], None),
    ("inference: one evaluation / 256-point batch sweep / serving-plan search, Llama 3 70B, 64 H100",
     "< 2 us / < 1 ms / < 20 ms",
     ["inference_eval_70b_tp8", "inference_sweep_256_70b_tp8", "inference_search_70b_64"], None),
    ("system prepare, DGX H100 / Lite-GPU glass", "-",
     ["system prepare (dgx-h100)", "system prepare (lite-gpu-glass)"], None),
    ("system evaluation, given plan: DGX H100 (1,024) / Lite-GPU (4,096) / CS-3 (64)", "< 2 us",
     ["system eval, given plan, no search (dgx-h100, 1024 accelerators)",
      "system eval, given plan, no search (lite-gpu-glass, 4096 accelerators)",
      "system eval, given plan, no search (cs-3, 64 accelerators)"], None),
    ("system evaluation with the default plan search, DGX H100 / Lite-GPU", "< 20 ms",
     ["system eval with search, default space (dgx-h100, 1024 accelerators)",
      "system eval with search, default space (lite-gpu-glass, 4096 accelerators)"], None),
    ("failure evaluation, job filled from a system (DGX H100)", "< 1 us",
     ["system failure job and goodput (dgx-h100, 1024 accelerators)"], None),
    ("Lua `evaluate_system`, DGX, given plan / default search, per call", "<= 50 us / <= 1 ms",
     ["lua_evaluate_system_dgx_with_plan_per_call",
      "lua_evaluate_system_dgx_default_search_per_call"],
     ("C core", "system eval, given plan, no search (dgx-h100, 1024 accelerators)")),
    ("Lua `sweep_system`, DGX fixed plan, per point, 1 / 2 threads", "<= 0.8 us",
     ["lua_sweep_system_dgx_fixed_plan_per_point_threads1",
      "lua_sweep_system_dgx_fixed_plan_per_point_threads2"],
     ("C core", "system eval, given plan, no search (dgx-h100, 1024 accelerators)")),
    ("Lua `sweep_system`, DGX fixed plan, `outputs` = 3 cost columns, per point, 1 / 2 threads",
     "<= 0.8 us",
     ["lua_sweep_system_dgx_fixed_plan_outputs3_per_point_threads1",
      "lua_sweep_system_dgx_fixed_plan_outputs3_per_point_threads2"],
     ("C core", "system eval, given plan, no search (dgx-h100, 1024 accelerators)")),
    ("system re-prepare, staged, D0 changed: DGX H100 / Lite-GPU (C)", "<= 50 us",
     ["system re-prepare, staged, D0 changed (dgx-h100)",
      "system re-prepare, staged, D0 changed (lite-gpu-glass)"],
     ("full prepare", "system prepare (dgx-h100)")),
    ("Lua `sweep_system` re-preparing (D0), per point, 1 / 2 threads", "<= 50 us",
     ["lua_sweep_system_dgx_reprepare_d0_per_point_threads1",
      "lua_sweep_system_dgx_reprepare_d0_per_point_threads2"],
     ("C prepare", "system prepare (dgx-h100)")),
    ("Lua `sweep` of a yield model, 1e6 points, per point, 1 / 2 threads", "<= 50 ns",
     ["lua_sweep_yield_1m_per_point_threads1", "lua_sweep_yield_1m_per_point_threads2"],
     ("C core", "yield_eval_negbin")),
    ("100,000-point sweep from Lua: yield / 2-D link / whole DGX system", "< 200 ms",
     ["lua_sweep_100k_yield", "lua_sweep_100k_link_2d", "lua_sweep_system_100k_dgx_h100_fixed_plan"],
     None),
    ("3-series 1,000-point chart to SVG / PNG at 300 dpi", "< 20 ms / < 25 ms",
     ["chart_line_3x1000_svg", "chart_line_3x1000_png_300dpi"], None),
    ("full example report (examples/report.lua)", "< 2 s", ["lua_example_report"], None),
    ("Monte Carlo, 100,000 system evaluations (DGX, fixed plan) / tornado over 20 inputs",
     "< 1 s / < 10 ms",
     ["monte carlo, 100,000 system evaluations, dgx-h100, 20 eval-only inputs, fixed plan "
      "(target < 1 s, total)", "tornado, 20 inputs (41 evaluations), dgx-h100 (target < 10 ms)"],
     None),
    ("Monte Carlo with prepare-time inputs (D0, wafer price, matmul efficiency), two systems, per sample, 1 / 2 threads", "<= 50 us",
     ["monte_carlo_systems_prepare_inputs_per_sample_threads1",
      "monte_carlo_systems_prepare_inputs_per_sample_threads2"], None),
    ("Sobol indices, prepare-time inputs, 256 rows, 1 / 2 threads", "-",
     ["sobol_systems_prepare_inputs_256_rows_total_threads1",
      "sobol_systems_prepare_inputs_256_rows_total_threads2"], None),
    ("full plan search, DGX H100 / Lite-GPU system, 1 / 2 threads", "-",
     ["system_eval_search_full_space_dgx-h100_threads1",
      "system_eval_search_full_space_dgx-h100_threads2",
      "system_eval_search_full_space_lite-gpu-glass_threads1",
      "system_eval_search_full_space_lite-gpu-glass_threads2"], None),
    ("GUI start-up to first frame / headline figures final / uncertainty study done", "< 500 ms",
     ["gui_startup_first_frame", "gui_startup_results_frame", "gui_startup_uncertainty_frame"],
     ("bare libadwaita window's first frame", "gui_floor_first_frame")),
    ("GUI start-up to first frame, main thread CPU", "-", ["gui_startup_first_frame_cpu"],
     ("bare window's", "gui_floor_first_frame_cpu")),
    ("a bare libadwaita window of the same size to its first frame, wall / main thread CPU "
     "(bench/gui-floor.c: the floor)", "-", ["gui_floor_first_frame", "gui_floor_first_frame_cpu"],
     None),
    ("GUI parameter change to charts redrawn, median / p99 (200 changes)", "< 16 ms / < 33 ms",
     ["gui_redraw_after_change_p50", "gui_redraw_after_change_p99"], None),
    ("the same, main thread CPU, median / p99", "-",
     ["gui_redraw_after_change_cpu_p50", "gui_redraw_after_change_cpu_p99"], None),
]

COMPARE = re.compile(r"^\| ([^|]+?) \| ([^|]+?) \| ([^|]+?) \|$")


def to_seconds(value, unit):
    return value * UNITS[unit] if unit in UNITS else None


def parse(text, runs, compare):
    """Collects name -> (value in seconds or raw, unit) for one run's output."""
    out = {}
    in_compare = False
    for line in text.splitlines():
        m = COMPARE.match(line)
        if m and m.group(1) == "work (CPU time, one thread)":
            in_compare = True
            continue
        if not line.startswith("|"):
            in_compare = False
        if m and in_compare and not m.group(1).startswith("---"):
            compare.setdefault(m.group(1), []).append((m.group(2), m.group(3)))
            continue
        m = LINE.match(line)
        if not m:
            continue
        g = m.groups()
        name, value, unit = (g[0], g[1], g[2]) if g[0] is not None else (g[3], g[4], g[5])
        try:
            value = float(value)
        except ValueError:
            continue
        unit = unit or ""
        s = to_seconds(value, unit)
        out[name] = (s if s is not None else value, "s" if s is not None else unit)
    for k, v in out.items():
        runs.setdefault(k, []).append(v)


def quantity(text):
    """'323.9 ns' -> (3.239e-07, 's'); '21105' -> (21105.0, 'bytes'); '-' -> None."""
    parts = text.split()
    try:
        v = float(parts[0])
    except (ValueError, IndexError):
        return None
    if len(parts) > 1 and parts[1] in UNITS:
        return v * UNITS[parts[1]], "s"
    return v, "bytes"


def fmt_time(s):
    for unit, k in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if s >= k or unit == "ns":
            v = s / k
            return f"{v:.3g} {unit}" if v < 100 else f"{v:.0f} {unit}"
    return f"{s} s"


def fmt(v, unit):
    return fmt_time(v) if unit == "s" else f"{v:g} {unit}".strip()


def cell(values):
    if not values:
        return "-", "-", None
    vals = [v for v, _ in values]
    unit = values[0][1]
    med = statistics.median(vals)
    spread = f"{fmt(min(vals), unit)} - {fmt(max(vals), unit)}" if len(vals) > 1 else "one run"
    return fmt(med, unit), spread, med


def main():
    args = sys.argv[1:]
    build = "build"
    gui_runs = 0
    runs_n = 3
    while args:
        a = args.pop(0)
        if a == "--gui":
            gui_runs = int(args.pop(0))
        elif a == "--build":
            build = args.pop(0)
        else:
            runs_n = int(a)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    os.chdir(root)
    runs, compare, loads, machine = {}, {}, [], ""
    for i in range(runs_n):
        loads.append(open("/proc/loadavg").read().split()[0])
        print(f"readme-table: bench run {i + 1} of {runs_n}", file=sys.stderr)
        p = subprocess.run([os.path.join(build, "bench", "bench")], capture_output=True, text=True)
        machine = next((l for l in p.stdout.splitlines() if l.startswith("machine:")), machine)
        parse(p.stdout, runs, compare)
        p = subprocess.run([os.path.join(build, "bench", "bench"), "compare"],
                           capture_output=True, text=True)
        parse(p.stdout, runs, compare)
    gui_loads = ""
    if gui_runs:
        print("readme-table: GUI bench", file=sys.stderr)
        env = dict(os.environ, GP_BUILD_DIR=build)
        p = subprocess.run(["bench/gui-bench.sh", str(gui_runs)], capture_output=True, text=True,
                           env=env)
        for line in p.stdout.splitlines():
            m = re.match(r"^(gui_\w+): ([0-9.]+) (\w+) \(min ([0-9.]+), max ([0-9.]+)", line)
            if m:
                k = UNITS.get(m.group(3), 1.0)
                # gui-bench already reduces its runs: keep its median, min and max
                runs[m.group(1)] = [(float(m.group(4)) * k, "s"), (float(m.group(2)) * k, "s"),
                                    (float(m.group(5)) * k, "s")]
            if line.startswith("runs:"):
                gui_loads = line
    print(machine)
    print(f"bench runs: {runs_n}, load average (1 min) before each: {', '.join(loads)}"
          + (f"; GUI {gui_loads}" if gui_loads else ""))
    print()
    print("| figure | target | median of runs | spread over runs | ratio to reference (same run) |")
    print("|---|---|---:|---:|---|")
    for figure, target, names, ref in ROWS:
        meds, spreads, vals = [], [], []
        for n in names:
            m, s, v = cell(runs.get(n, []))
            meds.append(m)
            spreads.append(s)
            vals.append(v)
        ratio = ""
        if ref:
            _, _, rv = cell(runs.get(ref[1], []))
            if rv:
                ratio = " / ".join(f"{v / rv:.3g}x" if v else "-" for v in vals) + f" the {ref[0]}"
        print(f"| {figure} | {target} | {' / '.join(meds)} | {'; '.join(spreads)} | {ratio} |")
    if compare:
        print()
        print("| the same work (CPU time, one thread) | glasspane | numpy / matplotlib | ratio |")
        print("|---|---:|---:|---:|")
        for work, vals in compare.items():
            g = [q for q in (quantity(v) for v, _ in vals) if q]
            n = [q for q in (quantity(v) for _, v in vals) if q]
            gm = (statistics.median(v for v, _ in g), g[0][1]) if g else None
            nm = (statistics.median(v for v, _ in n), n[0][1]) if n else None
            r = f"{gm[0] / nm[0]:.2f}x" if gm and nm and nm[0] else "-"
            print(f"| {work} | {fmt(*gm) if gm else '-'} | {fmt(*nm) if nm else '-'} | {r} |")

if __name__ == "__main__":
    main()
