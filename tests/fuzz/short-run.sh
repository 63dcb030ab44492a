#!/bin/sh
# short-run.sh - run every libFuzzer target of tests/fuzz/ for a while.
#
#   FUZZ_SECONDS=N (default 5)   how long each target runs
#   FUZZ_BUILD=DIR (build/fuzz)  where `make fuzz-build` put them
#
# `make test` runs it as a check (5 s a target); `make fuzz` for longer.
# shell_slub is fuzz_shell on SLUB (tests/fuzz/fuzz.mk).
# Each target starts from its seed corpus (tests/fuzz/corpus/NAME, read
# only) and the inputs earlier runs kept (FUZZ_BUILD/corpus/NAME).  Exits
# 1 if a target crashed: libFuzzer's report and the input (FUZZ_BUILD/crash-*)
# say why.  The last line of each target's log (FUZZ_BUILD/NAME.log), the
# inputs executed, is printed.
set -u

cd "$(dirname "$0")/../.." || exit 1
SECONDS_EACH=${FUZZ_SECONDS:-5}
BUILD=${FUZZ_BUILD:-build/fuzz}
status=0
for name in parse line_edit shell shell_slub; do
	bin=$BUILD/fuzz_$name
	if [ ! -x "$bin" ]; then
		echo "short-run: no $bin (make fuzz-build)"
		exit 1
	fi
	mkdir -p "$BUILD/corpus/$name"
	# -close_fd_mask=1: the shell's own output (stdout) is not the point
	if ! "$bin" -max_total_time="$SECONDS_EACH" -close_fd_mask=1 -print_final_stats=1 \
		-artifact_prefix="$BUILD/" "$BUILD/corpus/$name" "tests/fuzz/corpus/$name" \
		>"$BUILD/$name.log" 2>&1; then
		echo "fuzz_$name crashed:"
		tail -n 60 "$BUILD/$name.log"
		status=1
		continue
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$BUILD/$name.log")
	echo "fuzz_$name: $runs inputs in ${SECONDS_EACH} s, no crash"
done
exit $status
