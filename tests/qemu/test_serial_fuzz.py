"""test_serial_fuzz.py - hostile input over the serial port.

Thousands of random lines (fixed seed, printed; SLABLAB_FUZZ_SEED and
SLABLAB_FUZZ_LINES choose others) go to the shell as a terminal would
send them: random bytes with control characters and escape sequences,
lines far longer than the line editor's LE_LINE_MAX, and every command
of the table with random numbers, addresses, words and quotes as its
arguments.  Then the shell must still answer exactly, no command but md
may have faulted, no detector may have reported, and once the test has
freed what its lines legitimately allocated, `slabinfo` must show the
caches and active object counts it showed before.  The runner's closing
`verify` must print OK.  On all four images: SLAB's and SLUB's, each
with and without debugging.

Paced: the lines go in batches of BATCH, each closed by a Ctrl-C (it
ends a long command, or cancels an empty line) and a sync line, an
unknown command whose error marks the batch's end; the next batch waits
for it (sync()).  The UART's ring (drivers/pl011.c) holds a batch whole,
and QEMU holds back what does not fit, so no byte is lost.  A failure
names the seed and the lines of the batch.

What is left out, or held in check, and why (COMMAND_ARGS, EXCLUDED):
  reboot, poweroff   stop the board: never sent;
  fault              stops CPUs or faults on purpose: only with words
                     that are not a fault kind (refused);
  cache corrupt, cache badfree
                     damage objects on purpose: only with odd addresses,
                     which never start an object (refused);
  cache trace        starts a journal that lives as long as its cache:
                     only on the test's own caches, destroyed at the end;
  sleep, slabstress, stress, pages stress, smp, bench, selftest, slabtop -d
                     would run for minutes with a random count: their
                     counts and seconds are small, selftest gets no suite
                     name (the Ctrl-Cs of sync() stop one that runs on).
A Tab is sent only after a blank (TAB_AFTER_A_BLANK): completing a word
typed at random could finish "po" as poweroff.  QEMU's -nographic serial
takes Ctrl-A as its own escape key (Ctrl-A x quits): every Ctrl-A is
sent doubled, which gives the board one.
"""

import os
import random
import re
import subprocess

from harness import BUILD, IMAGES, PROMPT, ROOT, STAMP, TestFailure, check, parse_slabinfo
from test_shell import COMMANDS

# SLAB's and SLUB's images, each with and without debugging: the debug
# ones' red zones and poison check every object the fuzz lines touch.
BOARDS = [dict(image="elf", smp=4, mem="256M"), dict(image="slab_debug", smp=4, mem="256M"),
          dict(image="slub", smp=4, mem="256M"), dict(image="slub_debug", smp=4, mem="256M")]
SEED = int(os.environ.get("SLABLAB_FUZZ_SEED", "14"))
LINES = int(os.environ.get("SLABLAB_FUZZ_LINES", "3000"))
BATCH = 12
SYNC_WAIT, SYNC_TRIES = 5.0, 6
NAME_PREFIX = "fz"          # the caches this test creates

# A fault report (boot/fault.c's fault_describe) anywhere in the output
# is a bug, except a fault inside md (cmd_md.c), which reads what it is
# asked to; so is any new kernel log line (a detector's report, an oops,
# a WARN_ON: printk's stamped lines), which dmesg's reprints are not.
FAULT_RX = re.compile(r"^error: (?:(?:data abort|prefetch abort) at pc 0x([0-9a-f]{8})|"
                      r"undefined instruction 0x[0-9a-f]{8} at pc|"
                      r"BUG at \S+|unexpected exception \(vector|"
                      r"spinlock \S+ \(0x[0-9a-f]{8}\) is held by cpu\d+)", re.M)

