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

Usage: scripts/bench-target.py [OUTPUT] [BENCH ARGS...]
       (default build/bench.txt, `bench all`)
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


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "bench.txt")
    command = " ".join(["bench"] + (sys.argv[2:] or ["all"]))
    wfis = wfi_addresses(os.path.join(ROOT, "build", "slablab.elf"))
    board = Board(extra=ICOUNT)
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
    text = ("# %s; %s\n# %s\n# board command: %s\n"
            "# asleep in wfi before the run: %s\n# and after: %s\n%s"
            % (qemu_version(), board.describe(),
               " ".join(os.path.relpath(a, ROOT) if a.startswith(ROOT) else a
                        for a in board.argv), command,
               before, after, result))
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
