"""test_smp.py - smp's phases one at a time, Ctrl-C in each, and its 64-bit times.

(test_commands.py checks the counts of a whole smp run and its errors.)
"""

import re

from harness import PROMPT, Board, check, needs

BOARDS = [dict(image="elf", smp=4, mem="256M")]

PHASE_LINE = {
    "call": r"^call  cpu\d: ",
    "bcast": r"^bcast all : ",
    "lock": r"^lock  \d CPUs x ",
    "irqlock": r"^irqlock \d CPUs x ",
    "stop": r"^stop  cpu\d held ",
}


def test_one_phase_at_a_time(board):
    for phase, line in PHASE_LINE.items():
        out = board.run_ok("smp 50 %s" % phase)
        for other, other_line in PHASE_LINE.items():
            found = re.findall(other_line, out, re.M)
            want = (board.smp - 1 if phase == "call" else 1) if other == phase else 0
            check(len(found) == want, "smp 50 %s printed %d %s lines:\n%s"
                  % (phase, len(found), other, out))
    out = board.run_ok("smp irqlock")       # a phase alone takes the default count
    n = board.smp
    check(re.search(r"^irqlock %d CPUs x 1000: spinlock counter %d \(expected %d\), \d+ ns$"
                    % (n, 1000 * n, 1000 * n), out, re.M), out)


def test_stop_holds_every_other_cpu(board):
    # stop_machine() (verify's rendezvous): while it holds them, the CPUs
    # counting in a loop must not count; a plain "smp" leaves it out.
    others = board.smp - 1
    for cpu in sorted({0, others}):
        out = board.run_ok("cpu %d smp 60 stop" % cpu)
        check(re.fullmatch(r"stop  cpu%d held %d other CPUs 60 times: they counted while held "
                           r"0 times, avg stop \d+ ns\n" % (cpu, others), out), out)
    check("stop" not in board.run_ok("smp 10"), "a plain smp ran the stop phase")
    check(interrupt(board, "smp 1000000 stop") == "", "Ctrl-C: an interrupted phase prints no result")


def test_phase_errors(board):
    usage = "usage: smp [COUNT] [call|bcast|lock|irqlock|stop]\n"
    cases = [
        ("smp 5 irqlok",
         "error: smp: unknown phase 'irqlok' (call, bcast, lock, irqlock or stop)\n"),
        ("smp all", "error: smp: unknown phase 'all' (call, bcast, lock, irqlock or stop)\n"),
        ("smp lock 5", "error: bad count 'lock': not a number\n"),     # COUNT comes first
        ("smp 5x lock", "error: bad count '5x': not a number\n"),
        ("smp 0 lock", "error: bad count '0': must be at least 1\n"),
        ("smp 5 lock x", "error: smp: too many arguments\n"),
    ]
    for line, error in cases:
        out = board.run(line)
        check(out == error + usage, "%s -> %r" % (line, out))


def interrupt(board, line):
    """Start @line, press Ctrl-C as soon as it runs; what it printed before its error."""
    board.send(line + "\r")
    board.expect(r"^" + re.escape(line) + r"\n")
    board.send("\x03")
    m = board.expect(r"\A(.*)^error: interrupted by Ctrl-C\n" + re.escape(PROMPT), 60,
                     re.M | re.S)
    return m.group(1)


def test_ctrl_c_stops_the_irqlock_phase(board):
    # One on_each_cpu() once ran all 1000000 x 4 turns with every CPU's
    # interrupts off: the Ctrl-C waited in the UART for hours.  Now the
    # handlers run in chunks and the Ctrl-C is seen between two.
    out = interrupt(board, "smp 1000000 irqlock")
    check(out == "", "an interrupted phase reports nothing else: %r" % out)
    check("spinlock counter %d " % (100 * board.smp) in board.run_ok("smp 100 irqlock"),
          "irqlock after Ctrl-C")


def test_ctrl_c_stops_the_lock_phase(board):
    out = interrupt(board, "smp 1000000 lock")
    check(out == "", "an interrupted phase reports nothing else (no lost updates): %r" % out)
    n = 100 * board.smp
    check("spinlock counter %d, atomic counter %d " % (n, n) in board.run_ok("smp 100 lock"),
          "lock after Ctrl-C")


@needs(cpus=2)
def test_ctrl_c_stops_the_call_and_bcast_phases(board):
    for phase in ("call", "bcast"):
        out = interrupt(board, "smp 1000000 %s" % phase)
        check(out == "", "%s: %r" % (phase, out))


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
    board = Board(smp=4, mem="256M", extra=["-icount", "shift=10,sleep=off"])
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


def test_locks_taken_with_interrupts_on_survive_the_tick():
    # Every CPU keeps a stack of the spinlocks it holds; held_push()
    # stored the slot before counting it, so a tick that took
    # timers[cpu].lock in between reused the slot, and the next unlock
    # BUG()ed in held_remove().  Under -icount the tick lands at exact
    # instruction counts, and smp's lock phase (contention.lock taken with
    # interrupts on, 4 x 10000 times, while the reaper runs) hit it in
    # every run.
    board = Board(smp=4, mem="256M", extra=["-icount", "shift=10,sleep=off"])
    try:
        board.boot(60)
        for _ in range(2):
            out = board.run("smp 10000 lock", timeout=300)
            check("Oops" not in out and "error" not in out, out)
            check(re.search(r"^lock  4 CPUs x 10000: spinlock counter 40000, atomic counter "
                            r"40000 \(expected 40000\)", out, re.M), out)
        check(board.run_ok("cpus").count(" online ") == 4, "a CPU stopped")
    finally:
        board.close()
