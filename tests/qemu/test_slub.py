"""test_slub.py - the SLUB image (make SLAB=slub): Linux 2.6.32's SLUB behind
the same API and shell.

Exact values throughout, each worked out from 2.6.32's mm/slub.c and the
geometry of mm/slub_geometry.c (tests/host/test_slub_geometry.c derives
each number by hand):
- the banner and `version` name SLUB;
- /proc/slabinfo's kmalloc rows: kmalloc-32 ... kmalloc-8192 with -96 and
  -192, each with its objsize, objperslab and pagesperslab, tunables
  0 0 0 and sharedavail 0; a CPU slab's free objects count as active
  (only the partial slabs' free objects are not);
- figo_object (20, 8) and kmem_cache_16 (16, 8): cache create's and
  cache show's geometry line;
- a free on another CPU than the slab's goes onto the page's freelist
  (__slab_free() on a frozen slab: free_slowpath, free_frozen), not onto
  either CPU's lockless freelist;
- a full slab's first free puts it on the partial list, its last free
  gives it back at once (2.6.32 applies min_partial only when a CPU slab
  is deactivated);
- shrink and destroy give back every page: buddyinfo as it was;
- merged caches are aliases, destroyed by the name typed, in any order; kmalloc above 8192
  comes from the page allocator; fault slab fails new_slab();
- slabstress (verifying while the others run) and stress give every page
  back;
- slabtop: procps' screen computed from SLUB's rows, figo_object's exact;
- tuning and reap cannot apply (no per-CPU arrays, no reaper): one error
  line each, nothing changed;
- selftest passes, its SLAB-only suites skipped with their reasons.
"""

import json
import re

from harness import Board, check, parse_meminfo, parse_slabinfo

BOARDS = [dict(image="slub", smp=4, mem="256M")]

ALLOCATOR = "Allocator: SLUB (Linux 2.6.32)"

# name: (objsize, objperslab, pagesperslab), tests/host/test_slub_geometry.c
KMALLOC = {
    "kmalloc-32": (32, 128, 1), "kmalloc-64": (64, 64, 1), "kmalloc-96": (96, 42, 1),
    "kmalloc-128": (128, 32, 1), "kmalloc-192": (192, 21, 1), "kmalloc-256": (256, 16, 1),
    "kmalloc-512": (512, 16, 2), "kmalloc-1024": (1024, 16, 4),
    "kmalloc-2048": (2048, 16, 8), "kmalloc-4096": (4096, 8, 8),
    "kmalloc-8192": (8192, 4, 8),
}

FIGO_GEOMETRY = ("geometry: size=24 objsize=20 inuse=20 offset=0 order=0 objects=170 "
                 "min_order=0 min_objects=170 min_partial=5 align=8 flags=none")
K16_GEOMETRY = ("geometry: size=16 objsize=16 inuse=16 offset=0 order=0 objects=256 "
                "min_order=0 min_objects=256 min_partial=5 align=8 flags=none")


def quiet_state(board):
    """What must come back unchanged: every cache shrunk, then the free
    blocks and the slabinfo rows."""
    board.run_ok("cache shrink all")
    return board.run_ok("buddyinfo"), board.run_ok("slabinfo")


def rows(board):
    return dict(parse_slabinfo(board.run_ok("slabinfo")))


def alloc(board, name, count, cpu=None):
    out = board.run_ok("%scache alloc %s %d" % ("cpu %d " % cpu if cpu is not None else "",
                                                 name, count))
    objs = [int(x, 16) for x in re.findall(r"^0x([0-9a-f]{8})$", out, re.M)]
    check(out.endswith("allocated %d object%s\n" % (count, "" if count == 1 else "s")), out)
    return objs


def show(board, name):
    """cache show NAME -> (lines, {slab page: its line's fields}, {stat: value})."""
    out = board.run_ok("cache show %s" % name)
    lines = out.splitlines()
    slabs = {}
    for line in lines:
        m = re.fullmatch(r"slab 0x([0-9a-f]{8}) list=(\w+) inuse=(\d+) objects=(\d+) "
                         r"freelist=(0x[0-9a-f]{8}|none)", line)
        if m:
            slabs[int(m.group(1), 16)] = dict(list=m.group(2), inuse=int(m.group(3)),
                                              objects=int(m.group(4)), freelist=m.group(5))
    stats_line = [l for l in lines if l.startswith("stats:")]
    check(len(stats_line) == 1, out)
    stats = {k: int(v) for k, v in re.findall(r" (\w+)=(\d+)", stats_line[0])}
    return lines, slabs, stats


