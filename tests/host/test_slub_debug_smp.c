/*
 * test_slub_debug_smp.c - test_slub_smp.c's four CPUs with slub_debug's
 * F Z P U on every cache, the kmalloc caches included (as the slub_debug
 * image runs): every allocation and free through the checks of
 * mm/slub_debug.c under slab_lock, none may report, under ThreadSanitizer.
 */
#define SLUB_SMP_DEBUG 1
#include "test_slub_smp.c"
