#!/usr/bin/env python3
"""bench-profile.py - where the instructions of one `bench hot` op go.

Boots the firmware under QEMU (-icount, gdb stub), runs `bench hot 1` on
the board and single-steps, with gdb, one warm call of bench_hot() for
each hot row - one kmem_cache_alloc+kmem_cache_free pair, one
kmalloc+kfree pair, one malloc+free pair - counting the instructions by
the function (ELF symbol) they belong to.  The figures match `bench hot`
less the loop's few instructions; the breakdown says where they go.

Usage: scripts/bench-profile.py   (after make; needs gdb-multiarch)
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))

from harness import Board, free_port  # noqa: E402

ELF = os.path.join(ROOT, "build", "slablab.elf")
BATCHES = 11            # shell/cmd_bench.c: each row calls bench_hot() this often
ROWS = [("kmem_cache_alloc + kmem_cache_free, 64 B", 2),     # warm: the 2nd call
        ("kmalloc + kfree, 64 B", BATCHES + 2),
        ("newlib malloc + free, 64 B", 2 * BATCHES + 2)]

GDB_SCRIPT = r'''
import gdb
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("target remote :%(port)d")
gdb.execute("break bench_hot")
print("READY", flush=True)
hit = 0
for title, wanted in %(rows)r:
    while hit < wanted:
        gdb.execute("continue", to_string=True)
        hit += 1
    frame = gdb.selected_frame()
    ret, sp = int(frame.older().pc()), int(gdb.parse_and_eval("$sp"))
    counts, order = {}, []
    while True:
        pc = int(gdb.parse_and_eval("$pc"))
        if pc == ret and int(gdb.parse_and_eval("$sp")) >= sp:
            break
        name = gdb.execute("info symbol 0x%%x" %% pc, to_string=True).split(" + ")[0]
        name = name.split(" in section")[0].strip()
        if name not in counts:
            order.append(name)
        counts[name] = counts.get(name, 0) + 1
        gdb.execute("stepi", to_string=True)
    print("PROFILE " + title)
    total = 0
    for name in order:
        if name != "gtimer_read":
            total += counts[name]
            print("  %%5d  %%s" %% (counts[name], name))
    print("  %%5d  in all, without gtimer_read (%%d)" %% (total, counts.get("gtimer_read", 0)))
gdb.execute("kill")
'''


def main():
    port = free_port()
    board = Board(extra=["-icount", "shift=0,sleep=off", "-gdb", "tcp:127.0.0.1:%d" % port])
    board.skip_verify = "stopped under gdb"
    try:
        board.boot(timeout=60.0)
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
            f.write(GDB_SCRIPT % dict(port=port, rows=ROWS))
        gdb = subprocess.Popen([os.environ.get("GDB", "gdb-multiarch"), "-q", "-batch",
                                "-x", f.name, ELF], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        for line in gdb.stdout:
            if line.startswith("READY"):
                break
        board.send("bench hot 1\r")
        out = gdb.communicate(timeout=float(os.environ.get("PROFILE_TIMEOUT", "300")))[0]
        gdb.wait()
        os.unlink(f.name)
    finally:
        board.close()
    print("\n".join(l for l in out.splitlines() if l.startswith(("PROFILE", "  "))))


if __name__ == "__main__":
    main()
