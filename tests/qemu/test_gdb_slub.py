"""test_gdb_slub.py - the gdb `slab ...` commands on the SLUB image
(scripts/gdb/slub_views.py) against the shell on the same board: the
board runs a figo_object scenario with every kind of SLUB slab (a CPU
slab with its lockless freelist, a CPU slab another CPU freed into, a
partial slab with page->freelist after remote frees, a full slab), the
shell prints its views, then gdb-multiarch attaches (every CPU stops)
and must print the same from memory alone: slabinfo, cache show, cache
map, cache dump (as JSON), verify, whatis of each kind of address.
What the shell has no command for is checked against the shell's
numbers: slab percpu, slab lists, slab walk.

Then gdb turns the partial slab's page->freelist into a cycle: slab
verify must say so without looping, and the shell's verify on the
same memory must say the same; gdb puts the link back.
"""

import json
import re
import subprocess

from harness import Board, check, free_port, needs

ELF = "build-slub/slablab.elf"
SIZE = 24                    # figo_object (20, 8) on SLUB: size=24, 170 objects a page
OBJECTS = 170


def gdb(port, commands, timeout=180):
    """Each command's output, from one gdb-multiarch batch session."""
    args = ["gdb-multiarch", "-batch", "-nx", "-ex", "set pagination off",
            "-ex", "source scripts/gdb/slablab.py", "-ex", "target remote 127.0.0.1:%d" % port]
    for c in commands:
        args += ["-ex", "echo @@@@\\n", "-ex", c]
    args += ["-ex", "echo @@@@\\n", "-ex", "detach", ELF]
    r = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    parts = r.stdout.split("@@@@\n")
    check(len(parts) == len(commands) + 2, "gdb:\n%s\n%s" % (r.stdout[-3000:], r.stderr[-2000:]))
    return parts[1:-1]


def held(board, cpu):
    """The objects the shell holds from figo_object that @cpu allocated, oldest first."""
    out = board.run_ok("cache objects figo_object")
    return [int(a, 16) for a, c in re.findall(r"^(0x[0-9a-f]{8}) +(\d+) ", out, re.M)
            if int(c) == cpu]


def scenario(board):
    """cpu1: 400 objects (two full slabs, a third its CPU slab); cpu3 frees
    two of the first (it goes partial, page->freelist); cpu2: 3 objects,
    cpu3 frees one of them onto cpu2's frozen CPU slab."""
    board.run_ok("cache create figo_object 20 8")
    board.run_ok("cpu 1 cache alloc figo_object 400")
    board.run_ok("cpu 2 cache alloc figo_object 3")
    ones, twos = held(board, 1), held(board, 2)
    check(len(ones) == 400 and len(twos) == 3, "allocated")
    first = ones[0]
    check(all(a == first + SIZE * i for i, a in enumerate(ones[:OBJECTS])), "slab order")
    board.run_ok("cpu 3 cache free figo_object 0x%08x 0x%08x" % (ones[5], ones[9]))
    board.run_ok("cpu 3 cache free figo_object 0x%08x" % twos[1])
    return ones, twos


