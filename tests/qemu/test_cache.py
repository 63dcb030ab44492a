"""test_cache.py - the slab shell: cache, kmalloc/kfree/ksize, reap, slabtop.

Scenario tests that check numbers: geometry lines against slab_model.py
(Linux 2.6.24's rules), per-CPU arrays and node lists against a model of
cache_alloc_refill() and cache_flusharray(), every slab line against the
node's counters and slabinfo, colour rotation, off-slab management, and
every error path with slabinfo unchanged afterwards.  The automatic
reaper is off during the scenarios, so nothing moves between commands.

Written for any board: the scenarios take their CPUs from the board (the
last CPU, board.smp - 1, plays the "other" CPU); those that need a shared
array (more than one CPU) or three distinct CPUs say so with @needs.
"""

import re
import time

import slab_model
from harness import check, kernel_lines, needs, parse_slabinfo, unstamp

BOARDS = [dict(image="elf", smp=4, mem="256M")]

BATCHREFILL_LIMIT = 16
FIGO = dict(buffer_size=24, num=145)


# ---- parsing ------------------------------------------------------------

def kv(text):
    """'a=1 b=0x10 c=x' -> {'a': 1, 'b': 16, 'c': 'x'}"""
    out = {}
    for tok in text.split():
        k, _, v = tok.partition("=")
        check(_, "not key=value: %r in %r" % (tok, text))
        if re.fullmatch(r"0x[0-9a-f]+", v):
            out[k] = int(v, 16)
        elif re.fullmatch(r"\d+", v):
            out[k] = int(v)
        else:
            out[k] = v
    return out


def parse_objects(rest):
    """'active=19 (held by callers 0, in CPU arrays 11, in the shared array 8)'
    -> dict(active, callers, cpus, shared, quarantined): quarantined is None
    when the line has no such part."""
    m = re.fullmatch(r"active=(\d+) \(held by callers (-?\d+), in CPU arrays (\d+), in the "
                     r"shared array (\d+)(?:, quarantined outside the arrays (\d+))?\)", rest)
    check(m, "objects line: %r" % rest)
    return dict(active=int(m.group(1)), callers=int(m.group(2)), cpus=int(m.group(3)),
                shared=int(m.group(4)), quarantined=None if m.group(5) is None else int(m.group(5)))


def parse_show(out):
    show = dict(cpus={}, slabs=[], node=None, shared=[])
    entries = None
    for line in out.splitlines():
        if line.startswith("  0x"):
            check(entries is not None, "addresses without a cpu or node line: %r" % line)
            entries.extend(int(a, 16) for a in line.split())
            continue
        head, _, rest = line.partition(": ")
        if line.startswith("cache "):
            show["flags"] = kv(rest)["flags"]
        elif head in ("geometry", "tunables", "stats"):
            show[head] = kv(rest)
        elif head == "objects":
            show["objects"] = parse_objects(rest)
        elif head == "reaper":
            show["reaper"], show["node_reap"] = split_reaper(rest)
        elif re.fullmatch(r"cpu\d", head):
            cpu = kv(rest)
            cpu["entries"] = entries = []
            show["cpus"][int(head[3:])] = cpu
        elif head == "node0 (kmem_list3, later kmem_cache_node)":
            show["node"] = kv(rest)
            entries = show["shared"]
        elif line.startswith("slab 0x"):
            addr, _, rest = line[5:].partition(" ")
            slab = kv(rest)
            slab["slab"] = int(addr, 16)
            show["slabs"].append(slab)
            entries = None
        else:
            check(False, "unexpected line in cache show: %r" % line)
    for cpu in show["cpus"].values():
        check(len(cpu["entries"]) == cpu["avail"], "cpu entries: %s" % cpu)
    check(len(show["shared"]) == show["node"]["shared_avail"], "shared entries")
    return show


def show(board, name, cpu=None):
    prefix = "cpu %d " % cpu if cpu is not None else ""
    return parse_show(board.run_ok("%scache show %s" % (prefix, name)))


def slabinfo(board):
    return dict(parse_slabinfo(board.run_ok("slabinfo")))


def alloc(board, name, count, cpu=0):
    out = board.run_ok("cpu %d cache alloc %s %d" % (cpu, name, count))
    lines = out.splitlines()
    check(lines[-1] == "allocated %d object%s" % (count, "" if count == 1 else "s"), out)
    addrs = [int(l, 16) for l in lines if l.startswith("0x")]
    check(len(addrs) == min(count, 16), out)
    check(("..." in lines) == (count > 16), out)
    return addrs


def create(board, line):
    out = board.run_ok("cache create " + line)
    lines = out.splitlines()
    check(len(lines) == 2 and lines[0] == "created cache " + line.split()[0], out)
    check(lines[1].startswith("geometry: "), out)
    return kv(lines[1][len("geometry: "):])


def destroy(board, name):
    board.run_ok("cache free %s all" % name)
    check(board.run_ok("cache destroy " + name) == "destroyed cache %s\n" % name, name)


# ---- models of Linux's behaviour ----------------------------------------

def model_geometry(board, size, align=0, flags=()):
    """slab_model.geometry() on @board for the shell's flag words:
    slab_break_gfp_order is 1 above 32 MiB, else 0."""
    names = dict(hwcache_align=slab_model.HWCACHE_ALIGN, reclaim=slab_model.RECLAIM_ACCOUNT,
                 red_zone=slab_model.RED_ZONE, poison=slab_model.POISON,
                 store_user=slab_model.STORE_USER, dma=slab_model.CACHE_DMA)
    f = sum(v for k, v in names.items() if k in flags)
    break_order = 1 if int(board.mem.rstrip("M")) > 32 else 0
    return slab_model.geometry(size, align, f, break_order=break_order)


def expected_geometry(board, size, align=0, flags=()):
    """Linux's layout on @board, as `cache create` and `cache show` print it."""
    return slab_model.printed_geometry(size, model_geometry(board, size, align, flags))


def model_allocs(n, num, batch):
    """One CPU allocates n objects from an empty cache: returns (avail,
    [inuse of each slab in growth order]), following cache_alloc_refill:
    an untouched array asks for BATCHREFILL_LIMIT, partial slabs go first,
    then free ones, and the cache grows only when a refill got nothing."""
    slabs, avail, touched = [], 0, False
    for _ in range(n):
        if avail == 0:
            want = batch if touched else min(batch, BATCHREFILL_LIMIT)
            while avail == 0:
                for i, inuse in enumerate(slabs):
                    take = min(want - avail, num - inuse)
                    slabs[i] += take
                    avail += take
                if avail == 0:
                    slabs.append(0)         # cache_grow
            touched = True
        avail -= 1
    return avail, slabs


def model_frees(n, limit, batch, shared_limit):
    """One CPU frees n objects into its array: (avail, shared_avail, misses),
    following __cache_free and cache_flusharray."""
    avail = shared = misses = 0
    for _ in range(n):
        if avail == limit:
            misses += 1
            moved = min(batch, shared_limit - shared)
            check(moved > 0, "the model's shared array is full")
            shared += moved
            avail -= moved
        avail += 1
    return avail, shared, misses


# ---- checks shared by the scenarios ---------------------------------------

def check_adds_up(board, name, s, num):
    """slab lines, node counters, arrays and slabinfo tell one story."""
    node = s["node"]
    lists = [sl["list"] for sl in s["slabs"]]
    check(lists == sorted(lists, key=["partial", "full", "free"].index), "list order %s" % lists)
    for lst in ("partial", "full", "free"):
        check(node[lst] == lists.count(lst), "node %s vs slab lines" % lst)
    inuse = sum(sl["inuse"] for sl in s["slabs"])
    check(node["free_objects"] == num * len(s["slabs"]) - inuse, "free_objects %s" % node)
    check(s["stats"]["active"] == inuse, "stats active %s vs inuse %d" % (s["stats"], inuse))
    check_objects_line(s)
    for sl in s["slabs"]:
        full, empty = sl["inuse"] == num, sl["inuse"] == 0
        check(sl["list"] == ("full" if full else "free" if empty else "partial"), str(sl))
        check((sl["free"] == "end") == full, str(sl))
    row = slabinfo(board)[name]
    check(row["active_objs"] == inuse and row["num_objs"] == num * len(s["slabs"]), str(row))
    check(row["num_slabs"] == len(s["slabs"]), str(row))
    check(row["sharedavail"] == node["shared_avail"], str(row))
    return inuse


def check_objects_line(s, quarantined=None):
    """The objects: line splits active into what the arrays of @s hold and
    the rest, held by callers (quarantined objects outside the arrays on
    their own, when the cache has any)."""
    o = s["objects"]
    cpus = sum(c["avail"] for c in s["cpus"].values())
    want = dict(active=s["stats"]["active"], cpus=cpus, shared=s["node"]["shared_avail"],
                quarantined=quarantined,
                callers=s["stats"]["active"] - cpus - s["node"]["shared_avail"] -
                (quarantined or 0))
    check(o == want, "objects: %s, want %s" % (o, want))


