"""test_bench.py - a smoke run of `bench` with small batches.

The figures are timings and are not checked (the timings belong to
`make bench`, under -icount); what is checked is the report's form and
the counts that must be exact whatever the clock: the rows each workload
prints, OPS per batch, the allocations the caches themselves counted
(11 batches x OPS), the bytes requested, the pages bench-64 and newlib's
heap held, and that the run leaves no cache, object or heap behind.
Every test runs on the SLAB image and the SLUB image (make bench
SLAB=slub, make bench-compare); on SLUB bench-64 must be a cache of its
own, not an alias of kmalloc-64 (SLAB_NOLEAKTRACE: SLUB_NEVER_MERGE).
"""

import re

from harness import PROMPT, check, needs, only_on

BOARDS = [dict(image="elf", smp=4, mem="256M"), dict(image="slub", smp=4, mem="256M")]

OPS = 1000
BATCHES = 11
ROW = re.compile(r"^(\w+)\s+(slablab|newlib)\s+(\S+ \S+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)"
                 r"\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$", re.M)
FIELDS = ("work", "alloc", "call", "ops", "median", "min", "max", "ratio", "allocs", "hit",
          "requested", "held", "used")
EXPECTED_ROWS = [
    ("hot", "slablab", "kmem_cache 64"), ("hot", "slablab", "kmalloc 64"),
    ("hot", "newlib", "malloc 64"),
    ("batch", "slablab", "kmem_cache 64"), ("batch", "slablab", "kmalloc 64"),
    ("batch", "newlib", "malloc 64"),
    ("churn", "slablab", "kmalloc 8..2048"), ("churn", "newlib", "malloc 8..2048"),
    ("xcpu", "slablab", "kmem_cache 64"), ("xcpu", "slablab", "kmalloc 64"),
    ("xcpu", "newlib", "malloc 64"),
    ("buddy", "slablab", "alloc_pages 0"), ("buddy", "slablab", "alloc_pages 3"),
]


def rows(out):
    return [dict(zip(FIELDS, m.groups())) for m in ROW.finditer(out)]


@needs(cpus=2)
def test_bench_all_prints_every_row_with_exact_counts(board):
    out = board.run_ok("bench all %d" % OPS, timeout=120)
    check(re.search(r"^bench: clock: global timer at \d+ Hz", out, re.M), out)
    check(re.search(r"^bench: %d batches of %d ops per row" % (BATCHES, OPS), out, re.M), out)
    check("churn  1000 live objects, sizes 8..2048 B, seed 0x2545f491\n" in out, out)
    check(re.search(r"^xcpu   allocated on cpu0, freed on cpu1$", out, re.M), out)
    got = rows(out)
    check([(r["work"], r["alloc"], r["call"]) for r in got] == EXPECTED_ROWS, out)
    for r in got:
        check(int(r["ops"]) == OPS, "ops: %r" % r)
        lo, med, hi = (float(r[k]) for k in ("min", "median", "max"))
        check(0 < lo <= med <= hi, "min <= median <= max: %r" % r)
        slab = r["alloc"] == "slablab" and r["work"] != "buddy"
        check((r["ratio"] != "-") == slab and (r["allocs"] != "-") == slab, "columns: %r" % r)
        if slab and r["work"] != "churn":       # 64 B classes: their slabs are on-slab
            check(int(r["allocs"]) == BATCHES * OPS, "allocs: %r" % r)
        if r["work"] == "churn" and slab:       # plus off-slab slab descriptors
            check(int(r["allocs"]) >= BATCHES * OPS, "allocs: %r" % r)
        if r["work"] in ("batch", "xcpu"):
            check(int(r["requested"]) == OPS * 64, "requested: %r" % r)
        if r["work"] == "hot":
            check(int(r["requested"]) == 64, "requested: %r" % r)
    hot = {r["call"]: r for r in got if r["work"] == "hot"}
    # bench-64 is new: one object lives at a time, in one slab of one page;
    # newlib's heap is fresh: one chunk, one page of it used
    check(hot["kmem_cache 64"]["held"] == "4096" and hot["malloc 64"]["held"] == "4096",
          str(hot))
    heaps = re.findall(r"^(\w+)\s+newlib's heap: (\d+) KiB, a buddy block of order (\d+)"
                       r" \(slablab held (\d+) KiB(; newlib needed more)?\)$", out, re.M)
    check([h[0] for h in heaps] == ["hot", "batch", "churn", "xcpu"], str(heaps))
    for work, kib, order, held, more in heaps:
        # the smallest block that holds slablab's pages, or (newlib's
        # malloc ran out there) a larger one, said so
        smallest = int(kib) // 2 < max(int(held), 4) <= int(kib)
        check(int(kib) == 4 << int(order) and smallest == (not more) and
              max(int(held), 4) <= int(kib), "heap: %s" % (heaps,))
    # newlib's rows ran: figures, not failures
    check(not re.search(r"allocations failed", out), out)
    if board.image == "slub":
        # SLUB packs 1,000 64-byte objects into 16 pages (64 KiB, order 4):
        # newlib-nano's chunk headers need more than that
        check(("batch", "128", "5", "64", "; newlib needed more") in heaps, str(heaps))


