"""test_selftest.py - the firmware's own allocator self-test (`selftest`).

Every case must be listed by name, in order, and pass: a suite that drops
a case, or a case that starts to print (a report that escaped the mute,
a "slab error" from a case that overran an object), fails here.  The
cross-CPU suite is skipped on one CPU, and says so.

Both images run it, with the same case list and no other skip: on the
slab_debug image (every cache red-zoned, poisoned and recording its
user, limits capped at 32) each case expects what Linux's forced debug
does, and a case meant for a cache without debug flags tests the red
zones that cache has there.  The module's boards run on any
SLABLAB_TEST_BOARD; the boards of 1, 2 and 4 CPUs with 32 MiB are booted
once per image, from its default board.
"""

import re

from harness import PROMPT, Board, check, needs, only_on, parse_slabinfo

BOARDS = [dict(image="elf", smp=4, mem="256M"), dict(image="slab_debug", smp=4, mem="256M"),
          dict(image="debug", smp=4, mem="256M")]     # make DEBUG=1: every check on

SUITES = [
    ("alloc", ["every_cpu", "kmalloc_classes", "zeroing", "ctor", "sizes", "refill_flush"]),
    ("xcpu", ["pairs", "debug_pairs", "concurrent", "concurrent_debug", "double_free",
              "tune_while_busy"]),
    ("shrink", ["free_slabs", "busy_slab", "destroy_busy", "cycles"]),
    ("tune", ["readback", "refuses", "drain", "extremes"]),
    ("debug", ["redzone1_at_free", "redzone2_at_free", "redzone2_all_flags",
               "redzone1_free_object",
               "write_after_free", "double_free", "double_free_plain", "interior_free",
               "wrong_cache_free", "quarantined_free", "quarantined_free_plain",
               "destroy_quarantined"]),
]
NEEDS_CPUS = {"xcpu": 2}
TIMEOUT = 120


def expected(cpus, only=None):
    """The exact output of `selftest [only]` on a board with @cpus CPUs."""
    lines, passed, skipped = [], 0, 0
    for suite, cases in SUITES:
        if only and suite != only:
            continue
        need = NEEDS_CPUS.get(suite, 1)
        for case in cases:
            if cpus < need:
                lines.append("skip %s.%s: needs %d CPUs" % (suite, case, need))
                skipped += 1
            else:
                lines.append("ok %s.%s" % (suite, case))
                passed += 1
    summary = "%d passed, 0 failed" % passed
    if skipped:
        summary += ", %d skipped" % skipped
    return lines + [summary]


def run_selftest(board, args=""):
    out = board.run_ok(("selftest " + args).strip(), TIMEOUT)
    want = expected(board.smp, args or None)
    check("slab error" not in out, "selftest %s on %s printed a report:\n%s"
          % (args, board.image, out))
    got = out.splitlines()
    # the failing lines first: they say which check failed and where
    bad = [l for l in got if not l.startswith("ok ") and l not in want]
    check(got == want, "selftest %s on %s, %d CPUs:\n%s\n(expected %d lines ending %r)"
          % (args, board.image, board.smp, "\n".join(bad) or out, len(want), want[-1]))


def test_every_suite(board):
    run_selftest(board)


def test_each_suite_alone(board):
    for suite, _ in SUITES:
        run_selftest(board, suite)


def test_twice_in_a_row(board):
    # Each case must leave what it found: a second run would fail on a
    # cache left behind (its name is taken) or on pages not given back.
    rows = [name for name, _ in parse_slabinfo(board.run_ok("slabinfo"))]
    run_selftest(board)
    run_selftest(board)
    after = [name for name, _ in parse_slabinfo(board.run_ok("slabinfo"))]
    check(after == rows, "selftest left caches changed:\n%s\n->\n%s" % (rows, after))


def test_unknown_suite(board):
    line = board.run_error("selftest allocs")
    check(line == "error: selftest: unknown suite 'allocs' "
          "(alloc, xcpu, shrink, tune or debug)", line)
    out = board.run("selftest alloc tune")
    check(out == "error: selftest: too many arguments\nusage: selftest [SUITE]\n", out)


def test_reports_print_again_afterwards(board):
    # The debug suite mutes the allocator's reports while it misuses
    # caches; once it is done a report prints again.
    run_selftest(board, "debug")
    board.run_ok("cache create st_after 40")
    board.run_ok("cache alloc st_after")
    out = board.run("cache destroy st_after")
    check("slab error in kmem_cache_destroy(): cache 'st_after': Can't free all objects"
          in out, out)
    board.run_ok("cache free st_after all")
    check("destroyed cache st_after" in board.run_ok("cache destroy st_after"), "not destroyed")


def test_ctrl_c_stops_it(board):
    # A Ctrl-C typed with the command: it stops at the next case boundary
    # with the one error line, and the next run is whole.  The Ctrl-C is
    # a byte behind the command on the serial line, so on a loaded host a
    # case or two may finish first; whole cases only, then the error.
    board.send("selftest\r\x03")
    m = board.expect(r"\A(.*?)^" + re.escape(PROMPT), TIMEOUT, re.M | re.S)
    lines = m.group(1).partition("\n")[2].splitlines()
    check(lines and lines[-1] == "error: interrupted by Ctrl-C", lines)
    check(all(re.fullmatch(r"ok \w+\.\w+", l) for l in lines[:-1]) and len(lines) < 10,
          "only whole cases before the stop: %s" % lines)
    run_selftest(board)


@needs(cpus=2)
def test_on_another_cpu(board):
    # The case's CPU is whichever runs the command.
    out = board.run_ok("cpu 1 selftest", TIMEOUT)
    check(out.splitlines() == expected(board.smp), out)


def small_boards(image):
    # 1, 2 and 4 CPUs with 32 MiB: every kmalloc class up to 4 MiB, DMA
    # ones too, still fits; the cross-CPU suite runs from 2 CPUs on.
    for cpus in (1, 2, 4):
        board = Board(image=image, smp=cpus, mem="32M")
        try:
            board.boot()
            run_selftest(board)
        finally:
            board.close()


@only_on(image="elf", smp=4, mem="256M")
def test_on_small_boards():
    small_boards("elf")


@only_on(image="slab_debug", smp=4, mem="256M")
def test_on_small_slab_debug_boards():
    small_boards("slab_debug")