def in_arrays(s):
    return sum(c["avail"] for c in s["cpus"].values()) + s["node"]["shared_avail"]


MAP_ROW = 64
REAPER_OFF = "reaper: off ('reap auto on' restarts it)"
NODE_REAP = "; node0's shared array and free slabs: due "


def split_reaper(rest):
    """The reaper line after "reaper: " -> (the CPUs' part, the node's
    seconds to its next drain: 0.0 when due now)."""
    cpus, sep, due = rest.partition(NODE_REAP)
    check(sep, "no node part in the reaper line: %r" % rest)
    if due == "now":
        return cpus, 0.0
    m = re.fullmatch(r"in (\d+\.\d\d) s", due)
    check(m, "the node's time: %r" % due)
    return cpus, float(m.group(1))


def parse_map(out):
    """`cache map` -> dict(head, ruler, slabs=[dict(page, list, colour, mgmt, num, inuse,
    left, marks)], legend, reaper): every line must be one of its forms, each slab's
    object rows numbered 0, 64, 128, ... with 64 marks in all but the last."""
    lines = out.splitlines()
    m = dict(head=lines[0], ruler=lines[1], slabs=[], legend=lines[-3:-1])
    m["reaper"], m["node_reap"] = split_reaper(lines[-1][len("reaper: "):])
    check(lines[-3].startswith("legend: ") and lines[-2].startswith("        # allocated"), out)
    check(lines[-1].startswith("reaper: "), out)
    sl = None
    for line in lines[2:-3]:
        hm = re.fullmatch(r"0x([0-9a-f]{8}) (\w+) +\|(c*\|)?(M*\|)? (\d+) objects?, "
                          r"inuse=(\d+) \|(-*\|)?", line)
        rm = re.fullmatch(r" *(\d+)  ([#.sq0-9]+)", line)
        if hm:
            sl = dict(page=int(hm.group(1), 16), list=hm.group(2),
                      colour=len((hm.group(3) or "|")[:-1]), mgmt=len((hm.group(4) or "|")[:-1]),
                      num=int(hm.group(5)), inuse=int(hm.group(6)),
                      left=len((hm.group(7) or "|")[:-1]), marks="")
            m["slabs"].append(sl)
        elif rm and sl is not None:
            check(int(rm.group(1)) == len(sl["marks"]), "row index %r" % line)
            check(len(sl["marks"]) % MAP_ROW == 0, "short row before %r" % line)
            check(len(rm.group(2)) <= MAP_ROW, "long row %r" % line)
            sl["marks"] += rm.group(2)
        else:
            check(line == "(no slabs)", "unexpected line in cache map: %r" % line)
    for sl in m["slabs"]:
        check(len(sl["marks"]) == sl["num"], "marks of %s" % sl)
    return m


def expected_ruler(num):
    """Labels every ten objects, each over its column (rows start at column 8)."""
    ruler = "index   "
    for col in range(0, min(num, MAP_ROW), 10):
        ruler = ruler.ljust(8 + col) + str(col)
    return ruler


def expected_legend(ncpus, g):
    return ["legend: c colour (%d bytes each)  M management (32 bytes each)  - left over "
            "(32 bytes each; a slab leaves %d, colour included)" % (g["colour_off"],
                                                                   g["left_over"]),
            "        # allocated  . free in the slab  %s free, in that CPU's array  "
            "s free, in the shared array  q quarantined"
            % ("0-%d" % (ncpus - 1) if ncpus > 1 else "0")]


def check_map_matches_show(board, name, s):
    """`cache map NAME` against `cache show NAME` (@s): a slab per slab, on
    its list, and in it a mark per object at the object's place: the CPU's
    digit for each object in that CPU's array, 's' for the shared array,
    '#' for the rest of the slab's inuse (held by the shell), '.' for the
    objects free in the slab."""
    out = board.run_ok("cache map %s" % name)
    m = parse_map(out)
    g = s["geometry"]
    rows = {sl["page"]: sl for sl in m["slabs"]}
    check(sorted(rows) == sorted(sl["page"] for sl in s["slabs"]),
          "map rows vs slabs:\n%s" % out)
    check(m["ruler"] == expected_ruler(g["num"]), m["ruler"])
    check(m["legend"] == expected_legend(board.smp, g), "\n".join(m["legend"]))
    check("reaper: " + m["reaper"] == REAPER_OFF, m["reaper"])
    slab_bytes = 4096 << g["gfporder"]
    cached = [(str(cpu), a) for cpu, c in s["cpus"].items() for a in c["entries"]]
    cached += [("s", a) for a in s["shared"]]
    for sl in s["slabs"]:
        row = rows[sl["page"]]
        check(row["list"] == sl["list"] and row["inuse"] == sl["inuse"], "%s vs %s" % (row, sl))
        marks = row["marks"]
        here = [(mk, a) for mk, a in cached if sl["page"] <= a < sl["page"] + slab_bytes]
        for mk, a in here:
            i = (a - sl["s_mem"] - g["obj_offset"]) // g["objsize"]
            check(marks[i] == mk,
                  "0x%08x is in array %s but marked %s: %s" % (a, mk, marks[i], row))
        # where the '#' and '.' fall follows the free chain
        check(marks.count("#") == sl["inuse"] - len(here), "%s: allocated" % row)
        check(marks.count(".") == g["num"] - sl["inuse"], "%s: free" % row)
        check(len(here) + marks.count("#") + marks.count(".") == g["num"], "%s: other" % row)
    return out


# ---- the scenarios -----------------------------------------------------------

def quiet(board):
    """The automatic reaper off: nothing moves between two commands."""
    check(board.run_ok("reap auto off") == "automatic reaping is off\n", "reap auto off")


def test_figo_object_geometry_is_linuxs(board):
    quiet(board)
    out = board.run_ok("cache create figo_object 20 8")
    check(out == "created cache figo_object\ngeometry: size=20 objsize=24 align=8 num=145 "
          "gfporder=0 colour=0 colour_off=32 slab_size=608 off_slab=0 obj_offset=0 left_over=8\n",
          repr(out))
    check(kv(out.splitlines()[1][10:]) == expected_geometry(board, 20, 8), "model disagrees")
    row = slabinfo(board)["figo_object"]
    check((row["objsize"], row["objperslab"], row["pagesperslab"]) == (24, 145, 1), str(row))
    check((row["limit"], row["batchcount"], row["shared"]) == slab_model.tunables(24, board.smp),
          str(row))
    destroy(board, "figo_object")


def test_geometry_of_assorted_caches(board):
    quiet(board)
    cases = [
        ("odd", 13, 0, ()), ("seven", 7, 0, ("hwcache_align",)), ("one", 1, 0, ()),
        ("a64", 100, 64, ()), ("a16", 40, 16, ("hwcache_align",)), ("a32", 40, 32, ()),
        ("edge508", 508, 0, ()), ("edge509", 509, 0, ()), ("k1", 1000, 0, ()),
        ("k700", 700, 0, ()), ("page", 4096, 0, ()), ("r3000", 3000, 0, ("reclaim",)),
        ("d3000", 3000, 0, ()), ("big", 100000, 0, ("dma",)), ("huge", 4194304, 0, ()),
    ]
    for name, size, align, flags in cases:
        line = " ".join([name, str(size)] + ([str(align)] if align else []) + list(flags))
        got = create(board, line)
        want = expected_geometry(board, size, align, flags)
        check(got == want, "%s: %s, Linux %s" % (line, got, want))
        s = show(board, name)
        check(s["geometry"] == got, "show and create disagree for %s" % name)
        want_flags = ",".join(f for f in ("hwcache_align", "dma", "reclaim") if f in flags)
        check(s["flags"] == (want_flags or "none"), "%s flags %s" % (name, s["flags"]))
    for name, _, _, _ in cases:
        destroy(board, name)


def test_big_alignment_on_a_small_object(board):
    # Linux 2.6.24 keeps an 8-byte object's management on-slab whatever
    # its alignment and pads it to the alignment; from 8 KiB on, its
    # cache_estimate() wrapped to 4294967292 objects per slab and the
    # first allocation wrote past the slab to the end of DRAM.
    quiet(board)
    board.run_ok("cache shrink all")
    before = board.run_ok("buddyinfo")
    cases = [("a64k", 8, 65536, ()), ("a16k", 64, 16384, ()), ("a8kr", 8, 8192, ("reclaim",)),
             ("a4k", 1, 4096, ()), ("a2k", 8, 2048, ("hwcache_align",))]
    for name, size, align, flags in cases:
        line = " ".join([name, str(size), str(align)] + list(flags))
        got = create(board, line)
        check(got == expected_geometry(board, size, align, flags), "%s: %s" % (line, got))
        check(got["num"] == 1 and got["slab_size"] == align, "%s: %s" % (line, got))
        addrs = alloc(board, name, 3, cpu=board.smp - 1)
        s = show(board, name)
        slab_bytes = 4096 << got["gfporder"]
        for a in addrs:
            check(a % align == 0, "%s: 0x%08x not aligned to %d" % (name, a, align))
            sl = [x for x in s["slabs"] if x["page"] <= a < x["page"] + slab_bytes]
            check(len(sl) == 1 and a == sl[0]["s_mem"] == sl[0]["page"] + align, str(sl))
        check_adds_up(board, name, s, 1)
    # the neighbours are intact: their views and slabinfo still work
    check(show(board, "size-256")["geometry"]["num"] == 15, "size-256")
    for name, _, _, _ in cases:
        destroy(board, name)
    board.run_ok("cache shrink all")
    check(board.run_ok("buddyinfo") == before, "pages lost to the big-aligned caches")


