"""slub_views.py - the `slab ...` gdb commands' views on the SLUB image
(make SLAB=slub): Linux 2.6.32's kmem_cache, its kmem_cache_cpu per CPU
(the CPU slab and its lockless freelist), kmem_cache_node (the partial
and full lists) and the slab state in struct page (inuse, objects,
freelist, slab), read from memory alone.  scripts/gdb/slablab.py calls
these when the image has SLUB's symbols (slab_common.is_slub()).

Each view prints what the shell's command of the same name prints on
SLUB, line for line (shell/cmd_cache_show_slub.c, cmd_cache_map_slub.c,
cmd_cache_dump_slub.c, cmd_whatis_slub.c, mm/slub_inspect.c's slabinfo,
mm/slub_verify.c), so a gdb session can be put beside the shell's.  The
shell reads a CPU's kmem_cache_cpu on that CPU and the lists under
list_lock; gdb reads them with every CPU stopped, which is one moment.

Free chains are walked as mm/slub_inspect.c walks them: each link must
be an object start of the slab, no object twice, at most the slab's
objects; a chain that breaks is reported where it breaks.  A CPU slab's
two chains (c->freelist, then page->freelist) share one map of free
objects, as in walk_cpu_slabs().
"""

import json

import gdb

from slab_common import (MAP_ROW, PAGE_SIZE, Inconsistent, cpu_online, ev, nr_cpus,
                         page_address, page_of, present_cpus, read_u32, ruler, u, walk_list)

OO_SHIFT = 16
OO_MASK = (1 << OO_SHIFT) - 1
PG_SLAB, PG_HEAD, PG_SLUB_FROZEN, PG_TAIL = 1, 3, 5, 6
CHAIN_COLUMNS = 96           # cmd_cache_show_slub.c: wrap a chain before this
MAX_OBJS = 1024              # SLUB_INSPECT_MAX_OBJS
ALIASES_MAX = 16
WALK_MAX_ALIASES = 4096      # alias links followed before the walk gives up
STATS = ["alloc_fastpath", "alloc_slowpath", "free_fastpath", "free_slowpath", "free_frozen",
         "free_add_partial", "free_remove_partial", "alloc_from_partial", "alloc_slab",
         "alloc_refill", "free_slab", "cpuslab_flush", "deactivate_full", "deactivate_empty",
         "deactivate_to_head", "deactivate_to_tail", "deactivate_remote_frees",
         "order_fallback"]
FLAG_NAMES = [(0x00002000, "hwcache_align"), (0x00004000, "dma"), (0x00020000, "reclaim"),
              (0x00040000, "panic"), (0x00000100, "sanity_checks"), (0x00000400, "red_zone"),
              (0x00000800, "poison"), (0x00010000, "store_user")]
OK, RANGE, CYCLE, TOO_LONG = "ok", "range", "cycle", "too long"


def caches():
    return list(walk_list(ev("slab_caches"), "struct kmem_cache", "list"))


def aliases(s):
    names, p = [], u(s["aliases"])
    while p:
        if len(names) >= WALK_MAX_ALIASES:
            raise Inconsistent("cache %s: its alias list does not end" % s["name"].string())
        a = gdb.Value(p).cast(gdb.lookup_type("struct slub_alias").pointer()).dereference()
        names.append(a["name"].string())
        p = u(a["next"])
    return names


def find_cache(name):
    """kmem_cache_find(): a cache by its name or one of its aliases."""
    for s in caches():
        if s["name"].string() == name or name in aliases(s):
            return s
    raise gdb.GdbError("no cache named '%s'" % name)


def oo(v):
    x = u(v["x"])
    return x >> OO_SHIFT, x & OO_MASK


class Geometry:
    def __init__(self, s):
        self.name = s["name"].string()
        self.size = u(s["size"])
        self.objsize = u(s["objsize"])
        self.inuse = u(s["inuse"])
        self.offset = u(s["offset"])
        self.align = u(s["align"])
        self.order, self.objects = oo(s["oo"])
        self.min_order, self.min_objects = oo(s["min"])
        self.min_partial = u(s["min_partial"])
        self.flags = u(s["flags"])
        self.has_ctor = u(s["ctor"]) != 0
        self.refcount = int(s["refcount"])


def flags_text(g):
    names = [n for bit, n in FLAG_NAMES if g.flags & bit] + (["ctor"] if g.has_ctor else [])
    return "flags=" + (",".join(names) or "none")


