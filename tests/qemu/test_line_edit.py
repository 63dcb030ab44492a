"""test_line_edit.py - the line editor and Tab completion on the board.

Keys go through the UART as a terminal sends them (the VT100/xterm
sequences); each test checks the command that actually ran, and where
the redraw matters, the exact bytes echoed.  The completion word lists
(shell/complete.c) are checked against the help texts and error
messages, so a new subcommand or flag without its completion fails here.
"""

import re

from harness import PROMPT, check
from test_shell import COMMANDS

LEFT, RIGHT, HOME, END, DELETE = "\x1b[D", "\x1b[C", "\x1b[H", "\x1b[F", "\x1b[3~"
CTRL_A, CTRL_B, CTRL_D, CTRL_E, CTRL_F, CTRL_K, CTRL_U = "\x01\x02\x04\x05\x06\x0b\x15"
# QEMU's -nographic serial takes Ctrl-A as its own escape key: Ctrl-A
# Ctrl-A sends the board one Ctrl-A
QEMU_CTRL_A = CTRL_A * 2
HOMES = ["\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~", QEMU_CTRL_A]
ENDS = ["\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~", CTRL_E]


def run_keys(board, keys):
    """Type @keys and Enter; returns (what was echoed, what the command printed)."""
    board.send(keys + "\r")
    m = board.expect(r"\A(.*?)^" + re.escape(PROMPT), flags=re.M | re.S)
    echo, _, out = m.group(1).partition("\n")
    return echo, out


def check_version(board, keys):
    echo, out = run_keys(board, keys)
    check(out.startswith("slablab "), "%r ran %r, echo %r" % (keys, out[:60], echo))


def tab_list(board, line):
    """The words a double Tab lists after @line (the first Tab must add nothing)."""
    board.send(line + "\t\t")
    m = board.expect(r"\A" + re.escape(line + "\a\n") + r"(.*?)\n" +
                     re.escape(PROMPT + line), flags=re.S)
    board.send(CTRL_U + "\r")
    check(board.output_until_prompt() == "", "the cancelled line ran")
    return m.group(1).split()


def test_left_and_insert_run_the_edited_command(board):
    want = board.run_ok("cache show size-64").splitlines()[:2]
    echo, out = run_keys(board, "cache shw" + LEFT + "o" + END + " size-64")
    # the o, the w it pushed right, back over the w; End writes the w again
    check(echo == "cache shw\bow\bw size-64", repr(echo))
    check(out.splitlines()[:2] == want, out)
    for left, right in ((LEFT, RIGHT), ("\x1bOD", "\x1bOC"), (CTRL_B, CTRL_F)):
        check_version(board, "vrsion" + left * 5 + "e" + right * 5)   # e, then n at the end
        check_version(board, "vrsio" + left * 4 + "e" + right * 4 + "n")


def test_sequences_typed_one_byte_at_a_time(board):
    # as a person types: each byte of a sequence its own UART read
    want = board.run_ok("cache show kmem_cache").splitlines()[:2]
    board.send("cache shw" + LEFT + "o" + END + " kmem_c\t" + HOME + DELETE + "c\r", pace=0.005)
    out = board.output_until_prompt()
    check(out.splitlines()[:2] == want, out)


def test_home_and_end_every_sequence(board):
    for home in HOMES:
        check_version(board, "ersion" + home + "v")
    for end in ENDS:
        check_version(board, "versio" + HOME + end + "n")


def test_delete_ctrl_d_ctrl_k_ctrl_u_backspace(board):
    check_version(board, "versionx" + LEFT + DELETE)
    check_version(board, "xversion" + HOME + CTRL_D)
    check_version(board, "versionn" + DELETE + CTRL_D + "\x7f")  # at the end: nothing
    check_version(board, "version 1 2" + LEFT * 4 + CTRL_K)
    check_version(board, "junk version" + HOME + RIGHT * 5 + CTRL_U)
    check_version(board, "verrsion" + LEFT * 4 + "\x7f")
    # a Delete in the middle: the rest, a blank over the old end, back
    echo, out = run_keys(board, "verxsion" + LEFT * 5 + DELETE)
    check(echo == "verxsion" + "\b" * 5 + "sion " + "\b" * 5, repr(echo))
    check(out.startswith("slablab "), out)


def test_history_recall_puts_the_cursor_at_the_end(board):
    board.run_ok("help cpu")
    echo, out = run_keys(board, "xx" + HOME + "\x1b[A" + "s")
    check(out.startswith("usage: cpus\n"), repr(out))


def test_tab_completes_subcommands_and_cache_names(board):
    want = board.run_ok("cache show kmem_cache").splitlines()[:2]
    echo, out = run_keys(board, "cache sho\tkmem_c\t")
    check(echo == "cache show kmem_cache ", repr(echo))
    check(out.splitlines()[:2] == want, out)
    # cache names are read live: one created is offered, one destroyed is not
    board.run_ok("cache create lineedit_cache 100")
    echo, out = run_keys(board, "verify lineed\t")
    check(echo == "verify lineedit_cache ", repr(echo))
    check(re.fullmatch(r"verify: OK \(1 caches, 0 slabs, 0 objects\)\n", out), out)
    board.run_ok("cache destroy lineedit_cache")
    echo, out = run_keys(board, "verify lineed\t")
    check(echo == "verify lineed\a", repr(echo))
    check(out == "error: no cache named 'lineed'\n", out)


