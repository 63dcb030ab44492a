#!/usr/bin/env python3
"""bench-host.py - run the host benchmarks of `make bench-host` and report.

Runs each bench/bench_host.c binary (built by bench/bench_host.mk) twice:
  - natively, --reps times --ops operations per workload: ns per op, the
    median (min..max) of the reps, minus the same workload's median in the
    null binary (the harness's loop and the op_* wrapper calls);
  - under callgrind, once with --cg-ops operations per workload: each
    workload is one dump, and its cost is what the op_* wrappers call,
    inclusive (the callees' cost lines of the op_* functions): exact
    instructions inside the allocator, nothing of the harness.
  - natively, the binary's "scale" rounds: two threads against one on
    one cache, each round beside a control loop that touches no memory,
    with the load average before and after: whether the machine gave the
    two threads two cores is measured, not assumed.
Prints three tables (instructions per op, ns per op, scaling) and writes
DIR/results.csv and DIR/results.json.  Uses the standard library only.
"""
import argparse
import csv
import glob
import json
import os
import platform
import re
import statistics
import subprocess
import sys

# slablab is SLAB's mm/, slub the same harness on SLUB's (make SLAB=slub)
ALLOCATORS = ["slablab", "slub", "glibc", "jemalloc", "tcmalloc", "mimalloc"]
WORKLOADS = [
    ("hot_cache", "kmem_cache alloc+free, 64 B"),
    ("hot_kmalloc", "kmalloc+kfree / malloc+free, 64 B"),
    ("churn", "churn step (1,000 live, random 8..2048 B)"),
    ("batch", "batch (alloc 10,000, free all), per object"),
    ("xthread1", "one thread, alloc+free 64 B (one cache)"),
    ("xthread", "two threads on one cache, per pair"),
    ("buddy0", "buddy order-0 alloc+free pair"),
    ("buddy3", "buddy order-3 alloc+free pair"),
]
TRIGGER = "desc: Trigger: Client Request: "
WRAPPERS = re.compile(r"^op_[a-z_]+$")


def run(cmd):
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        sys.exit("bench-host: %s failed (exit %d):\n%s" % (" ".join(cmd), res.returncode,
                                                          res.stderr[-2000:]))
    return res.stdout


def loadavg():
    """The 1-minute load average: how busy the machine was around a run."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def native(binary, ops, reps, rounds, scale_ops):
    """{workload: (ops, median, min, max)} from the "ns ..." lines, the
    "scale" rounds (two threads' ratio, the control's) and the load average
    before and after."""
    out = {"load": [loadavg()]}
    for line in run([binary, "--ops", str(ops), "--reps", str(reps),
                     "--rounds", str(rounds), "--scale-ops", str(scale_ops)]).splitlines():
        f = line.split()
        if f and f[0] == "ns":
            out[f[1]] = (int(f[2]), float(f[3]), float(f[4]), float(f[5]))
        elif f and f[0] == "scale":
            out.setdefault("scale", []).append((float(f[2]), float(f[3])))
        elif line.startswith("Node "):
            out.setdefault("buddyinfo", []).append(line.rstrip())
    out["load"].append(loadavg())
    return out


CONTROL_OK = 1.8    # a round counts if the control loop scaled this well


def scaling_summary(rounds):
    """Two threads against one from interleaved rounds: the median ratio
    over all rounds, the control's, and the median over the rounds in which
    the control (no shared memory) scaled >= CONTROL_OK, i.e. the machine
    gave the two threads two cores."""
    if not rounds:
        return None
    free = [r for r, c in rounds if c >= CONTROL_OK]
    return {"rounds": len(rounds), "median": statistics.median(r for r, _ in rounds),
            "control_median": statistics.median(c for _, c in rounds),
            "free_rounds": len(free), "free_median": statistics.median(free) if free else None,
            "min": min(r for r, _ in rounds), "max": max(r for r, _ in rounds)}


def wrapper_callee_cost(path):
    """(workload, ops, Ir) of one callgrind dump: the op_* wrappers' callees."""
    names, fn, total, after_calls, trigger = {}, None, 0, False, None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(TRIGGER):
                trigger = line[len(TRIGGER):]
            m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line)
            if m:
                if m.group(3) is not None:
                    names[m.group(2)] = m.group(3)
                if m.group(1) == "fn":
                    fn = names.get(m.group(2))
                continue
            if line.startswith("calls="):
                after_calls = True
                continue
            if after_calls:
                after_calls = False
                if fn and WRAPPERS.match(fn):
                    total += int(line.split()[1])
    if not trigger or "/" not in trigger:
        return None
    name, ops = trigger.rsplit("/", 1)
    return name, int(ops), total


def callgrind(binary, ops, outdir, tag):
    for old in glob.glob(os.path.join(outdir, "cg.%s.out*" % tag)):
        os.remove(old)
    out = os.path.join(outdir, "cg.%s.out" % tag)
    run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
         binary, "--ops", str(ops), "--reps", "1"])
    result = {}
    for dump in sorted(glob.glob(out + ".*")):
        r = wrapper_callee_cost(dump)
        if r:
            result[r[0]] = (r[1], r[2])
    return result


def tool_version(cmd):
    try:
        return run(cmd).splitlines()[0].strip()
    except (OSError, SystemExit, IndexError):
        return "unknown"


def package_version(pkg):
    try:
        return run(["dpkg-query", "-W", "-f=${Version}", pkg]).strip()
    except (OSError, SystemExit):
        return "unknown"


def fmt(v, digits):
    return "-" if v is None else ("%.*f" % (digits, v))


