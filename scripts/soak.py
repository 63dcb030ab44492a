#!/usr/bin/env python3
"""soak.py - `make soak`: the stress command for minutes on one board.

Boots the image on 4 CPUs (SMP= MEM= change the board) and runs
`stress OPS 8 SEED` again and again, seeds FIRST, FIRST+1, ..., until
MINUTES have passed; every run must end without an error line, with 0
pattern mismatches, 0 detector reports, verify OK and the free pages as
before.  Then `verify` once more, and slabinfo (after `cache shrink all`)
must be what it was before the first run.  Prints one line per run and
the totals, writes them to OUTPUT too, and exits 1 at the first failure
(the run's whole output is printed).

Usage: scripts/soak.py MINUTES OPS FIRST_SEED [OUTPUT] [IMAGE]
       (make soak: SOAK_MINUTES=10 SOAK_OPS=20000 SOAK_SEED=1, build/soak.txt, elf;
       make soak SLAB=slub: build-slub/soak.txt, slub, or slub_debug with SLAB_DEBUG=1)
"""

import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "qemu"))

from harness import Board, TestFailure, check, parse_slabinfo  # noqa: E402

OPS = ["alloc", "kmalloc", "free", "pass", "shrink", "tune", "private"]
CPU_RX = re.compile(r"^cpu(\d): (.*) = (\d+) ops; (\d+) freed for other cpus, (\d+) failed, "
                    r"(\d+) reaper passes$", re.M)
RUN_TIMEOUT = 3600.0


def one_run(board, ops, seed):
    """One stress run's figures: ops, cross-CPU frees, failed, reaper passes, pages, and
    each op's count."""
    line = "stress %d 8 %d" % (ops, seed)
    out = board.run(line, RUN_TIMEOUT)
    try:
        check("error:" not in out, "the run failed")
        check(re.search(r"^pattern mismatches: 0$", out, re.M), "pattern mismatches")
        check(re.search(r"^detector reports: 0$", out, re.M), "detector reports")
        check(re.search(r"^verify: OK ", out, re.M), "verify")
        pages = re.search(r"^pages before=(\d+) after=(\d+)$", out, re.M)
        check(pages and pages.group(1) == pages.group(2), "pages")
        cpus = CPU_RX.findall(out)
        check(len(cpus) == board.smp and all(int(c[2]) == ops for c in cpus), "op counts")
    except TestFailure as e:
        raise TestFailure("%s: %s:\n%s" % (line, e, out))
    kinds = [0] * len(OPS)
    for c in cpus:
        words = c[1].split()
        check(words[0::2] == OPS, "op names: %s" % c[1])
        kinds = [a + int(b) for a, b in zip(kinds, words[1::2])]
    return [sum(int(c[i]) for c in cpus) for i in (2, 3, 4, 5)] + [int(pages.group(1)), kinds]


def main():
    minutes, ops, seed = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    output = sys.argv[4] if len(sys.argv) > 4 else "build/soak.txt"
    image = sys.argv[5] if len(sys.argv) > 5 else "elf"
    board = Board(image=image)
    lines = []

    def say(text):
        print(text, flush=True)
        lines.append(text)

    try:
        board.boot()
        board.run_ok("cache shrink all")
        before = parse_slabinfo(board.run_ok("slabinfo"))
        say("soak: %s, %d cpus, %s, stress %d 8 SEED from seed %d for %g minutes"
            % (image, board.smp, board.mem, ops, seed, minutes))
        start, runs, totals, kinds = time.time(), 0, [0, 0, 0, 0], [0] * len(OPS)
        while runs == 0 or time.time() - start < minutes * 60:
            t = time.time()
            fig = one_run(board, ops, seed + runs)
            totals = [a + b for a, b in zip(totals, fig[:4])]
            kinds = [a + b for a, b in zip(kinds, fig[5])]
            runs += 1
            say("run %d: seed %d, %d ops, %d freed by another cpu, %d failed, %d reaper passes, "
                "pages %d = %d, %.0f s" % (runs, seed + runs - 1, fig[0], fig[1], fig[2], fig[3],
                                          fig[4], fig[4], time.time() - t))
        verify = board.run_ok("verify", RUN_TIMEOUT).strip()
        check(verify.startswith("verify: OK "), verify)
        board.run_ok("cache shrink all")
        check(parse_slabinfo(board.run_ok("slabinfo")) == before, "slabinfo changed")
        say("soak: %d runs (seeds %d-%d) in %.1f minutes: %d ops (%s), %d freed by another "
            "cpu, %d failed (out of memory), %d reaper passes; 0 pattern mismatches, 0 detector "
            "reports, pages equal after every run, slabinfo as before; %s"
            % (runs, seed, seed + runs - 1, (time.time() - start) / 60, totals[0],
               ", ".join("%s %d" % kv for kv in zip(OPS, kinds)), totals[1], totals[2],
               totals[3], verify))
    except TestFailure as e:
        say("soak: FAILED: %s" % e)
        return 1
    finally:
        board.close()
        os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
        with open(output, "w") as f:
            f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
