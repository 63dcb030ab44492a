#!/usr/bin/env python3
"""pictures.py - the slab pictures in docs/pictures/, from a real run.

    scripts/pictures.py        (make pictures)
    scripts/pictures.py slub   (make pictures SLAB=slub: docs/pictures/slub-*.svg)

Boots the firmware (tests/qemu/harness.py), runs each scenario's
commands with the automatic reaper off, takes `cache dump` outputs and
turns them into SVG with scripts/slabpic: docs/slab.md shows them.  The
scenarios are the docs' walkthroughs: figo_object after 20 allocations
on CPU 1 and 3 on CPU 2, then what a free of all 23 on CPU 3 and a
reaping pass moved; a 200-byte cache whose slabs show their colours,
after 200 allocations on CPU 2, their frees on CPU 1 and a reap.

On the SLUB image (make SLAB=slub) the same figo_object as SLUB keeps
it, in pictures named slub-*.svg beside SLAB's: 200 allocations on CPU
1 (one slab full, on the full list, a second CPU 1's slab with its
lockless freelist) and 3 on CPU 2 (its own CPU slab); then what CPU 3's
frees move: 12 of the full slab's objects (it becomes partial, the
objects on its page->freelist, last freed first), 2 of CPU 1's slab and
1 of CPU 2's (frozen CPU slabs: onto their page->freelist, not either
CPU's lockless freelist).
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


def held(board, name, cpu):
    """The objects the shell holds from @name that @cpu allocated, oldest first."""
    out = board.run_ok("cache objects " + name)
    return [a for a, c in re.findall(r"^(0x[0-9a-f]{8}) +(\d+) ", out, re.M) if int(c) == cpu]


def slub_pictures():
    board = Board(image="slub")
    try:
        board.boot()
        for line in ("cache create figo_object 20 8", "cpu 1 cache alloc figo_object 200",
                     "cpu 2 cache alloc figo_object 3"):
            board.run_ok(line)
        before = dump(board, "figo_object")
        render([before], "slub-figo_object.svg")
        ones, twos = held(board, "figo_object", 1), held(board, "figo_object", 2)
        frees = ones[0:24:2] + ones[170:172] + twos[1:2]
        board.run_ok("cpu 3 cache free figo_object " + " ".join(frees))
        after = dump(board, "figo_object")
        render(["--diff", before, after], "slub-figo_object-remote-free.svg")
    finally:
        board.close()


def main():
    os.makedirs(OUT, exist_ok=True)
    if sys.argv[1:] == ["slub"]:
        slub_pictures()
        return
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