def print_table(title, rows, key, digits, allocators):
    print("\n" + title)
    head = "| workload | " + " | ".join(allocators) + " |"
    print(head)
    print("|---|" + "---|" * len(allocators))
    for wl, label in WORKLOADS:
        cells = [fmt(rows.get((a, wl), {}).get(key), digits) for a in allocators]
        print("| %s | %s |" % (label, " | ".join(cells)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--ops", type=int, default=500000)
    ap.add_argument("--cg-ops", type=int, default=20000)
    ap.add_argument("--reps", type=int, default=11)
    ap.add_argument("--rounds", type=int, default=21)
    ap.add_argument("--scale-ops", type=int, default=4000000)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--allocators", default=",".join(ALLOCATORS),
                    help="comma-separated subset, e.g. slablab,slub")
    args = ap.parse_args()
    allocators = args.allocators.split(",")
    unknown = set(allocators) - set(ALLOCATORS)
    if unknown:
        sys.exit("bench-host: unknown allocator(s) %s; known: %s"
                 % (", ".join(sorted(unknown)), ", ".join(ALLOCATORS)))

    def binary(name):
        return os.path.join(args.dir, "bench_" + name)

    base = native(binary("null"), args.ops, args.reps, 1, 10000)
    rows, buddyinfo, scaling, load = {}, [], {}, {}
    for alloc in allocators:
        ns = native(binary(alloc), args.ops, args.reps, args.rounds, args.scale_ops)
        buddyinfo += ns.pop("buddyinfo", [])
        load[alloc] = ns.pop("load")
        scaling[alloc] = scaling_summary(ns.pop("scale", []))
        cg = callgrind(binary(alloc), args.cg_ops, args.dir, alloc)
        for wl, _ in WORKLOADS:
            if wl not in ns and wl not in cg:
                continue
            r = {"allocator": alloc, "workload": wl}
            if wl in cg:
                r["cg_ops"], ir = cg[wl]
                r["instr_per_op"] = ir / r["cg_ops"]
            if wl in ns:
                nops, med, lo, hi = ns[wl]
                b = base[wl][1]
                r.update(ops=nops, ns_per_op=med - b, ns_min=lo - b, ns_max=hi - b,
                         ns_harness=b)
            rows[(alloc, wl)] = r

    machine = {
        "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                     if l.startswith("model name")), platform.processor()),
        "nproc": os.cpu_count(),
        "kernel": platform.release(),
        "cc": tool_version([args.cc, "--version"]),
        "valgrind": tool_version(["valgrind", "--version"]),
        "glibc": package_version("libc6"),
        "jemalloc": package_version("libjemalloc2"),
        "tcmalloc": package_version("libtcmalloc-minimal4"),
        "mimalloc": package_version("libmimalloc2.0"),
        "ops": args.ops, "cg_ops": args.cg_ops, "reps": args.reps, "rounds": args.rounds,
        "scale_ops": args.scale_ops,
    }
    print("machine: %s, %d CPUs, Linux %s" % (machine["cpu"], machine["nproc"],
                                             machine["kernel"]))
    print("compiler: %s; %s" % (machine["cc"], machine["valgrind"]))
    print("libraries: glibc %s, jemalloc %s, tcmalloc %s, mimalloc %s" % (
        machine["glibc"], machine["jemalloc"], machine["tcmalloc"], machine["mimalloc"]))
    print("churn: seed 0x5eed2b11, 1,000 live objects, sizes 8..2048 B")
    print("slablab's free lists when the buddy workloads start (buddyinfo):")
    for line in buddyinfo:
        print("  " + line)
    print_table("Instructions per op (callgrind, allocator calls only, %d ops per workload)"
                % args.cg_ops, rows, "instr_per_op", 1, allocators)
    print_table("ns per op (median of %d runs of %d ops, harness loop subtracted; noisy)"
                % (args.reps, args.ops), rows, "ns_per_op", 1, allocators)
    print("\nTwo threads vs one on one cache, throughput ratio: %d interleaved rounds of "
          "%d pairs each way, beside a control loop that touches no memory (it scales "
          "2.0x on two free cores); 'free' is the median over the rounds whose control "
          "scaled >= %.1fx; 1-minute load average before..after each binary:"
          % (args.rounds, args.scale_ops, CONTROL_OK))
    print("| allocator | median | control | free rounds | median of free | min..max | load |")
    print("|---|---|---|---|---|---|---|")
    for a in allocators:
        sc = scaling.get(a)
        if not sc:
            continue
        print("| %s | %.2fx | %.2fx | %d of %d | %s | %.2f..%.2f | %s..%s |" % (
            a, sc["median"], sc["control_median"], sc["free_rounds"], sc["rounds"],
            "-" if sc["free_median"] is None else "%.2fx" % sc["free_median"],
            sc["min"], sc["max"], fmt(load[a][0], 2), fmt(load[a][1], 2)))

    fields = ["allocator", "workload", "cg_ops", "instr_per_op", "ops", "ns_per_op",
              "ns_min", "ns_max", "ns_harness"]
    with open(os.path.join(args.dir, "results.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for (a, wl), r in rows.items():
            w.writerow({k: (round(v, 2) if isinstance(v, float) else v)
                        for k, v in r.items()})
    with open(os.path.join(args.dir, "results.json"), "w") as f:
        json.dump({"machine": machine, "workloads": dict(WORKLOADS),
                   "results": list(rows.values()), "xthread_scaling": scaling,
                   "loadavg": load}, f, indent=1)
    print("\nwrote %s/results.csv and results.json" % args.dir)


if __name__ == "__main__":
    main()
