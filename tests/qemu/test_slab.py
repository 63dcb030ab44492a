"""test_slab.py - the SLAB allocator through slabinfo, slabstress and meminfo.

The geometry and tunables every cache must have come from slab_model.py,
an independent Python reading of Linux 2.6.24's mm/slab.c.
"""

import re
import time

import slab_model
from harness import (PROMPT, check, kernel_lines, needs, parse_meminfo, parse_slabinfo,
                     unstamp)

NODE_DUE = re.compile(r"; node0's shared array and free slabs: due .*$", re.M)

BOARDS = [
    dict(image="elf", smp=4, mem="256M"),
    dict(image="bin", smp=1, mem="256M"),
    dict(image="elf", smp=2, mem="32M"),
]


def slabinfo(board):
    return parse_slabinfo(board.run_ok("slabinfo"))


def caches(board):
    return dict(slabinfo(board))


def meminfo(board):
    return parse_meminfo(board.run_ok("meminfo"))


def creation_order():
    """kmem_cache_init()'s order: cache_cache, the array_cache and kmem_list3
    caches (size-32, size-64), then each size with its DMA twin."""
    names = ["kmem_cache", "size-32", "size-64"]
    for size in slab_model.KMALLOC_SIZES:
        if "size-%d" % size not in names:
            names.append("size-%d" % size)
        names.append("size-%d(DMA)" % size)
    return names


def stress_gives_everything_back(board, rounds):
    """`slabstress ROUNDS`: every CPU's work, then the free page count exactly as before."""
    out = board.run_ok("slabstress %d" % rounds, timeout=120)
    check(re.search(r"^after shrinking every cache: (\d+) free pages \(\1 before\)$", out, re.M),
          out)
    return out


def check_consistent(name, v):
    check(v["num_objs"] == v["num_slabs"] * v["objperslab"], "%s: %s" % (name, v))
    check(v["active_objs"] <= v["num_objs"], "%s: %s" % (name, v))
    check(v["active_slabs"] <= v["num_slabs"], "%s: %s" % (name, v))
    check(v["sharedavail"] <= v["shared"] * v["batchcount"], "%s: %s" % (name, v))


def test_boot_lists_every_cache_with_linux_geometry(board):
    rows = slabinfo(board)
    names = [name for name, _ in rows]
    # every cache is added at the head of cache_chain: newest first
    check(names == creation_order()[::-1], "caches listed: %s" % names)
    for name, v in rows:
        check_consistent(name, v)
        if name == "kmem_cache":
            continue
        size = int(re.match(r"size-(\d+)", name).group(1))
        g = slab_model.general_cache(size)
        got = (v["objsize"], v["objperslab"], v["pagesperslab"])
        want = (g["buffer_size"], g["num"], 1 << g["gfporder"])
        check(got == want, "%s: objsize/objperslab/pagesperslab %s, Linux %s" % (name, got, want))
        tun = (v["limit"], v["batchcount"], v["shared"])
        want = slab_model.tunables(g["buffer_size"], board.smp)
        check(tun == want, "%s: tunables %s, Linux %s" % (name, tun, want))
        if name.endswith("(DMA)") or size > 2048:
            check(v["num_slabs"] == 0, "%s has slabs at boot: %s" % (name, v))


def test_cache_cache_is_an_ordinary_cache(board):
    v = caches(board)["kmem_cache"]
    # kmem_cache_init: struct kmem_cache up to nodelists[1], cache-line
    # aligned, and the smallest order that holds an object, on-slab
    check(v["objsize"] % 32 == 0 and 96 <= v["objsize"] <= 512, str(v))
    num, _ = slab_model.estimate(0, v["objsize"], 32, False)
    check((v["objperslab"], v["pagesperslab"]) == (num, 1), "%s, Linux %d/slab" % (v, num))
    check((v["limit"], v["batchcount"], v["shared"]) ==
          slab_model.tunables(v["objsize"], board.smp), str(v))
    # cache_cache itself is static: its objects are the 40 general caches
    check(v["active_objs"] == 40, "kmem_cache active_objs %d" % v["active_objs"])


