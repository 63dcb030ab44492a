#!/usr/bin/python3
"""bench-chart.py - one PNG per workload from `make bench-host`'s results.csv.

    /usr/bin/python3 scripts/bench-chart.py build/bench-host/results.csv OUTDIR

Each chart has two panels: instructions per op (callgrind, exact) and ns
per op (median, with min..max as the error bar; noisy).  Uses Debian's
python3-matplotlib (scripts/install-deps.sh --bench-host), hence the
system interpreter.  Writes OUTDIR/bench-host-WORKLOAD.png.
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ORDER = ["slablab", "slub", "glibc", "jemalloc", "tcmalloc", "mimalloc"]
TITLES = {
    "hot_cache": "kmem_cache alloc+free, 64 B",
    "hot_kmalloc": "kmalloc+kfree / malloc+free, 64 B",
    "churn": "churn step (1,000 live, random 8..2048 B)",
    "batch": "batch (alloc 10,000, free all), per object",
    "xthread1": "one thread, alloc+free 64 B",
    "xthread": "two threads on one cache, per pair",
    "buddy0": "buddy order-0 alloc+free pair",
    "buddy3": "buddy order-3 alloc+free pair",
}


def num(s):
    return float(s) if s not in ("", None) else None


def chart(workload, rows, outdir):
    rows = sorted(rows, key=lambda r: ORDER.index(r["allocator"]))
    names = [r["allocator"] for r in rows]
    ir = [num(r["instr_per_op"]) or 0 for r in rows]
    ns = [num(r["ns_per_op"]) or 0 for r in rows]
    err = [[max(0, n - (num(r["ns_min"]) or n)) for n, r in zip(ns, rows)],
           [max(0, (num(r["ns_max"]) or n) - n) for n, r in zip(ns, rows)]]
    colours = [{"slablab": "#c0392b", "slub": "#2471a3"}.get(n, "#7f8c8d") for n in names]
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.2))
    a.bar(names, ir, color=colours)
    a.set_title("instructions per op (callgrind)", fontsize=10)
    for x, v in enumerate(ir):
        a.text(x, v, "%.0f" % v, ha="center", va="bottom", fontsize=8)
    b.bar(names, ns, color=colours, yerr=err, capsize=3)
    b.set_title("ns per op (median, min..max; noisy)", fontsize=10)
    for ax in (a, b):
        ax.tick_params(axis="x", labelsize=8)
        ax.margins(y=0.15)
    fig.suptitle(TITLES.get(workload, workload), fontsize=11)
    fig.tight_layout()
    path = os.path.join(outdir, "bench-host-%s.png" % workload)
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench-chart.py RESULTS.csv OUTDIR")
    by_workload = {}
    with open(sys.argv[1]) as f:
        for r in csv.DictReader(f):
            by_workload.setdefault(r["workload"], []).append(r)
    os.makedirs(sys.argv[2], exist_ok=True)
    for workload, rows in by_workload.items():
        print("chart: " + chart(workload, rows, sys.argv[2]))


if __name__ == "__main__":
    main()
