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
  values, as Linux does.
"""

import os
import re
import subprocess

from harness import BUILD, ROOT, Board, check, only_on

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