def test_meminfo_counts_the_slab_pages(board):
    pages = sum(v["num_slabs"] * v["pagesperslab"] for _, v in slabinfo(board))
    info = meminfo(board)
    check(info["Slab"] == pages * 4, "Slab %d kB, slabinfo %d pages" % (info["Slab"], pages))
    check(info["SUnreclaim"] == info["Slab"] and info["SReclaimable"] == 0, str(info))


def parse_stress(out, ncpus):
    rx = re.compile(r"^cpu(\d): (\d+) objects, (\d+) freed by another cpu, classes (\d+)/20, "
                    r"DMA classes (\d+)/14, (\d+) failed, (\d+) corrupted$", re.M)
    cpus = {int(m.group(1)): [int(x) for x in m.groups()[1:]] for m in rx.finditer(out)}
    check(sorted(cpus) == list(range(ncpus)), "per-cpu lines:\n%s" % out)
    return cpus


def test_slabstress_every_class_on_every_cpu(board):
    # On 32 MiB the CPUs' 4 MiB objects exhaust memory: kmalloc must fail
    # cleanly there, and everything still come back.  A CPU may then never
    # get the one 4 MiB object (an order-10 block) while another holds
    # memory: every other class it must get (about 1 run in 12 on two CPUs).
    small = board.mem == "32M"
    out = board.run_ok("slabstress 3000", timeout=180)
    for cpu, (objs, cross, classes, dma, failed, corrupted) in parse_stress(out, board.smp).items():
        check(objs > 1000 and (classes == 20 or (small and classes == 19)) and
              (dma == 14 or small), "cpu%d:\n%s" % (cpu, out))
        check((failed > 0) == small and corrupted == 0, "cpu%d:\n%s" % (cpu, out))
        check(cross > 0 or board.smp == 1, "no cross-CPU frees:\n%s" % out)
    m = re.search(r"^after shrinking every cache: (\d+) free pages \((\d+) before\)$", out, re.M)
    check(m and m.group(1) == m.group(2), out)
    check(meminfo(board)["MemFree"] == int(m.group(1)) * 4, "meminfo disagrees:\n%s" % out)


def test_balanced_workload_leaves_the_same_state(board):
    board.run_ok("slabstress 1000", timeout=120)
    buddy, slabs = board.run_ok("buddyinfo"), slabinfo(board)
    board.run_ok("slabstress 2000", timeout=120)
    check(board.run_ok("buddyinfo") == buddy, "buddyinfo differs after the second run")
    check(slabinfo(board) == slabs, "slabinfo differs after the second run")


@needs(cpus=2)
def test_slabstress_from_another_cpu(board):
    cpu = board.smp - 1
    out = board.run_ok("cpu %d slabstress 500" % cpu, timeout=120)
    parse_stress(out, board.smp)
    check(re.search(r"^after shrinking every cache: (\d+) free pages \(\1 before\)$", out, re.M), out)


def test_slabstress_errors(board):
    cases = [
        ("slabstress x", "error: bad rounds 'x': not a number"),
        ("slabstress 2000000", "error: bad rounds '2000000': number too large"),
        ("slabstress 1 2", "error: slabstress: expected [ROUNDS] [noshrink] [verify]"),
        ("slabstress 1 noshrink noshrink",
         "error: slabstress: expected [ROUNDS] [noshrink] [verify]"),
        ("slabstress 1 noshrink verify 2", "error: slabstress: too many arguments"),
    ]
    for line, error in cases:
        check(board.run_error(line) == error, "%s -> %s" % (line, board.run(line)))


def test_ctrl_c_stops_slabstress_and_everything_comes_back(board):
    board.run_ok("slabstress 10")
    free = meminfo(board)["MemFree"]
    board.send("slabstress 1000000\r")
    board.expect(r"^slabstress 1000000\n")
    # at once: on the -O2 image one CPU does the million rounds in under a
    # second of a quiet host, so a Ctrl-C a second late found the run over
    time.sleep(0.1)
    board.send("\x03")
    m = board.expect(r"\A(.*)^error: interrupted by Ctrl-C\n" + re.escape(PROMPT), 30,
                     re.M | re.S)
    out = m.group(1)
    stopped = parse_stress(out, board.smp)
    check(all(v[0] < 500000 for v in stopped.values()), "not stopped early:\n%s" % out)
    m = re.search(r"^after shrinking every cache: (\d+) free pages \((\d+) before\)$", out, re.M)
    check(m and m.group(1) == m.group(2), out)
    check(meminfo(board)["MemFree"] == free, "MemFree %d, was %d" % (meminfo(board)["MemFree"], free))