STAMP_RX = re.compile(STAMP)
# Kernel lines that random lines cause legitimately: Linux's own report
# when kmem_cache_destroy() finds objects left (the shell's refusal of
# `cache destroy` on a cache whose objects it holds), and its warning
# for an allocation the memory left cannot serve (the lines may ask for
# hundreds of MiB: `kmalloc 4M 40`).
EXPECTED_LOG = re.compile(r"slab error in kmem_cache_destroy\(\): cache '[^']+': "
                          r"Can't free all objects$|"
                          r"page allocation failure: order:\d+, mode:0x[0-9a-f]+$")

ESCAPES = ["\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[H", "\x1b[F", "\x1bOA", "\x1bOH",
           "\x1b[1~", "\x1b[3~", "\x1b[4~", "\x1b[7~", "\x1b[8~", "\x1b[2~", "\x1b[15~",
           "\x1b[1;5C", "\x1b[99999999999;1;2;3;4;5;6;7;8;9A", "\x1b", "\x1b\x1b[", "\x1b[",
           "\x1bO", "\x1b[?25h", "\x1b]0;title\x07", "\x1b[" + "1;" * 40 + "m"]
CONTROLS = [chr(c) for c in range(0x20) if chr(c) not in "\r\n\t"] + ["\x7f"]


def source_of(image, pc):
    """The source file of @pc in @image's ELF (shell/cmd_md.c for md's reads)."""
    out = subprocess.run(["arm-none-eabi-addr2line", "-e", os.path.join(BUILD, IMAGES[image]),
                          "0x%08x" % pc], capture_output=True, text=True, check=True).stdout
    return os.path.relpath(out.split(":")[0], ROOT) if out.startswith("/") else out.split(":")[0]


