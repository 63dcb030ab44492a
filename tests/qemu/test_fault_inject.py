"""test_fault_inject.py - fault pages|slab: allocations fail on purpose, and nothing is lost.

With the injectors on, the shell's allocating commands (cache create,
cache alloc, kmalloc, slabinfo tuning, pages alloc) either succeed or end
with their one out-of-memory error line and change nothing else; the
kernel log holds only the allocator's own out-of-memory reports.  After
the run, with the injectors off and every cache shrunk, buddyinfo is what
it was before, no cache the test made is left, and verify is OK.
slabstress runs on every CPU at once under injection: every failure it
counts is one the injectors made.  The slab_debug image runs the rest
too: there most caches record their users, so a create allocates a
journal as well.  So do the SLUB images (slub, slub_debug): there the
kernel's out-of-memory report is 2.6.32 SLUB's three lines, each checked
against the cache it names; tuning is skipped (SLUB has none: test_slub
checks the refusal); finj-offslab merges into kmalloc-2048 on the slub
image; and with everything failing, exactly two page allocations (kmalloc
4M goes to the page allocator) and two new_slab() calls fail.
"""

import re

from harness import STAMP, check, kernel_lines, only_on, parse_slabinfo

BOARDS = [dict(image="elf", smp=4, mem="256M"), dict(image="slab_debug", smp=4, mem="256M"),
          dict(image="slub", smp=4, mem="256M"), dict(image="slub_debug", smp=4, mem="256M")]

STATUS = re.compile(r"^(pages|slab): (off|every \d+|prob \d+% seed \d+), "
                    r"(\d+) calls, (\d+) failed$")

# the kernel's reports an injected failure may cause
KERNEL_OK = [re.compile(r"^page allocation failure: order:\d+, mode:0x[0-9a-f]+$"),
             re.compile(r"^enable_cpucache failed for finj-\w+, error 12\.$")]
# SLUB's: 2.6.32's slab_out_of_memory(), three lines, when __slab_alloc()
# finds no partial slab and new_slab() fails for a GFP_KERNEL request
SLUB_OOM = [re.compile(r"^SLUB: Unable to allocate memory on node 0 \(gfp=0xd0\)$"),
            re.compile(r"^  cache: (\S+), object size: (\d+), buffer size: (\d+), "
                       r"default order: (\d+), min order: (\d+)$"),
            re.compile(r"^  node 0: slabs: (\d+), objs: (\d+), free: (\d+)$")]


def is_slub(board):
    return board.image in ("slub", "slub_debug")


def get_order(size):
    order = 0
    while 4096 << order < size:
        order += 1
    return order


