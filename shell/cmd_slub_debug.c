/*
 * cmd_slub_debug.c - "slub_debug [OPTIONS]": Linux 2.6.32's boot
 * parameter slub_debug=OPTIONS at run time, for the caches created
 * afterwards (mm/slab.h: slub_debug_setup).  Without OPTIONS it prints
 * the setting.  Both images link it: SLAB answers -ENOSYS, one error line.
 *
 * Checked first (a refused command changes nothing): every letter is one
 * of F Z P U, the PREFIX after ',' at most 31 characters; the allocator
 * checks again.
 */
#include <errno.h>
#include <stdio.h>
#include "shell/commands.h"
#include "shell/shell.h"
#include "mm/slab.h"

static int print_setting(void)
{
	char buf[48];

	if (slub_debug_show(buf, sizeof(buf)) == -ENOSYS)
		return cmd_error("slub_debug is SLUB's (make SLAB=slub); on SLAB, cache create "
				 "takes red_zone poison store_user, and make SLAB_DEBUG=1 forces "
				 "them on every cache");
	printf("slub_debug=%s\n", buf);
	return CMD_OK;
}

int do_slub_debug(int argc, char **argv)
{
	int err;

	if (argc == 1)
		return print_setting();
	err = slub_debug_setup(argv[1]);
	if (err == -EINVAL)
		return cmd_usage_error("bad slub_debug options '%s' (letters F Z P U, or -, then "
				       ",PREFIX of at most 31 characters)", argv[1]);
	return print_setting();
}
