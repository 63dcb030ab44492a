"""test_shell.py - the line editor, the parser and the command table."""

import codecs
import os
import re
import time

from harness import PROMPT, ROOT, check

COMMANDS = ["help", "version", "cpus", "cpu", "uptime", "sleep", "dmesg", "md", "buddyinfo", "meminfo",
            "pages", "slabinfo", "slabtop", "slabstress", "stress", "cache", "kmalloc", "kfree", "ksize",
            "whatis",
            "reap", "verify", "slub_debug", "bench", "smp", "fault", "selftest", "poweroff", "reboot"]


def command_table():
    """shell/commands.c's table as {name: (usage, help)}, in table order: the
    first three string literals of each entry, the help's pieces joined as
    the C compiler joins them."""
    with open(os.path.join(ROOT, "shell", "commands.c")) as f:
        src = f.read()
    body = src[src.index("shell_commands[] = {"):]
    table, depth, strings = {}, 0, []
    for tok in re.findall(r'"(?:[^"\\]|\\.)*"|[{}]', body):
        if tok == "{":
            depth += 1
            strings = []
        elif tok == "}":
            if depth == 2:
                table[strings[0]] = (strings[1], "".join(strings[2:]))
            depth -= 1
            if depth == 0:
                break
        elif depth == 2:
            strings.append(codecs.decode(tok[1:-1], "unicode_escape"))
    return table


HELP_USAGE_WIDTH = 34       # shell/cmd_sys.c


def test_help_lists_every_command(board):
    out = board.run_ok("help")
    listed = re.findall(r"^  (\w+)", out, re.M)
    check(listed == COMMANDS, "help lists %s" % listed)
    # the list shows each help text's first line, which must be a whole
    # sentence: "kmalloc ... with kmalloc() on" once ended mid-sentence
    want = "Commands ('help CMD' explains one; numbers take 0x and K/M/G):\n"
    for name, (usage, text) in command_table().items():
        first = text.split("\n")[0]
        check(re.fullmatch(r"[A-Z].*[.]", first) is not None,
              "help %s: first line is not a sentence: %r" % (name, first))
        if len(usage) > HELP_USAGE_WIDTH:
            want += "  %s\n  %s %s\n" % (usage, " " * HELP_USAGE_WIDTH, first)
        else:
            want += "  %-*s %s\n" % (HELP_USAGE_WIDTH, usage, first)
    check(out == want, "help:\n%s\nwant\n%s" % (out, want))


def test_help_one_command(board):
    out = board.run_ok("help md")
    check(out.startswith("usage: md[.b|.w|.l] ADDR [LEN]\n"), out)
    check("U-Boot" in out, out)


def test_help_texts_arrive_whole(board):
    # "help CMD" is one printf of the usage and the help text; printf once
    # cut anything past 512 bytes and added " [truncated]".
    table = command_table()
    check(list(table) == COMMANDS, "commands.c lists %s" % list(table))
    for name, (usage, text) in table.items():
        # run(), not run_ok(): the comparison is exact, and help slabinfo's
        # text says "every refusal is an error:", which run_ok() takes for one
        out = board.run("help " + name)
        want = "usage: %s\n%s\n" % (usage, text)
        check(out == want, "help %s:\n%r\nwant\n%r" % (name, out, want))
    check(board.run_ok("help slabstress").endswith(" Ctrl-C stops it.\n"), "help slabstress")
    longest = max(len("usage: %s\n%s\n" % t) for t in table.values())
    check(longest > 512, "no help text is longer than 512 bytes any more (%d)" % longest)


def test_a_count_of_zero_is_refused_everywhere(board):
    # every COUNT, ROUNDS, LEN and delay argument: 0 is the same usage error,
    # and nothing runs ("pages stress 0" and "slabstress 0" once ran)
    usage = {name: u for name, (u, _) in command_table().items()}
    usage["pages stress"] = "pages stress [ROUNDS]"
    usage["cache alloc"] = "cache alloc NAME [COUNT] [zero]"
    cases = [
        ("pages stress 0", "rounds", "pages stress"),
        ("slabstress 0", "rounds", "slabstress"),
        ("slabstress 0 noshrink", "rounds", "slabstress"),
        ("stress 0", "ops", "stress"),
        ("stress 10 0 corrupt", "caches", "stress"),
        ("kmalloc 8 0", "count", "kmalloc"),
        ("kmalloc 0 0", "count", "kmalloc"),
        ("cache alloc size-32 0", "count", "cache alloc"),
        ("smp 0", "count", "smp"),
        ("smp 0 call", "count", "smp"),
        ("md 0x60000000 0", "length", "md"),
        ("slabtop -d 0", "delay", "slabtop"),
        ("cpu 1 pages stress 0", "rounds", "pages stress"),
    ]
    before = board.run_ok("slabinfo")
    for line, what, cmd in cases:
        if line.startswith("cpu 1 ") and board.smp < 2:
            continue            # no cpu1 to run it on
        out = board.run(line)
        want = "error: bad %s '0': must be at least 1\nusage: %s\n" % (what, usage[cmd])
        check(out == want, "%s:\n%r\nwant\n%r" % (line, out, want))
    check(board.run_ok("slabinfo") == before, "a refused count changed slabinfo")
    # size 0 has a meaning of its own: COUNT calls that return ZERO_SIZE_PTR
    out = board.run_ok("kmalloc 0 2")
    check(out == "kmalloc(0) returns ZERO_SIZE_PTR (0x00000010): no object, nothing to free "
          "(2 calls)\n", out)


