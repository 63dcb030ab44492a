"""test_smp.py - smp's phases one at a time, and its 64-bit times.

(test_commands.py checks the counts of a whole smp run and its errors.)
"""

import re

from harness import Board, check

BOARDS = [dict(image="elf", smp=4, mem="256M")]

PHASE_LINE = {
    "call": r"^call  cpu\d: ",
    "bcast": r"^bcast all : ",
    "lock": r"^lock  \d CPUs x ",
    "irqlock": r"^irqlock \d CPUs x ",
}


def test_one_phase_at_a_time(board):
    for phase, line in PHASE_LINE.items():
        out = board.run_ok("smp 50 %s" % phase)
        for other, other_line in PHASE_LINE.items():
            found = re.findall(other_line, out, re.M)
            want = (3 if phase == "call" else 1) if other == phase else 0
            check(len(found) == want, "smp 50 %s printed %d %s lines:\n%s"
                  % (phase, len(found), other, out))
    out = board.run_ok("smp irqlock")       # a phase alone takes the default count
    check(re.search(r"^irqlock 4 CPUs x 1000: spinlock counter 4000 \(expected 4000\), \d+ ns$",
                    out, re.M), out)


def test_phase_errors(board):
    usage = "usage: smp [COUNT] [call|bcast|lock|irqlock]\n"
    cases = [
        ("smp 5 irqlok", "error: smp: unknown phase 'irqlok' (call, bcast, lock or irqlock)\n"),
        ("smp all", "error: smp: unknown phase 'all' (call, bcast, lock or irqlock)\n"),
        ("smp lock 5", "error: bad count 'lock': not a number\n"),     # COUNT comes first
        ("smp 5x lock", "error: bad count '5x': not a number\n"),
        ("smp 0 lock", "error: bad count '0': must be at least 1\n"),
        ("smp 5 lock x", "error: smp: too many arguments\n"),
    ]
    for line, error in cases:
        out = board.run(line)
        check(out == error + usage, "%s -> %r" % (line, out))


def test_a_phase_over_4_3_seconds_prints_its_true_time():
    # Under -icount shift=10 every instruction any CPU executes moves
    # QEMU's virtual clock, which the global timer follows, on by exactly
    # 1024 ns, however busy the host is.  Each irqlock turn executes at
    # least 8 instructions while it holds the lock: the plain counter's
    # load and store and, in gtimer_udelay(1), two gtimer_read()s of three
    # volatile timer reads each.  600000 turns therefore take at least
    # 600000 x 8 x 1024 ns = 4.9 s > 2^32 ns: the time printed must be at
    # least that (the 32-bit code printed it modulo 2^32), and at most the
    # uptime that passed around the command.  The reaper is off, so the
    # CPUs run only the phase and the idle loop.
    board = Board(extra=["-icount", "shift=10,sleep=off"])
    try:
        board.boot(60)
        check(board.run_ok("reap auto off") == "automatic reaping is off\n", "reap auto off")
        t0 = uptime_ns(board)
        out = board.run_ok("smp 150000 irqlock", timeout=300)
        t1 = uptime_ns(board)
        m = re.fullmatch(r"irqlock 4 CPUs x 150000: spinlock counter 600000 "
                         r"\(expected 600000\), (\d+) ns\n", out)
        check(m, out)
        ns = int(m.group(1))
        bound = 600000 * 8 * 1024
        check(bound > 2 ** 32, "the bound proves nothing")
        check(bound <= ns <= t1 - t0 + 1000000, "%d ns printed, at least %d and at most "
              "the %d ns of uptime around it" % (ns, bound, t1 - t0))
    finally:
        board.close()


def uptime_ns(board):
    m = re.search(r"\((\d+)\.(\d{3}) s since boot\)$", board.run_ok("uptime"), re.M)
    check(m, "uptime")
    return (int(m.group(1)) * 1000 + int(m.group(2))) * 1000000
