"""slab_model.py - Linux 2.6.24's slab geometry for the board, in Python.

An independent reading of mm/slab.c (kmem_cache_create, cache_estimate,
calculate_slab_order, kmem_cache_init) for a 32-bit ARM EABI kernel with
4 KiB pages: BYTES_PER_WORD 4, sizeof(struct slab) 28, sizeof(kmem_bufctl_t)
4, ARCH_SLAB_MINALIGN 8, cache lines of 32 bytes, KMALLOC_MAX_ORDER 10,
slab_break_gfp_order 1 (more than 32 MiB of memory).  With the DEBUG path
(red zones, the user word, REDZONE_ALIGN, obj_offset) and FORCED_DEBUG for a
slab_debug build.  The QEMU tests check the firmware against it;
tests/host/test_slab_geometry.c pins its numbers.
"""

PAGE = 4096
WORD = 4
SLAB_DESC = 28
BUFCTL = 4
LINE = 32
MINALIGN = 8
MAX_ORDER = 10
BREAK_ORDER = 1
RED_ZONE = 0x400
POISON = 0x800
HWCACHE_ALIGN = 0x2000
CACHE_DMA = 0x4000
STORE_USER = 0x10000
RECLAIM_ACCOUNT = 0x20000
PANIC = 0x40000
REDZONE_ALIGN = 8   # max(BYTES_PER_WORD, __alignof__(unsigned long long))
ULL_ALIGN = 8
KMALLOC_SIZES = [32, 64, 96, 128, 192, 256] + [512 << i for i in range(14)]


def align_up(x, a):
    return (x + a - 1) // a * a


def mgmt_size(nr, align):
    return align_up(SLAB_DESC + nr * BUFCTL, align)


def estimate(order, size, align, off_slab):
    slab = PAGE << order
    if off_slab:
        nr = slab // size
        mgmt = 0
    else:
        nr = (slab - SLAB_DESC) // (size + BUFCTL)
        # Linux decrements a guess of 0 too; its -1 then passes for
        # SLAB_LIMIT objects (alignments over a page).  slablab does not.
        if nr and mgmt_size(nr, align) + nr * size > slab:
            nr -= 1
        mgmt = mgmt_size(nr, align) if nr else 0
    return nr, slab - nr * size - mgmt


def forced_debug(size, flags):
    """FORCED_DEBUG (CONFIG_DEBUG_SLAB): the flags kmem_cache_create adds."""
    fls = lambda x: x.bit_length()
    if size < 4096 or fls(size - 1) == fls(size - 1 + REDZONE_ALIGN + 16):
        flags |= RED_ZONE | STORE_USER
    return flags | POISON


def geometry(size, align=0, flags=0, break_order=BREAK_ORDER, early=False, slab_debug=False):
    """dict(buffer_size, align, num, gfporder, colour, colour_off, slab_size, off_slab,
    flags, obj_offset, object_size, left_over)"""
    if slab_debug:
        flags = forced_debug(size, flags)
    size = align_up(size, WORD)
    if flags & HWCACHE_ALIGN:
        ralign = LINE
        while size <= ralign // 2:
            ralign //= 2
    else:
        ralign = WORD
    if flags & STORE_USER:
        ralign = WORD
    if flags & RED_ZONE:
        ralign = REDZONE_ALIGN
        size = align_up(size, REDZONE_ALIGN)
    ralign = max(ralign, MINALIGN, align)
    if ralign > ULL_ALIGN:
        flags &= ~(RED_ZONE | STORE_USER)
    object_size, obj_offset = size, 0
    if flags & RED_ZONE:
        obj_offset = 8
        size += 16
    if flags & STORE_USER:
        size += REDZONE_ALIGN if flags & RED_ZONE else WORD
    off_slab = size >= PAGE // 8 and not early
    size = align_up(size, ralign)
    num = order = left = None
    for o in range(MAX_ORDER + 1):
        n, rem = estimate(o, size, ralign, off_slab)
        if not n:
            continue
        if off_slab and n > (size - SLAB_DESC) // BUFCTL:
            break
        num, order, left = n, o, rem
        if flags & RECLAIM_ACCOUNT or o >= break_order or left * 8 <= PAGE << o:
            break
    if num is None:
        return None
    slab_size = mgmt_size(num, ralign)
    if off_slab and left >= slab_size:
        off_slab = False
        left -= slab_size
    if off_slab:
        slab_size = num * BUFCTL + SLAB_DESC
    colour_off = max(LINE, ralign)
    return dict(buffer_size=size, align=ralign, num=num, gfporder=order,
                colour=left // colour_off, colour_off=colour_off,
                slab_size=slab_size, off_slab=off_slab, flags=flags,
                obj_offset=obj_offset, object_size=object_size, left_over=left)


def general_cache(size, slab_debug=False):
    """A kmalloc cache: ARCH_KMALLOC_MINALIGN 8, SLAB_HWCACHE_ALIGN."""
    return geometry(size, 8, HWCACHE_ALIGN, slab_debug=slab_debug)


def flag_names(flags):
    """The flags= of `cache show` for @flags (no ctor)."""
    names = [n for n, f in (("hwcache_align", HWCACHE_ALIGN), ("dma", CACHE_DMA),
                            ("reclaim", RECLAIM_ACCOUNT), ("panic", PANIC),
                            ("red_zone", RED_ZONE), ("poison", POISON),
                            ("store_user", STORE_USER)) if flags & f]
    return ",".join(names) or "none"


def tunables(buffer_size, ncpus, debug=False):
    """enable_cpucache(): (limit, batchcount, shared).  @debug: a cache with
    debug flags, or any cache of a slab_debug build (Linux's #if DEBUG)."""
    if buffer_size > 131072:
        limit = 1
    elif buffer_size > PAGE:
        limit = 8
    elif buffer_size > 1024:
        limit = 24
    elif buffer_size > 256:
        limit = 54
    else:
        limit = 120
    if debug:
        limit = min(limit, 32)      # whole batches are checked with interrupts off
    shared = 8 if buffer_size <= PAGE and ncpus > 1 else 0
    return limit, (limit + 1) // 2, shared


def printed_geometry(size, g):
    """The key=value fields of the firmware's geometry line for a cache of
    @size bytes with model geometry @g (a dict from geometry())."""
    want = dict(size=size, objsize=g["buffer_size"], align=g["align"], num=g["num"],
                gfporder=g["gfporder"], colour=g["colour"], colour_off=g["colour_off"],
                slab_size=g["slab_size"], off_slab=int(g["off_slab"]),
                obj_offset=g["obj_offset"], left_over=g["left_over"])
    if g["off_slab"]:
        want["slabp_cache"] = "size-%d" % min(s for s in KMALLOC_SIZES if s >= g["slab_size"])
    return want
