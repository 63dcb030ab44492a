"""test_verify.py - verify [NAME]: the slab allocator's consistency walk.

verify must count exactly what slabinfo shows (every cache, every slab,
num objects per slab), for all caches or one, from any CPU, with debug
caches, while every other CPU allocates and frees ("slabstress verify"),
with the reaper moving objects between the walks, and with a CPU stopped
by a fault.  The automatic reaper is off where two commands must see the
same state.  (The runner also runs verify after every test of every
module: runner.py; "smp stop" in test_smp.py checks the rendezvous
itself.)
"""

import re
import time

from harness import check, needs, parse_slabinfo

BOARDS = [dict(image="elf", smp=4, mem="256M")]

VERIFY_RX = re.compile(r"verify: OK \((\d+) caches, (\d+) slabs, (\d+) objects\)\n")


def verify_ok(board, line="verify"):
    out = board.run_ok(line, timeout=60)
    m = VERIFY_RX.fullmatch(out)
    check(m, "%s:\n%s" % (line, out))
    return tuple(int(x) for x in m.groups())


def slabinfo_totals(board, only=None):
    """(caches, slabs, objects) as slabinfo counts them."""
    rows = [v for name, v in parse_slabinfo(board.run_ok("slabinfo"))
            if only is None or name == only]
    return (len(rows), sum(v["num_slabs"] for v in rows), sum(v["num_objs"] for v in rows))


def test_a_fresh_board_is_ok_with_slabinfos_counts(board):
    check(board.run_ok("reap auto off") == "automatic reaping is off\n", "reap auto off")
    try:
        want = slabinfo_totals(board)
        check(want[0] >= 41 and want[1] > 0, "slabinfo: %s" % (want,))
        check(verify_ok(board) == want, "verify %s, slabinfo %s" % (verify_ok(board), want))
        check(slabinfo_totals(board) == want, "verify changed something")
    finally:
        board.run_ok("reap auto on")


def test_one_cache_and_an_unknown_name(board):
    board.run_ok("reap auto off")
    try:
        board.run_ok("cache create vt 100")
        board.run_ok("cache alloc vt 50")
        caches, slabs, objects = verify_ok(board, "verify vt")
        check((caches, slabs, objects) == slabinfo_totals(board, "vt"),
              "verify vt: %s, slabinfo %s" % ((caches, slabs, objects),
                                             slabinfo_totals(board, "vt")))
        check(caches == 1 and slabs == 2, "50 objects of 100 bytes: %d slabs" % slabs)
        before = board.run_ok("slabinfo")
        check(board.run_error("verify vtx") == "error: no cache named 'vtx'", "unknown name")
        check(board.run_ok("slabinfo") == before, "a refused verify changed something")
        board.run_ok("cache free vt all")
        board.run_ok("cache destroy vt")
    finally:
        board.run_ok("reap auto on")


def test_debug_caches_from_every_cpu(board):
    last = board.smp - 1
    board.run_ok("reap auto off")
    try:
        board.run_ok("cache create vd 100 red_zone poison store_user")
        board.run_ok("cache create vr 200 red_zone")
        for cpu in range(board.smp):
            board.run_ok("cpu %d cache alloc vd 40" % cpu)
            board.run_ok("cpu %d cache alloc vr 7" % cpu)
        out = board.run_ok("cache free vd all")      # on cpu0: its array and beyond
        check(out == "freed %d objects\n" % (40 * board.smp), out)
        want = slabinfo_totals(board, "vd")
        check(verify_ok(board, "verify vd") == want, "vd against slabinfo %s" % (want,))
        everything = verify_ok(board)
        check(everything == slabinfo_totals(board), "all against slabinfo")
        check(verify_ok(board, "cpu %d verify" % last) == everything, "from cpu%d" % last)
        check(verify_ok(board, "cpu %d verify vd" % last) == want, "vd from cpu%d" % last)
        board.run_ok("cache free vr all")
        board.run_ok("cache destroy vd")
        board.run_ok("cache destroy vr")
    finally:
        board.run_ok("reap auto on")


def test_ok_while_every_other_cpu_allocates(board):
    # slabstress's "verify": this CPU walks every 50 rounds of its share,
    # each walk once all the others have begun theirs, and they go on
    # until its last walk is done: 10 walks for 500 rounds, all clean.
    for line in ("slabstress 500 verify", "cpu %d slabstress 300 verify" % (board.smp - 1)):
        out = board.run_ok(line, timeout=300)
        walks = (int(line.split()[-2]) + 49) // 50
        check(out.endswith("verify: %d walks while the others ran, 0 errors\n" % walks), out)
        check(re.search(r"^after shrinking every cache: (\d+) free pages \(\1 before\)$",
                        out, re.M), out)


def test_ok_while_the_reaper_gives_a_burst_back(board):
    # After a burst on every CPU, the reaper (every 2 s on each CPU) moves
    # objects from the per-CPU and shared arrays to the slabs and frees
    # slabs: each walk in between must still be OK, and the slab count
    # must fall (so the walks did see different states).
    board.run_ok("slabstress 500 noshrink", timeout=120)
    first = verify_ok(board)
    seen = [first[1]]
    deadline = time.monotonic() + 60
    while seen[-1] >= first[1] and time.monotonic() < deadline:
        time.sleep(1)
        seen.append(verify_ok(board)[1])
    check(seen[-1] < first[1], "the reaper freed no slab in 60 s: %s" % seen)


@needs(cpus=2)
def test_ok_with_a_cpu_stopped(board):
    # A stopped CPU cannot be held, nor can it move its array: the walk
    # reads that array as it stands.  Last in this module: the CPU stays
    # stopped until the board is rebooted.
    dead = board.smp - 1
    board.run_ok("cpu %d cache alloc size-128 3" % dead)
    out = board.run("fault dabt %d" % dead)
    check(out.rstrip().endswith("cpu%d is now stopped" % dead), out)
    verify_ok(board)
    if board.smp > 2:
        verify_ok(board, "cpu 1 verify")