def chain_text(prefix, items, end="END"):
    """A chain as cmd_cache_show_slub.c prints it: " 2 -> 3 -> ... -> END"
    after @prefix, wrapped onto lines that start "  -> " before 96 columns."""
    text, col = prefix, len(prefix)
    for k, item in enumerate([str(i) for i in items] + [end]):
        piece = (" -> " if k else " ") + item
        if k and col + len(piece) > 96:
            text += "\n "
            col = 1
        text += piece
        col += len(piece)
    return text + "\n"


def line_starting(lines, prefix):
    found = [l for l in lines if l.startswith(prefix)]
    check(len(found) == 1, "%r in:\n%s" % (prefix, "\n".join(lines)))
    return found[0]


def stats_want(**nonzero):
    """Every statistic 0 but those given."""
    names = ["alloc_fastpath", "alloc_slowpath", "free_fastpath", "free_slowpath",
             "free_frozen", "free_add_partial", "free_remove_partial", "alloc_from_partial",
             "alloc_slab", "alloc_refill", "free_slab", "cpuslab_flush", "deactivate_full",
             "deactivate_empty", "deactivate_to_head", "deactivate_to_tail",
             "deactivate_remote_frees", "order_fallback"]
    want = {n: 0 for n in names}
    want.update(nonzero)
    return want


def test_banner_and_version_say_slub(board):
    lines = board.run_ok("version").splitlines()
    check(len(lines) == 3 and lines[2] == ALLOCATOR, lines)
    banner = board.banner.splitlines()
    check(lines[0] + " - Linux's SLUB allocator on a Versatile Express" in banner and
          "Build: " + lines[1] in banner and ALLOCATOR in banner, board.banner)


def test_the_raw_binary_boots_too():
    """make run-bin SLAB=slub: build-slub/slablab.bin, the secondaries
    started from QEMU's boot monitor as on the board."""
    other = Board(image="slub_bin", smp=4, mem="256M")
    try:
        banner = other.boot()
        check(ALLOCATOR in banner.splitlines() and "CPUs online: 4" in banner, banner)
        check(other.run_ok("cpu 3 version").splitlines()[2] == ALLOCATOR, "cpu 3 version")
    finally:
        other.close()


def test_slabinfo_kmalloc_rows(board):
    out = board.run_ok("slabinfo")
    check(out.startswith("slabinfo - version: 2.1\n# name            <active_objs> <num_objs> "
                         "<objsize> <objperslab> <pagesperslab> : tunables <limit> "
                         "<batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> "
                         "<sharedavail>\n"), out[:300])
    got = dict(parse_slabinfo(out))
    for name, (objsize, per, pages) in KMALLOC.items():
        check(name in got, "no %s row:\n%s" % (name, out))
        v = got[name]
        check((v["objsize"], v["objperslab"], v["pagesperslab"]) == (objsize, per, pages),
              "%s: %r" % (name, v))
        check((v["limit"], v["batchcount"], v["shared"], v["sharedavail"]) == (0, 0, 0, 0),
              "%s: %r" % (name, v))
        check(v["active_slabs"] == v["num_slabs"] and v["num_objs"] == v["num_slabs"] * per and
              v["active_objs"] <= v["num_objs"], "%s: %r" % (name, v))
    # SLUB's classes only: no size-N, and none between 8192 and the page allocator
    check(not [n for n in got if n.startswith("size-") or
               (n.startswith("kmalloc-") and n not in KMALLOC)], sorted(got))


