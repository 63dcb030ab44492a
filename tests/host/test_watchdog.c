/*
 * test_watchdog.c - drivers/watchdog.c against register blocks in host
 * memory: an SP805 is recognised by its PrimeCell IDs and left stopped
 * and locked; anything else at the address is not written at all; the
 * A9 watchdog gets its disable words and a stopped control register.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "drivers/watchdog.h"

#define W(off) ((off) / 4)

static uint32_t regs[0x1000 / 4];

static void fake_sp805(void)
{
	static const uint32_t ids[8] = { 0x05, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

	memset(regs, 0, sizeof(regs));
	memcpy(&regs[W(0xfe0)], ids, sizeof(ids));
	regs[W(0x008)] = 0x3;		/* WDOGCONTROL: INTEN | RESEN, armed */
	regs[W(0xc00)] = 0x1;		/* WDOGLOCK reads 1 while locked */
}

static void sp805_stopped_and_locked(void **state)
{
	(void)state;
	fake_sp805();
	assert_int_equal(sp805_periph_id((uintptr_t)regs), 0x00141805);
	assert_true(sp805_disable((uintptr_t)regs));
	assert_int_equal(regs[W(0x008)], 0);	/* no interrupt, no reset */
	assert_int_equal(regs[W(0x00c)], 1);	/* interrupt cleared */
	assert_int_equal(regs[W(0xc00)], 0);	/* a non-key value: locked */
}

static void other_devices_untouched(void **state)
{
	uint32_t before[sizeof(regs) / 4];

	(void)state;
	fake_sp805();
	regs[W(0xfe0)] = 0x04;			/* part 0x804: not an SP805 */
	memcpy(before, regs, sizeof(regs));
	assert_false(sp805_disable((uintptr_t)regs));
	assert_memory_equal(before, regs, sizeof(regs));
	fake_sp805();
	regs[W(0xffc)] = 0;			/* not a PrimeCell */
	memcpy(before, regs, sizeof(regs));
	assert_false(sp805_disable((uintptr_t)regs));
	assert_memory_equal(before, regs, sizeof(regs));
	memset(regs, 0, sizeof(regs));		/* nothing there (QEMU) */
	assert_false(sp805_disable((uintptr_t)regs));
	assert_int_equal(regs[W(0xc00)], 0);
}

static void a9_watchdog_out_of_watchdog_mode(void **state)
{
	(void)state;
	memset(regs, 0, sizeof(regs));
	regs[W(0x00)] = 0xffffffff;		/* load */
	regs[W(0x08)] = 0x0000ff0b;		/* WD mode, enabled */
	a9_wdt_disable((uintptr_t)regs);
	assert_int_equal(regs[W(0x14)], 0x87654321);	/* the second disable word last */
	assert_int_equal(regs[W(0x08)], 0);
	assert_int_equal(regs[W(0x0c)], 1);
	assert_int_equal(regs[W(0x10)], 1);
	assert_int_equal(regs[W(0x00)], 0xffffffff);	/* load left alone */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sp805_stopped_and_locked),
		cmocka_unit_test(other_devices_untouched),
		cmocka_unit_test(a9_watchdog_out_of_watchdog_mode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
