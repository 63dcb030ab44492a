"""test_docs.py - every shell transcript in README.md and docs/ is what
the firmware prints now.

scripts/transcript.py (`make docs`) regenerates the sessions, each from a
fresh boot; here each file's sessions run again and every block must
match line for line, the values that vary from run to run (ticks,
timestamps, times, the git revision, dates) masked.  A fenced block that
shows `slab> ` lines must be a session or say why it is not.  A failure
names the session and the file's line: run `make docs`, and read the
diff before committing it.  Each session's board gets the closing
`verify` as it closes, unless its marker says verify=off.
"""

import glob
import os
import sys

from harness import ROOT, check

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import transcript  # noqa: E402

FILES = ["README.md"] + sorted(os.path.relpath(p, ROOT)
                               for p in glob.glob(os.path.join(ROOT, "docs", "*.md")))


def check_file(name):
    path = os.path.join(ROOT, name)
    loose = transcript.unmarked(path)
    check(not loose, "transcripts that are not sessions (add a session marker, or "
          "<!-- not generated: WHY -->): %s" % ", ".join(loose))
    diffs = transcript.differences(path)
    if diffs:
        # Four CPUs under QEMU on a loaded host are not scheduled the same
        # way every time, and a gdb session shows it once in a while (a
        # blank line where `finish` printed its stop, once in some dozens
        # of runs).  A stale transcript differs on every run: look again.
        print("test_docs: %s differed once; running it again:\n%s" % (name, "\n".join(diffs)))
        diffs = transcript.differences(path)
    check(not diffs, "stale transcripts; `make docs` regenerates them:\n" + "\n".join(diffs))


def test_readme_transcripts():
    check_file("README.md")


def test_docs_transcripts():
    for name in FILES[1:]:
        check_file(name)


def test_the_files_have_sessions():
    # a marker that stops matching would turn the check above into a no-op
    counts = {name: len(transcript.parse(name, open(os.path.join(ROOT, name)).read().split("\n")))
              for name in FILES}
    check(counts["README.md"] >= 14 and counts["docs/slab.md"] >= 3
          and counts["docs/slub.md"] >= 3 and counts["docs/architecture.md"] >= 1, counts)
