"""test_images.py - the three images of `make image`, booted the ways a real board boots them.

The real V2P-CA9 starts Secure (QEMU's vexpress-a9,secure=on) with 1 GiB
of DRAM, so every board here does.  ELF: every CPU at the entry point,
as a JTAG load or U-Boot's bootelf leaves them.  BIN: CPU 0 at
0x60010000 with ATAGs, the secondaries in the boot monitor, as the Boot
Monitor's `flash run` and U-Boot's `go`.  uImage: QEMU's loader reads the
legacy header as U-Boot's bootm does (payload copied to its load address,
entered at its entry point with ATAGs in r2).  Each board runs under
`-d guest_errors,unimp` into a log of its own, which must stay empty: the
firmware touches no register QEMU does not model and no address without
memory (docs/boards.md, "What QEMU logs").  The header is checked byte
for byte where U-Boot would: magic, both CRCs, type, addresses, name.
"""

import os
import re
import struct
import subprocess
import zlib

from harness import BUILD, Board, check, only_on
from test_selftest import expected

LOG = os.path.join(BUILD, "tests", "qemu-%s-secure.log")


def secure_board(image):
    return dict(image=image, smp=4, mem="1024M",
                extra=("-M", "secure=on", "-d", "guest_errors,unimp", "-D", LOG % image))


BOARDS = [secure_board("elf"), secure_board("bin"), secure_board("uimage")]

LOAD = 0x60010000
KERNEL_ADDR_R = 0x60100000     # Vexpress U-Boot's default, where the file itself is loaded
ATAGS = 0x60002000             # Vexpress U-Boot's bi_boot_params
IH_MAGIC = 0x27051956


def banner_version(board):
    m = re.match(r"slablab (\S+) - ", board.banner)
    check(m, "no version in:\n%s" % board.banner[:200])
    return m.group(1)


def symbol(name):
    out = subprocess.run(["arm-none-eabi-nm", os.path.join(BUILD, "slablab.elf")],
                         check=True, capture_output=True, text=True).stdout
    m = re.search(r"^([0-9a-f]{8}) \w %s$" % re.escape(name), out, re.M)
    check(m, "no symbol %s" % name)
    return int(m.group(1), 16)


def mem_mib(board):
    return int(board.mem.rstrip("M"))


def test_boots_secure_to_selftest(board):
    # SMP= and MEM= (make test SMP=1) change the board; the checks follow.
    check(re.search(r"^CPUs online: %d$" % board.smp, board.banner, re.M), board.banner)
    check(re.search(r"^DRAM: %d MiB at 0x60000000$" % mem_mib(board), board.banner, re.M),
          board.banner)
    out = board.run_ok("selftest", timeout=120)
    check(out.splitlines() == expected(board.smp), "selftest on %s:\n%s" % (board.image, out))


# What every boot logs under -d guest_errors,unimp, each once, because
# the real board needs it (docs/boards.md, "What QEMU logs"): the
# PrimeCell ID reads that find no SP805 (QEMU 7.2 models none) and
# erratum 764369's SCU diagnostic bit (QEMU does not model the register).
EXPECTED_LOG = sorted(
    ["Invalid read at addr 0x%08X, size 4, region '(null)', reason: rejected" % (base + off)
     for base in (0x1000F000, 0x100E5000) for off in (0xFE0, 0xFE4, 0xFE8, 0xFEC)] +
    ["a9_scu_read: Unsupported offset 0x30", "a9_scu_write: Unsupported offset 0x30 value 0x1"])


def test_qemu_log_is_only_the_expected_lines(board):
    # With less than the board's 1 GiB (MEM= only), the ELF's DRAM probe
    # reads and writes past the end of DRAM, and QEMU says so: those lines
    # are allowed there too.
    board.run_ok("md 0x1e00a100 16")       # the PL310's registers, as read by users too
    with open(LOG % board.image) as f:
        log = f.read()
    dram_end = 0x60000000 + mem_mib(board) * 0x100000
    probe = re.compile(r"^Invalid (read|write) at addr 0x([0-9A-Fa-f]+), size 4, "
                       r"region '\(null\)', reason: rejected$")
    rest = []
    for line in log.splitlines():
        m = probe.match(line)
        if (board.image == "elf" and m and dram_end <= int(m.group(2), 16) < 0xa0000000 and
                line not in EXPECTED_LOG):
            continue
        rest.append(line)
    check(sorted(rest) == EXPECTED_LOG,
          "QEMU logged on the %s board:\n%s" % (board.image, log[:2000]))


