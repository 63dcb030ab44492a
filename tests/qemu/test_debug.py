"""test_debug.py - the slab debug checks through the corruption lab, and whatis.

Each detector is shown catching a misuse made with `cache corrupt` or
`cache badfree`: the report's first line exactly, the number of
"slab error" lines, the red zones as they were found, errors= in `cache
show`, the object quarantined (whatis says so, and it is not handed out
in the allocations that follow), the shell's record following the
allocator, and the shell still answering (show, slabinfo, destroy).
`whatis` is checked for every part of a slab and every state of an
object on a quiet board (automatic reaper off), against `cache show`.

The board's geometry for "figo 40 red_zone poison store_user" (Linux
2.6.24's, 4-byte words): a 64-byte buffer, [8 red zone 1][40 object]
[8 red zone 2][4 padding][4 user word], obj_offset 8, 59 per slab.
"""

import re

from harness import STAMP, check, needs, parse_slabinfo, unstamp
from test_cache import check_objects_line, kv, parse_map, parse_show, quiet

BOARDS = [dict(image="elf", smp=4, mem="256M")]

RED_ACTIVE = "0xd84156c5635688c0"
RED_INACTIVE = "0x09f911029d74e35b"
QUARANTINED = "  object quarantined: it will not be handed out again"


# ---- helpers ---------------------------------------------------------------

def create(board, line):
    out = board.run_ok("cache create " + line)
    check(out.startswith("created cache %s\n" % line.split()[0]), out)
    return kv(out.splitlines()[1][len("geometry: "):])


def alloc(board, name, count=1, cpu=None):
    prefix = "cpu %d " % cpu if cpu is not None else ""
    out = board.run_ok("%scache alloc %s %d" % (prefix, name, count))
    check(out.splitlines()[-1] == "allocated %d object%s" % (count, "" if count == 1 else "s"),
          out)
    return [int(l, 16) for l in out.splitlines() if l.startswith("0x")]


def show(board, name):
    return parse_show(board.run_ok("cache show " + name))


def errors(board, name):
    return show(board, name)["stats"]["errors"]


def run(board, line, ok=True):
    """board.run_ok(@line) (board.run if not @ok) with printk's stamps checked
    and taken off: a report's lines are kernel log lines, so they and only
    they carry one (they start "slab error" or are indented; no line of a
    command's own output is)."""
    out = board.run_ok(line) if ok else board.run(line)
    for raw in out.splitlines():
        text = unstamp(raw)
        report = text.startswith("slab error") or text.startswith("  ")
        check((re.match(STAMP, raw) is not None) == report,
              "%s stamp on %r:\n%s" % ("a" if report else "no", raw, out))
    return unstamp(out)


def reports(out):
    return [l for l in out.splitlines() if l.startswith("slab error")]


def check_report(out, first, count=1):
    """@out holds @count reports, the first of them @first."""
    got = reports(out)
    check(len(got) == count, "want %d reports, got %d:\n%s" % (count, len(got), out))
    check(got[0] == first, "report:\n  got  %s\n  want %s" % (got[0], first))


def corrupt(board, name, addr, offset, byte, old, part):
    out = board.run_ok("cache corrupt %s 0x%08x %d %d" % (name, addr, offset, byte))
    want = "cache %s: 0x%08x [%+d] 0x%02x -> 0x%02x (%s)\n" % (name, addr, offset, old, byte,
                                                              part)
    check(out == want, "corrupt:\n%r\nwant\n%r" % (out, want))


def whatis(board, addr):
    return board.run_ok("whatis 0x%08x" % addr).splitlines()


def state(board, addr):
    lines = whatis(board, addr)
    check(len(lines) >= 2 and lines[1].startswith("state: "), "\n".join(lines))
    return lines[1][len("state: "):]


def check_quarantined(board, name, addr, rounds=4):
    """whatis says quarantined, and @rounds x 16 allocations (more than a
    slab's worth) never hand @addr out; they are freed again."""
    check(state(board, addr).startswith("quarantined: a detector withheld it, it is never "
                                        "handed out again"), "whatis 0x%08x" % addr)
    check_map_q(board, name, addr)
    for _ in range(rounds):
        got = alloc(board, name, 16)
        check(addr not in got, "0x%08x handed out again" % addr)
    for line in board.run_error("cache free %s 0x%08x" % (name, addr)).splitlines():
        check(line == "error: 0x%08x is not an object the shell allocated" % addr, line)


