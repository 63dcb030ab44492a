/*
 * lockorder.h - the one list of which spinlock may be taken while
 * holding which.  Documentation only: nothing includes this file, but
 * every new lock gets a line here before it is used.
 *
 * A lock may be taken while holding the locks above it in its chain,
 * never the other way round.  "leaf" locks are taken with no other lock
 * held and take none themselves.  Every lock an interrupt handler may
 * take is taken with interrupts off everywhere (spin_lock_irqsave).
 *
 *   logbuf_lock (drivers/printk.c)            IRQs off; printk takes it
 *                                             under any lock its caller
 *                                             holds (a list_lock, a zone
 *                                             lock) and calls nothing back;
 *                                             an oops only trylocks it
 *     -> console_lock: a log line is stored and written under it, so
 *        the ring and the console agree on the order
 *   console_lock (drivers/console.c)          IRQs off
 *     -> rx.lock (drivers/pl011.c)            IRQs off; also taken alone
 *                                             by the UART interrupt
 *
 *   cache_chain_lock (mm/slab.c)              thread context, IRQs on;
 *                                             the reaper only trylocks it;
 *                                             so does "fault CPU locked"
 *                                             in an IPI handler, to stop
 *                                             holding it (shell/cmd_fault.c)
 *     (-> on_each_cpu() with wait: the other CPUs take list_locks in
 *      their IPI handlers while we hold cache_chain_lock, IRQs on)
 *     -> stop_lock: verify (mm/slab_verify.c) stops the other CPUs
 *        holding the chain, then takes each cache's list_lock below
 *     -> l3->list_lock of a cache             IRQs off
 *       -> l3->list_lock of the general cache holding its off-slab
 *          management (size-32 .. size-2048): slab_destroy() under
 *          free_block() frees the descriptor there; those caches are
 *          on-slab, so the chain ends
 *         -> zone->lock (mm/page_alloc.c)     IRQs off, leaf; one zone at
 *                                             a time, never two
 *     -> console_lock: "cache show" and "cache map" print each slab
 *        under the node's list_lock (mm/slab_inspect.c); the console
 *        never allocates, so nothing nests the other way
 *
 *   SLUB's image (make SLAB=slub) has these instead of SLAB's chain
 *   (mm/slub_def.h):
 *   slub_lock (mm/slub_create.c)              thread context, IRQs on: the
 *                                             cache chain, refcounts, aliases
 *     -> slab_lock(page): PG_locked, a bit    IRQs off; page->freelist,
 *        spinlock in page->flags              inuse and PG_slub_frozen
 *       -> n->list_lock of the cache          IRQs off; from list_lock a slab
 *                                             is only slab_trylock()ed
 *                                             (get_partial), never waited for
 *         -> zone->lock                       discard_slab frees pages
 *     -> stop_lock: verify, as on SLAB
 *
 *   stop_lock (boot/stop_machine.c)          thread context, IRQs on; held
 *                                             while every other CPU spins in
 *                                             an IPI handler: taken after any
 *                                             lock that is taken with IRQs on
 *                                             (cache_chain_lock for verify),
 *                                             never before one
 *
 *   timers[cpu].lock (boot/timer.c)           IRQs off (also by the tick)
 *     -> work_queue[cpu].lock (boot/cpu_work.c)  IRQs off, leaf
 *   malloc_lock (board/syscalls.c)            IRQs off (newlib's heap); takes
 *                                             none, but a printf too long
 *                                             for its stack buffer takes it
 *                                             under whatever lock its caller
 *                                             holds (a list_lock in "cache
 *                                             show"); the heap calls nothing
 *                                             back, so nothing nests inside
 *   record_lock (shell/obj_record.c)          IRQs off, leaf; not held
 *                                             across allocator calls
 *   held_lock (shell/cmd_mm.c)                IRQs off, leaf; not held
 *                                             across allocator calls
 *   contention.lock (shell/cmd_smp.c)         leaf
 *   selftest.lock (shell/selftest.c)          IRQs off, leaf: a case's
 *                                             failure record, written by
 *                                             checks on any CPU
 *
 * Not locks but serialisation that matters as much:
 *   - per-CPU data (percpu.h) is written by its own CPU only;
 *   - the cross-call slots (boot/smp_call.c) are single-writer per side;
 *   - the line editor and the shell's state belong to CPU 0.
 */
#ifndef SLABLAB_LOCKORDER_H
#define SLABLAB_LOCKORDER_H
#endif
