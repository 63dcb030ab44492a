#!/usr/bin/env python3
"""transcript.py - rewrite the shell sessions shown in README.md and docs/
with what the real firmware prints.

A session is one or more fenced code blocks, each right after a marker:

    <!-- session NAME [smp=N] [mem=SIZE] [image=elf|slab_debug] [keep=K] -->
    ```
    slab> cache create figo_object 20 8
    (anything: replaced by the command's output)
    ```

The blocks of one NAME run in file order on one board, booted fresh for
the session's first block (smp, mem and image are read there; defaults
4, 256M, elf).  Lines starting "slab> " are the commands, typed as they
stand; every other line is replaced by what the command printed.  With
keep=K a command whose output runs longer than K + 1 lines shows its
first K lines, "...", and its last line.

Addresses move when the firmware changes.  A command that names an
address printed earlier in its session (cache free figo_object
0x6fc1c430) is typed with the address the firmware prints now: the hex
words of each command's old output are paired, in order, with those of
its new output, and later commands are rewritten through that mapping;
an address a few bytes from a paired one (md.b 0x6fc1c428, just before
object 0x6fc1c430) moves with it.  When writing a new session, give a
command's output as placeholders (0x00000001, 0x00000002, ...) and use
them in the later commands: the first run fills in the real addresses.

    scripts/transcript.py [--check] [FILE ...]   (default: README.md docs/*.md)

--check changes nothing and exits 1 if a file would change.  Output that
depends on time (uptime, journal timestamps) differs from run to run, so
regenerate rather than check sessions that show it.
"""

import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))
from harness import PROMPT, Board  # noqa: E402

MARKER = re.compile(r"^<!-- session (\S+)((?: \w+=\S+)*) -->$")
LONG_TIMEOUT = 120.0


def options(text):
    return dict(item.split("=", 1) for item in text.split())


def shorten(lines, keep):
    if keep is None or len(lines) <= keep + 1:
        return lines
    return lines[:keep] + ["..."] + lines[-1:]


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


def run_block(board, block, keep, moved):
    """The block's commands (their addresses brought up to date) and outputs."""
    out = []
    for line, old in commands(block):
        line = HEX.sub(lambda m: move(moved, m.group(0)), line)
        out.append(line)
        text = board.run(line[len(PROMPT):], timeout=LONG_TIMEOUT)
        new = shorten(text.rstrip("\n").split("\n") if text.strip() else [], keep)
        remember(moved, old, new)
        out += new
    return out


def boot(opts):
    board = Board(image=opts.get("image", "elf"), smp=int(opts.get("smp", 4)),
                  mem=opts.get("mem", "256M"))
    board.boot()
    return board


def rewrite(path):
    """The file with every session regenerated."""
    lines = open(path).read().split("\n")
    boards, moved = {}, {}
    out, i = [], 0
    try:
        while i < len(lines):
            m = MARKER.match(lines[i])
            out.append(lines[i])
            i += 1
            if not m:
                continue
            if i >= len(lines) or not lines[i].startswith("```"):
                sys.exit("%s:%d: a session marker must be followed by a fenced block" % (path, i))
            out.append(lines[i])
            i += 1
            end = i
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            name, opts = m.group(1), options(m.group(2))
            if name not in boards:
                boards[name] = boot(opts)
                moved[name] = {}
            keep = int(opts["keep"]) if "keep" in opts else None
            out += run_block(boards[name], lines[i:end], keep, moved[name])
            i = end
    finally:
        for board in boards.values():
            board.close()
    return "\n".join(out)


def main(argv):
    check = "--check" in argv
    files = [a for a in argv if a != "--check"] or \
        [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
    stale = []
    for path in files:
        old = open(path).read()
        if "<!-- session " not in old:
            continue
        new = rewrite(path)
        if new == old:
            continue
        stale.append(path)
        if not check:
            with open(path, "w") as f:
                f.write(new)
    for path in stale:
        print("%s %s" % ("stale:" if check else "rewrote", os.path.relpath(path, ROOT)))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
