#!/usr/bin/env python3
"""pictures.py - the slab pictures in docs/pictures/, from a real run.

    scripts/pictures.py        (make pictures)

Boots the firmware (tests/qemu/harness.py), runs each scenario's
commands with the automatic reaper off, takes `cache dump` outputs and
turns them into SVG with scripts/slabpic: docs/slab.md shows them.  The
scenarios are the docs' walkthroughs: figo_object after 20 allocations
on CPU 1 and 3 on CPU 2, then what a free of all 23 on CPU 3 and a
reaping pass moved; a 200-byte cache whose slabs show their colours,
after 200 allocations on CPU 2, their frees on CPU 1 and a reap.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))
from harness import Board  # noqa: E402

OUT = os.path.join(ROOT, "docs", "pictures")
SLABPIC = os.path.join(ROOT, "scripts", "slabpic")
DUMP = re.compile(r'^\{"cache".*?\]\}$', re.M | re.S)


def dump(board, name):
    out = board.run_ok("cache dump " + name)
    m = DUMP.search(out)
    if not m:
        sys.exit("pictures: no dump in:\n" + out)
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    f.write(m.group(0))
    f.close()
    return f.name


def render(args, out):
    subprocess.run([sys.executable, SLABPIC] + args + ["-o", os.path.join(OUT, out)],
                   check=True)
    print("wrote docs/pictures/" + out)


def main():
    os.makedirs(OUT, exist_ok=True)
    board = Board()
    try:
        board.boot()
        for line in ("reap auto off", "cache create figo_object 20 8",
                     "cpu 1 cache alloc figo_object 20", "cpu 2 cache alloc figo_object 3"):
            board.run_ok(line)
        before = dump(board, "figo_object")
        render([before], "figo_object.svg")
        board.run_ok("cpu 3 cache free figo_object all")
        board.run_ok("reap")
        after = dump(board, "figo_object")
        render(["--diff", before, after], "figo_object-free-reap.svg")
        for line in ("cache create watch_object 200", "cpu 2 cache alloc watch_object 200",
                     "cpu 1 cache free watch_object all", "sleep 8", "reap"):
            board.run_ok(line, timeout=60)
        render([dump(board, "watch_object")], "watch_object.svg")
    finally:
        board.close()


if __name__ == "__main__":
    main()
