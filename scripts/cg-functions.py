#!/usr/bin/env python3
"""cg-functions.py - per-function instructions per op in one bench-host dump.

make bench-host's callgrind run leaves one dump per workload
(build/bench-host/cg.slablab.out.N, its trigger "WORKLOAD/OPS").  This
prints, for the workload asked for, each function's self and inclusive
instruction count divided by the dump's op count, the inline code of
header files counted in the function it was inlined into (callgrind_annotate
splits that by file).  Only what the op_* wrappers call is in the total,
as in scripts/bench-host.py; the harness's loop is left out.

Usage: scripts/cg-functions.py WORKLOAD [DUMP_PREFIX] [--min N]
  DUMP_PREFIX defaults to build/bench-host/cg.slablab.out; rows below
  --min (0.5) instructions per op, inclusive, are left out.

To profile one build without the whole bench-host run:
  make build/bench-host/bench_slablab
  valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \\
      build/bench-host/bench_slablab --ops 20000 --reps 1
  scripts/cg-functions.py batch /tmp/cg.out
"""

import glob
import re
import sys
from collections import defaultdict

WRAPPERS = re.compile(r"^op_")
TRIGGER = "desc: Trigger: Client Request: "


def parse(path):
    """(trigger, self{fn}, incl_calls{fn}, calls{(caller, callee)}, count{...})."""
    names = {}
    trigger, fn, cfn = None, None, None
    self_cost = defaultdict(int)
    call_cost = defaultdict(int)      # (caller, callee) -> inclusive cost of the calls
    call_count = defaultdict(int)
    after_calls = False
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(TRIGGER):
                trigger = line[len(TRIGGER):]
                continue
            m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line)
            if m:
                if m.group(3) is not None:
                    names[m.group(2)] = m.group(3)
                if m.group(1) == "fn":
                    fn = names.get(m.group(2))
                else:
                    cfn = names.get(m.group(2))
                continue
            if line.startswith("calls="):
                call_count[(fn, cfn)] += int(line[6:].split()[0])
                after_calls = True
                continue
            if not line or not (line[0].isdigit() or line[0] in "+-*"):
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            cost = int(parts[1])
            if after_calls:
                after_calls = False
                call_cost[(fn, cfn)] += cost
            elif fn:
                self_cost[fn] += cost
    return trigger, self_cost, call_cost, call_count


def inclusive(self_cost, call_cost):
    incl = defaultdict(int, self_cost)
    for (caller, callee), c in call_cost.items():
        if caller != callee:
            incl[caller] += c
    return incl


def main():
    args = [a for a in sys.argv[1:]]
    minimum = 0.5
    if "--min" in args:
        i = args.index("--min")
        minimum = float(args[i + 1])
        del args[i:i + 2]
    if not args:
        sys.exit(__doc__.strip())
    workload = args[0]
    prefix = args[1] if len(args) > 1 else "build/bench-host/cg.slablab.out"
    for dump in sorted(glob.glob(prefix + ".*")):
        trigger, self_cost, call_cost, call_count = parse(dump)
        if not trigger or trigger.rsplit("/", 1)[0] != workload:
            continue
        ops = int(trigger.rsplit("/", 1)[1])
        incl = inclusive(self_cost, call_cost)
        # only what the wrappers call
        roots = {callee for (caller, callee) in call_cost if caller and WRAPPERS.match(caller)}
        reach, todo = set(), list(roots)
        while todo:
            f = todo.pop()
            if f in reach:
                continue
            reach.add(f)
            todo += [ce for (cr, ce) in call_cost if cr == f]
        total = sum(c for (cr, ce), c in call_cost.items() if cr and WRAPPERS.match(cr))
        print("%s: %d ops, %.1f instructions per op (%s)" % (workload, ops, total / ops, dump))
        print("%10s %10s %10s  %s" % ("inclusive", "self", "calls/op", "function"))
        rows = sorted(reach, key=lambda f: -incl[f])
        for f in rows:
            if incl[f] / ops < minimum:
                continue
            calls = sum(n for (cr, ce), n in call_count.items() if ce == f and cr != f)
            print("%10.1f %10.1f %10.3f  %s" % (incl[f] / ops, self_cost[f] / ops, calls / ops, f))
        return
    print("no dump for %s under %s" % (workload, prefix), file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:         # piped into head
        sys.stderr.close()