class Fuzz:
    """The random lines, from one seeded generator."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.held = []          # addresses the shell printed (objects, pages)
        self.caches = ["size-64", "size-4096", "kmem_cache", "size-32(DMA)"]

    # ---- words ---------------------------------------------------------
    def number(self):
        r = self.rng
        kind = r.randrange(12)
        if kind == 0:
            return str(r.randrange(10))
        if kind == 1:
            return str(r.randrange(1 << 32))
        if kind == 2:
            return "0x%x" % r.randrange(1 << 32)
        if kind == 3:
            return str(r.randrange(1 << 70))                    # too large
        if kind == 4:
            return "%d%s" % (r.randrange(5000), r.choice("kKmMgGxqz"))
        if kind == 5:
            return r.choice(["", "0x", "-1", "+5", "1e9", "0x1g", "1KK", "0b101", "07",
                             "4294967295", "4294967296", "0xffffffff", "0x100000000",
                             "18446744073709551615", "18446744073709551616", "4G", "16M",
                             "4194304", "4194305", "1048572", "1048573", "3.5", "."])
        if kind == 6:
            return "0x" + "f" * r.randrange(1, 20)
        return str(r.randrange(300))

    def address(self):
        r = self.rng
        kind = r.randrange(8)
        if kind < 3:            # near one the shell handed out (the same draws without)
            i, off = r.randrange(64), r.choice([0, 0, 0, 1, 4, 8, -4, -8, 32, 4096])
            base = self.held[i % len(self.held)] if self.held else 0x6fc00000 + 64 * i
            return "0x%08x" % ((base + off) & 0xffffffff)
        if kind == 3:
            return "0x%08x" % (0x60000000 + r.randrange(256 << 20))     # the RAM
        if kind == 4:
            return "0x%08x" % (0x10000000 + r.randrange(0x00100000))    # the motherboard's devices
        if kind == 5:
            return "0x%08x" % (0x1e000000 + r.randrange(0x20000))       # the private peripherals
        if kind == 6:
            return r.choice(["0", "0x10", "0xffffffff", "0xfffffffc", "0x60000000",
                             "0x60010000", "0x6fffffff", "0x80000000", "0x4"])
        return "0x%08x" % r.randrange(1 << 32)

    def odd_address(self):
        return "0x%08x" % (int(self.address(), 16) | 1)

    def junk_word(self, n=12):
        r = self.rng
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.()/%$*!?~"
        return "".join(r.choice(alphabet) for _ in range(r.randrange(1, n)))

    def quoted(self):
        r = self.rng
        return r.choice(["'a b'", '"x y z"', "''", '""', "'unterminated", '"open', "a'b'c",
                         "'%s'" % self.junk_word(), '"%s %s"' % (self.junk_word(), self.number())])

    def cache_name(self):
        r = self.rng
        kind = r.randrange(6)
        if kind < 3:
            return r.choice(self.caches)
        if kind == 3:
            return "%s%d" % (NAME_PREFIX, r.randrange(6))
        if kind == 4:
            return NAME_PREFIX + "x" * r.randrange(20, 40)                # too long
        return self.junk_word()

    def any_word(self):
        r = self.rng
        return r.choice([self.number, self.address, self.junk_word, self.quoted,
                         self.cache_name])()

    def small(self, hi):
        """A count a command runs quickly with, or a refused one."""
        r = self.rng
        return r.choice([str(r.randrange(1, hi + 1)), "0", "-3", "0x" + "1" * 12,
                         self.junk_word(4)])

    # ---- command lines -------------------------------------------------
    def cmd_args(self, name):
        r = self.rng
        gen = COMMAND_ARGS[name]
        args = gen(self) if gen else []
        if r.randrange(6) == 0:                 # and some noise on top
            args = list(args) + [self.any_word() for _ in range(r.randrange(1, 4))]
        return args

    def command_line(self, depth=0):
        r = self.rng
        name = r.choice(list(COMMAND_ARGS))
        if name == "cpu":
            inner = self.command_line(depth + 1) if depth < 2 else "version"
            return "cpu %s %s" % (r.choice(["0", "1", "2", "3", "4", "9", self.number()]), inner)
        return " ".join([name] + self.cmd_args(name))

    def raw_line(self):
        r = self.rng
        parts = []
        for _ in range(r.randrange(1, 40)):
            kind = r.randrange(6)
            if kind == 0:
                parts.append(r.choice(ESCAPES))
            elif kind == 1:
                parts.append(r.choice(CONTROLS))
            elif kind == 2:
                parts.append(chr(r.randrange(0x80, 0x100)))
            elif kind == 3:
                parts.append(" \t")         # TAB_AFTER_A_BLANK
            else:
                parts.append(self.any_word() + " ")
        return "".join(parts)

    def long_line(self):
        r = self.rng
        n = r.choice([255, 256, 257, 300, 1000, 2000])
        if r.randrange(2):
            return ("help " + " ".join(self.any_word() for _ in range(n // 4)))[:n]
        return "".join(chr(r.randrange(0x20, 0x7f)) for _ in range(n))

    def many_words(self):
        r = self.rng
        return "kfree " + " ".join(self.address() for _ in range(r.randrange(20, 45)))

    def line(self):
        r = self.rng
        kind = r.randrange(20)
        if kind < 12:
            line = self.command_line()
            if r.randrange(8) == 0:             # edited on the way in
                line = line + r.choice(ESCAPES + ["\x02", "\x06", "\x0b", "\x7f", " \t\t"])
        elif kind < 16:
            line = self.raw_line()
        elif kind < 18:
            line = self.long_line()
        else:
            line = self.many_words()
        return line

    def harvest(self, out):
        """Addresses the shell handed out, as later arguments."""
        for m in re.finditer(r"^0x([0-9a-f]{8})\b", out, re.M):
            self.held.append(int(m.group(1), 16))
        del self.held[:-64]
        for m in re.finditer(r"^created cache (\S+)$", out, re.M):
            if m.group(1) not in self.caches:
                self.caches.append(m.group(1))


def wire(text):
    """@text as the terminal sends it through QEMU's stdio mux."""
    return text.replace("\x01", "\x01\x01")