def test_tuning_a_cache(board):
    before = caches(board)
    # the confirmation is read back from the cache, and agrees with /proc/slabinfo's row
    out = board.run_ok("slabinfo size-64 100 50 4")
    check(out == "size-64: limit=100 batchcount=50 shared=4\n", out)
    after = caches(board)
    v = after["size-64"]
    check((v["limit"], v["batchcount"], v["shared"]) == (100, 50, 4), str(v))
    check((v["objsize"], v["objperslab"]) == (64, 59), str(v))
    check_consistent("size-64", v)
    fixed = ("objsize", "objperslab", "pagesperslab", "limit", "batchcount", "shared")
    for name in before:
        if name != "size-64":
            check([after[name][f] for f in fixed] == [before[name][f] for f in fixed],
                  "tuning size-64 changed %s" % name)
    board.run_ok("slabinfo size-4194304 1 1 0")
    board.run_ok("slabinfo kmem_cache 32 1 0")
    v = caches(board)["kmem_cache"]
    check((v["limit"], v["batchcount"], v["shared"]) == (32, 1, 0), str(v))
    # the new arrays work: a workload on every CPU through the tuned caches
    stress_gives_everything_back(board, 500)
    # back to enable_cpucache's values
    for name in ("size-64", "kmem_cache"):
        lim, batch, shared = slab_model.tunables(before[name]["objsize"], board.smp)
        board.run_ok("slabinfo %s %d %d %d" % (name, lim, batch, shared))
        v = caches(board)[name]
        check((v["limit"], v["batchcount"], v["shared"]) == (lim, batch, shared), str(v))


def tunables_of(board):
    return {name: (v["limit"], v["batchcount"], v["shared"]) for name, v in slabinfo(board)}


def test_tuning_errors_change_nothing(board):
    before = tunables_of(board)
    bad = "error: bad tunables: need limit >= 1, 1 <= batchcount <= limit, shared >= 0"
    cases = [
        ("slabinfo size-64 0 1 1", bad),
        ("slabinfo size-64 10 0 1", bad),
        ("slabinfo size-64 10 11 1", bad),
        ("slabinfo size-65 10 5 1", "error: no cache named 'size-65'"),
        ("slabinfo size-64(dma) 10 5 1", "error: no cache named 'size-64(dma)'"),
        ("slabinfo size-64 x 1 1", "error: bad limit 'x': not a number"),
        ("slabinfo size-64 10 5 -1", "error: bad shared '-1': not a number"),
        ("slabinfo size-64 4G 1 1", "error: bad limit '4G': number too large"),
        ("slabinfo size-64", "error: slabinfo: expected NAME LIMIT BATCHCOUNT SHARED"),
        ("slabinfo size-64 10 5 1 1", "error: slabinfo: too many arguments"),
    ]
    # Arrays bigger than kmalloc's largest cache (4 MiB: 1048572 pointers
    # after the header).  2^30 and more entries used to wrap the size to a
    # 16-byte array claiming 2^30 slots.
    big = ("error: cannot tune '%s': LIMIT and SHARED x BATCHCOUNT may be at most 1048572 "
           "entries (an array must fit kmalloc's largest cache)")
    for name, tunables in (("size-64", "16M 1 0"), ("size-64", "1073741824 1 0"),
                           ("size-64", "2147483647 1 1"), ("size-192", "120 1 1073741824"),
                           ("size-192", "120 60 71582789"), ("size-64", "1048573 1 0"),
                           ("size-64", "4 4 262144")):
        cases.append(("slabinfo %s %s" % (name, tunables), big % name))
    for line, error in cases:
        got = board.run_error(line)
        check(got == error, "%s -> %s" % (line, got))
    check(tunables_of(board) == before, "a refused tuning changed a cache")
    # the work that used to oops in free_block on the wrapped arrays
    stress_gives_everything_back(board, 300)


