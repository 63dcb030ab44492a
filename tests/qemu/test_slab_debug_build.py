"""test_slab_debug_build.py - the slab_debug image (make SLAB_DEBUG=1).

CONFIG_DEBUG_SLAB is Linux's FORCED_DEBUG: kmem_cache_create() poisons
every cache and red-zones and records the user of every cache whose
objects the extra 24 bytes do not push past a power of two at a page or
more.  The kmalloc caches are created that way too, so each must have the
layout slab_model.geometry(..., slab_debug=True) gives, and Linux's DEBUG
cap on the tunables (limit 32) applies to every cache.  One boot: the
image names itself, kmalloc and a created cache work with the debug
words in place, the stress commands run clean, and then every cache's
`cache show` and slabinfo row are checked, with no error counted.
"""

import re

import slab_model
from harness import check, parse_slabinfo

BOARDS = [dict(image="slab_debug", smp=4, mem="256M")]

DEBUG = slab_model.RED_ZONE | slab_model.POISON | slab_model.STORE_USER


def break_order(board):
    return 1 if int(board.mem.rstrip("M")) > 32 else 0


def no_slab_error(board):
    check("slab error" not in board.log, "a debug check fired:\n%s" % board.log[-3000:])


def head_of_show(board, name):
    """`cache show NAME`'s flags, geometry, tunables and stats, as dicts of
    strings (flags as the flags= word), and its slab lines' pages and s_mem."""
    out = board.run_ok("cache show " + name)
    lines = out.splitlines()
    check(lines[0].startswith("cache %s: flags=" % name), out)
    fields = dict(flags=lines[0].partition("flags=")[2], slabs=[])
    for line in lines[1:]:
        head, _, rest = line.partition(": ")
        if head in ("geometry", "tunables", "stats"):
            fields[head] = dict(tok.split("=", 1) for tok in rest.split())
        elif line.startswith("slab 0x"):
            sl = dict(tok.split("=", 1) for tok in line.split()[2:])
            fields["slabs"].append((int(sl["page"], 16), int(sl["s_mem"], 16)))
    check(sorted(fields) == ["flags", "geometry", "slabs", "stats", "tunables"], out)
    return fields


def offset_in_buffer(board, name, addr):
    """How far into its buffer @addr lies, from `cache show NAME`."""
    s = head_of_show(board, name)
    slab_bytes = 4096 << int(s["geometry"]["gfporder"])
    s_mem = [m for page, m in s["slabs"] if page <= addr < page + slab_bytes]
    check(len(s_mem) == 1, "%s: 0x%08x in %d slabs" % (name, addr, len(s_mem)))
    return (addr - s_mem[0]) % int(s["geometry"]["objsize"])


def printed_geometry(size, g):
    """The geometry line's key=value pairs for model geometry @g, as text."""
    return {k: str(v) for k, v in slab_model.printed_geometry(size, g).items()}


def test_the_image_names_itself_a_slab_debug_build(board):
    lines = board.run_ok("version").splitlines()
    check(len(lines) == 3 and re.fullmatch(r"gcc \d+\.\d+\.\d+.*, newlib-nano \d+\.\d+\.\d+, "
                                           r"commit date \d{4}-\d\d-\d\d, slab_debug", lines[1]) and
          lines[2] == "Allocator: SLAB (Linux 2.6.24)", lines)
    banner = board.banner.splitlines()
    check(lines[0] + " - Linux's SLAB allocator on a Versatile Express" in banner and
          "Build: " + lines[1] in banner and lines[2] in banner, "banner:\n%s" % board.banner)


def test_kmalloc_and_a_created_cache_carry_the_debug_words(board):
    # size-32 is red-zoned: 56-byte buffers, the caller 8 bytes in, and
    # ksize() the caller's 32; size-4096 is poisoned only (4096 + 24
    # would pass 8192's bit), so ksize() is its whole buffer
    for size, cls, buf, offset in ((20, 32, 56, 8), (4000, 4096, 4096, 0)):
        out = board.run_ok("kmalloc %d" % size)
        check(out.endswith("allocated 1 object from size-%d\n" % cls), out)
        addr = int(out.splitlines()[0], 16)
        check(offset_in_buffer(board, "size-%d" % cls, addr) == offset, "0x%08x" % addr)
        check(head_of_show(board, "size-%d" % cls)["geometry"]["objsize"] == str(buf), cls)
        check(board.run_ok("ksize 0x%08x" % addr) == "0x%08x: %d bytes (size-%d)\n" %
              (addr, cls, cls), "ksize of a size-%d object" % cls)
        check(board.run_ok("kfree 0x%08x" % addr) == "freed 1 object\n", "kfree")
    # a plain figo_object gets all three; an alignment of 16 keeps only poison
    for line, size, align, flags in (("figo 20 8", 20, 8, "red_zone,poison,store_user"),
                                     ("a16 20 16", 20, 16, "poison")):
        g = slab_model.geometry(size, align, 0, break_order=break_order(board), slab_debug=True)
        out = board.run_ok("cache create " + line)
        got = dict(tok.split("=", 1) for tok in out.splitlines()[1][len("geometry: "):].split())
        check(got == printed_geometry(size, g), "%s: %s, Linux %s" % (line, got, g))
        s = head_of_show(board, line.split()[0])
        check(s["flags"] == flags == slab_model.flag_names(g["flags"]),
              "%s: %s" % (line, s["flags"]))
        check(s["tunables"]["limit"] == "32" and s["tunables"]["batchcount"] == "16", str(s))
    # figo: 48-byte buffers, the object (20 rounded to REDZONE_ALIGN: 24,
    # what ksize() says) 8 bytes in, between the red zones
    out = board.run_ok("cache alloc figo 20")
    addrs = [int(l, 16) for l in out.splitlines() if l.startswith("0x")]
    check(out.endswith("allocated 20 objects\n") and len(addrs) == 16, out)
    for a in addrs[:3]:
        check(offset_in_buffer(board, "figo", a) == 8, "0x%08x" % a)
        check(board.run_ok("ksize 0x%08x" % a) == "0x%08x: 24 bytes (figo)\n" % a, "ksize")
    for name in ("figo", "a16"):
        board.run_ok("cache free %s all" % name)
        check(board.run_ok("cache destroy " + name) == "destroyed cache %s\n" % name, name)
    no_slab_error(board)