def geometry_line(g):
    return ("geometry: size=%d objsize=%d inuse=%d offset=%d order=%d objects=%d min_order=%d "
            "min_objects=%d min_partial=%d align=%d %s" % (
                g.size, g.objsize, g.inuse, g.offset, g.order, g.objects, g.min_order,
                g.min_objects, g.min_partial, g.align, flags_text(g)))


def ptr(key, p):
    return "%s=0x%08x" % (key, p) if p else "%s=none" % key


def cpu_slab(s, cpu):
    """@cpu's kmem_cache_cpu (a gdb value), or None if the cache has none."""
    c = s["cpu_slab"][cpu]
    return c.dereference() if u(c) else None


def walk_chain(g, base, objects, head, free):
    """mm/slub_inspect.c's walk_chain(): (indices, how it ended); adds to @free."""
    chain, p = [], head
    while p:
        off = (p - base) & 0xffffffff
        if p < base or off % g.size or off // g.size >= objects:
            return chain, RANGE
        i = off // g.size
        if i >= MAX_OBJS or len(chain) >= objects:
            return chain, TOO_LONG
        if i in free:
            return chain, CYCLE
        free.add(i)
        chain.append(i)
        p = read_u32(p + g.offset)
    return chain, OK


class CpuView:
    """One CPU's kmem_cache_cpu with its lockless freelist (slub_get_cpu_slab())."""

    def __init__(self, g, s, cpu):
        c = cpu_slab(s, cpu)
        self.cpu = cpu
        self.freelist = u(c["freelist"])
        self.page_ptr = u(c["page"])
        self.page = self.inuse = self.objects = 0
        self.chain, self.brk = [], OK
        if self.page_ptr:
            pg = c["page"].dereference()
            self.page = page_address(pg)
            self.inuse, self.objects = u(pg["inuse"]), u(pg["objects"])
            self.chain, self.brk = walk_chain(g, self.page, self.objects, self.freelist, set())


class SlabView:
    """One slab as slub_for_each_slab() reports it."""

    def __init__(self, g, pg, lst, cpu=None, cpu_freelist=0):
        self.page = page_address(pg)
        self.list = lst
        self.cpu = cpu
        self.inuse, self.objects = u(pg["inuse"]), u(pg["objects"])
        self.freelist = u(pg["freelist"])
        self.free = set()
        self.cpu_chain = []
        if cpu is not None:
            self.cpu_chain, _ = walk_chain(g, self.page, self.objects, cpu_freelist, self.free)
        self.chain, self.brk = walk_chain(g, self.page, self.objects, self.freelist, self.free)

    def list_name(self):
        return "cpu%d" % self.cpu if self.list == "cpu" else self.list


def slabs_of(s, g):
    """The CPU slabs (cpu 0 up), then the partial list, then the full list."""
    out = []
    for cpu in range(nr_cpus()):
        c = cpu_slab(s, cpu)
        if c is not None and u(c["page"]):
            out.append(SlabView(g, c["page"].dereference(), "cpu", cpu, u(c["freelist"])))
    node = s["local_node"]
    for field in ("partial", "full"):
        for pg in walk_list(node[field], "struct page", "lru"):
            out.append(SlabView(g, pg, field))
    return out


def stats(s):
    total = [0] * len(STATS)
    for cpu in range(nr_cpus()):
        c = cpu_slab(s, cpu)
        if c is not None:
            for i in range(len(STATS)):
                total[i] += u(c["stat"][i])
    return total


def node_counts(s):
    n = s["local_node"]
    return (u(n["nr_partial"]), len(list(walk_list(n["full"], "struct page", "lru"))),
            u(n["nr_slabs"]["counter"]), u(n["total_objects"]["counter"]))


def chain_lines(chain, brk, prefix):
    """slub_print_chain(): " 3 -> 4 -> END" after @prefix, wrapped, then a break's line."""
    line, col, out = prefix, len(prefix), []
    tokens = [str(i) for i in chain] + ["END" if brk == OK else "?"]
    for k, tok in enumerate(tokens):
        piece = (" -> " if k else " ") + tok
        if k and col + len(piece) > CHAIN_COLUMNS:
            out.append(line)
            line, col = " ", 1
        line += piece
        col += len(piece)
    out.append(line)
    n = len(chain)
    if brk == RANGE:
        out.append("  the chain breaks after %d link%s: a pointer that is no object of the slab"
                   % (n, "" if n == 1 else "s"))
    elif brk == CYCLE:
        out.append("  the chain breaks after %d link%s: it goes back to an object on it, a cycle"
                   % (n, "" if n == 1 else "s"))
    elif brk == TOO_LONG:
        out.append("  the chain goes on past the slab's objects")
    return out


