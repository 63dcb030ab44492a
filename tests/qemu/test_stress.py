"""test_stress.py - stress [OPS] [CACHES] [SEED] [corrupt]: every slab path on
every CPU at once, then nothing lost and nothing corrupted.

Each CPU's operation counts are fixed by the seed alone; they are checked
against an independent Python model of the streams (shell/stress_core.c),
so a run that skipped, repeated or misfiled operations fails.  After the
run the board must show the same slabinfo as before (no stress cache left,
the same objects active), the same free pages, verify OK and no detector
report.  'corrupt' flips one byte of one object and one of another's red
zone: the pattern check must find exactly that byte, and the detectors
report exactly that red zone.  The slab_debug image runs it too, where every cache
has red zones and poisoning, so every detector watches every object.
"""

import re
import time

from harness import PROMPT, check, parse_slabinfo

BOARDS = [dict(image="elf", smp=4, mem="256M"), dict(image="slab_debug", smp=4, mem="256M"),
          dict(image="slub", smp=4, mem="256M"), dict(image="slub_debug", smp=4, mem="256M")]

OPS = ["alloc", "kmalloc", "free", "pass", "shrink", "tune", "private"]
WEIGHTS = [20, 12, 22, 7, 1, 1, 1]
SIZES = {"stress-8": 8, "stress-24-hw": 24, "stress-100": 100, "stress-192-ctor": 192,
         "stress-500-hw": 500, "stress-1000-debug": 1000, "stress-2048": 2048,
         "stress-4096-hw": 4096}

CPU_RX = re.compile(r"^cpu(\d): " + " ".join(r"%s (\d+)" % op for op in OPS) +
                    r" = (\d+) ops; (\d+) freed for other cpus, (\d+) failed, "
                    r"(\d+) reaper passes$", re.M)
MISMATCH_RX = re.compile(r"^mismatch: cpu(\d) cache '([^']+)' object 0x([0-9a-f]{8}) \+(\d+): "
                         r"expected 0x([0-9a-f]{2}), got 0x([0-9a-f]{2})$", re.M)
M32 = 0xffffffff


def mix32(h):
    h ^= h >> 16
    h = (h * 0x85ebca6b) & M32
    h ^= h >> 13
    h = (h * 0xc2b2ae35) & M32
    return h ^ (h >> 16)


def model_ops(seed, cpu, ops):
    """The op counts a CPU runs: xorshift32 from its op stream, weighted picks."""
    s = mix32((mix32(seed) + 0x9e3779b9 * (2 * cpu + 1)) & M32) or 0x9e3779b9
    counts = [0] * len(OPS)
    for _ in range(ops):
        s ^= (s << 13) & M32
        s ^= s >> 17
        s ^= (s << 5) & M32
        w = s % 64
        for i, weight in enumerate(WEIGHTS):
            if w < weight:
                counts[i] += 1
                break
            w -= weight
    return counts


def parse_run(out, smp):
    """{cpu: (op counts, total, freed for others, failed)}, every CPU present."""
    cpus = {}
    for m in CPU_RX.finditer(out):
        v = [int(x) for x in m.groups()]
        cpus[v[0]] = (v[1:8], v[8], v[9], v[10])
    check(sorted(cpus) == list(range(smp)), "not one line per cpu:\n%s" % out)
    return cpus


def check_ending(out, smp, mismatches, reports=0):
    """The lines after the CPUs': nothing lost, nothing reported."""
    check(re.search(r"^pattern mismatches: %d$" % mismatches, out, re.M), out)
    check(re.search(r"^detector reports: %d$" % reports, out, re.M), out)
    check(re.search(r"^verify: OK \(\d+ caches, \d+ slabs, \d+ objects\)$", out, re.M), out)
    m = re.search(r"^pages before=(\d+) after=(\d+)$", out, re.M)
    check(m and m.group(1) == m.group(2), "pages:\n%s" % out)


def slabinfo_after_shrink(board):
    board.run_ok("cache shrink all")
    return parse_slabinfo(board.run_ok("slabinfo"))