def test_figo_object_and_kmem_cache_16_geometry(board):
    before = quiet_state(board)
    out = board.run_ok("cache create figo_object 20 8")
    check(out == "created cache figo_object\n" + FIGO_GEOMETRY + "\n", out)
    out = board.run_ok("cache create kmem_cache_16 16 8")
    check(out == "created cache kmem_cache_16\n" + K16_GEOMETRY + "\n", out)
    lines, slabs, stats = show(board, "figo_object")
    check(lines[:3] == ["cache figo_object: refcount=1", FIGO_GEOMETRY, "aliases: none"], lines)
    # no slab yet: every CPU's kmem_cache_cpu empty, the node empty
    for cpu in range(4):
        check("cpu%d: page=none freelist=none inuse=0 objects=0" % cpu in lines, lines)
    check("node0: nr_partial=0 nr_full=0 nr_slabs=0 total_objects=0" in lines, lines)
    check(slabs == {} and stats == stats_want(), (slabs, stats))
    check(show(board, "kmem_cache_16")[0][1] == K16_GEOMETRY, "kmem_cache_16")
    # listed before its first slab, as Linux lists every cache
    r = rows(board)
    check(r["figo_object"]["objsize"] == 24 and r["figo_object"]["objperslab"] == 170 and
          r["figo_object"]["num_objs"] == 0, r["figo_object"])
    check(r["kmem_cache_16"]["objsize"] == 16 and r["kmem_cache_16"]["objperslab"] == 256,
          r["kmem_cache_16"])
    for name in ("figo_object", "kmem_cache_16"):
        check(board.run_ok("cache destroy %s" % name) == "destroyed cache %s\n" % name, name)
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


