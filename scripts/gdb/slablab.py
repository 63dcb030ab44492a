"""slablab.py - SLAB-aware gdb commands for the firmware, loaded by
scripts/slablab.gdb (`make gdb`).

They read target memory only and never call firmware code, so they work
wherever the firmware is stopped, inside the allocator with a list half
updated included: every list walk is bounded and checks each pointer it
follows, and a structure that does not add up is reported ("inconsistent:
...") instead of being looped over or trusted.  Their output has the
shell's formats, so a session can put gdb's reading beside the shell's:

  slab info                  /proc/slabinfo 2.1, as the shell's `slabinfo`
  slab cache NAME            as `cache show NAME`
  slab percpu NAME [CPU]     each CPU's array (or one) with its entries
  slab shared NAME           the node's shared array with its entries
  slab lists NAME            the node's lists, each slab on them
  slab map NAME              as `cache map NAME`
  slab dump NAME             as `cache dump NAME` (JSON, for scripts/slabpic)
  slab whatis ADDR           the cache, slab, index and state of an address
  slab walk NAME [allocated|free|cached]   every object in that state
  slab verify [NAME]         the shell's verify checks, from memory alone
  buddy info                 /proc/buddyinfo, as the shell's `buddyinfo`
  buddy free ORDER           the free blocks of ORDER in each zone

Layout facts mirror the C headers (mm/slab_def.h, mm/mmzone.h); names
are Linux 2.6.24's.  On the SLUB image (make SLAB=slub; told apart by its
symbols, slab_common.is_slub()) the same commands print SLUB's views
instead, as the shell's commands do there (scripts/gdb/slub_views.py):
cache, percpu (each CPU's CPU slab and lockless freelist), lists (the
partial and full lists), map, dump, whatis, walk (allocated, free on
page->freelist, cached on a CPU's lockless freelist), verify and info;
shared says SLUB has none.  What both read is in scripts/gdb/slab_common.py.
"""

import json
import os
import sys

import gdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slab_common import (MAP_ROW, PAGE_SHIFT, PAGE_SIZE, Inconsistent,  # noqa: E402
                         cpu_online, ev, is_slub, nr_cpus, page_of, present_cpus, read_u32,
                         u, walk_list)
import slub_views  # noqa: E402

BUFCTL_END = 0xffffffff
BUFCTL_FREE = BUFCTL_END - 1
BUFCTL_QUARANTINE = BUFCTL_END - 2
CFLGS_OFF_SLAB = 0x80000000
PER_LINE = 8
FLAG_NAMES = [(0x00002000, "hwcache_align"), (0x00004000, "dma"), (0x00020000, "reclaim"),
              (0x00040000, "panic"), (0x00000400, "red_zone"), (0x00000800, "poison"),
              (0x00010000, "store_user")]
LISTS = [("slabs_partial", "partial"), ("slabs_full", "full"), ("slabs_free", "free")]
HZ = 100


def caches():
    return list(walk_list(ev("cache_chain"), "struct kmem_cache", "next"))


def find_cache(name):
    for c in caches():
        if c["name"].string() == name:
            return c
    raise gdb.GdbError("no cache named '%s'" % name)


def node(c):
    return c["nodelists"][0].dereference()


def array_entries(ac, obj_offset):
    n = u(ac["avail"])
    if n > u(ac["limit"]):
        raise Inconsistent("array at 0x%08x: avail %d > limit %d" % (u(ac.address), n,
                                                                      u(ac["limit"])))
    return [u(ac["entry"][i]) + obj_offset for i in range(n)]


