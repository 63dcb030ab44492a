# slablab - Linux's classic SLAB allocator on a 4-core Versatile Express,
# and Linux 2.6.32's SLUB beside it (SLAB=slub).
#
#   make            build build/slablab.elf and build/slablab.bin
#   make SLAB=slub [run|debug|gdb|run-bin]  the SLUB image (Linux 2.6.32's
#                   allocator behind the same API and shell) in build-slub/
#                   (build-slub/debug/ with DEBUG=1)
#   make image      also build/slablab.uImage, for U-Boot's bootm (mkimage;
#                   docs/boards.md says how to put each image on a board)
#   make run        install what is missing, build, boot QEMU (qemu.mk)
#   make test       install what is missing, build every image (SLAB and
#                   SLUB), run every suite
#   make SLAB_DEBUG=1 [run]  the slab_debug image (CONFIG_DEBUG_SLAB) in
#                   build/slab_debug/, beside the normal one
#   make DEBUG=1 [run|debug|gdb]  -O0 and every consistency check, for
#                   stepping in gdb, in build/debug/ (build/slab_debug/debug/
#                   with SLAB_DEBUG=1)
#   make bench      the target benchmarks under QEMU -icount -> build/bench.txt
#                   (qemu.mk; docs/performance.md)
#   make fuzz       the shell's libFuzzer targets, FUZZ_SECONDS (600) each
#                   (tests/fuzz/fuzz.mk; docs/reliability.md)
#   make debug      QEMU halted, gdb stub on :1234      (qemu.mk)
#   make gdb        gdb-multiarch attached with symbols (qemu.mk)
#   make L2X0=0     leave the PL310 L2 cache off (docs/boards.md)
#   make clean
#
# V=1 shows full commands; CROSS_COMPILE= picks another toolchain prefix.

CROSS_COMPILE ?= arm-none-eabi-
CC      := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
SIZE    := $(CROSS_COMPILE)size
HOSTCC  ?= gcc
PYTHON  ?= python3

# SLAB=slab|slub: which allocator the image runs, chosen at build time as
# Linux's CONFIG_SLAB / CONFIG_SLUB are.  SLUB's image has a build
# directory of its own, build-slub/, so the two never share an object;
# the shell is the same but for the views only one back end has
# (shell-slab-y, shell-slub-y below).
SLAB ?= slab
ifneq ($(SLAB),slub)
ifneq ($(SLAB),slab)
$(error SLAB=$(SLAB): the allocator is slab (the default) or slub)
endif
endif

# SLAB_DEBUG=1: Linux's CONFIG_DEBUG_SLAB, red zones, poison and the last
# user forced on every cache, the kmalloc caches included (mm/slab.c).  A
# build directory of its own, so the two images never share an object.
# With SLAB=slub it is Linux's CONFIG_SLUB_DEBUG_ON instead: slub_debug's
# F Z P U (consistency checks, red zones, poison, tracks) on every cache
# (mm/slub_debug.c), in build-slub/slub_debug/.
SLAB_DEBUG ?= 0
ifeq ($(SLAB)$(SLAB_DEBUG),slub1)
BUILD         := build-slub/slub_debug
CONFIG_CFLAGS := -DCONFIG_SLUB=1 -DCONFIG_SLUB_DEBUG_ON=1
else ifeq ($(SLAB_DEBUG),1)
BUILD         := build/slab_debug
CONFIG_CFLAGS := -DCONFIG_DEBUG_SLAB=1
else ifeq ($(SLAB),slub)
BUILD         := build-slub
CONFIG_CFLAGS := -DCONFIG_SLUB=1
else
BUILD         := build
CONFIG_CFLAGS :=
endif
# DEBUG=1: the image for stepping through the code in gdb.  -O0 keeps
# every variable and argument in memory, visible in every frame of a
# backtrace (-Og still lost some: run_line's text), and CONFIG_DEBUG_CHECKS=1
# turns on the consistency checks (DEBUG_BUG_ON, assert_spin_locked,
# include/bug.h) that the image users run leaves out: the allocator's fast
# paths run with interrupts off by construction, and asking the CPU again
# on every call costs more than the call.  The slab_debug image and the
# host tests keep them.  The image users run is -O2 (it takes fewer
# instructions than -Os for both the boot and the allocator's loops;
# docs/performance.md, "Build and boot") with the same full debug
# information, and still answers the README's gdb session (tested by
# tests/qemu/test_gdb.py).  Frame pointers only in DEBUG=1: gdb unwinds
# from the DWARF call-frame information and the fault path from its
# guards, so the default image does not pay for them on every call.
DEBUG ?= 0
ifeq ($(DEBUG),1)
BUILD         := $(BUILD)/debug
OPT_CFLAGS    := -O0 -fno-omit-frame-pointer
CONFIG_CFLAGS += -DCONFIG_DEBUG_CHECKS=1
else
OPT_CFLAGS    := -O2
ifneq ($(SLAB_DEBUG),1)
CONFIG_CFLAGS += -DCONFIG_DEBUG_CHECKS=0
endif
endif
ELF   := $(BUILD)/slablab.elf
BIN   := $(BUILD)/slablab.bin
UIMAGE := $(BUILD)/slablab.uImage