def test_tab_completes_general_caches_and_lists_them(board):
    # size-4096 and size-4096(DMA): their common prefix, then the list
    echo, out = run_keys(board, "verify size-40\t")
    check(echo == "verify size-4096", repr(echo))
    check(re.fullmatch(r"verify: OK \(1 caches, \d+ slabs, \d+ objects\)\n", out), out)
    check(sorted(tab_list(board, "verify size-4096")) == ["size-4096", "size-4096(DMA)"], "")
    check(tab_list(board, "cpu 2 cache alloc size-4096") ==
          tab_list(board, "verify size-4096"), "cpu N CMD completes as CMD")


def test_tab_lists_match_the_help_texts(board):
    check(tab_list(board, "") == COMMANDS, "commands")
    help_cache = board.run_ok("help cache")
    subs = re.search(r"^SUBCOMMAND: (.*?)\.\n", help_cache, re.M | re.S).group(1)
    check(tab_list(board, "cache ") == re.split(r",\s*", subs), "cache: %r" % subs)
    known = re.search(r"\(known: (.*)\)", board.run_error("cache create x 64 frob")).group(1)
    check(tab_list(board, "cache create x 64 ") == known.split(), "flags: %s" % known)
    modes = re.search(r"^cache badfree NAME ADDR (\S+):", help_cache, re.M).group(1)
    check(tab_list(board, "cache badfree size-64 0x1000 ") == modes.split("|"), modes)
    usage = board.run_ok("help fault").splitlines()[0]     # [TYPE ...] | fault INJECTOR ...
    faults, injectors = usage.split()[2].strip("[").split("|"), usage.split()[7].split("|")
    check(tab_list(board, "fault ") == faults + injectors, usage)
    modes = [alt.split()[0] for alt in usage.split(" | fault ")[1].split(" ", 1)[1].split("|")]
    check(tab_list(board, "fault slab ") == modes == ["off", "every", "prob"], usage)
    usage = board.run_ok("help smp").splitlines()[0]
    check(tab_list(board, "smp 10 ") == usage.split()[3].strip("[]").split("|"), usage)
    usage = board.run_ok("help bench").splitlines()[0]
    check(tab_list(board, "bench ") == usage.split()[2].strip("[]").split("|"), usage)
    usage = board.run_ok("help kmalloc").splitlines()[0]   # the words after SIZE [COUNT]
    words = [alt for alt in usage[len("usage: kmalloc "):].split(" | ") if alt.islower()]
    check(words == ["list"], usage)         # one word: Tab completes it outright
    echo, _ = run_keys(board, "kmalloc \t")
    check(echo == "kmalloc list ", repr(echo))
    usage = board.run_ok("help stress").splitlines()[0]    # its one word, after the numbers
    check(usage.split()[-1] == "[corrupt]", usage)
    echo, out = run_keys(board, "stress 10 9 1 c\t")     # completed, then refused: caches 9
    check(echo == "stress 10 9 1 corrupt " and out.startswith("error: bad caches '9'"),
          "%r: %r" % (echo, out))
    usage = board.run_ok("help pages").splitlines()[0]
    subs = [alt.split()[0] for alt in usage[len("usage: pages "):].split(" | ")]
    subs = sorted(set(subs), key=subs.index)        # "free ADDR ORDER | free all": one word
    check(tab_list(board, "pages ") == subs, usage)
    suites = re.findall(r"^(\w+): ", board.run_ok("help selftest").partition("Suites")[2],
                        re.M)
    check(tab_list(board, "selftest ") == suites, "suites %s" % suites)
    usage = board.run_ok("help dmesg").splitlines()[0]
    check(tab_list(board, "dmesg -") == usage.split()[2].strip("[]").split("|"), usage)
    # "o" typed: the common prefix of on and off, so the first Tab adds nothing
    check(tab_list(board, "reap auto o") == ["on", "off"], "reap auto")
    check(tab_list(board, "cache trace size-64 o") == ["on", "off"], "trace")
    check(tab_list(board, "cache trace size-64 ") == ["on", "events", "off"], "trace modes")


def test_create_flags_in_any_case(board):
    lower = board.run_ok("cache create le_lower 20 8 red_zone poison")
    upper = board.run_ok("cache create le_upper 20 8 RED_ZONE Poison")
    check(upper == lower.replace("le_lower", "le_upper"), "%r\n%r" % (lower, upper))
    show = board.run_ok("cache show le_upper").splitlines()[0]
    check(show.endswith(" flags=red_zone,poison"), show)        # printed in lower case
    echo, out = run_keys(board, "cache create le_tab 20 8 red\tpoi\t")
    check(echo == "cache create le_tab 20 8 red_zone poison ", repr(echo))
    check(out == lower.replace("le_lower", "le_tab"), out)
    for name in ("le_lower", "le_upper", "le_tab"):
        board.run_ok("cache destroy " + name)