def test_a_layout_no_slab_can_hold_is_refused(board):
    quiet(board)
    before = board.run_ok("slabinfo")
    err = board.run_error("cache create x 8 4M")
    check(err == "error: no slab of up to 4096 KiB holds one 8-byte object aligned to "
          "4194304 with its management (padded to the alignment too)", err)
    check(board.run_ok("slabinfo") == before, "a refused create changed slabinfo")
    # the same alignment on an object big enough for off-slab management works
    got = create(board, "x 4096 4M")
    check(got == expected_geometry(board, 4096, 4194304) and got["off_slab"] == 1, str(got))
    destroy(board, "x")


def test_an_idle_array_refills_by_16_then_by_batchcount(board):
    # an untouched array asks for BATCHREFILL_LIMIT (16) objects, a used
    # one for batchcount (60); the array is touched from then on
    quiet(board)
    create(board, "refill 20 8")
    total = 0
    for count, want in ((1, 15), (15, 0), (1, 59), (59, 0), (61, 8)):
        total += count
        cpu = board.smp - 1
        alloc(board, "refill", count, cpu=cpu)
        avail = show(board, "refill")["cpus"][cpu]["avail"]
        check(model_allocs(total, FIGO["num"], 60)[0] == want, "the model")
        check(avail == want, "cpu%d avail %d after %d objects, Linux %d"
              % (cpu, avail, total, want))
    destroy(board, "refill")


@needs(cpus=3)
def test_200_objects_on_cpu2_add_up(board):
    quiet(board)
    create(board, "figo_object 20 8")
    addrs = alloc(board, "figo_object", 200, cpu=2)
    s = show(board, "figo_object")
    avail, slabs = model_allocs(200, FIGO["num"], 60)       # 5, [145, 60]
    check(s["cpus"][2]["avail"] == avail, "cpu2 avail %d, Linux %d" % (s["cpus"][2]["avail"], avail))
    check(s["cpus"][2]["touched"] == 1, str(s["cpus"][2]))
    check(all(c["avail"] == 0 for n, c in s["cpus"].items() if n != 2), "other cpus: %s" % s["cpus"])
    check(sorted(sl["inuse"] for sl in s["slabs"]) == sorted(slabs), "slabs %s, Linux %s" %
          ([sl["inuse"] for sl in s["slabs"]], slabs))
    inuse = check_adds_up(board, "figo_object", s, FIGO["num"])
    check(inuse == 200 + avail, "in slabs %d = 200 handed out + %d in cpu2's array" % (inuse, avail))
    node = s["node"]
    check(node["free_limit"] == (1 + board.smp) * 60 + FIGO["num"], str(node))
    check(node["colour_next"] == 0 and s["stats"]["grown"] == len(slabs), str(s["stats"]))
    # every address handed out is an object: the right stride from its slab's s_mem
    for a in addrs + s["cpus"][2]["entries"]:
        sl = [x for x in s["slabs"] if x["page"] <= a < x["page"] + 4096]
        check(len(sl) == 1 and (a - sl[0]["s_mem"]) % 24 == 0, "0x%08x" % a)
        check(sl[0]["s_mem"] - sl[0]["page"] == sl[0]["colouroff"] == 608, str(sl[0]))


@needs(cpus=3)
def test_free_on_cpu1_fills_its_array_then_the_shared_one(board):
    before = show(board, "figo_object")
    out = board.run_ok("cpu 1 cache free figo_object all")
    check(out == "freed 200 objects\n", out)
    s = show(board, "figo_object")
    avail, shared, misses = model_frees(200, 120, 60, 8 * 60)     # 80, 120, 2
    check(s["cpus"][1]["avail"] == avail, "cpu1 avail %d, Linux %d" % (s["cpus"][1]["avail"], avail))
    check(s["node"]["shared_avail"] == shared, "shared %d, Linux %d" %
          (s["node"]["shared_avail"], shared))
    check(s["cpus"][2] == before["cpus"][2], "cpu2's array changed")
    check(s["stats"]["freemiss"] == misses and s["stats"]["freehit"] == 200 - misses,
          str(s["stats"]))
    # the flush moved the oldest objects (the bottom of cpu1's stack) to the
    # shared array: nothing went back to a slab
    check(s["slabs"] == before["slabs"], "slabs changed by frees into arrays")
    check_adds_up(board, "figo_object", s, FIGO["num"])
    check(in_arrays(s) == sum(sl["inuse"] for sl in s["slabs"]), "objects lost")
    check(s["objects"]["callers"] == 0 and s["objects"]["shared"] == shared, str(s["objects"]))
    check(not set(s["shared"]) & set(s["cpus"][1]["entries"]), "an object in two arrays")


@needs(cpus=3)
def test_shrink_then_destroy_give_back_every_page(board):
    out = board.run_ok("cache shrink figo_object")
    check(out == "shrink figo_object: freed 2 pages\n", out)
    s = show(board, "figo_object")
    check(s["slabs"] == [] and in_arrays(s) == 0, "after shrink: %s" % s)
    check(s["node"]["free_objects"] == 0, str(s["node"]))
    destroy(board, "figo_object")
    check("figo_object" not in slabinfo(board), "still in slabinfo")


def test_scenario_returns_buddyinfo_to_its_start(board):
    quiet(board)
    board.run_ok("cache shrink all")
    before = board.run_ok("buddyinfo")
    create(board, "round 20 8")
    cpu = [k % board.smp for k in range(4)]     # 0 1 2 3 on four CPUs
    alloc(board, "round", 300, cpu=cpu[2])
    alloc(board, "round", 50, cpu=cpu[3])
    board.run_ok("cpu %d cache free round all" % cpu[1])
    out = board.run_ok("cpu %d kmalloc 3000 4" % cpu[2])
    big = [l for l in out.splitlines() if l.startswith("0x")]
    s = show(board, "round")
    check(in_arrays(s) == sum(sl["inuse"] for sl in s["slabs"]), "the shell holds nothing")
    check_map_matches_show(board, "round", s)
    check(board.run_ok("buddyinfo") != before, "the scenario took no pages")
    check(board.run_ok("cpu %d kfree " % cpu[3] + " ".join(big)) == "freed 4 objects\n", "kfree")
    # every object of round is free: shrinking drains the arrays and frees
    # every slab; a page freed is a page out of Slab and into MemFree
    freed = shrink_and_check_meminfo(board, "round")
    check(freed == len(s["slabs"]) << s["geometry"]["gfporder"],
          "shrink round freed %d pages of %d slabs" % (freed, len(s["slabs"])))
    destroy(board, "round")
    shrink_and_check_meminfo(board, "all")
    check(board.run_ok("buddyinfo") == before, "buddyinfo differs after the scenario")


@needs(cpus=2)
def test_shrink_counts_the_slabs_draining_frees(board):
    # cpu1's array (120) and the shared array (480) hold more free objects
    # than free_limit (5 x 60 + 145 = 445): draining them destroys slabs
    # on the way, which shrink once left out ("freed 3 pages" for 5).
    quiet(board)
    create(board, "drainme 20 8")
    alloc(board, "drainme", 700)
    board.run_ok("cpu 1 cache free drainme all")
    s = show(board, "drainme")
    check(in_arrays(s) > s["node"]["free_limit"] and s["node"]["free"] == 0, str(s["node"]))
    check(shrink_and_check_meminfo(board, "drainme") == len(s["slabs"]), "every slab")
    destroy(board, "drainme")


def shrink_and_check_meminfo(board, name):
    """`cache shrink NAME`: the pages it says it freed must be exactly the
    drop in meminfo's Slab and the rise in MemFree.  Returns the count."""
    info = meminfo_kb(board)
    out = board.run_ok("cache shrink " + name)
    m = re.fullmatch(r"shrink %s: freed (\d+) pages?\n" % re.escape(name), out)
    check(m, out)
    freed = int(m.group(1))
    after = meminfo_kb(board)
    check(freed * 4 == info["Slab"] - after["Slab"] == after["MemFree"] - info["MemFree"],
          "shrink %s freed %d pages; Slab %d -> %d kB, MemFree %d -> %d kB"
          % (name, freed, info["Slab"], after["Slab"], info["MemFree"], after["MemFree"]))
    return freed