ifeq ($(V),1)
Q :=
else
Q := @
endif

# ---- sources, per directory ------------------------------------------
boot-y    := entry.S vectors.S cache.c mmu.c spinlock.c smp.c \
             smp_call.c cpu_work.c timer.c fault.c irq.c scu.c stack.c \
             stop_machine.c
drivers-y := pl011.c gic.c twd.c gtimer.c v2m_sysreg.c console.c printk.c
drivers-y += l2x0.c l2x0_off.S
board-y   := main.c board.c dram.c clock.c platsmp.c syscalls.c version.c
board-y   += early.S l2cache.c
# issue 13, entry state and silicon
boot-y    += a9_errata.c cpu_errata.c
drivers-y += watchdog.c
board-y   += early_init.c
# The allocator: the page allocator and what both back ends share, then
# SLAB's files or SLUB's (mm-slub-y, the SLUB core's list).
mm-slab-y := slab.c slab_geometry.c slab_grow.c \
             slab_alloc.c kmalloc.c slabinfo.c slab_inspect.c slab_debug.c \
             slab_journal.c slab_verify.c
mm-slab-y += slab_whatis.c
mm-slub-y := slub.c slub_create.c slub_kmalloc.c slub_inspect.c slub_verify.c slub_api.c \
             slub_debug.c
mm-slub-y += slub_journal.c
mm-y      := page_alloc.c memmap.c vmstat.c
ifeq ($(SLAB),slub)
mm-y      += $(mm-slub-y) slub_geometry.c
else
mm-y      += $(mm-slab-y)
endif
mm-y      += fault_inject.c slab_journal_core.c
shell-y   := shell.c parse.c line_edit.c commands.c cmd_sys.c cmd_cpu.c \
             cmd_md.c cmd_fault.c cmd_smp.c cmd_mm.c cmd_slab.c \
             cmd_slabtop.c cmd_cache.c cmd_cache_show.c cmd_cache_dump.c cmd_kmalloc.c objects.c \
             obj_record.c format.c \
             selftest.c selftest_slab.c selftest_alloc.c selftest_xcpu.c selftest_cache.c \
             selftest_debug.c
shell-y   += cmd_whatis.c cmd_cache_lab.c cmd_cache_badfree.c
shell-y   += cmd_cache_trace.c cmd_cache_trace_slab.c cmd_verify.c cmd_slub_debug.c
shell-y   += complete.c
shell-y   += cmd_dmesg.c
shell-y   += cmd_bench.c bench_loops.c
shell-y   += cmd_stress.c stress_core.c
# The views only SLAB has (its arrays, bufctl chains, journal, whatis, the
# corruption lab, its selftest suites); on SLUB shell-slub-y takes their
# place: SLUB's cache show and map (mm/slub_inspect.h), and one-line
# refusals for what SLUB has no counterpart of or does not have yet.
shell-slab-y := cmd_cache_show.c cmd_cache_dump.c cmd_whatis.c cmd_cache_lab.c \
                cmd_cache_trace_slab.c selftest_slab.c selftest_alloc.c selftest_xcpu.c \
                selftest_cache.c selftest_debug.c