class Geometry:
    def __init__(self, c):
        self.name = c["name"].string()
        self.size = u(c["obj_size"])
        self.objsize = u(c["buffer_size"])
        self.align = u(c["align"])
        self.num = u(c["num"])
        self.gfporder = u(c["gfporder"])
        self.colour = u(c["colour"])
        self.colour_off = u(c["colour_off"])
        self.slab_size = u(c["slab_size"])
        self.flags = u(c["flags"])
        self.off_slab = bool(self.flags & CFLGS_OFF_SLAB)
        self.obj_offset = u(c["obj_offset"])
        self.slab_bytes = PAGE_SIZE << self.gfporder
        self.left_over = self.slab_bytes - self.num * self.objsize - \
            (0 if self.off_slab else self.slab_size)
        self.slabp_cache = c["slabp_cache"]["name"].string() if self.off_slab else None
        self.has_ctor = u(c["ctor"]) != 0

    def line(self):
        s = ("geometry: size=%d objsize=%d align=%d num=%d gfporder=%d colour=%d colour_off=%d "
             "slab_size=%d off_slab=%d obj_offset=%d left_over=%d" % (
                 self.size, self.objsize, self.align, self.num, self.gfporder, self.colour,
                 self.colour_off, self.slab_size, int(self.off_slab), self.obj_offset,
                 self.left_over))
        return s + (" slabp_cache=%s" % self.slabp_cache if self.off_slab else "")


class Slab:
    """One struct slab: its fields, its free chain and each object's bufctl."""

    def __init__(self, g, s, lst):
        self.addr = u(s.address)
        self.list = lst
        self.colouroff = u(s["colouroff"])
        self.s_mem = u(s["s_mem"])
        self.inuse = u(s["inuse"])
        self.free = u(s["free"])
        self.page = self.s_mem - self.colouroff
        bufctl = self.addr + gdb.lookup_type("struct slab").sizeof
        self.bufctl = [read_u32(bufctl + 4 * i) for i in range(g.num)]
        self.chain, self.chain_break = [], "ok"
        i = self.free
        while i != BUFCTL_END:
            if i >= g.num:
                self.chain_break = "range"
                break
            if i in self.chain:
                self.chain_break = "cycle"
                break
            self.chain.append(i)
            i = self.bufctl[i]

    def obj(self, g, i):
        return self.s_mem + i * g.objsize + g.obj_offset


def slabs_of(c, g):
    l3 = node(c)
    out = []
    for field, name in LISTS:
        for s in walk_list(l3[field], "struct slab", "list"):
            out.append(Slab(g, s, name))
    return out


def stats(c):
    """allochit, allocmiss, freehit, freemiss: in the cache, or per CPU
    (each written by its own CPU) and summed as the shell sums them."""
    names = ("allochit", "allocmiss", "freehit", "freemiss")
    fields = {f.name for f in c.type.fields()}
    if "allochit" in fields:                    # one atomic_t each
        return [u(c[n]["counter"]) for n in names]
    total = [0, 0, 0, 0]
    for cpu in range(nr_cpus()):                # kmem_cache_cpu_stats stats[NR_CPUS]
        for k, n in enumerate(names):
            total[k] = (total[k] + u(c["stats"][cpu][n])) & 0xffffffff
    return total


def held_marks(c, g):
    """{object address: mark}: each object in a CPU's array (its digit) or the shared one."""
    marks = {}
    for cpu in range(nr_cpus()):
        ac = c["array"][cpu]
        if u(ac):
            for o in array_entries(ac.dereference(), g.obj_offset):
                marks[o] = str(cpu)
    sh = node(c)["shared"]
    if u(sh):
        for o in array_entries(sh.dereference(), g.obj_offset):
            marks[o] = "s"
    return marks


def obj_mark(g, slab, i, held):
    if i in slab.chain:
        return "."
    if slab.bufctl[i] == BUFCTL_QUARANTINE:
        return "q"
    return held.get(slab.obj(g, i), "#")


# ---- the views ----------------------------------------------------------

