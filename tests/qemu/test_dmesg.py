"""test_dmesg.py - the kernel log: printk's stamped lines and dmesg.

What the kernel reports on its own (a slab error, a page allocation
failure, an oops) is a kernel log line: on the console as it happens
with printk's "[%5lu.%06lu] " stamp, and kept for `dmesg`, which prints
exactly the same lines, oldest first.  Command output and command errors
carry no stamp and are not kept.
"""

import re

from harness import STAMP, Board, check, kernel_lines, needs, stamp_seconds, unstamp

LOG_BUF_LEN = 16 * 1024         # drivers/log_buf.h


def uptime(board):
    m = re.search(r"\((\d+\.\d{3}) s since boot\)", board.run_ok("uptime"))
    check(m, "uptime")
    return float(m.group(1))


def stamped(out):
    """@out's stamped lines, whole (stamp and all)."""
    return [line for line in out.splitlines() if re.match(STAMP, line)]


def check_log_is(board, want):
    """dmesg prints exactly the lines @want (stamped, as the console showed them)."""
    out = board.run_ok("dmesg")
    check(out.splitlines() == want, "dmesg:\n%s\nwant:\n%s" % (out, "\n".join(want)))
    check(stamp_seconds(out) == sorted(stamp_seconds(out)), "stamps go back:\n" + out)


def test_nothing_logged_at_boot(board):
    # a healthy boot reports nothing; the banner is not a kernel message
    check(board.run_ok("dmesg") == "", "the log after boot")


def test_slab_error_report_is_logged_line_by_line(board):
    board.run_ok("dmesg -C")
    board.run_ok("cache create dm_figo 40 red_zone poison store_user")
    obj = int(board.run_ok("cache alloc dm_figo").splitlines()[0], 16)
    board.run_ok("cache corrupt dm_figo 0x%08x 40 0" % obj)
    before = uptime(board)
    out = board.run_ok("cache free dm_figo 0x%08x" % obj)
    after = uptime(board)
    report = kernel_lines(out)
    # every line of the paragraph is stamped, the command's answer is not
    check(report[0] == "slab error in cache_free_debugcheck(): cache 'dm_figo': memory after "
          "the object was overwritten (red zone 2)", out)
    check(len(report) >= 6 and all(line.startswith("  ") for line in report[1:]), out)
    check(report[-1] == "  object quarantined: it will not be handed out again", out)
    check(unstamp(out).splitlines() == report + ["freed 1 object"], out)
    # seconds since boot, as uptime counts them
    secs = stamp_seconds(out)
    check(before <= secs[0] and secs[-1] <= after + 0.001 and secs == sorted(secs),
          "stamps %s outside uptime %.3f .. %.3f" % (secs, before, after))
    check_log_is(board, stamped(out))
    board.run_ok("cache destroy dm_figo")


def test_page_allocation_failure_is_logged(board):
    board.run_ok("dmesg -C")
    blocks = 0
    while True:
        out = board.run("pages alloc 10")
        if out.startswith("0x"):
            blocks += 1
            check(blocks < 1000, "pages alloc 10 never failed")
            continue
        break
    check(kernel_lines(out) == ["page allocation failure: order:10, mode:0xd0"] and
          unstamp(out).endswith("\nerror: out of memory: no free block of order 10\n"), out)
    board.run_ok("pages free all")
    # the command's error line is not the kernel's: not kept
    check_log_is(board, stamped(out))


def test_dmesg_c_prints_then_clears(board):
    board.run_ok("dmesg -C")
    board.run_ok("cache create dm_err 40")
    board.run_ok("cache alloc dm_err")
    logged = []
    for _ in range(3):
        out = board.run("cache destroy dm_err")
        check(kernel_lines(out) == ["slab error in kmem_cache_destroy(): cache 'dm_err': "
                                    "Can't free all objects"], out)
        logged += stamped(out)
    check(len(set(logged)) == 3, "three reports, three stamps: %s" % logged)
    check(board.run_ok("dmesg -c").splitlines() == logged, "dmesg -c")
    check(board.run_ok("dmesg") == "", "dmesg -c left lines behind")
    # new lines after -c are kept again
    out = board.run("cache destroy dm_err")
    check_log_is(board, stamped(out))
    check(board.run_ok("dmesg -C") == "", "dmesg -C prints nothing")
    check(board.run_ok("dmesg") == "", "dmesg -C left lines behind")
    board.run_ok("cache free dm_err all")
    board.run_ok("cache destroy dm_err")


def test_a_full_log_drops_its_oldest_lines_whole(board):
    board.run_ok("dmesg -C")
    board.run_ok("cache create dm_wrap 40")
    board.run_ok("cache alloc dm_wrap")
    logged = []
    while sum(len(line) + 1 for line in logged) <= LOG_BUF_LEN + 400:
        logged += stamped(board.run("cache destroy dm_wrap"))
    out = board.run_ok("dmesg")
    kept = out.splitlines()
    # the newest lines, whole, as many as fit in the ring, none cut
    check(kept == logged[len(logged) - len(kept):], "not the newest lines")
    check(len(out) <= LOG_BUF_LEN < len(out) + len(logged[-len(kept) - 1]) + 1,
          "%d bytes kept of %d" % (len(out), sum(len(line) + 1 for line in logged)))
    board.run_ok("cache free dm_wrap all")
    board.run_ok("cache destroy dm_wrap")
    board.run_ok("dmesg -C")


def test_muted_selftest_reports_stay_out_of_the_log(board):
    # the debug suite misuses caches on purpose, with reports muted
    board.run_ok("dmesg -C")
    out = board.run_ok("selftest debug", timeout=120)
    check(kernel_lines(out) == [], out)
    check(board.run_ok("dmesg") == "", "muted reports were logged")


def test_usage_errors(board):
    check(board.run("dmesg -x") == "error: dmesg: expected -c or -C, not '-x'\n"
          "usage: dmesg [-c|-C]\n", "bad flag")
    check(board.run_error("dmesg -c -C").startswith("error: "), "two flags")


@needs(cpus=2)
def test_an_oops_is_logged():
    board = Board()
    try:
        board.boot()
        out = board.run("fault undef 1")
        oops = stamped(out)
        check(len(oops) == 7 and kernel_lines(out)[0].startswith("Oops: undefined instruction"),
              out)
        check(board.run_ok("dmesg").splitlines() == oops, "the oops is not in the log")
    finally:
        board.close()
