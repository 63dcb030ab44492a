# bench_host.mk - `make bench-host` (included by Makefile; not part of make test).
#
# bench/bench_host.c built once per allocator: slablab (the mm/ sources the
# host tests compile, with tests/host/platform_host.c, at -O2 and without
# sanitizers), slub (the same with SLUB's sources and -DCONFIG_SLUB=1, as
# make SLAB=slub builds the image), a null allocator (the harness's own cost), and malloc/free
# from glibc, jemalloc, tcmalloc and mimalloc (Debian's packages, installed
# by scripts/install-deps.sh --bench-host).  scripts/bench-host.py runs
# each natively (ns per op) and under callgrind (instructions per op),
# prints the table and writes $(BENCH_HOST_DIR)/results.{csv,json};
# scripts/bench-chart.py draws one PNG per workload from the CSV.
#
#   make bench-host [DEBUG=1] [BENCH_OPS=N BENCH_CG_OPS=N BENCH_REPS=R]
#                   [BENCH_ALLOCATORS=slablab,slub]  (a subset; default all)

BENCH_HOST_DIR   := $(BUILD)/bench-host
BENCH_OPS        ?= 500000
BENCH_CG_OPS     ?= 20000
BENCH_REPS       ?= 11
BENCH_ALLOCATORS ?= slablab,slub,glibc,jemalloc,tcmalloc,mimalloc
# As the image users run: -O2, consistency checks (DEBUG_BUG_ON) off;
# make bench-host DEBUG=1 measures them on, as make DEBUG=1 builds them.
BENCH_CHECKS     := $(if $(filter 1,$(DEBUG)),1,0)
BENCH_HOST_FLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I. -Iinclude -Itests/host \
                    -pthread -Wl,-z,now -DCONFIG_DEBUG_CHECKS=$(BENCH_CHECKS)
BENCH_HOST_SRC   := bench/bench_host.c
BENCH_MM_SRCS    := $(filter-out tests/host/buddy_check.c,$(MM_HOST_SRCS)) $(SLAB_HOST_SRCS)
BENCH_SLUB_SRCS  := $(filter-out tests/host/buddy_check.c,$(MM_HOST_SRCS)) $(SLUB_HOST_SRCS)
# allocator -> what its binary links besides the harness (the library
# first, so its malloc and free are the ones the program binds to)
bench-link-glibc    :=
bench-link-jemalloc := -Wl,--no-as-needed -ljemalloc
bench-link-tcmalloc := -Wl,--no-as-needed -ltcmalloc_minimal
bench-link-mimalloc := -Wl,--no-as-needed -lmimalloc
BENCH_MALLOCS    := glibc jemalloc tcmalloc mimalloc
BENCH_HOST_BINS  := $(addprefix $(BENCH_HOST_DIR)/bench_,null slablab slub $(BENCH_MALLOCS))

.PHONY: bench-host bench-host-build
bench-host:
	$(Q)scripts/install-deps.sh --bench-host
	$(Q)$(MAKE) --no-print-directory bench-host-build
	$(Q)$(PYTHON) scripts/bench-host.py --dir $(BENCH_HOST_DIR) --ops $(BENCH_OPS) \
		--cg-ops $(BENCH_CG_OPS) --reps $(BENCH_REPS) --cc '$(HOSTCC)' \
		--allocators $(BENCH_ALLOCATORS)
	$(Q)/usr/bin/python3 scripts/bench-chart.py $(BENCH_HOST_DIR)/results.csv $(BENCH_HOST_DIR)

bench-host-build: $(BENCH_HOST_BINS)

$(BENCH_HOST_DIR)/bench_slablab: $(BENCH_HOST_SRC) $(BENCH_MM_SRCS) $(HOST_HEADERS) bench/buddy_pin.h bench/bench_host.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(BENCH_HOST_FLAGS) -DBENCH_SLABLAB -o $@ $(BENCH_HOST_SRC) $(BENCH_MM_SRCS) \
		$(HOST_LIBS)

$(BENCH_HOST_DIR)/bench_slub: $(BENCH_HOST_SRC) $(BENCH_SLUB_SRCS) $(HOST_HEADERS) bench/buddy_pin.h bench/bench_host.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(BENCH_HOST_FLAGS) -DBENCH_SLABLAB -DCONFIG_SLUB=1 -o $@ $(BENCH_HOST_SRC) \
		$(BENCH_SLUB_SRCS) $(HOST_LIBS)

$(BENCH_HOST_DIR)/bench_null: $(BENCH_HOST_SRC) bench/bench_host.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(BENCH_HOST_FLAGS) -DBENCH_NULL -o $@ $(BENCH_HOST_SRC)

$(addprefix $(BENCH_HOST_DIR)/bench_,$(BENCH_MALLOCS)): $(BENCH_HOST_DIR)/bench_%: \
		$(BENCH_HOST_SRC) bench/bench_host.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(BENCH_HOST_FLAGS) -DALLOC_NAME='"$*"' -o $@ $(BENCH_HOST_SRC) \
		$(bench-link-$*)
