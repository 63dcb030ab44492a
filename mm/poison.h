/*
 * poison.h - the debug patterns of Linux 2.6.24's include/linux/poison.h
 * that the slab allocator writes (mm/slab_debug.c).
 *
 * A red zone is a 64-bit word on each side of an object: RED_ACTIVE
 * while the object is handed out, RED_INACTIVE while it is free.  A
 * poisoned object is filled with POISON_INUSE when handed out and
 * POISON_FREE when freed, its last byte POISON_END either way, so a
 * write after free, or a read of memory nobody initialised, shows.
 */
#ifndef MM_POISON_H
#define MM_POISON_H

#define RED_INACTIVE  0x09F911029D74E35BULL	/* the object is free */
#define RED_ACTIVE    0xD84156C5635688C0ULL	/* the object is in use */

#define POISON_INUSE  0x5a	/* handed out: not initialised by the caller yet */
#define POISON_FREE   0x6b	/* freed: nobody may write it */
#define POISON_END    0xa5	/* the last byte of a poisoned object */

#endif /* MM_POISON_H */