def test_boot_route(board):
    line = re.search(r"^Boot: (.*)$", board.banner, re.M).group(1)
    cpus = {1: "", 2: "; cpu1"}.get(board.smp, "; cpu1-%d" % (board.smp - 1))
    if board.image == "elf":
        want = "cpu0 without ATAGs, DRAM size probed"
        route = " entered at the entry point"
    else:
        want = "cpu0 with ATAGs at 0x60000100, DRAM size from ATAG_MEM"
        route = " woken through SYS_FLAGS"
    want += cpus and cpus + route
    check(line == want, "%s: %r" % (board.image, line))


@only_on(image="uimage")
def test_uimage_header(board):
    path = os.path.join(BUILD, "slablab.uImage")
    with open(path, "rb") as f:
        data = f.read()
    with open(os.path.join(BUILD, "slablab.bin"), "rb") as f:
        payload = f.read()
    (magic, hcrc, _time, size, load, ep, dcrc, os_, arch, typ, comp,
     name) = struct.unpack(">7I4B32s", data[:64])
    check(magic == IH_MAGIC, "magic 0x%08x" % magic)
    check(zlib.crc32(data[:4] + b"\0" * 4 + data[8:64]) == hcrc, "header CRC")
    check(data[64:] == payload and size == len(payload), "payload is not slablab.bin")
    check(zlib.crc32(payload) == dcrc, "data CRC")
    # IH_OS_LINUX, IH_ARCH_ARM, IH_TYPE_KERNEL, IH_COMP_NONE
    check((os_, arch, typ, comp) == (5, 2, 2, 0),
          "os/arch/type/comp %s" % ((os_, arch, typ, comp),))
    check(load == LOAD and ep == LOAD, "load 0x%08x entry 0x%08x" % (load, ep))
    want_name = "slablab " + banner_version(board)
    check(name.rstrip(b"\0").decode() == want_name, "name %r" % name)
    # And what `mkimage -l` (Debian's u-boot-tools) says, line by line.
    out = subprocess.run(["mkimage", "-l", path], check=True, capture_output=True,
                         text=True).stdout
    lines = [l for l in out.splitlines() if not l.startswith("Created:")]
    check(lines == ["Image Name:   " + want_name,
                    "Image Type:   ARM Linux Kernel Image (uncompressed)",
                    "Data Size:    %d Bytes = %.2f KiB = %.2f MiB"
                    % (len(payload), len(payload) / 1024, len(payload) / 1048576),
                    "Load Address: 60010000",
                    "Entry Point:  60010000"], "mkimage -l:\n%s" % out)


@only_on(image="elf")
def test_images_fit_between_atags_and_kernel_addr_r(board):
    # docs/boards.md's U-Boot commands load the file at kernel_addr_r and
    # the ATAGs sit at 0x60002000: the image, bss, stacks and page table
    # included, must fit between them, or bootelf's bss clearing and
    # bootm's copy would overwrite the file they are reading.
    check(symbol("__image_start") == LOAD, "image starts at 0x%08x" % symbol("__image_start"))
    check(ATAGS + 0x1000 <= LOAD, "ATAGs")
    end = symbol("__image_end")
    check(end <= KERNEL_ADDR_R, "__image_end 0x%08x is past kernel_addr_r 0x%08x"
          % (end, KERNEL_ADDR_R))
    out = subprocess.run(["arm-none-eabi-readelf", "-lW", os.path.join(BUILD, "slablab.elf")],
                         check=True, capture_output=True, text=True).stdout
    check(re.search(r"^Entry point 0x60010000$", out, re.M), out)
    load_rx = r"^\s+LOAD\s+\S+ (0x[0-9a-f]+) (0x[0-9a-f]+) \S+ (0x[0-9a-f]+)"
    for m in re.finditer(load_rx, out, re.M):
        vaddr, paddr, memsz = (int(m.group(i), 16) for i in (1, 2, 3))
        check(vaddr == paddr and LOAD <= paddr and paddr + memsz <= end, m.group(0))
