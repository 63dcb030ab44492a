"""test_entry.py - the firmware survives a loader's entry state (issue 13).

tests/loaders/entry_loader.S is a hostile loader, booted as QEMU's -kernel with
the firmware's ELF beside it (-device loader).  loader_dirty enters with
every CPU's MMU, D-cache and I-cache on under a page table of its own that
maps DRAM and the motherboard peripherals only, after rewriting the start
of the image through the D-cache; it also arms the A9 watchdog, sets the
LEDs and leaves SYS_FLAGS stale.  The firmware must clean and turn all of
that off at entry (boot/entry.S) and then boot as from reset; it also
leaves the global timer prescaled, which the firmware must undo.  loader_ns
drops every CPU to Non-secure state on a Secure machine (secure=on): the
firmware must stop and say why.  The values asserted are the loader's.
"""

import os
import re
import subprocess
import tempfile

from harness import BUILD, VERIFY_OK, Board, check, only_on
from test_selftest import run_selftest

FIRMWARE = os.path.join(BUILD, "slablab.elf")
WITH_FIRMWARE = ("-device", "loader,file=" + FIRMWARE)
BOARDS = [dict(image="loader_dirty", smp=4, mem="256M", extra=WITH_FIRMWARE),
          dict(image="elf", smp=4, mem="256M")]

# QEMU's Cortex-A9 SCTLR at reset (0x00c50078) with the loader's M, C, Z, I
LOADER_SCTLR = 0x00c50078 | 0x1 | 0x4 | 0x800 | 0x1000
WDOG_ARMED = 0x0000ff0b            # the loader's watchdog control value
BOOT_SHELL_LEDS = 0x0b             # enum boot_step's last step (board/early_init.h)
# r0p0 (QEMU): the errata that apply and the diagnostic bits they set:
# 751472 bit 11, 761320 bit 21, 794072 bit 4, 845369 bit 22
ERRATA_R0P0 = ("Errata: r0p0 needs 751472 754327 761320 764369 794072 845369 719332; "
               "diagnostic register 0x00600810 on %s")


def cpus(board):
    """How the banner names every CPU of @board: cpu0, or cpu0-N."""
    return "cpu0" if board.smp == 1 else "cpu0-%d" % (board.smp - 1)


def md_word(board, addr):
    out = board.run_ok("md 0x%08x 4" % addr)
    m = re.match(r"^%08x: ([0-9a-f]{8}) " % addr, out)
    check(m, "md 0x%08x:\n%s" % (addr, out))
    return int(m.group(1), 16)


