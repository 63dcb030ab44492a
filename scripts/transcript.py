#!/usr/bin/env python3
"""transcript.py - rewrite the shell sessions shown in README.md and docs/
with what the real firmware prints, or check that they still match it.

A session is one or more fenced code blocks, each right after a marker:

    <!-- session NAME [smp=N] [mem=SIZE] [image=elf|slab_debug|debug|slub] [banner]
                      [keep=K] [grep=REGEX] [verify=off] -->
    ```
    slab> cache create figo_object 20 8
    (anything: replaced by the command's output)
    ```

(one line in the file).  The blocks of one NAME run in file order on
one board, booted fresh for the session (smp, mem, image, banner and
verify are read from its first marker; defaults 4, 256M, elf), so
addresses are the same from run to run.  Lines starting "slab> " are
the commands, typed as they stand; every other line is replaced by what
the command printed.  A session that allocates should begin with
`reap auto off` (or its text must say the reaper runs): the reaper
moves objects on a timer, and a check must not depend on timing.

Options of one block (keep, grep) shape each command's output there:
  keep=K      an output longer than K + 1 lines shows its first K lines,
              "...", and its last line;
  grep=REGEX  only the lines REGEX finds (re.search; no blanks, write
              \\s) are shown, a "..." line standing for each run of
              lines left out.
Options of the session (its first marker):
  banner      the block opens with the boot banner, everything the
              firmware prints before its first prompt (Board.boot()),
              from the line starting with its first word ("slablab");
              lines above that (`$ make run` and what make prints) stay
              as written;
  gdb         a gdb session: the board runs with a gdb stub, and
              "(gdb) " lines are typed to gdb-multiarch on a terminal,
              attached (as `make gdb`, scripts/slablab.gdb loaded) at the
              first of them and detached after the last; a "slab> " line
              after a `continue` is typed on the board's console while
              gdb waits (the shell's answer is not shown), and the
              continue's output follows it;
  verify=off  the board is not given the QEMU tests' closing `verify`
              (test_docs.py): a session that leaves a CPU stopped
              holding a lock `verify` needs.
`poweroff` may end a session: its output is what the board printed as
QEMU exited.

Addresses move when the firmware changes.  A command that names an
address printed earlier in its session (cache free figo_object
0x6fc1c430) is typed with the address the firmware prints now: the hex
words of each command's old output are paired, in order, with those of
its new output, and later commands are rewritten through that mapping;
an address a few bytes from a paired one (md.b 0x6fc1c428, just before
object 0x6fc1c430) moves with it.  When writing a new session, give a
command's output as placeholders (0x00000001, 0x00000002, ...) and use
them in the later commands: the first run fills in the real addresses.

    scripts/transcript.py [--check] [-j N] [FILE ...]
                          (default: README.md docs/*.md)

A block that differs from the file's only in masked values is left as
it is, so regenerating rewrites only what the firmware now prints
differently.  `make docs` runs it over every file.  --check changes nothing: it
compares every block with a fresh run and exits 1, naming the session
and the file's line, if one differs, or if a fenced block shows
"slab> " lines without being a session: a transcript that cannot be
regenerated says so on the line above its fence with
"<!-- not generated: WHY -->".  The comparison masks what varies
from run to run (MASKS: ticks, interrupt counts, uptime, printk's
"[   12.345678] " stamps on kernel log lines, timestamps, times in ns
and us, the reaper's times to its next passes, an oops' general
registers, the git revision and dates); the file keeps the
values of the run that wrote it.  Sessions run N at a time (default 2),
each on its own board.
"""

import concurrent.futures
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))
from harness import BUILD, IMAGES, PROMPT, Board, free_port  # noqa: E402

MARKER = re.compile(r"^<!-- session (\S+)((?: \S+)*?) -->$")
LONG_TIMEOUT = 180.0
JOBS = 2

