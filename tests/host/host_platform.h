/*
 * host_platform.h - the host's implementation of include/platform.h
 * (tests/host/platform_host.c): what the unit tests can steer.
 *
 * Each thread plays one CPU (host_set_cpu); "interrupts off" is a
 * per-thread flag; spinlocks are real ticket locks on the compiler's
 * atomics, so ThreadSanitizer sees every acquire and release.  BUG_ON
 * becomes a cmocka assertion failure, so expect_assert_failure() can
 * test that a check fires.
 *
 * Cross-CPU calls (on_each_cpu and friends) run the function on the
 * calling thread, playing each target CPU in turn with "interrupts
 * off": right while no other thread is playing that CPU, which is how
 * the single-threaded tests use them.  Delayed work is only recorded;
 * a test runs what is due with host_run_delayed_work(), after setting
 * jiffies.
 *
 * stop_machine() runs its function at once on the calling thread, after
 * holding every other thread that entered with host_cpu_enter(): such a
 * thread plays a CPU that takes interrupts, and calls host_irq_window()
 * wherever its "interrupts" are on (between allocator calls); a
 * stop_machine() caller waits until each of them sits in one, and they
 * stay there until the function has returned.
 */
#ifndef TESTS_HOST_PLATFORM_H
#define TESTS_HOST_PLATFORM_H

#include <stddef.h>

/* The calling thread now plays CPU @cpu (0 by default). */
void host_set_cpu(unsigned int cpu);

/* Run the delayed work due on @cpu (jiffies >= expiry), playing that CPU. */
void host_run_delayed_work(unsigned int cpu);

/*
 * sched_clock(): from now on @start_ns, then @step_ns more at each call
 * (a step of 0: the host's monotonic clock again).
 */
void host_fake_clock(unsigned long long start_ns, unsigned long long step_ns);

/*
 * The next sched_clock() call, on any thread, first calls @fn(@arg),
 * once: a test's way to make something happen at that moment.
 */
void host_clock_hook(void (*fn)(void *), void *arg);

/* The calling thread takes part in stop_machine() until host_cpu_leave(). */
void host_cpu_enter(void);
void host_cpu_leave(void);
/* "Interrupts on" for a moment: wait here while a stop_machine() runs. */
void host_irq_window(void);

/* Run @fn with everything it prints to stdout captured into @buf. */
void host_capture_stdout(void (*fn)(void *), void *arg, char *buf, size_t len);

#endif /* TESTS_HOST_PLATFORM_H */
