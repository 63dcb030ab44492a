"""test_boot.py - both ways a Cortex-A9x4 starts, with 1, 2 and 4 CPUs.

ELF: QEMU starts every CPU at the entry point (no ATAGs; DRAM probed).
BIN: QEMU boots the raw image like Linux: CPU 0 gets ATAGs in r2 and the
secondaries wait in QEMU's boot monitor on SYS_FLAGS.
"""

import re
import time

from harness import Board, check, only_on, parse_cpus

BOARDS = [
    dict(image="elf", smp=4, mem="256M"),
    dict(image="bin", smp=4, mem="256M"),
    dict(image="elf", smp=2, mem="256M"),
    dict(image="bin", smp=2, mem="256M"),
    dict(image="elf", smp=1, mem="256M"),
    dict(image="bin", smp=1, mem="256M"),
    dict(image="elf", smp=4, mem="128M"),
    dict(image="bin", smp=4, mem="1024M"),
    dict(image="elf", smp=4, mem="1024M"),
]


def mem_mib(board):
    return int(board.mem.rstrip("M"))


def test_banner_cpus_online(board):
    check(re.search(r"^CPUs online: %d$" % board.smp, board.banner, re.M),
          "no 'CPUs online: %d' in:\n%s" % (board.smp, board.banner))


def test_banner_dram(board):
    want = "DRAM: %d MiB at 0x60000000" % mem_mib(board)
    check(re.search("^" + re.escape(want) + "$", board.banner, re.M),
          "no %r in:\n%s" % (want, board.banner))


@only_on(image="elf", smp=4, mem="1024M")
def test_dram_probe_finds_every_size(board):
    # Without ATAGs the firmware finds DRAM's end by a binary search over
    # 1 MiB steps (probing every step made QEMU's host fault in every huge
    # page of a 1 GiB board: seconds before the first prompt).  Sizes at
    # and next to the search's edges, booted once (from the 1 GiB board).
    for mib in (1, 2, 3, 255, 257, 511, 513, 1000, 1023):
        other = Board(image="elf", smp=1, mem="%dM" % mib)
        try:
            banner = other.boot()
        finally:
            other.close()
        check(re.search(r"^DRAM: %d MiB at 0x60000000$" % mib, banner, re.M),
              "-m %dM:\n%s" % (mib, banner))


def test_boot_path(board):
    m = re.search(r"^Boot: (.*)$", board.banner, re.M)
    check(m, "no Boot: line")
    line = m.group(1)
    if board.image == "bin":
        check(line.startswith("cpu0 with ATAGs at 0x60000100, DRAM size from ATAG_MEM"), line)
        route = "woken through SYS_FLAGS"
    else:
        check(line.startswith("cpu0 without ATAGs, DRAM size probed"), line)
        route = "entered at the entry point"
    if board.smp == 1:
        check(";" not in line, line)
    else:
        cpus = "cpu1" if board.smp == 2 else "cpu1-%d" % (board.smp - 1)
        check(line.endswith("; %s %s" % (cpus, route)), line)


def test_cpus_all_online(board):
    rows = parse_cpus(board.run_ok("cpus"))
    check(sorted(rows) == list(range(board.smp)), "cpus lists %s" % sorted(rows))
    for cpu, r in rows.items():
        check(r["state"] == "online", "cpu%d is %s" % (cpu, r["state"]))
        check(r["mpidr"] == 0x80000000 | cpu, "cpu%d mpidr 0x%08x" % (cpu, r["mpidr"]))
        check(r["this"] == (cpu == 0), "cpu%d 'this cpu' marker wrong" % cpu)


def test_every_cpu_ticks(board):
    before = parse_cpus(board.run_ok("cpus"))
    time.sleep(0.5)
    after = parse_cpus(board.run_ok("cpus"))
    for cpu in before:
        delta = after[cpu]["ticks"] - before[cpu]["ticks"]
        check(delta >= 10, "cpu%d ticked %d times in 0.5s" % (cpu, delta))
        check(after[cpu]["irqs"] > before[cpu]["irqs"], "cpu%d took no interrupt" % cpu)


def test_last_cpu_runs_command(board):
    last = board.smp - 1
    rows = parse_cpus(board.run_ok("cpu %d cpus" % last))
    marked = [cpu for cpu, r in rows.items() if r["this"]]
    check(marked == [last], "cpu %d cpus ran on %s" % (last, marked))
    check(board.run_error("cpu %d cpus" % board.smp)
          == "error: cpu %d does not exist (this board has cpu0-cpu%d)" % (board.smp, last),
          "cpu %d accepted" % board.smp)


def test_smp_services(board):
    out = board.run_ok("smp 200")
    for cpu in range(1, board.smp):
        check(re.search(r"^call  cpu%d: 200 calls" % cpu, out, re.M), out)
    check(re.search(r"^bcast all : 200 on_each_cpu calls on %d CPUs" % board.smp, out, re.M), out)
    want = 200 * board.smp
    check(re.search(r"^lock  %d CPUs x 200: spinlock counter %d, atomic counter %d "
                    % (board.smp, want, want), out, re.M), out)
    check(re.search(r"^irqlock %d CPUs x 200: spinlock counter %d \(expected %d\)"
                    % (board.smp, want, want), out, re.M), out)