# What differs between two runs of the same firmware, masked for --check.
MASKS = [
    # printk's stamp on a kernel log line (drivers/printk.c): "[%5lu.%06lu] "
    (re.compile(r"^\[ *\d+\.\d{6}\] "), "[T] "),
    (re.compile(r"\b(ticks|irqs|ipis)\s+\d+"), r"\1 N"),
    (re.compile(r"up \d+ days, \d\d:\d\d:\d\d\.\d{3} \(\d+\.\d{3} s since boot\)"), "up T"),
    # SECONDS.MICROS with its column's padding; ages as "12.345678s" (cache objects)
    (re.compile(r" *\b\d+\.\d{6}s?\b"), " S.MICROS"),
    (re.compile(r"\bmin \d+ avg \d+ max \d+ ns"), "min N avg N max N ns"),
    (re.compile(r"\b\d+ (ns|us)\b"), r"N \1"),
    (re.compile(r"\b\d+\.\d\d s\b"), "T s"),     # the reaper line's "due in 2.10 s"
    # slub_debug's track: "Allocated in ADDR age=J": jiffies since, a tick
    # more or less from run to run
    (re.compile(r"\b(INFO: (Allocated|Freed) in 0x[0-9a-f]{8}) age=\d+ "), r"\1 age=J "),
    # ... and whatis's "last alloc: ADDR age=J" on SLUB
    (re.compile(r"^(last (alloc|free): 0x[0-9a-f]{8}) age=\d+ "), r"\1 age=J "),
    # an oops' general registers: what scratch registers hold when an IPI
    # lands depends on where the CPU was (pc, lr, sp and psr do not)
    (re.compile(r"\b(r\d+|ip|fp) ?: [0-9a-f]{8}\b"), r"\1: XXXXXXXX"),
    (re.compile(r"-g[0-9a-f]{7}(-dirty)?\b"), "-gREV"),
    (re.compile(r"\b\d{4}-\d\d-\d\d\b"), "DATE"),
    (re.compile(r"\b\d+\.\d\d MHz\b"), "F MHz"),
    # slabstress: how many objects and cross-CPU frees a CPU got depends
    # on how the CPUs interleave
    (re.compile(r"^cpu(\d): \d+ objects, \d+ freed by another cpu"),
     r"cpu\1: N objects, N freed by another cpu"),
    (re.compile(r"^left to cache_reap: \d+ slab pages \((\d+) before\), \d+ free pages"),
     r"left to cache_reap: N slab pages (\1 before), N free pages"),
    # stress: the seed fixes each CPU's ops, not how many objects the others
    # handed it nor how many reaper passes its timer brought meanwhile
    (re.compile(r"; \d+ freed for other cpus, (\d+) failed, \d+ reaper passes$"),
     r"; N freed for other cpus, \1 failed, N reaper passes"),
]


def mask(line):
    for rx, repl in MASKS:
        line = rx.sub(repl, line)
    return line


def options(text):
    out = {}
    for item in text.split():
        key, eq, value = item.partition("=")
        out[key] = value if eq else True
    return out


def shorten(lines, keep):
    if keep is None or len(lines) <= keep + 1:
        return lines
    return lines[:keep] + ["..."] + lines[-1:]


def pick(lines, rx):
    """The lines @rx finds, a "..." for each run of others."""
    if rx is None:
        return lines
    out = []
    for line in lines:
        if rx.search(line):
            out.append(line)
        elif not out or out[-1] != "...":
            out.append("...")
    return out


HEX = re.compile(r"0x[0-9a-f]{8}")


def commands(block):
    """[(command line, its old output lines)] of a block."""
    out = []
    for line in block:
        if line.startswith(PROMPT):
            out.append((line, []))
        elif out:
            out[-1][1].append(line)
    return out


def remember(moved, old, new):
    """Pair the old output's addresses with the new output's, in order."""
    for a, b in zip(HEX.findall("\n".join(old)), HEX.findall("\n".join(new))):
        moved.setdefault(a, b)


