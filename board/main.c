/*
 * main.c - the boot order, one step per line.
 *
 * boot/entry.S calls board_start() on CPU 0 and board_secondary_start()
 * on each secondary once released from the pen.  These two functions are
 * the top of the platform: the only place that calls up into the
 * allocator (to initialise it) and into the shell (to hand it CPU 0).
 *
 * entry.S has turned the MMU and caches off whatever the loader left.
 * Until mmu_enable() every access is strongly ordered, so nothing before
 * it may use the C library (whose string routines make unaligned
 * accesses, which then fault) or the console; board/early_init.c's LEDs and
 * uncached UART report progress and stops meanwhile.  Each step shows
 * its number on the LEDs (enum boot_step) as it begins.
 */
#include <stdio.h>
#include "board/board.h"
#include "board/clock.h"
#include "board/dram.h"
#include "board/early_init.h"
#include "board/platsmp.h"
#include "board/setup.h"
#include "board/vexpress.h"
#include "boot/arm.h"
#include "boot/cacheflush.h"
#include "boot/cpu.h"
#include "boot/fault.h"
#include "boot/irq.h"
#include "boot/mmu.h"
#include "boot/scu.h"
#include "boot/stack.h"
#include "boot/timer.h"
#include "drivers/console.h"
#include "drivers/gic.h"
#include "drivers/gtimer.h"
#include "drivers/pl011.h"
#include "drivers/twd.h"
#include "drivers/v2m_sysreg.h"
#include "bug.h"
#include "irqflags.h"
#include "jiffies.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "printk.h"
#include "shell/shell.h"

extern char __image_start[], __image_end[];

static const struct fault_console fault_console = {
	.begin = console_oops_begin,
	.end = console_oops_end,
	.emergency = console_emergency_write,
};

/* Every tick, on every CPU: catch a stack overflow, then run the timers. */
static void board_tick(void)
{
	const char *overflowed = stack_overflowed();

	if (unlikely(overflowed))
		bug_at(__FILE__, __LINE__, overflowed);
	timer_tick();
}

static void ipi_handler(unsigned int irq, void *arg)
{
	(void)arg;
	smp_handle_ipi(irq);
}

static void setup_interrupts(void)
{
	uintptr_t priv = board.periphbase;

	gic_init(priv + A9_GIC_DIST_OFFSET, priv + A9_GIC_CPU_OFFSET);
	gic_cpu_init();
	set_handle_irq(gic_handle_irq);
	for (unsigned int ipi = 0; ipi < NR_IPI; ipi++)
		gic_request_irq(ipi, ipi_handler, NULL);
	smp_set_cross_call(gic_send_sgi);
	gic_request_irq(V2M_IRQ_UART0, pl011_handle_irq, NULL);
	gic_set_affinity(V2M_IRQ_UART0, 1u << 0);	/* the shell's CPU */
	gic_enable_irq(V2M_IRQ_UART0);
}

/* DRAM to the buddy allocator (keeping the image back), then the slab caches. */
static void setup_memory(void)
{
	uint64_t t0 = gtimer_read();

	mem_init(board.dram_base, board.dram_size, board.image_start, board.image_end);
	board.mem_init_us = (unsigned long)gtimer_to_us(gtimer_read() - t0);
	kmem_cache_init();
}

static void setup_timers(void)
{
	uintptr_t priv = board.periphbase;
	const char *unmeasured;

	gtimer_init(priv + A9_GTIMER_OFFSET);
	unmeasured = clock_measure_gtimer(&board.timer_hz);
	board.timer_measured = !unmeasured;
	gtimer_set_rate(board.timer_hz);
	if (unmeasured)				/* every delay depends on it: say so */
		printk("clock: %s; global timer assumed to run at %lu MHz\n", unmeasured,
		       board.timer_hz / 1000000);
	twd_init(priv + A9_TWD_OFFSET, board.timer_hz, HZ);
	twd_set_tick_hook(board_tick);
	gic_request_irq(A9_IRQ_TWD, twd_handle_irq, NULL);
	twd_cpu_init();
	gic_enable_irq(A9_IRQ_TWD);
}

void board_start(uint32_t machine_id, uint32_t boot_params, uint32_t entry_sctlr)
{
	(void)machine_id;
	early_init();				/* LEDs and UART0, uncached */
	board.entry_sctlr[0] = entry_sctlr;
	board.periphbase = read_cbar() & 0xffffe000;
	early_check_secure(board.periphbase + A9_GIC_DIST_OFFSET);	/* or stop */
	early_disable_watchdogs(board.periphbase);	/* a previous OS may have armed them */
	early_progress(BOOT_ERRATA);
	scu_apply_errata(board.periphbase + A9_SCU_OFFSET);
	scu_enable(board.periphbase + A9_SCU_OFFSET);
	board.errata_diag[0] = cpu_apply_errata();	/* Secure, caches off */
	cpu_enable_coherency();			/* ACTLR.SMP and FW before caches on */
	board.boot_params = boot_params;
	board.dram_base = V2P_CA9_DRAM_BASE;
	early_progress(BOOT_MMU);
	board_map_memory();			/* DRAM past the image uncached */
	mmu_enable();				/* caches on; C library usable */
	early_progress(BOOT_DRAM);
	board.dram_size = dram_detect(boot_params, &board.dram_source);
	board_trim_dram(board.dram_size);	/* cacheable; unmap what is not there */
	board_outer_cache_init();		/* the PL310 on, with CONFIG_L2X0 */

	early_progress(BOOT_CONSOLE);
	pl011_init(V2M_UART0, V2M_UARTCLK_HZ, V2M_UART_BAUD);
	console_init();
	fault_set_console(&fault_console);	/* oopses can print now */
	stack_init_canaries();
	board.sys_id = v2m_sys_id();
	board.procid = v2m_sys_procid0();
	board.image_start = (uintptr_t)__image_start;
	board.image_end = (uintptr_t)__image_end;
	smp_set_present_cpus(scu_num_cpus(board.periphbase + A9_SCU_OFFSET));
	smp_prepare_boot_cpu();
	early_progress(BOOT_INTERRUPTS);
	setup_interrupts();
	setup_timers();
	early_progress(BOOT_MEMORY);
	setup_memory();				/* the buddy allocator owns DRAM */
	local_irq_enable();
	early_progress(BOOT_SECONDARIES);
	board_smp_boot_secondaries();		/* all present CPUs online */

	board_print_banner();
	mem_print_summary(board.mem_init_us);
	printf("CPUs online: %u\n", num_online_cpus());
	early_progress(BOOT_SHELL);
	shell_main();				/* never returns */
}

void board_secondary_start(unsigned int cpu, unsigned int entered_via, uint32_t entry_sctlr)
{
	uint32_t diag = cpu_apply_errata();	/* Secure, caches off */

	cpu_enable_coherency();
	mmu_enable();
	gic_cpu_init();
	twd_cpu_init();
	gic_enable_irq(A9_IRQ_TWD);
	/* Before online: CPU 0 reads these then. */
	board.entered_via[cpu] = entered_via;
	board.entry_sctlr[cpu] = entry_sctlr;
	board.errata_diag[cpu] = diag;
	smp_mark_online();
	cpu_idle_loop();			/* serve IPIs and ticks forever */
}
