# host.mk - the host unit tests (included by Makefile).
#
# Each test links the real portable sources with cmocka.  Most run under
# AddressSanitizer and UndefinedBehaviorSanitizer; the multi-CPU ones
# (name ending in _smp) run under ThreadSanitizer instead.  Any sanitizer
# report aborts the test, which then counts as failed.

HOST_BUILD     := $(BUILD)/host
HOST_COMMON    := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -Iinclude \
                  -Itests/host -fno-omit-frame-pointer -pthread
HOST_ASAN      := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_TSAN      := -fsanitize=thread
HOST_LIBS      := -lcmocka

MM_HOST_SRCS   := mm/page_alloc.c mm/memmap.c mm/vmstat.c mm/fault_inject.c \
                  tests/host/platform_host.c tests/host/buddy_check.c

SLAB_HOST_SRCS := mm/slab.c mm/slab_geometry.c mm/slab_grow.c mm/slab_alloc.c \
                  mm/kmalloc.c mm/slabinfo.c mm/slab_inspect.c mm/slab_debug.c \
                  mm/slab_journal.c mm/slab_verify.c
SLAB_HOST_SRCS += mm/slab_whatis.c mm/slab_journal_core.c
SLUB_HOST_SRCS := mm/slub.c mm/slub_create.c mm/slub_kmalloc.c mm/slub_inspect.c \
                  mm/slub_verify.c mm/slub_api.c mm/slub_geometry.c mm/slub_debug.c
SLUB_HOST_SRCS += mm/slub_journal.c mm/slab_journal_core.c

# test name -> the sources it links besides its own file
host-test-parse          := shell/parse.c
host-test-line_edit      := shell/line_edit.c shell/complete.c
host-test-page_alloc     := $(MM_HOST_SRCS)
host-test-page_alloc_smp := $(MM_HOST_SRCS)
host-test-page_alloc_nodebug := $(MM_HOST_SRCS)
host-test-slab_geometry  := mm/slab_geometry.c
host-test-slub_geometry  := mm/slub_geometry.c
host-test-slub           := $(MM_HOST_SRCS) $(SLUB_HOST_SRCS) tests/host/slub_check.c
host-test-slub_smp       := $(host-test-slub)
host-test-slub_inspect   := $(host-test-slub)
host-test-slub_debug     := $(host-test-slub)
host-test-slub_debug_smp := $(host-test-slub)
host-test-slub_journal   := $(host-test-slub)
host-test-slub_journal_smp := $(host-test-slub)
host-test-slab           := $(MM_HOST_SRCS) $(SLAB_HOST_SRCS) tests/host/slab_check.c
host-test-slab_smp       := $(host-test-slab)
host-test-slab_inspect   := $(host-test-slab)
host-test-slab_debug     := $(host-test-slab)
host-test-slab_whatis    := $(host-test-slab)
host-test-slab_journal   := $(host-test-slab)
host-test-slab_journal_smp := $(host-test-slab)
host-test-slab_verify    := $(host-test-slab)
host-test-slab_verify_smp := $(host-test-slab)
host-test-fault_inject   := $(host-test-slab)
host-test-fault_inject_smp := mm/fault_inject.c tests/host/platform_host.c
host-test-obj_record     := shell/obj_record.c tests/host/platform_host.c
host-test-format         := shell/format.c
host-test-printk         := drivers/printk.c tests/host/platform_host.c
host-test-printk_smp     := $(host-test-printk)
host-test-a9_errata      := boot/a9_errata.c
host-test-clock          := board/clock.c
host-test-watchdog       := drivers/watchdog.c
host-test-stress_core    := shell/stress_core.c

HOST_TEST_NAMES := parse line_edit page_alloc page_alloc_smp slab_geometry slab slab_inspect slab_smp obj_record format
HOST_TEST_NAMES += slab_debug slab_whatis
HOST_TEST_NAMES += slab_journal slab_journal_smp
HOST_TEST_NAMES += slab_verify slab_verify_smp
HOST_TEST_NAMES += fault_inject fault_inject_smp
HOST_TEST_NAMES += printk printk_smp
HOST_TEST_NAMES += a9_errata clock watchdog
HOST_TEST_NAMES += page_alloc_nodebug
HOST_TEST_NAMES += stress_core
HOST_TEST_NAMES += slub_geometry
HOST_TEST_NAMES += slub slub_smp slub_inspect slub_debug slub_debug_smp
HOST_TEST_NAMES += slub_journal slub_journal_smp
HOST_TESTS      := $(addprefix $(HOST_BUILD)/test_,$(HOST_TEST_NAMES))
HOST_HEADERS    := $(wildcard include/*.h shell/*.h mm/*.h tests/host/*.h drivers/console.h \
                  drivers/log_buf.h boot/a9_errata.h board/clock.h drivers/watchdog.h)

# mm/ as the image users run builds it (bug.h: unset means checks on)
$(HOST_BUILD)/test_page_alloc_nodebug: HOST_COMMON += -DCONFIG_DEBUG_CHECKS=0
# the SLUB back end (make SLAB=slub): its struct page and sources
$(HOST_BUILD)/test_slub $(HOST_BUILD)/test_slub_smp $(HOST_BUILD)/test_slub_inspect \
	$(HOST_BUILD)/test_slub_debug $(HOST_BUILD)/test_slub_debug_smp: \
	HOST_COMMON += -DCONFIG_SLUB=1
$(HOST_BUILD)/test_slub_journal $(HOST_BUILD)/test_slub_journal_smp: HOST_COMMON += -DCONFIG_SLUB=1

host-sanitizer = $(if $(filter %_smp,$(1)),$(HOST_TSAN),$(HOST_ASAN))

.PHONY: host-tests-build
host-tests-build: $(HOST_TESTS)

.SECONDEXPANSION:
$(HOST_BUILD)/test_%: tests/host/test_%.c $$(host-test-$$*) $(HOST_HEADERS) tests/host/host.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_COMMON) $(call host-sanitizer,$*) -o $@ $< $(host-test-$*) $(HOST_LIBS)
