#!/usr/bin/env python3
"""bench-target-profile.py - where a `bench` row's instructions go on the
target, per function, counted exactly by QEMU.

Boots the firmware (build/slablab.elf, as `make bench` does: -icount
shift=0,sleep=off, 4 CPUs, 256 MiB) with a TCG plugin
(scripts/qemu_insn_windows.c, built here into build/) that counts every
instruction executed inside the benchmark's timed loops: from the entry
of bench_fill, bench_drain, bench_hot or bench_churn to the return from
it (only the loops the workload times).  Runs `bench WORKLOAD`, then maps each counted instruction to its
ELF function and prints, for each slablab row, the instructions per op
by function (the loops' own few included, in bench_fill etc.), summed
over the row's 11 batches.  The bench row's figure is the median batch
from the global timer; this is the mean, exact.

Usage: scripts/bench-target-profile.py [batch|churn|hot] [--min N] [--image slub]
       (after make; rows below --min instructions per op are summed
       into "(others)"; --image slub profiles the SLUB image,
       build-slub/slablab.elf, after make SLAB=slub)
"""

import bisect
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))

from harness import Board  # noqa: E402

ELF = os.path.join(ROOT, "build", "slablab.elf")
IMAGE = "elf"          # the harness's name for ELF (--image slub: SLUB's)
PLUGIN_SRC = os.path.join(HERE, "qemu_insn_windows.c")
PLUGIN = os.path.join(ROOT, "build", "qemu_insn_windows.so")
BATCHES = 11           # shell/cmd_bench.c: BENCH_BATCHES
OPS = 10000
# the timed loops (shell/bench_loops.c), windows per batch, and the rows in
# the order `bench WORKLOAD` runs them; churn's fill and empty call
# bench_fill/bench_drain one object at a time, outside the timing
WORKLOADS = {
    "batch": (["bench_fill", "bench_drain"], 2,
              ["slablab kmem_cache 64", "slablab kmalloc 64", "newlib malloc 64"]),
    "churn": (["bench_churn"], 1, ["slablab kmalloc 8..2048", "newlib malloc 8..2048"]),
    "hot": (["bench_hot"], 1, ["slablab kmem_cache 64", "slablab kmalloc 64", "newlib malloc 64"]),
}


def build_plugin():
    if (os.path.exists(PLUGIN) and
            os.path.getmtime(PLUGIN) >= os.path.getmtime(PLUGIN_SRC)):
        return
    subprocess.run([os.environ.get("HOSTCC", "gcc"), "-O2", "-shared", "-fPIC",
                    "-fvisibility=hidden", "-Wall", "-o", PLUGIN, PLUGIN_SRC], check=True)


def symbols():
    """Sorted (address, name) of the ELF's functions."""
    nm = os.environ.get("NM", "arm-none-eabi-nm")
    out = subprocess.run([nm, "-n", ELF], capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "tTwW" and not f[2].startswith("$"):
            syms.append((int(f[0], 16), f[2]))
    return syms


def marks(loops):
    """Entries of the timed loops, and the instructions after each call of them."""
    objdump = os.environ.get("OBJDUMP", "arm-none-eabi-objdump")
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", ELF], capture_output=True,
                         text=True, check=True).stdout
    on, off = [], []
    for m in re.finditer(r"^([0-9a-f]+) <(\w+)>:$", out, re.M):
        if m.group(2) in loops:
            on.append(int(m.group(1), 16))
    for m in re.finditer(r"^\s*([0-9a-f]+):\s+bl\s+[0-9a-f]+ <(\w+)>", out, re.M):
        if m.group(2) in loops:
            off.append(int(m.group(1), 16) + 4)
    return on, off


def run(workload, loops, path):
    on, off = marks(loops)
    arg = "%s,out=%s,on=%s,off=%s" % (PLUGIN, path, ":".join("0x%x" % a for a in on),
                                      ":".join("0x%x" % a for a in off))
    board = Board(image=IMAGE, extra=["-icount", "shift=0,sleep=off", "-plugin", arg])
    try:
        board.boot(timeout=120.0)
        out = board.run_ok("bench %s" % workload, timeout=1800.0)
        board.run_ok("verify")
    finally:
        board.close()
    return out


def windows(path):
    """[(total, {vaddr: runs})] in order."""
    result = []
    with open(path) as f:
        for line in f:
            if line.startswith("W "):
                result.append((int(line.split()[2]), {}))
            elif line.startswith("B ") and len(line.split()) == 3:
                _, addrs, runs = line.split()
                counts = result[-1][1]
                for a in addrs.split(","):
                    a = int(a, 16)
                    counts[a] = counts.get(a, 0) + int(runs)
    return result


def main():
    global ELF, IMAGE
    args = sys.argv[1:]
    minimum = 0.5
    if "--image" in args:
        i = args.index("--image")
        if args[i + 1] != "slub":
            sys.exit("bench-target-profile: --image slub is the only other image")
        ELF, IMAGE = os.path.join(ROOT, "build-slub", "slablab.elf"), "slub"
        del args[i:i + 2]
    if "--min" in args:
        i = args.index("--min")
        minimum = float(args[i + 1])
        del args[i:i + 2]
    workload = args[0] if args else "batch"
    loops, per_batch, rows = WORKLOADS[workload]
    build_plugin()
    syms = symbols()
    addrs = [a for a, _ in syms]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "windows.txt")
        out = run(workload, loops, path)
        wins = windows(path)
    want = per_batch * BATCHES * len(rows)
    if len(wins) != want:
        sys.exit("bench-target-profile: %d windows, expected %d" % (len(wins), want))
    print("bench %s, %s; QEMU -icount shift=0,sleep=off; instructions per op"
          " counted by scripts/qemu_insn_windows.c, mean of %d batches of %d" %
          (workload, os.path.relpath(ELF, ROOT), BATCHES, OPS))
    for line in out.splitlines():
        if re.match(r"^%s\s+slablab" % workload[:5], line):
            print("  board: " + line)
    for r, row in enumerate(rows):
        if not row.startswith("slablab"):
            continue
        chunk = wins[r * per_batch * BATCHES:(r + 1) * per_batch * BATCHES]
        by_fn, total = {}, 0
        for _, counts in chunk:
            for a, n in counts.items():
                i = bisect.bisect_right(addrs, a) - 1
                name = syms[i][1] if i >= 0 else "?"
                by_fn[name] = by_fn.get(name, 0) + n
                total += n
        ops = BATCHES * OPS
        print("\n%s: %.1f instructions per op" % (row, total / ops))
        others = 0
        for name, n in sorted(by_fn.items(), key=lambda kv: -kv[1]):
            if n / ops < minimum:
                others += n
                continue
            print("  %7.1f  %s" % (n / ops, name))
        if others:
            print("  %7.1f  (others)" % (others / ops))


if __name__ == "__main__":
    main()
