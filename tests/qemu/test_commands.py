"""test_commands.py - version, uptime, md, cpu and smp, and their errors."""

import re
import time

from harness import check, image_words, needs, parse_cpus

BOARDS = [dict(image="elf", smp=4, mem="256M"), dict(image="bin", smp=4, mem="256M")]


def test_version(board):
    out = board.run_ok("version")
    lines = out.splitlines()
    check(len(lines) == 3, out)
    check(re.match(r"^slablab 0\.1\.0(-g[0-9a-f]{7}(-dirty)?)?$", lines[0]), lines[0])
    # the date is the commit's, and the line says so
    check(re.match(r"^gcc \d+\.\d+\.\d+.*, newlib-nano \d+\.\d+\.\d+, "
                   r"commit date \d{4}-\d\d-\d\d$", lines[1]), lines[1])
    check(lines[2] == "Allocator: SLAB (Linux 2.6.24)", lines[2])
    banner = board.banner.splitlines()
    check(lines[0] + " - Linux's SLAB allocator on a Versatile Express" in banner and
          "Build: " + lines[1] in banner and lines[2] in banner, "banner and version disagree")


def uptime_ms(board):
    out = board.run_ok("uptime")
    m = re.match(r"^up (\d+) days, (\d\d):(\d\d):(\d\d)\.(\d{3}) \((\d+)\.(\d{3}) s since boot\)$",
                 out.strip())
    check(m, out)
    d, h, mi, s, ms, total, total_ms = (int(x) for x in m.groups())
    check(((d * 24 + h) * 60 + mi) * 60 + s == total and ms == total_ms, out)
    return total * 1000 + total_ms


def test_uptime_advances_with_ticks(board):
    t0 = uptime_ms(board)
    ticks0 = parse_cpus(board.run_ok("cpus"))[0]["ticks"]
    time.sleep(1.0)
    t1 = uptime_ms(board)
    ticks1 = parse_cpus(board.run_ok("cpus"))[0]["ticks"]
    check(800 <= t1 - t0 <= 10000, "uptime moved %d ms in 1 s" % (t1 - t0))
    # 100 Hz: ticks and uptime agree to within a few ticks of command latency
    dticks = ticks1 - ticks0
    check(abs(dticks * 10 - (t1 - t0)) <= 200, "%d ticks vs %d ms" % (dticks, t1 - t0))


def parse_md(out):
    rows = []
    for line in out.splitlines():
        m = re.match(r"^([0-9a-f]{8}):((?: [0-9a-fx]+)+?) *    (.*)$", line)
        check(m, "bad md line %r" % line)
        rows.append((int(m.group(1), 16), m.group(2).split(), m.group(3)))
    return rows


def test_md_words_match_image(board):
    rows = parse_md(board.run_ok("md 0x60010000 64"))
    check([r[0] for r in rows] == [0x60010000 + 16 * i for i in range(4)], "addresses")
    words = [int(w, 16) for r in rows for w in r[1]]
    check(words == image_words(0, 16), "md differs from slablab.bin")


def test_md_halfwords_and_bytes(board):
    words = image_words(0, 4)
    raw = b"".join(w.to_bytes(4, "little") for w in words)
    rows = parse_md(board.run_ok("md.w 0x60010000 16"))
    check([int(h, 16) for h in rows[0][1]] ==
          [int.from_bytes(raw[i:i + 2], "little") for i in range(0, 16, 2)], "md.w")
    rows = parse_md(board.run_ok("md.b 0x60010000 16"))
    check([int(b, 16) for b in rows[0][1]] == list(raw), "md.b")
    ascii_col = "".join(chr(c) if 0x20 <= c < 0x7f else "." for c in raw)
    check(rows[0][2] == ascii_col, "ascii column %r" % rows[0][2])


def test_md_short_last_line(board):
    out = board.run_ok("md.b 0x60010000 20")
    lines = out.splitlines()
    check(len(lines) == 2, out)
    check(lines[1].startswith("60010010: %s    " % " ".join(
        "%02x" % b for b in image_words(16, 1)[0].to_bytes(4, "little"))), out)
    # the ASCII column starts at the same place on the short line
    check(len(lines[0]) - 16 == len(lines[1]) - 4, "ascii column not aligned:\n" + out)


def test_md_device_register(board):
    rows = parse_md(board.run_ok("md 0x10000000 4"))
    check(rows[0][1] == ["1190f500"], "SYS_ID reads %s" % rows[0][1])


def test_md_side_effect_register_not_read(board):
    rows = parse_md(board.run_ok("md 0x1e000100 16"))
    check(rows[0][1][3] == "xxxxxxxx", "GICC_IAR was read: %s" % rows[0][1])
    rows = parse_md(board.run_ok("md.b 0x10009000 4"))
    check(rows[0][1] == ["xx"] * 4, "UARTDR was read: %s" % rows[0][1])


def test_md_unmapped(board):
    check(board.run_error("md 0") == "error: address 0x00000000 is not mapped", "md 0")
    check(board.run_error("md 0xc0000000 16") == "error: address 0xc0000000 is not mapped", "")


def test_md_runs_off_dram(board):
    end = 0x60000000 + int(board.mem.rstrip("M")) * 1024 * 1024
    out = board.run("md 0x%08x 32" % (end - 16))
    lines = out.splitlines()
    check(len(lines) == 2 and lines[0].startswith("%08x:" % (end - 16)), out)
    check(lines[1] == "error: address 0x%08x is not mapped" % end, out)


