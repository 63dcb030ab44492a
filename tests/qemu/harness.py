"""harness.py - boot the firmware in QEMU and drive its shell over the serial port.

Standard library only.  QEMU runs with the same flags as `make run`
(qemu.mk passes them in QEMU_BASE_FLAGS); the serial port is QEMU's stdio,
read here through a pipe.  Every wait has a deadline, and a board is
killed when its test ends, so a hung firmware fails a test instead of
hanging the run.
"""

import os
import re
import select
import shlex
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
PROMPT = "slab> "
DEFAULT_QEMU_FLAGS = ("-M vexpress-a9 -nographic -audiodev none,id=noaudio "
                      "-global pl041.audiodev=noaudio")
BOOT_TIMEOUT = 20.0
CMD_TIMEOUT = 20.0
# Board(image=...): the file QEMU boots; slab_debug is `make SLAB_DEBUG=1`'s,
# debug `make DEBUG=1`'s, slub `make SLAB=slub`'s (in build-slub/, beside
# build/); loader_* are tests/loaders/entry_loader.S built two ways, which
# enter the firmware given with -device loader (test_entry.py)
IMAGES = dict(elf="slablab.elf", bin="slablab.bin", uimage="slablab.uImage",
              slab_debug=os.path.join("slab_debug", "slablab.elf"),
              slub=os.path.join(os.pardir, "build-slub", "slablab.elf"),
              slub_bin=os.path.join(os.pardir, "build-slub", "slablab.bin"),
              slub_debug=os.path.join(os.pardir, "build-slub", "slub_debug", "slablab.elf"),
              debug=os.path.join("debug", "slablab.elf"),
              loader_dirty=os.path.join("tests", "loader_dirty.elf"),
              loader_ns=os.path.join("tests", "loader_ns.elf"))



