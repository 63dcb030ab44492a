/*
 * internal.h - between the files of mm/ only.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include "mm/mm_types.h"

/* mm/page_alloc.c: hand a never-used block to the free lists at boot. */
void __free_pages_bootmem(struct page *page, unsigned int order);

#endif /* MM_INTERNAL_H */