def test_cross_cpu_free_goes_to_the_page_freelist(board):
    before = quiet_state(board)
    board.run_ok("cache create figo_object 20 8")
    a, b = alloc(board, "figo_object", 2)           # on cpu0: a new CPU slab
    page = a
    check(b == page + 24, "objects 0 and 1 of a new slab: 0x%08x 0x%08x" % (a, b))
    lines, slabs, stats = show(board, "figo_object")
    check(line_starting(lines, "cpu0:") ==
          "cpu0: page=0x%08x freelist=0x%08x inuse=170 objects=170" % (page, page + 48), lines)
    check(slabs == {page: dict(list="cpu0", inuse=170, objects=170, freelist="none")}, slabs)
    check(stats == stats_want(alloc_slowpath=1, alloc_slab=1, alloc_fastpath=1), stats)
    # slabinfo: the CPU slab's free objects count as active (not on a partial list)
    check(rows(board)["figo_object"]["active_objs"] == 170, "active_objs")

    out = board.run_ok("cpu 1 cache free figo_object 0x%08x" % b)
    check(out == "freed 1 object\n", out)
    lines, slabs, stats = show(board, "figo_object")
    # onto page->freelist: cpu0's lockless freelist unchanged, cpu1 has no slab
    check(line_starting(lines, "cpu0:") ==
          "cpu0: page=0x%08x freelist=0x%08x inuse=169 objects=170" % (page, page + 48), lines)
    check(line_starting(lines, "cpu1:") == "cpu1: page=none freelist=none inuse=0 objects=0",
          lines)
    check(slabs == {page: dict(list="cpu0", inuse=169, objects=170,
                               freelist="0x%08x" % b)}, slabs)
    check(stats == stats_want(alloc_slowpath=1, alloc_slab=1, alloc_fastpath=1,
                              free_slowpath=1, free_frozen=1), stats)
    out = board.run_ok("cache chain figo_object")
    want = ("slab 0x%08x (cpu0, inuse=169)\n" % page +
            chain_text("  cpu0's freelist:", range(2, 170)) +
            chain_text("  page->freelist:", [1]))
    check(out == want, "%s\nwanted:\n%s" % (out, want))
    # the map: object 0 allocated, 1 on page->freelist, 2.. on cpu0's freelist
    out = board.run_ok("cache map figo_object")
    check("\n0x%08x cpu0    inuse=169 objects=170 freelist=0x%08x cpu_freelist=0x%08x\n"
          "     0  #.%s\n    64  %s\n   128  %s\n" % (page, b, page + 48, "0" * 62, "0" * 64,
                                                     "0" * 42) in out, out)
    check("object: 20 bytes the caller's, metadata from 20, stride 24; the free pointer at "
          "offset 0 (in the object's first bytes, while it is free)\n" in out, out)
    # whatis: each object's part and where it is now
    for addr, want in [
            (page, "0x%08x is object 0x%08x (index 0) of cache figo_object, slab 0x%08x "
                   "(cpu0's slab)\nstate: allocated\n" % (page, page, page)),
            (b, "0x%08x is object 0x%08x (index 1) of cache figo_object, slab 0x%08x "
                "(cpu0's slab)\nstate: free, on its slab's page->freelist (position 0 of 1)\n"
                % (b, b, page)),
            (page + 50, "0x%08x is 2 bytes into object 0x%08x (index 2) of cache figo_object, "
                        "slab 0x%08x (cpu0's slab)\nstate: free, on cpu0's lockless freelist "
                        "(position 0 of 168: handed out first)\n" % (page + 50, page + 48, page)),
            (page + 20, "0x%08x is in the padding (byte 0 of 4) of object 0x%08x (index 0) of "
                        "cache figo_object, slab 0x%08x (cpu0's slab)\nstate: allocated\n"
                        % (page + 20, page, page)),
            (page + 4088, "0x%08x is in the left-over (byte 8) of cache figo_object, slab "
                          "0x%08x (cpu0's slab)\n" % (page + 4088, page)),
            (0x60010000, "0x60010000 is not in a slab page\n")]:
        out = board.run_ok("whatis 0x%08x" % addr)
        check(out == want, "%s\nwanted:\n%s" % (out, want))
    d = json.loads(board.run_ok("cache dump figo_object"))
    check(d["allocator"] == "slub" and d["geometry"]["size"] == 24 and
          d["geometry"]["objects"] == 170 and d["geometry"]["offset"] == 0, d["geometry"])
    cpu0 = [c for c in d["cpu_slabs"] if c["cpu"] == 0][0]
    check(cpu0 == {"cpu": 0, "page": "0x%08x" % page, "freelist": "0x%08x" % (page + 48),
                   "inuse": 169, "objects": 170, "chain": list(range(2, 170)),
                   "chain_break": "ok"}, cpu0)
    check(d["slabs"] == [{"page": "0x%08x" % page, "list": "cpu0", "inuse": 169, "objects": 170,
                          "freelist": "0x%08x" % b, "marks": "#." + "0" * 168, "chain": [1],
                          "chain_break": "ok"}], d["slabs"])
    check(d["node"] == {"nr_partial": 0, "nr_full": 0, "nr_slabs": 1, "total_objects": 170} and
          d["stats"] == stats_want(alloc_slowpath=1, alloc_slab=1, alloc_fastpath=1,
                                   free_slowpath=1, free_frozen=1), d)
    out = board.run_ok("cache map figo_object chain")
    letters = "".join(chr(ord("a") + k % 10) for k in range(168))
    check("\n     0  #0%s\n    64  %s\n   128  %s\n" % (letters[:62], letters[62:126],
                                                      letters[126:]) in out, out)

    board.run_ok("cache free figo_object all")
    board.run_ok("cache destroy figo_object")
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


def test_partial_list_and_min_partial(board):
    before = quiet_state(board)
    board.run_ok("cache create figo_object 20 8")
    objs = alloc(board, "figo_object", 171)         # the first 16 shown, then "..."
    first = objs[0]
    check(objs == [first + 24 * i for i in range(16)], objs)
    lines, slabs, stats = show(board, "figo_object")
    check(len(slabs) == 2 and slabs[first] == dict(list="full", inuse=170, objects=170,
                                                    freelist="none") and
          [v for k, v in slabs.items() if k != first] ==
          [dict(list="cpu0", inuse=170, objects=170, freelist="none")], slabs)
    check(stats == stats_want(alloc_slowpath=2, alloc_slab=2, alloc_fastpath=169,
                              alloc_refill=1, deactivate_full=1), stats)
    # a free into the full slab: slow path, and onto the partial list
    board.run_ok("cache free figo_object 0x%08x" % objs[5])
    lines, slabs, stats = show(board, "figo_object")
    check(slabs[first] == dict(list="partial", inuse=169, objects=170,
                               freelist="0x%08x" % objs[5]), slabs)
    check(line_starting(lines, "node0:") ==
          "node0: nr_partial=1 nr_full=0 nr_slabs=2 total_objects=340", lines)
    check(stats["free_slowpath"] == 1 and stats["free_add_partial"] == 1, stats)
    # slabinfo: only the partial slab's free object is inactive
    r = rows(board)["figo_object"]
    check((r["active_objs"], r["num_objs"], r["active_slabs"]) == (339, 340, 2), r)
    # its last free empties it: discarded at once, whatever min_partial (5) says
    board.run_ok("cache free figo_object all")
    lines, slabs, stats = show(board, "figo_object")
    check(line_starting(lines, "node0:") ==
          "node0: nr_partial=0 nr_full=0 nr_slabs=1 total_objects=170", lines)
    check(stats["free_remove_partial"] == 1 and stats["free_slab"] == 1 and
          stats["free_slowpath"] == 170 and stats["free_fastpath"] == 1, stats)
    # shrink: flush the CPU slab (empty: deactivate_empty) and free it
    out = board.run_ok("cache shrink figo_object")
    check(out == "shrink figo_object: freed 1 page\n", out)
    lines, slabs, stats = show(board, "figo_object")
    check(slabs == {} and stats["cpuslab_flush"] == 1 and stats["deactivate_empty"] == 1, stats)
    board.run_ok("cache destroy figo_object")
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


