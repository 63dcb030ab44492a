/*
 * test_a9_errata.c - the Cortex-A9 errata chosen for each revision
 * (boot/a9_errata.c): the exact set and the exact diagnostic register
 * bits, for the parts this firmware meets (QEMU's r0p0, the V2P-CA9's
 * r0p1) and the later ones other tiles carry; and the ACTLR value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "boot/a9_errata.h"

#define A9(variant, rev) (0x410fc090u | (variant) << 20 | (rev))

/* The errata a plan applies, as "id id id" in table order. */
static const char *applied(const struct a9_errata_plan *plan)
{
	static char buf[256];

	buf[0] = '\0';
	for (unsigned int i = 0; i < a9_nr_errata; i++) {
		if (!(plan->applies & (1u << i)))
			continue;
		if (buf[0])
			strcat(buf, " ");
		strcat(buf, a9_errata[i].id);
	}
	return buf;
}

static void expect(uint32_t midr, unsigned int rev, const char *ids, uint32_t diag)
{
	struct a9_errata_plan plan;

	assert_true(a9_errata_plan(midr, &plan));
	assert_int_equal(plan.rev, rev);
	assert_string_equal(applied(&plan), ids);
	assert_int_equal(plan.diag_set, diag);
	assert_true(plan.scu_diag);		/* 764369: every revision */
}

static void qemu_r0p0_and_board_r0p1(void **state)
{
	(void)state;
	/* 751472 bit 11, 761320 bit 21, 794072 bit 4, 845369 bit 22 */
	expect(A9(0, 0), 0x00, "751472 754327 761320 764369 794072 845369 719332", 0x00600810);
	expect(A9(0, 1), 0x01, "751472 754327 761320 764369 794072 845369 719332", 0x00600810);
}

static void later_revisions(void **state)
{
	(void)state;
	/* r1p0: 742230 (bit 4, shared with 794072) starts */
	expect(A9(1, 0), 0x10, "742230 751472 754327 761320 764369 794072 845369 719332",
	       0x00600810);
	/* r2p0: 754327 fixed; 742231 (bits 12, 22) and 743622 (bit 6) */
	expect(A9(2, 0), 0x20, "742230 742231 743622 751472 761320 764369 794072 845369 719332",
	       0x00601850);
	/* r2p3: 742230 and 742231 fixed */
	expect(A9(2, 3), 0x23, "743622 751472 761320 764369 794072 845369 719332", 0x00600850);
	/* r3p0: 743622 and 751472 fixed */
	expect(A9(3, 0), 0x30, "761320 764369 794072 845369 719332", 0x00600010);
	/* r4p1: 761320 fixed */
	expect(A9(4, 1), 0x41, "764369 794072 845369 719332", 0x00400010);
}

static void not_an_a9(void **state)
{
	struct a9_errata_plan plan;

	(void)state;
	assert_false(a9_errata_plan(0x412fc0f1u, &plan));	/* Cortex-A15 r2p1 */
	assert_int_equal(plan.applies, 0);
	assert_int_equal(plan.diag_set, 0);
	assert_false(plan.scu_diag);
	assert_false(a9_errata_plan(0x560fc090u, &plan));	/* not ARM's */
}

static void actlr_sets_smp_and_fw_each_and_clears_prefetch(void **state)
{
	(void)state;
	assert_int_equal(a9_actlr_value(0x00), 0x41);
	assert_int_equal(a9_actlr_value(0x40), 0x41);		/* SMP set, FW not */
	assert_int_equal(a9_actlr_value(0x01), 0x41);		/* FW set, SMP not */
	assert_int_equal(a9_actlr_value(0x47), 0x41);		/* prefetch bits cleared */
	assert_int_equal(a9_actlr_value(0x48), 0x49);		/* others kept (bit 3) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qemu_r0p0_and_board_r0p1),
		cmocka_unit_test(later_revisions),
		cmocka_unit_test(not_an_a9),
		cmocka_unit_test(actlr_sets_smp_and_fw_each_and_clears_prefetch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