NEAR = 4096    # an address this close to a paired one moves with it


def move(moved, word):
    """@word as the firmware prints it now."""
    if word in moved:
        return moved[word]
    x = int(word, 16)
    for old, new in moved.items():
        if abs(x - int(old, 16)) < NEAR:
            return "0x%08x" % (x - int(old, 16) + int(new, 16))
    return word


def type_line(board, command):
    """What @command printed; poweroff's output is what came before QEMU exited."""
    if command.strip() != "poweroff":
        return board.run(command, timeout=LONG_TIMEOUT)
    board.send(command + "\r")
    board.wait_exit()
    _echo, _, rest = board.buf.partition("\n")
    board.buf = ""
    return rest


def run_block(board, block, opts, moved):
    """The block's commands (their addresses brought up to date) and outputs."""
    keep = int(opts["keep"]) if "keep" in opts else None
    rx = re.compile(opts["grep"]) if "grep" in opts else None
    out = []
    for line, old in commands(block):
        line = HEX.sub(lambda m: move(moved, m.group(0)), line)
        out.append(line)
        text = type_line(board, line[len(PROMPT):])
        new = text.rstrip("\n").split("\n") if text.strip() else []
        if failed(new) and not failed(old):
            FAILED.append("%s: now fails: %s" % (line, failed(new)[0]))
        new = shorten(pick(new, rx), keep)
        remember(moved, old, new)
        out += new
    return out


# Commands that print an error a transcript did not show: an address the
# pairing got wrong, or a real change; rewrite() refuses to write them.
FAILED = []


def failed(lines):
    return [l for l in lines if l.startswith("error: ")]


def banner_lines(block, banner):
    """The block's lines above the old banner (which starts with the same
    word as the new one, the firmware's name), then the new banner."""
    new = banner.rstrip("\n").split("\n")
    word = new[0].split()[0] if new[0].split() else new[0]
    head = []
    for line in block:
        if line.startswith(word) or line.startswith(PROMPT):
            break
        head.append(line)
    return head + new


GDB_PROMPT = "(gdb) "


class Gdb:
    """gdb-multiarch on a pty, attached to @board's gdb stub, as `make gdb`
    runs it: what a user sees after each command, prompts and echo taken
    off."""

    def __init__(self, port, elf):
        import pty
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "dumb"
            os.execvp("gdb-multiarch", ["gdb-multiarch", "-q", "-nx", "-ex",
                                        "set style enabled off", "-ex", "set width 0",
                                        "-ex", "target remote 127.0.0.1:%d" % port,
                                        "-x", os.path.join(ROOT, "scripts", "slablab.gdb"), elf])
        self.buf = ""
        self.until_prompt()

    def until_prompt(self, timeout=LONG_TIMEOUT):
        import select
        import time
        deadline = time.monotonic() + timeout
        while not self.buf.endswith("\n" + GDB_PROMPT) and self.buf != GDB_PROMPT:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise RuntimeError("gdb gave no prompt; it printed:\n" + self.buf[-2000:])
            self.buf += os.read(self.fd, 65536).decode(errors="replace").replace("\r", "")
        out, self.buf = self.buf[:-len(GDB_PROMPT)], ""
        return out

    def send(self, command):
        os.write(self.fd, (command + "\n").encode())

    def output(self, command, timeout=LONG_TIMEOUT):
        """What @command printed (its echo taken off)."""
        out = self.until_prompt(timeout)
        echo = command + "\n"
        return out[len(echo):] if out.startswith(echo) else out

    def close(self):
        try:
            self.send("detach")
            self.send("quit")
        finally:
            os.close(self.fd)
            os.waitpid(self.pid, 0)


def gdb_lines(text):
    text = text.rstrip("\n")
    return text.split("\n") if text.strip() else []