shell-slub-y := cmd_cache_show_slub.c cmd_cache_map_slub.c cmd_cache_dump_slub.c \
                cmd_whatis_slub.c cmd_slub_help.c selftest_slub.c selftest_slub_debug.c \
                cmd_cache_lab_slub.c
shell-slub-y += cmd_cache_trace_slub.c
ifeq ($(SLAB),slub)
shell-y   := $(filter-out $(shell-slab-y),$(shell-y)) $(shell-slub-y)
endif

SRCS := $(addprefix boot/,$(boot-y)) $(addprefix drivers/,$(drivers-y)) \
        $(addprefix board/,$(board-y)) $(addprefix mm/,$(mm-y)) \
        $(addprefix shell/,$(shell-y))
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

# ---- flags ------------------------------------------------------------
# ARM state, soft-float ABI: no FP/NEON state to save in exception
# handlers, and newlib's v7-A soft-float multilib.  -g3 (full debug
# information, macros included) at either optimisation level (OPT_CFLAGS,
# above) keeps function arguments visible to gdb at a function's entry,
# so breakpoints such as "break kmem_cache_create if size == 20 &&
# align == 8" work on the image that `make run` boots.
ARCH_FLAGS := -marm -mcpu=cortex-a9 -mfloat-abi=soft
WARNINGS   := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
              -Wmissing-prototypes -Wno-missing-field-initializers
CFLAGS     := $(ARCH_FLAGS) -std=gnu11 $(OPT_CFLAGS) -g3 $(WARNINGS) \
              -ffunction-sections -fdata-sections -fno-common \
              -I. -Iinclude -I$(BUILD) $(CONFIG_CFLAGS) \
              $(EXTRA_CFLAGS)
ASFLAGS    := $(ARCH_FLAGS) -g -I. -Iinclude
DEPFLAGS    = -MMD -MP -MF $(@:.o=.d)
LDFLAGS    := $(ARCH_FLAGS) --specs=nano.specs -nostartfiles \
              -T board/slablab.ld -Wl,--gc-sections \
              -Wl,-Map=$(BUILD)/slablab.map -Wl,--no-warn-rwx-segments
LDLIBS     := -lc -lgcc

# ---- version ----------------------------------------------------------
BASE_VERSION := 0.1.0
GIT_REV      := $(shell git describe --always --dirty --abbrev=7 2>/dev/null)
VERSION      := $(BASE_VERSION)$(if $(GIT_REV),-g$(GIT_REV))
# The date the firmware prints is the commit's (so rebuilding the same
# commit gives the same image and the same transcripts), and it says so;
# outside git it is the day of the build, and says that instead.
COMMIT_DATE  := $(shell git log -1 --format=%cd --date=short 2>/dev/null)
BUILD_DATE   := $(if $(COMMIT_DATE),commit date $(COMMIT_DATE),built $(shell date +%F))

.PHONY: all image clean deps test check-layers FORCE
all: $(ELF) $(BIN)
image: $(ELF) $(BIN) $(UIMAGE)

$(BUILD)/version.h: FORCE
	@mkdir -p $(@D)
	@printf '#define SLABLAB_VERSION "%s"\n#define SLABLAB_BUILD_DATE "%s"\n' \
		'$(VERSION)' '$(BUILD_DATE)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(BUILD)/board/version.o: $(BUILD)/version.h

# L2X0=0: leave the PL310 L2 off (board/l2cache.c says why it is on by
# default, QEMU included).  A header, rewritten only when the value
# changes, so switching rebuilds what reads it.
L2X0 ?= 1
$(BUILD)/l2x0_config.h: FORCE
	@mkdir -p $(@D)
	@printf '#define CONFIG_L2X0 %d\n' '$(L2X0)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(BUILD)/board/l2cache.o: $(BUILD)/l2x0_config.h

$(BUILD)/%.o: %.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(ASFLAGS) $(DEPFLAGS) -c $< -o $@

$(ELF): $(OBJS) board/slablab.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) $(OBJS) $(LDLIBS) -o $@
	$(Q)$(SIZE) $@

