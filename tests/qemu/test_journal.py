"""test_journal.py - `cache trace` and `cache journal`: an object's travel, live and afterwards.

Each scenario predicts every event exactly from Linux 2.6.24's algorithm
(an untouched array's first refill is min(batchcount, 16) objects from the
first slab, objects leave the array from its top, a drain frees the array
from its bottom) and checks each line's fields and its exact layout: the
trace and the journal print the same line, "#SEQ cpuN SECONDS.MICROS
EVENT OBJECT CALLER".  The automatic reaper is off, so nothing moves
between commands; the reaper's own moves are asked for with `reap`.

Written for any board: the "other" CPU is the last one (board.smp - 1).
"""

import re
import time

import slab_model
from harness import check, needs

BATCHREFILL_LIMIT = 16
LINE = re.compile(r"#(\d+) +cpu(\d+) +(\d+)\.(\d{6}) (\S+) +0x([0-9a-f]{8}) (\S+)")
REPORT = re.compile(r"trace (\S+): (between commands, )?cpu(\d)( \w+)?: (.*)")


def quiet(board):
    check(board.run_ok("reap auto off") == "automatic reaping is off\n", "reap auto off")


def kv(text):
    return {k: int(v) if v.isdigit() else v for k, v in (t.split("=") for t in text.split())}


def create(board, line):
    out = board.run_ok("cache create " + line)
    lines = out.splitlines()
    check(len(lines) == 2 and lines[0] == "created cache " + line.split()[0], out)
    return kv(lines[1][len("geometry: "):])


def code_address(caller):
    """The caller column of an API call: an address, and not NULL."""
    return re.fullmatch(r"0x[0-9a-f]{8}", caller) and int(caller, 16) != 0


def parse_event(text):
    """One event line (no "trace NAME: " prefix) -> dict; its layout must be exact."""
    m = LINE.fullmatch(text)
    check(m, "not an event line: %r" % text)
    ev = dict(seq=int(m.group(1)), cpu=int(m.group(2)),
              us=int(m.group(3)) * 1000000 + int(m.group(4)), type=m.group(5),
              obj=int(m.group(6), 16), caller=m.group(7))
    want = "#%-6d cpu%d %5d.%06d %-12s 0x%08x %s" % (
        ev["seq"], ev["cpu"], ev["us"] // 1000000, ev["us"] % 1000000, ev["type"],
        ev["obj"], ev["caller"])
    check(text == want, "layout: %r, want %r" % (text, want))
    return ev


def split_trace(out, name):
    """A command's output -> (its trace events of @name in order, the other lines);
    the report lines after the command (reports()) are left out."""
    events, rest = [], []
    prefix = "trace %s: " % name
    for line in out.splitlines():
        if REPORT.match(line):
            continue
        if line.startswith(prefix):
            events.append(parse_event(line[len(prefix):]))
        else:
            check(not line.startswith("trace "), "another cache's trace line: %r" % line)
            rest.append(line)
    return events, rest


def journal(board, name, addr=None):
    """`cache journal NAME [ADDR]` -> (events, summary dict)."""
    out = board.run_ok("cache journal %s%s" % (name, " 0x%08x" % addr if addr else ""))
    lines = out.splitlines()
    m = re.fullmatch(r"(\d+) events?%s \((\d+) kept, (\d+) recorded\)" %
                     (" of 0x%08x" % addr if addr else ""), lines[-1])
    check(m, "journal summary: %r" % lines[-1])
    events = [parse_event(l) for l in lines[:-1]]
    check(len(events) == int(m.group(1)), "journal count:\n" + out)
    return events, dict(kept=int(m.group(2)), recorded=int(m.group(3)))


def expect(events, want, first_seq):
    """@events are exactly @want: (type, obj, cpu, caller), numbered from @first_seq,
    times never going back."""
    got = [(e["type"], e["obj"], e["cpu"], e["caller"]) for e in events]
    check(got == want, "events:\n%s\nwant\n%s" % (
        "\n".join("%s 0x%08x cpu%d %s" % g for g in got),
        "\n".join("%s 0x%08x cpu%d %s" % w for w in want)))
    check([e["seq"] for e in events] == list(range(first_seq, first_seq + len(events))),
          "numbers: %s" % [e["seq"] for e in events])
    check(all(a["us"] <= b["us"] for a, b in zip(events, events[1:])), "time went back")