def slabinfo_lines():
    out = ["slabinfo - version: 2.1",
           "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
           " : tunables <limit> <batchcount> <sharedfactor>"
           " : slabdata <active_slabs> <num_slabs> <sharedavail>"]
    for c in caches():
        l3 = node(c)
        num = u(c["num"])
        active_objs = active_slabs = free_slabs = 0
        for s in walk_list(l3["slabs_full"], "struct slab", "list"):
            active_objs += num
            active_slabs += 1
        for s in walk_list(l3["slabs_partial"], "struct slab", "list"):
            active_objs += u(s["inuse"])
            active_slabs += 1
        for s in walk_list(l3["slabs_free"], "struct slab", "list"):
            free_slabs += 1
        num_slabs = active_slabs + free_slabs
        shared = u(l3["shared"]["avail"]) if u(l3["shared"]) else 0
        out.append("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d" % (
            c["name"].string(), active_objs, num_slabs * num, u(c["buffer_size"]), num,
            1 << u(c["gfporder"]), u(c["limit"]), u(c["batchcount"]), u(c["shared"]),
            active_slabs, num_slabs, shared))
    return out


def entry_lines(objs):
    out = []
    for i in range(0, len(objs), PER_LINE):
        out.append("  " + " ".join("0x%08x" % o for o in objs[i:i + PER_LINE]))
    return out