def cpu_views(s, g):
    """Each online CPU's, as cache show reads them (slub_read_cpu_chains())."""
    return [CpuView(g, s, cpu) for cpu in range(nr_cpus())
            if cpu_online(cpu) and cpu_slab(s, cpu) is not None]


def cpu_lines(cv, suffix=""):
    out = ["cpu%d: %s %s inuse=%d objects=%d%s" % (cv.cpu, ptr("page", cv.page),
                                                     ptr("freelist", cv.freelist), cv.inuse,
                                                     cv.objects, suffix)]
    if cv.page:
        out += chain_lines(cv.chain, cv.brk, "  freelist:")
    return out


def slab_line(sv):
    return "slab 0x%08x list=%s inuse=%d objects=%d %s" % (
        sv.page, sv.list_name(), sv.inuse, sv.objects, ptr("freelist", sv.freelist))


def node_line(s):
    return "node0: nr_partial=%d nr_full=%d nr_slabs=%d total_objects=%d" % node_counts(s)


def stats_line(s):
    return "stats: " + " ".join("%s=%d" % kv for kv in zip(STATS, stats(s)))


# ---- the views ----------------------------------------------------------

def slabinfo_lines():
    """2.6.32's s_show(): objects free on the partial list are the inactive ones."""
    out = ["slabinfo - version: 2.1",
           "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
           " : tunables <limit> <batchcount> <sharedfactor>"
           " : slabdata <active_slabs> <num_slabs> <sharedavail>"]
    for s in caches():
        n = s["local_node"]
        nr_slabs, nr_objs = u(n["nr_slabs"]["counter"]), u(n["total_objects"]["counter"])
        nr_free = sum(u(pg["objects"]) - u(pg["inuse"])
                      for pg in walk_list(n["partial"], "struct page", "lru"))
        order, objects = oo(s["oo"])
        out.append("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d" % (
            s["name"].string(), nr_objs - nr_free, nr_objs, u(s["size"]), objects, 1 << order,
            0, 0, 0, nr_slabs, nr_slabs, 0))
    return out


def alias_line(s):
    names = aliases(s)
    shown = names[:ALIASES_MAX]
    more = " ... %d more" % (len(names) - ALIASES_MAX) if len(names) > ALIASES_MAX else ""
    return "aliases:" + "".join(" " + n for n in shown) + more + ("" if names else " none")


def cache_lines(s):
    g = Geometry(s)
    out = ["cache %s: refcount=%d" % (g.name, g.refcount), geometry_line(g), alias_line(s)]
    for cv in cpu_views(s, g):
        out += cpu_lines(cv)
    out.append(node_line(s))
    out += [slab_line(sv) for sv in slabs_of(s, g)]
    out.append(stats_line(s))
    return out


def percpu_lines(s, only=None):
    g = Geometry(s)
    out = []
    for cpu in range(nr_cpus()):
        if (only is not None and cpu != only) or cpu_slab(s, cpu) is None:
            continue
        out += cpu_lines(CpuView(g, s, cpu), "" if cpu_online(cpu) else " (cpu not online)")
    return out


def shared_lines(s):
    return ["%s: no shared array (SLUB has no per-CPU or shared arrays: each CPU has a CPU "
            "slab and its lockless freelist, slab percpu)" % s["name"].string()]


def lists_lines(s):
    g = Geometry(s)
    n = s["local_node"]
    out = [node_line(s)]
    for field in ("partial", "full"):
        slabs = [SlabView(g, pg, field) for pg in walk_list(n[field], "struct page", "lru")]
        out.append("%s: %d slab%s" % (field, len(slabs), "" if len(slabs) == 1 else "s"))
        for sv in slabs:
            out += chain_lines(sv.chain, sv.brk, "  slab 0x%08x inuse=%d objects=%d %s:" % (
                sv.page, sv.inuse, sv.objects, ptr("freelist", sv.freelist)))
    return out


def obj_mark(sv, cpu_chain, i):
    """slub_obj_mark() without chain: '#', '.', or the CPU's digit."""
    if i not in sv.free:
        return "#"
    if i in sv.chain:
        return "."
    return str(sv.cpu) if sv.list == "cpu" else "?"


