"""test_faults.py - faults inside commands unwind; faults elsewhere stop one CPU."""

import re

from harness import Board, check, parse_cpus

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


def test_fault_in_command_on_other_cpu(board):
    for cpu in (1, 3):
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
        board.run_error("cpu 1 fault bug")
    check(len(parse_cpus(board.run_ok("cpus"))) == 4, "cpus")
    check("spinlock counter 400" in board.run_ok("smp 100"), "smp after faults")


def test_fault_errors(board):
    out = board.run("fault frob")
    check(out == "error: unknown fault type 'frob'\n"
          "usage: fault undef|pabt|dabt|bug [CPU [locked]]\n",
          repr(out))
    check(board.run_error("fault dabt 0") == "error: cpu0 runs the shell; pick another CPU", "0")
    check(board.run_error("fault dabt 7") == "error: cpu 7 does not exist", "7")
    check(board.run_error("cpu 3 fault dabt 3") ==
          "error: cpu3 runs this command; pick another CPU", "self")


def test_fault_in_irq_stops_only_that_cpu(board):
    out = board.run("fault undef 2")
    check("Oops: undefined instruction 0xe7f000f0 at pc" in out, out)
    check(re.search(r"^CPU: 2  mode: IRQ  \(cpu2 stopped; other CPUs go on\)$", out, re.M), out)
    check(re.search(r"^pc : \[<6[0-9a-f]{7}>\]    lr : \[<[0-9a-f]{8}>\]    psr: [0-9a-f]{8}$",
                    out, re.M), out)
    check(re.search(r"^r3 : [0-9a-f]{8}  r2 : [0-9a-f]{8}  r1 : [0-9a-f]{8}  r0 : [0-9a-f]{8}$",
                    out, re.M), out)
    check(out.rstrip().endswith("cpu2 is now stopped"), out)
    rows = parse_cpus(board.run_ok("cpus"))
    check(rows[2]["state"] == "stopped", "cpu2 is %s" % rows[2]["state"])
    check(all(rows[c]["state"] == "online" for c in (0, 1, 3)), "others: %s" % rows)
    check(board.run_error("cpu 2 cpus") == "error: cpu2 is stopped", "cpu 2 still runs")
    check(board.run_ok("cpu 3 cpus").count("(this cpu)") == 1, "cpu 3 dead too")
    out = board.run_ok("smp 100")
    check(re.search(r"^lock  3 CPUs x 100: spinlock counter 300", out, re.M), out)
    check(re.search(r"^irqlock 3 CPUs x 100: spinlock counter 300", out, re.M), out)


def test_data_abort_in_irq_reports_address(board):
    out = board.run("fault dabt 1")
    check(re.search(r"^Oops: data abort at pc 0x6[0-9a-f]{7}: translation fault \(section\) "
                    r"reading 0x00000010 \(DFSR 0x005\)$", out, re.M), out)
    check(re.search(r"^DFAR 00000010  DFSR 00000005$", out, re.M), out)
    check(re.search(r"^CPU: 1  mode: IRQ", out, re.M), out)
    check(parse_cpus(board.run_ok("cpus"))[1]["state"] == "stopped", "cpu1 not stopped")


def test_prefetch_abort_in_irq_reports_address(board):
    out = board.run("fault pabt 3")
    check(re.search(r"^IFAR 00000020  IFSR 00000005$", out, re.M), out)
    check(re.search(r"^pc : \[<00000020>\]", out, re.M), out)
    check(parse_cpus(board.run_ok("cpus"))[3]["state"] == "stopped", "cpu3 not stopped")
    check(board.run_error("fault dabt 3") == "error: cpu3 is stopped", "stopped")


DEAD_LOCK = (r"^error: spinlock cache_chain_lock \(0x6[0-9a-f]{7}\) is held by cpu2, "
             r"which has stopped$")


def test_a_cpu_stopped_holding_a_lock_is_named():
    # "locked": cpu2 takes cache_chain_lock and faults holding it.  Every
    # command that needs the lock used to spin on it forever; now each
    # ends with one error naming the lock and its stopped holder, and
    # what does not need it goes on.
    board = Board()
    try:
        board.boot()
        out = board.run("fault dabt 2 locked")
        check(re.search(r"^CPU: 2  mode: IRQ", out, re.M), out)
        check(re.search(r"^locks held, never to be released: cache_chain_lock \(0x6[0-9a-f]{7}\)$",
                        out, re.M), out)
        check(out.rstrip().endswith("cpu2 is now stopped"), out)
        for line in ("slabinfo", "slabtop", "cache show size-32", "cache create x 8", "reap",
                     "cache shrink all", "slabstress 10", "slabinfo size-32 100 50 8",
                     "cpu 3 slabinfo", "cpu 1 cache alloc size-64"):
            out = board.run(line)
            check(re.fullmatch(DEAD_LOCK[1:-1] + r"\n", out), "%s:\n%s" % (line, out))
        # no deadlock for what does not need the chain's lock
        addr = board.run_ok("kmalloc 100").splitlines()[0]
        check(board.run_ok("kfree " + addr) == "freed 1 object\n", "kfree")
        check(parse_cpus(board.run_ok("cpus"))[2]["state"] == "stopped", "cpu2")
        check(re.search(r"^lock  3 CPUs x 100: spinlock counter 300", board.run_ok("smp 100"),
                        re.M), "smp")
    finally:
        board.close()


def test_a_faulted_cpu_takes_no_lock_with_it():
    # A fault raised on purpose waits until the CPU holds no spinlock: the
    # oops names none, and the slab commands (whose lock the reaper on
    # that CPU takes every 2 s) still work afterwards.
    board = Board()
    try:
        board.boot()
        for cpu in (1, 3):
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