def free_port():
    """A TCP port nobody listens on now, for a board's gdb stub (other
    boards, a `make debug` of the user's, may hold 1234)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TestFailure(AssertionError):
    pass


def board_override():
    """SLABLAB_TEST_BOARD ("smp=2,mem=32M", from make test SMP=2 MEM=32M)
    as Board arguments; {} when unset."""
    out = {}
    for item in filter(None, os.environ.get("SLABLAB_TEST_BOARD", "").split(",")):
        key, _, value = item.partition("=")
        out[key] = int(value) if key == "smp" else value
    return out


def only_on(**cfg):
    """Decorator: one board is enough for this test (it may boot boards of
    its own): run it only on the module's board matching @cfg (Board
    arguments), and on no other, without counting it there."""
    def mark(func):
        func.only_on = cfg
        return func
    return mark


def needs(cpus=1, mem_mib=0):
    """Decorator: the test needs a board with at least @cpus CPUs and
    @mem_mib MiB; the runner skips it on a smaller one."""
    def mark(func):
        func.needs = (cpus, mem_mib)
        return func
    return mark


def no_verify(reason):
    """Decorator: skip the `verify` that the runner otherwise runs on every
    board still up after the test passes (runner.py), for @reason, e.g. a
    CPU left stopped holding the lock verify needs.  Use it sparingly."""
    def mark(func):
        func.no_verify = reason
        return func
    return mark


VERIFY_OK = re.compile(r"verify: OK \(\d+ caches, \d+ slabs, \d+ objects\)\n")
VERIFY_TIMEOUT = 60.0

# Set by the runner while a test runs: its boards get a closing verify.
_verify_window = None


def final_verify(board):
    """`verify` on @board if it is still up: None if it printed OK (or the
    board is gone or never booted), else what went wrong."""
    if board.proc.poll() is not None or board.banner is None:
        return None
    try:
        out = board.run("verify", VERIFY_TIMEOUT)
    except TestFailure as e:
        return "verify after the test (%s) did not answer: %s" % (board.describe(), e)
    if VERIFY_OK.fullmatch(out):
        return None
    return "verify after the test (%s) is not OK:\n%s" % (board.describe(), out)


def verify_window_open(func):
    """The runner starts @func: boards it closes get a verify first."""
    global _verify_window
    _verify_window = dict(skip=getattr(func, "no_verify", None), failures=[])


def verify_window_close():
    """The test is over: what the verifies of its own boards found."""
    global _verify_window
    window, _verify_window = _verify_window, None
    return window["failures"] if window else []


def check(cond, msg):
    if not cond:
        raise TestFailure(msg)


# printk's "[%5lu.%06lu] " (drivers/printk.c) in front of each kernel log line:
# seconds right-aligned in at least 5 columns, then exactly 6 digits of micros
STAMP = r"\[(?: {4}\d| {3}\d{2}| {2}\d{3}| \d{4}|\d{5,})\.\d{6}\] "
_STAMP_AT_LINE_START = re.compile("^" + STAMP, re.M)


def kernel_lines(out):
    """The kernel log lines of @out (those with printk's stamp), stamps taken off."""
    return [line[m.end():] for line in out.splitlines()
            for m in [re.match(STAMP, line)] if m]


def unstamp(out):
    """@out with printk's stamp taken off each kernel log line."""
    return _STAMP_AT_LINE_START.sub("", out)


def stamp_seconds(out):
    """The stamps of @out's kernel log lines, in seconds, in order."""
    return [float(m.group(0)[1:-2]) for m in _STAMP_AT_LINE_START.finditer(out)]


class Board:
    """One QEMU vexpress-a9 running the firmware."""

    def __init__(self, image="elf", smp=None, mem=None, extra=()):
        override = board_override()
        smp = smp or override.get("smp", 4)
        mem = mem or override.get("mem", "256M")
        self.image = image
        self.smp = smp
        self.mem = mem
        kernel = os.path.normpath(os.path.join(BUILD, IMAGES[image]))
        if not os.path.exists(kernel):
            how = {"slab_debug": " SLAB_DEBUG=1", "debug": " DEBUG=1", "uimage": " image",
                   "slub": " SLAB=slub", "slub_bin": " SLAB=slub",
                   "slub_debug": " SLAB=slub SLAB_DEBUG=1"}.get(image, "")
            raise TestFailure("no %s to boot: build it with make%s (make test builds every image)"
                              % (os.path.relpath(kernel, ROOT), how))
        flags = os.environ.get("QEMU_BASE_FLAGS", DEFAULT_QEMU_FLAGS)
        qemu = os.environ.get("QEMU", "qemu-system-arm")
        self.argv = ([qemu] + shlex.split(flags) +
                     ["-smp", str(smp), "-m", mem, "-kernel", kernel] + list(extra))
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.buf = ""          # everything read and not yet consumed
        self.log = ""          # everything read, for failure reports
        self.banner = None
        self.skip_verify = None    # why close() gives this board no verify

    def describe(self):
        return "%s -smp %d -m %s" % (self.image, self.smp, self.mem)

    # ---- low level ----------------------------------------------------
    def _read_some(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([self.proc.stdout], [], [], min(left, 0.5))
        if not ready:
            return self.proc.poll() is None
        data = os.read(self.proc.stdout.fileno(), 65536)
        if not data:
            return False
        text = data.decode("latin-1").replace("\r", "")
        self.buf += text
        self.log += text
        return True

    def expect(self, pattern, timeout=CMD_TIMEOUT, flags=re.M):
        """Consume output up to and including the first match of @pattern."""
        rx = re.compile(pattern, flags)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            if not self._read_some(deadline):
                if time.monotonic() >= deadline:
                    raise TestFailure("timed out after %.0fs waiting for %r; last output:\n%s"
                                      % (timeout, pattern, self.log[-1500:]))
                if self.proc.poll() is not None:
                    raise TestFailure("QEMU exited (%s) while waiting for %r; last output:\n%s"
                                      % (self.proc.returncode, pattern, self.log[-1500:]))

    def send(self, text, pace=0.0):
        """Type @text; with @pace, one byte at a time that many seconds apart."""
        data = text.encode("latin-1")
        if not pace:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
            return
        for i in range(len(data)):
            self.proc.stdin.write(data[i:i + 1])
            self.proc.stdin.flush()
            time.sleep(pace)

    # ---- the shell ----------------------------------------------------
    def boot(self, timeout=BOOT_TIMEOUT):
        """Wait for the first prompt; returns everything printed before it."""
        m = self.expect(r"\A(.*?)^" + re.escape(PROMPT), timeout, re.M | re.S)
        self.banner = m.group(1)
        return self.banner

    def run(self, line, timeout=CMD_TIMEOUT):
        """Type @line and Enter; returns what it printed before the next prompt."""
        self.send(line + "\r")
        return self.output_until_prompt(timeout)

    def output_until_prompt(self, timeout=CMD_TIMEOUT):
        """What follows the echoed line, up to the next prompt."""
        m = self.expect(r"\A(.*?)^" + re.escape(PROMPT), timeout, re.M | re.S)
        _echo, _, rest = m.group(1).partition("\n")
        return rest

    def run_ok(self, line, timeout=CMD_TIMEOUT):
        """As run(), and the command must not print an error."""
        out = self.run(line, timeout)
        check("error:" not in out, "%r failed:\n%s" % (line, out))
        return out

    def run_error(self, line, timeout=CMD_TIMEOUT):
        """As run(), and the command must print exactly one error line; returns it."""
        out = self.run(line, timeout)
        errors = [l for l in out.splitlines() if l.startswith("error: ")]
        check(len(errors) == 1, "%r: expected one error line, got:\n%s" % (line, out))
        return errors[0]

    def wait_exit(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read_some(deadline)
        check(self.proc.poll() is not None, "QEMU did not exit within %.0fs" % timeout)
        while self._read_some(time.monotonic() + 0.2):
            pass
        return self.proc.returncode

    def close(self):
        # A board a test made itself gets the runner's closing verify here,
        # unless the test is failing anyway (an exception on its way out)
        # or the board says why it cannot (skip_verify).
        window = _verify_window
        if window is not None and window["skip"] is None and self.skip_verify is None \
                and sys.exc_info()[0] is None:
            why = final_verify(self)
            if why:
                window["failures"].append(why)
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass


def parse_cpus(out):
    """`cpus` output -> {cpu: dict(state, mpidr, ticks, irqs, ipis, this)}."""
    rows = {}
    rx = re.compile(r"^cpu(\d+) (\w+)\s+mpidr (0x[0-9a-f]{8})\s+ticks\s+(\d+)\s+"
                    r"irqs\s+(\d+)\s+ipis\s+(\d+)(  \(this cpu\))?$")
    for line in out.splitlines():
        m = rx.match(line)
        check(m, "bad cpus line: %r" % line)
        rows[int(m.group(1))] = dict(state=m.group(2), mpidr=int(m.group(3), 16),
                                     ticks=int(m.group(4)), irqs=int(m.group(5)),
                                     ipis=int(m.group(6)), this=bool(m.group(7)))
    return rows


def parse_meminfo(out):
    """`meminfo` output -> {field: kB}, checking Linux 2.6's layout."""
    values = {}
    for line in out.splitlines():
        m = re.match(r"^(\w+):( +)(\d+) kB$", line)
        check(m and len(m.group(1)) + 1 + len(m.group(2)) + len(m.group(3)) == 22,
              "not Linux 2.6's meminfo layout: %r" % line)
        values[m.group(1)] = int(m.group(3))
    return values


SLABINFO_HEADER = ("slabinfo - version: 2.1\n"
                   "# name            <active_objs> <num_objs> <objsize> <objperslab> "
                   "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> "
                   ": slabdata <active_slabs> <num_slabs> <sharedavail>\n")
SLABINFO_FIELDS = ("active_objs", "num_objs", "objsize", "objperslab", "pagesperslab",
                   "limit", "batchcount", "shared", "active_slabs", "num_slabs",
                   "sharedavail")


def slabinfo_row(name, v):
    """A row as Linux 2.6.24's s_show() prints it."""
    return ("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d"
            % ((name,) + tuple(v[f] for f in SLABINFO_FIELDS)))


def parse_slabinfo(out):
    """`slabinfo` output -> [(name, {field: int})] in printed order, every
    row checked against Linux's exact format."""
    check(out.startswith(SLABINFO_HEADER), "slabinfo header:\n%s" % out[:300])
    rows = []
    for line in out[len(SLABINFO_HEADER):].splitlines():
        fields = line.replace(":", " ").split()
        check(len(fields) == 14 and fields[6] == "tunables" and fields[10] == "slabdata",
              "bad slabinfo row %r" % line)
        nums = [int(x) for x in fields[1:6] + fields[7:10] + fields[11:14]]
        v = dict(zip(SLABINFO_FIELDS, nums))
        check(slabinfo_row(fields[0], v) == line, "not Linux's layout: %r" % line)
        rows.append((fields[0], v))
    return rows


def image_words(offset, count):
    """Little-endian words of build/slablab.bin from @offset (loaded at 0x60010000)."""
    with open(os.path.join(BUILD, "slablab.bin"), "rb") as f:
        f.seek(offset)
        data = f.read(4 * count)
    return [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]
