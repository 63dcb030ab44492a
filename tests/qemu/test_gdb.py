"""test_gdb.py - the README's gdb session works on the image users run.

The default image is optimised (-O2, Makefile), which may keep an
argument in a register that is reused before the breakpoint, inline the
function away, or leave gdb no way to find the caller for `finish`.
This boots that image as `make debug` does (halted, gdb stub), runs
gdb-multiarch in batch mode with `make gdb`'s script, and walks through
the README's session: the conditional breakpoint, the shell's
`cache create figo_object 20 8`, `finish`, `print $->num`, `print *$$`.

Nothing depends on timing: gdb's `continue` returns only when the
breakpoint hits, and the shell command is typed only after the prompt
(which QEMU does not reach until gdb has set the breakpoint and
continued); every wait has a generous deadline.
"""

import os
import re
import subprocess

from harness import ROOT, Board, check, free_port

GDB = os.environ.get("GDB", "gdb-multiarch")
GDB_TIMEOUT = 180.0
ELF = os.path.join(ROOT, "build", "slablab.elf")


def gdb_script(port):
    return "\n".join([
        "target remote 127.0.0.1:%d" % port,
        "break kmem_cache_create if size == 20 && align == 8",
        "continue",
        'printf "STOP name=%s size=%u align=%u\\n", name, size, align',
        "finish",
        'printf "NUM=%u\\n", $->num',
        "print $->num",
        "print *$$",
        "delete",
        "detach",
        "",
    ])


def test_readme_gdb_session_on_default_image():
    port = free_port()
    b = Board(extra=["-S", "-gdb", "tcp:127.0.0.1:%d" % port])
    gdb = None
    try:
        script = os.path.join(ROOT, "build", "test_gdb.%d.gdb" % port)
        with open(script, "w") as f:
            f.write(gdb_script(port))
        gdb = subprocess.Popen([GDB, "-q", "-nx", "-batch", "-x", "scripts/slablab.gdb",
                                "-x", script, ELF], cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        b.boot(GDB_TIMEOUT)
        b.send("cache create figo_object 20 8\r")
        out, _ = gdb.communicate(timeout=GDB_TIMEOUT)
        os.unlink(script)
        check(gdb.returncode == 0, "gdb exited %s:\n%s" % (gdb.returncode, out))

        # The stop: the shell's cache, with both arguments readable.
        m = re.search(r"^STOP name=(\S+) size=(\d+) align=(\d+)$", out, re.M)
        check(m, "no stop at the breakpoint with readable arguments:\n" + out)
        check(m.groups() == ("figo_object", "20", "8"), "stopped at %s:\n%s" % (m.groups(), out))
        check(re.search(r"hit Breakpoint 1, kmem_cache_create \(", out),
              "the stop was not reported as the breakpoint in kmem_cache_create:\n" + out)
        # finish: the caller is found and the returned pointer printed.
        check(re.search(r"^(0x[0-9a-f]+ in )?cache_create \(.*\) at shell/cmd_cache\.c:\d+$",
                        out, re.M),
              "finish did not return to the shell's cache_create:\n" + out)
        ret = re.search(r"^Value returned is \$1 = \(struct kmem_cache \*\) (0x[0-9a-f]+)$",
                        out, re.M)
        check(ret, "finish printed no struct kmem_cache pointer:\n" + out)
        num = re.search(r"^NUM=(\d+)$", out, re.M)
        check(num, "no $->num:\n" + out)
        check(re.search(r"^\$2 = %s$" % num.group(1), out, re.M), "print $->num:\n" + out)
        # print *$$: the whole cache, its name and object size among it.
        check(re.search(r'^\$3 = \{.*^  name = 0x[0-9a-f]+ (<[^>]*> )?"figo_object",$',
                        out, re.M | re.S), "print *$$ shows no name:\n" + out)
        check(re.search(r"^  num = %s,$" % num.group(1), out, re.M),
              "print *$$ disagrees on num:\n" + out)

        # The command completes once gdb has detached, and the board's own
        # view of the cache agrees with what gdb read.
        created = b.output_until_prompt()
        check(created.startswith("created cache figo_object\n"), created)
        show = b.run_ok("cache show figo_object")
        m = re.search(r"^geometry: size=20 objsize=\d+ align=8 num=(\d+) ", show, re.M)
        check(m, "no geometry line in:\n" + show)
        check(m.group(1) == num.group(1),
              "gdb read num %s, cache show says %s" % (num.group(1), m.group(1)))
        check(b.mem != "256M" or m.group(1) == "145", "num %s on 256M" % m.group(1))
        b.run_ok("cache destroy figo_object")
    finally:
        if gdb is not None and gdb.poll() is None:
            gdb.kill()
            gdb.wait()
        b.close()
