/*
 * test_page_alloc_nodebug.c - test_page_alloc.c's tests with mm/ built as
 * in the image users run: CONFIG_DEBUG_CHECKS=0 (host.mk), so every bad
 * free is refused by the O(1) checks alone, without the debug scan of
 * every page of the block.
 */
#include "test_page_alloc.c"
