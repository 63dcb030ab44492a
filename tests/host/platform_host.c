/*
 * platform_host.c - include/platform.h for the host unit tests.
 *
 * The mm/ sources are compiled unchanged against this file instead of
 * the board's CPU layer.  Threads stand in for CPUs; see host_platform.h.
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <errno.h>
#include "platform.h"
#include "host_platform.h"

/* host_cpu.h reads and writes these inline */
__thread unsigned int host_this_cpu;
__thread bool host_irqs_off;

void host_set_cpu(unsigned int cpu)
{
	host_this_cpu = cpu;
}

unsigned int num_present_cpus(void)
{
	return NR_CPUS;
}

unsigned int num_online_cpus(void)
{
	return NR_CPUS;
}

bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS;
}

unsigned int cache_line_size(void)
{
	return SMP_CACHE_BYTES;
}

/* host_fake_clock(): a step of 0 means the real clock */
static unsigned long long fake_ns, fake_step;
static void (*clock_hook)(void *);
static void *clock_hook_arg;

void host_fake_clock(unsigned long long start_ns, unsigned long long step_ns)
{
	__atomic_store_n(&fake_ns, start_ns, __ATOMIC_RELAXED);
	__atomic_store_n(&fake_step, step_ns, __ATOMIC_RELAXED);
}

void host_clock_hook(void (*fn)(void *), void *arg)
{
	clock_hook_arg = arg;
	__atomic_store_n(&clock_hook, fn, __ATOMIC_RELEASE);
}

unsigned long long sched_clock(void)
{
	void (*hook)(void *) = __atomic_exchange_n(&clock_hook, NULL, __ATOMIC_ACQUIRE);
	unsigned long long step = __atomic_load_n(&fake_step, __ATOMIC_RELAXED);
	struct timespec ts;

	if (hook)
		hook(clock_hook_arg);
	if (step)
		return __atomic_fetch_add(&fake_ns, step, __ATOMIC_RELAXED);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

/* ---- ticket spinlocks ---- */

void __spin_lock_init(spinlock_t *lock, const char *name)
{
	lock->name = name;
	__atomic_store_n(&lock->slock, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&lock->owner_cpu, SPINLOCK_NO_OWNER, __ATOMIC_RELAXED);
}

void spin_lock(spinlock_t *lock)
{
	uint32_t old;

	BUG_ON(__atomic_load_n(&lock->owner_cpu, __ATOMIC_RELAXED) == host_this_cpu);
	old = __atomic_fetch_add(&lock->slock, 1u << 16, __ATOMIC_ACQUIRE);
	while ((__atomic_load_n(&lock->slock, __ATOMIC_ACQUIRE) & 0xffff) != old >> 16)
		sched_yield();
	__atomic_store_n(&lock->owner_cpu, host_this_cpu, __ATOMIC_RELAXED);
}

int spin_trylock(spinlock_t *lock)
{
	uint32_t old = __atomic_load_n(&lock->slock, __ATOMIC_RELAXED);

	if ((old & 0xffff) != old >> 16)
		return 0;
	if (!__atomic_compare_exchange_n(&lock->slock, &old, old + (1u << 16), false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	__atomic_store_n(&lock->owner_cpu, host_this_cpu, __ATOMIC_RELAXED);
	return 1;
}

void spin_unlock(spinlock_t *lock)
{
	uint32_t old = __atomic_load_n(&lock->slock, __ATOMIC_RELAXED), new;

	BUG_ON(__atomic_load_n(&lock->owner_cpu, __ATOMIC_RELAXED) != host_this_cpu);
	__atomic_store_n(&lock->owner_cpu, SPINLOCK_NO_OWNER, __ATOMIC_RELAXED);
	do
		new = (old & 0xffff0000u) | ((old + 1) & 0xffff);	/* owner + 1, no carry */
	while (!__atomic_compare_exchange_n(&lock->slock, &old, new, false,
					    __ATOMIC_RELEASE, __ATOMIC_RELAXED));
}

bool spin_is_locked(spinlock_t *lock)
{
	uint32_t v = __atomic_load_n(&lock->slock, __ATOMIC_RELAXED);

	return (v & 0xffff) != v >> 16;
}

bool spin_is_held_by_me(spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner_cpu, __ATOMIC_RELAXED) == host_this_cpu;
}

/* ---- cross-CPU calls: the caller plays each target in turn ---- */

static void run_as_cpu(unsigned int cpu, smp_call_func_t func, void *info)
{
	unsigned int saved_cpu = host_this_cpu;
	bool saved_irqs = host_irqs_off;

	host_this_cpu = cpu;
	host_irqs_off = true;
	func(info);
	host_this_cpu = saved_cpu;
	host_irqs_off = saved_irqs;
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info, int wait)
{
	(void)wait;
	if (cpu >= NR_CPUS)
		return -ENXIO;
	run_as_cpu(cpu, func, info);
	return 0;
}

int on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	(void)wait;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		run_as_cpu(cpu, func, info);
	return 0;
}

int smp_call_on_cpu(unsigned int cpu, int (*func)(void *), void *arg)
{
	unsigned int saved_cpu = host_this_cpu;
	int ret;

	if (cpu >= NR_CPUS)
		return -ENXIO;
	host_this_cpu = cpu;
	ret = func(arg);
	host_this_cpu = saved_cpu;
	return ret;
}

int schedule_on_each_cpu(int (*func)(void *), void *arg)
{
	int ret = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		int r = smp_call_on_cpu(cpu, func, arg);

		ret = ret ? ret : r;
	}
	return ret;
}