# Each command's argument generator; None: no arguments.
COMMAND_ARGS = {
    "help": lambda f: f.rng.choice([[], [f.rng.choice(COMMANDS)], [f.junk_word()]]),
    "version": None,
    "cpus": None,
    "cpu": None,                                # command_line() nests a command
    "uptime": None,
    "sleep": lambda f: [f.rng.choice(["0", "0.01", "0.02", "0.001", "3601", "-1", "1.",
                                      "2.555", "0.0.1", "abc", "0x", "99999999999", ""])],
    "dmesg": lambda f: f.rng.choice([[], ["-c"], ["-C"], [f.junk_word()]]),
    "md": lambda f: [f.address()] + f.rng.choice([[], [f.small(512)], [f.number()]]),
    "md.b": lambda f: [f.address(), f.small(64)],
    "md.w": lambda f: [f.address(), f.small(64)],
    "md.q": lambda f: [f.address()],
    "buddyinfo": None,
    "meminfo": None,
    "pages": lambda f: f.rng.choice([
        ["alloc", f.number()], ["alloc", str(f.rng.randrange(11)), f.rng.choice(["dma", "x"])],
        ["alloc", str(f.rng.randrange(4))],
        ["free", f.address(), f.number()], ["free", f.address(), str(f.rng.randrange(11))],
        ["free", "all"], ["list"], ["stress", f.small(20)], [f.junk_word()]]),
    "slabinfo": lambda f: f.rng.choice([
        [], [f.cache_name(), f.number(), f.number(), f.number()],
        [f.cache_name(), f.small(200), f.small(100), f.small(8)],
        [f.cache_name(), f.number()]]),
    "slabtop": lambda f: f.rng.choice([[], ["-d", f.small(2)], ["-d"], [f.junk_word()]]),
    "slabstress": lambda f: f.rng.choice([[], [f.small(30)], [f.small(30), "noshrink"],
                                          [f.small(30), "verify"], [f.junk_word()]])
    if f.rng.randrange(3) else [f.small(30)],
    "stress": lambda f: [f.small(200), f.small(8), f.number()][:f.rng.randrange(1, 4)],
    "cache": lambda f: cache_args(f),
    "kmalloc": lambda f: f.rng.choice([[f.number()], [f.number(), f.small(40)],
                                       [str(f.rng.randrange(5000)), f.small(20)], ["list"]]),
    "kfree": lambda f: [f.address() for _ in range(f.rng.randrange(1, 5))],
    "ksize": lambda f: [f.address()],
    "whatis": lambda f: [f.address()],
    "reap": lambda f: f.rng.choice([[], ["auto", f.rng.choice(["on", "off", "x"])],
                                    [f.junk_word()]]),
    "verify": lambda f: f.rng.choice([[], [f.cache_name()]]),
    # refused on SLAB; on SLUB the caches the fuzz lines create next get
    # slub_debug's checks (a prefix of their names, or all of them)
    "slub_debug": lambda f: f.rng.choice([[], [f.rng.choice(["F", "Z", "P", "U", "FZPU", "-", "",
                                                             "x", "FZ,fz", ",", "U,"])],
                                          [f.junk_word()]]),
    "bench": lambda f: [f.rng.choice(["hot", "batch", "churn", "xcpu", "buddy", "all",
                                      f.junk_word()]), f.small(10)],
    "smp": lambda f: f.rng.choice([[f.small(20)], [f.small(20), f.rng.choice(
        ["call", "bcast", "lock", "irqlock", "stop", f.junk_word()])]]),
    "fault": lambda f: [f.junk_word()] + [f.any_word() for _ in range(f.rng.randrange(3))],
    "selftest": lambda f: [f.junk_word()],
}
# Never sent: not even refused with arguments, as the line would stay in
# the history, where an Up and a few Backspaces bring it back whole.
EXCLUDED = {"reboot": "resets the board", "poweroff": "ends QEMU"}


