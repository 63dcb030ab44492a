"""test_gdb_slab.py - the SLAB-aware gdb commands (scripts/gdb/slablab.py)
against the shell: the board runs a scenario, the shell prints its views,
then gdb-multiarch attaches (which stops every CPU) and must print the
same views from memory alone.  Only the reaper line's times may differ
(time passes between the two readings).  Then gdb breaks a free chain
into a cycle by hand: slab verify must report it, not loop, and the
chain is put back before the board runs on."""

import json
import re
import subprocess

from harness import Board, check, free_port, needs

REAPER_TIME = re.compile(r"\d+\.\d\d s")
ELF = "build/slablab.elf"


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


def masked(text):
    return REAPER_TIME.sub("T s", text)


@needs(cpus=3)
def test_gdb_reads_what_the_shell_shows():
    port = free_port()
    board = Board(extra=("-gdb", "tcp:127.0.0.1:%d" % port))
    try:
        board.boot()
        board.run_ok("reap auto off")
        board.run_ok("cache create figo_object 20 8")
        board.run_ok("cpu 1 cache alloc figo_object 200")
        board.run_ok("cpu 2 cache free figo_object all")     # two batches into the shared array
        held = [l for l in board.run_ok("cpu 2 cache alloc figo_object 3").splitlines()
                if l.startswith("0x")]
        views = ["slabinfo", "cache show figo_object", "cache map figo_object",
                 "cache dump figo_object", "buddyinfo", "verify"]
        shell = {v: board.run_ok(v) for v in views}
        show = shell["cache show figo_object"]
        dump = json.loads(shell["cache dump figo_object"])
        cpu2 = [int(a, 16) for a in re.search(r"^cpu2: .*\n((?:  .*\n)*)", show,
                                             re.M).group(1).split()]
        shared = [int(a, 16) for a in re.search(r"^node0 .*\n((?:  .*\n)*)", show,
                                               re.M).group(1).split()]
        check(len(shared) == 120, "the shared array holds two batches")
        slab = dump["slabs"][0]
        page = int(slab["page"], 16)
        head = slab["chain"][0]
        obj = lambda i: int(slab["s_mem"], 16) + 24 * i             # noqa: E731
        commands = ["slab info", "slab cache figo_object", "slab map figo_object",
                    "slab dump figo_object", "buddy info", "slab verify",
                    "slab percpu figo_object 2", "slab shared figo_object",
                    "slab lists figo_object", "slab walk figo_object allocated",
                    "slab whatis %s" % held[0], "slab whatis 0x%08x" % cpu2[-1],
                    "slab whatis 0x%08x" % (shared[5] + 4), "slab whatis 0x%08x" % obj(head),
                    "slab whatis 0x%08x" % (page + 8), "slab whatis 0x60010000",
                    "buddy free 10"]
        out = gdb(port, commands)
        got = dict(zip(commands, out))
        for v, c in zip(views, commands):
            if v == "cache dump figo_object":
                check(json.loads(got[c]) == dump, "slab dump differs from cache dump")
            else:
                check(masked(got[c]) == masked(shell[v]),
                      "%s vs %s:\n%s\n---\n%s" % (c, v, got[c], shell[v]))
        check(got["slab percpu figo_object 2"].splitlines()[0] ==
              re.search(r"^cpu2: .*$", show, re.M).group(0), "percpu header")
        check([int(a, 16) for a in got["slab percpu figo_object 2"].split()[5:]] == cpu2,
              "percpu entries")
        lines = got["slab shared figo_object"].splitlines()
        check(lines[0].startswith("shared: avail=120 limit=480 "), lines[0])
        check([int(a, 16) for l in lines[1:] for a in l.split()] == shared, "shared entries")
        lists = got["slab lists figo_object"]
        check(len(re.findall(r"^  slab 0x", lists, re.M)) == len(dump["slabs"]), lists)
        walk = got["slab walk figo_object allocated"].splitlines()
        check([l.split()[0] for l in walk[:-1]] == sorted(held) and walk[-1] == "3 objects", walk)
        w = [got[c].strip() for c in commands[10:16]]
        check(w[0].endswith(", allocated"), w[0])
        check(w[1].endswith("free, in cpu2's array, slot %d" % (len(cpu2) - 1)), w[1])
        check(re.search(r"at 0x%08x \(\+4\), free, in the shared array, slot 5$" % shared[5],
                        w[2]), w[2])
        check(w[3].endswith("object %d at 0x%08x, free in its slab, place 0 on the free chain"
                            % (head, obj(head))), w[3])
        check(w[4].endswith("the slab's management area"), w[4])
        check(w[5] == "0x60010000: in a page no slab holds", w[5])
        order10 = [int(l.split()[-1]) for l in shell["buddyinfo"].splitlines()]
        counts = [int(m) for m in re.findall(r"order 10: (\d+) free blocks?", got["buddy free 10"])]
        check(counts == order10, "buddy free 10: %s, buddyinfo %s" % (counts, order10))

        # a cycle in the free chain: reported, not followed forever; then put back
        bufctl = "((unsigned int *)(0x%08x + sizeof(struct slab)))[%d]" % (
            int(re.search(r"^slab (0x[0-9a-f]{8}) ", show, re.M).group(1), 16), head)
        out = gdb(port, ["print %s" % bufctl, "set var %s = %d" % (bufctl, head),
                         "slab verify figo_object", "slab map figo_object",
                         "set var %s = %d" % (bufctl, slab["chain"][1])])
        check(out[0].strip().endswith("= %d" % slab["chain"][1]), "the link: " + out[0])
        check(out[2] == "figo_object: slab %s: free chain breaks (cycle) after 1 objects\n"
              "figo_object: free_objects=%d, the slabs' free chains hold %d\nverify: 2 errors\n"
              % (re.search(r"^slab (0x[0-9a-f]{8}) ", show, re.M).group(1),
                 sum(len(s["chain"]) for s in dump["slabs"]),
                 sum(len(s["chain"]) for s in dump["slabs"][1:]) + 1), out[2])
        # the map still draws, the chain's head the only free mark left in that slab
        rows = re.findall(r"^ +\d+  (\S+)$", out[3], re.M)
        check("".join(rows[:3]).count(".") == 1 and out[3].count("legend: ") == 1, out[3])
        check(board.run_ok("verify") == shell["verify"], "the chain is whole again")
        board.run_ok("cache free figo_object all")
        board.run_ok("cache destroy figo_object")
    finally:
        board.close()