def test_merged_caches_are_aliases_destroyed_by_name(board):
    before = quiet_state(board)
    geometry = ("geometry: size=32 objsize=32 inuse=32 offset=0 order=0 objects=128 "
                "min_order=0 min_objects=128 min_partial=5 align=32 flags=none")
    for name in ("m30", "m31"):                     # ALIGN(30 or 31, 4) = 32: kmalloc-32's
        out = board.run_ok("cache create %s %s" % (name, name[1:]))
        check(out == "created cache %s: an alias of kmalloc-32 (SLUB merged it)\n%s\n"
              % (name, geometry), out)
    lines = show(board, "m30")[0]                   # the alias finds the cache
    check(lines[:3] == ["cache kmalloc-32: refcount=3", geometry, "aliases: m30 m31"], lines)
    check(rows(board)["kmalloc-32"]["objsize"] == 32 and "m30" not in rows(board),
          "merged caches appear once in slabinfo")
    # the older alias first: the name typed goes, with one reference
    check(board.run_ok("cache destroy m30") == "destroyed cache m30\n", "m30")
    check(show(board, "m31")[0][:3] == ["cache kmalloc-32: refcount=2", geometry,
                                        "aliases: m31"], "after m30")
    check(board.run("cache show m30") == "error: no cache named 'm30'\n", "m30 gone")
    check(board.run("cache destroy kmalloc-32") ==
          "error: 'kmalloc-32' is a general cache; it cannot be destroyed\n", "general")
    check(board.run_ok("cache destroy m31") == "destroyed cache m31\n", "m31")
    check(show(board, "kmalloc-32")[0][:3] ==
          ["cache kmalloc-32: refcount=1", geometry, "aliases: none"], "kmalloc-32")
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


def test_merged_cache_own_name_destroyed_first(board):
    """A merged cache's own name destroyed while an alias remains: the
    alias takes the name (slabinfo's row is renamed, nothing else moves);
    a refused destroy (an object out) changes nothing."""
    before = quiet_state(board)
    geometry = ("geometry: size=40 objsize=40 inuse=40 offset=0 order=0 objects=102 "
                "min_order=0 min_objects=102 min_partial=5 align=8 flags=none")
    check(board.run_ok("cache create a40 40 8") == "created cache a40\n%s\n" % geometry, "a40")
    check(board.run_ok("cache create b36 36 8") ==        # ALIGN(36, 8) = 40: a40's
          "created cache b36: an alias of a40 (SLUB merged it)\n%s\n" % geometry, "b36")
    was = parse_slabinfo(board.run_ok("slabinfo"))
    check("b36" not in dict(was), "merged caches appear once in slabinfo")
    check(board.run_ok("cache destroy a40") == "destroyed cache a40\n", "a40")
    check(show(board, "b36")[0][:3] == ["cache b36: refcount=1", geometry, "aliases: none"],
          "b36 took the name")
    # the same row in the same place, under the name still in use
    now = parse_slabinfo(board.run_ok("slabinfo"))
    check(now == [("b36" if n == "a40" else n, v) for n, v in was], now)
    obj = alloc(board, "b36", 1)[0]
    out = board.run("cache destroy b36")
    check(out.endswith("error: cache 'b36' not destroyed: 1 objects still allocated\n"), out)
    check(show(board, "b36")[0][:3] == ["cache b36: refcount=1", geometry, "aliases: none"],
          "refused: unchanged")
    board.run_ok("cache free b36 0x%08x" % obj)
    check(board.run_ok("cache destroy b36") == "destroyed cache b36\n", "b36")
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