def fmt_in(j):
    return "%d.%02d s" % (j // HZ, j % HZ * 100 // HZ)


def reaper_line(c):
    now = u(ev("jiffies"))
    if not int(ev("'mm/slab_alloc.c'::reap_auto")):
        s = "reaper: off ('reap auto on' restarts it)"
    else:
        held = int(ev("'mm/slab_alloc.c'::reap_holds.counter")) > 0
        parts = []
        for cpu in range(nr_cpus()):
            if not cpu_online(cpu):
                continue
            w = ev("'mm/slab_alloc.c'::reap_work__per_cpu[%d].v" % cpu)
            if not u(w["work"]["func"]):
                st = "not started"
            elif int(w["timer_pending"]):
                exp = u(w["expires"])
                st = fmt_in((exp - now) & 0xffffffff if ((exp - now) & 0xffffffff) < 1 << 31
                            else 0)
            else:
                st = "due" if int(w["work"]["pending"]) else "running"
            parts.append("cpu%d %s" % (cpu, st))
        s = "reaper: on%s, next passes in %s" % (" but held off by a command" if held else "",
                                                ", ".join(parts))
    nr = u(node(c)["next_reap"])
    d = (nr - now) & 0xffffffff
    due = "in " + fmt_in(d) if 0 < d < 1 << 31 else "now"
    return s + "; node0's shared array and free slabs: due " + due


def cache_lines(c):
    g = Geometry(c)
    flags = [n for bit, n in FLAG_NAMES if g.flags & bit] + (["ctor"] if g.has_ctor else [])
    out = ["cache %s: flags=%s" % (g.name, ",".join(flags) or "none"), g.line(),
           "tunables: limit=%d batchcount=%d shared=%d" % (u(c["limit"]), u(c["batchcount"]),
                                                           u(c["shared"]))]
    in_cpus = 0
    for cpu in range(nr_cpus()):
        ac = c["array"][cpu]
        if not cpu_online(cpu) or not u(ac):
            continue
        a = ac.dereference()
        objs = array_entries(a, g.obj_offset)
        out.append("cpu%d: avail=%d limit=%d batchcount=%d touched=%d" % (
            cpu, u(a["avail"]), u(a["limit"]), u(a["batchcount"]), u(a["touched"])))
        out += entry_lines(objs)
        in_cpus += len(objs)
    l3 = node(c)
    counts = {name: len(list(walk_list(l3[f], "struct slab", "list"))) for f, name in LISTS}
    sh = l3["shared"]
    shared = array_entries(sh.dereference(), g.obj_offset) if u(sh) else []
    out.append("node0 (kmem_list3, later kmem_cache_node): partial=%d full=%d free=%d "
               "free_objects=%d free_limit=%d colour_next=%d shared_avail=%d shared_limit=%d "
               "free_touched=%d" % (counts["partial"], counts["full"], counts["free"],
                                    u(l3["free_objects"]), u(l3["free_limit"]),
                                    u(l3["colour_next"]), len(shared),
                                    u(sh["limit"]) if u(sh) else 0, int(l3["free_touched"])))
    out += entry_lines(shared)
    slabs = slabs_of(c, g)
    for s in slabs:
        out.append("slab 0x%08x list=%s s_mem=0x%08x colouroff=%d inuse=%d free=%s "
                   "page=0x%08x" % (s.addr, s.list, s.s_mem, s.colouroff, s.inuse,
                                    "end" if s.free == BUFCTL_END else s.free, s.page))
    hit = stats(c)
    quarantined = u(c["quarantined"])
    active = u(c["num_active"])
    out.append("stats: allochit=%d allocmiss=%d freehit=%d freemiss=%d grown=%d reaped=%d "
               "high=%d active=%d allocations=%d errors=%d quarantined=%d" % (
                   hit[0], hit[1], hit[2], hit[3], u(c["grown"]), u(c["reaped"]),
                   u(c["high_mark"]), active, u(c["num_allocations"]), u(c["errors"]),
                   quarantined))
    q = 0
    if quarantined:
        held = held_marks(c, g)
        q = sum(1 for s in slabs for i in range(g.num)
                if s.bufctl[i] == BUFCTL_QUARANTINE and s.obj(g, i) not in held)
    line = "objects: active=%d (held by callers %d, in CPU arrays %d, in the shared array %d" % (
        active, active - (in_cpus + len(shared) + q), in_cpus, len(shared))
    out.append(line + (", quarantined outside the arrays %d)" % q if quarantined else ")"))
    out.append(reaper_line(c))
    return out


def percpu_lines(c, only=None):
    g = Geometry(c)
    out = []
    for cpu in range(nr_cpus()):
        ac = c["array"][cpu]
        if (only is not None and cpu != only) or not u(ac):
            continue
        a = ac.dereference()
        out.append("cpu%d: avail=%d limit=%d batchcount=%d touched=%d%s" % (
            cpu, u(a["avail"]), u(a["limit"]), u(a["batchcount"]), u(a["touched"]),
            "" if cpu_online(cpu) else " (cpu not online)"))
        out += entry_lines(array_entries(a, g.obj_offset))
    return out


def shared_lines(c):
    g = Geometry(c)
    sh = node(c)["shared"]
    if not u(sh):
        return ["%s: no shared array" % g.name]
    objs = array_entries(sh.dereference(), g.obj_offset)
    return ["shared: avail=%d limit=%d batchcount=%d" % (
        len(objs), u(sh["limit"]), u(sh["batchcount"]))] + entry_lines(objs)


def lists_lines(c):
    g = Geometry(c)
    l3 = node(c)
    out = ["node0: free_objects=%d free_limit=%d colour_next=%d" % (
        u(l3["free_objects"]), u(l3["free_limit"]), u(l3["colour_next"]))]
    for field, name in LISTS:
        slabs = [Slab(g, s, name) for s in walk_list(l3[field], "struct slab", "list")]
        out.append("%s: %d slab%s" % (field, len(slabs), "" if len(slabs) == 1 else "s"))
        for s in slabs:
            out.append("  slab 0x%08x page=0x%08x colouroff=%d inuse=%d free=%s" % (
                s.addr, s.page, s.colouroff, s.inuse, "end" if s.free == BUFCTL_END else s.free))
    return out


def map_lines(c):
    g = Geometry(c)
    held = held_marks(c, g)
    line = 32
    out = ["%s: %d objects of %d bytes in %d page%s per slab; management %s%s (%d bytes)"
           "; %d colour%s of %d bytes; %d bytes left over" % (
               g.name, g.num, g.objsize, 1 << g.gfporder, "s" if g.gfporder else "",
               "off-slab in " if g.off_slab else "on-slab", g.slabp_cache or "", g.slab_size,
               g.colour, "" if g.colour == 1 else "s", g.colour_off, g.left_over)]
    width = min(g.num, MAP_ROW)
    ruler, length = "index   ", 0
    for col in range(0, width, 10):
        label = str(col)
        pad = 0 if col == 0 else 10 - length
        ruler += " " * pad + label
        length = len(label)
    out.append(ruler)
    slabs = slabs_of(c, g)
    for s in slabs:
        mgmt = 0 if g.off_slab else g.slab_size
        colour = s.colouroff - mgmt
        left = g.slab_bytes - s.colouroff - g.num * g.objsize
        head = "0x%08x %-7s |" % (s.page, s.list)
        for ch, n in (("c", colour // g.colour_off if g.colour_off else 0),
                      ("M", (mgmt + line - 1) // line)):
            if n:
                head += ch * n + "|"
        head += " %d object%s, inuse=%d |" % (g.num, "" if g.num == 1 else "s", s.inuse)
        n = (left + line - 1) // line
        if n:
            head += "-" * n + "|"
        out.append(head)
        marks = "".join(obj_mark(g, s, i, held) for i in range(g.num))
        for i in range(0, g.num, MAP_ROW):
            out.append("%6d  %s" % (i, marks[i:i + MAP_ROW]))
    if not slabs:
        out.append("(no slabs)")
    out.append("legend: c colour (%d bytes each)  M management (%d bytes each)  "
               "- left over (%d bytes each; a slab leaves %d, colour included)" % (
                   g.colour_off, line, line, g.left_over))
    last = present_cpus() - 1
    out.append("        # allocated  . free in the slab  0%s free, in that CPU's array  s free, "
               "in the shared array  q quarantined" % ("-%d" % last if last else ""))
    out.append(reaper_line(c))
    return out


def dump_text(c):
    g = Geometry(c)
    held = held_marks(c, g)
    arrays = []
    for cpu in range(nr_cpus()):
        ac = c["array"][cpu]
        if u(ac):
            a = ac.dereference()
            arrays.append(dict(cpu=cpu, avail=u(a["avail"]), limit=u(a["limit"]),
                               batchcount=u(a["batchcount"]), touched=u(a["touched"])))
    sh = node(c)["shared"]
    slabs = [dict(page="0x%08x" % s.page, list=s.list, colouroff=s.colouroff,
                  s_mem="0x%08x" % s.s_mem, inuse=s.inuse,
                  free=None if s.free == BUFCTL_END else s.free,
                  objects="".join(obj_mark(g, s, i, held) for i in range(g.num)),
                  chain=s.chain, chain_break=s.chain_break) for s in slabs_of(c, g)]
    return json.dumps(dict(
        cache=g.name, cpus=present_cpus(),
        geometry=dict(size=g.size, objsize=g.objsize, align=g.align, num=g.num,
                      gfporder=g.gfporder, colour=g.colour, colour_off=g.colour_off,
                      slab_size=g.slab_size, off_slab=g.off_slab, obj_offset=g.obj_offset,
                      left_over=g.left_over, page_size=PAGE_SIZE),
        arrays=arrays,
        shared=dict(avail=u(sh["avail"]) if u(sh) else 0, limit=u(sh["limit"]) if u(sh) else 0),
        slabs=slabs))


def object_state(c, g, slab, i):
    mark = obj_mark(g, slab, i, held_marks(c, g))
    obj = slab.obj(g, i)
    if mark == ".":
        return "free in its slab, place %d on the free chain" % slab.chain.index(i)
    if mark == "q":
        return "quarantined"
    if mark == "#":
        return "allocated"
    if mark == "s":
        sh = node(c)["shared"].dereference()
        return "free, in the shared array, slot %d" % array_entries(sh, g.obj_offset).index(obj)
    a = c["array"][int(mark)].dereference()
    return "free, in cpu%s's array, slot %d" % (mark, array_entries(a, g.obj_offset).index(obj))


def whatis_lines(addr):
    page = page_of(addr)
    if page is None:
        return ["0x%08x: not memory the page allocator manages" % addr]
    if not (u(page["flags"]) >> 1) & 1:
        return ["0x%08x: in a page no slab holds%s" % (
            addr, " (free, with the buddy allocator)" if (u(page["flags"]) >> 2) & 1 else "")]
    cache_ptr = u(page["lru"]["next"])
    match = [c for c in caches() if u(c.address) == cache_ptr]
    if not match:
        return ["0x%08x: in a slab page whose cache 0x%08x is not on cache_chain "
                "(inconsistent)" % (addr, cache_ptr)]
    c = match[0]
    g = Geometry(c)
    slab_ptr = u(page["lru"]["prev"])
    for s in slabs_of(c, g):
        if s.addr != slab_ptr:
            continue
        where = "cache %s, slab 0x%08x (%s, page 0x%08x)" % (g.name, s.addr, s.list, s.page)
        if addr < s.s_mem:
            part = "colour" if addr < s.page + s.colouroff - (0 if g.off_slab else g.slab_size) \
                else "management"
            return ["0x%08x: %s: the slab's %s area" % (addr, where, part)]
        i = (addr - s.s_mem) // g.objsize
        if i >= g.num:
            return ["0x%08x: %s: left over, past the last object" % (addr, where)]
        obj = s.obj(g, i)
        at = "" if addr == obj else " (+%d)" % (addr - obj)
        return ["0x%08x: %s: object %d at 0x%08x%s, %s" % (addr, where, i, obj, at,
                                                           object_state(c, g, s, i))]
    return ["0x%08x: cache %s, but its slab 0x%08x is on none of the node's lists "
            "(being grown or destroyed)" % (addr, g.name, slab_ptr)]


def walk_lines(c, state):
    g = Geometry(c)
    held = held_marks(c, g)
    out = []
    for s in slabs_of(c, g):
        for i in range(g.num):
            m = obj_mark(g, s, i, held)
            kind = {"#": "allocated", ".": "free", "q": "quarantined"}.get(m, "cached")
            if state is None or kind == state:
                out.append("0x%08x %-11s slab 0x%08x index %d%s" % (
                    s.obj(g, i), kind, s.page, i,
                    "" if kind != "cached" else " (%s)" % ("shared" if m == "s" else "cpu" + m)))
    out.append("%d object%s" % (len(out), "" if len(out) == 1 else "s"))
    return out


def verify_cache(c):
    """Problems of one cache, as lines; (slabs, objects) counted."""
    g = Geometry(c)
    errs = []
    slabs = slabs_of(c, g)
    place = {}
    for cpu in range(nr_cpus()):
        ac = c["array"][cpu]
        if u(ac):
            for o in array_entries(ac.dereference(), g.obj_offset):
                place.setdefault(o, []).append("cpu%d" % cpu)
    sh = node(c)["shared"]
    if u(sh):
        for o in array_entries(sh.dereference(), g.obj_offset):
            place.setdefault(o, []).append("shared")
    free = 0
    for s in slabs:
        if s.chain_break != "ok":
            errs.append("slab 0x%08x: free chain breaks (%s) after %d objects" % (
                s.addr, s.chain_break, len(s.chain)))
        elif len(s.chain) != g.num - s.inuse:
            errs.append("slab 0x%08x: %d objects on the free chain, inuse=%d of %d" % (
                s.addr, len(s.chain), s.inuse, g.num))
        want = {"full": s.inuse == g.num, "partial": 0 < s.inuse < g.num,
                "free": s.inuse == 0}[s.list]
        if not want:
            errs.append("slab 0x%08x: inuse=%d on slabs_%s" % (s.addr, s.inuse, s.list))
        for i in s.chain:
            o = s.obj(g, i)
            if o in place:
                errs.append("object 0x%08x: free in its slab and in %s" % (o, place[o][0]))
        free += len(s.chain)
    for o, where in place.items():
        if len(where) > 1:
            errs.append("object 0x%08x: in %s" % (o, " and ".join(where)))
    if free != u(node(c)["free_objects"]):
        errs.append("free_objects=%d, the slabs' free chains hold %d" % (
            u(node(c)["free_objects"]), free))
    return ["%s: %s" % (g.name, e) for e in errs], len(slabs), len(slabs) * g.num


def buddy_lines():
    out = []
    nz = int(ev("sizeof(contig_page_data.node_zones) / sizeof(contig_page_data.node_zones[0])"))
    orders = int(ev("sizeof(contig_page_data.node_zones[0].free_area) / "
                    "sizeof(contig_page_data.node_zones[0].free_area[0])"))
    for z in range(nz):
        zone = ev("contig_page_data.node_zones[%d]" % z)
        if not u(zone["present_pages"]):
            continue
        out.append("Node %d, zone %8s " % (int(ev("contig_page_data.node_id")),
                                           zone["name"].string()) +
                   "".join("%6d " % u(zone["free_area"][o]["nr_free"]) for o in range(orders)))
    return out


def buddy_free_lines(order):
    out = []
    nz = int(ev("sizeof(contig_page_data.node_zones) / sizeof(contig_page_data.node_zones[0])"))
    lo = u(ev("min_low_pfn"))
    size = gdb.lookup_type("struct page").sizeof
    base = u(ev("mem_map"))
    for z in range(nz):
        zone = ev("contig_page_data.node_zones[%d]" % z)
        if not u(zone["present_pages"]):
            continue
        area = zone["free_area"][order]
        blocks = [(u(p.address) - base) // size + lo
                  for p in walk_list(area["free_list"], "struct page", "lru")]
        out.append("zone %s order %d: %d free block%s (nr_free=%d)" % (
            zone["name"].string(), order, len(blocks), "" if len(blocks) == 1 else "s",
            u(area["nr_free"])))
        out += ["  0x%08x" % (pfn << PAGE_SHIFT) for pfn in sorted(blocks)]
    return out


# ---- the commands -------------------------------------------------------

def emit(lines):
    for line in lines:
        gdb.write(line + "\n")


def guarded(fn):
    def run(self, arg, from_tty):
        try:
            fn(self, gdb.string_to_argv(arg))
        except Inconsistent as e:
            gdb.write("inconsistent: %s\n" % e)
        except gdb.MemoryError as e:
            gdb.write("inconsistent: a pointer leads outside memory: %s\n" % e)
    return run


class SlabPrefix(gdb.Command):
    """Slab commands (SLAB's or SLUB's view): slab info|cache|percpu|shared|lists|map|dump|
    whatis|walk|verify."""

    def __init__(self):
        super().__init__("slab", gdb.COMMAND_DATA, gdb.COMPLETE_NONE, True)


class BuddyPrefix(gdb.Command):
    """The buddy allocator: buddy info|free."""

    def __init__(self):
        super().__init__("buddy", gdb.COMMAND_DATA, gdb.COMPLETE_NONE, True)


def view(name, cache_name, *args):
    """The view @name of cache @cache_name: SLUB's (slub_views.py) on the
    SLUB image, else this file's function of that name (SLAB's)."""
    if is_slub():
        return getattr(slub_views, name)(slub_views.find_cache(cache_name), *args)
    return globals()[name](find_cache(cache_name), *args)


def need(argv, lo, hi, usage):
    if not lo <= len(argv) <= hi:
        raise gdb.GdbError("usage: " + usage)


class SlabInfo(gdb.Command):
    """/proc/slabinfo 2.1, as the shell's slabinfo."""

    def __init__(self):
        super().__init__("slab info", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 0, 0, "slab info")
        emit(slub_views.slabinfo_lines() if is_slub() else slabinfo_lines())


class SlabCache(gdb.Command):
    """slab cache NAME: every field, as the shell's cache show NAME."""

    def __init__(self):
        super().__init__("slab cache", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 1, "slab cache NAME")
        emit(view("cache_lines", argv[0]))


class SlabPercpu(gdb.Command):
    """slab percpu NAME [CPU]: each CPU's array (or CPU's) with its entries."""

    def __init__(self):
        super().__init__("slab percpu", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 2, "slab percpu NAME [CPU]")
        emit(view("percpu_lines", argv[0], int(argv[1]) if len(argv) == 2 else None))


class SlabShared(gdb.Command):
    """slab shared NAME: the node's shared array with its entries."""

    def __init__(self):
        super().__init__("slab shared", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 1, "slab shared NAME")
        emit(view("shared_lines", argv[0]))


class SlabLists(gdb.Command):
    """slab lists NAME: the node's partial, full and free lists, each slab on them."""

    def __init__(self):
        super().__init__("slab lists", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 1, "slab lists NAME")
        emit(view("lists_lines", argv[0]))


class SlabMap(gdb.Command):
    """slab map NAME: the picture of cache map NAME."""

    def __init__(self):
        super().__init__("slab map", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 1, "slab map NAME")
        emit(view("map_lines", argv[0]))


class SlabDump(gdb.Command):
    """slab dump NAME: cache dump NAME's JSON, for scripts/slabpic."""

    def __init__(self):
        super().__init__("slab dump", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 1, "slab dump NAME")
        emit([view("dump_text", argv[0])])


class SlabWhatis(gdb.Command):
    """slab whatis ADDR: the cache, slab, object index and state of ADDR."""

    def __init__(self):
        super().__init__("slab whatis", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 1, "slab whatis ADDR")
        addr = u(ev(argv[0]))
        emit(slub_views.whatis_lines(addr) if is_slub() else whatis_lines(addr))


class SlabWalk(gdb.Command):
    """slab walk NAME [allocated|free|cached]: every object (in that state)."""

    def __init__(self):
        super().__init__("slab walk", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 2, "slab walk NAME [allocated|free|cached]")
        state = argv[1] if len(argv) == 2 else None
        if state not in (None, "allocated", "free", "cached", "quarantined"):
            raise gdb.GdbError("usage: slab walk NAME [allocated|free|cached]")
        emit(view("walk_lines", argv[0], state))


class SlabVerify(gdb.Command):
    """slab verify [NAME]: every cache's (or NAME's) structures checked from memory."""

    def __init__(self):
        super().__init__("slab verify", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 0, 1, "slab verify [NAME]")
        if is_slub():
            emit(slub_views.verify_lines([slub_views.find_cache(argv[0])] if argv
                                         else slub_views.caches()))
            return
        todo = [find_cache(argv[0])] if argv else caches()
        errs, slabs, objs = [], 0, 0
        for c in todo:
            try:
                e, s, o = verify_cache(c)
            except Inconsistent as ex:
                e, s, o = ["%s: %s" % (c["name"].string(), ex)], 0, 0
            errs += e
            slabs += s
            objs += o
        emit(errs)
        if errs:
            emit(["verify: %d error%s" % (len(errs), "" if len(errs) == 1 else "s")])
        else:
            emit(["verify: OK (%d caches, %d slabs, %d objects)" % (len(todo), slabs, objs)])


class BuddyInfo(gdb.Command):
    """/proc/buddyinfo, as the shell's buddyinfo."""

    def __init__(self):
        super().__init__("buddy info", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 0, 0, "buddy info")
        emit(buddy_lines())


class BuddyFree(gdb.Command):
    """buddy free ORDER: each zone's free blocks of that order."""

    def __init__(self):
        super().__init__("buddy free", gdb.COMMAND_DATA)

    @guarded
    def invoke(self, argv):
        need(argv, 1, 1, "buddy free ORDER")
        emit(buddy_free_lines(int(argv[0])))


for cmd in (SlabPrefix, BuddyPrefix, SlabInfo, SlabCache, SlabPercpu, SlabShared, SlabLists,
            SlabMap, SlabDump, SlabWhatis, SlabWalk, SlabVerify, BuddyInfo, BuddyFree):
    cmd()
