"""test_slub_journal.py - `cache trace` and `cache journal` on SLUB (make SLAB=slub).

Every event is predicted from Linux 2.6.32's mm/slub.c, by the names it
counts them under: a CPU with no slab takes one from the partial list
(get_partial) or a new one (new_slab) and hands its objects out in
address order; a CPU slab that runs out is refilled from the objects
other CPUs freed into it (alloc_refill) or given up (deactivate_slab:
full, to the partial list's head or tail, empty); a free into another
CPU's slab stays there (free_frozen), a free into a full slab makes it
partial (add_partial), the last free gives its pages back (discard_slab);
kmem_cache_shrink flushes every CPU slab (flush_slab).  The tally lines
after each command say the same per CPU.  The scenario's cache holds 4
objects of 8000 bytes per slab (order 3), so each step is a few events.

The events are checked by type, object (or slab), CPU and caller; the
line layout is test_journal.py's, shared with SLAB.
"""

import re

from harness import check, needs
from test_journal import REPORT, expect, journal, parse_event
from test_slub import quiet_state

BOARDS = [dict(image="slub", smp=4, mem="256M")]

GEOMETRY = ("geometry: size=8000 objsize=8000 inuse=8000 offset=0 order=3 objects=4 "
            "min_order=1 min_objects=1 min_partial=10 align=8 flags=none")


def run(board, line, name="big"):
    """A command -> (its events, its report lines, the other lines)."""
    events, reports, rest = [], [], []
    for text in board.run_ok(line).splitlines():
        if REPORT.fullmatch(text):
            reports.append(text)
        elif text.startswith("trace %s: " % name):
            events.append(parse_event(text[len("trace %s: " % name):]))
        else:
            rest.append(text)
    return events, reports, rest


class Scenario:
    """The journal as it should be: each step's events appended, then compared."""

    def __init__(self, board):
        self.board, self.want, self.seq = board, [], 0

    def step(self, line, want, reports):
        events, got_reports, _ = run(self.board, line)
        expect(events, want, self.seq)
        check(got_reports == reports, "%s: reports\n%s\nwant\n%s" % (
            line, "\n".join(got_reports), "\n".join(reports)))
        self.seq += len(events)
        self.want += want
        return events


def caller_of(events):
    c = events[-1]["caller"]
    check(re.fullmatch(r"0x[0-9a-f]{8}", c) and int(c, 16), "an API caller: " + c)
    return c


