"""test_power.py - poweroff ends QEMU with status 0; reboot boots again."""

import re

from harness import Board, check


def test_poweroff_exits_qemu_with_status_0():
    for image in ("elf", "bin"):
        b = Board(image=image)
        try:
            b.boot()
            b.send("poweroff\r")
            check(b.wait_exit() == 0, "QEMU exit status %s" % b.proc.returncode)
            check("Power off." in b.log, b.log[-500:])
        finally:
            b.close()


def test_reboot_boots_again(board):
    board.send("reboot\r")
    board.expect(r"^Rebooting\.$")
    banner = board.boot()
    check(re.search(r"^CPUs online: 4$", banner, re.M), banner)
    check(board.run_ok("cpu 3 cpus").count("(this cpu)") == 1, "after reboot")