def run_gdb_block(board, gdb, block, state):
    """A block of a gdb session: "(gdb) " lines go to gdb; a "slab> " line
    after a continue is typed into the board's console while gdb waits
    (the shell's answer is not shown: the board is stopped or running in
    the other terminal), and the continue's output follows; any other
    "slab> " line runs on the board with its output, before gdb attaches."""
    out = []
    for line in block:
        if line.startswith(GDB_PROMPT):
            if state["waiting"]:
                out += gdb_lines(state["gdb"].output(state["waiting"]))
                state["waiting"] = None
            command = line[len(GDB_PROMPT):]
            if state["gdb"] is None:
                state["gdb"] = gdb()
            out.append(line)
            state["gdb"].send(command)
            if command.strip() in ("continue", "c"):
                state["waiting"] = command
            else:
                out += gdb_lines(state["gdb"].output(command))
        elif line.startswith(PROMPT):
            out.append(line)
            if state["waiting"]:
                board.send(line[len(PROMPT):] + "\r")
                state["typed"].append(line[len(PROMPT):])
            else:
                out += gdb_lines(type_line(board, line[len(PROMPT):]))
    if state["waiting"]:
        out += gdb_lines(state["gdb"].output(state["waiting"]))
        state["waiting"] = None
    return out


class Session:
    def __init__(self, name, opts):
        self.name = name
        self.opts = opts
        self.blocks = []       # [(first line index, end index, marker options)]

    def run(self, lines):
        """The new lines of each block, in order."""
        if "gdb" in self.opts:
            return self.run_gdb(lines)
        board = Board(image=self.opts.get("image", "elf"), smp=int(self.opts.get("smp", 4)),
                      mem=self.opts.get("mem", "256M"))
        if self.opts.get("verify") == "off":
            board.skip_verify = "session %s: verify=off" % self.name
        moved, out = {}, []
        try:
            banner = board.boot()
            for n, (start, end, opts) in enumerate(self.blocks):
                block = lines[start:end]
                new = []
                if n == 0 and "banner" in self.opts:
                    new = banner_lines(block, banner)
                new += run_block(board, block, opts, moved)
                out.append(new)
        finally:
            board.close()
        return out

    def run_gdb(self, lines):
        """A gdb session: the board with a gdb stub, gdb attached at its
        first "(gdb) " line and detached at the end, the board then left to
        finish what was typed."""
        port = free_port()
        image = self.opts.get("image", "elf")
        board = Board(image=image, smp=int(self.opts.get("smp", 4)),
                      mem=self.opts.get("mem", "256M"), extra=("-gdb", "tcp:127.0.0.1:%d" % port))
        # the ELF of the image booted: gdb's symbols (harness.IMAGES: SLUB's
        # is in build-slub/)
        elf = os.path.normpath(os.path.join(BUILD, IMAGES[image]))
        state = dict(gdb=None, typed=[], waiting=None)
        out = []
        try:
            board.boot()
            for start, end, _opts in self.blocks:
                out.append(run_gdb_block(board, lambda: Gdb(port, elf), lines[start:end], state))
        finally:
            if state["gdb"] is not None:
                state["gdb"].close()
                for _ in state["typed"]:
                    board.output_until_prompt(LONG_TIMEOUT)
            board.close()
        return out


def parse(path, lines):
    """The file's sessions, in order of first appearance."""
    sessions = {}
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        i += 1
        if not m:
            continue
        if i >= len(lines) or not lines[i].startswith("```"):
            sys.exit("%s:%d: a session marker must be followed by a fenced block" % (path, i))
        i += 1
        end = i
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        name, opts = m.group(1), options(m.group(2))
        if name not in sessions:
            sessions[name] = Session(name, opts)
        sessions[name].blocks.append((i, end, opts))
        i = end
    return list(sessions.values())