def test_a_short_run_does_exactly_its_ops_and_gives_everything_back(board):
    before = slabinfo_after_shrink(board)
    seed, ops = 12345, 1500
    out = board.run_ok("stress %d 8 %d" % (ops, seed), timeout=300)
    check(out.startswith("stress: seed %d, %d cpus x %d ops, 8 caches\n" % (seed, board.smp, ops)),
          out)
    cpus = parse_run(out, board.smp)
    for cpu, (counts, total, _freed, failed) in cpus.items():
        check(counts == model_ops(seed, cpu, ops), "cpu%d: %s, model %s"
              % (cpu, counts, model_ops(seed, cpu, ops)))
        check(total == ops and failed == 0, "cpu%d: %d ops, %d failed" % (cpu, total, failed))
    passed = sum(c[0][OPS.index("pass")] for c in cpus.values())
    freed_for_others = sum(c[2] for c in cpus.values())
    # a full ring frees locally, so at most every pass reaches another CPU
    # (alone, a CPU frees what it would pass)
    want = freed_for_others == 0 if board.smp == 1 else 0 < freed_for_others <= passed
    check(want, "freed for others %d of %d passes" % (freed_for_others, passed))
    check(re.search(r"^total: %d ops on %d cpus$" % (ops * board.smp, board.smp), out, re.M), out)
    check("mismatch:" not in out, out)
    check_ending(out, board.smp, 0)
    after = parse_slabinfo(board.run_ok("slabinfo"))
    check(after == before, "slabinfo changed:\n%s" % "\n".join(
        "%s %s -> %s" % (a[0], b[1], a[1]) for a, b in zip(after, before) if a != b))
    check(not any(name.startswith("stress-") for name, _ in after), "a stress cache is left")


def test_the_same_seed_runs_the_same_ops_and_another_does_not(board):
    one = parse_run(board.run_ok("stress 200 2 99", timeout=120), board.smp)
    two = parse_run(board.run_ok("stress 200 2 99", timeout=120), board.smp)
    other = parse_run(board.run_ok("stress 200 2 100", timeout=120), board.smp)
    check(all(one[c][0] == two[c][0] for c in one), "%s\n%s" % (one, two))
    check(any(one[c][0] != other[c][0] for c in one), "seed 100 ran seed 99's ops")
    for cpu in one:
        check(one[cpu][0] == model_ops(99, cpu, 200), "cpu%d: %s" % (cpu, one[cpu][0]))


RED_ZONE_REPORT = ("slab error in cache_free_debugcheck(): cache 'stress-1000-debug': memory "
                   "after the object was overwritten (red zone 2)")

# stress-1000-debug on SLUB (2.6.32's calculate_sizes, 4-byte words, 16-byte
# struct track): 1000 bytes; Z adds a red-zone word (inuse 1004); P moves the
# free pointer after it (offset 1004); U (slub_debug image, F Z P U) adds two
# tracks (1008..1039); Z pads a word (Linux's "empty padding"); aligned to 8.
# slub: size 1016, padding 1008..1015; order 2 (16 objects, slub_min_objects
# 16 for 4 CPUs).  slub_debug: size 1048, padding 1040..1047; 16 objects need
# 16768 bytes: order 3, 31 objects (280 bytes left, under 1/16).
SLUB_1000 = {"slub": dict(size=1016, pad=1008, objects=16, order=2),
             "slub_debug": dict(size=1048, pad=1040, objects=31, order=3)}
M32 = 0xffffffff


def pattern(addr, size, tag):
    """stress_fill()'s bytes at @addr (shell/stress_core.c): each word mix32(its
    address ^ tag * 0x9e3779b9), little-endian."""
    out = []
    for a in range(addr, addr + size):
        w = mix32(((a & ~3) ^ (tag * 0x9e3779b9)) & M32)
        out.append((w >> (8 * (a & 3))) & 0xff)
    return out


def section(label, addr, data):
    """One line of 2.6.32's print_section(): up to 16 bytes and their text."""
    text = "".join(chr(b) if 0x20 < b < 0x7f else "." for b in data)
    hexes = "".join(" %02x" % b for b in data) + "   " * (16 - len(data))
    return "%8s 0x%08x: %s %s" % (label, addr, hexes, text.ljust(16))