def test_md_errors(board):
    check(board.run_error("md 0x60010002") ==
          "error: address 0x60010002 is not aligned to 4 bytes", "unaligned")
    check(board.run_error("md.w 0x60010001") ==
          "error: address 0x60010001 is not aligned to 2 bytes", "unaligned .w")
    check(board.run_error("md.q 0x60010000") == "error: unknown access size in 'md.q'", ".q")
    check(board.run_error("md 0x60010000 0") ==
          "error: bad length '0': must be at least 1", "len 0")
    check(board.run_error("md 0xfffffff0 32") ==
          "error: 0xfffffff0 + 32 runs past the end of the address space", "wrap")
    check(board.run_error("md -1") == "error: bad address '-1': not a number", "-1")


def test_cpu_runs_on_each_cpu(board):
    for cpu in range(board.smp):
        rows = parse_cpus(board.run_ok("cpu %d cpus" % cpu))
        check([c for c, r in rows.items() if r["this"]] == [cpu], "cpu %d" % cpu)


@needs(cpus=4)
def test_cpu_nests(board):
    rows = parse_cpus(board.run_ok("cpu 1 cpu 2 cpu 0 cpu 3 cpus"))
    check([c for c, r in rows.items() if r["this"]] == [3], "nested")
    rows = parse_cpus(board.run_ok("cpu 3 cpu 0 cpu 3 cpus"))
    check([c for c, r in rows.items() if r["this"]] == [3], "back and forth")


def test_cpu_errors(board):
    n = board.smp
    check(board.run_error("cpu %d cpus" % n) ==
          "error: cpu %d does not exist (this board has cpu0-cpu%d)" % (n, n - 1), "beyond")
    check(board.run_error("cpu x cpus") == "error: bad cpu number 'x': not a number", "cpu x")
    out = board.run("cpu 1")
    check(out == "error: cpu: missing argument\nusage: cpu N CMD [ARGS...]\n", repr(out))
    last = n - 1
    check(board.run_error("cpu %d frob" % last) == "error: unknown command 'frob' (try 'help')",
          "frob")
    out = board.run("cpu %d md" % last)
    check(out == "error: md: missing argument\nusage: md[.b|.w|.l] ADDR [LEN]\n", repr(out))
    check(board.run_error("cpu %d md 0" % last) == "error: address 0x00000000 is not mapped",
          "md 0")


def test_smp_counts(board):
    n = board.smp
    out = board.run_ok("smp 500")
    check(len(re.findall(r"^call  cpu\d: 500 calls", out, re.M)) == n - 1, out)
    check(re.search(r"^lock  %d CPUs x 500: spinlock counter %d, atomic counter %d "
                    r"\(expected %d\)" % (n, 500 * n, 500 * n, 500 * n), out, re.M), out)


def test_smp_lock_in_interrupt_handlers(board):
    # All four CPUs contend for one lock inside on_each_cpu() handlers,
    # holding it long enough that waiters give up spinning.  A waiter that
    # slept in wfi there waited for an IPI the GIC held back: this hung.
    n = board.smp
    for _ in range(3):
        out = board.run_ok("smp 300")
        check(re.search(r"^irqlock %d CPUs x 300: spinlock counter %d \(expected %d\)"
                        % (n, 300 * n, 300 * n), out, re.M), out)


@needs(cpus=2)
def test_smp_from_another_cpu(board):
    cpu = board.smp // 2                # cpu2 on four CPUs
    out = board.run_ok("cpu %d smp 100" % cpu)
    calls = sorted(int(c) for c in re.findall(r"^call  cpu(\d): 100 calls", out, re.M))
    check(calls == [c for c in range(board.smp) if c != cpu], out)


def test_smp_errors(board):
    check(board.run_error("smp 0") == "error: bad count '0': must be at least 1", "0")
    check(board.run_error("smp 2M") == "error: bad count '2M': number too large", "2M")


def test_sleep_waits_that_long_on_the_board_clock(board):
    """sleep N waits N seconds of the board's time (uptime, not the host's),
    to the tick; a bad number is refused with the usage."""
    for arg, secs in (("1", 1.0), ("0.5", 0.5), ("0.05", 0.05), ("0", 0.0)):
        t0 = uptime_ms(board)
        check(board.run_ok("sleep " + arg) == "", "sleep %s printed something" % arg)
        waited = uptime_ms(board) - t0
        # at least the time asked for (less one tick of rounding); the rest is latency
        check(waited >= secs * 1000 - 10, "sleep %s waited %d ms" % (arg, waited))
    for arg, why in (("x", "bad seconds 'x': not a number"),
                     ("1.234", "bad seconds '1.234': expected N or N.NN"),
                     ("1.", "bad seconds '1.': expected N or N.NN"),
                     (".5", "bad seconds '.5': expected N or N.NN"),
                     ("1.x", "bad seconds '1.x': expected N or N.NN"),
                     ("-1", "bad seconds '-1': not a number"),
                     ("3601", "bad seconds '3601': number too large")):
        out = board.run("sleep " + arg)
        check(out == "error: %s\nusage: sleep SECONDS\n" % why, out)