def cpu_chain_of(cvs, sv):
    """The copied chain of @sv's CPU, if it is that CPU's slab (slub_cpu_chain_of())."""
    for cv in cvs:
        if sv.list == "cpu" and cv.cpu == sv.cpu and cv.page == sv.page:
            return cv
    return None


def map_lines(s):
    g = Geometry(s)
    slab_bytes = PAGE_SIZE << g.order
    out = ["%s: %d objects of %d bytes in %d page%s per slab (order %d); %d bytes left over" % (
               g.name, g.objects, g.size, 1 << g.order, "s" if g.order else "", g.order,
               slab_bytes - g.objects * g.size),
           "object: %d bytes the caller's, metadata from %d, stride %d; the free pointer at "
           "offset %d (%s)" % (g.objsize, g.inuse, g.size, g.offset,
                               "after the object: it keeps its contents while free"
                               if g.offset >= g.inuse else
                               "in the object's first bytes, while it is free"),
           ruler(min(g.objects, MAP_ROW))]
    cvs = cpu_views(s, g)
    slabs = slabs_of(s, g)
    for sv in slabs:
        cv = cpu_chain_of(cvs, sv)
        out.append("0x%08x %-7s inuse=%d objects=%d %s%s" % (
            sv.page, sv.list_name(), sv.inuse, sv.objects, ptr("freelist", sv.freelist),
            " " + ptr("cpu_freelist", cv.freelist) if cv else ""))
        marks = "".join(obj_mark(sv, cv, i) for i in range(sv.objects))
        for i in range(0, sv.objects, MAP_ROW):
            out.append("%6d  %s" % (i, marks[i:i + MAP_ROW]))
    if not slabs:
        out.append("(no slabs)")
    last = present_cpus() - 1
    out.append("legend: # allocated  . free on page->freelist  0%s free on that CPU's lockless "
               "freelist (its CPU slab)" % ("-%d" % last if last else ""))
    return out


def hexp(p):
    return "0x%08x" % p if p else None


def dump_text(s):
    g = Geometry(s)
    cvs = cpu_views(s, g)
    n = node_counts(s)
    slabs = []
    for sv in slabs_of(s, g):
        cv = cpu_chain_of(cvs, sv)
        slabs.append(dict(page="0x%08x" % sv.page, list=sv.list_name(), inuse=sv.inuse,
                          objects=sv.objects, freelist=hexp(sv.freelist),
                          marks="".join(obj_mark(sv, cv, i) for i in range(sv.objects)),
                          chain=sv.chain, chain_break=sv.brk))
    return json.dumps(dict(
        cache=g.name, allocator="slub", cpus=present_cpus(),
        geometry=dict(size=g.size, objsize=g.objsize, inuse=g.inuse, offset=g.offset,
                      order=g.order, objects=g.objects, min_order=g.min_order,
                      min_objects=g.min_objects, min_partial=g.min_partial, align=g.align,
                      page_size=PAGE_SIZE),
        cpu_slabs=[dict(cpu=cv.cpu, page=hexp(cv.page), freelist=hexp(cv.freelist),
                        inuse=cv.inuse, objects=cv.objects,
                        chain=cv.chain if cv.page else [], chain_break=cv.brk) for cv in cvs],
        node=dict(nr_partial=n[0], nr_full=n[1], nr_slabs=n[2], total_objects=n[3]),
        stats=dict(zip(STATS, stats(s))), slabs=slabs))


def cache_of(addr):
    """kmem_cache_of(): the cache of the slab page @addr lies in, or None."""
    pg = page_of(addr)
    if pg is None:
        return None
    if (u(pg["flags"]) >> PG_TAIL) & 1:
        pg = pg["first_page"].dereference()
    if not (u(pg["flags"]) >> PG_SLAB) & 1:
        return None
    return pg["slab"].dereference()