def slub_red_zone_report(out, image):
    """SLUB's report of the red zone byte 'corrupt' flipped, line by line
    (2.6.32's check_bytes_and_report() and print_trailer()); the object,
    filled by stress_fill() with stress-1000-debug's tag, is printed whole.
    Only what the interleaving decides is a pattern: the slab's use and
    free pointer, the page flags, the previous object's words, the track's
    caller and age."""
    geo = SLUB_1000[image]
    lines = [re.sub(r"^\[ *\d+\.\d{6}\] ", "", l) for l in out.splitlines()
             if re.match(r"^\[ *\d+\.\d{6}\] ", l)]
    m = re.fullmatch(r"INFO: 0x([0-9a-f]{8})-0x\1\. First byte 0x33 instead of 0xcc",
                     lines[4] if len(lines) > 4 else "")
    check(m, "no red zone report:\n%s" % "\n".join(lines))
    obj = int(m.group(1), 16) - 1000
    base = obj & ~((4096 << geo["order"]) - 1)
    check((obj - base) % geo["size"] == 0, "0x%08x is no object's start" % obj)
    want = ["=" * 77, "BUG stress-1000-debug: Redzone overwritten", "-" * 77, "", lines[4]]
    if image == "slub_debug":       # store_user: the alloc track, the free one if it was freed
        want.append(re.compile(r"INFO: Allocated in 0x[0-9a-f]{8} age=\d+ cpu=\d pid=0"))
        if lines[6].startswith("INFO: Freed in "):
            want.append(re.compile(r"INFO: Freed in 0x[0-9a-f]{8} age=\d+ cpu=\d pid=0"))
    want += [re.compile(r"INFO: Slab 0x[0-9a-f]{8} objects=%d used=\d+ fp=0x[0-9a-f]{8} "
                        r"flags=0x[0-9a-f]{4}" % geo["objects"]),
             re.compile(r"INFO: Object 0x%08x @offset=%d fp=0x[0-9a-f]{8}" % (obj, obj - base)),
             ""]
    if obj > base + 16:             # the previous object's last 16 bytes: its padding last
        want.append(re.compile(re.escape("Bytes b4 0x%08x: " % (obj - 16)) +
                               " [0-9a-f]{2}" * 8 + " 5a" * 8 + r" .{8}ZZZZZZZZ"))
    data = pattern(obj, 1000, 0x53540000 | 5)
    want += [section("Object", obj + i, data[i:i + 16]) for i in range(0, 1000, 16)]
    want += [section("Redzone", obj + 1000, [0x33, 0xcc, 0xcc, 0xcc]),
             section("Padding", obj + geo["pad"], [0x5a] * (geo["size"] - geo["pad"])),
             "FIX stress-1000-debug: Restoring 0x%08x-0x%08x=0xcc" % (obj + 1000, obj + 1000),
             ""]
    check(len(lines) == len(want), "%d kernel lines, expected %d:\n%s"
          % (len(lines), len(want), "\n".join(lines)))
    for got, w in zip(lines, want):
        ok = w.fullmatch(got) if hasattr(w, "fullmatch") else got == w
        check(ok, "line %r, expected %r" % (got, w))
    # the free was refused (2.6.32's free_debug_processing()), the object
    # kept: stress frees it once more, now whole
    check(re.search(r"^stress-1000-debug: SLUB kept object 0x%08x, whose free failed its "
                    r"checks; freed again, its red zone restored$" % obj, out, re.M), out)