@needs(cpus=4)
def test_gdb_reads_what_the_shell_shows_on_slub():
    port = free_port()
    board = Board(image="slub", extra=("-gdb", "tcp:127.0.0.1:%d" % port))
    try:
        board.boot()
        ones, twos = scenario(board)
        show = board.run_ok("cache show figo_object")
        slabs = re.findall(r"^slab (0x[0-9a-f]{8}) list=(\S+) inuse=(\d+)", show, re.M)
        # a CPU slab's inuse counts its lockless freelist's objects as in use
        # (only page->freelist's are not): cpu2's lost one to cpu3's free
        check([(l, int(n)) for _, l, n in slabs] ==
              [("cpu1", OBJECTS), ("cpu2", OBJECTS - 1), ("partial", OBJECTS - 2),
               ("full", OBJECTS)], show)
        cpu1_slab, cpu2_slab = int(slabs[0][0], 16), int(slabs[1][0], 16)
        partial, full = int(slabs[2][0], 16), int(slabs[3][0], 16)
        check(partial == ones[0] and full == ones[OBJECTS], "which slab is which")
        whatis = [ones[0] + 3,                 # allocated, 3 bytes in
                  ones[9] + 1,                 # partial's page->freelist head, 1 byte in
                  ones[5] + 21,                # its padding: objsize 20, stride 24
                  cpu1_slab + SIZE * 60,       # cpu1's lockless freelist head
                  twos[1],                     # on cpu2's slab's page->freelist
                  twos[2] + SIZE,              # cpu2's lockless freelist head
                  full + OBJECTS * SIZE + 3,   # the slab's 16 bytes left over
                  0x60010000]                  # the firmware's code
        views = ["slabinfo", "cache show figo_object", "cache map figo_object",
                 "cache dump figo_object", "verify"] + ["whatis 0x%08x" % a for a in whatis]
        shell = {v: board.run_ok(v) for v in views}
        commands = ["slab info", "slab cache figo_object", "slab map figo_object",
                    "slab dump figo_object", "slab verify"] + \
                   ["slab whatis 0x%08x" % a for a in whatis] + \
                   ["slab percpu figo_object 2", "slab lists figo_object",
                    "slab walk figo_object cached", "slab walk figo_object free",
                    "slab walk figo_object allocated", "slab shared figo_object"]
        got = dict(zip(commands, gdb(port, commands)))
        for v, c in zip(views, commands):
            if v.startswith("cache dump"):
                check(json.loads(got[c]) == json.loads(shell[v]),
                      "slab dump differs from cache dump:\n%s\n---\n%s" % (got[c], shell[v]))
            else:
                check(got[c] == shell[v], "%s vs %s:\n%s\n---\n%s" % (c, v, got[c], shell[v]))
        # the whatis answers are the ones each kind of address must get
        states = [shell["whatis 0x%08x" % a].splitlines()[-1] for a in whatis]
        check(states[0] == "state: allocated", states[0])
        check(states[1] == "state: free, on its slab's page->freelist (position 0 of 2)",
              states[1])
        check(shell["whatis 0x%08x" % whatis[2]].startswith(
            "0x%08x is in the padding (byte 1 of 4) of object 0x%08x (index 5) of cache "
            "figo_object, slab 0x%08x (partial)" % (whatis[2], ones[5], partial)), states[2])
        check(states[3] == "state: free, on cpu1's lockless freelist (position 0 of %d: "
              "handed out first)" % (OBJECTS - 60), states[3])
        check(states[4] == "state: free, on its slab's page->freelist (position 0 of 1)",
              states[4])
        check(states[5] == "state: free, on cpu2's lockless freelist (position 0 of %d: "
              "handed out first)" % (OBJECTS - 3), states[5])
        check(states[6].startswith("0x%08x is in the left-over (byte 3) of cache figo_object, "
                                   "slab 0x%08x (full)" % (whatis[6], full)), states[6])
        check(states[7] == "0x60010000 is not in a slab page", states[7])
        check(shell["verify"].startswith("verify: OK ("), shell["verify"])

        # percpu: cache show's cpu2 lines
        cpu2 = re.search(r"^cpu2: .*\n(?:  .*\n)*", show, re.M).group(0)
        check(got["slab percpu figo_object 2"] == cpu2, got["slab percpu figo_object 2"])
        # lists: the node line, then each list's slabs with page->freelist's chain
        dump = json.loads(shell["cache dump figo_object"])
        node = re.search(r"^node0: .*$", show, re.M).group(0)
        check(got["slab lists figo_object"] ==
              "%s\npartial: 1 slab\n  slab 0x%08x inuse=%d objects=%d freelist=0x%08x: "
              "%d -> %d -> END\nfull: 1 slab\n  slab 0x%08x inuse=%d objects=%d freelist=none: "
              "END\n" % (node, partial, OBJECTS - 2, OBJECTS, ones[9], 9, 5, full, OBJECTS,
                         OBJECTS), got["slab lists figo_object"])
        # walk: every object once, in the state the dump's marks give it
        marks = "".join(s["marks"] for s in dump["slabs"])
        for state, n in (("cached", sum(marks.count(d) for d in "0123")),
                         ("free", marks.count(".")), ("allocated", marks.count("#"))):
            lines = got["slab walk figo_object %s" % state].splitlines()
            check(lines[-1] == "%d objects" % n and len(lines) == n + 1,
                  "%s: %s" % (state, lines[-1]))
        check(n == 400 + 3 - 3, "allocated: 400 + 3 less the 3 freed")
        check(got["slab walk figo_object cached"].splitlines()[0] ==
              "0x%08x cached      slab 0x%08x index 60 (cpu1's lockless freelist)" %
              (cpu1_slab + SIZE * 60, cpu1_slab), got["slab walk figo_object cached"][:200])
        check(got["slab shared figo_object"].startswith("figo_object: no shared array"),
              got["slab shared figo_object"])

        # a cycle on the partial slab's page->freelist: 9 -> 5 -> 9 ...
        link = "*(unsigned int *)0x%08x" % ones[5]      # 5's free pointer (offset 0)
        out = gdb(port, ["print/x %s" % link, "set var %s = 0x%08x" % (link, ones[9]),
                         "slab verify figo_object", "slab map figo_object"])
        check(out[0].strip().endswith("= 0x0"), "5 ends the chain: " + out[0])
        want = ("verify: cache 'figo_object': slab 0x%08x: page->freelist reaches object 9 "
                "(0x%08x) twice\nverify: 1 error\n" % (partial, ones[9]))
        check(out[2] == want, out[2])
        shell_verify = board.run_ok("verify figo_object")
        check(shell_verify == out[2], "the shell agrees: %r vs %r" % (shell_verify, out[2]))
        check("legend: " in out[3] and out[3].count("\n") == got["slab map figo_object"].count(
            "\n"), out[3])
        gdb(port, ["set var %s = 0" % link])
        check(board.run_ok("verify") == shell["verify"], "the chain is whole again")
        board.run_ok("cache free figo_object all")
        board.run_ok("cache destroy figo_object")
    finally:
        board.close()