@needs(cpus=2)
def test_an_object_travels_from_alloc_to_a_destroyed_slab(board):
    quiet(board)
    other = board.smp - 1
    g = create(board, "jtravel 64")
    limit, batch, _ = slab_model.tunables(g["objsize"], board.smp)
    refill = min(batch, BATCHREFILL_LIMIT)
    check(board.run_ok("cache trace jtravel events") == "trace jtravel: events\n", "events")

    # alloc 3 on cpu0: grow, one refill from the new slab, the top three out
    events, rest = split_trace(board.run_ok("cache alloc jtravel 3"), "jtravel")
    page = events[0]["obj"]
    s_mem = page + g["slab_size"]           # on-slab management, the first colour
    obj = [s_mem + i * g["objsize"] for i in range(g["num"])]
    site = events[0]["caller"]
    check(code_address(site), "an API call's caller is its address: " + site)
    top = [obj[refill - 1], obj[refill - 2], obj[refill - 3]]
    expect(events, [("grow", page, 0, site)] +
           [("slab->cpu", obj[i], 0, site) for i in range(refill)] +
           [("alloc", o, 0, site) for o in top], 0)
    check(rest == ["0x%08x" % o for o in top] + ["allocated 3 objects"], "\n".join(rest))
    seq = refill + 4

    # freed on another CPU: one event there, into its (empty) array
    traveller = top[0]
    events, rest = split_trace(board.run_ok("cpu %d cache free jtravel 0x%08x" %
                                            (other, traveller)), "jtravel")
    free_site = events[0]["caller"]
    check(free_site != site and code_address(free_site), free_site)
    expect(events, [("free", traveller, other, free_site)], seq)
    check(rest == ["freed 1 object"], "\n".join(rest))
    seq += 1

    # off: nothing printed, the journal goes on
    check(board.run_ok("cache trace jtravel off") == "trace jtravel: off\n", "trace off")
    out = board.run_ok("cache alloc jtravel")
    check(out == "0x%08x\nallocated 1 object\n" % obj[refill - 4], out)
    events, summary = journal(board, "jtravel")
    check(summary == dict(kept=seq + 1, recorded=seq + 1), str(summary))
    expect(events[-2:], [("free", traveller, other, free_site),
                         ("alloc", obj[refill - 4], 0, site)], seq - 1)
    seq += 1

    # everything back, then shrink: every array drained, the slab destroyed
    check(board.run_ok("cache trace jtravel events") == "trace jtravel: events\n", "again")
    back = top[1:] + [obj[refill - 4]]
    events, rest = split_trace(board.run_ok("cache free jtravel " +
                                            " ".join("0x%08x" % o for o in back)), "jtravel")
    expect(events, [("free", o, 0, free_site) for o in back], seq)
    seq += len(back)
    events, rest = split_trace(board.run_ok("cache shrink jtravel"), "jtravel")
    check(rest == ["shrink jtravel: freed %d page%s" % (1 << g["gfporder"],
                                                        "" if g["gfporder"] == 0 else "s")],
          "\n".join(rest))
    # the CPUs drain at once (an IPI each): each CPU's events in order, the slab last
    cpu0 = [e for e in events if e["cpu"] == 0 and e["type"] == "cpu->slab"]
    mine = [e for e in events if e["cpu"] == other]
    drained = obj[:refill - 4] + back
    expect_each = [("cpu->slab", o, 0, "kmem_cache_shrink") for o in drained]
    check([(e["type"], e["obj"], e["cpu"], e["caller"]) for e in cpu0] == expect_each,
          "cpu0's drain: %s" % cpu0)
    check([(e["type"], e["obj"], e["cpu"], e["caller"]) for e in mine] ==
          [("cpu->slab", traveller, other, "kmem_cache_shrink")], "cpu%d's: %s" % (other, mine))
    check(len(events) == len(drained) + 2, "shrink printed %d events" % len(events))
    check(sorted(e["seq"] for e in events) == list(range(seq, seq + len(events))), "numbers")
    last = events[-1]
    check((last["type"], last["obj"], last["cpu"], last["caller"], last["seq"]) ==
          ("destroy", page, 0, "kmem_cache_shrink", seq + len(events) - 1), str(last))
    seq += len(events)

    # the traveller's own story, from the journal
    events, summary = journal(board, "jtravel", traveller)
    check(summary == dict(kept=seq, recorded=seq), str(summary))
    got = [(e["type"], e["cpu"], e["caller"]) for e in events]
    check(got == [("grow", 0, site), ("slab->cpu", 0, site), ("alloc", 0, site),
                  ("free", other, free_site), ("cpu->slab", other, "kmem_cache_shrink"),
                  ("destroy", 0, "kmem_cache_shrink")], "the traveller: %s" % got)
    check([e["obj"] for e in events] == [page, traveller, traveller, traveller, traveller,
                                         page], "objects")
    check(board.run_ok("cache trace jtravel off") == "trace jtravel: off\n", "off")
    check(board.run_ok("cache destroy jtravel") == "destroyed cache jtravel\n", "destroy")


