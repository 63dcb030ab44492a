/*
 * version.c - the firmware's version and build description.  The build
 * regenerates build/version.h when `git describe` changes.
 * SLABLAB_BUILD_DATE says which date it is: "commit date YYYY-MM-DD" (of
 * the commit built, so the same commit always describes itself the same
 * way), or "built YYYY-MM-DD" outside a git checkout.  A slab_debug image
 * (make SLAB_DEBUG=1, CONFIG_DEBUG_SLAB) says so at the end of the
 * description, in the banner and in `version`; both also say which
 * allocator runs, SLAB or SLUB (make SLAB=slub, CONFIG_SLUB).
 */
#include <newlib.h>
#include "board/board.h"
#include "version.h"

#if defined(CONFIG_DEBUG_SLAB) && CONFIG_DEBUG_SLAB
#define BUILD_CONFIG ", slab_debug"
#elif defined(CONFIG_SLUB_DEBUG_ON) && CONFIG_SLUB_DEBUG_ON
#define BUILD_CONFIG ", slub_debug"	/* make SLAB=slub SLAB_DEBUG=1 */
#else
#define BUILD_CONFIG ""
#endif

/*
 * Which back end the image runs (make SLAB=slub: CONFIG_SLUB), and the
 * Linux release whose allocator it follows, for the banner and `version`.
 */
#if defined(CONFIG_SLUB) && CONFIG_SLUB
#define ALLOCATOR_NAME "SLUB"
#define ALLOCATOR_LINUX "Linux 2.6.32"
#else
#define ALLOCATOR_NAME "SLAB"
#define ALLOCATOR_LINUX "Linux 2.6.24"
#endif

/*
 * In an array of fixed size: "-dirty" (a tree with uncommitted changes)
 * must not move what the linker places after it, or a transcript made
 * from a dirty tree would show other addresses than a clean clone's.
 */
static const char version[32] = SLABLAB_VERSION;
_Static_assert(sizeof(SLABLAB_VERSION) <= sizeof(version), "the version fits");

const char *board_version(void)
{
	return version;
}

const char *board_build_info(void)
{
	return "gcc " __VERSION__ ", newlib-nano " _NEWLIB_VERSION ", " SLABLAB_BUILD_DATE
	       BUILD_CONFIG;
}

/* "SLAB" or "SLUB". */
const char *board_allocator_name(void)
{
	return ALLOCATOR_NAME;
}

/* "SLAB (Linux 2.6.24)" or "SLUB (Linux 2.6.32)": the "Allocator:" line's. */
const char *board_allocator(void)
{
	return ALLOCATOR_NAME " (" ALLOCATOR_LINUX ")";
}