def whatis_lines(addr):
    s = cache_of(addr)
    if s is None:
        return ["0x%08x is not in a slab page" % addr]
    g = Geometry(s)
    cvs = cpu_views(s, g)
    oo_bytes, min_bytes = PAGE_SIZE << g.order, PAGE_SIZE << g.min_order
    found = None
    for sv in slabs_of(s, g):
        size = oo_bytes if sv.objects == g.objects else min_bytes
        if sv.page <= addr < sv.page + size:
            found = sv
            break
    if found is None:
        return ["0x%08x is in a slab page of cache %s whose slab is on none of its lists "
                "(being made or freed, or full: gdb does not look for it)" % (addr, g.name)]
    sv = found
    where = "of cache %s, slab 0x%08x (%s)" % (
        g.name, sv.page, "cpu%d's slab" % sv.cpu if sv.list == "cpu" else sv.list)
    index = (addr - sv.page) // g.size
    if index >= sv.objects:
        return ["0x%08x is in the left-over (byte %d) %s" % (
            addr, addr - (sv.page + sv.objects * g.size), where)]
    obj = sv.page + index * g.size
    at = addr - obj
    if at == 0:
        part = "0x%08x is object " % addr
    elif at < g.objsize:
        part = "0x%08x is %d byte%s into object " % (addr, at, "" if at == 1 else "s")
    elif g.offset >= g.inuse and g.offset <= at < g.offset + 4:
        part = "0x%08x is in the free pointer (byte %d of 4) of object " % (addr, at - g.offset)
    else:
        part = "0x%08x is in the padding (byte %d of %d) of object " % (
            addr, at - g.objsize, g.size - g.objsize)
    out = [part + "0x%08x (index %d) %s" % (obj, index, where)]
    if index not in sv.free:
        state = "allocated"
    elif index in sv.chain:
        state = "free, on its slab's page->freelist (position %d of %d)" % (
            sv.chain.index(index), len(sv.chain))
    else:
        cv = cpu_chain_of(cvs, sv)
        if cv is not None and index in cv.chain:
            state = ("free, on cpu%d's lockless freelist (position %d of %d: handed out "
                     "first)" % (sv.cpu, cv.chain.index(index), len(cv.chain)))
        else:
            state = "free, on cpu%d's lockless freelist (it changed while read)" % sv.cpu
    return out + ["state: " + state]


def walk_lines(s, state):
    g = Geometry(s)
    out = []
    for sv in slabs_of(s, g):
        for i in range(sv.objects):
            if i not in sv.free:
                kind = "allocated"
            elif i in sv.chain:
                kind = "free"
            else:
                kind = "cached"
            if state is None or kind == state:
                out.append("0x%08x %-11s slab 0x%08x index %d%s" % (
                    sv.page + i * g.size, kind, sv.page, i,
                    " (cpu%d's lockless freelist)" % sv.cpu if kind == "cached" else ""))
    out.append("%d object%s" % (len(out), "" if len(out) == 1 else "s"))
    return out


# ---- verify: mm/slub_verify.c's checks, from memory ---------------------

