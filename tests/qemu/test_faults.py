"""test_faults.py - faults inside commands unwind; faults elsewhere stop one CPU.

Written for any board of two CPUs or more: the tests pick their CPUs
from the board's (the last is board.smp - 1).
"""

import re

from harness import Board, check, kernel_lines, needs, no_verify, parse_cpus, unstamp

BOARDS = [dict(image="elf", smp=4, mem="256M"), dict(image="bin", smp=4, mem="256M")]

FAULT_ERRORS = {
    "dabt": r"^error: data abort at pc 0x6[0-9a-f]{7}: translation fault \(section\) "
            r"reading 0x00000010 \(DFSR 0x005\)$",
    "pabt": r"^error: prefetch abort at pc 0x00000020: translation fault \(section\) "
            r"\(IFSR 0x005\)$",
    "undef": r"^error: undefined instruction 0xe7f000f0 at pc 0x6[0-9a-f]{7}$",
    "bug": r"^error: BUG at shell/cmd_fault\.c:\d+: type == FT_BUG$",
}


def test_fault_in_command_returns_to_prompt(board):
    for kind, rx in FAULT_ERRORS.items():
        err = board.run_error("fault " + kind)
        check(re.match(rx, err), "fault %s: %r" % (kind, err))
        check(board.run_ok("version").startswith("slablab"), "shell dead after " + kind)


@needs(cpus=2)
def test_fault_in_command_on_other_cpu(board):
    for cpu in sorted({1, board.smp - 1}):
        for kind, rx in FAULT_ERRORS.items():
            err = board.run_error("cpu %d fault %s" % (cpu, kind))
            check(re.match(rx, err), "cpu %d fault %s: %r" % (cpu, kind, err))
    rows = parse_cpus(board.run_ok("cpus"))
    check(all(r["state"] == "online" for r in rows.values()), "a CPU went down")


def test_fault_keeps_locks_and_irqs_sane(board):
    # Twenty faults in a row: each must release what it held, or the
    # console (or the work queues) would deadlock on the next command.
    for _ in range(10):
        board.run_error("fault dabt")
        board.run_error("cpu %d fault bug" % (board.smp - 1))
    rows = parse_cpus(board.run_ok("cpus"))
    check(len(rows) == board.smp and all(r["state"] == "online" for r in rows.values()), "cpus")
    check("spinlock counter %d" % (100 * board.smp) in board.run_ok("smp 100"),
          "smp after faults")


def test_fault_errors(board):
    out = board.run("fault frob")
    check(out == "error: unknown fault type 'frob'\n"
          "usage: fault [undef|pabt|dabt|bug [CPU [locked]]] | "
          "fault pages|slab off|every N|prob P [SEED]\n",
          repr(out))
    check(board.run_error("fault dabt 0") == "error: cpu0 runs the shell; pick another CPU", "0")
    check(board.run_error("fault dabt %d" % board.smp) ==
          "error: cpu %d does not exist" % board.smp, "beyond the last")
    last = board.smp - 1
    if last:
        check(board.run_error("cpu %d fault dabt %d" % (last, last)) ==
              "error: cpu%d runs this command; pick another CPU" % last, "self")


@needs(cpus=2)
def test_fault_in_irq_stops_only_that_cpu(board):
    cpu = 2 if board.smp > 2 else 1     # 1 and 3 are the next tests' on 4 CPUs
    raw = board.run("fault undef %d" % cpu)
    # the oops is the kernel's: every line of it stamped, none of the command's
    oops = kernel_lines(raw)
    check(oops[0].startswith("Oops: undefined instruction 0xe7f000f0 at pc") and
          len(oops) == 7 and raw.rstrip().endswith("\ncpu%d is now stopped" % cpu), raw)
    out = unstamp(raw)
    check(re.search(r"^CPU: %d  mode: IRQ  \(cpu%d stopped; other CPUs go on\)$" % (cpu, cpu),
                    out, re.M), out)
    check(re.search(r"^pc : \[<6[0-9a-f]{7}>\]    lr : \[<[0-9a-f]{8}>\]    psr: [0-9a-f]{8}$",
                    out, re.M), out)
    check(re.search(r"^r3 : [0-9a-f]{8}  r2 : [0-9a-f]{8}  r1 : [0-9a-f]{8}  r0 : [0-9a-f]{8}$",
                    out, re.M), out)
    check(out.rstrip().endswith("cpu%d is now stopped" % cpu), out)
    rows = parse_cpus(board.run_ok("cpus"))
    check(rows[cpu]["state"] == "stopped", "cpu%d is %s" % (cpu, rows[cpu]["state"]))
    check(all(r["state"] == "online" for c, r in rows.items() if c != cpu), "others: %s" % rows)
    check(board.run_error("cpu %d cpus" % cpu) == "error: cpu%d is stopped" % cpu, "still runs")
    others = board.smp - 1
    if others > 1:
        check(board.run_ok("cpu %d cpus" % (board.smp - 1)).count("(this cpu)") == 1,
              "another CPU dead too")
    out = board.run_ok("smp 100")
    check(re.search(r"^lock  %d CPUs x 100: spinlock counter %d" % (others, 100 * others),
                    out, re.M), out)
    check(re.search(r"^irqlock %d CPUs x 100: spinlock counter %d" % (others, 100 * others),
                    out, re.M), out)


