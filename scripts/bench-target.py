#!/usr/bin/env python3
"""bench-target.py - `make bench`: run the board's `bench all` under QEMU
with -icount shift=0,sleep=off and write its output to build/bench.txt.

Why icount: without it QEMU's virtual clocks follow the host's clock, so
the global timer would measure how fast the host emulates (and how busy
it is), not what the firmware does.  With -icount shift=0 virtual time
advances exactly one nanosecond per guest instruction (2^0 ns), so a
timer difference on the board is an instruction count: the same on every
run, on every host.  sleep=off stops QEMU from skipping virtual time
while every CPU sleeps, so idle time is not counted either.  The other
CPUs must sleep in wfi while a batch runs (every instruction any CPU
executes moves the clock): this script checks in QEMU's monitor that
every CPU sleeps in wfi before and after the run.  The global timer at 100 MHz ticks once per 10
instructions, fine enough for batches of 10,000 operations.

Usage: scripts/bench-target.py [--image slub|--compare] [OUTPUT] [BENCH ARGS...]
       (default build/bench.txt, `bench all`)

--image slub runs the SLUB image (make SLAB=slub, build-slub/slablab.elf)
instead of SLAB's.  --compare runs the same command on both images, one
after the other (SLAB's first), and writes both reports and then one
table of every row side by side: SLAB's median, SLUB's, and SLUB's over
SLAB's.  Under icount each figure is the same on every run, so the two
boards need not run at once to be compared.
"""

import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))

from harness import Board  # noqa: E402

ICOUNT = ["-icount", "shift=0,sleep=off"]
BENCH_TIMEOUT = 1800.0


def qemu_version():
    qemu = os.environ.get("QEMU", "qemu-system-arm")
    out = subprocess.run([qemu, "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else qemu


def wfi_addresses(elf):
    """Where the firmware's wfi instructions are, from its disassembly."""
    objdump = os.environ.get("OBJDUMP", "arm-none-eabi-objdump")
    out = subprocess.run([objdump, "-d", elf], capture_output=True, text=True,
                         check=True).stdout
    return {int(m.group(1), 16) for m in re.finditer(r"^([0-9a-f]+):\s+e320f003\s+wfi", out, re.M)}


def read_pcs(board):
    """Every CPU's pc, from QEMU's monitor (Ctrl-A C there and back)."""
    board.send("\x01c")                       # Ctrl-A C: QEMU's monitor
    board.expect(r"\(qemu\) ")
    board.send("info registers -a\r")
    m = board.expect(r"(CPU#0.*?)\(qemu\) ", flags=re.S)
    board.send("\x01c")                       # back to the serial port
    board.run("")
    return re.findall(r"CPU#(\d+).*?R15=([0-9a-f]+)", m.group(1), re.S)


def cpus_asleep(board, wfis, tries=20):
    """Every CPU's pc, from QEMU's monitor: each must sit just after a wfi.

    The firmware cannot tell whether a CPU sleeps; QEMU can.  A halted
    vCPU's R15 is the instruction after its wfi.  Checked between
    commands, when the shell's CPU waits for input in wfi too; a CPU may
    still be finishing the prompt's last character (pl011_putc) when the
    monitor looks, so a few looks are allowed before it counts as awake.
    """
    for _ in range(tries):
        pcs = read_pcs(board)
        awake = ["cpu%s pc 0x%s" % (cpu, pc) for cpu, pc in pcs if int(pc, 16) - 4 not in wfis]
        if len(pcs) == board.smp and not awake:
            break
        time.sleep(0.2)
    if len(pcs) != board.smp or awake:
        sys.exit("bench-target: not every CPU sleeps in wfi (%s); the figures would count"
                 " their work" % (", ".join(awake) or "%d CPUs seen" % len(pcs)))
    return ", ".join("cpu%s at 0x%s" % (cpu, pc) for cpu, pc in pcs)


# image -> (its ELF, relative to ROOT; what the report calls it)
IMAGES = {"elf": ("build/slablab.elf", "SLAB"), "slub": ("build-slub/slablab.elf", "SLUB")}


def measure(image, command):
    """One board of @image: @command's report, with its header lines."""
    elf = os.path.join(ROOT, IMAGES[image][0])
    wfis = wfi_addresses(elf)
    board = Board(image=image, extra=ICOUNT)
    try:
        board.boot(timeout=60.0)
        before = cpus_asleep(board, wfis)
        result = board.run_ok(command, timeout=BENCH_TIMEOUT)
        after = cpus_asleep(board, wfis)
        verify = board.run_ok("verify")
    finally:
        board.close()
    if "verify: OK" not in verify:
        sys.exit("bench-target: verify after the run:\n" + verify)
    return ("# %s; %s\n# %s\n# board command: %s\n"
            "# asleep in wfi before the run: %s\n# and after: %s\n%s"
            % (qemu_version(), board.describe(),
               " ".join(os.path.relpath(a, ROOT) if a.startswith(ROOT) else a
                        for a in board.argv), command,
               before, after, result))


# "hot    slablab  kmem_cache 64     10000     87.0     87.0     87.1 ..."
ROW = re.compile(r"^(\w+)\s+(slablab|newlib)\s+(\S+(?: \S+)?)\s+(\d+)\s+([\d.]+)\s+"
                 r"([\d.]+)\s+([\d.]+)", re.M)


def rows(report):
    """[(work, allocator, call, median)] of one report, in its order."""
    return [(m.group(1), m.group(2), m.group(3), float(m.group(5)))
            for m in ROW.finditer(report)]


def side_by_side(slab, slub):
    """Every row of both reports: SLAB's median, SLUB's, their ratio."""
    theirs = {r[:3]: r[3] for r in rows(slub)}
    out = ["# side by side: median instructions per op (SLUB/SLAB: SLUB's over SLAB's;"
           " newlib's malloc is the same code on both boards)",
           "%-6s %-8s %-17s %9s %9s %9s" % ("work", "alloc", "call", "SLAB", "SLUB",
                                            "SLUB/SLAB")]
    for work, alloc, call, mine in rows(slab):
        other = theirs.get((work, alloc, call))
        out.append("%-6s %-8s %-17s %9.1f %9s %9s" % (
            work, alloc, call, mine, "-" if other is None else "%.1f" % other,
            "-" if other is None or not mine else "%.2f" % (other / mine)))
    return "\n".join(out) + "\n"


def main():
    args = sys.argv[1:]
    images = ["elf"]
    if args[:1] == ["--compare"]:
        images, args = ["elf", "slub"], args[1:]
    elif args[:1] == ["--image"] and len(args) > 1 and args[1] in IMAGES:
        images, args = [args[1]], args[2:]
    elif args[:1] and args[0].startswith("--"):
        sys.exit("usage: bench-target.py [--image elf|slub | --compare] [OUTPUT] [BENCH ARGS...]")
    output = args[0] if args else os.path.join(ROOT, "build", "bench.txt")
    command = " ".join(["bench"] + (args[1:] or ["all"]))
    reports = [measure(image, command) for image in images]
    text = "".join("## %s (%s)\n%s\n" % (IMAGES[i][1], IMAGES[i][0], r) if len(images) > 1
                   else r for i, r in zip(images, reports))
    if len(images) > 1:
        text += side_by_side(*reports)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