def check_map_q(board, name, addr):
    """`cache map` marks @addr q at its index (whatis gives it), and as
    many objects q as the cache counts quarantined."""
    m = re.search(r"\(index (\d+)\)", whatis(board, addr)[0])
    check(m, "whatis 0x%08x: no index" % addr)
    slabs = parse_map(board.run_ok("cache map " + name))["slabs"]
    mine = [sl for sl in slabs if sl["page"] <= addr < sl["page"] + 4096]
    check(len(mine) == 1 and mine[0]["marks"][int(m.group(1))] == "q",
          "0x%08x (index %s) not marked q: %s" % (addr, m.group(1), mine))
    q = sum(sl["marks"].count("q") for sl in slabs)
    s = show(board, name)
    check(q == s["stats"]["quarantined"], "%d marked q" % q)
    # the objects: line counts those in no array apart from the callers'
    inside = sum(1 for c in s["cpus"].values() for a in c["entries"] if a == addr)
    inside += s["shared"].count(addr)
    check(s["objects"]["quarantined"] is not None, str(s["objects"]))
    check_objects_line(s, s["objects"]["quarantined"])
    if q == 1:
        check(s["objects"]["quarantined"] == 1 - inside,
              "%s, %d in arrays" % (s["objects"], inside))


def destroy(board, name):
    board.run_ok("cache free %s all" % name)
    check(board.run_ok("cache destroy " + name) == "destroyed cache %s\n" % name, name)
    check(name not in dict(parse_slabinfo(board.run_ok("slabinfo"))), "slabinfo row left")


def object_line(out):
    m = re.search(r"^  object (0x[0-9a-f]{8}): index (\d+) of slab (0x[0-9a-f]{8}), (\d+) bytes$",
                  out, re.M)
    check(m, "no object line:\n%s" % out)
    return int(m.group(1), 16), int(m.group(2)), int(m.group(3), 16), int(m.group(4))


# ---- the detectors ---------------------------------------------------------