@needs(cpus=2)
def test_slub_events_alloc_refill_remote_free_shrink(board):
    before = quiet_state(board)
    out = board.run_ok("cache create big 8000 8")
    check(out == "created cache big\n%s\n" % GEOMETRY, out)
    check(board.run_ok("cache trace big events") == "trace big: events\n", "trace events")
    sc = Scenario(board)

    # cpu0: a new slab A, its objects in address order (the first on the slow path)
    events, _, rest = run(board, "cache alloc big 4")
    a = events[0]["obj"]
    A = [a + i * 8000 for i in range(4)]
    alloc = caller_of(events)
    expect(events, [("new_slab", a, 0, alloc)] + [("alloc", o, 0, alloc) for o in A], 0)
    check(rest == ["0x%08x" % o for o in A] + ["allocated 4 objects"], rest)
    check(run(board, "cache journal big")[2][-1] == "5 events (5 kept, 5 recorded)", "kept")
    sc.seq = 5
    sc.want = [("new_slab", a, 0, alloc)] + [("alloc", o, 0, alloc) for o in A]

    # cpu0 again: A is full (deactivated to the full list), a new slab B
    events, _, _ = run(board, "cache alloc big 1")
    b = events[1]["obj"]
    B = [b + i * 8000 for i in range(4)]
    want = [("deact_full", a, 0, alloc), ("new_slab", b, 0, alloc), ("alloc", B[0], 0, alloc)]
    expect(events, want, sc.seq)
    sc.seq += 3
    sc.want += want

    # cpu1 frees A0: A was full, now partial (at the tail)
    events, reports, _ = run(board, "cpu 1 cache free big 0x%08x" % A[0])
    free = caller_of(events)
    want = [("free", A[0], 1, free), ("add_partial", a, 1, free)]
    expect(events, want, sc.seq)
    check(reports == ["trace big: cpu1: 0 allocs, 1 free (1 add_partial); no slab moved"],
          reports)
    sc.seq += 2
    sc.want += want

    # cpu1 allocates: it has no slab, so it takes A from the partial list
    sc.step("cpu 1 cache alloc big 1", [("get_partial", a, 1, alloc), ("alloc", A[0], 1, alloc)],
            ["trace big: cpu1: 1 alloc, 0 frees; slabs: 1 get_partial"])
    # cpu0 empties B's lockless freelist: fast path, no slab moves
    sc.step("cache alloc big 3", [("alloc", o, 0, alloc) for o in B[1:]],
            ["trace big: cpu0: 3 allocs, 0 frees; no slab moved"])
    # cpu1 frees into cpu0's slab B: onto B's page->freelist (free_frozen)
    sc.step("cpu 1 cache free big 0x%08x" % B[1], [("free", B[1], 1, free),
                                                   ("free_frozen", b, 1, free)],
            ["trace big: cpu1: 0 allocs, 1 free (1 free_frozen); no slab moved"])
    # cpu0's next alloc takes that object back from page->freelist (alloc_refill)
    sc.step("cache alloc big 1", [("alloc_refill", b, 0, alloc), ("alloc", B[1], 0, alloc)],
            ["trace big: cpu0: 1 alloc, 0 frees; slabs: 1 alloc_refill"])
    # cpu0 frees B0: onto its own lockless freelist (fast path)
    sc.step("cache free big 0x%08x" % B[0], [("free", B[0], 0, free)],
            ["trace big: cpu0: 0 allocs, 1 free; no slab moved"])

    # shrink flushes every CPU slab, each on its CPU (in any order between CPUs):
    # cpu0's B goes back with B0 on its freelist: to the partial list's head;
    # cpu1's A is full
    events, reports, rest = run(board, "cache shrink big")
    shrink = "kmem_cache_shrink"
    by_cpu = {cpu: [(e["type"], e["obj"], e["cpu"], e["caller"]) for e in events
                    if e["cpu"] == cpu] for cpu in (0, 1)}
    check(by_cpu == {0: [("flush_slab", b, 0, shrink), ("deact_head", b, 0, shrink)],
                     1: [("flush_slab", a, 1, shrink), ("deact_full", a, 1, shrink)]},
          by_cpu)
    # lines printed by two CPUs at once may come out of number order
    check(sorted(e["seq"] for e in events) == list(range(sc.seq, sc.seq + 4)), events)
    check(reports == [
        "trace big: cpu0 kmem_cache_shrink: slabs: 1 flush_slab, 1 deactivated (1 to head)",
        "trace big: cpu1 kmem_cache_shrink: slabs: 1 flush_slab, 1 deactivated (1 full)"],
          reports)
    check(rest == ["shrink big: freed 0 pages"], rest)
    sc.seq += 4
    sc.want += [(e["type"], e["obj"], e["cpu"], e["caller"])
                for e in sorted(events, key=lambda e: e["seq"])]

    # cpu0 frees everything: A's first free makes it partial, the last of
    # each slab gives it back
    sc.step("cache free big 0x%08x 0x%08x 0x%08x 0x%08x" % (A[1], A[2], A[3], A[0]),
            [("free", A[1], 0, free), ("add_partial", a, 0, free), ("free", A[2], 0, free),
             ("free", A[3], 0, free), ("free", A[0], 0, free), ("discard_slab", a, 0, free)],
            ["trace big: cpu0: 0 allocs, 4 frees (1 add_partial); slabs: 1 discard_slab"])
    sc.step("cache free big 0x%08x 0x%08x 0x%08x" % (B[1], B[2], B[3]),
            [("free", B[1], 0, free), ("free", B[2], 0, free), ("free", B[3], 0, free),
             ("discard_slab", b, 0, free)],
            ["trace big: cpu0: 0 allocs, 3 frees; slabs: 1 discard_slab"])

    # the journal holds the same events, in order, and one object's own
    events, summary = journal(board, "big")
    got = [(e["type"], e["obj"], e["cpu"], e["caller"]) for e in events]
    check(got == sc.want and [e["seq"] for e in events] == list(range(sc.seq)), got)
    for cpu in (0, 1):      # a number is taken before the clock is read: per CPU only
        us = [e["us"] for e in events if e["cpu"] == cpu]
        check(us == sorted(us), "cpu%d's time went back" % cpu)
    check(summary == dict(kept=sc.seq, recorded=sc.seq), summary)
    events, _ = journal(board, "big", B[1])
    check([(e["type"], e["obj"]) for e in events] ==
          [(t, o) for t, o, _, _ in sc.want
           if o == B[1] or (o == b and t not in ("alloc", "free"))], events)

    # trace on: the report without the event lines; off: neither
    check(board.run_ok("cache trace big on") == "trace big: on\n", "on")
    events, reports, rest = run(board, "cache alloc big 1")
    check(events == [] and reports == ["trace big: cpu0: 1 alloc, 0 frees; slabs: 1 new_slab"],
          reports)
    obj = int(rest[0], 16)
    events, summary = journal(board, "big")
    check([(e["type"], e["cpu"]) for e in events[-2:]] == [("new_slab", 0), ("alloc", 0)] and
          events[-1]["obj"] == obj and summary["recorded"] == sc.seq + 2, events[-2:])
    check(board.run_ok("cache trace big off") == "trace big: off\n", "off")
    out = board.run_ok("cache free big 0x%08x" % obj)
    check(out == "freed 1 object\n", out)
    check(board.run_ok("cache destroy big") == "destroyed cache big\n", "destroy")
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