def test_reaper_moves_are_named_cache_reap(board):
    quiet(board)
    g = create(board, "jreap 64")
    limit, batch, _ = slab_model.tunables(g["objsize"], board.smp)
    board.run_ok("cache alloc jreap %d" % limit)
    board.run_ok("cache free jreap all")     # cpu0's array: full, and touched
    check(board.run_ok("cache trace jreap events") == "trace jreap: events\n", "events")
    events, _ = split_trace(board.run_ok("reap"), "jreap")
    check(events == [], "the first pass only clears touched: %s" % events)
    events, _ = split_trace(board.run_ok("reap"), "jreap")
    drain = (limit + 4) // 5
    check(len(events) == drain, "a fifth of the limit: %d events" % len(events))
    check(all((e["type"], e["cpu"], e["caller"]) == ("cpu->slab", 0, "cache_reap")
              for e in events), "reap events: %s" % events)
    check(len({e["obj"] for e in events}) == drain, "each object once")
    board.run_ok("cache trace jreap off")
    board.run_ok("cache shrink jreap")
    check(board.run_ok("cache destroy jreap") == "destroyed cache jreap\n", "destroy")


def test_a_store_user_cache_keeps_a_journal_from_creation(board):
    quiet(board)
    create(board, "jplain 64")
    check(board.run_ok("cache journal jplain") ==
          "cache jplain has no journal: create it with store_user or turn trace on\n",
          "no journal")
    g = create(board, "juser 64 store_user")
    events, summary = journal(board, "juser")
    check(events == [] and summary == dict(kept=0, recorded=0), str(summary))
    out = board.run_ok("cache alloc juser")
    addr = int(out.splitlines()[0], 16)
    check(out == "0x%08x\nallocated 1 object\n" % addr, "no trace: %r" % out)
    # a debug cache's limit is at most 32: batchcount 16, the whole first refill
    limit, batch, _ = slab_model.tunables(g["objsize"], board.smp)
    refill = min(min(limit, 32) + 1 >> 1, BATCHREFILL_LIMIT)
    events, summary = journal(board, "juser")
    check(summary == dict(kept=refill + 2, recorded=refill + 2), str(summary))
    check([e["type"] for e in events] == ["grow"] + ["slab->cpu"] * refill + ["alloc"],
          "journal: %s" % [e["type"] for e in events])
    check(events[-1]["obj"] == addr and events[-2]["obj"] == addr, "the last refilled goes out")
    events, summary = journal(board, "juser", addr)
    check([e["type"] for e in events] == ["grow", "slab->cpu", "alloc"], str(events))
    board.run_ok("cache free juser all")
    board.run_ok("cache shrink juser")
    check(board.run_ok("cache destroy juser") == "destroyed cache juser\n", "destroy")
    check(board.run_ok("cache destroy jplain") == "destroyed cache jplain\n", "destroy")


def test_refused_trace_and_journal_commands_change_nothing(board):
    quiet(board)
    create(board, "jbad 64")
    for line, err in [
            ("cache trace jbad", "error: cache trace: expected NAME on|events|off"),
            ("cache trace jbad maybe", "error: cache trace: expected NAME on|events|off"),
            ("cache trace jbad on off", "error: cache trace: expected NAME on|events|off"),
            ("cache trace nosuch on", "error: no cache named 'nosuch'"),
            ("cache journal jbad 1 2", "error: cache journal: expected NAME [ADDR]"),
            ("cache journal jbad zz", "error: bad address 'zz': not a number"),
            ("cache journal nosuch", "error: no cache named 'nosuch'")]:
        check(board.run_error(line) == err, "%s: %s" % (line, board.log[-300:]))
    # still untraced and without a journal
    out = board.run_ok("cache alloc jbad")
    check(re.fullmatch(r"0x[0-9a-f]{8}\nallocated 1 object\n", out), out)
    check(board.run_ok("cache journal jbad") ==
          "cache jbad has no journal: create it with store_user or turn trace on\n", "journal")
    board.run_ok("cache free jbad all")
    board.run_ok("cache shrink jbad")
    check(board.run_ok("cache destroy jbad") == "destroyed cache jbad\n", "destroy")