def test_colouroff_rotates_through_every_colour(board):
    quiet(board)
    g = create(board, "rainbow 200 hwcache_align")
    check(g == expected_geometry(board, 200, 0, ("hwcache_align",)) and g["colour"] == 6, str(g))
    seen = []
    while len(seen) < 8:
        alloc(board, "rainbow", 10)
        for sl in show(board, "rainbow")["slabs"]:
            if sl["slab"] not in [x["slab"] for x in seen]:
                seen.append(sl)
    offs = [sl["colouroff"] for sl in seen[:8]]
    want = [g["slab_size"] + (i % g["colour"]) * g["colour_off"] for i in range(8)]
    check(offs == want, "colouroffs %s, Linux %s" % (offs, want))
    check(show(board, "rainbow")["node"]["colour_next"] == len(seen) % 6, "colour_next")
    # the map draws each slab's colour as that many 'c' marks
    for row in parse_map(board.run_ok("cache map rainbow"))["slabs"]:
        sl = [x for x in seen if x["page"] == row["page"]]
        if sl:
            check(row["colour"] == (sl[0]["colouroff"] - g["slab_size"]) // 32, str(row))
            # what is not colour, after the objects: a '-' per 32 bytes or part
            left = g["left_over"] - (sl[0]["colouroff"] - g["slab_size"])
            check(row["left"] == (left + 31) // 32, "left over %d: %s" % (left, row))
    destroy(board, "rainbow")


def test_off_slab_cache_names_its_slabp_cache(board):
    quiet(board)
    for name, size, mgmt in (("pages4k", 4096, "size-32"), ("half", 512, "size-64")):
        g = create(board, "%s %d" % (name, size))
        check(g["off_slab"] == 1 and g["slabp_cache"] == mgmt, str(g))
        alloc(board, name, 3)
        s = show(board, name)
        for sl in s["slabs"]:
            check(not sl["page"] <= sl["slab"] < sl["page"] + (4096 << g["gfporder"]),
                  "off-slab struct slab inside its slab: %s" % sl)
            check(sl["s_mem"] == sl["page"] + sl["colouroff"], str(sl))
            check(sl["colouroff"] % g["colour_off"] == 0, str(sl))
        head = board.run_ok("cache map %s" % name).splitlines()[0]
        check("management off-slab in %s (%d bytes)" % (mgmt, g["slab_size"]) in head, head)
        destroy(board, name)


def test_map_marks_match_show(board):
    """cpu0 allocates 20 objects of a fresh figo_object-like cache; the last
    CPU frees the first 5 it got.  Linux's rules place every object:
    cache_alloc_refill takes objects from the head of the free chain (a new
    slab's chain is 0, 1, 2, ...) and the array hands out its top entry
    first.  The first refill of an untouched array takes 16: objects 0..15,
    handed out 15, 14, ..., 0; the next takes a batch of 60: 16..75, of
    which 75..72 are handed out.  So the shell holds 0..15 and 72..75,
    cpu0's array holds 16..71, and the 5 freed (15..11) wait in the last
    CPU's array."""
    quiet(board)
    g = create(board, "marks 20 8")
    model = model_geometry(board, 20, 8)
    check(g["left_over"] == model["left_over"] == 8, str(g))
    addrs = alloc(board, "marks", 20)
    last = board.smp - 1
    board.run_ok("cpu %d cache free marks %s" % (last, " ".join("0x%08x" % a for a in addrs[:5])))
    s = show(board, "marks")
    check(s["objects"] == dict(active=76, callers=15, cpus=61, shared=0, quarantined=None),
          str(s["objects"]))
    out = check_map_matches_show(board, "marks", s)
    page = s["slabs"][0]["page"]
    marks = "#" * 11 + str(last) * 5 + "0" * 56 + "#" * 4 + "." * 69
    rows = ["%6d  %s" % (i, marks[i:i + MAP_ROW]) for i in range(0, 145, MAP_ROW)]
    want = ["marks: 145 objects of 24 bytes in 1 page per slab; management on-slab (608 bytes); "
            "0 colours of 32 bytes; 8 bytes left over",
            expected_ruler(145),
            "0x%08x partial |%s| 145 objects, inuse=76 |-|" % (page, "M" * 19)] + rows + \
        expected_legend(board.smp, model)
    got = out.splitlines()
    check(got[:-1] == want and got[-1].startswith(REAPER_OFF + NODE_REAP),
          "got:\n%s\nwant:\n%s" % (out, "\n".join(want)))
    destroy(board, "marks")


def expected_chain(page, lst, inuse, chain, end="END"):
    """`cache chain`'s lines for a slab: its header and the links, wrapped
    before 96 columns onto lines led by "  -> "."""
    line = "slab 0x%08x (%s, inuse=%d):" % (page, lst, inuse)
    lines = []
    for k, link in enumerate([str(i) for i in chain] + [end]):
        text = (" " if k == 0 else " -> ") + link
        if k and len(line) + len(text) > 96:
            lines.append(line)
            line = " "
        line += text
    return lines + [line]


def test_chain_follows_free_block(board):
    """cpu0 allocates 20 objects of a fresh cache (test_map_marks_match_show:
    the shell holds 0..15 and 72..75, cpu0's array 16..71 in order, the
    chain is 76 -> ... -> 144), then frees 5 (15..11) into its array.
    Shrinking drains the array with free_block(), entry[0] first, and
    slab_put_obj() pushes each object on the chain's head: so the chain
    becomes 11, 12, ..., 15, 71, 70, ..., 16, 76, ..., 144."""
    quiet(board)
    create(board, "links 20 8")
    addrs = alloc(board, "links", 20)
    page = show(board, "links")["slabs"][0]["page"]
    want = expected_chain(page, "partial", 76, range(76, 145))
    check(board.run_ok("cache chain links").splitlines() == want,
          board.run_ok("cache chain links"))
    board.run_ok("cache free links " + " ".join("0x%08x" % a for a in addrs[:5]))
    board.run_ok("cache shrink links")
    chain = list(range(11, 16)) + list(range(71, 15, -1)) + list(range(76, 145))
    want = expected_chain(page, "partial", 15, chain)
    out = board.run_ok("cache chain links")
    check(out.splitlines() == want, "got:\n%s\nwant:\n%s" % (out, "\n".join(want)))
    check(board.run_ok("cache chain links 0x%08x" % page) == out, "SLAB by its page")
    # the map's chain marks: each free object's place on the chain, mod 10
    marks = parse_map(board.run_ok("cache map links chain"))["slabs"][0]["marks"]
    for pos, i in enumerate(chain):
        check(marks[i] == str(pos % 10), "object %d at %d: %s" % (i, pos, marks))
    check(marks.count("#") == 15, marks)
    # a full slab's chain is empty; a second slab is listed on its own
    more = alloc(board, "links", 145 - 15 + 1)
    s = show(board, "links")
    check([sl["list"] for sl in s["slabs"]] == ["partial", "full"], str(s["slabs"]))
    full = s["slabs"][1]["page"]
    check(board.run_ok("cache chain links 0x%08x" % full) ==
          "slab 0x%08x (full, inuse=145): END\n" % full, "full slab")
    out = board.run_ok("cache chain links").splitlines()
    check(out[-1] == "slab 0x%08x (full, inuse=145): END" % full, "\n".join(out))
    check(sum(l.startswith("slab ") for l in out) == 2, "\n".join(out))
    del more
    destroy(board, "links")


def test_chain_refuses_what_is_not_a_slab(board):
    quiet(board)
    create(board, "links2 20 8")
    alloc(board, "links2", 1)
    page = show(board, "links2")["slabs"][0]["page"]
    before = board.run_ok("cache chain links2")
    for line, err in (
            ("cache chain links2 0x%08x" % (page + 4096),
             "error: 0x%08x is not a slab of cache links2 (give its first page, as cache "
             "show's page= and cache map print it)" % (page + 4096)),
            ("cache chain links2 0x%08x" % (page + 8),
             "error: 0x%08x is not a slab of cache links2 (give its first page, as cache "
             "show's page= and cache map print it)" % (page + 8)),
            ("cache chain links2 %d %d" % (page, page), "error: cache chain: expected NAME [SLAB]"),
            ("cache map links2 chains", "error: cache map: expected NAME [chain]"),
            ("cache chain nope", "error: no cache named 'nope'")):
        out = board.run_error(line)
        check(out.splitlines()[0] == err, "%s: %r" % (line, out))
    check(board.run_ok("cache chain links2") == before, "state changed")
    destroy(board, "links2")


def test_help_cache_names_every_field_of_cache_show(board):
    """Each key= of cache show's output, and each line's head, is a word of
    `help cache` (an off-slab cache with a shared array shows them all)."""
    quiet(board)
    create(board, "fields 4096")
    alloc(board, "fields", 1)
    out = board.run_ok("cache show fields")
    destroy(board, "fields")
    keys = set(re.findall(r"(\w+)=", out)) | {"cpuN", "node0", "slab", "objects"}
    keys |= {w for w in ("held by callers", "in CPU arrays", "in the shared array")}
    check("slabp_cache" in keys and "left_over" in keys and "free_touched" in keys, out)
    text = board.run_ok("help cache")
    missing = sorted(k for k in keys if not re.search(r"(?<![\w])%s(?![\w])" % re.escape(k), text))
    check(not missing, "help cache does not explain: %s" % missing)


def test_kmalloc_classes_ksize_and_a_remote_free(board):
    quiet(board)
    for size, cls in ((1, 32), (32, 32), (33, 64), (72, 96), (96, 96), (97, 128),
                      (192, 192), (193, 256), (4096, 4096), (4097, 8192)):
        out = board.run_ok("cpu %d kmalloc %d" % (1 % board.smp, size))
        addr = int(out.splitlines()[0], 16)
        check(out.endswith("allocated 1 object from size-%d\n" % cls), out)
        check(board.run_ok("ksize 0x%08x" % addr) == "0x%08x: %d bytes (size-%d)\n" %
              (addr, cls, cls), "ksize")
        # freed on the last cpu: it lands in that CPU's array of that cache
        last = board.smp - 1
        check(board.run_ok("cpu %d kfree 0x%08x" % (last, addr)) == "freed 1 object\n", "kfree")
        check(addr in show(board, "size-%d" % cls)["cpus"][last]["entries"],
              "not in cpu%d's array" % last)
    check(board.run_ok("kmalloc 0") == "kmalloc(0) returns ZERO_SIZE_PTR (0x00000010): "
          "no object, nothing to free\n", "kmalloc 0")
    check(board.run_ok("kmalloc 0 5") == "kmalloc(0) returns ZERO_SIZE_PTR (0x00000010): "
          "no object, nothing to free (5 calls)\n", "kmalloc 0 5: the count was ignored")
    out = board.run_ok("kmalloc 72 20")
    check(out.endswith("...\nallocated 20 objects from size-96\n"), out)
    addrs = [int(l, 16) for l in out.splitlines() if l.startswith("0x")]
    check(board.run_ok("kfree " + " ".join("0x%08x" % a for a in addrs)) ==
          "freed 16 objects\n", "kfree 16")
    # the 4 not shown are still recorded: free them through their cache
    check(board.run_ok("cache free size-96 all") == "freed 4 objects\n", "the rest")


# ---- the objects the shell holds -------------------------------------------

OBJECTS_HEADER = "object      cpu           age  slab        index"
OBJECT_ROW = re.compile(r"0x([0-9a-f]{8})  ([ \d]{2}\d)  ([ \d]{3}\d)\.(\d{6})s  0x([0-9a-f]{8})  "
                        r"([ \d]{4}\d)(?:  ([ \d]{6}\d)  (\S+))?")


def held_objects(board, line, sizes=False):
    """`cache objects NAME` or `kmalloc list`: its rows, oldest first, as
    dicts (addr, cpu, age in us, slab, index, and with @sizes size and
    cache), and its last line."""
    lines = board.run_ok(line).splitlines()
    if len(lines) == 1:
        return [], lines[0]
    check(lines[0] == OBJECTS_HEADER + ("     size  cache" if sizes else ""), lines[0])
    rows = []
    for text in lines[1:-1]:
        m = OBJECT_ROW.fullmatch(text)
        check(m and (m.group(7) is not None) == sizes, "%s: row %r" % (line, text))
        row = dict(addr=int(m.group(1), 16), cpu=int(m.group(2)),
                   age=int(m.group(3)) * 1000000 + int(m.group(4)),
                   slab=int(m.group(5), 16), index=int(m.group(6)))
        if sizes:
            row.update(size=int(m.group(7)), cache=m.group(8))
        rows.append(row)
    # ages from one clock reading: the older the object, the older it looks
    ages = [r["age"] for r in rows]
    check(ages == sorted(ages, reverse=True), "%s: ages not oldest first: %s" % (line, ages))
    return rows, lines[-1]


def check_places(board, name, rows):
    """Each row's slab and index name the object's place, as cache show has it."""
    s = show(board, name)
    for r in rows:
        slab = slab_of(s, r["addr"])
        check(r["slab"] == slab["page"], "0x%08x: slab 0x%08x, page=0x%08x" %
              (r["addr"], r["slab"], slab["page"]))
        check(r["addr"] == slab["s_mem"] + r["index"] * s["geometry"]["objsize"] +
              s["geometry"]["obj_offset"], "0x%08x: index %d" % (r["addr"], r["index"]))


@needs(cpus=3)
def test_cache_objects_lists_every_object_held(board):
    quiet(board)
    create(board, "held 100")
    create(board, "held_other 100")
    check(board.run_ok("cache objects held") == "the shell holds no objects from held\n",
          "none held")
    addrs = alloc(board, "held", 3, cpu=1)
    addrs += alloc(board, "held", 5, cpu=2)
    alloc(board, "held_other", 2, cpu=2)
    addrs += alloc(board, "held", 2, cpu=0)
    rows, last = held_objects(board, "cache objects held")
    check([r["addr"] for r in rows] == addrs, "allocation order: %s" % rows)
    check([r["cpu"] for r in rows] == [1] * 3 + [2] * 5 + [0] * 2, "cpus: %s" % rows)
    check(last == "10 objects held from held", last)
    check_places(board, "held", rows)
    # the same from another CPU: the record is the shell's, not a CPU's
    rows2, last2 = held_objects(board, "cpu 2 cache objects held")
    check([r["addr"] for r in rows2] == addrs and last2 == last, "cpu 2: %s" % rows2)
    # freeing takes objects off the list; the rest keep their order
    board.run_ok("cache free held 0x%08x 0x%08x" % (addrs[0], addrs[4]))
    rows, last = held_objects(board, "cache objects held")
    rest = addrs[1:4] + addrs[5:]
    check([r["addr"] for r in rows] == rest, "after the free: %s" % rows)
    check(last == "8 objects held from held", last)
    board.run_ok("cache free held " + " ".join("0x%08x" % a for a in rest[:-1]))
    rows, last = held_objects(board, "cache objects held")
    check([(r["addr"], r["cpu"]) for r in rows] == [(rest[-1], 0)], "one left: %s" % rows)
    check(last == "1 object held from held", last)
    check(board.run_error("cache objects nosuch") == "error: no cache named 'nosuch'", "nosuch")
    destroy(board, "held")
    destroy(board, "held_other")
    # red zones: the caller's address is obj_offset into its buffer, the index the buffer's
    create(board, "held_rz 100 8 red_zone")
    addrs = alloc(board, "held_rz", 3, cpu=1)
    rows, last = held_objects(board, "cache objects held_rz")
    check([(r["addr"], r["cpu"]) for r in rows] == [(a, 1) for a in addrs], "red zone: %s" % rows)
    check(last == "3 objects held from held_rz", last)
    check_places(board, "held_rz", rows)
    destroy(board, "held_rz")


def free_kmalloc_objects(board):
    """kfree whatever kmalloc list shows: the tests before may hold some."""
    rows, _ = held_objects(board, "kmalloc list", sizes=True)
    for i in range(0, len(rows), 16):
        board.run_ok("kfree " + " ".join("0x%08x" % r["addr"] for r in rows[i:i + 16]))


@needs(cpus=2)
def test_kmalloc_list_names_the_size_asked_and_its_class(board):
    quiet(board)
    free_kmalloc_objects(board)
    check(board.run_ok("kmalloc list") == "the shell holds no objects from kmalloc\n", "none")
    out = board.run_ok("cpu 1 kmalloc 72 3")
    small = [int(l, 16) for l in out.splitlines() if l.startswith("0x")]
    check(len(small) == 3 and out.endswith("from size-96\n"), out)
    big = int(board.run_ok("kmalloc 3000").splitlines()[0], 16)
    plain = alloc(board, "size-96", 1)          # cache alloc: not kmalloc's
    rows, last = held_objects(board, "kmalloc list", sizes=True)
    check([(r["addr"], r["cpu"], r["size"], r["cache"]) for r in rows] ==
          [(a, 1, 72, "size-96") for a in small] + [(big, 0, 3000, "size-4096")],
          "kmalloc list: %s" % rows)
    check(last == "4 objects held from kmalloc", last)
    check_places(board, "size-96", rows[:3])
    check_places(board, "size-4096", rows[3:])
    # cache objects of the class holds both kinds, in allocation order
    rows96, last96 = held_objects(board, "cache objects size-96")
    check([r["addr"] for r in rows96] == small + plain, "size-96: %s" % rows96)
    check(last96 == "4 objects held from size-96", last96)
    board.run_ok("kfree 0x%08x 0x%08x" % (small[1], big))
    rows, last = held_objects(board, "kmalloc list", sizes=True)
    check([r["addr"] for r in rows] == [small[0], small[2]], "after kfree: %s" % rows)
    check(last == "2 objects held from kmalloc", last)
    board.run_ok("kfree 0x%08x 0x%08x 0x%08x" % (small[0], small[2], plain[0]))
    check(board.run_ok("kmalloc list") == "the shell holds no objects from kmalloc\n", "freed")
    check(board.run("kmalloc list 3") == "error: kmalloc list: expected no more arguments\n"
          "usage: kmalloc SIZE [COUNT] | list\n", "kmalloc list 3")


def test_reap_follows_cache_reap(board):
    # 8-byte objects, 339 to a slab: the 76 objects below come from one
    # slab, which no drain of the array can empty, and fit cpu0's array
    # (limit 120) without a flush to the shared array.  After the shrink
    # every other array is empty and no cache has a free slab, so each
    # pass's numbers are reapme's cpu0 array alone, whether or not the
    # node part (shared array, free slabs) is due: it finds nothing.
    quiet(board)
    g = create(board, "reapme 8")
    check(g["num"] == 339, str(g))
    board.run_ok("cache shrink all")
    alloc(board, "reapme", 76)              # refills of 16 and 60: the array ends empty
    board.run_ok("cache free reapme all")
    s = show(board, "reapme")
    avail = s["cpus"][0]["avail"]
    check(avail == 76 and s["cpus"][0]["touched"] == 1 and len(s["slabs"]) == 1, str(s))

    def reap_lines(cpu0_objects):
        """Each CPU's total, and under it each cache that released something."""
        return "".join("cpu%d: %d object%s back to their slabs, 0 slabs (0 pages) to the "
                       "buddy allocator\n" % (cpu, n, "" if n == 1 else "s") +
                       ("  reapme: %d object%s, 0 slabs (0 pages)\n" % (n, "" if n == 1 else "s")
                        if n else "")
                       for cpu, n in enumerate([cpu0_objects] + [0] * (board.smp - 1)))

    # the array was used since the last pass: the pass only clears touched
    out = board.run_ok("reap")
    check(out == reap_lines(0) + "automatic reaping is off\n", out)
    s = show(board, "reapme")
    check(s["cpus"][0]["avail"] == avail and s["cpus"][0]["touched"] == 0, str(s["cpus"][0]))
    # unused since: a fifth of the limit goes back to the slab
    drain = (120 + 4) // 5
    check(board.run_ok("reap") == reap_lines(drain) + "automatic reaping is off\n", "second")
    check(show(board, "reapme")["cpus"][0]["avail"] == avail - drain, "a fifth of the limit")
    # frozen while auto is off
    time.sleep(5)
    check(show(board, "reapme")["cpus"][0]["avail"] == avail - drain, "moved with auto off")
    check(board.run_ok("reap auto on") == "automatic reaping is on\n", "on")
    deadline = time.monotonic() + 20
    while show(board, "reapme")["cpus"][0]["avail"] == avail - drain:
        check(time.monotonic() < deadline, "the automatic reaper did not run")
        time.sleep(1)
    board.run_ok("reap auto off")
    destroy(board, "reapme")


def test_reap_names_each_cache_it_released_from(board):
    """Two caches drained by one pass, each on its own line under the CPU's
    total (a fifth of each limit, as drain_array takes), and a cache whose
    free slabs go back to the buddy allocator with its slabs and pages."""
    quiet(board)
    for name, size in (("reapa", 8), ("reapb", 300)):
        create(board, "%s %d" % (name, size))
    board.run_ok("cache shrink all")
    for name, n in (("reapa", 76), ("reapb", 60)):
        alloc(board, name, n)
        board.run_ok("cache free %s all" % name)
    board.run_ok("reap")                    # touched: cleared only
    la = slab_model.tunables(8, board.smp)[0]
    lb = slab_model.tunables(slab_model.geometry(300)["buffer_size"], board.smp)[0]
    da, db = (la + 4) // 5, (lb + 4) // 5
    out = board.run_ok("reap").splitlines()
    want = ["cpu0: %d objects back to their slabs, 0 slabs (0 pages) to the buddy allocator"
            % (da + db), "  reapb: %d objects, 0 slabs (0 pages)" % db,
            "  reapa: %d objects, 0 slabs (0 pages)" % da]
    check(out[:3] == want, "got:\n%s\nwant:\n%s" % ("\n".join(out), "\n".join(want)))
    for cpu in range(1, board.smp):
        check(out[2 + cpu] == "cpu%d: 0 objects back to their slabs, 0 slabs (0 pages) to the "
              "buddy allocator" % cpu, "\n".join(out))
    check(out[-1] == "automatic reaping is off" and len(out) == board.smp + 3, "\n".join(out))
    destroy(board, "reapa")
    destroy(board, "reapb")


def test_show_and_map_say_when_the_reaper_runs(board):
    """Off: one line saying so.  On: each online CPU's next pass, due within
    REAPTIMEOUT_CPUC (2 s: the timer is re-armed for 2 s after each pass,
    and first armed for 1 s + cpu/4 s), or due/running now."""
    quiet(board)
    create(board, "when 64")
    check(show(board, "when")["reaper"] == REAPER_OFF[len("reaper: "):], "off in show")
    check(parse_map(board.run_ok("cache map when"))["reaper"] == REAPER_OFF[len("reaper: "):],
          "off in map")
    board.run_ok("reap auto on")
    for line in (show(board, "when")["reaper"],
                 parse_map(board.run_ok("cache map when"))["reaper"]):
        m = re.fullmatch(r"on, next passes in (.*)", line)
        check(m, line)
        parts = m.group(1).split(", ")
        check([p.split()[0] for p in parts] == ["cpu%d" % c for c in range(board.smp)], line)
        for p in parts:
            t = p.split(" ", 1)[1]
            check(t in ("due", "running") or
                  (re.fullmatch(r"\d+\.\d\d s", t) and float(t[:-2]) <= 2.0), line)
    board.run_ok("reap auto off")
    destroy(board, "when")


def reap_setting(board):
    """The automatic reaper's setting, from the last line of `reap`."""
    last = board.run_ok("reap").splitlines()[-1]
    m = re.fullmatch(r"automatic reaping is (on|off)", last)
    check(m, "reap's last line: %r" % last)
    return m.group(1)


def test_reap_auto_refuses_a_bad_word_and_keeps_the_setting(board):
    # slabinfo cannot see the setting: ask reap itself after each refusal.
    # The words are chosen so that deciding on any one letter before the
    # check would flip the setting ("maybe" and "of" read as off, "onx"
    # and "nn" as on).
    bad = {"on": ["maybe", "of", "offf", "OFF", "0"],
           "off": ["onx", "nn", "On", "1"]}
    for setting, words in bad.items():
        check(board.run_ok("reap auto " + setting) == "automatic reaping is %s\n" % setting,
              "reap auto " + setting)
        for word in words:
            line = "reap auto " + word
            check(board.run_error(line) == "error: reap auto: expected on or off", line)
            check(reap_setting(board) == setting, "%r changed the setting from %s"
                  % (line, setting))
    check(board.run_error("reap auto") == "error: reap auto: expected on or off", "no word")
    check(reap_setting(board) == "off", "'reap auto' changed the setting")


def test_slabtop_totals_match_slabinfo(board):
    quiet(board)
    create(board, "topme 20 8")
    alloc(board, "topme", 500)
    rows = slabinfo(board)
    out = board.run_ok("slabtop")
    lines = out.splitlines()
    objs = sum(r["num_objs"] for r in rows.values())
    active = sum(r["active_objs"] for r in rows.values())
    slabs = sum(r["num_slabs"] for r in rows.values())
    aslabs = sum(r["active_slabs"] for r in rows.values())
    live = sum(1 for r in rows.values() if r["num_objs"])
    total = sum(r["num_objs"] * r["objsize"] for r in rows.values())
    used = sum(r["active_objs"] * r["objsize"] for r in rows.values())
    check(lines[0] == " %-35s: %d / %d (%.1f%%)" % ("Active / Total Objects (% used)", active,
                                                    objs, 100.0 * active / objs), lines[0])
    check(lines[1] == " %-35s: %d / %d (%.1f%%)" % ("Active / Total Slabs (% used)", aslabs,
                                                    slabs, 100.0 * aslabs / slabs), lines[1])
    check(lines[2] == " %-35s: %d / %d (%.1f%%)" % ("Active / Total Caches (% used)", live,
                                                    len(rows), 100.0 * live / len(rows)), lines[2])
    check(lines[3] == " %-35s: %.2fK / %.2fK (%.1f%%)" % ("Active / Total Size (% used)",
                                                          used / 1024.0, total / 1024.0,
                                                          100.0 * used / total), lines[3])
    sizes = [r["objsize"] for r in rows.values()]
    check(lines[4] == " %-35s: %.2fK / %.2fK / %.2fK" % (
        "Minimum / Average / Maximum Object", min(sizes) / 1024.0,
        (total // objs) / 1024.0, max(sizes) / 1024.0), lines[4])
    check(lines[5] == "" and lines[6] == "%-78s" %
          "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME", lines[6])
    body = lines[7:]
    check(len(body) == len(rows), "%d rows for %d caches" % (len(body), len(rows)))
    want = sorted(rows.items(), key=lambda kv_: (-kv_[1]["num_slabs"] * kv_[1]["pagesperslab"],
                                                 kv_[0]))
    for line, (name, r) in zip(body, want):
        use = 100 * r["active_objs"] // r["num_objs"] if r["num_objs"] else 0
        check(line == "%6u %6u %3u%% %7.2fK %6u %8u %9uK %-23s" % (
            r["num_objs"], r["active_objs"], use, r["objsize"] / 1024.0, r["num_slabs"],
            r["objperslab"], r["num_slabs"] * r["pagesperslab"] * 4, name), line)
    destroy(board, "topme")


def test_slabtop_refreshes_until_a_key(board):
    board.send("slabtop -d 1\r")
    board.expect(r"^slabtop -d 1\n")
    board.expect(r"Active / Total Objects", 10)
    board.expect(r"\x1b\[H\x1b\[J", 10)         # the second screen
    board.send("q")
    board.expect(r"\n" + re.escape("slab> "), 10)
    check(board.run_ok("version").startswith("slablab "), "the key was not consumed")


def test_slabtop_leaves_a_typed_line_whole(board):
    # Any key but q ends the refresh and stays typed: "version" typed while
    # slabtop -d redraws runs as "version", not as "ersion".
    board.send("slabtop -d 1\r")
    board.expect(r"^slabtop -d 1\n")
    board.expect(r"Active / Total Objects", 10)
    board.send("version\r")
    board.expect(r"\n" + re.escape("slab> "), 10)       # slabtop ended
    m = board.expect(r"\A(.*?)^" + re.escape("slab> "), 20, re.M | re.S)
    check(m.group(1).startswith("version\nslablab "), repr(m.group(1)))


def test_errors_change_nothing(board):
    quiet(board)
    create(board, "err 20 8")
    mine = alloc(board, "err", 3)
    other = int(board.run_ok("kmalloc 72").splitlines()[0], 16)
    before = board.run_ok("slabinfo")
    long_name = "n" * 32
    cases = [
        ("cache create x 0", "error: bad size '0': must be at least 1"),
        ("cache create x 5M", "error: bad size '5M': number too large"),
        ("cache create x 12 3", "error: bad align '3': not a power of two"),
        ("cache create x 12 8 foo",
         "error: unknown flag 'foo' (known: hwcache_align dma reclaim red_zone poison "
         "store_user sanity_checks ctor)"),
        ("cache create %s 8" % long_name,
         "error: cache name '%s' is too long (at most 31 characters)" % long_name),
        ("cache create 'a b' 8", "error: cache name 'a b' contains a blank"),
        ("cache create '' 8", "error: a cache name cannot be empty"),
        ("cache create all 8",
         "error: 'all' cannot name a cache: 'cache shrink all' and 'cache free NAME all' use it"),
        ("cache create kmem_cache 8", "error: a cache named 'kmem_cache' already exists"),
        ("cache create err 8", "error: a cache named 'err' already exists"),
        ("cache create x", "error: cache create: expected NAME SIZE [ALIGN] [FLAG ...]"),
        ("cache destroy size-32", "error: 'size-32' is a general cache; it cannot be destroyed"),
        ("cache destroy kmem_cache",
         "error: 'kmem_cache' is a general cache; it cannot be destroyed"),
        ("cache destroy nope", "error: no cache named 'nope'"),
        ("cache destroy err extra", "error: cache destroy: expected NAME"),
        ("cache alloc nope", "error: no cache named 'nope'"),
        ("cache alloc err 0", "error: bad count '0': must be at least 1"),
        ("cache alloc err 20000", "error: bad count '20000': number too large"),
        ("cache alloc err 3 4", "error: cache alloc: expected NAME [COUNT] [zero]"),
        ("cache free err 0x1234", "error: 0x00001234 is not an object the shell allocated"),
        ("cache free err 0x%08x" % other,
         "error: 0x%08x was allocated from 'size-96', not 'err'" % other),
        ("cache free err 0x%08x 0x%08x" % (mine[0], mine[0]),
         "error: 0x%08x is listed twice" % mine[0]),
        ("cache free err 0x%08x 0x1234" % mine[0],
         "error: 0x00001234 is not an object the shell allocated"),
        ("cache free err zz", "error: bad address 'zz': not a number"),
        ("cache free err", "error: cache free: expected NAME ADDR [ADDR ...] or NAME all"),
        ("cache show", "error: cache show: missing NAME"),
        ("cache show err extra", "error: cache show: expected NAME"),
        ("cache map nope", "error: no cache named 'nope'"),
        ("cache shrink nope", "error: no cache named 'nope'"),
        ("cache frob", "error: cache: unknown subcommand 'frob'"),
        ("kmalloc 5000000", "error: no general cache holds 5000000 bytes "
                            "(the largest is size-4194304)"),
        ("kmalloc x", "error: bad size 'x': not a number"),
        ("kmalloc 8 0", "error: bad count '0': must be at least 1"),
        ("kmalloc 0 0", "error: bad count '0': must be at least 1"),
        ("kmalloc 0 x", "error: bad count 'x': not a number"),
        ("kmalloc 0 20000", "error: bad count '20000': number too large"),
        ("kfree 0x1234", "error: 0x00001234 is not an object the shell allocated"),
        ("kfree 0x%08x 0x%08x" % (other, other), "error: 0x%08x is listed twice" % other),
        ("ksize 0x1234", "error: 0x00001234 is not an object the shell allocated"),
        ("reap auto maybe", "error: reap auto: expected on or off"),
        ("reap x", "error: reap: unknown argument 'x'"),
        ("slabtop -x", "error: slabtop: expected [-d SECONDS]"),
        ("slabtop -d 0", "error: bad delay '0': must be at least 1"),
    ]
    for line, error in cases:
        got = board.run_error(line)
        check(got == error, "%s -> %s (want %s)" % (line, got, error))
        check(board.run_ok("slabinfo") == before, "%r changed slabinfo" % line)
    # a refused destroy shrinks the cache, as Linux's does, and keeps it
    out = board.run("cache destroy err")
    check(kernel_lines(out) == ["slab error in kmem_cache_destroy(): cache 'err': Can't free "
                                "all objects"] and
          unstamp(out) == "slab error in kmem_cache_destroy(): cache 'err': Can't free all "
          "objects\nerror: cache 'err' not destroyed: 3 objects still allocated\n", out)
    names = [n for n, _ in parse_slabinfo(board.run_ok("slabinfo"))]
    check(names == [n for n, _ in parse_slabinfo(before)], "slabinfo order changed")
    check(board.run_ok("cache free err " + " ".join("0x%08x" % a for a in mine)) ==
          "freed 3 objects\n", "the objects survived the refusal")
    board.run_ok("kfree 0x%08x" % other)
    destroy(board, "err")


def test_a_subcommand_usage_error_prints_that_subcommand_usage(board):
    # one error line, then the usage of the subcommand typed, not of all of "cache"
    quiet(board)
    create(board, "use 16")
    cases = [
        ("cache create x", "cache create: expected NAME SIZE [ALIGN] [FLAG ...]",
         "cache create NAME SIZE [ALIGN] [FLAG ...]"),
        ("cache create x 0", "bad size '0': must be at least 1",
         "cache create NAME SIZE [ALIGN] [FLAG ...]"),
        ("cache destroy", "cache destroy: missing NAME", "cache destroy NAME"),
        ("cache destroy use x", "cache destroy: expected NAME", "cache destroy NAME"),
        ("cache alloc use 1 2", "cache alloc: expected NAME [COUNT] [zero]",
         "cache alloc NAME [COUNT] [zero]"),
        ("cache alloc use x", "bad count 'x': not a number", "cache alloc NAME [COUNT] [zero]"),
        ("cache free use", "cache free: expected NAME ADDR [ADDR ...] or NAME all",
         "cache free NAME ADDR [ADDR ...] | NAME all"),
        ("cache free use zz", "bad address 'zz': not a number",
         "cache free NAME ADDR [ADDR ...] | NAME all"),
        ("cache show use x", "cache show: expected NAME", "cache show NAME"),
        ("cache objects", "cache objects: missing NAME", "cache objects NAME"),
        ("cache objects use x", "cache objects: expected NAME", "cache objects NAME"),
        ("cache map", "cache map: missing NAME", "cache map NAME [chain]"),
        ("cache map use x", "cache map: expected NAME [chain]", "cache map NAME [chain]"),
        ("cache chain use 1 2", "cache chain: expected NAME [SLAB]", "cache chain NAME [SLAB]"),
        ("cache shrink use x", "cache shrink: expected NAME", "cache shrink NAME | all"),
        ("cache trace use", "cache trace: expected NAME on|events|off", "cache trace NAME on|events|off"),
        ("cache journal use zz", "bad address 'zz': not a number", "cache journal NAME [ADDR]"),
        ("cache corrupt use 0", "cache corrupt: expected NAME ADDR OFFSET BYTE",
         "cache corrupt NAME ADDR OFFSET BYTE"),
        ("cache badfree use 0", "cache badfree: expected NAME ADDR double|interior|wrongcache",
         "cache badfree NAME ADDR double|interior|wrongcache"),
        ("cpu 1 cache map", "cache map: missing NAME", "cache map NAME [chain]"),
        ("cache frob", "cache: unknown subcommand 'frob'", "cache SUBCOMMAND NAME ..."),
    ]
    for line, error, usage in cases:
        if line.startswith("cpu 1 ") and board.smp < 2:
            continue            # no cpu1 to run it on
        out = board.run(line)
        want = "error: %s\nusage: %s\n" % (error, usage)
        check(out == want, "%s:\n%r\nwant\n%r" % (line, out, want))
    # an error that is not a usage error prints no usage line
    check(board.run("cache show nope") == "error: no cache named 'nope'\n", "no usage")
    destroy(board, "use")


def test_out_of_memory_part_way_keeps_what_was_allocated(board):
    quiet(board)
    create(board, "hog 4194304")
    free_before = meminfo_kb(board)["MemFree"]
    out = board.run("cache alloc hog 1000", timeout=60)
    lines = out.splitlines()
    m = re.fullmatch(r"error: out of memory after (\d+) objects", lines[-1])
    check(m and [l for l in lines if l.startswith("error:")] == [lines[-1]], out)
    n = int(m.group(1))
    # every 4 MiB block but the few the image, mem_map and the bootstrap touch
    mib = int(board.mem.rstrip("M"))
    check(n >= mib // 4 - 4, "only %d objects of 4 MiB in %d MiB" % (n, mib))
    s = show(board, "hog")
    check(s["stats"]["active"] == n, "kept %d, allocated %d" % (s["stats"]["active"], n))
    check(meminfo_kb(board)["MemFree"] <= free_before - n * 4096, "MemFree")
    check(board.run_ok("cache free hog all") == "freed %d objects\n" % n, "free all")
    destroy(board, "hog")


def test_the_record_and_the_cache_table_have_limits(board):
    quiet(board)
    create(board, "tiny 8")
    before = board.run_ok("slabinfo")
    check(board.run_error("cache alloc tiny 16384 1") ==
          "error: cache alloc: expected NAME [COUNT] [zero]", "usage")
    check(board.run_ok("slabinfo") == before, "a usage error changed slabinfo")
    out = board.run_ok("cache alloc tiny 16384", timeout=60)
    check(out.endswith("allocated 16384 objects\n"), out[-200:])
    during = board.run_ok("slabinfo")
    check(board.run_error("cache alloc tiny") ==
          "error: the shell holds 16384 objects and can hold at most 16384; free some first",
          "record full")
    check(board.run_error("kmalloc 8") ==
          "error: the shell holds 16384 objects and can hold at most 16384; free some first",
          "record full for kmalloc")
    check(board.run_ok("slabinfo") == during, "a refused allocation changed slabinfo")
    check(board.run_ok("cache free tiny all") == "freed 16384 objects\n", "free all")
    destroy(board, "tiny")
    names = ["lim%d" % i for i in range(32)]
    for name in names:
        create(board, "%s 8" % name)
    check(board.run_error("cache create lim32 8") ==
          "error: the shell has created 32 caches; destroy one first", "32 caches")
    for name in names:
        destroy(board, name)


def test_meminfo_follows_the_allocator(board):
    quiet(board)
    create(board, "mem 1000")
    alloc(board, "mem", 400, cpu=board.smp - 1)
    rows = parse_slabinfo(board.run_ok("slabinfo"))
    pages = sum(r["num_slabs"] * r["pagesperslab"] for _, r in rows)
    info = meminfo_kb(board)
    check(info["Slab"] == pages * 4 == info["SUnreclaim"], "Slab %s, slabinfo %d pages" %
          (info, pages))
    destroy(board, "mem")


def test_cache_alloc_from_a_dma_cache(board):
    # a DMA cache is allocated from with GFP_DMA: without it cache_grow()'s
    # kmem_flagcheck() hit its BUG_ON on the first slab; its pages come
    # from ZONE_DMA, the first 16 MiB of DRAM (0x60000000-0x60ffffff)
    quiet(board)
    create(board, "dmac 20 dma")
    for name in ("dmac", "size-32(DMA)"):
        addrs = alloc(board, name, 3)
        check(all(0x60000000 <= a < 0x61000000 for a in addrs),
              "%s: not in ZONE_DMA: %s" % (name, ["0x%08x" % a for a in addrs]))
        check(board.run_ok("cache free %s all" % name) == "freed 3 objects\n", name)
    destroy(board, "dmac")


# ---- debug caches: Linux 2.6.24's DEBUG layout and tunables ----------------

DEBUG = slab_model.RED_ZONE | slab_model.POISON | slab_model.STORE_USER


def slab_of(s, addr):
    """The slab line of `cache show` (@s) whose pages hold @addr."""
    slab_bytes = 4096 << s["geometry"]["gfporder"]
    found = [sl for sl in s["slabs"] if sl["page"] <= addr < sl["page"] + slab_bytes]
    check(len(found) == 1, "0x%08x in %d slabs: %s" % (addr, len(found), s["slabs"]))
    return found[0]


def test_figo_object_with_a_red_zone_is_linuxs(board):
    # red zone 1 (8 bytes), the 20 bytes rounded to REDZONE_ALIGN (24),
    # red zone 2 (8): a 40-byte buffer with the caller 8 bytes in; the
    # cap of Linux's DEBUG turns limit 120 / batchcount 60 into 32 / 16
    quiet(board)
    out = board.run_ok("cache create figo_rz 20 8 red_zone")
    check(out == "created cache figo_rz\ngeometry: size=20 objsize=40 align=8 num=92 "
          "gfporder=0 colour=0 colour_off=32 slab_size=400 off_slab=0 obj_offset=8 left_over=16\n",
          repr(out))
    check(kv(out.splitlines()[1][10:]) == expected_geometry(board, 20, 8, ("red_zone",)),
          "model disagrees")
    s = show(board, "figo_rz")
    check(s["flags"] == "red_zone", s["flags"])
    check(s["tunables"] == dict(limit=32, batchcount=16, shared=8 if board.smp > 1 else 0),
          str(s["tunables"]))
    addrs = alloc(board, "figo_rz", 3)
    s = show(board, "figo_rz")
    for a in addrs:
        check((a - slab_of(s, a)["s_mem"]) % 40 == 8, "0x%08x is not 8 bytes into a buffer" % a)
        # ksize() is the caller's 24 bytes, not the 40 of the buffer
        check(board.run_ok("ksize 0x%08x" % a) == "0x%08x: 24 bytes (figo_rz)\n" % a, "ksize")
    row = slabinfo(board)["figo_rz"]
    check((row["objsize"], row["objperslab"], row["limit"], row["batchcount"]) ==
          (40, 92, 32, 16), str(row))
    destroy(board, "figo_rz")


def test_debug_flags_give_linuxs_geometry_tunables_and_ksize(board):
    quiet(board)
    cases = [
        ("dpo", 20, 8, ("poison",)), ("dsu", 20, 8, ("store_user",)),
        ("drps", 20, 8, ("red_zone", "poison", "store_user")),
        ("dhrz", 20, 8, ("hwcache_align", "red_zone")),      # the red zone's 8 beats 32
        ("dsu24", 24, 0, ("store_user",)),                   # one word: 28 -> 32
        ("drzsu24", 24, 0, ("red_zone", "store_user")),      # the user word takes 8
        ("da16", 20, 16, ("red_zone", "poison")),            # red zone dropped, 24 kept
        ("da32", 36, 32, ("red_zone",)),                     # nothing left: a plain cache
        ("drz496", 496, 0, ("red_zone",)),                   # off-slab by its red zones
        ("drps4000", 4000, 0, ("red_zone", "poison", "store_user")),
    ]
    for name, size, align, flags in cases:
        line = " ".join([name, str(size)] + ([str(align)] if align else []) + list(flags))
        got = create(board, line)
        check(got == expected_geometry(board, size, align, flags),
              "%s: %s, Linux %s" % (line, got, expected_geometry(board, size, align, flags)))
        g = model_geometry(board, size, align, flags)
        s = show(board, name)
        check(s["geometry"] == got, "show and create disagree for %s" % name)
        want = slab_model.flag_names(g["flags"])
        check(s["flags"] == want, "%s: flags=%s, Linux keeps %s" % (line, s["flags"], want))
        debug = bool(g["flags"] & DEBUG)
        tun = slab_model.tunables(g["buffer_size"], board.smp, debug=debug)
        check((s["tunables"]["limit"], s["tunables"]["batchcount"], s["tunables"]["shared"])
              == tun, "%s: tunables %s, Linux %s" % (line, s["tunables"], tun))
        a = alloc(board, name, 1)[0]
        s = show(board, name)
        check((a - slab_of(s, a)["s_mem"]) % g["buffer_size"] == g["obj_offset"],
              "%s: 0x%08x is not obj_offset into a buffer" % (line, a))
        size_seen = g["object_size"] if debug else g["buffer_size"]
        check(board.run_ok("ksize 0x%08x" % a) == "0x%08x: %d bytes (%s)\n" %
              (a, size_seen, name), "%s: ksize" % line)
    for name, _, _, _ in cases:
        destroy(board, name)


def meminfo_kb(board):
    out = board.run_ok("meminfo")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+): +(\d+) kB$", out, re.M)}


def test_reaper_back_on(board):
    check(board.run_ok("reap auto on") == "automatic reaping is on\n", "reap auto on")