/* ---- stop_machine: threads that entered wait in their interrupt windows ---- */

static pthread_mutex_t stop_mutex = PTHREAD_MUTEX_INITIALIZER;	/* one stop at a time */
static int stop_participants;	/* threads between enter and leave; stop_mutex */
static int stop_requested;	/* a stop is waiting for, or holding, them */
static int stop_arrived;	/* threads held in host_irq_window() */
static __thread bool stop_member;

/* Take stop_mutex, serving stops meanwhile (a stop holds it throughout). */
static void stop_mutex_lock_serving(void)
{
	while (pthread_mutex_trylock(&stop_mutex) != 0)
		host_irq_window();
}

void host_cpu_enter(void)
{
	stop_mutex_lock_serving();
	stop_participants++;
	stop_member = true;
	pthread_mutex_unlock(&stop_mutex);
}

void host_cpu_leave(void)
{
	stop_mutex_lock_serving();
	stop_participants--;
	stop_member = false;
	pthread_mutex_unlock(&stop_mutex);
}

void host_irq_window(void)
{
	BUG_ON(host_irqs_off);	/* a CPU with interrupts off cannot be held */
	if (!stop_member || !__atomic_load_n(&stop_requested, __ATOMIC_ACQUIRE))
		return;
	__atomic_fetch_add(&stop_arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&stop_requested, __ATOMIC_ACQUIRE))
		sched_yield();
	__atomic_fetch_sub(&stop_arrived, 1, __ATOMIC_ACQ_REL);
}

int stop_machine(int (*fn)(void *), void *arg)
{
	int others, ret;

	BUG_ON(host_irqs_off);
	pthread_mutex_lock(&stop_mutex);
	others = stop_participants - (stop_member ? 1 : 0);
	__atomic_store_n(&stop_requested, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&stop_arrived, __ATOMIC_ACQUIRE) < others)
		sched_yield();
	ret = fn(arg);
	__atomic_store_n(&stop_requested, 0, __ATOMIC_RELEASE);
	/* the next stop must not count a thread still on its way out */
	while (__atomic_load_n(&stop_arrived, __ATOMIC_ACQUIRE) > 0)
		sched_yield();
	pthread_mutex_unlock(&stop_mutex);
	return ret;
}

/* ---- jiffies and delayed work ---- */

volatile unsigned long jiffies;

#define HOST_MAX_DELAYED 16
static struct delayed_work *delayed[NR_CPUS][HOST_MAX_DELAYED];
static pthread_mutex_t delayed_lock = PTHREAD_MUTEX_INITIALIZER;

int queue_work_on(unsigned int cpu, struct work_struct *work)
{
	unsigned int saved_cpu = host_this_cpu;

	host_this_cpu = cpu;
	work->func(work);
	host_this_cpu = saved_cpu;
	return 1;
}

int schedule_delayed_work_on(unsigned int cpu, struct delayed_work *dwork,
			     unsigned long delay)
{
	int queued = 0;

	pthread_mutex_lock(&delayed_lock);
	for (unsigned int i = 0; i < HOST_MAX_DELAYED && !dwork->timer_pending; i++) {
		if (!delayed[cpu][i]) {
			delayed[cpu][i] = dwork;
			dwork->cpu = cpu;
			dwork->expires = jiffies + delay;
			dwork->timer_pending = true;
			queued = 1;
		}
	}
	pthread_mutex_unlock(&delayed_lock);
	return queued;
}

int cancel_delayed_work(struct delayed_work *dwork)
{
	int cancelled = 0;

	pthread_mutex_lock(&delayed_lock);
	for (unsigned int i = 0; i < HOST_MAX_DELAYED; i++) {
		if (delayed[dwork->cpu][i] == dwork) {
			delayed[dwork->cpu][i] = NULL;
			dwork->timer_pending = false;
			cancelled = 1;
		}
	}
	pthread_mutex_unlock(&delayed_lock);
	return cancelled;
}

void host_run_delayed_work(unsigned int cpu)
{
	for (unsigned int i = 0; i < HOST_MAX_DELAYED; i++) {
		struct delayed_work *dwork = delayed[cpu][i];

		if (!dwork || !time_after_eq(jiffies, dwork->expires))
			continue;
		pthread_mutex_lock(&delayed_lock);
		delayed[cpu][i] = NULL;
		dwork->timer_pending = false;
		pthread_mutex_unlock(&delayed_lock);
		queue_work_on(cpu, &dwork->work);
	}
}

/* ---- BUG and WARN ---- */

void bug_at(const char *file, int line, const char *cond)
{
	mock_assert(0, cond, file, line);	/* longjmps out in a test */
	abort();
}

void warn_at(const char *file, int line, const char *cond)
{
	fprintf(stderr, "WARNING: cpu%u at %s:%d: %s\n", host_this_cpu, file, line, cond);
}

/* ---- printk: the message as it is, for the tests that match reports ---- */

/*
 * Weak: test_printk*.c link the board's log (drivers/printk.c), whose
 * printk replaces these; the other tests see reports without timestamps.
 */
__attribute__((weak)) int vprintk(const char *fmt, va_list ap)
{
	return vprintf(fmt, ap);
}

__attribute__((weak)) int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* ---- capturing what the code under test prints ---- */

void host_capture_stdout(void (*fn)(void *), void *arg, char *buf, size_t len)
{
	FILE *tmp = tmpfile();
	int saved;
	size_t n;

	assert_non_null(tmp);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	fn(arg);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, len - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
}
