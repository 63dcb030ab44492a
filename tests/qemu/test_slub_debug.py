"""test_slub_debug.py - SLUB's debugging (mm/slub_debug.c, Linux 2.6.32's
slub_debug F Z P U) on the board, exact to the line:
- on the SLUB image, a cache created with sanity_checks red_zone poison
  store_user: its geometry (2.6.32's calculate_sizes), whatis naming each
  part of a debug object, and the corruption lab firing each detector with
  Linux's report text (timestamps, the caller's address and its age are
  the only parts masked): a red zone overwritten (found at the free, the
  byte restored, the object not freed), a write after free (found by
  verify, or by the next allocation, which marks the slab used), a double
  free ("Object already free") and a pointer inside an object ("Invalid
  object pointer"), each counted once;
- the slub_debug image (make SLAB=slub SLAB_DEBUG=1, CONFIG_SLUB_DEBUG_ON):
  every cache debugged from boot, so /proc/slabinfo's objsize column (2.6.32
  prints s->size) is the debug stride; every allocation takes the slow
  path; selftest passes, its debug suite included.
"""

import re

from harness import Board, check, needs, only_on, parse_slabinfo
from test_journal import journal

BOARDS = [dict(image="slub", smp=4, mem="256M"), dict(image="slub_debug", smp=4, mem="256M")]

FZPU = "sanity_checks red_zone poison store_user"
# figo_object (20, 8) with F Z P U on the board (4-byte words, 16-byte track):
# 20 bytes, no slack: a red-zone word, inuse 24; the free pointer at 24 (poison);
# two tracks 28..59; the left red-zone word 60..63: size 64; 64 a page;
# min_partial ilog2(64) = 6.
FIGO_DEBUG = ("geometry: size=64 objsize=20 inuse=24 offset=24 order=0 objects=64 "
              "min_order=0 min_objects=64 min_partial=6 align=8 "
              "flags=sanity_checks,red_zone,poison,store_user")
RULE_EQ = "=" * 77
RULE_DASH = "-" * 77

# kmalloc caches with F Z P U (slub_debug image): (objsize column = size, per slab, pages)
# e.g. kmalloc-256: 256 + 4 red zone + 4 free pointer + 32 tracks + 4 = 300, aligned to
# ARCH_KMALLOC_MINALIGN 32: 320; order 1 (16 objects wanted): 25, 192 bytes left <= 1/16.
KMALLOC_DEBUG = {
    "kmalloc-32": (96, 42, 1), "kmalloc-64": (128, 32, 1), "kmalloc-96": (160, 25, 1),
    "kmalloc-128": (192, 21, 1), "kmalloc-192": (256, 16, 1), "kmalloc-256": (320, 25, 2),
    "kmalloc-512": (576, 28, 4), "kmalloc-1024": (1088, 30, 8),
    "kmalloc-2048": (2112, 15, 8), "kmalloc-4096": (4160, 7, 8),
    "kmalloc-8192": (8256, 3, 8),
}


def log_lines(out):
    """@out's lines with printk's timestamps taken off."""
    return [re.sub(r"^\[\s*\d+\.\d+\] ", "", l) for l in out.splitlines()]


def alloc(board, name, count):
    out = board.run_ok("cache alloc %s %d" % (name, count))
    check(out.endswith("allocated %d object%s\n" % (count, "" if count == 1 else "s")), out)
    return [int(x, 16) for x in re.findall(r"^0x([0-9a-f]{8})$", out, re.M)]


def section(label, addr, data):
    """One line of Linux's print_section(): up to 16 bytes and their text."""
    text = "".join(chr(b) if 0x20 < b < 0x7f else "." for b in data)
    hexes = "".join(" %02x" % b for b in data) + "   " * (16 - len(data))
    return "%8s 0x%08x: %s %s" % (label, addr, hexes, text.ljust(16))


def object_lines(addr, size=20):
    data = [0x6b] * (size - 1) + [0xa5]
    return [section("Object", addr + i, data[i:i + 16]) for i in range(0, size, 16)]


def check_report(lines, want):
    """@want's lines, in order, each a string (exact) or a compiled regex."""
    check(len(lines) == len(want), "%d lines, expected %d:\n%s"
          % (len(lines), len(want), "\n".join(lines)))
    for got, w in zip(lines, want):
        ok = w.fullmatch(got) if hasattr(w, "fullmatch") else got == w
        check(ok, "line %r, expected %r, in:\n%s" % (got, w, "\n".join(lines)))


def banner(name, what):
    return [RULE_EQ, "BUG %s: %s" % (name, what), RULE_DASH, ""]


