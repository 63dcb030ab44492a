#!/usr/bin/env python3
"""boot-time.py - how long the firmware takes from reset to the first prompt.

    python3 scripts/boot-time.py [RUNS] [elf|bin]
    python3 scripts/boot-time.py --icount [--mem 256M,1G] [--smp N] [--runs N] [--command CMD]
                                 [--elf PATH | elf|bin|slab_debug]

Without --icount: starts QEMU with the `make run` flags RUNS times
(default 10) and prints the minimum, median and maximum wall-clock time
until "slab> " appears, plus the firmware's own uptime at the prompt
(from the global timer), which excludes QEMU's start-up.

With --icount: boots once per memory size under
`-icount shift=0,sleep=off`, where one instruction is one nanosecond of
virtual time, so the count is exact and the same on every run and every
host.  The clock is the motherboard's SYS_24MHZ counter, which QEMU runs
from the virtual clock since reset (so, unlike the global timer, it
counts the code before the firmware starts its clock too).  Two
`md` reads of it are typed before the prompt appears; the first is
reset -> prompt plus one command, the second one command later, so
reset -> prompt = first - (second - first), to within the few hundred
instructions by which two commands differ.  One tick is 1/24 us, about
42 instructions.  --command CMD types CMD and a third read after the
prompt: CMD's own count is the difference less one md.  Each figure is
the minimum of --runs boots (see icount()).  Build first (make).
"""

import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "qemu"))
import harness  # noqa: E402
from harness import Board  # noqa: E402

SYS_24MHZ = 0x1000005c
ICOUNT = ["-icount", "shift=0,sleep=off"]
TICK_NS = 1000 / 24.0       # one SYS_24MHZ tick in ns, = instructions under icount


def wall_clock(runs, image):
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


def read_24mhz(board):
    out = board.output_until_prompt(120)
    while out == "":                    # the sacrificial Enter, if it survived
        out = board.output_until_prompt(120)
    m = re.match(r"%08x: ([0-9a-f]{8})" % SYS_24MHZ, out)
    if not m:
        sys.exit("boot-time.py: unexpected md output: %r" % out)
    return int(m.group(1), 16)


def icount_once(image, mem, smp, command):
    """One boot: (first read, second read, third read or None)."""
    md = "md 0x%08x 1\r" % SYS_24MHZ     # 16 bytes: one full UART FIFO
    b = Board(image=image, mem=mem, smp=smp, extra=ICOUNT)
    try:
        # Typed ahead: QEMU holds the bytes until the UART takes them.
        # The first byte may be lost: before pl011_init() enables the
        # FIFO the UART holds one byte, and enabling the FIFO empties it;
        # so the first byte is an Enter, harmless if it survives.
        b.send("\r" + md * 2 + (command + "\r" + md if command else ""))
        b.boot(120)
        reads = [read_24mhz(b), read_24mhz(b)]
        if command:
            b.output_until_prompt(600)
            reads.append(read_24mhz(b))
        return reads
    finally:
        b.close()


def icount(image, mems, smp, command, runs):
    """Reset -> prompt in instructions for each memory size; with
    @command, also what that command took, between two more reads.

    Instructions are counted exactly, but how many run is not quite
    fixed: input reaches the UART when QEMU's main loop hands it over,
    so interrupts and the surviving Enter land at different moments
    (a few thousand instructions), and if every CPU waits in wfi for
    input not yet handed over, sleep=off jumps the virtual clock to the
    next timer tick (up to 10 M).  Both only add, so each figure is the
    minimum over @runs boots; the maximum is printed beside it."""
    for mem in mems:
        results = [icount_once(image, mem, smp, command) for _ in range(runs)]
        boots = [(2 * r[0] - r[1]) * TICK_NS for r in results]     # first - one command
        best = min(boots)
        print("%s, -smp %d -m %s: reset to prompt %.2f M instructions (max %.2f M, %d boots)"
              % (image, smp, mem, best / 1e6, max(boots) / 1e6, runs))
        if command:
            costs = [(r[2] - r[1] - (r[1] - r[0])) * TICK_NS for r in results]
            best = min(costs)
            print("%s, -smp %d -m %s: '%s' %.3f M instructions (max %.3f M, %d boots)"
                  % (image, smp, mem, command, best / 1e6, max(costs) / 1e6, runs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--icount", action="store_true",
                    help="exact instruction counts under -icount shift=0,sleep=off")
    ap.add_argument("--mem", default="256M,1G", help="with --icount: memory sizes, comma-separated")
    ap.add_argument("--elf", help="with --icount: boot this image file instead "
                    "(another build, e.g. make BUILD=/tmp/os OPT_CFLAGS=-Os)")
    ap.add_argument("--runs", type=int, default=3, help="with --icount: boots per figure "
                    "(default 3; the minimum is printed)")
    ap.add_argument("--smp", type=int, default=4, help="with --icount: CPUs (default 4)")
    ap.add_argument("--command", help="with --icount: also count this shell command's "
                    "instructions, prompt to prompt (other CPUs' too, if they work)")
    ap.add_argument("args", nargs="*", help="[RUNS] [IMAGE] (RUNS without --icount only)")
    a = ap.parse_args()
    if a.icount:
        image = a.args[0] if a.args else "elf"
        if a.elf:
            image = os.path.abspath(a.elf)
            harness.IMAGES[image] = image      # os.path.join keeps an absolute path
        icount(image, a.mem.split(","), a.smp, a.command, a.runs)
        return
    runs = int(a.args[0]) if a.args else 10
    image = a.args[1] if len(a.args) > 1 else "elf"
    wall_clock(runs, image)


if __name__ == "__main__":
    main()
