#!/bin/sh
# check-layers.sh - enforce the include rules of docs/architecture.md.
#
#   include/  includes nothing from the layers
#   mm/       includes platform.h (and its include/ parts) and mm/ only
#   boot/     the CPU layer: no drivers/, board/, mm/, shell/
#   drivers/  no board/, mm/, shell/
#   board/    no shell/ or mm/, except board/main.c (it starts them)
#   shell/    no back end's internals: it reads the allocator through
#             mm/slab.h, mm/slab_inspect.h and mm/slub_inspect.h (SLAB's
#             slab_def.h, slab_internal.h; SLUB's slub_def.h)
#
# Prints each violation; exits 1 if there is any.
set -eu
cd "$(dirname "$0")/.."

status=0

check_dir() {	# dir, forbidden-regex, why, [exempt file]
	for f in $(find "$1" -name '*.[chS]' 2>/dev/null | sort); do
		[ "${4:-}" = "$f" ] && continue
		grep -ho '^#include "[^"]*"' "$f" | sed 's/#include "\(.*\)"/\1/' |
		while read -r inc; do
			if echo "$inc" | grep -Eq "$2"; then
				echo "$f|$inc"
			fi
		done
	done | while IFS='|' read -r f inc; do
		echo "layering: $f includes \"$inc\" ($3)"
	done
}

out=$(
	check_dir include '^(boot|drivers|board|mm|shell)/' "cross-cutting headers stand alone"
	check_dir mm '^(boot|drivers|board|shell)/' "mm/ sees the platform only through platform.h"
	check_dir boot '^(drivers|board|mm|shell)/' "boot/ is the bottom layer"
	check_dir drivers '^(board|mm|shell)/' "drivers/ get addresses as arguments"
	check_dir board '^(shell|mm)/' "only board/main.c starts mm/ and the shell" board/main.c
	check_dir shell '^mm/(slab_def|slab_internal|slub_def)\.h$' \
		"the shell reads the allocator through slab.h, slab_inspect.h and slub_inspect.h"
)
if [ -n "$out" ]; then
	echo "$out"
	exit 1
fi
# mm/ may name no header of the other layers even indirectly: its only
# non-mm include is platform.h or a part of it in include/.
for f in $(find mm -name '*.[ch]' 2>/dev/null | sort); do
	for inc in $(grep -ho '^#include "[^"]*"' "$f" | sed 's/#include "\(.*\)"/\1/'); do
		case "$inc" in
		mm/*) ;;
		*) [ -f "include/$inc" ] || { echo "layering: $f includes \"$inc\" (not in include/)"; status=1; } ;;
		esac
	done
done
exit $status