ALLOCATED = re.compile(r"INFO: Allocated in 0x6[0-9a-f]{7} age=\d+ cpu=0 pid=0")


def slab_info(used, fp):
    return re.compile(r"INFO: Slab 0x[0-9a-f]{8} objects=64 used=%d fp=0x%08x "
                      r"flags=0x[0-9a-f]{4}" % (used, fp))


# ---- the SLUB image: one cache debugged, the lab ----------------------------

@only_on(image="slub")
def test_debug_cache_geometry_and_whatis_parts(board):
    out = board.run_ok("cache create dbg_parts 20 8 " + FZPU)
    check(out == "created cache dbg_parts\n" + FIGO_DEBUG.replace("figo_object", "x") + "\n",
          out)
    a = alloc(board, "dbg_parts", 1)[0]
    for at, part in [(20, "red zone (byte 0 of 4)"), (24, "free pointer (byte 0 of 4)"),
                     (28, "alloc track (byte 0 of 16)"), (47, "free track (byte 3 of 16)"),
                     (61, "padding (byte 1 of 4)")]:
        out = board.run_ok("whatis 0x%08x" % (a + at))
        check(out.startswith("0x%08x is in the %s of object 0x%08x (index 0) of cache "
                             "dbg_parts" % (a + at, part, a)), out)
    board.run_ok("cache free dbg_parts all")
    check(board.run_ok("cache destroy dbg_parts") == "destroyed cache dbg_parts\n", "destroy")


@only_on(image="slub")
def test_lab_red_zone_found_at_free(board):
    board.run_ok("cache create figo_rz 20 8 " + FZPU)
    a, b = alloc(board, "figo_rz", 2)
    out = board.run_ok("cache corrupt figo_rz 0x%08x 20 0" % a)
    check(out == "cache figo_rz: 0x%08x [+20] 0xcc -> 0x00 (red zone)\n" % a, out)
    out = board.run_ok("cache free figo_rz 0x%08x" % a)
    check_report(log_lines(out), banner("figo_rz", "Redzone overwritten") + [
        "INFO: 0x%08x-0x%08x. First byte 0x0 instead of 0xcc" % (a + 20, a + 20),
        ALLOCATED, slab_info(2, a + 128),
        "INFO: Object 0x%08x @offset=0 fp=0x%08x" % (a, b), ""] +
        object_lines(a) + [
        section("Redzone", a + 20, [0x00, 0xcc, 0xcc, 0xcc]),
        section("Padding", a + 60, [0x5a] * 4),
        "FIX figo_rz: Restoring 0x%08x-0x%08x=0xcc" % (a + 20, a + 20), "",
        "freed 0 objects",
        "0x%08x not freed: slub_debug refused it (see the report above); the shell still "
        "holds it" % a])
    caller = re.search(r"INFO: Allocated in (0x[0-9a-f]{8}) ", out).group(1)
    # the byte is back; Linux does not free an object that failed its checks, and its
    # tracks say so: allocated by the shell's call, never freed
    out = board.run_ok("whatis 0x%08x" % a)
    check_report(out.splitlines(), [
        "0x%08x is object 0x%08x (index 0) of cache figo_rz, slab 0x%08x (cpu0's slab)"
        % (a, a, a), "state: allocated",
        re.compile(r"last alloc: %s age=\d+ cpu=0 pid=0" % caller), "last free: none yet"])
    # the shell still holds it: listed, and a second free (red zone whole now) is clean
    out = board.run_ok("cache objects figo_rz")
    check(re.findall(r"^0x([0-9a-f]{8}) ", out, re.M) == ["%08x" % a, "%08x" % b], out)
    check(board.run_ok("cpu 2 cache free figo_rz 0x%08x" % a) == "freed 1 object\n", "refree")
    out = board.run_ok("whatis 0x%08x" % a)
    check_report(out.splitlines(), [
        "0x%08x is object 0x%08x (index 0) of cache figo_rz, slab 0x%08x (cpu0's slab)"
        % (a, a, a), "state: free, on its slab's page->freelist (position 0 of 63)",
        re.compile(r"last alloc: %s age=\d+ cpu=0 pid=0" % caller),
        re.compile(r"last free: (0x6[0-9a-f]{7}) age=\d+ cpu=2 pid=0")])
    check(re.findall(r"^0x([0-9a-f]{8}) ", board.run_ok("cache objects figo_rz"), re.M) ==
          ["%08x" % b], "gone from the record")
    out = board.run_ok("cache badfree figo_rz 0x%08x interior" % b)
    check(log_lines(out)[-1] == "badfree: 1 report, cache figo_rz errors=2", out)