def test_help_unknown_command(board):
    check(board.run_error("help frob") == "error: unknown command 'frob' (try 'help')", "")


def test_unknown_command(board):
    out = board.run("frobnicate 1 2")
    check(out == "error: unknown command 'frobnicate' (try 'help')\n", repr(out))


def test_blank_line_does_nothing(board):
    check(board.run("") == "", "blank line printed something")
    check(board.run("   \t  ") == "", "blank line printed something")


def test_too_many_arguments(board):
    out = board.run("version now")
    check(out == "error: version: too many arguments\nusage: version\n", repr(out))


def test_missing_argument(board):
    out = board.run("md")
    check(out == "error: md: missing argument\nusage: md[.b|.w|.l] ADDR [LEN]\n", repr(out))


def test_garbage_line_too_long(board):
    garbage = "".join(chr(0x21 + (i * 37) % 94) for i in range(1000))
    out = board.run(garbage)
    check(out == "error: line too long (at most 256 characters)\n", repr(out))
    check(board.run_ok("version").startswith("slablab "), "shell unresponsive")


def test_line_of_256_is_accepted(board):
    out = board.run("x" * 256)
    check(out == "error: unknown command '%s' (try 'help')\n" % ("x" * 256), repr(out))


def test_line_of_257_is_refused(board):
    out = board.run("x" * 257)
    check(out == "error: line too long (at most 256 characters)\n", repr(out))


def test_quotes_group_words(board):
    check(board.run_ok('help "md"').startswith("usage: md"), "quoted word")
    check(board.run_error('help "md') == "error: unterminated quote", "open quote")


def test_too_many_words(board):
    check(board.run_error("help" + " x" * 40) == "error: too many words on the line", "")


def test_backspace_edits(board):
    out = board.run("versiox\x7fn")
    check(out.startswith("slablab "), repr(out))
    out = board.run("verzz\b\bsion")
    check(out.startswith("slablab "), repr(out))


def test_ctrl_u_erases_line(board):
    check(board.run("bogus\x15version").startswith("slablab "), "Ctrl-U")


def test_ctrl_c_cancels_line(board):
    board.send("version\x03")
    # between the prompts: the echo, ^C, and nothing that version prints
    m = board.expect(r"\A(.*?)^" + re.escape(PROMPT), flags=re.M | re.S)
    check(m.group(1) == "version^C\n", "want the echo 'version^C' alone, got %r" % m.group(1))
    check(board.run("") == "", "something ran after Ctrl-C")


def test_history_up_down(board):
    board.run_ok("help cpu")
    board.run_ok("version")
    out = board.run("\x1b[A\x1b[A")              # two up: "help cpu"
    check(out.startswith("usage: cpu N CMD"), repr(out))
    # history is now ..., help cpu, version, help cpu: up, up, down = help cpu
    out = board.run("\x1b[A\x1b[A\x1b[B")
    check(out.startswith("usage: cpu N CMD"), repr(out))
    out = board.run("\x1bOA\x1bOA")              # SS3 arrows: version
    check(out.startswith("slablab "), repr(out))
    out = board.run("help\x1b[A\x1b[B")          # up then down: back to the draft "help"
    check(out.startswith("Commands"), repr(out))


def test_history_holds_32(board):
    for i in range(40):
        board.run("echo%02d" % i)
    out = board.run("\x1b[A" * 32)              # the 32nd newest: echo08
    check(out == "error: unknown command 'echo08' (try 'help')\n", repr(out))
    # Up stops at the oldest line kept: a 33rd Up still shows the 32nd
    # newest, because the 33rd newest (again07) is gone
    for i in range(40):
        board.run("again%02d" % i)
    out = board.run("\x1b[A" * 33)
    check(out == "error: unknown command 'again08' (try 'help')\n", repr(out))


