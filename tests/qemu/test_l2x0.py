"""test_l2x0.py - the PL310 L2 controller's register sequence (drivers/l2x0.c).

QEMU 7.2 models the PL310's registers and no cache behind them
(hw/misc/arm_l2x0.c: CACHE_ID 0x410000c8, r3p2; AUX_CTRL resets to
0x02020000, 8 ways of 16 KiB; every maintenance operation reads back as
complete).  So what is tested is what the firmware writes and when:

- a plain boot turns it on with Linux's CoreTile A9x4 settings: RAM
  latencies 0 (one cycle), AUX_CTRL = (reset value & 0xfe0fffff) |
  0x00400000, CTRL 1, and says so in the banner's L2 line;
- a loader that left it on, with latencies and AUX_CTRL of its own
  (tests/loaders/l2x0_left_on.S), gets it cleaned and turned off at entry:
  the banner says so, and the firmware's own latencies and AUX_CTRL,
  writable only while it is off, replace the loader's.  Without the
  entry-time turn-off, l2x0_init() finds it on and leaves the loader's
  values, as Linux does;
- with it on, each release of a secondary cleans pen_release past the L2
  after writing it (gdb stops in the driver's clean_range, reached only
  through outer_clean_range()).
"""

import os
import re
import subprocess

from harness import BUILD, ROOT, Board, check, free_port, only_on

BOARDS = [dict(image="elf", smp=4, mem="256M"), dict(image="bin", smp=4, mem="256M")]

L2_ON = ("L2: PL310 at 0x1e00a000, CACHE_ID 0x410000c8, AUX_CTRL 0x02420000, "
         "8 ways, 128 KiB, on")
# CTRL, AUX_CTRL, TAG_LATENCY, DATA_LATENCY as `md` prints them
REGS_ON = "1e00a100: 00000001 02420000 00000000 00000000    ......B........."


def l2_line(text):
    m = re.search(r"^L2: .*$", text, re.M)
    check(m, "no L2 line in:\n%s" % text)
    return m.group(0)


def test_banner_l2_on(board):
    check(l2_line(board.banner) == L2_ON, l2_line(board.banner))


def test_registers_read_back(board):
    check(board.run_ok("md 0x1e00a000 4").strip() == "1e00a000: 410000c8" + " " * 31 + "...A",
          "CACHE_ID")
    out = board.run_ok("md 0x1e00a100 16").strip()
    check(out == REGS_ON, "CTRL, AUX_CTRL, latencies:\n%s" % out)


def build_loader():
    out = os.path.join(BUILD, "tests", "l2x0_left_on.elf")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run(["arm-none-eabi-gcc", "-marm", "-mcpu=cortex-a9", "-nostdlib",
                    "-Wl,-Ttext=0x48000000", "-Wl,--no-warn-rwx-segments",
                    os.path.join(ROOT, "tests", "loaders", "l2x0_left_on.S"), "-o", out],
                   check=True)
    return out


@only_on(image="elf")
def test_loader_left_it_on(board):
    loader = build_loader()
    elf = os.path.join(BUILD, "slablab.elf")
    board = Board(image="elf", smp=4, mem="256M", extra=(
        "-M", "secure=on", "-kernel", loader, "-device", "loader,file=%s" % elf))
    try:
        banner = board.boot()
        check(re.search(r"^CPUs online: 4$", banner, re.M), banner)
        want = ("L2: PL310 at 0x1e00a000, CACHE_ID 0x410000c8, AUX_CTRL 0x72460000, "
                "8 ways, 512 KiB, on; a loader had left it on: cleaned and turned off at entry")
        check(l2_line(banner) == want, l2_line(banner))
        out = board.run_ok("md 0x1e00a100 16").strip()
        check(out == "1e00a100: 00000001 72460000 00000000 00000000    ......Fr........",
              "CTRL, AUX_CTRL, latencies after the loader:\n%s" % out)
    finally:
        board.close()


GDB = os.environ.get("GDB", "gdb-multiarch")
GDB_TIMEOUT = 120.0


def pen_release_script(port):
    """Stop at each L2 clean (each is a call through outer_cache) and
    print what it cleans and what pen_release holds then, until the
    shell starts."""
    return "\n".join([
        "target remote 127.0.0.1:%d" % port,
        "break l2x0_clean_range",
        "break shell_main",
        "set $n = 0",
        "while $n < 8",
        "  continue",
        '  if $_caller_is("shell_main", 0)',
        "    set $n = 8",
        "  else",
        '    printf "CLEAN start=0x%08lx end=0x%08lx pen=0x%08lx value=%u\\n", '
        "start, end, (unsigned long)&pen_release, pen_release",
        "    set $n = $n + 1",
        "  end",
        "end",
        'printf "SHELL\\n"',
        "delete",
        "detach",
        ""])


@only_on(image="elf")
def test_pen_release_cleaned_past_the_l2(board):
    # The secondaries read pen_release with their caches off, from DRAM:
    # with the L2 on, each release must clean that word past the L2 too,
    # after the value is written.  gdb stops at the driver's clean_range,
    # reached only through outer_clean_range(): three releases, CPUs 1-3.
    port = free_port()
    other = Board(image="elf", smp=4, mem="256M",
                  extra=["-S", "-gdb", "tcp:127.0.0.1:%d" % port])
    gdb = None
    try:
        script = os.path.join(BUILD, "tests", "test_l2x0.%d.gdb" % port)
        os.makedirs(os.path.dirname(script), exist_ok=True)
        with open(script, "w") as f:
            f.write(pen_release_script(port))
        gdb = subprocess.Popen([GDB, "-q", "-nx", "-batch", "-x", script,
                                os.path.join(BUILD, "slablab.elf")], cwd=ROOT,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        banner = other.boot(GDB_TIMEOUT)
        out, _ = gdb.communicate(timeout=GDB_TIMEOUT)
        os.unlink(script)
        check(gdb.returncode == 0, "gdb exited %s:\n%s" % (gdb.returncode, out))
        hits = re.findall(r"^CLEAN start=(0x[0-9a-f]+) end=(0x[0-9a-f]+) "
                          r"pen=(0x[0-9a-f]+) value=(\d+)$", out, re.M)
        check(re.search(r"^SHELL$", out, re.M), "gdb never saw the shell start:\n" + out)
        check(len(hits) == 3, "expected three L2 cleans:\n%s" % out)
        for cpu, (start, end, pen, value) in enumerate(hits, 1):
            check(start == pen and int(end, 16) == int(pen, 16) + 4 and value == str(cpu),
                  "release of cpu%d cleaned %s-%s, pen_release at %s holds %s"
                  % (cpu, start, end, pen, value))
        check(re.search(r"^CPUs online: 4$", banner, re.M), banner)
    finally:
        if gdb and gdb.poll() is None:
            gdb.kill()
            gdb.wait()
        other.close()
