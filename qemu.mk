# qemu.mk - running and debugging the firmware in QEMU (included by Makefile).
#
#   make run        boot build/slablab.elf (all CPUs enter at the entry point)
#   make run SLAB=slub  the same with the SLUB image, build-slub/slablab.elf
#   make run-bin    boot build/slablab.bin (CPU 0 only; secondaries wait in
#                   QEMU's boot monitor on SYS_FLAGS, as on the real board)
#   make debug      as run, halted before the first instruction, gdb on :1234
#   make gdb        gdb-multiarch with symbols, attached to `make debug`
#   make bench      the target benchmarks: boot QEMU with -icount shift=0,
#                   sleep=off, run `bench all` on the board and write its
#                   report to build/bench.txt (scripts/bench-target.py).
#                   icount makes virtual time the instruction count, so the
#                   global timer measures the firmware, not the host: the
#                   same figures on every run and every machine.  Not part
#                   of make test (a smoke run of `bench` is).  With
#                   SLAB=slub: the SLUB image, report in build-slub/bench.txt.
#   make bench-compare  both images, the same `bench all` on each, one
#                   after the other, and every row side by side (SLAB's
#                   median, SLUB's, the ratio) in build/bench-compare.txt.
#   make soak       `stress` again and again, a new seed each run, for
#                   SOAK_MINUTES (default 10) on SMP CPUs: every run must be
#                   clean, verified and give every page back; the figures go
#                   to build/soak.txt (scripts/soak.py).  SOAK_OPS (20000)
#                   per CPU per run, SOAK_SEED (1) the first seed,
#                   SOAK_IMAGE=slab_debug soaks the CONFIG_DEBUG_SLAB image.
#                   SLAB=slub soaks the SLUB image (SLAB_DEBUG=1 too: the
#                   slub_debug one), figures in build-slub/soak.txt.
#                   Not part of make test (a short stress run is).
#   make docs       regenerate every shell transcript in README.md and docs/
#                   from fresh boots (scripts/transcript.py); make test checks
#                   them (tests/qemu/test_docs.py)
#
# SMP=4 MEM=256M QEMU_EXTRA='...' override the machine; SLAB_DEBUG=1 boots
# (and debugs) build/slab_debug/slablab.elf, the CONFIG_DEBUG_SLAB image,
# instead; SLAB=slub boots (and debugs) build-slub/slablab.elf (and
# run-bin build-slub/slablab.bin), the SLUB image; SLAB=slub SLAB_DEBUG=1
# boots build-slub/slub_debug/slablab.elf (slub_debug on every cache); bench
# and pictures measure and draw the SLUB image, soak soaks it.  docs is SLAB's
# only for now, and refuses SLAB=slub.  `make debug`
# and `make gdb` take the image users run (-O2, where the README's gdb
# session works: tests/qemu/test_gdb.py); with
# DEBUG=1 on both they take build/debug/slablab.elf (-O0, every
# consistency check), better for stepping line by line, where no variable
# is <optimized out>.  Exit QEMU with Ctrl-A X.

QEMU       ?= qemu-system-arm
GDB        ?= gdb-multiarch
SMP        ?= 4
MEM        ?= 256M
GDB_PORT   ?= 1234
QEMU_EXTRA ?=

# -nographic: serial port on stdio, monitor behind Ctrl-A C.
# -audiodev none + pl041.audiodev: the board's AACI audio stays silent and
# QEMU prints no audio warnings.  The tests use the same base flags.
QEMU_BASE_FLAGS := -M vexpress-a9 -nographic -audiodev none,id=noaudio \
                   -global pl041.audiodev=noaudio
QEMU_FLAGS := $(QEMU_BASE_FLAGS) -smp $(SMP) -m $(MEM) $(QEMU_EXTRA)

.PHONY: run run-bin debug gdb docs pictures bench bench-compare soak _run _run-bin _debug

run:
	$(Q)scripts/install-deps.sh
	$(Q)$(MAKE) --no-print-directory _run

run-bin:
	$(Q)scripts/install-deps.sh
	$(Q)$(MAKE) --no-print-directory _run-bin

debug:
	$(Q)scripts/install-deps.sh
	$(Q)$(MAKE) --no-print-directory _debug

define qemu_banner
	@echo "QEMU vexpress-a9: $(SMP) CPUs, $(MEM) RAM, $(1).  Exit with Ctrl-A X."
endef

_run: $(ELF)
	$(call qemu_banner,booting $(ELF))
	$(Q)$(QEMU) $(QEMU_FLAGS) -kernel $(ELF)

_run-bin: $(BIN)
	$(call qemu_banner,booting $(BIN))
	$(Q)$(QEMU) $(QEMU_FLAGS) -kernel $(BIN)