def cache_args(f):
    r = f.rng
    sub = r.choice(["create", "destroy", "alloc", "free", "objects", "show", "map", "dump",
                    "chain", "shrink", "trace", "journal", "corrupt", "badfree",
                    f.junk_word()])
    name = f.cache_name()
    if sub == "create":
        flags = ["hwcache_align", "dma", "reclaim", "ctor", "red_zone", "poison", "store_user",
                 "RED_ZONE", f.junk_word()]
        args = [f.rng.choice([name, "%s%d" % (NAME_PREFIX, r.randrange(6))]),
                r.choice([f.number(), str(r.randrange(1, 3000))])]
        if r.randrange(2):
            args.append(r.choice([f.number(), str(1 << r.randrange(13))]))
            args += r.sample(flags, r.randrange(4))
        return [sub] + args
    if sub == "alloc":
        return [sub, name] + r.choice([[], [f.small(30)], [f.small(30), "zero"], [f.number()]])
    if sub == "free":
        return [sub, name] + r.choice([["all"], [f.address() for _ in range(r.randrange(1, 4))]])
    if sub in ("chain", "journal"):
        return [sub, name] + r.choice([[], [f.address()]])
    if sub == "shrink":
        return [sub, r.choice([name, "all"])]
    if sub == "trace":          # a journal, once started, lives as long as its cache
        name = r.choice(["%s%d" % (NAME_PREFIX, r.randrange(6)), f.junk_word()])
        return [sub, name, r.choice(["on", "events", "off", f.junk_word()])]
    if sub == "corrupt":
        return [sub, name, f.odd_address(), r.choice(["0", "4", "-4", f.number()]), f.small(255)]
    if sub == "badfree":
        return [sub, name, f.odd_address(), r.choice(["double", "interior", "wrongcache", "x"])]
    return [sub, name]


def sync(board, n):
    """Close a batch: wait for the sync line's error; returns the batch's output.

    The Ctrl-C goes to the command running when it arrives, as a
    terminal's does: one sent while an earlier line of the batch still
    runs is that line's, and a long command after it (an Up and an
    edit can make "sleep 0" "sleep 0123") runs on.  So while the sync
    does not come, another Ctrl-C follows every few seconds."""
    rx = re.compile(r"\A(.*?)^error: unknown command 'fuzzsync%d' \(try 'help'\)\n"
                    % n + re.escape(PROMPT), re.M | re.S)
    board.send("\x03fuzzsync%d\r" % n)
    for _ in range(SYNC_TRIES - 1):
        try:
            return board.expect(rx.pattern, SYNC_WAIT, rx.flags).group(1)
        except TestFailure:
            if board.proc.poll() is not None:
                raise
            board.send("\x03")
    return board.expect(rx.pattern, SYNC_WAIT, rx.flags).group(1)


def check_faults(out, image, log_seen, where):
    for m in FAULT_RX.finditer(out):
        pc = m.group(1)
        if pc and source_of(image, int(pc, 16)) == "shell/cmd_md.c":
            continue
        start = max(0, m.start() - 600)
        check(False, "%s: %r\n%s" % (where, m.group(0), out[start:m.end() + 200]))
    new = [line for line in out.splitlines() if STAMP_RX.match(line) and line not in log_seen
           and not EXPECTED_LOG.match(line[STAMP_RX.match(line).end():])]
    check(not new, "%s: new kernel log lines:\n%s" % (where, "\n".join(new)))


def slab_state(board):
    """{cache: (active objects, limit, batchcount, shared)} after every
    cache is shrunk (the arrays drained).  The active objects of a general
    cache leave out the off-slab slab descriptors it holds (a struct slab
    per slab of a cache with off_slab=1, from the general cache its
    slab_size fits, as Linux's slabp_cache): the same objects spread over
    more slabs after a fuzz run need more of them, which is no leak."""
    board.run_ok("cache shrink all")
    rows = parse_slabinfo(board.run_ok("slabinfo"))
    state = {name: [v["active_objs"], v["limit"], v["batchcount"], v["shared"]]
             for name, v in rows}
    general = sorted((v["objsize"], name) for name, v in rows
                     if re.fullmatch(r"size-\d+", name))
    for name, v in rows:
        if not v["num_slabs"]:
            continue
        geometry = re.search(r"slab_size=(\d+) off_slab=(\d)",
                             board.run_ok("cache show '%s'" % name))
        if geometry and geometry.group(2) == "1":
            slabp = next(g for size, g in general if size >= int(geometry.group(1)))
            state[slabp][0] -= v["num_slabs"]
    return {name: tuple(v) for name, v in state.items()}


