/*
 * version.c - the firmware's version and build description.  The build
 * regenerates build/version.h when `git describe` changes.
 * SLABLAB_BUILD_DATE says which date it is: "commit date YYYY-MM-DD" (of
 * the commit built, so the same commit always describes itself the same
 * way), or "built YYYY-MM-DD" outside a git checkout.  A slab_debug image
 * (make SLAB_DEBUG=1, CONFIG_DEBUG_SLAB) says so at the end of the
 * description, in the banner and in `version`.
 */
#include <newlib.h>
#include "board/board.h"
#include "version.h"

#if defined(CONFIG_DEBUG_SLAB) && CONFIG_DEBUG_SLAB
#define BUILD_CONFIG ", slab_debug"
#else
#define BUILD_CONFIG ""
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