def test_corruption_is_caught_by_the_pattern_and_the_red_zone(board):
    """'corrupt': one byte of one object (the pattern check's), one byte of
    another's red zone 2 (the detectors'); twice, so the second run counts
    only its own report."""
    before = slabinfo_after_shrink(board)
    for _ in range(2):
        out = board.run("stress 400 8 7 corrupt", timeout=120)
        check(out.startswith("stress: seed 7, %d cpus x 400 ops, 8 caches, corrupt\n"
                             % board.smp), out)
        bad = MISMATCH_RX.findall(out)
        check(len(bad) == 1, "one mismatch expected:\n%s" % out)
        _cpu, cache, _addr, offset, expected, got = bad[0]
        # byte size/2 of the first object the command's CPU takes from a stress cache
        check(cache in SIZES and int(offset) == SIZES[cache] // 2, "where: %s" % (bad[0],))
        check(int(expected, 16) ^ int(got, 16) == 0xff, "bytes: %s" % (bad[0],))
        if board.image in SLUB_1000:
            slub_red_zone_report(out, board.image)
        else:
            check(re.search(r"^\[ *\d+\.\d{6}\] " + re.escape(RED_ZONE_REPORT) + "$", out,
                            re.M), "no red zone report:\n%s" % out)
            check("SLUB kept" not in out, out)
        check_ending(out, board.smp, 1, 1)
        check(out.endswith("error: stress: 1 mismatches, 1 detector reports, 0 verify errors, "
                           "0 pages lost\n"), out)
    # the quarantined object went with its cache
    check(slabinfo_after_shrink(board) == before, "slabinfo changed")


def test_bad_arguments_change_nothing(board):
    before = slabinfo_after_shrink(board)
    cases = [
        ("stress x", "error: bad ops 'x': not a number"),
        ("stress 0", "error: bad ops '0': must be at least 1"),
        ("stress 100000001", "error: bad ops '100000001': number too large"),
        ("stress 10 0", "error: bad caches '0': must be at least 1"),
        ("stress 10 9", "error: bad caches '9': number too large"),
        ("stress 10 8 4294967296", "error: bad seed '4294967296': number too large"),
        ("stress 10 8 1 2", "error: stress: expected [OPS] [CACHES] [SEED] [corrupt]"),
        ("stress corrupt 10", "error: bad ops 'corrupt': not a number"),
        ("stress 10 8 1 corrupt corrupt", "error: stress: too many arguments"),
    ]
    for line, error in cases:
        check(board.run_error(line) == error, "%s -> %s" % (line, board.run(line)))
    board.run_ok("cache create stress-cpu2 64")
    check(board.run_error("stress 10") == "error: stress: a cache named 'stress-cpu2' exists "
          "already", "a taken name")
    board.run_ok("cache destroy stress-cpu2")
    check(slabinfo_after_shrink(board) == before, "slabinfo changed")


def test_ctrl_c_stops_it_and_everything_is_still_freed_and_checked(board):
    before = slabinfo_after_shrink(board)
    board.send("stress 10000000\r")
    board.expect(r"^stress 10000000\n")
    board.expect(r"^stress: seed 1, ")
    time.sleep(1.0)
    board.send("\x03")
    m = board.expect(r"\A(.*)^error: interrupted by Ctrl-C\n" + re.escape(PROMPT), 120,
                     re.M | re.S)
    out = m.group(1)
    cpus = parse_run(out, board.smp)
    check(all(c[1] < 10000000 for c in cpus.values()), "not stopped early:\n%s" % out)
    for cpu, c in cpus.items():
        check(c[0] == model_ops(1, cpu, c[1]), "cpu%d's first %d ops: %s" % (cpu, c[1], c[0]))
    check_ending(out, board.smp, 0)
    check(parse_slabinfo(board.run_ok("slabinfo")) == before, "slabinfo changed")


FAULT_RX = re.compile(r"^(pages|slab): (?:every 7|prob 20% seed 3), (\d+) calls, (\d+) failed$",
                      re.M)


def test_under_fault_injection_nothing_is_lost(board):
    """Issue 14: stress with page allocations and cache_grow failing on
    purpose (every 7th page allocation, a fifth of the grows) must still
    run every op of its streams, lose no page and corrupt nothing: each
    failure is an allocation that returned NULL, counted as failed."""
    before = slabinfo_after_shrink(board)
    board.run_ok("fault pages every 7")
    board.run_ok("fault slab prob 20 3")
    try:
        out = board.run_ok("stress 1500 8 5", timeout=300)
        status = board.run_ok("fault")
    finally:
        board.run_ok("fault pages off")
        board.run_ok("fault slab off")
    cpus = parse_run(out, board.smp)
    for cpu, (counts, total, _freed, _failed) in cpus.items():
        check(counts == model_ops(5, cpu, 1500) and total == 1500, "cpu%d: %s" % (cpu, counts))
    failed = sum(c[3] for c in cpus.values())
    injected = {name: (int(calls), int(fails)) for name, calls, fails in FAULT_RX.findall(status)}
    check(sorted(injected) == ["pages", "slab"], status)
    check(all(fails > 0 for _calls, fails in injected.values()), status)
    check(failed > 0, "no operation failed under injection:\n%s" % out)
    check("mismatch:" not in out, out)
    check_ending(out, board.smp, 0)
    check(slabinfo_after_shrink(board) == before, "slabinfo changed")