def test_bench_leaves_nothing_behind_and_refuses_bad_arguments(board):
    before = board.run_ok("slabinfo")
    board.run_ok("bench hot %d" % OPS, timeout=60)
    check("bench-64" not in board.run_ok("slabinfo"), "bench-64 left behind")
    # a help text longer than printf's stack buffer takes a heap buffer:
    # newlib's own heap must be back, whole
    text = board.run_ok("help bench")
    check("[truncated]" not in text and text.rstrip().endswith("Ctrl-C stops between batches."),
          text)
    check(board.run_error("bench frob") == "error: unknown workload 'frob'", "frob")
    check(board.run_error("bench hot 0") == "error: bad OPS '0': must be at least 1", "0")
    check(board.run_error("bench hot 100001").startswith("error: bad OPS '100001'"), "max")
    board.run_ok("cache create bench-64 64")
    check(board.run_error("bench hot 10") ==
          "error: a cache named bench-64 exists; destroy it first", "name taken")
    board.run_ok("cache destroy bench-64")
    check(("kmalloc-64" if board.image == "slub" else "size-64") in before, before)


def slub_allocs(board, cache):
    """alloc_fastpath + alloc_slowpath of @cache's stats: line (cache show)."""
    stats = dict(re.findall(r"(\w+)=(\d+)", re.search(r"^stats: (.*)$",
                                                       board.run_ok("cache show " + cache),
                                                       re.M).group(1)))
    return int(stats["alloc_fastpath"]) + int(stats["alloc_slowpath"])


@only_on(image="slub")
def test_bench_64_is_a_cache_of_its_own_on_slub(board):
    """Merged into kmalloc-64, the kmem_cache row would measure kmalloc-64:
    kmalloc-64 would count both rows' allocations (22,002), not the kmalloc
    row's alone.  The 2 beyond 11 batches x OPS: each slablab row starts
    with kmem_cache_shrink() of every cache, and shrinking kmalloc-4096
    (8 objects per slab) kmallocs its slabs_by_inuse array, 8 list heads
    of 8 bytes."""
    before = slub_allocs(board, "kmalloc-64")
    board.run_ok("bench hot %d" % OPS, timeout=60)
    got = slub_allocs(board, "kmalloc-64") - before
    check(got == BATCHES * OPS + 2, "kmalloc-64 counted %d allocations" % got)
    board.run_ok("cache create bench-64 64")
    check("kmalloc-64" in board.run_ok("cache show bench-64").splitlines()[0], "a plain create"
          " of 64 B merges (so the test above would see a merge)")
    board.run_ok("cache destroy bench-64")


def test_ctrl_c_stops_bench_and_gives_everything_back(board):
    """Stopped in newlib's churn row or before it: bench-64 goes, objects are
    freed, the C library gets its own heap back (a long help text uses it)."""
    line = "bench churn 100000"
    board.send(line + "\r")
    board.expect(r"^churn  1000 live objects")
    board.send("\x03")
    board.expect(r"^error: interrupted by Ctrl-C\n" + re.escape(PROMPT), 120)
    check("bench-64" not in board.run_ok("slabinfo"), "bench-64 left behind")
    text = board.run_ok("help bench")
    check("[truncated]" not in text and text.rstrip().endswith("Ctrl-C stops between batches."),
          text)
