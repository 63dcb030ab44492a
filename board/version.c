/*
 * version.c - the firmware's version and build description.  The build
 * regenerates build/version.h when `git describe` changes.
 */
#include <newlib.h>
#include "board/board.h"
#include "version.h"

const char *board_version(void)
{
	return SLABLAB_VERSION;
}

const char *board_build_info(void)
{
	return "gcc " __VERSION__ ", newlib-nano " _NEWLIB_VERSION ", built " SLABLAB_BUILD_DATE;
}
