# fuzz.mk - the libFuzzer targets of tests/fuzz/ (included by Makefile).
#
# Each target links the real shell sources (and, for fuzz_shell, the real
# mm/ on tests/host/platform_host.c) with clang's libFuzzer, AddressSanitizer
# and UndefinedBehaviorSanitizer: any report, or a broken invariant the
# target checks (abort), is a crash.  docs/reliability.md, "Hostile input".
#
#   make fuzz-build          build/fuzz/fuzz_{parse,line_edit,shell,shell_slub}
#   make fuzz [FUZZ_SECONDS=600]
#                            run each target that long (default 600 s each),
#                            from its seed corpus (tests/fuzz/corpus/NAME)
#                            and what earlier runs found (build/fuzz/corpus/NAME);
#                            a crash leaves build/fuzz/crash-* and fails
# `make test` runs each for FUZZ_TEST_SECONDS (tests/fuzz/short-run.sh).
#
# fuzz_shell_slub is fuzz_shell.c again, built as `make SLAB=slub` builds
# the image: -DCONFIG_SLUB=1, SLUB's mm/ (SLUB_HOST_SRCS) and SLUB's shell
# views (the Makefile's shell-slub-y in place of shell-slab-y; the lab and
# the selftests are not linked, as for SLAB).

FUZZ_CC      ?= clang
FUZZ_BUILD   := build/fuzz
FUZZ_SECONDS ?= 600
FUZZ_CFLAGS  := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-missing-field-initializers \
                -Wno-gnu-variable-sized-type-not-at-end -I. -Iinclude \
                -Itests/host -pthread \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_NAMES   := parse line_edit shell shell_slub
FUZZ_TARGETS := $(addprefix $(FUZZ_BUILD)/fuzz_,$(FUZZ_NAMES))

# target -> the sources it links besides its own file
fuzz-parse     := shell/parse.c
fuzz-line_edit := shell/line_edit.c shell/complete.c shell/parse.c shell/commands.c \
                  tests/fuzz/fuzz_handlers.c
fuzz-shell     := shell/parse.c shell/line_edit.c shell/complete.c shell/commands.c \
                  shell/cmd_kmalloc.c shell/objects.c shell/obj_record.c shell/cmd_whatis.c \
                  shell/cmd_verify.c shell/cmd_cache.c shell/cmd_cache_show.c \
                  shell/cmd_cache_dump.c shell/cmd_cache_trace.c shell/cmd_cache_trace_slab.c \
                  shell/cmd_slub_debug.c shell/format.c \
                  tests/fuzz/fuzz_handlers.c $(MM_HOST_SRCS) $(SLAB_HOST_SRCS)
fuzz-libs-shell := -lcmocka
fuzz-shell_slub := shell/parse.c shell/line_edit.c shell/complete.c shell/commands.c \
                  shell/cmd_kmalloc.c shell/objects.c shell/obj_record.c \
                  shell/cmd_whatis_slub.c shell/cmd_verify.c shell/cmd_cache.c \
                  shell/cmd_cache_show_slub.c shell/cmd_cache_map_slub.c \
                  shell/cmd_cache_dump_slub.c shell/cmd_cache_trace.c \
                  shell/cmd_cache_trace_slub.c shell/cmd_slub_debug.c shell/format.c \
                  tests/fuzz/fuzz_handlers.c $(MM_HOST_SRCS) $(SLUB_HOST_SRCS)
fuzz-libs-shell_slub := -lcmocka
# a target built from another target's file, and its own flags
fuzz-main-shell_slub   := tests/fuzz/fuzz_shell.c
fuzz-cflags-shell_slub := -DCONFIG_SLUB=1

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_TARGETS)

$(FUZZ_BUILD)/fuzz_%: $$(or $$(fuzz-main-$$*),tests/fuzz/fuzz_$$*.c) $$(fuzz-$$*) $(HOST_HEADERS) \
		tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $@")
	$(Q)command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz: no $(FUZZ_CC);" \
		"scripts/install-deps.sh installs it" >&2; exit 1; }
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(fuzz-cflags-$*) -o $@ $< $(fuzz-$*) \
		$(fuzz-libs-$*)

fuzz: $(FUZZ_TARGETS)
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(FUZZ_BUILD) tests/fuzz/short-run.sh