# ---- the report after each command (`cache trace NAME on`) ----------------

def reports(out, name):
    """The report lines of @name in a command's output, without "trace NAME: "."""
    got = []
    for line in out.splitlines():
        m = REPORT.fullmatch(line)
        if m:
            check(m.group(1) == name, "another cache's report: %r" % line)
            got.append(line[len("trace %s: " % name):])
        else:
            check(not line.startswith("trace "), "an event line with trace on: %r" % line)
    return got


def model_refills(n, num, batch, colours):
    """One CPU allocates @n objects from an empty cache (cache_alloc_refill):
    -> (refills [(kind, objects)], colours of the slabs grown in order)."""
    slabs, avail, touched, refills, grown = [], 0, False, [], []
    for _ in range(n):
        if avail == 0:
            want, kind = (batch if touched else min(batch, BATCHREFILL_LIMIT)), "slabs"
            while avail == 0:
                for i, inuse in enumerate(slabs):
                    take = min(want - avail, num - inuse)
                    slabs[i] += take
                    avail += take
                if avail == 0:
                    grown.append(len(grown) % max(colours, 1))
                    slabs.append(0)
                    kind = "grown"
            refills.append((kind, avail))
            touched = True
        avail -= 1
    return refills, grown


def plural(n, word, many=None):
    return "%d %s" % (n, word if n == 1 else many or word + "s")


def grown_part(line, colours_grown):
    """The "N grown: slab A colour C, ..." of @line, checked against the model's
    colours (the newest four, then "..."); -> the slab addresses it names."""
    named = re.findall(r"slab (0x[0-9a-f]{8}) colour (\d+)", line)
    shown = colours_grown[-4:]
    check([int(c) for _, c in named] == shown, "colours %s, want %s: %s" %
          (named, shown, line))
    return [a for a, _ in named]