def run_sessions(sessions, lines, jobs):
    """{session name: [new block lines]}, the sessions run @jobs at a time."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {s.name: pool.submit(s.run, lines) for s in sessions}
        return {name: f.result() for name, f in futures.items()}


def regenerate(path, jobs=JOBS):
    """(the file's lines, its sessions, their new block lines)."""
    lines = open(path).read().split("\n")
    sessions = parse(path, lines)
    return lines, sessions, run_sessions(sessions, lines, jobs)


def settled(old, new):
    """@old if @new differs from it only in masked values, else @new: the
    files change only where the firmware's output changed, so the diff
    shows what did.  Whole blocks, never line by line: lines of two runs
    mixed would show times going backwards (printk's stamps)."""
    if len(old) == len(new) and all(mask(a) == mask(b) for a, b in zip(old, new)):
        return old
    return new


def rewrite(path, jobs=JOBS):
    """The file with every session regenerated."""
    lines, sessions, results = regenerate(path, jobs)
    blocks = sorted((start, end, results[s.name][n])
                    for s in sessions for n, (start, end, _) in enumerate(s.blocks))
    out, i = [], 0
    for start, end, new in blocks:
        out += lines[i:start] + settled(lines[start:end], new)
        i = end
    return "\n".join(out + lines[i:])


def differences(path, jobs=JOBS):
    """Where the file's blocks differ from a fresh run, varying values masked:
    ["FILE:LINE: session NAME: ..."], empty when every block matches."""
    lines, sessions, results = regenerate(path, jobs)
    rel = os.path.relpath(path, ROOT)
    out = []
    for s in sessions:
        for (start, end, _), new in zip(s.blocks, results[s.name]):
            old = lines[start:end]
            for k in range(max(len(old), len(new))):
                a = old[k] if k < len(old) else None
                b = new[k] if k < len(new) else None
                if a is None or b is None or mask(a) != mask(b):
                    out.append("%s:%d: session %s: the file has\n    %r\n  a fresh run gives\n    %r"
                               % (rel, start + k + 1, s.name, a, b))
                    break
    return out


SHELL_LINE = re.compile(r"^\s*" + re.escape(PROMPT))
NOT_GENERATED = re.compile(r"^\s*<!-- not generated: .+ -->$")


def unmarked(path):
    """["FILE:LINE"] of fenced blocks that show shell lines but follow
    neither a session marker nor a "<!-- not generated: WHY -->" comment."""
    lines = open(path).read().split("\n")
    rel = os.path.relpath(path, ROOT)
    out, i = [], 0
    while i < len(lines):
        if not lines[i].lstrip().startswith("```"):
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not lines[end].lstrip().startswith("```"):
            end += 1
        above = lines[i - 1] if i else ""
        if any(SHELL_LINE.match(l) for l in lines[i + 1:end]) and \
                not MARKER.match(above) and not NOT_GENERATED.match(above):
            out.append("%s:%d" % (rel, i + 1))
        i = end + 1
    return out


def main(argv):
    check = "--check" in argv
    jobs = JOBS
    files = []
    args = iter(argv)
    for a in args:
        if a == "-j":
            jobs = int(next(args))
        elif a != "--check":
            files.append(a)
    files = files or [os.path.join(ROOT, "README.md")] + \
        sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
    status = 0
    for path in files:
        for where in unmarked(path):
            print("%s: a transcript that is not a session" % where)
            status |= check
        old = open(path).read()
        if "<!-- session " not in old:
            continue
        if check:
            diffs = differences(path, jobs)
            for d in diffs:
                print(d)
            status |= bool(diffs)
            continue
        del FAILED[:]
        new = rewrite(path, jobs)
        if FAILED:
            print("%s: not rewritten: a command that worked prints an error now "
                  "(check the addresses it names):" % os.path.relpath(path, ROOT))
            for f in FAILED:
                print("  " + f)
            status = 1
            continue
        if new != old:
            with open(path, "w") as f:
                f.write(new)
            print("rewrote %s" % os.path.relpath(path, ROOT))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
