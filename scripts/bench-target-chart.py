#!/usr/bin/python3
"""bench-target-chart.py - one PNG per workload from `make bench`'s report.

Reads build/bench.txt (the board's `bench all` under QEMU -icount) and
draws, per workload, the median instructions per op of every row as a
bar, with the batches' min and max as its error bar and the ratio to
newlib-nano written beside it.  Writes docs/bench-target-WORKLOAD.png.

Usage: /usr/bin/python3 scripts/bench-target-chart.py [REPORT] [OUTDIR]
Needs matplotlib (Debian: python3-matplotlib, for /usr/bin/python3).
"""

import os
import re
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROW = re.compile(r"^(\w+)\s+(slablab|newlib)\s+(\S+ \S+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)"
                 r"\s+([\d.]+)\s+(\S+)\s", re.M)
COLOURS = {"slablab": "#3b6ea5", "newlib": "#c0504d"}


def parse(text):
    rows = {}
    for m in ROW.finditer(text):
        work, alloc, call, ops, med, lo, hi, ratio = m.groups()
        rows.setdefault(work, []).append(dict(alloc=alloc, call=call, ops=int(ops),
                                              median=float(med), min=float(lo),
                                              max=float(hi), ratio=ratio))
    return rows


def chart(work, rows, qemu, outdir):
    fig, ax = plt.subplots(figsize=(7.5, 0.7 * len(rows) + 1.4))
    labels = ["%s %s" % (r["alloc"], r["call"]) for r in rows]
    y = list(range(len(rows)))[::-1]
    meds = [r["median"] for r in rows]
    err = [[r["median"] - r["min"] for r in rows], [r["max"] - r["median"] for r in rows]]
    ax.barh(y, meds, xerr=err, capsize=4, color=[COLOURS[r["alloc"]] for r in rows])
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    top = max(r["max"] for r in rows)
    for yi, r in zip(y, rows):
        note = "%.1f" % r["median"]
        if r["ratio"] != "-":
            note += "  (%s x newlib)" % r["ratio"]
        ax.text(r["max"] + top * 0.02, yi, note, va="center", fontsize=9)
    ax.set_xlim(0, top * 1.45)
    ax.set_xlabel("instructions per op: median of 11 batches of %d ops, bars min..max"
                  % rows[0]["ops"])
    ax.set_title("bench %s - slablab on QEMU vexpress-a9, %s -icount shift=0" % (work, qemu),
                 fontsize=10)
    fig.tight_layout()
    path = os.path.join(outdir, "bench-target-%s.png" % work)
    fig.savefig(path, dpi=80, metadata={"Software": None})
    plt.close(fig)
    return path


def main():
    report = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "bench.txt")
    outdir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docs")
    text = open(report).read()
    m = re.search(r"QEMU emulator version (\S+)", text)
    qemu = "QEMU " + (m.group(1) if m else "?")
    for work, rows in parse(text).items():
        print(chart(work, rows, qemu, outdir))


if __name__ == "__main__":
    main()