def test_kmalloc_above_8192_goes_to_the_page_allocator(board):
    before = quiet_state(board)
    out = board.run_ok("kmalloc 8192")
    check(re.fullmatch(r"0x[0-9a-f]{8}\nallocated 1 object from kmalloc-8192\n", out), out)
    small = out.split()[0]
    for size, order in [(8193, 2), (20000, 3)]:     # SLUB_MAX_SIZE is 2 pages; get_order()
        out = board.run_ok("kmalloc %d" % size)
        m = re.fullmatch(r"(0x[0-9a-f]{8})\nallocated 1 object from the page allocator "
                         r"\(order %d\)\n" % order, out)
        check(m, out)
        addr = m.group(1)
        check(int(addr, 16) % (4096 << order) == 0, "a buddy block of order %d: %s" % (order, addr))
        out = board.run_ok("ksize %s" % addr)
        check(out == "%s: %d bytes (the page allocator)\n" % (addr, 4096 << order), out)
        out = board.run_ok("kmalloc list")
        check(re.search(r"^%s    0 +\d+\.\d{6}s  \?               \?  +%d  the page allocator$"
                        % (addr, size), out, re.M), out)
        check(board.run_ok("kfree %s" % addr) == "freed 1 object\n", "kfree")
    board.run_ok("kfree %s" % small)
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


def test_slabstress_and_stress_give_every_page_back(board):
    out = board.run_ok("slabstress 300 verify", 120)
    m = re.search(r"^after shrinking every cache: (\d+) free pages \((\d+) before\)$", out, re.M)
    check(m and m.group(1) == m.group(2) and out.count(" 0 failed, 0 corrupted\n") == 4, out)
    check(re.search(r"^verify: [1-9]\d* walks? while the others ran, 0 errors$", out, re.M), out)
    out = board.run_ok("stress 2000", 120)
    m = re.search(r"^pages before=(\d+) after=(\d+)$", out, re.M)
    check(m and m.group(1) == m.group(2), out)
    check(re.search(r"^verify: OK \(\d+ caches, \d+ slabs, \d+ objects\)$", out, re.M) and
          "pattern mismatches: 0\n" in out, out)


def test_failslab_fails_new_slab(board):
    """fault slab fails a cache's growth: SLUB's new_slab()."""
    before = quiet_state(board)
    board.run_ok("cache create u 100")              # 104-byte stride: 39 objects a slab
    check(board.run_ok("fault slab every 2") == "slab: every 2, 0 calls, 0 failed\n", "on")
    out = board.run("cache alloc u 100")
    check(out.endswith("...\nerror: out of memory after 39 objects\n"), out)
    check(board.run_ok("fault slab off") == "slab: off, 2 calls, 1 failed\n", "off")
    check(board.run_ok("cache free u all") == "freed 39 objects\n", "free")
    board.run_ok("cache destroy u")
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


def test_tuning_and_reap_cannot_apply(board):
    before = quiet_state(board)
    tune = "error: SLUB keeps no per-CPU arrays: nothing to tune (its rows show tunables 0 0 0)"
    reap = ("error: SLUB has no cache reaper: no per-CPU arrays to drain, and a slab goes back "
            "to the page allocator when its last object is freed ('cache shrink' flushes the "
            "CPU slabs)")
    for line, want in [("slabinfo kmalloc-32 8 4 0", tune), ("slabinfo kmalloc-32", tune),
                       ("reap", reap), ("reap auto off", reap)]:
        out = board.run(line)
        check(out == want + "\n", "%r: %r" % (line, out))
    check(quiet_state(board) == before, "state changed")


