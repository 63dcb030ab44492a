#!/bin/sh
# check-printf.sh - the firmware links newlib-nano, whose printf has no
# "ll" length modifier: "%llx" prints "lx" and leaves the 64-bit argument
# behind, garbling what follows.  64-bit values are printed as two 32-bit
# halves ("0x%08lx%08lx") or with format_u64() (shell/format.h).
#
# Prints each use of %ll... in the firmware's C sources; exits 1 if any.
# (tests/ is exempt: the host tests use glibc.)
set -eu
cd "$(dirname "$0")/.."

# comments may talk about %llu; code may not use it
out=$(grep -nE '%[-+ #0-9.*]*ll[diouxX]' boot/*.c drivers/*.c board/*.c mm/*.c shell/*.c \
	2>/dev/null | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' || true)
if [ -n "$out" ]; then
	printf '%s\n' "$out" | sed 's/^/newlib-nano has no %ll: /'
	exit 1
fi
