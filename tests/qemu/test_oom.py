"""test_oom.py - allocating through the shell until memory runs out, then everything back.

Blocks of every size are taken in turn, the biggest first, so that each
step finds exactly what the previous one left: pages alloc 10 until no
4 MiB block is left, kmalloc 4M then fails at once, kmalloc 64K takes
every block of 64 KiB and more, and cache alloc of 400-byte objects
(one page a slab) takes the last page.  On the SLUB images (slub,
slub_debug) the baseline is taken after one shrink-all (boot's CPU slabs
go; the shrink's sort lists keep three kmalloc slabs), kmalloc 64K takes
every such block exactly (the page allocator's, kmalloc_large()), and
what comes back is meminfo exactly and each zone's free pages (a
shrink-all takes its kmalloc slabs again from whichever blocks come
first, so the blocks' orders may move).  Each step ends with its one
out-of-memory error line; with no free page at all the shell still
answers, verify is OK, and after freeing everything and shrinking,
buddyinfo and meminfo are exactly what they were at boot.
"""

import re

from harness import STAMP, check, kernel_lines, parse_meminfo, unstamp

BOARDS = [dict(image="elf", smp=4, mem="64M"), dict(image="elf", smp=4, mem="256M"),
          dict(image="slub", smp=4, mem="64M"), dict(image="slub", smp=4, mem="256M"),
          dict(image="slub_debug", smp=4, mem="64M")]

RECORD_MAX = 16384      # objects the shell can hold (README: cache alloc)
ZONE_LINE = re.compile(r"^Node 0, zone +(DMA|Normal)((?: +\d+){11}) $")


def buddyinfo(board):
    zones = {}
    for line in board.run_ok("buddyinfo").splitlines():
        m = ZONE_LINE.match(line)
        check(m, "bad buddyinfo line %r" % line)
        zones[m.group(1)] = [int(x) for x in m.group(2).split()]
    return zones


def blocks_of(zones, low, high=10):
    return sum(counts[o] for counts in zones.values() for o in range(low, high + 1))


def oom_error(board, line, want, timeout=60):
    """Run @line, which must end with exactly the one error line @want
    (a regex); the kernel may report page allocation failures.  Returns
    the match."""
    raw = board.run(line, timeout=timeout)
    for k in kernel_lines(raw):
        check(re.fullmatch(r"page allocation failure: order:\d+, mode:0x[0-9a-f]+", k),
              "%s: kernel said %r" % (line, k))
    own = [l for l in raw.splitlines() if not re.match(STAMP, l)]
    errors = [l for l in own if "error:" in l]
    m = re.fullmatch(want, own[-1]) if own else None
    check(m and errors == [own[-1]], "%s:\n%s" % (line, raw))
    return m


def take_every_4m_block(board, zones):
    blocks = 0
    while True:
        board.send("pages alloc 10\r")
        out = board.output_until_prompt()
        if not out.startswith("0x"):
            check(unstamp(out).endswith("error: out of memory: no free block of order 10\n"), out)
            break
        blocks += 1
    check(blocks == blocks_of(zones, 10), "%d blocks of 4 MiB, buddyinfo had %d" %
          (blocks, blocks_of(zones, 10)))


def kfree_all(board):
    objs = re.findall(r"^(0x[0-9a-f]{8}) ", board.run_ok("kmalloc list"), re.M)
    for i in range(0, len(objs), 16):
        board.run_ok("kfree " + " ".join(objs[i:i + 16]))
    return len(objs)


def slub(board):
    return board.image in ("slub", "slub_debug")


def zone_pages(zones):
    return {zone: sum(n << o for o, n in enumerate(counts)) for zone, counts in zones.items()}


def test_out_of_memory_then_everything_back(board):
    if slub(board):
        # SLUB's kmalloc caches keep the CPU slabs boot left: the baseline
        # is after one shrink-all, which kmallocs its sort lists and keeps
        # their slabs (kmalloc-256, -512, -1024) as CPU slabs
        board.run_ok("cache shrink all")
    boot_zones, boot_mem = buddyinfo(board), parse_meminfo(board.run_ok("meminfo"))
    if not slub(board):
        check(board.run_ok("cache shrink all") == "shrink all: freed 0 pages\n",
              "not a boot state")
    take_every_4m_block(board, boot_zones)
    oom_error(board, "kmalloc 4M 1000", r"error: out of memory after 0 objects")
    # every block of 64 KiB to 2 MiB, each split into 64 KiB slabs
    zones = buddyinfo(board)
    m = oom_error(board, "kmalloc 64K 2000", r"error: out of memory after (\d+) objects")
    big = int(m.group(1))
    # all of them but those a slab for the 64 KiB slabs' (off-slab) management split;
    # on SLUB all of them: above 8192 kmalloc asks the page allocator (kmalloc_large())
    most = sum(n << (o - 4) for c in zones.values() for o, n in enumerate(c) if o >= 4)
    check(big == most if slub(board) else most - 2 <= big <= most,
          "%d objects of 64 KiB from %s" % (big, zones))
    check(blocks_of(buddyinfo(board), 4) == 0, "a block of 64 KiB is left")
    # the last pages, ten 400-byte objects each
    board.run_ok("cache create oom 400")
    m = oom_error(board, "cache alloc oom %d" % (RECORD_MAX - big),
                  r"error: out of memory after (\d+) objects")
    small = int(m.group(1))
    check(parse_meminfo(board.run_ok("meminfo"))["MemFree"] == 0, "pages left")
    check(blocks_of(buddyinfo(board), 0) == 0, "buddyinfo shows a free block")
    # nothing left, and the shell still answers, every allocation failing cleanly
    oom_error(board, "pages alloc 0", r"error: out of memory: no free block of order 0")
    oom_error(board, "cache alloc oom 1", r"error: out of memory after 0 objects")
    oom_error(board, "kmalloc 4M 1", r"error: out of memory after 0 objects")
    check(board.run_ok("version").startswith("slablab"), "version")
    check(re.fullmatch(r"verify: OK \(\d+ caches, \d+ slabs, \d+ objects\)\n",
                       board.run_ok("verify")), "verify at OOM")
    # everything back
    check(board.run_ok("cache free oom all", timeout=60) == "freed %d objects\n" % small, "free")
    check(board.run_ok("cache destroy oom") == "destroyed cache oom\n", "destroy")
    check(kfree_all(board) == big, "kmalloc list")
    board.run_ok("pages free all")
    board.run_ok("cache shrink all")
    if slub(board):
        # the pages of each zone: the shrink-all's sort lists took their
        # kmalloc slabs again from whichever blocks came first
        check(zone_pages(buddyinfo(board)) == zone_pages(boot_zones),
              "buddyinfo's pages differ from the baseline after the OOM run")
    else:
        check(buddyinfo(board) == boot_zones, "buddyinfo differs from boot after the OOM run")
    check(parse_meminfo(board.run_ok("meminfo")) == boot_mem, "meminfo differs from boot")
