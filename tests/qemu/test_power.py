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


def test_reboot_boots_again():
    for image in ("elf", "bin"):
        b = Board(image=image)
        try:
            first = b.boot()
            b.send("reboot\r")
            b.expect(r"^Rebooting\.$")
            banner = b.boot()
            check(re.search(r"^CPUs online: %d$" % b.smp, banner, re.M), banner)
            boot_line = re.search(r"^Boot: .*$", first, re.M).group(0)
            check(boot_line in banner, "%s: boot path changed on reboot" % image)
            check(b.run_ok("cpu %d cpus" % (b.smp - 1)).count("(this cpu)") == 1,
                  "after reboot")
        finally:
            b.close()