@needs(mem_mib=64)         # four 4 MiB arrays beside everything else
def test_the_largest_arrays_that_fit_work(board):
    before = tunables_of(board)
    board.run_ok("slabinfo size-64 1048572 1 0")
    check(tunables_of(board)["size-64"] == (1048572, 1, 0), str(tunables_of(board)["size-64"]))
    out = board.run_ok("slabinfo size-128 4 4 262143")
    check(out == "size-128: limit=4 batchcount=4 shared=262143\n", out)
    v = caches(board)["size-128"]
    check((v["limit"], v["batchcount"], v["shared"]) == (4, 4, 262143), str(v))
    stress_gives_everything_back(board, 300)
    for name in ("size-64", "size-128"):
        board.run_ok("slabinfo %s %d %d %d" % ((name,) + before[name]))
    check(tunables_of(board) == before, "tunables not restored")


def hoard_order10(board):
    """Take every order-10 block with `pages alloc 10`; returns their addresses."""
    blocks = []
    while True:
        out = board.run("pages alloc 10")
        if not out.startswith("0x"):
            check(kernel_lines(out) == ["page allocation failure: order:10, mode:0xd0"] and
                  unstamp(out) == "page allocation failure: order:10, mode:0xd0\n"
                  "error: out of memory: no free block of order 10\n", repr(out))
            return blocks
        blocks.append(out.strip())


@needs(cpus=2)                  # a shared array: more than one CPU
def test_a_retune_out_of_memory_changes_nothing(board):
    # Per-CPU arrays of 200 (816 bytes) fit; a shared array of 100 x 10000
    # entries needs a 4 MiB object, and every 4 MiB block is taken.
    # Linux 2.6.24 swaps the per-CPU arrays before it finds out.
    board.run_ok("reap auto off")       # nothing moves between the two looks
    board.run_ok("cache shrink all")
    slabs = slabinfo(board)
    show = board.run_ok("cache show size-96")
    blocks = hoard_order10(board)
    err = board.run_error("slabinfo size-96 200 100 10000")
    check(err == "error: cannot tune 'size-96': out of memory", err)
    # (the reaper line's time to the node's next drain moves on)
    check(NODE_DUE.sub("", board.run_ok("cache show size-96")) == NODE_DUE.sub("", show),
          "cache show size-96 changed")
    for b in blocks:
        board.run_ok("pages free %s 10" % b)
    board.run_ok("cache shrink all")
    check(slabinfo(board) == slabs, "slabinfo changed")
    board.run_ok("reap auto on")


def test_reaper_gives_freed_slabs_back_on_its_own(board):
    out = board.run_ok("slabstress 3000 noshrink", timeout=180)
    m = re.search(r"^left to cache_reap: (\d+) slab pages \((\d+) before\), (\d+) free pages "
                  r"\((\d+) before\)$", out, re.M)
    check(m, out)
    slab_after, slab_before = int(m.group(1)), int(m.group(2))
    before = slab_before * 4        # after slabstress's first shrink
    check(slab_after > slab_before + 100, "the run left no free slabs:\n%s" % out)
    # cache_reap, every 2 s on each CPU: idle per-CPU and shared arrays
    # give back a fifth of their limit, each node frees some free slabs
    # every 4 s; nothing else runs, so Slab only falls, down to where it
    # was before the run.
    seen = [slab_after * 4]
    deadline = time.monotonic() + 120
    while seen[-1] > before and time.monotonic() < deadline:
        time.sleep(2)
        seen.append(meminfo(board)["Slab"])
    check(seen[-1] == before, "Slab after %d polls: %s kB (was %d)" % (len(seen), seen, before))
    check(all(a >= b for a, b in zip(seen, seen[1:])), "Slab rose: %s" % seen)
    check(len(seen) > 3, "the reaper was too quick to be a reaper: %s" % seen)
