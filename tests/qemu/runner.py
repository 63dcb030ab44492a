"""runner.py - discover and run the tests/qemu/test_*.py modules.

A module lists the boards its tests need in BOARDS (dicts of Board
arguments; default one 4-CPU ELF board with 256M).  Every test function
test_*(board) in the module runs, in file order, on each of those boards;
the board is booted once per module and configuration and rebooted after
a test that fails or leaves QEMU dead.  A test function taking no
argument makes its own boards.

SLABLAB_TEST_BOARD="smp=N,mem=SIZE" (make test SMP=N MEM=SIZE) runs every
module on that board instead (both images where a module uses both).  A
test that needs more than a board has says so with @needs(cpus=..,
mem_mib=..) (harness.py) and is skipped there, counted apart; one that
needs one board only says which with @only_on(...) and runs there alone.

Every test ends with verify OK: after a test passes, each of its boards
that is still up (the module's board, and any it made itself, as it
closes them) runs `verify`, and the test fails unless it prints
"verify: OK (...)": no scenario may leave the slab allocator
inconsistent.  A test that cannot end that way says why with
@no_verify("...") (harness.py).
"""

import importlib
import inspect
import os
import sys
import time
import traceback

import harness
from harness import Board, TestFailure, board_override

DEFAULT_BOARDS = [dict(image="elf", smp=4, mem="256M")]


def module_boards(mod):
    """The module's boards, or the one SLABLAB_TEST_BOARD asks for."""
    boards = getattr(mod, "BOARDS", DEFAULT_BOARDS)
    override = board_override()
    if not override:
        return boards
    out = []
    for cfg in boards:
        cfg = dict(cfg, **override)
        if cfg not in out:
            out.append(cfg)
    return out


def unmet_need(func, cfg):
    """Why @func cannot run on board @cfg, or None."""
    cpus, mem_mib = getattr(func, "needs", (1, 0))
    if cfg.get("smp", 4) < cpus:
        return "needs %d CPUs" % cpus
    if int(cfg.get("mem", "256M").rstrip("M")) < mem_mib:
        return "needs %d MiB" % mem_mib
    return None


def board_tag(cfg):
    return "%s,smp%d,%s" % (cfg.get("image", "elf"), cfg.get("smp", 4), cfg.get("mem", "256M"))


def module_tests(mod):
    funcs = [f for name, f in vars(mod).items()
             if name.startswith("test_") and inspect.isfunction(f)]
    return sorted(funcs, key=lambda f: f.__code__.co_firstlineno)


class BoardSlot:
    """A lazily booted board shared by consecutive tests."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.board = None

    def get(self):
        if self.board is None or self.board.proc.poll() is not None:
            self.drop()
            self.board = Board(**self.cfg)
            self.board.boot()
        return self.board

    def drop(self):
        if self.board is not None:
            self.board.close()
            self.board = None


def run_test(func, slot):
    """Run @func; then the closing verify of every board it leaves up."""
    harness.verify_window_open(func)
    try:
        if slot is None:
            func()
        else:
            board = slot.get()
            func(board)
            why = None if getattr(func, "no_verify", None) else harness.final_verify(board)
            if why:
                raise TestFailure(why)
    finally:
        failures = harness.verify_window_close()
    if failures:
        raise TestFailure("\n".join(failures))


def run_one(name, func, slot):
    t0 = time.monotonic()
    try:
        run_test(func, slot)
        return True, None, time.monotonic() - t0
    except (TestFailure, AssertionError) as e:
        detail = str(e)
    except Exception:  # a bug in the test itself is a failure too
        detail = traceback.format_exc()
    if slot is not None:
        log = slot.board.log[-2000:] if slot.board else ""
        slot.drop()
        detail += "\n--- serial output (last 2000 chars) ---\n" + log
    return False, detail, time.monotonic() - t0


def run_module(mod, select):
    passed = failed = skipped = 0
    for cfg in module_boards(mod):
        slot = BoardSlot(cfg)
        try:
            for func in module_tests(mod):
                name = "%s.%s[%s]" % (mod.__name__, func.__name__, board_tag(cfg))
                if select and select not in name:
                    continue
                if any(cfg.get(k) != v for k, v in getattr(func, "only_on", {}).items()):
                    continue        # not this test's board: not run, not counted
                if unmet_need(func, cfg):
                    skipped += 1
                    continue
                takes_board = len(inspect.signature(func).parameters) == 1
                ok, detail, secs = run_one(name, func, slot if takes_board else None)
                if ok:
                    passed += 1
                else:
                    failed += 1
                    print("FAIL qemu/%s (%.1fs)\n%s" % (name, secs, detail))
                    sys.stdout.flush()
        finally:
            slot.drop()
    return passed, failed, skipped


def run_all(directory, select=None):
    """Run every module; returns (passed, failed, skipped)."""
    sys.path.insert(0, os.path.abspath(directory))
    passed = failed = skipped = 0
    for fname in sorted(os.listdir(directory)):
        if not (fname.startswith("test_") and fname.endswith(".py")):
            continue
        mod = importlib.import_module(fname[:-3])
        t0 = time.monotonic()
        p, f, s = run_module(mod, select)
        passed += p
        failed += f
        skipped += s
        if p or f:
            print("%s qemu/%s: %d passed, %d failed%s (%.0fs)"
                  % ("ok  " if not f else "FAIL", mod.__name__, p, f,
                     ", %d skipped" % s if s else "", time.monotonic() - t0))
            sys.stdout.flush()
    return passed, failed, skipped