def test_cut_off_escape_sequence_keeps_the_enter(board):
    # ESC [ 1 then Enter: the Enter ends the sequence and a blank line; the
    # editor once stayed in the sequence and took the v of "version" as its end
    board.send("\x1b[1\rversion\r")
    check(board.output_until_prompt() == "", "the Enter after ESC [ 1 did not end a line")
    out = board.output_until_prompt()
    check(out.startswith("slablab "), repr(out))
    board.send("\x1b\rversion\r")               # a lone ESC
    check(board.output_until_prompt() == "", "the Enter after ESC did not end a line")
    out = board.output_until_prompt()
    check(out.startswith("slablab "), repr(out))


def test_tab_completes_unique_name(board):
    check(board.run("vers\t").startswith("slablab "), "vers<Tab>")
    check(board.run("upt\t").startswith("up "), "upt<Tab>")


def test_tab_extends_common_prefix(board):
    out = board.run("cp\ts")                     # "cp" -> "cpu" (cpus, cpu), then "s"
    check(out.startswith("cpu0 online"), repr(out))
    out = board.run("sla\tinfo")                 # "sla" -> "slab" (slabinfo, slabtop, ...)
    check(out.startswith("slabinfo - version: 2.1\n"), repr(out[:80]))


def test_tab_lists_ambiguous(board):
    # as bash: the first Tab rings the bell (nothing to add), the second lists
    board.send("cpu\t\t")
    board.expect(r"\A" + re.escape("cpu\a\ncpus  cpu\n" + PROMPT + "cpu"))
    board.send("\x15\r")
    board.output_until_prompt()


def test_numbers(board):
    check(len(board.run_ok("md 0x60010000 0x20").splitlines()) == 2, "0x20 bytes")
    check(len(board.run_ok("md 0x60010000 1K").splitlines()) == 64, "1K")
    check(len(board.run_ok("md 0x60010000 1k").splitlines()) == 64, "1k")
    check(board.run_error("md 0x60010000 1M")
          == "error: bad length '1M': number too large", "1M")
    check(board.run_error("md 0x60010000 12abc")
          == "error: bad length '12abc': not a number", "12abc")
    check(board.run_error("md 99999999999999999999")
          == "error: bad address '99999999999999999999': number too large", "huge")
    check(board.run_error("md 0x")
          == "error: bad address '0x': not a number", "0x")


def test_typeahead_is_kept_while_busy(board):
    # Two lines, more bytes than the PL011's 32-byte FIFO holds, typed
    # while cpu0 prints md's 4096 lines: the UART interrupt keeps them in
    # the ring buffer and they run next, whole and in order.  md cannot
    # have finished when they are sent: its 300 KiB of output is more than
    # the pipe holds, and QEMU waits for this test to read it.
    long_help = "help" + " " * 40 + "slabstress"
    board.send("md 0x60010000 64K\r")
    board.expect(r"^md 0x60010000 64K\n60010000: ")
    board.send(long_help + "\rversion\r")
    m = board.expect(r"\A(.*?)^" + re.escape(PROMPT), 60, re.M | re.S)
    lines = m.group(1).splitlines()
    check(len(lines) == 4096 and lines[-1].startswith("6001fff0: "), "md: %s" % lines[-3:])
    for line, output in ((long_help, "usage: slabstress "), ("version", "slablab ")):
        m = board.expect(r"\A(.*?)^" + re.escape(PROMPT), flags=re.M | re.S)
        echo, _, out = m.group(1).partition("\n")
        check(echo == line and out.startswith(output), "%r ran as %r:\n%s" % (line, echo, out))


def test_ctrl_c_sent_with_the_enter_stops_the_command(board):
    # One write, as a paste or a fast terminal sends it (27 bytes: all in
    # the UART's FIFO at once): the Ctrl-C is already waiting when the
    # command starts.  It once stayed queued, let slabstress run its 100000
    # rounds and then cancelled the next line.  The line after it stays.
    board.send("slabstress 100000\r\x03version\r")
    out = board.output_until_prompt(60)
    check(out.endswith("error: interrupted by Ctrl-C\n"), out)
    out = board.output_until_prompt()
    check(out.startswith("slablab "), "the line after the Ctrl-C: %r" % out)
    check(board.run_ok("version").startswith("slablab "), "the next line did not run")


def test_ctrl_c_stops_a_long_command(board):
    # the lock phase alone: on one CPU the call and broadcast phases of a
    # whole smp run are over before the Ctrl-C comes
    board.send("smp 1000000 lock\r")
    board.expect(r"^smp 1000000 lock\n")
    time.sleep(0.5)
    board.send("\x03")
    board.expect(r"\Aerror: interrupted by Ctrl-C\n" + re.escape(PROMPT), 10)
    # the Ctrl-C was taken by the command, not left to cancel the next line
    check(board.run_ok("version").startswith("slablab "), "after Ctrl-C")