class Verify:
    def __init__(self, s):
        self.g = Geometry(s)
        self.s = s
        self.lines = []
        self.nr_slabs = self.nr_objects = 0

    def problem(self, text):
        self.lines.append("verify: cache '%s': %s" % (self.g.name, text))

    def slab_page(self, pg, where):
        g = self.g
        flags = u(pg["flags"])
        base = page_address(pg)
        if not (flags >> PG_SLAB) & 1 or (flags >> PG_TAIL) & 1 or \
                u(pg["slab"]) != u(self.s.address):
            self.problem("%s: slab 0x%08x is not a slab page of this cache" % (where, base))
            return False
        order = u(pg["private"])
        if not (flags >> PG_HEAD) & 1 or order >= 11 or \
                u(pg["objects"]) != (PAGE_SIZE << order) // g.size or \
                u(pg["objects"]) > MAX_OBJS:
            self.problem("%s: slab 0x%08x: order %d holds %d objects of %d bytes" % (
                where, base, order, u(pg["objects"]), g.size))
            return False
        for i in range(1, 1 << order):
            tail = page_of(base + i * PAGE_SIZE)
            if not (u(tail["flags"]) >> PG_TAIL) & 1 or u(tail["first_page"]) != u(pg.address):
                self.problem("%s: slab 0x%08x: page %d does not point back at it" % (
                    where, base, i))
        self.nr_slabs += 1
        self.nr_objects += u(pg["objects"])
        return True

    def chain(self, pg, head, which, free):
        """verify_chain(): its length, or -1 where it breaks (said)."""
        g, base, objects, n, p = self.g, page_address(pg), u(pg["objects"]), 0, head
        while p:
            off = (p - base) & 0xffffffff
            i = off // g.size
            if p < base or i >= objects or off % g.size:
                self.problem("slab 0x%08x: %s link %d is 0x%08x, not an object of the slab" % (
                    base, which, n, p))
                return -1
            if i in free:
                self.problem("slab 0x%08x: %s reaches object %d (0x%08x) twice" % (
                    base, which, i, p))
                return -1
            free.add(i)
            n += 1
            p = read_u32(p + g.offset)
        return n

    def cpu(self, cpu, c, pages):
        if not u(c["page"]):
            if u(c["freelist"]):
                self.problem("cpu%d has a freelist 0x%08x but no slab" % (cpu, u(c["freelist"])))
            return
        pg = c["page"].dereference()
        if not self.slab_page(pg, "cpu%d" % cpu):
            return
        base = page_address(pg)
        if u(c["page"]) in pages:
            self.problem("slab 0x%08x is the slab of cpu%d and cpu%d" % (
                base, pages[u(c["page"])], cpu))
        pages.setdefault(u(c["page"]), cpu)
        if not (u(pg["flags"]) >> PG_SLUB_FROZEN) & 1:
            self.problem("cpu%d's slab 0x%08x is not frozen" % (cpu, base))
        free = set()
        own = self.chain(pg, u(c["freelist"]), "the lockless freelist", free)
        remote = self.chain(pg, u(pg["freelist"]), "page->freelist", free)
        if own >= 0 and remote >= 0 and u(pg["inuse"]) != u(pg["objects"]) - remote:
            self.problem("cpu%d's slab 0x%08x: inuse %d, but %d objects less %d on "
                         "page->freelist" % (cpu, base, u(pg["inuse"]), u(pg["objects"]),
                                             remote))

    def listed(self, pg, name):
        if not self.slab_page(pg, name):
            return
        base = page_address(pg)
        if (u(pg["flags"]) >> PG_SLUB_FROZEN) & 1:
            self.problem("%s slab 0x%08x is frozen" % (name, base))
        free = self.chain(pg, u(pg["freelist"]), "page->freelist", set())
        if free < 0:
            return
        if u(pg["inuse"]) != u(pg["objects"]) - free:
            self.problem("%s slab 0x%08x: inuse %d, but %d of %d objects are free" % (
                name, base, u(pg["inuse"]), free, u(pg["objects"])))
        if name == "partial" and not free:
            self.problem("partial slab 0x%08x has no free object" % base)
        if name == "full" and free:
            self.problem("full slab 0x%08x has %d free objects" % (base, free))

    def run(self):
        s, n = self.s, self.s["local_node"]
        pages = {}
        for cpu in range(nr_cpus()):
            c = cpu_slab(s, cpu)
            if c is not None:
                self.cpu(cpu, c, pages)
        nr_partial = 0
        for name in ("partial", "full"):
            for pg in walk_list(n[name], "struct page", "lru"):
                nr_partial += name == "partial"
                self.listed(pg, name)
        if u(n["nr_partial"]) != nr_partial:
            self.problem("nr_partial is %d, the partial list holds %d" % (u(n["nr_partial"]),
                                                                         nr_partial))
        if u(n["nr_slabs"]["counter"]) != self.nr_slabs:
            self.problem("nr_slabs is %d, the CPU, partial and full slabs are %d" % (
                u(n["nr_slabs"]["counter"]), self.nr_slabs))
        if u(n["total_objects"]["counter"]) != self.nr_objects:
            self.problem("total_objects is %d, the slabs hold %d" % (
                u(n["total_objects"]["counter"]), self.nr_objects))
        return self


def verify_lines(todo):
    """kmem_cache_verify() and do_verify()'s last line, for @todo (caches)."""
    out, errors, slabs, objects = [], 0, 0, 0
    for s in todo:
        try:
            v = Verify(s).run()
        except Inconsistent as e:
            out.append("verify: cache '%s': %s" % (s["name"].string(), e))
            errors += 1
            continue
        errors += len(v.lines)
        out += v.lines[:20]
        if len(v.lines) > 20:
            out.append("verify: cache '%s': %d more problems not shown" % (
                v.g.name, len(v.lines) - 20))
        slabs += v.nr_slabs
        objects += v.nr_objects
    if errors:
        out.append("verify: %d error%s" % (errors, "" if errors == 1 else "s"))
    else:
        out.append("verify: OK (%d caches, %d slabs, %d objects)" % (len(todo), slabs, objects))
    return out