def fixed(num, den, decimals):
    """shell/format.c's format_fixed(): num/den to @decimals places, the
    exact remainder rounded half to even (procps prints %.2f of a double)."""
    scale = 10 ** decimals
    q, r = divmod(num * scale, den) if den else (0, 0)
    if 2 * r > den or (2 * r == den and q & 1):
        q += 1
    return "%d.%0*d" % (q // scale, decimals, q % scale) if decimals else str(q)


def slabtop_screen(info):
    """procps-ng slabtop's one screen from /proc/slabinfo rows (shell/cmd_slabtop.c):
    the totals, then every cache by CACHE SIZE (slabs x pages), biggest first, then
    by name.  On SLUB the objsize column is s->size and active_slabs is num_slabs."""
    objs = sum(r["num_objs"] for _, r in info)
    active = sum(r["active_objs"] for _, r in info)
    slabs = sum(r["num_slabs"] for _, r in info)
    aslabs = sum(r["active_slabs"] for _, r in info)
    total = sum(r["num_objs"] * r["objsize"] for _, r in info)
    used = sum(r["active_objs"] * r["objsize"] for _, r in info)
    sizes = [r["objsize"] for _, r in info]
    out = [" %-35s: %d / %d (%s%%)" % ("Active / Total Objects (% used)", active, objs,
                                       fixed(100 * active, objs, 1)),
           " %-35s: %d / %d (%s%%)" % ("Active / Total Slabs (% used)", aslabs, slabs,
                                       fixed(100 * aslabs, slabs, 1)),
           " %-35s: %d / %d (%s%%)" % ("Active / Total Caches (% used)",
                                       sum(1 for _, r in info if r["num_objs"]), len(info),
                                       fixed(100 * sum(1 for _, r in info if r["num_objs"]),
                                             len(info), 1)),
           " %-35s: %sK / %sK (%s%%)" % ("Active / Total Size (% used)", fixed(used, 1024, 2),
                                         fixed(total, 1024, 2), fixed(100 * used, total, 1)),
           " %-35s: %sK / %sK / %sK" % ("Minimum / Average / Maximum Object",
                                        fixed(min(sizes), 1024, 2),
                                        fixed(total // objs, 1024, 2),
                                        fixed(max(sizes), 1024, 2)),
           "", "%-78s" % "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME"]
    for name, r in sorted(info, key=lambda nr: (-nr[1]["num_slabs"] * nr[1]["pagesperslab"],
                                                nr[0])):
        use = 100 * r["active_objs"] // r["num_objs"] if r["num_objs"] else 0
        out.append("%6d %6d %3d%% %7sK %6d %8d %9dK %-23s" % (
            r["num_objs"], r["active_objs"], use, fixed(r["objsize"], 1024, 2), r["num_slabs"],
            r["objperslab"], r["num_slabs"] * r["pagesperslab"] * 4, name))
    return "\n".join(out) + "\n"


def free_and_rows(board):
    """After a shrink-all, the free pages and the slabinfo rows.  Not
    buddyinfo: each shrink-all kmallocs its sort lists (2.6.32), so the
    kmalloc caches' CPU slabs are given back and taken again, from
    whichever blocks are first, and the free blocks' orders move."""
    board.run_ok("cache shrink all")
    return parse_meminfo(board.run_ok("meminfo"))["MemFree"], board.run_ok("slabinfo")


def test_slabtop_from_slubs_rows(board):
    """slabtop on SLUB: procps' screen from SLUB's rows.  figo_object's 500
    objects on one CPU: two full slabs and the CPU slab with 160 of 170 in
    use, whose free objects count as active (2.6.32's slabinfo counts only
    the partial slabs' free ones): 510 of 510, 100%, 3 slabs of one page."""
    before = free_and_rows(board)
    board.run_ok("cache create topme 20 8")
    alloc(board, "topme", 500)
    info = parse_slabinfo(board.run_ok("slabinfo"))
    check(dict(info)["topme"] == dict(active_objs=510, num_objs=510, objsize=24, objperslab=170,
                                      pagesperslab=1, limit=0, batchcount=0, shared=0,
                                      active_slabs=3, num_slabs=3, sharedavail=0),
          str(dict(info)["topme"]))
    out = board.run_ok("slabtop")
    want = slabtop_screen(info)
    check(out == want, "slabtop:\n%s\nexpected:\n%s" % (out, want))
    check("\n   510    510 100%    0.02K      3      170        12K topme" + " " * 18 + "\n"
          in out, out)
    check(board.run_ok("cache free topme all") == "freed 500 objects\n", "free")
    board.run_ok("cache destroy topme")
    check(free_and_rows(board) == before, "free pages or slabinfo changed")


def test_whatis_a_full_slab_and_the_free_pointer_after_the_object(board):
    board.run_ok("cache create c 100 ctor")         # offset 100: after the object, size 104
    objs = alloc(board, "c", 40)                    # 39 a slab: the first one full
    first = objs[0]
    for addr, want in [
            (objs[1], "0x%08x is object 0x%08x (index 1) of cache c, slab 0x%08x (full"
                      % (objs[1], objs[1], first)),
            (first + 100, "0x%08x is in the free pointer (byte 0 of 4) of object 0x%08x "
                          "(index 0) of cache c, slab 0x%08x (full" % (first + 100, first, first))]:
        out = board.run_ok("whatis 0x%08x" % addr)
        check(out.startswith(want) and out.endswith("\nstate: allocated\n"), out)
    board.run_ok("cache free c all")
    board.run_ok("cache destroy c")


def test_help_says_what_differs(board):
    out = board.run_ok("help")
    check("On SLUB (this image): reap and slabinfo's tuning do not apply" in out, out[-600:])
    out = board.run_ok("help reap")
    check(out.endswith("\nOn SLUB: refused.  SLUB has no reaper and no per-CPU arrays to "
                       "drain.\n"), out)


def test_selftest_passes(board):
    out = board.run_ok("selftest", 120)
    want = ["ok alloc.every_cpu", "ok alloc.kmalloc_classes", "ok alloc.zeroing",
            "ok alloc.ctor", "ok alloc.paths", "ok alloc.merge", "ok xcpu.remote_free",
            "ok xcpu.pairs", "ok shrink.free_slabs", "ok shrink.destroy_busy",
            "skip tune.arrays: SLUB keeps no per-CPU arrays: nothing to tune",
            "ok debug.detectors",
            "11 passed, 0 failed, 1 skipped"]
    check(out.splitlines() == want, out)


def test_a_layout_no_order_holds_is_refused_before_creating(board):
    """4 MiB fits order 10 (MAX_ORDER 11) bare; a red-zone word more does
    not: refused by the layout check, nothing created (a NULL from
    kmem_cache_create() after the check passes is out of memory)."""
    before = quiet_state(board)
    out = board.run("cache create big 4194304 8 red_zone")
    check(out == "error: no slab of up to 4096 KiB holds one 4194304-byte object aligned to 8 "
          "with SLUB's metadata\n", out)
    check(quiet_state(board) == before, "a refused create changed something")
    out = board.run_ok("cache create big 4194304 8")
    check("geometry: size=4194304 objsize=4194304 inuse=4194304 offset=0 order=10 objects=1 "
          "min_order=10 min_objects=1 min_partial=10 align=8 flags=none\n" in out, out)
    board.run_ok("cache destroy big")


def test_badfree_wrongcache_past_the_kmalloc_caches(board):
    """A cache of 10000-byte objects has no kmalloc cache of its size
    (SLUB's stop at 8192): wrongcache frees into the smallest, kmalloc-32,
    whose check refuses it; before, no cache was found and the command
    made an interior free into the cache itself instead."""
    board.run_ok("cache create big 10000")
    obj = alloc(board, "big", 1)[0]
    out = board.run_ok("cache badfree big 0x%08x wrongcache" % obj)
    lines = [re.sub(r"^\[\s*\d+\.\d+\] ", "", l) for l in out.splitlines()]
    check(lines == ["SLUB kmalloc-32: kmem_cache_free(0x%08x): of another cache; not freed" % obj,
                    "badfree: 1 report, cache big errors=0, cache kmalloc-32 errors=1"], out)
    check(board.run_ok("cache free big all") == "freed 1 object\n", "the object was still held")
    board.run_ok("cache destroy big")
