/*
 * verify.h - the walk behind "verify" that selftest and stress also run
 * after their work: SLAB's is kmem_cache_verify() (cmd_verify.c; mm/
 * slab_verify.c holds the other CPUs still), SLUB's reads its caches
 * through mm/slub_inspect.h (cmd_verify_slub.c).  One line per problem,
 * "verify: cache 'NAME': ..."; returns res->errors.  @cachep NULL: every
 * cache.  Thread context, interrupts on, no slab lock held.
 */
#ifndef SHELL_VERIFY_H
#define SHELL_VERIFY_H

#include "mm/slab_inspect.h"

unsigned long shell_verify(struct kmem_cache *cachep, struct slab_verify_result *res);

#endif /* SHELL_VERIFY_H */