def test_journal_without_one_and_a_bad_mode_change_nothing(board):
    """A cache never traced has no journal and says how to get one (and
    whatis shows no event); a bad mode is a usage error."""
    before = quiet_state(board)
    board.run_ok("cache create rz 40 red_zone")
    out = board.run("cache trace rz sideways")
    check(out == "error: cache trace: expected NAME on|events|off\n"
          "usage: cache trace NAME on|events|off\n", out)
    check(board.run_ok("cache journal rz") == "cache rz has no journal: turn trace on\n",
          "no journal after a usage error")
    board.run_ok("cache create plain 40 8")
    check(board.run_ok("cache journal plain") == "cache plain has no journal: turn trace on\n",
          "untraced")
    out = board.run_ok("cache alloc plain 1")
    check(not any(l.startswith("trace ") for l in out.splitlines()), out)
    x = int(out.splitlines()[0], 16)
    out = board.run_ok("whatis 0x%08x" % x)
    check(out.endswith("\nstate: allocated\n") and len(out.splitlines()) == 2, out)
    board.run_ok("cache free plain all")
    board.run_ok("cache destroy plain")
    board.run_ok("cache destroy rz")
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")


# ---- a debug cache (sanity_checks red_zone poison store_user) ----------------

FZPU = "sanity_checks red_zone poison store_user"
# figo_object with F Z P U: 64 bytes a stride, 64 objects in one page (test_slub_debug.py)
FIGO_DEBUG = ("geometry: size=64 objsize=20 inuse=24 offset=24 order=0 objects=64 "
              "min_order=0 min_objects=64 min_partial=6 align=8 "
              "flags=sanity_checks,red_zone,poison,store_user")


def untracked(out, alloc, free):
    """whatis's @out with its store_user track lines (after the state line) checked and
    taken off: @alloc and @free are (caller, cpu), or None for "none yet"; the age is
    masked."""
    lines = out.splitlines(True)
    for i, (name, want) in enumerate((("alloc", alloc), ("free", free))):
        got = lines.pop(2)
        rx = (r"last %s: none yet\n" % name if want is None else
              r"last %s: %s age=\d+ cpu=%d pid=0\n" % (name, want[0], want[1]))
        check(re.fullmatch(rx, got), "%r, expected %r, in:\n%s" % (got, rx, out))
    return "".join(lines)


