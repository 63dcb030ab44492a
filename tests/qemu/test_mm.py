"""test_mm.py - the buddy allocator through buddyinfo, meminfo and pages."""

import re
import time

from harness import PROMPT, check, needs, parse_meminfo, parse_slabinfo

BOARDS = [
    dict(image="elf", smp=4, mem="256M"),
    dict(image="elf", smp=4, mem="128M"),
    dict(image="bin", smp=4, mem="1024M"),
]

ZONE_LINE = re.compile(r"^Node 0, zone +(DMA|Normal)((?: +\d+){11}) $")


def buddyinfo(board):
    out = board.run_ok("buddyinfo")
    zones = {}
    for line in out.splitlines():
        m = ZONE_LINE.match(line)
        check(m, "bad buddyinfo line %r" % line)
        check(line.startswith("Node 0, zone %8s " % m.group(1)), "column widths: %r" % line)
        zones[m.group(1)] = [int(x) for x in m.group(2).split()]
    return zones


def free_pages(zones):
    return sum(n << order for counts in zones.values() for order, n in enumerate(counts))


def meminfo(board):
    return parse_meminfo(board.run_ok("meminfo"))


def slab_pages(board):
    """Pages in slabs, from slabinfo's num_slabs * pagesperslab."""
    return sum(v["num_slabs"] * v["pagesperslab"]
               for _, v in parse_slabinfo(board.run_ok("slabinfo")))


def mem_kib(board):
    return int(board.mem.rstrip("M")) * 1024


def test_boot_memory_adds_up(board):
    info = meminfo(board)
    check(list(info) == ["MemTotal", "MemFree", "Slab", "SReclaimable", "SUnreclaim",
                         "Reserved"], "meminfo lines: %s" % list(info))
    check(info["MemTotal"] + info["Reserved"] == mem_kib(board), str(info))
    # at boot the slab caches' own structures are the only memory in use
    check(info["Slab"] > 0 and info["Slab"] == slab_pages(board) * 4, str(info))
    check(info["MemFree"] + info["Slab"] == info["MemTotal"], "memory in use at boot: %s" % info)
    check(info["SUnreclaim"] == info["Slab"] and info["SReclaimable"] == 0, str(info))
    zones = buddyinfo(board)
    check(free_pages(zones) * 4 == info["MemFree"], "buddyinfo and meminfo disagree")


def banner_memory(board):
    m = re.search(r"^Memory: (\d+) KiB free for the allocators, (\d+) KiB reserved \(image (\d+) KiB, "
                  r"mem_map (\d+) KiB at 0x([0-9a-f]{8}), set up in (\d+) us\)$", board.banner, re.M)
    check(m, "no Memory: line")
    return dict(free=int(m.group(1)), reserved=int(m.group(2)), image=int(m.group(3)),
                mem_map=int(m.group(4)), mem_map_addr=int(m.group(5), 16), us=int(m.group(6)),
                line=m.group(0))