def symbol(name):
    out = subprocess.run(["arm-none-eabi-nm", FIRMWARE], capture_output=True, text=True,
                         check=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms[name] if name else syms


@only_on(image="loader_dirty")
def test_dirty_entry_reported_and_boots(board):
    want = ("Entry: %s SCTLR 0x%08x: the loader left the MMU or D-cache on; "
            "cleaned and turned off" % (cpus(board), LOADER_SCTLR))
    check(re.search("^" + re.escape(want) + "$", board.banner, re.M),
          "no %r in:\n%s" % (want, board.banner))
    check(re.search(r"^CPUs online: %d$" % board.smp, board.banner, re.M), board.banner)


@only_on(image="loader_dirty")
def test_dirty_entry_selftest(board):
    run_selftest(board)


@only_on(image="loader_dirty")
def test_watchdog_disabled(board):
    # the loader's load value is still there (so its writes reached the
    # watchdog), its control value is not: out of watchdog mode, stopped
    check(md_word(board, 0x1e000620) == 0xffffffff, "the loader's WDOG_LOAD is gone")
    control = md_word(board, 0x1e000628)
    check(control == 0, "WDOG_CONTROL 0x%08x (the loader left 0x%08x)" % (control, WDOG_ARMED))


@only_on(image="loader_dirty")
def test_stale_sys_flags_replaced(board):
    # the loader left 0xdeadbee0 in SYS_FLAGS; SYS_FLAGSSET only ORs bits in,
    # so the pen's address alone means SYS_FLAGSCLR cleared them first
    flags = md_word(board, 0x10000030)
    check(flags == symbol("secondary_pen"),
          "SYS_FLAGS 0x%08x, secondary_pen 0x%08x" % (flags, symbol("secondary_pen")))


@only_on(image="loader_dirty")
def test_gtimer_prescaler_cleared(board):
    # the loader left the global timer counting at 1/256 of PERIPHCLK: kept,
    # the measurement would say 0.40 MHz and every delay would be 256 times long
    want = "Clock: global timer 100.00 MHz (measured against SYS_24MHZ), tick 100 Hz per CPU"
    check(re.search("^" + re.escape(want) + "$", board.banner, re.M),
          "no %r in:\n%s" % (want, board.banner))
    check(md_word(board, 0x1e000208) == 0x1, "GT control not just 'enabled'")


@only_on(image="loader_dirty")
def test_leds_show_last_boot_step(board):
    # the loader lit 0xa5; every boot step shows its number, the prompt 0x0b
    check(md_word(board, 0x10000008) == BOOT_SHELL_LEDS, "SYS_LED not at BOOT_SHELL")


@only_on(image="elf")
def test_errata_line_r0p0(board):
    want = ERRATA_R0P0 % cpus(board)
    check(re.search("^" + re.escape(want) + "$", board.banner, re.M),
          "no %r in:\n%s" % (want, board.banner))
    check("Entry:" not in board.banner, "QEMU's reset state reported as a loader's:\n"
          + board.banner)


def md_words(board, addr, count):
    words = []
    for line in board.run_ok("md 0x%08x 0x%x" % (addr, 4 * count)).splitlines():
        m = re.match(r"^([0-9a-f]{8}):((?: [0-9a-f]{8})+) ", line)
        check(m and int(m.group(1), 16) == addr + 4 * len(words), "md line %r" % line)
        words += [int(w, 16) for w in m.group(2).split()]
    check(len(words) == count, "md gave %d words" % len(words))
    return words


@only_on(image="elf")
def test_dram_cacheable_after_the_uncached_probe(board):
    # board/board.c maps DRAM past the image uncached for the probe (through
    # the cache a missing MiB would pass; QEMU has no cache, so that phase
    # cannot be seen here), then must make what the probe found write-back
    # cacheable again and unmap the rest: the L1 table's 1024 DRAM entries,
    # exactly (section, TEX 001 C B: write-back, S, privileged RW)
    normal = 0x0001140e
    table = symbol("l1_table")
    entries = md_words(board, table + 4 * 0x600, 1024)
    present = int(board.mem.rstrip("M"))
    want = [(0x60000000 + (i << 20)) | normal if i < present else 0 for i in range(1024)]
    bad = ["0x%03x: 0x%08x, not 0x%08x" % (0x600 + i, got, w)
           for i, (got, w) in enumerate(zip(entries, want)) if got != w]
    check(not bad, "DRAM section entries:\n" + "\n".join(bad[:8]))


@only_on(image="elf")
def test_pen_release_has_a_line_of_its_own():
    # the secondaries poll pen_release with their caches off: no other
    # variable may share its 32-byte line (CPU 0 would write that line
    # back over the value it just cleaned to memory)
    pen = symbol("pen_release")
    check(pen % 32 == 0, "pen_release at 0x%08x" % pen)
    # what has storage there: nm -S gives a size to variables, none to the
    # linker's section markers (__init_array_start and the like), which
    # land on pen_release's address when .data starts with it
    out = subprocess.run(["arm-none-eabi-nm", "-S", FIRMWARE], capture_output=True, text=True,
                         check=True).stdout
    neighbours = sorted(p[3] for p in (line.split() for line in out.splitlines())
                        if len(p) == 4 and int(p[1], 16) > 0 and p[3] != "pen_release" and
                        pen <= int(p[0], 16) < pen + 32 and not p[3].startswith("$"))
    check(not neighbours, "pen_release's line also holds %s" % neighbours)


@only_on(image="elf")
def test_boot_register_writes_under_guest_errors():
    # QEMU logs (-d unimp, guest_errors) what it does not model: the SCU diagnostic register that
    # erratum 764369 sets, and the SP805s' ID registers, read once each and
    # (no SP805 there) never written
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "qemu.log")
        board = Board(image="elf", smp=4, mem="256M",
                      extra=("-d", "guest_errors,unimp", "-D", log))
        try:
            board.boot()
            check(VERIFY_OK.fullmatch(board.run_ok("verify")), "verify not OK")
            board.send("poweroff\r")      # QEMU flushes its log only on exit
            board.wait_exit()
        finally:
            board.close()
        with open(log) as f:
            lines = f.read().splitlines()
    scu = [l for l in lines if l.startswith("a9_scu_")]
    check(scu == ["a9_scu_read: Unsupported offset 0x30",
                  "a9_scu_write: Unsupported offset 0x30 value 0x1"], "SCU: %s" % scu)
    for base in (0x1000F000, 0x100E5000):
        seen = [l for l in lines if re.search(r"at addr 0x%05X[0-9A-F]{3}," % (base >> 12), l)]
        want = ["Invalid read at addr 0x%08X, size 4, region '(null)', reason: rejected"
                % (base + 0xfe0 + 4 * i) for i in range(4)]
        check(seen == want, "SP805 at 0x%08x:\n%s" % (base, "\n".join(seen)))


@only_on(image="elf")
def test_secure_entry_passes_the_check_and_restores_igroupr0():
    # with secure=on the CPUs have the Security Extensions, so the check
    # really probes GICD_IGROUPR0: it must find Secure state, boot, and put
    # the register back (all Group 0), or the SGIs would leave Group 0
    board = Board(image="elf", smp=4, mem="256M", extra=("-M", "vexpress-a9,secure=on"))
    try:
        banner = board.boot()
        check(re.search(r"^CPUs online: 4$", banner, re.M), banner)
        check(md_word(board, 0x1e001080) == 0, "GICD_IGROUPR0 not restored")
    finally:
        board.close()


@only_on(image="elf")
def test_nonsecure_entry_stops_with_the_cause():
    board = Board(image="loader_ns", smp=4, mem="256M",
                  extra=("-M", "vexpress-a9,secure=on") + WITH_FIRMWARE)
    try:
        board.expect(r"^Kernel panic - not syncing: entered in Non-secure state "
                     r"\(GICD_IGROUPR0 reads as zero\)\.\n"
                     r"slablab sets up the SCU, ACTLR, the A9 errata and a Group 0 GIC,\n"
                     r"which only Secure state may: start it from the Secure world\n"
                     r"\(the Boot Monitor, U-Boot without a Non-secure switch, JTAG\)\.\n")
        check("slab> " not in board.log, board.log)
    finally:
        board.close()