$(BIN): $(ELF)
	@$(if $(Q),echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary $< $@

# The raw binary behind U-Boot's legacy header: bootm copies it to the
# link address and enters it there like a Linux zImage (r1 machine id, r2
# ATAGs at 0x60002000), caches off.  The name carries the version (at
# most 32 bytes: "slablab " and the version fit) and the header's date
# is the commit's, so one commit always gives the same file.
UIMAGE_ADDR := 0x60010000
UIMAGE_DATE := $(shell git log -1 --format=%ct 2>/dev/null)
$(UIMAGE): $(BIN)
	@$(if $(Q),echo "  MKIMAGE $@")
	$(Q)command -v mkimage >/dev/null || { echo "make image: no mkimage;" \
		"scripts/install-deps.sh installs u-boot-tools" >&2; exit 1; }
	$(Q)$(if $(UIMAGE_DATE),SOURCE_DATE_EPOCH=$(UIMAGE_DATE)) mkimage -A arm -O linux \
		-T kernel -C none -a $(UIMAGE_ADDR) -e $(UIMAGE_ADDR) \
		-n 'slablab $(VERSION)' -d $< $@ >/dev/null
# The hostile boot loaders of tests/qemu/test_entry.py (tests/loaders/entry_loader.S).
LOADERS := $(BUILD)/tests/loader_dirty.elf $(BUILD)/tests/loader_ns.elf
all: $(LOADERS)
image: $(LOADERS)

$(BUILD)/tests/loader_%.elf: tests/loaders/entry_loader.S tests/loaders/entry_loader.ld Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ARCH_FLAGS) -nostdlib -nostartfiles -DLOADER_NS=$(if $(filter ns,$*),1,0) \
		-T tests/loaders/entry_loader.ld -Wl,--no-warn-rwx-segments $< -o $@

deps:
	$(Q)scripts/install-deps.sh

clean:
	rm -rf $(BUILD)

include tests/host/host.mk
include tests/fuzz/fuzz.mk
include bench/bench_host.mk
include qemu.mk

# ---- the README's test command ---------------------------------------
# Installs what is missing, then builds the images (default, SLAB_DEBUG=1,
# SLAB=slub, and DEBUG=1 of both back ends: those are built only, so code
# under CONFIG_DEBUG_CHECKS keeps compiling) and runs every suite in one go
# (the QEMU suites boot the SLAB and the SLUB images);
# the last line is "N passed, N failed" over all of them.  SMP= and MEM=
# on the command line run every QEMU suite on that board instead
# (make test SMP=1, make test SMP=2 MEM=32M).
COMMA := ,
TEST_BOARD := $(if $(filter command line,$(origin SMP) $(origin MEM)),smp=$(SMP)$(COMMA)mem=$(MEM))

test:
	$(Q)$(if $(filter 1,$(SLAB_DEBUG)),echo "make test builds and tests both images;" \
		"run it without SLAB_DEBUG=1" >&2; exit 1)
	$(Q)$(if $(filter 1,$(DEBUG)),echo "make test builds every image;" \
		"run it without DEBUG=1" >&2; exit 1)
	$(Q)$(if $(filter slub,$(SLAB)),echo "make test builds and tests both back ends;" \
		"run it without SLAB=slub" >&2; exit 1)
	$(Q)scripts/install-deps.sh
	$(Q)$(MAKE) --no-print-directory image host-tests-build fuzz-build
	$(Q)$(MAKE) --no-print-directory SLAB_DEBUG=1 all
	$(Q)$(MAKE) --no-print-directory DEBUG=1 all
	$(Q)$(MAKE) --no-print-directory SLAB=slub all
	$(Q)$(MAKE) --no-print-directory SLAB=slub DEBUG=1 all
	$(Q)$(MAKE) --no-print-directory SLAB=slub SLAB_DEBUG=1 all
	$(Q)QEMU_BASE_FLAGS='$(QEMU_BASE_FLAGS)' SLABLAB_TEST_BOARD='$(TEST_BOARD)' \
		$(PYTHON) tests/run_all.py \
		--check scripts/check-layers.sh scripts/check-printf.sh tests/fuzz/short-run.sh \
		--host $(HOST_TESTS) \
		--qemu tests/qemu

# Which layer may include which (docs/architecture.md); also run by `make test`.
check-layers:
	$(Q)scripts/check-layers.sh

-include $(OBJS:.o=.d)