def clean_up(board, before):
    """Free what the fuzz lines legitimately allocated, destroy the caches
    they created and set back the tunables they changed (the arrays are
    kmalloc'd: their sizes show in the general caches' counts).  SLUB
    has no reaper and no tunables (refused there)."""
    if not board.image.startswith("slub"):
        board.run_ok("reap auto on")
    board.run_ok("pages free all")
    held = re.findall(r"^(0x[0-9a-f]{8}) ", board.run_ok("kmalloc list"), re.M)
    for i in range(0, len(held), 16):
        board.run_ok("kfree " + " ".join(held[i:i + 16]))
    for name, v in parse_slabinfo(board.run_ok("slabinfo")):
        if name not in before:          # its trace lines would follow every command
            board.run("cache trace '%s' off" % name)
        out = board.run("cache free '%s' all" % name)
        check(re.fullmatch(r"freed \d+ objects?\n|error: the shell holds no objects from .*\n",
                           out), "cache free %s all: %r" % (name, out))
        if name not in before:
            board.run_ok("cache destroy '%s'" % name)
        elif before[name][1:] != tuple(v[k] for k in ("limit", "batchcount", "shared")):
            board.run_ok("slabinfo %s %d %d %d" % ((name,) + before[name][1:]))


def test_every_command_has_its_arguments_fuzzed(board):
    names = re.findall(r"^  ([a-z_]+)", board.run_ok("help"), re.M)
    check(names == COMMANDS, "help lists %s" % names)
    check(not set(names) - set(COMMAND_ARGS) - set(EXCLUDED), "no fuzz arguments for %s"
          % sorted(set(names) - set(COMMAND_ARGS) - set(EXCLUDED)))


def test_random_lines_leave_the_shell_and_the_allocator_whole(board):
    version = board.run_ok("version")
    if board.image.startswith("slub"):
        # SLUB makes a kmalloc_dma-N cache on first use and keeps it, its
        # struct kmem_cache and name in kmalloc-192 and kmalloc-32: make
        # them all (slabstress warms every DMA class) before counting
        board.run_ok("slabstress 1")
    before = slab_state(board)
    log_seen = set(board.run_ok("dmesg").splitlines())
    fuzz = Fuzz(SEED)
    sent = nbytes = 0
    print("serial fuzz: seed %d, %d lines" % (SEED, LINES))
    for batch in range(0, LINES, BATCH):
        lines = [fuzz.line() for _ in range(min(BATCH, LINES - batch))]
        text = "".join(wire(line) + "\r" for line in lines)
        board.send(text)
        sent += len(lines)
        nbytes += len(text)
        where = "seed %d, lines %d-%d:\n%s\n" % (SEED, batch, batch + len(lines) - 1,
                                                 "\n".join(map(repr, lines)))
        try:
            out = sync(board, batch)
        except TestFailure as e:
            raise TestFailure("%s%s" % (where, e))
        check_faults(out, board.image, log_seen, where)
        fuzz.harvest(out)
    print("serial fuzz: %d lines, %d bytes sent" % (sent, nbytes))
    # the shell answers exactly as before
    check(board.run_ok("version") == version, "version changed")
    check(board.run_ok("kmalloc 0") == "kmalloc(0) returns ZERO_SIZE_PTR (0x00000010): no object, "
          "nothing to free\n", "kmalloc 0")
    check(board.run_ok("help version") == "usage: version\n"
          "Show the firmware version, how it was built and which allocator runs.\n"
          "The allocator is SLAB, or SLUB in the image make SLAB=slub builds.\n", "help version")
    clean_up(board, before)
    after = slab_state(board)
    check(after == before, "seed %d: slabinfo after the fuzz and its clean-up differs:\n"
          "only before: %s\nonly after: %s" % (SEED, sorted(set(before.items()) - set(after.items())),
                                               sorted(set(after.items()) - set(before.items()))))