def check_slub_oom(board, line, lines, ordered=True):
    """SLUB's three lines, each report checked against the cache it names
    (slabinfo's row, read now: the cache is still there): its object size
    (kmalloc-N's N, or what the test created it with), buffer size (the
    objsize column, s->size), default order (pagesperslab), min order
    (get_order(size), 2.6.32's s->min), and the node's counts (slabs of at
    most objperslab objects, free among them).  Not @ordered: reports from
    several CPUs at once, whose lines may interleave; each kind of line is
    then checked on its own, as many of each."""
    check(len(lines) % 3 == 0, "%s: kernel said %r" % (line, lines))
    rows = slab_rows(board)
    per_slab = None         # ordered: the named cache's objperslab
    if not ordered:
        kinds = [[l for l in lines if rx.match(l)] for rx in SLUB_OOM]
        check(all(len(k) == len(lines) // 3 for k in kinds), "%s: %r" % (line, lines))
        lines = [l for group in zip(*kinds) for l in group]
        # a node line may belong to any of the caches named
        per_slab = max(rows[SLUB_OOM[1].match(l).group(1)]["objperslab"] for l in kinds[1]
                       if SLUB_OOM[1].match(l).group(1) in rows) if kinds[1] else 0
    for i in range(0, len(lines), 3):
        m = [rx.match(l) for rx, l in zip(SLUB_OOM, lines[i:i + 3])]
        check(all(m), "%s: kernel said %r" % (line, lines[i:i + 3]))
        name = m[1].group(1)
        objsize, size, order, min_order = [int(x) for x in m[1].groups()[1:]]
        slabs, objs, free = [int(x) for x in m[2].groups()]
        want = int(name[len("kmalloc-"):]) if name.startswith("kmalloc-") else \
            int(dict(CACHES)[name].split()[0])
        r = rows.get(name)
        check(r and objsize == want and size == r["objsize"] and 1 << order == r["pagesperslab"]
              and min_order == get_order(size) and free <= objs and
              objs <= slabs * (per_slab if per_slab is not None else r["objperslab"]),
              "%s: %r, slabinfo %s" % (line, lines[i:i + 3], r))


def status(board):
    """`fault` -> {injector: (mode, calls, failed)}, checking the layout."""
    lines = board.run_ok("fault").splitlines()
    check(len(lines) == 2, repr(lines))
    out = {}
    for line in lines:
        m = STATUS.match(line)
        check(m, "bad fault status line %r" % line)
        out[m.group(1)] = (m.group(2), int(m.group(3)), int(m.group(4)))
    check(list(out) == ["pages", "slab"], str(out))
    return out


def buddyinfo(board):
    """What must come back: buddyinfo's blocks; on SLUB the free pages of
    each zone, as each shrink-all kmallocs its sort lists (2.6.32's
    kmem_cache_shrink()), so the kmalloc caches' CPU slabs are given back
    and taken again from whichever blocks come first, and the blocks'
    orders move while the pages stay."""
    out = board.run_ok("buddyinfo")
    if not is_slub(board):
        return out
    return [sum(int(n) << o for o, n in enumerate(line.split()[4:]))
            for line in out.splitlines()]


def command(board, line, error_rx=None):
    """Run @line; its own output lines, or None if it ended with an error
    matching @error_rx (the only error line, the last one)."""
    raw = board.run(line, timeout=60)
    slub = []
    for k in kernel_lines(raw):
        if is_slub(board) and (slub or SLUB_OOM[0].match(k)) and not any(
                rx.match(k) for rx in KERNEL_OK):
            slub.append(k)
            continue
        check(any(rx.match(k) for rx in KERNEL_OK), "%s: kernel said %r" % (line, k))
    if slub:
        check_slub_oom(board, line, slub)
    own = [l for l in raw.splitlines() if not re.match(STAMP, l)]
    errors = [l for l in own if "error:" in l]
    if not errors:
        return own
    check(error_rx and len(errors) == 1 and own[-1] == errors[0] and
          re.fullmatch(error_rx, errors[0]), "%s:\n%s" % (line, raw))
    return None


def kfree_all(board):
    """kfree every object `kmalloc list` shows (a kmalloc cut short keeps its objects)."""
    objs = re.findall(r"^(0x[0-9a-f]{8}) ", board.run_ok("kmalloc list"), re.M)
    for i in range(0, len(objs), 16):
        board.run_ok("kfree " + " ".join(objs[i:i + 16]))
    check(board.run_ok("kmalloc list") == "the shell holds no objects from kmalloc\n", "kfree")


def slab_rows(board):
    return dict(parse_slabinfo(board.run_ok("slabinfo")))


def test_status_and_settings(board):
    check(board.run_ok("fault") == "pages: off, 0 calls, 0 failed\nslab: off, 0 calls, 0 failed\n",
          "boot status")
    check(board.run_ok("fault pages every 7") == "pages: every 7, 0 calls, 0 failed\n", "every")
    check(board.run_ok("fault slab prob 25 99") == "slab: prob 25% seed 99, 0 calls, 0 failed\n",
          "prob")
    check(board.run_ok("fault slab prob 3") == "slab: prob 3% seed 1, 0 calls, 0 failed\n", "seed")
    usage = "usage: fault [undef|pabt|dabt|bug [CPU [locked]]] | " \
            "fault pages|slab off|every N|prob P [SEED]\n"
    for line, err in [("fault pages every 0", "bad interval '0': must be at least 1"),
                      ("fault slab prob 0", "bad percentage '0': must be at least 1"),
                      ("fault slab prob 101", "bad percentage '101': number too large"),
                      ("fault slab prob 5 x", "bad seed 'x': not a number"),
                      ("fault pages", "fault pages: expected off|every N|prob P [SEED]"),
                      ("fault pages every", "fault pages: expected off|every N|prob P [SEED]"),
                      ("fault pages off 3", "fault pages: expected off|every N|prob P [SEED]"),
                      ("fault pages sometimes 3",
                       "fault pages: expected off|every N|prob P [SEED]"),
                      ("fault slab prob 5 1 2", "fault: too many arguments")]:
        out = board.run(line)
        check(out == "error: %s\n%s" % (err, usage), "%s: %r" % (line, out))
    # a refused setting changed nothing
    check(board.run_ok("fault") == "pages: every 7, 0 calls, 0 failed\n"
          "slab: prob 3% seed 1, 0 calls, 0 failed\n", "after refusals")
    # off keeps the counts of the run it ends
    board.run_ok("pages alloc 0")
    check(board.run_ok("fault pages off") == "pages: off, 1 calls, 0 failed\n", "off")
    board.run_ok("fault slab off")
    board.run_ok("pages free all")


# 2048 bytes, no flags: SLUB's find_mergeable() takes kmalloc-2048 (same
# size, no constructor); on slub_debug every cache has F Z P U, never merged
MERGED = {("slub", "finj-offslab"): ": an alias of kmalloc-2048 (SLUB merged it)"}


def create(board, name, args):
    """cache create until it succeeds; the failures, each of which changed nothing."""
    failed = 0
    while True:
        before = slab_rows(board)
        own = command(board, "cache create %s %s" % (name, args),
                      r"error: cannot create cache '%s': out of memory" % name)
        if own is not None:
            check(own[0] == "created cache %s" % name + MERGED.get((board.image, name), ""),
                  str(own))
            return failed
        failed += 1
        check(failed < 50, "cache create %s never succeeded" % name)
        check(slab_rows(board).keys() == before.keys(), "a failed create left a cache")


def tune(board, name):
    """slabinfo NAME 30 7 4: either done, or refused with the cache unchanged."""
    before = slab_rows(board)[name]
    own = command(board, "slabinfo %s 30 7 4" % name,
                  r"error: cannot tune '%s': out of memory" % name)
    after = slab_rows(board)[name]
    if own is None:
        check((after["limit"], after["batchcount"], after["shared"]) ==
              (before["limit"], before["batchcount"], before["shared"]), "a failed tune")
        return 1
    check((after["limit"], after["batchcount"], after["shared"]) == (30, 7, 4), str(after))
    return 0


OOM_AFTER = r"error: out of memory after \d+ objects"
CACHES = [("finj-small", "100"), ("finj-offslab", "2048"), ("finj-big", "40000"),
          ("finj-debug", "200 red_zone poison store_user")]


def round_of_commands(board, name, args, errors):
    errors["create"] += create(board, name, args)
    for line in ["cache alloc %s 100" % name, "cpu %d cache alloc %s 40" % (board.smp - 1, name)]:
        errors["alloc"] += command(board, line, OOM_AFTER) is None
    errors["kmalloc"] += command(board, "kmalloc 3000 8", OOM_AFTER) is None
    if not is_slub(board):      # SLUB has nothing to tune (test_slub checks the refusal)
        errors["tune"] += tune(board, name)
    held = board.run_ok("pages list")
    own = command(board, "pages alloc 3", r"error: out of memory: no free block of order 3")
    if own is None:
        errors["pages"] += 1
        check(board.run_ok("pages list") == held, "a failed pages alloc changed the list")
    board.run_ok("cache free %s all" % name)
    board.run_ok("cache shrink %s" % name)
    check(board.run_ok("cache destroy %s" % name) == "destroyed cache %s\n" % name, name)


def test_shell_commands_under_injection(board):
    board.run_ok("cache shrink all")
    before, caches_before = buddyinfo(board), slab_rows(board).keys()
    board.run_ok("fault pages every 7")
    board.run_ok("fault slab prob 20 3")
    errors = dict(create=0, alloc=0, kmalloc=0, tune=0, pages=0)
    for _ in range(3):
        for name, args in CACHES:
            round_of_commands(board, name, args, errors)
    st = status(board)
    board.run_ok("fault pages off")
    board.run_ok("fault slab off")
    check(st["pages"][0] == "every 7" and st["pages"][2] == st["pages"][1] // 7, str(st))
    check(st["slab"][2] > 0, str(st))
    # which commands meet a failure depends on what the reaper drained
    # meanwhile; test_each_command_fails_cleanly makes each of them fail
    check(sum(errors.values()) > 0, str(errors))
    kfree_all(board)
    board.run_ok("pages free all")
    board.run_ok("cache shrink all")
    check(slab_rows(board).keys() == caches_before, "a cache the test made is left")
    check(buddyinfo(board) == before, "pages lost under fault injection")


def test_each_command_fails_cleanly(board):
    """Nothing may grow: each allocating command fails, and changes nothing."""
    board.run_ok("cache shrink all")    # every array drained: what is free is in slabs
    before, caches_before = buddyinfo(board), slab_rows(board).keys()
    board.run_ok("cache create finj-d 100")
    board.run_ok("fault pages every 1")
    board.run_ok("fault slab every 1")
    # an empty cache, and size-4194304 (nobody holds a 4 MiB object): both must grow
    check(board.run_error("cache alloc finj-d 5") == "error: out of memory after 0 objects", "")
    check(board.run_error("kmalloc 4M 1") == "error: out of memory after 0 objects", "kmalloc")
    held = board.run_ok("pages list")
    check(board.run_error("pages alloc 3") == "error: out of memory: no free block of order 3", "")
    check(board.run_ok("pages list") == held, "pages list")
    # a shared array of 100000 entries needs a new slab of size-524288
    if not is_slub(board):
        row = slab_rows(board)["finj-d"]
        check(board.run_error("slabinfo finj-d 100 50 2000") ==
              "error: cannot tune 'finj-d': out of memory", "tune")
        check(slab_rows(board)["finj-d"] == row, "a failed tune changed the cache")
    # new caches take what the partial slabs still hold, until a create fails
    made = []
    for i in range(200):
        name = "finj-c%d" % i
        own = command(board, "cache create %s 100" % name,
                      r"error: cannot create cache '%s': out of memory" % name)
        if own is None:
            check(name not in slab_rows(board), "a failed create left %s" % name)
            break
        made.append(name)
    check(own is None, "200 caches created with no slab growing")
    st = status(board)
    if is_slub(board):
        # pages: kmalloc 4M (above 8192: kmalloc_large(), alloc_pages()) and
        # pages alloc 3; every new_slab() fails at failslab before it asks
        # for pages.  slab: cache alloc's one new_slab(), then the failing
        # create's one (a create stops at its first NULL; those before it
        # grew nothing)
        check(st == dict(pages=("every 1", 2, 2), slab=("every 1", 2, 2)), str(st))
    else:
        check(st["pages"] == ("every 1", st["pages"][1], st["pages"][1]) and
              st["pages"][1] >= 1 and st["slab"] == ("every 1", st["slab"][1], st["slab"][1])
              and st["slab"][1] >= 4, str(st))
    board.run_ok("fault pages off")
    board.run_ok("fault slab off")
    for name in made + ["finj-d"]:
        board.run_ok("cache destroy " + name)
    board.run_ok("cache shrink all")
    check(slab_rows(board).keys() == caches_before, "a cache the test made is left")
    check(buddyinfo(board) == before, "pages lost")


def test_selftest_refused_while_injecting(board):
    # its tests count on every allocation; one that fails stops a test
    # before it destroys its caches
    caches = slab_rows(board).keys()
    for on, off in [("fault pages every 5", "fault pages off"),
                    ("fault slab prob 1", "fault slab off")]:
        board.run_ok(on)
        check(board.run_error("selftest alloc") ==
              "error: fault injection is on; 'fault pages off' and 'fault slab off' first", on)
        check(status(board)[on.split()[1]][1:] == (0, 0), "selftest allocated")
        board.run_ok(off)
    check(slab_rows(board).keys() == caches, "selftest left caches")


def slabstress_under_injection(board, pages):
    if pages:
        board.run_ok("fault pages every 7")
    board.run_ok("fault slab prob 10 7")
    raw = board.run("slabstress 1000 verify", timeout=300)
    st = status(board)
    board.run_ok("fault pages off")
    board.run_ok("fault slab off")
    slub = []
    for k in kernel_lines(raw):
        if is_slub(board) and (slub or SLUB_OOM[0].match(k)) and not KERNEL_OK[0].match(k):
            slub.append(k)      # its objects' descriptors: GFP_KERNEL, so reported
            continue
        check(KERNEL_OK[0].match(k), "kernel said %r" % k)
    if slub:
        check_slub_oom(board, "slabstress", slub, ordered=False)
    out = "\n".join(l for l in raw.splitlines() if not re.match(STAMP, l))
    check("error:" not in out, out)
    failed = [int(n) for n in re.findall(r"^cpu\d: .*, (\d+) failed, 0 corrupted$", out, re.M)]
    check(len(failed) == board.smp, out)
    # each NULL slabstress saw is one failure injected, pages or slab; on a
    # board under 256 MiB its random 4 MiB objects also run out for real
    injected = st["pages"][2] + st["slab"][2]
    check(injected > 0 and (sum(failed) == injected if int(board.mem.rstrip("M")) >= 256
                            else sum(failed) >= injected), "%s\n%s" % (failed, st))
    m = re.search(r"^after shrinking every cache: (\d+) free pages \((\d+) before\)$", out, re.M)
    check(m and m.group(1) == m.group(2), out)
    check(re.search(r"^verify: \d+ walks while the others ran, 0 errors$", out, re.M), out)


@only_on(image="elf")     # a minute on the slab_debug image, which adds no path here
def test_slabstress_under_injection(board):
    slabstress_under_injection(board, pages=True)


@only_on(image="slub")    # slub_debug adds no path here either
def test_slabstress_under_slab_injection_on_slub(board):
    """SLUB: failslab only.  A failed new_slab() is one NULL (the objects
    are __GFP_NOWARN; their descriptors are GFP_KERNEL, and SLUB reports
    such a failure in three lines, each checked), and a kmalloc above 8192
    does not ask it.  The pages injector stays off: SLUB's allocate_slab() asks the page
    allocator twice when the first (its preferred order, __GFP_NORETRY)
    fails, so an injected page failure may be no NULL at all, and two
    may be one, as the CPUs' calls interleave."""
    slabstress_under_injection(board, pages=False)
