# host.mk - the host unit tests (included by Makefile).
#
# Each test links the real portable sources with cmocka and runs under
# AddressSanitizer and UndefinedBehaviorSanitizer; any report aborts the
# test, which then counts as failed.

HOST_BUILD  := $(BUILD)/host
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -Iinclude \
               -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer
HOST_LIBS   := -lcmocka

# test name -> the portable sources it exercises
host-test-parse     := shell/parse.c
host-test-line_edit := shell/line_edit.c

HOST_TEST_NAMES := parse line_edit
HOST_TESTS      := $(addprefix $(HOST_BUILD)/test_,$(HOST_TEST_NAMES))

HOST_HEADERS := $(wildcard include/*.h shell/*.h mm/*.h tests/host/*.h)

.PHONY: host-tests-build
host-tests-build: $(HOST_TESTS)

.SECONDEXPANSION:
$(HOST_BUILD)/test_%: tests/host/test_%.c $$(host-test-$$*) $(HOST_HEADERS) tests/host/host.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $< $(host-test-$*) $(HOST_LIBS)
