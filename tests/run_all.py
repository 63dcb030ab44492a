#!/usr/bin/env python3
"""run_all.py - run every test suite and print one summary line.

    tests/run_all.py [--check SCRIPT...] [--host BINARY...] [--qemu DIR]

A check is a script that passes when it exits 0 (one test each).
Host suites are cmocka binaries, run with TAP output; a binary that dies
(a sanitizer report) without finishing its plan counts one failure.
QEMU suites are the tests/qemu/test_*.py modules (tests/qemu/runner.py).
Passing suites print one line each; failures print what went wrong.
The last line is always "N passed, N failed"; the exit status is 1 if
anything failed.
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "qemu"))

import runner  # noqa: E402  (tests/qemu/runner.py)


def run_host_suite(path):
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    try:
        proc = subprocess.run([path], env=env, capture_output=True, text=True, timeout=300)
        out, code = proc.stdout + proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        out, code = (e.stdout or "") + "\ntimed out after 300s", -1
    passed = len(re.findall(r"^ok \d+", out, re.M))
    failed = len(re.findall(r"^not ok \d+", out, re.M))
    plan = re.search(r"^1\.\.(\d+)", out, re.M)
    complete = plan and passed + failed == int(plan.group(1))
    if code != 0 and failed == 0 or not complete:
        failed += 1
    name = "host/" + os.path.basename(path)
    if failed:
        print("FAIL %s: %d passed, %d failed\n%s" % (name, passed, failed, out))
    else:
        print("ok   %s: %d passed" % (name, passed))
    return passed, failed


def run_check(path):
    proc = subprocess.run([path], capture_output=True, text=True, timeout=300)
    name = "check/" + os.path.basename(path)
    if proc.returncode:
        print("FAIL %s\n%s" % (name, proc.stdout + proc.stderr))
        return 0, 1
    print("ok   %s" % name)
    return 1, 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", nargs="*", default=[])
    ap.add_argument("--host", nargs="*", default=[])
    ap.add_argument("--qemu", default=None)
    ap.add_argument("-k", dest="select", default=None, help="only QEMU tests matching this")
    args = ap.parse_args()

    passed = failed = 0
    for path in args.check:
        p, f = run_check(path)
        passed += p
        failed += f
    for path in args.host:
        p, f = run_host_suite(path)
        passed += p
        failed += f
    skipped = 0
    if args.qemu:
        p, f, skipped = runner.run_all(args.qemu, args.select)
        passed += p
        failed += f
    if skipped:
        print("%d QEMU tests skipped on boards too small for them (@needs)" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