@only_on(image="slub")
def test_free_all_keeps_the_object_slub_debug_refused(board):
    board.run_ok("cache create figo_all 20 8 red_zone")
    a, b, c = alloc(board, "figo_all", 3)
    board.run_ok("cache corrupt figo_all 0x%08x 20 0" % b)
    lines = log_lines(board.run_ok("cache free figo_all all"))
    check(lines[:4] == banner("figo_all", "Redzone overwritten"), lines)
    check(lines[-3:] == ["", "freed 2 objects", "0x%08x not freed: slub_debug refused it (see "
                         "the report above); the shell still holds it" % b], lines)
    check(re.findall(r"^0x([0-9a-f]{8}) ", board.run_ok("cache objects figo_all"), re.M) ==
          ["%08x" % b], "kept")
    check(board.run_ok("cache free figo_all all") == "freed 1 object\n", "the second free")
    check(board.run_ok("cache destroy figo_all") == "destroyed cache figo_all\n", "destroy")


@only_on(image="slub")
def test_broken_padding_is_reported_and_the_object_freed(board):
    """A report alone does not mean a refused free: 2.6.32's check_object()
    restores broken padding and lets the free go on; the shell drops the
    object from its record then."""
    board.run_ok("cache create figo_pad 20 8 " + FZPU)
    a, b = alloc(board, "figo_pad", 2)
    out = board.run_ok("cache corrupt figo_pad 0x%08x 61 0" % a)
    check(out == "cache figo_pad: 0x%08x [+61] 0x5a -> 0x00 (padding)\n" % a, out)
    lines = log_lines(board.run_ok("cache free figo_pad 0x%08x" % a))
    check(lines[:4] == banner("figo_pad", "Object padding overwritten"), lines)
    check(lines[-3:] == ["FIX figo_pad: Restoring 0x%08x-0x%08x=0x5a" % (a + 61, a + 61), "",
                         "freed 1 object"], lines)
    out = board.run_ok("whatis 0x%08x" % a)
    check(out.splitlines()[1] == "state: free, on its slab's page->freelist (position 0 of 63)",
          out)
    check(re.findall(r"^0x([0-9a-f]{8}) ", board.run_ok("cache objects figo_pad"), re.M) ==
          ["%08x" % b], "dropped from the record")
    board.run_ok("cache free figo_pad all")
    check(board.run_ok("cache destroy figo_pad") == "destroyed cache figo_pad\n", "destroy")


