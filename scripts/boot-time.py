#!/usr/bin/env python3
"""boot-time.py - wall-clock time from starting QEMU to the first prompt.

    python3 scripts/boot-time.py [RUNS] [elf|bin]

Starts QEMU with the `make run` flags RUNS times (default 10) and prints
the minimum, median and maximum time until "slab> " appears, plus the
firmware's own uptime at the prompt (from the global timer), which
excludes QEMU's start-up.  Build first (make).
"""

import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "qemu"))
from harness import Board  # noqa: E402


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    image = sys.argv[2] if len(sys.argv) > 2 else "elf"
    walls, firm = [], []
    for _ in range(runs):
        t0 = time.monotonic()
        b = Board(image=image)
        try:
            b.boot()
            walls.append(time.monotonic() - t0)
            m = re.search(r"\((\d+\.\d+) s since boot\)", b.run("uptime"))
            firm.append(float(m.group(1)))
        finally:
            b.close()
    print("%s, %d runs: QEMU start to prompt min %.3f s, median %.3f s, max %.3f s"
          % (image, runs, min(walls), statistics.median(walls), max(walls)))
    print("firmware uptime at the first command: median %.3f s" % statistics.median(firm))


if __name__ == "__main__":
    main()
