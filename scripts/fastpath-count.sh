#!/bin/sh
# fastpath-count.sh - instructions per kmem_cache_alloc+free and per
# kmalloc+kfree pair on the host, the real mm/ sources at -O2 (the slab
# fast path: docs/performance.md, "Fast path"), and per alloc_pages +
# __free_pages pair of order 0 and 3 (docs/performance.md, "The buddy
# allocator's order-0 pair").
#
#   scripts/fastpath-count.sh [EXTRA_CFLAGS...]
#
# CONFIG_DEBUG_CHECKS=0 as in the board image (-DCONFIG_DEBUG_CHECKS=1:
# as in make DEBUG=1 and the host tests).
#
# Callgrind counts only inside the allocator's entry points
# (--toggle-collect: their inclusive cost, nothing of the loop around
# them); two runs of different lengths are subtracted, so boot and the
# first refill drop out and the figure is one steady-state pair, every
# operation a hit in the CPU's array.  Exact and repeatable: no clock.
set -eu
cd "$(dirname "$0")/.."
out=build/fastpath
mkdir -p $out
cc=${HOSTCC:-gcc}
srcs="mm/page_alloc.c mm/memmap.c mm/vmstat.c mm/slab.c mm/slab_geometry.c
      mm/slab_grow.c mm/slab_alloc.c mm/kmalloc.c mm/slabinfo.c mm/slab_inspect.c
      mm/slab_debug.c mm/slab_journal.c mm/slab_journal_core.c mm/slab_verify.c mm/slab_whatis.c
      mm/fault_inject.c
      tests/host/platform_host.c"
# shellcheck disable=SC2086
$cc -std=gnu11 -O2 -g -I. -Iinclude -Itests/host -pthread -DCONFIG_DEBUG_CHECKS=0 "$@" \
	-o $out/fastpath_count scripts/fastpath_count.c $srcs -lcmocka

count() {	# workload pairs -> instructions collected
	valgrind --tool=callgrind --callgrind-out-file=$out/cg.out \
		--toggle-collect="$2" --toggle-collect="$3" \
		$out/fastpath_count "$1" "$4" >/dev/null 2>$out/cg.log
	sed -n 's/^summary: //p' $out/cg.out
}

per_pair() {	# workload alloc free
	a=$(count "$1" "$2" "$3" 1000)
	b=$(count "$1" "$2" "$3" 11000)
	echo "$1: $(( (b - a) / 10000 )) instructions per pair ($(( b - a )) / 10000)"
}

per_pair cache kmem_cache_alloc kmem_cache_free
per_pair kmalloc kmalloc kfree
per_pair buddy0 alloc_pages __free_pages
per_pair buddy3 alloc_pages __free_pages