@only_on(image="slub")
def test_lab_write_after_free_found_by_verify_and_by_alloc(board):
    board.run_ok("cache create figo_uaf 20 8 " + FZPU)
    a, b = alloc(board, "figo_uaf", 2)
    check(board.run_ok("cache free figo_uaf 0x%08x" % b) == "freed 1 object\n", "quiet free")
    out = board.run_ok("cache corrupt figo_uaf 0x%08x 3 0x42" % b)
    check(out == "cache figo_uaf: 0x%08x [+3] 0x6b -> 0x42 (object)\n" % b, out)
    lines = log_lines(board.run_ok("verify figo_uaf"))
    check(lines[:5] == banner("figo_uaf", "Poison overwritten") +
          ["INFO: 0x%08x-0x%08x. First byte 0x42 instead of 0x6b" % (b + 3, b + 3)], lines)
    check("FIX figo_uaf: Restoring 0x%08x-0x%08x=0x6b" % (b + 3, b + 3) in lines, lines)
    check(lines[-2:] == ["verify: cache 'figo_uaf': slab 0x%08x: 1 finding of SLUB's debug "
                         "checks (reported above, fixed)" % a, "verify: 1 error"], lines)
    check(board.run_ok("verify figo_uaf") == "verify: OK (1 caches, 1 slabs, 64 objects)\n",
          "fixed")
    # again, and this time the next allocation meets it: the slab is marked used
    board.run_ok("cache corrupt figo_uaf 0x%08x 0 0" % b)
    out = board.run_ok("cache alloc figo_uaf 1")
    lines = log_lines(out)
    check(lines[:4] == banner("figo_uaf", "Poison overwritten"), lines)
    check("FIX figo_uaf: Marking all objects used" in lines, lines)
    new = int(lines[-2], 16)
    check(lines[-1] == "allocated 1 object" and new // 4096 != a // 4096, lines)
    out = board.run_ok("cache show figo_uaf")
    check("slab 0x%08x list=full inuse=64 objects=64 freelist=none" % a in out, out)
    # its other objects are in use now, and say so: verify finds nothing more
    check(board.run_ok("verify figo_uaf") == "verify: OK (1 caches, 2 slabs, 128 objects)\n",
          "after the slab was marked used")


@only_on(image="slub")
def test_lab_double_free_and_interior(board):
    board.run_ok("cache create fchk 32 sanity_checks")
    x, y = alloc(board, "fchk", 2)
    out = board.run_ok("cache badfree fchk 0x%08x double" % x)
    lines = log_lines(out)
    check(lines[:4] == banner("fchk", "Object already free"), lines)
    check(lines[-2:] == ["FIX fchk: Object at 0x%08x not freed" % x,
                         "badfree: 1 report, cache fchk errors=1"], lines)
    out = board.run_ok("cache badfree fchk 0x%08x interior" % y)
    check_report(log_lines(out), banner("fchk", "Invalid object pointer 0x%08x" % (y + 4)) + [
        re.compile(r"INFO: Slab 0x[0-9a-f]{8} objects=128 used=1 fp=0x%08x "
                   r"flags=0x[0-9a-f]{4}" % x),
        "FIX fchk: Object at 0x%08x not freed" % (y + 4),
        "badfree: 1 report, cache fchk errors=2"])
    board.run_ok("cache free fchk all")
    board.run_ok("cache destroy fchk")
    # without consistency checks a double free would go unseen: refused
    board.run_ok("cache create nochk 32 ctor")      # a constructor: never merged
    z = alloc(board, "nochk", 1)[0]
    err = board.run_error("cache badfree nochk 0x%08x double" % z)
    check(err.startswith("error: cache 'nochk' has no consistency checks"), err)
    board.run_ok("cache free nochk all")
    board.run_ok("cache destroy nochk")


@only_on(image="slub")
def test_slub_debug_command_for_caches_created_afterwards(board):
    check(board.run_ok("slub_debug") == "slub_debug=-\n", "off at boot")
    check(board.run_ok("slub_debug zp,sdc") == "slub_debug=ZP,sdc\n", "set")
    out = board.run_ok("cache create sdc_a 20 8")
    # Z and P: 20 bytes, a red-zone word (inuse 24), the free pointer at 24, the left
    # red-zone word: 32; 128 a page; min_partial ilog2(32) = 5
    check(out.splitlines()[1] == "geometry: size=32 objsize=20 inuse=24 offset=24 order=0 "
          "objects=128 min_order=0 min_objects=128 min_partial=5 align=8 "
          "flags=red_zone,poison", out)
    out = board.run_ok("cache create other_b 20 8 ctor")
    check(out.splitlines()[1].endswith("flags=ctor"), out)
    err = board.run_error("slub_debug FZX")
    check(err.startswith("error: bad slub_debug options 'FZX'"), err)
    check(board.run_ok("slub_debug") == "slub_debug=ZP,sdc\n", "unchanged by the error")
    check(board.run_ok("slub_debug -") == "slub_debug=-\n", "off")
    for name in ("sdc_a", "other_b"):
        board.run_ok("cache destroy " + name)


# ---- the slub_debug image: every cache debugged ----------------------------

@only_on(image="slub_debug")
def test_slub_debug_image_says_so_and_debugs_every_cache(board):
    check(board.run_ok("slub_debug") == "slub_debug=FZPU\n", "the image's setting")
    out = board.run_ok("version")
    check(", slub_debug" in out and "Allocator: SLUB (Linux 2.6.32)" in out, out)
    got = dict(parse_slabinfo(board.run_ok("slabinfo")))
    for name, want in KMALLOC_DEBUG.items():
        v = got[name]
        check((v["objsize"], v["objperslab"], v["pagesperslab"]) == want, (name, v))
    out = board.run_ok("cache create figo_object 20 8")
    check(out == "created cache figo_object\n" + FIGO_DEBUG + "\n", out)
    objs = alloc(board, "figo_object", 3)
    check(objs == [objs[0], objs[0] + 64, objs[0] + 128], objs)
    out = board.run_ok("cache show figo_object")
    stats = dict(re.findall(r" (\w+)=(\d+)", [l for l in out.splitlines()
                                              if l.startswith("stats:")][0]))
    check((stats["alloc_fastpath"], stats["alloc_slowpath"], stats["alloc_slab"],
           stats["alloc_refill"]) == ("0", "3", "1", "2"), stats)
    board.run_ok("cache free figo_object all")
    board.run_ok("cache destroy figo_object")


@only_on(image="slub_debug")
@needs(cpus=2)
def test_slub_debug_image_traces_its_debug_caches(board):
    """Every cache is debugged here, and each can be traced: its allocs and
    frees are recorded on the debug path (no alloc_refill: one object at
    a time), and whatis shows the newest of an object's."""
    out = board.run_ok("cache create figo_t 20 8")
    check(out == "created cache figo_t\n" + FIGO_DEBUG + "\n", out)
    check(board.run_ok("cache trace figo_t on") == "trace figo_t: on\n", "on")
    out = board.run_ok("cache alloc figo_t 2")
    a, b = [int(x, 16) for x in out.splitlines()[:2]]
    check(out == "0x%08x\n0x%08x\nallocated 2 objects\n"
          "trace figo_t: cpu0: 2 allocs, 0 frees; slabs: 1 new_slab\n" % (a, a + 64), out)
    out = board.run_ok("cpu 1 cache free figo_t 0x%08x" % a)
    check(out == "freed 1 object\n"
          "trace figo_t: cpu1: 0 allocs, 1 free (1 free_frozen); no slab moved\n", out)
    events, summary = journal(board, "figo_t")
    check([(e["type"], e["obj"], e["cpu"]) for e in events] ==
          [("new_slab", a, 0), ("alloc", a, 0), ("alloc", b, 0), ("free", a, 1),
           ("free_frozen", a, 1)] and summary == dict(kept=5, recorded=5), events)
    free = events[3]
    out = board.run_ok("whatis 0x%08x" % a)
    alloc_caller = [e["caller"] for e in events if e["type"] == "alloc"][0]
    out = re.sub(r"age=\d+ ", "age=N ", out)
    check(out == "0x%08x is object 0x%08x (index 0) of cache figo_t, slab 0x%08x (cpu0's slab)\n"
          "state: free, on its slab's page->freelist (position 0 of 63)\n"
          "last alloc: %s age=N cpu=0 pid=0\nlast free: %s age=N cpu=1 pid=0\n"
          "last event: free on cpu1 at %d.%06d s, caller %s\n"
          % (a, a, a, alloc_caller, free["caller"], free["us"] // 1000000,
             free["us"] % 1000000, free["caller"]), out)
    board.run_ok("cache free figo_t all")
    check(board.run_ok("cache trace figo_t off") == "trace figo_t: off\n", "off")
    check(board.run_ok("cache destroy figo_t") == "destroyed cache figo_t\n", "destroy")


@only_on(image="slub_debug")
def test_kfree_refused_keeps_the_object_in_kmalloc_list(board):
    """kfree goes the same way as cache free: a free slub_debug refuses
    (the red zone broken) leaves the object allocated and the shell's."""
    out = board.run_ok("kmalloc 20")
    a = int(re.match(r"0x([0-9a-f]{8})", out).group(1), 16)
    board.run_ok("cache corrupt kmalloc-32 0x%08x 32 0x11" % a)
    lines = log_lines(board.run_ok("kfree 0x%08x" % a))
    check(lines[:4] == banner("kmalloc-32", "Redzone overwritten"), lines)
    check(lines[-2:] == ["freed 0 objects", "0x%08x not freed: slub_debug refused it (see the "
                         "report above); the shell still holds it" % a], lines)
    check(re.findall(r"^0x([0-9a-f]{8}) ", board.run_ok("kmalloc list"), re.M) ==
          ["%08x" % a], "still listed")
    check(board.run_ok("kfree 0x%08x" % a) == "freed 1 object\n", "the second free")
    check(board.run_ok("kmalloc list") == "the shell holds no objects from kmalloc\n", "none held")


@only_on(image="slub_debug")
def test_selftest_passes_on_the_slub_debug_image(board):
    out = board.run_ok("selftest", 200)
    want = ["ok alloc.every_cpu", "ok alloc.kmalloc_classes", "ok alloc.zeroing",
            "ok alloc.ctor", "ok alloc.paths", "ok alloc.merge", "ok xcpu.remote_free",
            "ok xcpu.pairs", "ok shrink.free_slabs", "ok shrink.destroy_busy",
            "skip tune.arrays: SLUB keeps no per-CPU arrays: nothing to tune",
            "ok debug.detectors",
            "11 passed, 0 failed, 1 skipped"]
    check(out.splitlines() == want, out)


def test_slub_debug_command_on_slab_is_one_error():
    board = Board(image="elf", smp=1, mem="64M")
    try:
        board.boot()
        err = board.run_error("slub_debug ,")
        check(err.startswith("error: slub_debug is SLUB's (make SLAB=slub)"), err)
        check(board.run_ok("verify").startswith("verify: OK"), "verify")
    finally:
        board.close()