@needs(cpus=3)
def test_trace_on_reports_what_each_command_made_the_allocator_do(board):
    """Allocate on cpu1, free on cpu2, reap, shrink: after each, one line per
    CPU and kind of work with the exact counts of Linux's algorithm: refills
    (from slabs, or grown with each new slab and its colour), flushes to the
    shared array, the reaper's and the shrink's moves to the slabs, and the
    slabs destroyed; the colours are the slabs' own (cache show's colouroff)."""
    quiet(board)
    g = create(board, "jsum 200")
    limit, batch, shared = slab_model.tunables(g["objsize"], board.smp)
    check(board.run_ok("cache trace jsum on") == "trace jsum: on\n", "on")

    n = limit + batch + 5
    refills, grown = model_refills(n, g["num"], batch, g["colour"])
    out = board.run_ok("cpu 1 cache alloc jsum %d" % n)
    got = reports(out, "jsum")
    check(len(got) == 1, "one report line: %s" % got)
    brought = sum(c for _, c in refills)
    kinds = [k for k, _ in refills]
    addrs = grown_part(got[0], grown)
    parts = []
    if kinds.count("slabs"):
        parts.append("%d from slabs" % kinds.count("slabs"))
    slabs = ", ".join("slab %s colour %d" % (a, c) for a, c in zip(addrs, grown[-4:]))
    parts.append("%d grown: %s%s" % (kinds.count("grown"), slabs, ", ..." if len(grown) > 4 else ""))
    want = "cpu1: %s, 0 frees; %s of %s (%s); 0 flushes" % (
        plural(n, "alloc"), plural(len(refills), "refill"), plural(brought, "object"),
        ", ".join(parts))
    check(got[0] == want, "got  %s\nwant %s" % (got[0], want))
    show = board.run_ok("cache show jsum")
    colouroff = {int(m.group(2), 16): int(m.group(1)) for m in
                 re.finditer(r"^slab .*colouroff=(\d+) .*page=(0x[0-9a-f]{8})$", show, re.M)}
    for a, c in zip(addrs, grown[-4:]):
        check(colouroff[int(a, 16)] == c * g["colour_off"] + g["slab_size"],
              "slab %s: colouroff %d for colour %d" % (a, colouroff[int(a, 16)], c))

    # cpu2's array fills to its limit, then each free that finds it full flushes a batch
    flushes = (n - limit - 1) // batch + 1
    out = board.run_ok("cpu 2 cache free jsum all")
    want = ["cpu2: 0 allocs, %s; 0 refills; %s of %s (to the shared array)" % (
        plural(n, "free"), plural(flushes, "flush", "flushes"),
        plural(flushes * batch, "object"))]
    check(reports(out, "jsum") == want, "got  %s\nwant %s" % (reports(out, "jsum"), want))

    # a reaping pass once the node's timer is due: cpu0 drains the shared array's
    # fifth, cpu1 (it allocated: touched) none, cpu2 (idle) a fifth of its limit
    due = float(re.search(r"due (?:in (\d+\.\d\d) s|now)$", show).group(1) or 0)
    if due:
        board.run_ok("sleep %.2f" % (due + 0.05))
    before = slab_count(board)
    out = board.run_ok("reap")
    in_shared = flushes * batch
    from_shared = min((shared * batch + 4) // 5, in_shared)
    from_cpu2 = min((limit + 4) // 5, n - flushes * batch)
    got = reports(out, "jsum")
    destroyed = before - slab_count(board)
    check(strip_destroyed(got) == [
        "cpu0 cache_reap: %s to slabs (from the shared array)" % plural(from_shared, "object"),
        "cpu2 cache_reap: %s to slabs (from cpu2's array)" % plural(from_cpu2, "object")],
        "\n".join(got))
    check(destroyed_in(got) == destroyed, "destroyed %d: %s" % (destroyed, got))

    # shrink: each CPU drains its own array (an IPI), cpu0 the shared array, then
    # every slab goes
    cpu1_avail = brought - n
    before = slab_count(board)
    out = board.run_ok("cache shrink jsum")
    got = reports(out, "jsum")
    check(strip_destroyed(got) == [
        "cpu0 kmem_cache_shrink: %s to slabs (from the shared array)" %
        plural(in_shared - from_shared, "object"),
        "cpu1 kmem_cache_shrink: %s to slabs (from cpu1's array)" % plural(cpu1_avail, "object"),
        "cpu2 kmem_cache_shrink: %s to slabs (from cpu2's array)" %
        plural(n - flushes * batch - from_cpu2, "object")], "\n".join(got))
    check(destroyed_in(got) == before and slab_count(board) == 0, "destroyed: %s" % got)

    # nothing moved: no line; off: no line either
    check(reports(board.run_ok("cache show jsum"), "jsum") == [], "a quiet command")
    check(board.run_ok("cache trace jsum off") == "trace jsum: off\n", "off")
    check(board.run_ok("cache alloc jsum 1").splitlines()[-1] == "allocated 1 object", "off")
    board.run_ok("cache free jsum all")
    check(board.run_ok("cache destroy jsum") == "destroyed cache jsum\n", "destroy")


def slab_count(board):
    return len(re.findall(r"^slab 0x", board.run_ok("cache show jsum"), re.M))


DESTROYED = re.compile(r"; (\d+) slabs? destroyed$")


def strip_destroyed(lines):
    return [DESTROYED.sub("", l) for l in lines]


def destroyed_in(lines):
    return sum(int(m.group(1)) for m in map(DESTROYED.search, lines) if m)


def test_moves_between_commands_are_reported_before_the_next(board):
    """With the automatic reaper on, what it moves while the shell waits for a
    line is reported before the next command's own output, saying so."""
    quiet(board)
    g = create(board, "jidle 200")
    limit, _, _ = slab_model.tunables(g["objsize"], board.smp)
    board.run_ok("cache alloc jidle %d" % (limit // 2))
    board.run_ok("cache free jidle all")        # all in cpu0's array: none shared
    check(board.run_ok("cache trace jidle on") == "trace jidle: on\n", "on")
    board.run_ok("reap auto on")
    lines = []
    for _ in range(30):                         # the reaper passes every 2 s
        time.sleep(1)
        lines = board.run_ok("version").splitlines()
        if lines[0].startswith("trace "):
            break
    check(lines[0].startswith("trace jidle: between commands, cpu0 cache_reap: "), lines)
    m = re.fullmatch(r"trace jidle: between commands, cpu0 cache_reap: (\d+) objects to "
                     r"slabs \(from cpu0's array\)(; \d+ slabs? destroyed)?", lines[0])
    check(m and int(m.group(1)) % ((limit + 4) // 5) == 0, lines[0])
    check(lines[1].startswith("slablab "), "then the command's output: %s" % lines)
    quiet(board)
    board.run_ok("cache trace jidle off")
    board.run_ok("cache shrink jidle")
    check(board.run_ok("cache destroy jidle") == "destroyed cache jidle\n", "destroy")