def test_boot_memory_is_in_big_blocks(board):
    zones = buddyinfo(board)
    normal = (int(board.mem.rstrip("M")) - 16) // 4
    # the slab bootstrap's pages (GFP_KERNEL: ZONE_NORMAL) split one block
    slab = meminfo(board)["Slab"] // 4
    check(zones["Normal"][10] == normal - 1, "Normal zone: %s" % zones["Normal"])
    check(free_pages({"Normal": zones["Normal"]}) == normal * 1024 - slab,
          "Normal zone: %s, %d slab pages" % (zones["Normal"], slab))
    # the image sits at +64 KiB with mem_map after it; every 4 MiB of DMA
    # above the 4 MiB blocks they touch is one free order-10 block
    mem = banner_memory(board)
    reserved_end_kib = 64 + mem["image"] + mem["mem_map"]
    touched = -(-reserved_end_kib // 4096)
    check(zones["DMA"][10] == 4 - touched, "DMA zone: %s" % zones["DMA"])


def test_mem_map_set_up_quickly(board):
    mem = banner_memory(board)
    check(mem["free"] + mem["reserved"] == mem_kib(board), mem["line"])
    check(mem["mem_map"] == mem_kib(board) // 4 * 16 // 1024, "mem_map: 16 bytes a page")
    check(mem["reserved"] == mem["image"] + mem["mem_map"], mem["line"])
    check(mem["mem_map_addr"] == 0x60010000 + mem["image"] * 1024, "mem_map follows the image")
    check(mem["free"] == meminfo(board)["MemTotal"], "banner and meminfo disagree")
    check(mem["us"] < 1000000, "mem_map took %d us" % mem["us"])


def alloc(board, order, dma=False):
    out = board.run_ok("pages alloc %d%s" % (order, " dma" if dma else ""))
    m = re.match(r"^0x([0-9a-f]{8})\n$", out)
    check(m, repr(out))
    addr = int(m.group(1), 16)
    check(addr % (4096 << order) == 0, "0x%08x not aligned to order %d" % (addr, order))
    check(0x60000000 <= addr < 0x60000000 + mem_kib(board) * 1024, "outside DRAM")
    return addr


def test_alloc_free_round_trip(board):
    before = buddyinfo(board)
    free_before = meminfo(board)["MemFree"]
    blocks = [(alloc(board, order), order) for order in (0, 3, 10, 5, 0, 1)]
    dma = alloc(board, 2, dma=True)
    check(dma < 0x61000000, "dma block 0x%08x above 16 MiB" % dma)
    blocks.append((dma, 2))
    used = sum(4 << order for _, order in blocks)
    check(meminfo(board)["MemFree"] == free_before - used, "MemFree did not drop by %d" % used)
    listed = board.run_ok("pages list")
    check(listed.rstrip().endswith("%d blocks held by the shell" % len(blocks)), listed)
    check("0x%08x order 2 (16 KiB) zone DMA" % dma in listed, listed)
    check(buddyinfo(board) != before, "buddyinfo did not change")
    for addr, order in blocks[::-2] + blocks[1::2]:
        out = board.run_ok("pages free 0x%08x %d" % (addr, order))
        check(out == "freed 0x%08x (order %d)\n" % (addr, order), repr(out))
    check(buddyinfo(board) == before, "buddyinfo differs after freeing everything")
    check(meminfo(board)["MemFree"] == free_before, "MemFree not restored")


def test_free_all_gives_every_block_back(board):
    before, free_before = buddyinfo(board), meminfo(board)["MemFree"]
    blocks = [(alloc(board, order), order) for order in (10, 0, 3, 10)]
    blocks.append((alloc(board, 2, dma=True), 2))
    pages = sum(1 << order for _, order in blocks)
    check(board.run_ok("pages free all") == "freed 5 blocks (%d pages)\n" % pages, "free all")
    check(board.run_ok("pages list") == "0 blocks held by the shell\n", "still held")
    check(buddyinfo(board) == before, "buddyinfo differs after pages free all")
    check(meminfo(board)["MemFree"] == free_before, "MemFree not restored")
    # nothing held: nothing to free, and no block freed twice
    check(board.run_ok("pages free all") == "freed 0 blocks (0 pages)\n", "free all again")
    addr = alloc(board, 0)
    check(board.run_ok("pages free all") == "freed 1 block (1 page)\n", "one block")
    check(board.run_error("pages free 0x%08x 0" % addr) ==
          "error: 0x%08x is not a block allocated with 'pages alloc'" % addr, "freed twice")
    check(buddyinfo(board) == before, "buddyinfo differs at the end")


def test_free_refuses_bad_blocks(board):
    before = buddyinfo(board)
    addr = alloc(board, 1)
    end = 0x60000000 + mem_kib(board) * 1024
    cases = [
        ("pages free 0x10000000 0",
         "error: 0x10000000 is not in DRAM (0x60000000-0x%08x)" % (end - 1)),
        ("pages free 0x%08x 1" % (addr + 4096),
         "error: 0x%08x is not aligned to order 1 (8 KiB)" % (addr + 4096)),
        ("pages free 0x%08x 0" % (addr + 4096),
         "error: 0x%08x is not a block allocated with 'pages alloc'" % (addr + 4096)),
        ("pages free 0x%08x 0" % addr,
         "error: 0x%08x was allocated with order 1, not 0" % addr),
        ("pages free 0x%08x 11" % addr, "error: bad order '11': number too large"),
        ("pages alloc 11", "error: bad order '11': number too large"),
        ("pages alloc 1 dmaa", "error: pages alloc: expected ORDER [dma]"),
        ("pages free 0x%08x" % addr, "error: pages free: expected ADDR ORDER or all"),
        ("pages free all 0", "error: pages free all: expected nothing after 'all'"),
        ("pages frob", "error: pages: unknown subcommand 'frob'"),
        ("pages list x", "error: pages list: expected no arguments"),
    ]
    for line, error in cases:
        check(board.run_error(line) == error, "%s -> %s" % (line, board.run(line)))
    # a wrong argument: the subcommand's own usage line follows, not the whole command's
    for line, want in [
            ("pages list x", "error: pages list: expected no arguments\nusage: pages list\n"),
            ("pages alloc", "error: pages alloc: missing ORDER\nusage: pages alloc ORDER [dma]\n"),
            ("pages alloc x", "error: bad order 'x': not a number\n"
                              "usage: pages alloc ORDER [dma]\n"),
            ("pages free 0x%08x" % addr, "error: pages free: expected ADDR ORDER or all\n"
                                         "usage: pages free ADDR ORDER | all\n"),
            ("pages stress 1 2", "error: pages stress: expected [ROUNDS]\n"
                                 "usage: pages stress [ROUNDS]\n"),
            ("pages frob", "error: pages: unknown subcommand 'frob'\nusage: pages alloc "
                           "ORDER [dma] | free ADDR ORDER | free all | list | stress [ROUNDS]\n")]:
        out = board.run(line)
        check(out == want, "%s:\n%r\nwant\n%r" % (line, out, want))
    board.run_ok("pages free 0x%08x 1" % addr)
    check(board.run_error("pages free 0x%08x 1" % addr) ==
          "error: 0x%08x is not a block allocated with 'pages alloc'" % addr, "double free")
    check(buddyinfo(board) == before, "a refused free changed the free lists")


def test_out_of_memory_then_everything_back(board):
    before = buddyinfo(board)
    blocks = []
    while True:
        board.send("pages alloc 10\r")
        out = board.output_until_prompt()
        if out.startswith("0x"):
            blocks.append(int(out, 16))
            continue
        check(out == "page allocation failure: order:10, mode:0xd0\n"
              "error: out of memory: no free block of order 10\n", repr(out))
        break
    check(len(blocks) == before["DMA"][10] + before["Normal"][10], "got %d blocks" % len(blocks))
    zones = buddyinfo(board)
    check(zones["DMA"][10] == zones["Normal"][10] == 0, str(zones))
    for addr in blocks:
        board.run_ok("pages free 0x%08x 10" % addr)
    check(buddyinfo(board) == before, "buddyinfo differs after the OOM run")


def test_allocate_on_one_cpu_free_on_another(board):
    before = buddyinfo(board)
    a, b = 2 % board.smp, board.smp - 1    # cpu2 and cpu3 on four CPUs
    out = board.run_ok("cpu %d pages alloc 4" % a)
    addr = int(out, 16)
    check(board.run_ok("cpu %d pages free 0x%08x 4" % (b, addr)) ==
          "freed 0x%08x (order 4)\n" % addr, "")
    check(buddyinfo(board) == before, "buddyinfo differs")


def test_every_cpu_at_once(board):
    before = buddyinfo(board)
    out = board.run_ok("pages stress 3000", timeout=120)
    for cpu in range(board.smp):
        check(re.search(r"^cpu%d: 3000 rounds, \d+ blocks allocated and freed, 0 failed, "
                        r"0 corrupted$" % cpu, out, re.M), out)
    check(re.search(r"^%d CPUs in \d+ us; free lists as before$" % board.smp, out, re.M), out)
    check(buddyinfo(board) == before, "buddyinfo differs after the stress run")


STRESS_RESULT = re.compile(r"^(\d+) CPUs in (\d+) us; free lists (as before|CHANGED)$", re.M)
STRESS_CPU = re.compile(r"^cpu(\d+): (\d+) rounds, \d+ blocks allocated and freed, 0 failed, "
                        r"0 corrupted$", re.M)


@needs(mem_mib=256)
def test_stress_holds_the_reaper_off(board):
    # slabstress noshrink leaves some 20000 free slab pages to cache_reap,
    # which gives them back over about 40 s, in passes every 2 s on each
    # CPU (run whenever a CPU waits, as each does when its share of a
    # stress run is done).  Runs of pages stress back to back for 12 s of
    # the board's own time meet several of those passes; each must still
    # find its free lists as they began.  Without the hold, four tries of
    # this test each saw a run report CHANGED within 3 to 9 s of stress.
    # One board is enough for this.
    check(board.run_ok("reap auto on") == "automatic reaping is on\n", "reap auto on")
    board.run_ok("slabstress 3000 noshrink", timeout=180)
    slab = meminfo(board)["Slab"]
    stressed_us = runs = 0
    while stressed_us < 12000000:
        out = board.run("pages stress 20000", timeout=300)
        m = STRESS_RESULT.search(out)
        check(m and m.group(3) == "as before" and "error:" not in out,
              "run %d, after %d us of stress:\n%s" % (runs + 1, stressed_us, out))
        stressed_us += int(m.group(2))
        runs += 1
    # held, not stopped: the reaper goes on once the runs end
    deadline = time.monotonic() + 30
    while meminfo(board)["Slab"] >= slab:
        check(time.monotonic() < deadline, "the reaper gave nothing back after %d runs" % runs)
        time.sleep(1)
    board.run_ok("cache shrink all")        # nothing left for it to change later


def test_ctrl_c_stops_pages_stress(board):
    before = buddyinfo(board)
    board.send("pages stress 1000000\r")
    board.expect(r"^pages stress 1000000\n")
    board.send("\x03")
    m = board.expect(r"\A(.*)^error: interrupted by Ctrl-C\n" + re.escape(PROMPT), 60,
                     re.M | re.S)
    out = m.group(1)
    rounds = {int(c): int(r) for c, r in STRESS_CPU.findall(out)}
    check(sorted(rounds) == list(range(board.smp)), out)
    check(all(r < 1000000 for r in rounds.values()), "not stopped early:\n%s" % out)
    m = STRESS_RESULT.search(out)
    check(m and m.group(3) == "as before", out)
    check(buddyinfo(board) == before, "buddyinfo differs after the interrupted run")