_debug: $(ELF)
	$(call qemu_banner,halted; attach with 'make gdb' (port $(GDB_PORT)))
	$(Q)$(QEMU) $(QEMU_FLAGS) -kernel $(ELF) -S -gdb tcp::$(GDB_PORT)

# Say what to start first, rather than gdb's 15 s "Connection timed out".
gdb: $(ELF)
	$(Q)$(PYTHON) -c "import socket, sys; s = socket.socket(); s.settimeout(2); \
		sys.exit(s.connect_ex(('localhost', $(GDB_PORT))))" || { \
		echo "make gdb: nothing listens on port $(GDB_PORT): start 'make debug'" \
		"in another terminal first" >&2; exit 1; }
	$(Q)$(GDB) -q -ex 'target remote localhost:$(GDB_PORT)' \
		-x scripts/slablab.gdb $(ELF)

# Every image: a session may boot any (image=slab_debug, image=debug,
# image=slub, image=slub_debug), so all are built, SLUB's included.
docs:
	$(Q)$(if $(filter slub,$(SLAB)),echo "make docs builds both back ends;" \
		"run it without SLAB=slub" >&2; exit 1)
	$(Q)$(if $(filter 1,$(SLAB_DEBUG)),echo "make docs builds every image;" \
		"run it without SLAB_DEBUG=1" >&2; exit 1)
	$(Q)scripts/install-deps.sh
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory SLAB_DEBUG=1 all
	$(Q)$(MAKE) --no-print-directory DEBUG=1 all
	$(Q)$(MAKE) --no-print-directory SLAB=slub all
	$(Q)$(MAKE) --no-print-directory SLAB=slub SLAB_DEBUG=1 all
	$(Q)QEMU_BASE_FLAGS='$(QEMU_BASE_FLAGS)' $(PYTHON) scripts/transcript.py

# docs/pictures/: slab pictures from a real run (scripts/pictures.py);
# SLAB=slub: SLUB's, docs/pictures/slub-*.svg, beside SLAB's.
pictures:
	$(Q)scripts/install-deps.sh
	$(Q)$(MAKE) --no-print-directory all
	$(Q)QEMU_BASE_FLAGS='$(QEMU_BASE_FLAGS)' $(PYTHON) scripts/pictures.py \
		$(if $(filter slub,$(SLAB)),slub)

SOAK_MINUTES ?= 10
SOAK_OPS     ?= 20000
SOAK_SEED    ?= 1
SOAK_IMAGE   ?= elf
# SLAB=slub: the SLUB image, or slub_debug's with SLAB_DEBUG=1
SOAK_BOOT    := $(if $(filter slub,$(SLAB)),$(if $(filter 1,$(SLAB_DEBUG)),slub_debug,slub),$(SOAK_IMAGE))
soak:
	$(Q)scripts/install-deps.sh
	$(Q)$(if $(filter slub,$(SLAB)),$(MAKE) --no-print-directory SLAB=slub all,\
		$(MAKE) --no-print-directory SLAB_DEBUG=$(if $(filter slab_debug,$(SOAK_IMAGE)),1,0) all)
	$(Q)QEMU_BASE_FLAGS='$(QEMU_BASE_FLAGS)' SLABLAB_TEST_BOARD='smp=$(SMP),mem=$(MEM)' \
		$(PYTHON) scripts/soak.py $(SOAK_MINUTES) $(SOAK_OPS) $(SOAK_SEED) \
		$(if $(filter slub,$(SLAB)),build-slub,build)/soak.txt $(SOAK_BOOT)

# Always the default image, whatever SLAB_DEBUG says: the figures are for
# what users run.  One board, 4 CPUs, 256 MiB (SMP= MEM= change it).
bench:
	$(Q)scripts/install-deps.sh
	$(Q)$(MAKE) --no-print-directory SLAB_DEBUG=0 all
	$(Q)QEMU_BASE_FLAGS='$(QEMU_BASE_FLAGS)' SLABLAB_TEST_BOARD='smp=$(SMP),mem=$(MEM)' \
		$(PYTHON) scripts/bench-target.py $(if $(filter slub,$(SLAB)),--image slub \
		build-slub/bench.txt,build/bench.txt)

bench-compare:
	$(Q)scripts/install-deps.sh
	$(Q)$(MAKE) --no-print-directory SLAB=slab SLAB_DEBUG=0 all
	$(Q)$(MAKE) --no-print-directory SLAB=slub SLAB_DEBUG=0 all
	$(Q)QEMU_BASE_FLAGS='$(QEMU_BASE_FLAGS)' SLABLAB_TEST_BOARD='smp=$(SMP),mem=$(MEM)' \
		$(PYTHON) scripts/bench-target.py --compare build/bench-compare.txt