@needs(cpus=4)
def test_data_abort_in_irq_reports_address(board):
    raw = board.run("fault dabt 1")
    check(kernel_lines(raw)[0].startswith("Oops: data abort"), raw)
    out = unstamp(raw)
    check(re.search(r"^Oops: data abort at pc 0x6[0-9a-f]{7}: translation fault \(section\) "
                    r"reading 0x00000010 \(DFSR 0x005\)$", out, re.M), out)
    check(re.search(r"^DFAR 00000010  DFSR 00000005$", out, re.M), out)
    check(re.search(r"^CPU: 1  mode: IRQ", out, re.M), out)
    check(parse_cpus(board.run_ok("cpus"))[1]["state"] == "stopped", "cpu1 not stopped")


@needs(cpus=4)
def test_prefetch_abort_in_irq_reports_address(board):
    raw = board.run("fault pabt 3")
    check(kernel_lines(raw)[0].startswith("Oops: prefetch abort"), raw)
    out = unstamp(raw)
    check(re.search(r"^IFAR 00000020  IFSR 00000005$", out, re.M), out)
    check(re.search(r"^pc : \[<00000020>\]", out, re.M), out)
    check(parse_cpus(board.run_ok("cpus"))[3]["state"] == "stopped", "cpu3 not stopped")
    check(board.run_error("fault dabt 3") == "error: cpu3 is stopped", "stopped")


def dead_lock_error(cpu):
    return (r"error: spinlock cache_chain_lock \(0x6[0-9a-f]{7}\) is held by cpu%d, "
            r"which has stopped\n" % cpu)


@needs(cpus=2)
@no_verify("the last CPU stays stopped holding cache_chain_lock: verify can only end "
           "with the dead-lock error, which the test checks itself")
def test_a_cpu_stopped_holding_a_lock_is_named():
    # "locked": the last CPU takes cache_chain_lock and faults holding it.
    # Every command that needs the lock used to spin on it forever; now
    # each ends with one error naming the lock and its stopped holder,
    # and what does not need it goes on.
    board = Board()
    try:
        board.boot()
        dead = board.smp - 1
        # a traced cache: the report after each command needs the lock too,
        # and must give up on it rather than hang the shell
        check(board.run_ok("cache trace size-32 on") == "trace size-32: on\n", "trace")
        raw = board.run("fault dabt %d locked" % dead)
        check(kernel_lines(raw)[0].startswith("Oops: data abort"), raw)
        out = unstamp(raw)
        check(re.search(r"^CPU: %d  mode: IRQ" % dead, out, re.M), out)
        check(re.search(r"^locks held, never to be released: cache_chain_lock \(0x6[0-9a-f]{7}\)$",
                        out, re.M), out)
        check(out.rstrip().endswith("cpu%d is now stopped" % dead), out)
        lines = ["slabinfo", "slabtop", "cache show size-32", "cache create x 8", "reap",
                 "cache shrink all", "slabstress 10", "slabinfo size-32 100 50 8", "verify",
                 "verify size-32"]
        if dead > 1:        # and on another CPU than the shell's
            lines += ["cpu 1 slabinfo", "cpu 1 cache alloc size-64"]
        for line in lines:
            out = board.run(line)
            check(re.fullmatch(dead_lock_error(dead), out), "%s:\n%s" % (line, out))
        # no deadlock for what does not need the chain's lock
        addr = board.run_ok("kmalloc 100").splitlines()[0]
        check(board.run_ok("kfree " + addr) == "freed 1 object\n", "kfree")
        check(parse_cpus(board.run_ok("cpus"))[dead]["state"] == "stopped", "cpu%d" % dead)
        check(re.search(r"^lock  %d CPUs x 100: spinlock counter %d" % (dead, 100 * dead),
                        board.run_ok("smp 100"), re.M), "smp")
    finally:
        board.close()


@needs(cpus=2)
def test_a_faulted_cpu_takes_no_lock_with_it():
    # A fault raised on purpose waits until the CPU holds no spinlock: the
    # oops names none, and the slab commands (whose lock the reaper on
    # that CPU takes every 2 s) still work afterwards.
    board = Board()
    try:
        board.boot()
        for cpu in sorted({1, board.smp - 1}):
            out = board.run("fault dabt %d" % cpu)
            check(out.rstrip().endswith("cpu%d is now stopped" % cpu), out)
            check("locks held" not in out, out)
        board.run_ok("slabinfo")
        board.run_ok("slabstress 100", timeout=120)
    finally:
        board.close()


def test_fault_locked_errors(board):
    check(board.run_error("fault dabt 2 held") == "error: unknown option 'held' (known: locked)",
          "bad option")
    check(board.run_error("fault dabt 0 locked") == "error: cpu0 runs the shell; pick another CPU",
          "cpu0")
    check(board.run_ok("slabinfo").startswith("slabinfo - version: 2.1\n"), "changed nothing")
