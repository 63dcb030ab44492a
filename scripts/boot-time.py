#!/usr/bin/env python3
"""boot-time.py - how long the firmware takes from reset to the first prompt.

    python3 scripts/boot-time.py [RUNS] [elf|bin]
    python3 scripts/boot-time.py --icount [--mem 256M,1G] [--smp N] [--command CMD]
                                 [elf|bin|slab_debug]

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
`md.l` reads of it are typed before the prompt appears; the first is
reset -> prompt plus one command, the second one command later, so
reset -> prompt = first - (second - first), to within the few hundred
instructions by which two commands differ.  One tick is 1/24 us, about
42 instructions.  --command CMD types CMD and a third read after the
prompt: CMD's own count is the difference less one md.l.  Build first
(make).
"""

import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "qemu"))
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


def icount(image, mems, smp, command):
    """Reset -> prompt in instructions for each memory size; with
    @command, also what that command took, between two more reads."""
    md = "md.l 0x%08x 1\r" % SYS_24MHZ
    for mem in mems:
        b = Board(image=image, mem=mem, smp=smp, extra=ICOUNT)
        try:
            # Typed ahead: QEMU holds the bytes until the UART takes them,
            # so no idle time (which sleep=off would skip) comes between.
            # The first byte may be lost: before pl011_init() enables the
            # FIFO the UART holds one byte, and enabling the FIFO empties
            # it; so the first byte is an Enter, harmless if it survives.
            b.send("\r" + md * 2)
            b.boot(120)
            first, second = read_24mhz(b), read_24mhz(b)
            if command:
                b.send(command + "\r" + md)
                b.output_until_prompt(600)
                third = read_24mhz(b)
        finally:
            b.close()
        cmd_cost = second - first      # one md.l, prompt to prompt
        boot = (first - cmd_cost) * TICK_NS
        print("%s, -smp %d -m %s: reset to prompt %.2f M instructions (SYS_24MHZ 0x%08x, "
              "0x%08x one command later)" % (image, smp, mem, boot / 1e6, first, second))
        if command:
            print("%s, -smp %d -m %s: '%s' %.3f M instructions"
                  % (image, smp, mem, command, (third - second - cmd_cost) * TICK_NS / 1e6))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--icount", action="store_true",
                    help="exact instruction counts under -icount shift=0,sleep=off")
    ap.add_argument("--mem", default="256M,1G", help="with --icount: memory sizes, comma-separated")
    ap.add_argument("--smp", type=int, default=4, help="with --icount: CPUs (default 4)")
    ap.add_argument("--command", help="with --icount: also count this shell command's "
                    "instructions, prompt to prompt (other CPUs' too, if they work)")
    ap.add_argument("args", nargs="*", help="[RUNS] [IMAGE] (RUNS without --icount only)")
    a = ap.parse_args()
    if a.icount:
        image = a.args[0] if a.args else "elf"
        icount(image, a.mem.split(","), a.smp, a.command)
        return
    runs = int(a.args[0]) if a.args else 10
    image = a.args[1] if len(a.args) > 1 else "elf"
    wall_clock(runs, image)


if __name__ == "__main__":
    main()