def test_red_zone_2_overrun_is_reported_at_free(board):
    quiet(board)
    g = create(board, "figo 40 red_zone poison store_user")
    check((g["objsize"], g["obj_offset"], g["num"]) == (64, 8, 59), str(g))
    obj, keep = alloc(board, "figo", 2)
    corrupt(board, "figo", obj, 40, 0, 0xc0, "red zone 2")
    out = run(board, "cache free figo 0x%08x" % obj)
    check_report(out, "slab error in cache_free_debugcheck(): cache 'figo': memory after the "
                      "object was overwritten (red zone 2)")
    lines = out.splitlines()
    addr, index, slab, size = object_line(out)
    check(addr == obj and size == 40 and slab == obj & ~0xfff, lines[1])
    check(index == (obj - 8 - (slab + g["slab_size"])) // 64, lines[1])
    # newlib-nano's printf has no %llx: the red zones once printed as "0x...0lx"
    check(lines[2] == "  redzone 1: %s, redzone 2: %s" % (RED_ACTIVE, RED_ACTIVE[:-2] + "00"),
          lines[2])
    check(re.fullmatch(r"  last user: 0x[0-9a-f]{8} \(alloc on cpu0 at \d+\.\d{6} s\)",
                       lines[3]), lines[3])
    check(lines[4] == "     -8: c0 88 56 63 c5 56 41 d8 5a 5a 5a 5a 5a 5a 5a 5a", lines[4])
    check(lines[7].startswith("    +40: 00 88 56 63 c5 56 41 d8 00 00 00 00 "), lines[7])
    check(lines[-2:] == [QUARANTINED, "freed 1 object"], out)
    s = show(board, "figo")
    check(s["stats"]["errors"] == 1 and s["stats"]["active"] == 16 and
          s["stats"]["quarantined"] == 1, str(s["stats"]))
    check_quarantined(board, "figo", obj)
    board.run_ok("cache free figo 0x%08x" % keep)
    destroy(board, "figo")             # the quarantined object does not keep it alive


def test_red_zone_1_underrun_is_reported_at_free(board):
    quiet(board)
    create(board, "figo 40 red_zone")
    obj, = alloc(board, "figo")
    corrupt(board, "figo", obj, -8, 0x41, 0xc0, "red zone 1")
    out = run(board, "cache free figo 0x%08x" % obj)
    check_report(out, "slab error in cache_free_debugcheck(): cache 'figo': memory before the "
                      "object was overwritten (red zone 1)")
    check("  redzone 1: 0xd84156c5635688%s, redzone 2: %s" % ("41", RED_ACTIVE)
          in out.splitlines(), out)
    check("last user" not in out, "no store_user, no last user:\n" + out)
    check(errors(board, "figo") == 1, "errors")
    check_quarantined(board, "figo", obj)
    destroy(board, "figo")


def test_write_after_free_is_reported_when_handed_out(board):
    quiet(board)
    create(board, "figo 40 poison")
    obj, = alloc(board, "figo")
    board.run_ok("cache free figo 0x%08x" % obj)
    check(state(board, obj).startswith("free, in cpu0's array (slot "), "in the array")
    corrupt(board, "figo", obj, 5, 0, 0x6b, "the object")
    out = run(board, "cache alloc figo")      # LIFO: obj is popped first
    check_report(out, "slab error in cache_alloc_debugcheck_after(): cache 'figo': write after "
                      "free: poison overwritten")
    check("     +0: 6b 6b 6b 6b 6b 00 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b" in out.splitlines(), out)
    lines = out.splitlines()
    check(lines[-3] == QUARANTINED and lines[-1] == "allocated 1 object", out)
    check(int(lines[-2], 16) != obj, "the caller got another object")
    check(errors(board, "figo") == 1, "errors")
    check_quarantined(board, "figo", obj)
    destroy(board, "figo")


def test_red_zone_of_a_free_object_is_checked_when_handed_out(board):
    quiet(board)
    create(board, "figo 40 red_zone store_user")
    obj, = alloc(board, "figo")
    board.run_ok("cache free figo 0x%08x" % obj)
    corrupt(board, "figo", obj, 47, 0, 0x09, "red zone 2")
    out = run(board, "cache alloc figo")
    check_report(out, "slab error in cache_alloc_debugcheck_after(): cache 'figo': memory after "
                      "a free object was overwritten (red zone 2)")
    check("  redzone 1: %s, redzone 2: 0x00f911029d74e35b" % RED_INACTIVE in out.splitlines(),
          out)
    check(errors(board, "figo") == 1, "errors")
    check_quarantined(board, "figo", obj)
    destroy(board, "figo")


def test_double_free_caught_by_the_red_zones(board):
    quiet(board)
    create(board, "figo 40 red_zone poison store_user")
    obj, keep = alloc(board, "figo", 2)
    out = run(board, "cache badfree figo 0x%08x double" % obj)
    check_report(out, "slab error in cache_free_debugcheck(): cache 'figo': double free "
                      "detected (the red zones say free)")
    check("  redzone 1: %s, redzone 2: %s" % (RED_INACTIVE, RED_INACTIVE) in out.splitlines(),
          out)
    check(re.search(r"^  last user: 0x[0-9a-f]{8} \(free on cpu0 at ", out, re.M), out)
    check(out.splitlines()[-2:] == [QUARANTINED, "badfree: 1 report, cache figo errors=1"], out)
    # still in cpu0's array (the first free put it there), dropped when popped
    s = show(board, "figo")
    slot = s["cpus"][0]["entries"].index(obj)
    check(state(board, obj) == "quarantined: a detector withheld it, it is never handed out "
          "again; still in cpu0's array (slot %d of %d), dropped when popped"
          % (slot, s["cpus"][0]["avail"]), "whatis")
    check_quarantined(board, "figo", obj)
    check(errors(board, "figo") == 1, "popping it was no second report")
    board.run_ok("cache free figo 0x%08x" % keep)
    destroy(board, "figo")


def test_double_free_without_red_zones_caught_by_free_block(board):
    quiet(board)
    create(board, "figo 40")
    obj, keep = alloc(board, "figo", 2)
    out = run(board, "cache badfree figo 0x%08x double" % obj)
    lines = out.splitlines()
    check(lines[0] == "badfree: no red zones in 'figo', so the second free went unseen into "
                      "cpu0's array; draining the arrays (cache shrink) for free_block() to "
                      "meet it", out)
    check_report(out, "slab error in free_block(): cache 'figo': double free detected (the "
                      "object is free in its slab)")
    check(object_line(out)[0] == obj, out)
    check("redzone" not in out and "last user" not in out, out)
    check(lines[-2:] == [QUARANTINED, "badfree: 1 report, cache figo errors=1"], out)
    s = show(board, "figo")
    check(s["cpus"][0]["avail"] == 0 and s["stats"]["active"] == 2, str(s["stats"]))
    check(state(board, obj) == "quarantined: a detector withheld it, it is never handed out "
                               "again", "whatis")
    # a real object keeps the cache alive; the quarantined one alone does not
    out = run(board, "cache destroy figo", ok=False)
    check(out == "slab error in kmem_cache_destroy(): cache 'figo': Can't free all objects\n"
                 "error: cache 'figo' not destroyed: 2 objects still allocated\n", out)
    check_quarantined(board, "figo", obj)
    board.run_ok("cache free figo 0x%08x" % keep)
    destroy(board, "figo")


@needs(cpus=2)
def test_double_free_on_another_cpu_stays_in_its_array(board):
    quiet(board)
    create(board, "figo 40 red_zone")
    cpu = board.smp - 1
    obj, = alloc(board, "figo", cpu=cpu)
    out = run(board, "cpu %d cache badfree figo 0x%08x double" % (cpu, obj))
    check_report(out, "slab error in cache_free_debugcheck(): cache 'figo': double free "
                      "detected (the red zones say free)")
    avail = show(board, "figo")["cpus"][cpu]["avail"]    # the refill's others, then obj
    check(state(board, obj).endswith("still in cpu%d's array (slot %d of %d), dropped when "
                                     "popped" % (cpu, avail - 1, avail)), "whatis")
    got = alloc(board, "figo", 1, cpu=cpu)
    check(got != [obj], "handed out on cpu%d" % cpu)
    check(errors(board, "figo") == 1, "errors")
    destroy(board, "figo")


DUMP_LINE = re.compile(r"  ([0-9a-f]{8}):(?: [0-9a-f]{2}){16}$")


def without_dump(out, addr):
    """@out's lines less the bytes a refused free prints around @addr:
    three 16-byte lines in a row, the one holding @addr in the middle
    (first if it starts a slab), each with its address."""
    lines = out.splitlines()
    at = [i for i, line in enumerate(lines) if DUMP_LINE.match(line)]
    check(len(at) == 3 and at == list(range(at[0], at[0] + 3)), out)
    starts = [int(DUMP_LINE.match(lines[i]).group(1), 16) for i in at]
    check(starts == [starts[0], starts[0] + 16, starts[0] + 32], out)
    check(addr // 16 * 16 in starts[:2], "0x%08x is not in the dump:\n%s" % (addr, out))
    return [line for i, line in enumerate(lines) if i not in at]


def test_interior_and_wrong_cache_frees_are_refused(board):
    quiet(board)
    create(board, "figo 40")
    obj, = alloc(board, "figo")
    size64 = errors(board, "size-64")
    out = run(board, "cache badfree figo 0x%08x interior" % obj)
    check(without_dump(out, obj + 4) == [
        "slab error in kmem_cache_free(): cache 'figo': 0x%08x is a pointer inside an "
        "object, not to its start; not freed" % (obj + 4),
        "  the object at 0x%08x +4" % obj,
        "badfree: 1 report, cache figo errors=1"], out)
    out = run(board, "cache badfree figo 0x%08x wrongcache" % obj)
    check(without_dump(out, obj) == [
        "slab error in kmem_cache_free(): cache 'size-64': 0x%08x is an object of "
        "cache 'figo'; not freed" % obj,
        "badfree: 1 report, cache figo errors=1, cache size-64 errors=%d" % (size64 + 1)], out)
    # refused both times: still allocated, still the shell's
    check(state(board, obj) == "allocated", "whatis")
    check(board.run_ok("cache free figo 0x%08x" % obj) == "freed 1 object\n", "free")
    check(errors(board, "figo") == 1, "errors")
    # a general cache's wrong cache is the next size class
    obj = int(board.run_ok("kmalloc 64").splitlines()[0], 16)
    size96 = errors(board, "size-96")
    out = run(board, "cache badfree size-64 0x%08x wrongcache" % obj)
    check(without_dump(out, obj) == [
        "slab error in kmem_cache_free(): cache 'size-96': 0x%08x is an object of cache "
        "'size-64'; not freed" % obj,
        "badfree: 1 report, cache size-64 errors=%d, cache size-96 errors=%d"
        % (size64 + 1, size96 + 1)], out)
    check(board.run_ok("kfree 0x%08x" % obj) == "freed 1 object\n", "kfree")
    destroy(board, "figo")


def test_lab_refusals_change_nothing(board):
    quiet(board)
    create(board, "figo 40 red_zone poison store_user")
    obj, = alloc(board, "figo")
    cases = [
        ("cache corrupt figo 0x%08x -9 0" % obj,
         "error: offset -9 is outside the object's buffer: -8 to 55 in cache 'figo'"),
        ("cache corrupt figo 0x%08x 56 0" % obj,
         "error: offset 56 is outside the object's buffer: -8 to 55 in cache 'figo'"),
        ("cache corrupt figo 0x%08x 0 256" % obj, "error: bad byte '256': number too large"),
        ("cache corrupt figo 0x%08x 4 0" % (obj + 4),
         "error: 0x%08x is not an object of cache 'figo' (whatis tells what it is)" % (obj + 4)),
        ("cache corrupt size-64 0x%08x 0 0" % obj,
         "error: 0x%08x is not an object of cache 'size-64' (whatis tells what it is)" % obj),
        ("cache corrupt figo 0x%08x x 0" % obj, "error: bad offset 'x': not a number"),
        ("cache corrupt figo 0x%08x 0" % obj,
         "error: cache corrupt: expected NAME ADDR OFFSET BYTE"),
        ("cache badfree figo 0x%08x twice" % obj,
         "error: cache badfree: unknown misuse 'twice' (known: double interior wrongcache)"),
        ("cache badfree figo 0x%08x" % obj,
         "error: cache badfree: expected NAME ADDR double|interior|wrongcache"),
        ("cache badfree figo 0x%08x double" % (obj + 8),
         "error: 0x%08x is not an object the shell allocated" % (obj + 8)),
        ("cache badfree size-64 0x%08x double" % obj,
         "error: 0x%08x was allocated from 'figo', not 'size-64'" % obj),
    ]
    for line, want in cases:
        got = board.run_error(line)
        check(got == want, "%s:\n  got  %s\n  want %s" % (line, got, want))
    # the management of an off-slab slab is the firmware's object, not the shell's
    create(board, "big 4096")
    alloc(board, "big")
    s = show(board, "big")
    mgmt = s["slabs"][0]["slab"]
    cache = s["geometry"]["slabp_cache"]
    check(board.run_error("cache corrupt %s 0x%08x 0 0" % (cache, mgmt))
          == "error: 0x%08x is allocated, but not by the shell: the lab writes only into the "
             "shell's objects and free ones" % mgmt, "firmware's object")
    # nothing was written: the object frees without a report
    check(board.run_ok("cache free figo 0x%08x" % obj) == "freed 1 object\n", "free")
    check(errors(board, "figo") == 0, "errors")
    destroy(board, "figo")
    destroy(board, "big")


# ---- whatis ----------------------------------------------------------------

def test_whatis_every_part_of_a_slab(board):
    quiet(board)
    g = create(board, "figo 40 red_zone poison store_user")
    obj, = alloc(board, "figo")
    slab = obj & ~0xfff
    index = (obj - 8 - (slab + g["slab_size"])) // 64
    where = "(index %d) of cache figo, slab 0x%08x (partial)" % (index, slab)
    parts = [
        (obj, "0x%08x is object 0x%08x %s" % (obj, obj, where)),
        (obj + 1, "0x%08x is 1 byte into object 0x%08x %s" % (obj + 1, obj, where)),
        (obj + 39, "0x%08x is 39 bytes into object 0x%08x %s" % (obj + 39, obj, where)),
        (obj - 8, "0x%08x is in red zone 1 (byte 0 of 8) of object 0x%08x %s" % (obj - 8, obj,
                                                                              where)),
        (obj + 47, "0x%08x is in red zone 2 (byte 7 of 8) of object 0x%08x %s" % (obj + 47, obj,
                                                                               where)),
        (obj + 48, "0x%08x is in the padding (byte 0 of 4) of object 0x%08x %s" % (obj + 48, obj,
                                                                                where)),
        (obj + 55, "0x%08x is in the user word (byte 3 of 4) of object 0x%08x %s" % (obj + 55,
                                                                                  obj, where)),
        (slab, "0x%08x is in the struct slab (byte 0 of 28) of cache figo, slab 0x%08x "
               "(partial)" % (slab, slab)),
        (slab + 28 + 4 * 58 + 2, "0x%08x is in bufctl[58] (byte 2 of 4) of cache figo, slab "
                                 "0x%08x (partial)" % (slab + 262, slab)),
        (slab + 264, "0x%08x is in red zone 1 (byte 0 of 8) of object 0x%08x (index 0) of "
                     "cache figo, slab 0x%08x (partial)" % (slab + 264, slab + 272, slab)),
        (slab + 4095, "0x%08x is in the left-over (byte 55 of 56) of cache figo, slab 0x%08x "
                      "(partial)" % (slab + 4095, slab)),
        (0x60010000, "0x60010000 is not in a slab page"),
        (0x10000000, "0x10000000 is not in memory the page allocator manages"),
    ]
    for addr, want in parts:
        got = whatis(board, addr)[0]
        check(got == want, "whatis 0x%08x:\n  got  %s\n  want %s" % (addr, got, want))
    lines = whatis(board, obj + 20)
    check(lines[1] == "state: allocated", lines[1])
    check(re.fullmatch(r"last user: 0x[0-9a-f]{8} \(alloc on cpu0 at \d+\.\d{6} s\)", lines[2]),
          lines[2])
    check(board.run_error("whatis 0x1234567890") == "error: bad address '0x1234567890': number "
          "too large", "bad address")
    destroy(board, "figo")


def test_whatis_follows_an_object_to_its_slab(board):
    quiet(board)
    create(board, "figo 40")
    a, b = alloc(board, "figo", 2)
    g = show(board, "figo")["geometry"]
    index = (a - (a & ~0xfff) - g["slab_size"]) // g["objsize"]
    check(whatis(board, a) == ["0x%08x is object 0x%08x (index %d) of cache figo, slab 0x%08x "
                               "(partial)" % (a, a, index, a & ~0xfff), "state: allocated"],
          "no user, no journal: two lines")
    board.run_ok("cache free figo 0x%08x" % b)
    s = show(board, "figo")
    avail = s["cpus"][0]["avail"]
    check(state(board, b) == "free, in cpu0's array (slot %d of %d)" % (avail - 1, avail), "b")
    check(state(board, s["cpus"][0]["entries"][0]) == "free, in cpu0's array (slot 0 of %d)"
          % avail, "entry 0")
    # 92 objects of 40 bytes: the management, 28 + 92 * 4, is padded to 8 bytes
    check((g["num"], g["slab_size"]) == (92, 400), str(g))
    check(whatis(board, (a & ~0xfff) + 397) == ["0x%08x is in the management's padding (byte 1 "
                                                "of 4) of cache figo, slab 0x%08x (partial)"
                                                % ((a & ~0xfff) + 397, a & ~0xfff)], "padding")
    board.run_ok("cache shrink figo")          # every array back to the slab: b first
    s = show(board, "figo")
    free = s["node"]["free_objects"]
    check(state(board, b) == "free in its slab (position 0 of %d on its free chain)" % free, "b")
    check(s["slabs"][0]["free"] == whatis_index(board, b), str(s["slabs"][0]))
    destroy(board, "figo")


def whatis_index(board, addr):
    m = re.search(r"\(index (\d+)\)", whatis(board, addr)[0])
    check(m, "no index")
    return int(m.group(1))


@needs(cpus=2)
def test_whatis_finds_the_shared_array(board):
    quiet(board)
    create(board, "figo 40")
    check(board.run_ok("slabinfo figo 4 2 2") == "figo: limit=4 batchcount=2 shared=2\n",
          "tune")
    cpu = board.smp - 1
    objs = alloc(board, "figo", 5, cpu=cpu)
    board.run_ok("cpu %d cache free figo %s" % (cpu, " ".join("0x%08x" % o for o in objs)))
    s = show(board, "figo")
    check(s["node"]["shared_avail"] == 2, str(s["node"]))
    for slot, addr in enumerate(s["shared"]):
        check(state(board, addr) == "free, in the shared array (slot %d of 2)" % slot, "shared")
    for slot, addr in enumerate(s["cpus"][cpu]["entries"]):
        check(state(board, addr) == "free, in cpu%d's array (slot %d of %d)"
              % (cpu, slot, s["cpus"][cpu]["avail"]), "cpu%d" % cpu)
    destroy(board, "figo")


def test_the_shell_still_answers(board):
    """After every detector above: slabinfo parses, the general caches show."""
    rows = dict(parse_slabinfo(board.run_ok("slabinfo")))
    check("figo" not in rows and "size-64" in rows, "slabinfo")
    show(board, "size-64")
    check(board.run_ok("reap auto on") == "automatic reaping is on\n", "reap auto on")
