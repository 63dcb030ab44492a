"""slab_common.py - what the gdb commands of scripts/gdb/slablab.py (SLAB's
views) and scripts/gdb/slub_views.py (SLUB's) share: reading target
memory through gdb, bounded list walks, the CPUs, the address of a page.

Everything here reads only.  A walk that does not add up raises
Inconsistent, which the commands print as "inconsistent: ..." instead of
looping or trusting it.
"""

import gdb

PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
CPU_ONLINE = 2
WALK_MAX = 1 << 20           # list links followed before a walk gives up
MAP_ROW = 64                 # a map's object marks per row, as the shell's


class Inconsistent(Exception):
    pass


def ev(expr):
    return gdb.parse_and_eval(expr)


def u(v):
    return int(v) & 0xffffffff


def offset_of(type_name, member):
    return u(ev("(unsigned long)&((%s *)0)->%s" % (type_name, member)))


def walk_list(head, type_name, member):
    """The entries of the list at @head (a struct list_head value), bounded."""
    head_addr = u(head.address)
    off = offset_of(type_name, member)
    ptr_t = gdb.lookup_type(type_name).pointer()
    seen, p = set(), u(head["next"])
    while p != head_addr:
        if p in seen or len(seen) >= WALK_MAX or p == 0:
            raise Inconsistent("list at 0x%08x does not come back to its head" % head_addr)
        seen.add(p)
        yield gdb.Value(p - off).cast(ptr_t).dereference()
        p = u(gdb.Value(p).cast(gdb.lookup_type("struct list_head").pointer())["next"])


def cpu_online(cpu):
    return int(ev("cpu_info[%d].state" % cpu)) == CPU_ONLINE


def nr_cpus():
    return int(ev("sizeof(cpu_info) / sizeof(cpu_info[0])"))


def present_cpus():
    return int(ev("present_cpus"))


def read_u32(addr):
    return u(gdb.Value(addr).cast(gdb.lookup_type("unsigned int").pointer()).dereference())


def page_of(addr):
    """@addr's struct page (a gdb value), or None outside mem_map."""
    pfn = addr >> PAGE_SHIFT
    lo, hi = u(ev("min_low_pfn")), u(ev("max_pfn"))
    if not lo <= pfn < hi:
        return None
    return ev("mem_map[%d]" % (pfn - lo))


def page_address(page):
    """The address of the memory a struct page (a gdb value) describes."""
    size = gdb.lookup_type("struct page").sizeof
    index = (u(page.address) - u(ev("mem_map"))) // size
    return (index + u(ev("min_low_pfn"))) << PAGE_SHIFT


def ruler(width):
    """cache map's "index   0         10 ..." line over @width marks."""
    line, length = "index   ", 0
    for col in range(0, width, 10):
        label = str(col)
        line += " " * (0 if col == 0 else 10 - length) + label
        length = len(label)
    return line


def is_slub():
    """True on the SLUB image (make SLAB=slub): its cache chain is slab_caches."""
    return gdb.lookup_symbol("slab_caches")[0] is not None