def test_stress_runs_clean(board):
    small = board.mem == "32M"
    out = board.run_ok("slabstress 200", timeout=120)
    # on 32 MiB a CPU may never get an order-10 block for the 4 MiB class
    classes = "(?:20|19)/20" if small else "20/20"
    rows = re.findall(r"^cpu(\d): (\d+) objects, \d+ freed by another cpu, classes %s, "
                      r"DMA classes \d+/14, (\d+) failed, 0 corrupted$" % classes, out, re.M)
    check(sorted(int(r[0]) for r in rows) == list(range(board.smp)), out)
    check(all(int(r[2]) == 0 for r in rows) or small, out)
    check(re.search(r"^after shrinking every cache: (\d+) free pages \(\1 before\)$", out, re.M),
          out)
    out = board.run_ok("pages stress 100", timeout=120)
    for cpu in range(board.smp):
        check(re.search(r"^cpu%d: 100 rounds, \d+ blocks allocated and freed, 0 failed, "
                        r"0 corrupted$" % cpu, out, re.M), out)
    check(re.search(r"^%d CPUs in \d+ us; free lists as before$" % board.smp, out, re.M), out)
    no_slab_error(board)


def test_every_cache_has_linuxs_forced_debug_layout(board):
    rows = parse_slabinfo(board.run_ok("slabinfo"))
    check(len(rows) == 41, "caches: %s" % [n for n, _ in rows])
    red_zoned = poisoned_only = 0
    for name, v in rows:
        s = head_of_show(board, name)
        check(s["stats"]["errors"] == "0", "%s: %s" % (name, s["stats"]))
        debug = name != "kmem_cache"    # static: kmem_cache_create() never saw it
        tun = slab_model.tunables(v["objsize"], board.smp, debug=True)
        check((v["limit"], v["batchcount"], v["shared"]) == tun, "%s: %s, Linux %s" %
              (name, v, tun))
        check(s["tunables"] == dict(limit=str(tun[0]), batchcount=str(tun[1]),
                                    shared=str(tun[2])), "%s: %s" % (name, s["tunables"]))
        check(v["num_objs"] == v["num_slabs"] * v["objperslab"] and
              v["active_objs"] <= v["num_objs"] and v["active_slabs"] <= v["num_slabs"],
              "%s: %s" % (name, v))
        if not debug:
            check(s["flags"] == "none" and s["geometry"]["obj_offset"] == "0", str(s))
            continue
        m = re.fullmatch(r"size-(\d+)(\(DMA\))?", name)
        size = int(m.group(1))
        g = slab_model.geometry(size, 8, slab_model.HWCACHE_ALIGN,
                                break_order=break_order(board), slab_debug=True)
        flags = g["flags"] | slab_model.PANIC | (slab_model.CACHE_DMA if m.group(2) else 0)
        check(s["flags"] == slab_model.flag_names(flags), "%s: flags=%s" % (name, s["flags"]))
        check(s["geometry"] == printed_geometry(size, g),
              "%s: %s, Linux %s" % (name, s["geometry"], printed_geometry(size, g)))
        check((v["objsize"], v["objperslab"], v["pagesperslab"]) ==
              (g["buffer_size"], g["num"], 1 << g["gfporder"]), "%s: %s" % (name, v))
        red_zoned += bool(g["flags"] & slab_model.RED_ZONE)
        poisoned_only += (g["flags"] & DEBUG) == slab_model.POISON
    # Linux's rule: red zones up to size-2048, poison alone from size-4096
    check((red_zoned, poisoned_only) == (18, 22), "%d red-zoned, %d poisoned only" %
          (red_zoned, poisoned_only))
    no_slab_error(board)