def last_event(ev):
    """whatis's third line for the journal's event @ev (SLAB's words)."""
    return "last event: %s on cpu%d at %d.%06d s, caller %s" % (
        ev["type"], ev["cpu"], ev["us"] // 1000000, ev["us"] % 1000000, ev["caller"])


@needs(cpus=2)
def test_debug_cache_traced_one_object_at_a_time_and_whatis_its_last_event(board):
    """A debug cache is traced on its debug paths: every alloc takes its
    object from page->freelist (no alloc_refill), every free goes back to
    page->freelist, even the CPU's own slab's (free_frozen, as 2.6.32
    counts it); a free the checks refuse records nothing.  whatis adds
    the journal's newest alloc or free of the object."""
    before = quiet_state(board)
    out = board.run_ok("cache create figo_j 20 8 " + FZPU)
    check(out == "created cache figo_j\n" + FIGO_DEBUG + "\n", out)
    check(board.run_ok("cache trace figo_j events") == "trace figo_j: events\n", "events")
    sc = Scenario(board)

    # cpu0: a new slab, three objects in address order, each on the debug path
    events, reports, rest = run(board, "cache alloc figo_j 3", "figo_j")
    s = events[0]["obj"]
    A = [s + 64 * i for i in range(64)]
    alloc = caller_of(events)
    want = [("new_slab", s, 0, alloc)] + [("alloc", o, 0, alloc) for o in A[:3]]
    expect(events, want, 0)
    check(reports == ["trace figo_j: cpu0: 3 allocs, 0 frees; slabs: 1 new_slab"], reports)
    check(rest == ["0x%08x" % o for o in A[:3]] + ["allocated 3 objects"], rest)
    sc.seq, sc.want = 4, want

    def step(line, want, reports):
        events, got_reports, rest = run(board, line, "figo_j")
        expect(events, want, sc.seq)
        check(got_reports == reports, "%s: %s" % (line, got_reports))
        sc.seq += len(events)
        sc.want += want
        return events, rest

    # cpu0 frees A1 into its own CPU slab: checked and poisoned, onto page->freelist
    events, _, _ = run(board, "cache free figo_j 0x%08x" % A[1], "figo_j")
    free = events[0]["caller"]
    expect(events, [("free", A[1], 0, free), ("free_frozen", s, 0, free)], sc.seq)
    sc.seq += 2
    sc.want += [("free", A[1], 0, free), ("free_frozen", s, 0, free)]
    # cpu1 frees A0 into cpu0's slab
    step("cpu 1 cache free figo_j 0x%08x" % A[0], [("free", A[0], 1, free),
                                                  ("free_frozen", s, 1, free)],
         ["trace figo_j: cpu1: 0 allocs, 1 free (1 free_frozen); no slab moved"])
    # cpu0 allocates: A0, the head of page->freelist, with no alloc_refill before it
    step("cache alloc figo_j 1", [("alloc", A[0], 0, alloc)],
         ["trace figo_j: cpu0: 1 alloc, 0 frees; no slab moved"])

    # whatis: where each object is, and the journal's newest event of it
    events, _ = journal(board, "figo_j")
    newest = {}
    for e in events:
        if e["type"] in ("alloc", "free"):
            newest[e["obj"]] = e
    out = untracked(board.run_ok("whatis 0x%08x" % A[0]), (alloc, 0), (free, 1))
    check(out == "0x%08x is object 0x%08x (index 0) of cache figo_j, slab 0x%08x (cpu0's slab)\n"
          "state: allocated\n%s\n" % (A[0], A[0], s, last_event(newest[A[0]])), out)
    check(newest[A[0]]["cpu"] == 0 and newest[A[0]]["type"] == "alloc", newest[A[0]])
    out = untracked(board.run_ok("whatis 0x%08x" % (A[1] + 20)), (alloc, 0), (free, 0))
    check(out == "0x%08x is in the red zone (byte 0 of 4) of object 0x%08x (index 1) of cache "
          "figo_j, slab 0x%08x (cpu0's slab)\n"
          "state: free, on its slab's page->freelist (position 0 of 62)\n%s\n"
          % (A[1] + 20, A[1], s, last_event(newest[A[1]])), out)
    check(newest[A[1]]["type"] == "free" and newest[A[1]]["caller"] == free, newest[A[1]])
    out = untracked(board.run_ok("whatis 0x%08x" % A[5]), None, None)   # never handed out
    check(out == "0x%08x is object 0x%08x (index 5) of cache figo_j, slab 0x%08x (cpu0's slab)\n"
          "state: free, on its slab's page->freelist (position 3 of 62)\n" % (A[5], A[5], s),
          out)

    # a double free: the first is recorded, the second refused by the checks, unrecorded
    events, reports, rest = run(board, "cache badfree figo_j 0x%08x double" % A[2], "figo_j")
    bad = caller_of(events[:1])             # the lab's own call site
    expect(events, [("free", A[2], 0, bad), ("free_frozen", s, 0, bad)], sc.seq)
    check(reports == ["trace figo_j: cpu0: 0 allocs, 1 free (1 free_frozen); no slab moved"],
          reports)
    check(rest[-1] == "badfree: 1 report, cache figo_j errors=1", rest)
    sc.seq += 2
    sc.want += [(e["type"], e["obj"], e["cpu"], e["caller"]) for e in events]

    # the last object back, then shrink gives the empty slab up and its page back
    step("cache free figo_j 0x%08x" % A[0], [("free", A[0], 0, free),
                                            ("free_frozen", s, 0, free)],
         ["trace figo_j: cpu0: 0 allocs, 1 free (1 free_frozen); no slab moved"])
    shrink = "kmem_cache_shrink"
    _, rest = step("cache shrink figo_j", [("flush_slab", s, 0, shrink),
                                           ("deact_empty", s, 0, shrink),
                                           ("discard_slab", s, 0, shrink)],
                   ["trace figo_j: cpu0 kmem_cache_shrink: slabs: 1 flush_slab, "
                    "1 deactivated (1 empty), 1 discard_slab"])
    check(rest == ["shrink figo_j: freed 1 page"], rest)
    events, summary = journal(board, "figo_j")
    got = [(e["type"], e["obj"], e["cpu"], e["caller"]) for e in events]
    check(got == sc.want and summary == dict(kept=sc.seq, recorded=sc.seq), got)
    check(board.run_ok("cache trace figo_j off") == "trace figo_j: off\n", "off")
    check(board.run_ok("cache destroy figo_j") == "destroyed cache figo_j\n", "destroy")
    check(quiet_state(board) == before, "buddyinfo or slabinfo changed")
