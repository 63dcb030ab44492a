/*
 * fuzz_shell.c - libFuzzer target: a line typed at the shell, from the
 * first byte to the command's last output, on the host.
 *
 * The bytes go through the line editor as shell_main() feeds it; each
 * finished line goes to the shell's own run_line() (shell/shell.c is
 * included here whole, for its static functions): parse_words(), the
 * command table of shell/commands.c, the argument counts and usage
 * lines, then the handler.  The handlers that need only the allocators
 * run for real on the host allocator (mm/ with tests/host/platform_host.c
 * on a 64 MiB arena at 0x60000000): kmalloc, kfree, ksize, whatis,
 * verify, slub_debug (SLAB refuses it) and cache (create, destroy, alloc,
 * free, objects, show, map, dump, chain, shrink, trace, journal).  The
 * others (board state: CPUs, timers, memory-mapped devices, the buddy
 * allocator's own commands) are fuzz_handlers.c's stand-ins; so are cache
 * corrupt and badfree, which damage objects on purpose.
 *
 * After each input, whatever its lines allocated is freed and the caches
 * they created destroyed, so inputs do not pile up state; and `verify`
 * must find every cache consistent then (any error aborts).  Tracing on
 * the boot caches is turned off again, and on SLUB the slub_debug setting
 * put back as it was at boot (it shapes every cache created after it), and
 * the names SLUB merged into a cache (its aliases) destroyed, so an input
 * found to crash crashes again on its own.
 *
 * fuzz.mk builds this file twice: fuzz_shell on SLAB's mm/ and shell
 * views, fuzz_shell_slub with -DCONFIG_SLUB=1 on SLUB's (as make
 * SLAB=slub builds the image).  Only drop_aliases() differs between them.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include "shell/shell.c"
#include "shell/objects.h"
#include "mm/mm.h"
#if defined(CONFIG_SLUB) && CONFIG_SLUB
#include "mm/slub_inspect.h"
#endif

#define ARENA_BASE 0x60000000UL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* ---- the board's services shell.c calls, as the host has them ---- */

static size_t output_bytes;

void console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		output_bytes += (unsigned char)s[i] != 0xff;
}

void console_start_line(void) {}
void console_flush(void) {}
void console_watch_break(bool on) { (void)on; }
bool console_break_pending(void) { return false; }
bool console_has_input(void) { return false; }
int console_peekc(void) { return -1; }
int console_trygetc(void) { return -1; }
int console_getc(void) { return -1; }

void cpu_wait_event(bool (*done)(void *), void *arg)
{
	(void)done;
	(void)arg;
}

/* No fault can be caught on the host: a fault is a crash, which is the point. */
bool fault_guard_call(int (*fn)(void *), void *arg, int *ret, struct fault_record *rec)
{
	int r = fn(arg);

	(void)rec;
	if (ret)
		*ret = r;
	return true;
}

void fault_describe(const struct fault_record *rec, char *buf, size_t len)
{
	(void)rec;
	snprintf(buf, len, "fault");
}

/* The lab damages objects on purpose: not fuzzed here (the QEMU test gives it bad addresses). */
int cache_corrupt(struct kmem_cache *cachep, int argc, char **argv)
{
	(void)cachep, (void)argc, (void)argv;
	return CMD_OK;
}

int cache_badfree(struct kmem_cache *cachep, int argc, char **argv)
{
	(void)cachep, (void)argc, (void)argv;
	return CMD_OK;
}

/* ---- between inputs ---- */

#define BOOT_CACHES_MAX 64
static const char *boot_caches[BOOT_CACHES_MAX];
static unsigned int nboot;

static void note_boot_cache(const struct slabinfo_row *row, void *arg)
{
	(void)arg;
	if (nboot < BOOT_CACHES_MAX)
		boot_caches[nboot++] = row->name;
}

/* slub_debug's setting at boot; "" on SLAB, which has none (-ENOSYS) */
static char boot_slub_debug[48];

static bool is_boot_cache(const char *name)
{
	for (unsigned int i = 0; i < nboot; i++)
		if (strcmp(boot_caches[i], name) == 0)
			return true;
	return false;
}

#define NAMES_MAX 256
static char names[NAMES_MAX][64];
static unsigned int nnames;

static void note_cache(const struct slabinfo_row *row, void *arg)
{
	(void)arg;
	if (nnames < NAMES_MAX)
		snprintf(names[nnames++], sizeof(names[0]), "%s", row->name);
}

/* Run a command the clean-up needs (@n words); it must succeed. */
static void run_words(int n, const char *a, const char *b, const char *c)
{
	char w[3][64];
	char *argv[] = { w[0], w[1], w[2] };

	snprintf(w[0], sizeof(w[0]), "%s", a);
	snprintf(w[1], sizeof(w[1]), "%s", b ? b : "");
	snprintf(w[2], sizeof(w[2]), "%s", c ? c : "");
	if (shell_exec(n, argv) != CMD_OK)
		abort();
}

#if defined(CONFIG_SLUB) && CONFIG_SLUB
/*
 * SLUB merges a create into a like cache, boot caches included, and keeps
 * the name as an alias, which /proc/slabinfo's rows do not list; and a
 * destroy of a merged cache's own name passes it to its oldest alias.  So
 * the aliases go first, newest first (each destroy drops one name).
 */
static void drop_aliases(struct kmem_cache *cachep)
{
	const char *alias[NAMES_MAX];
	char name[64];
	unsigned int n;

	while ((n = slub_cache_aliases(cachep, alias, NAMES_MAX)) > 0) {
		snprintf(name, sizeof(name), "%s", alias[(n < NAMES_MAX ? n : NAMES_MAX) - 1]);
		run_words(3, "cache", "destroy", name);
	}
}
#else
static void drop_aliases(struct kmem_cache *cachep)
{
	(void)cachep;	/* SLAB merges no caches */
}
#endif

/* Free what the lines allocated, destroy their caches, and verify. */
static void clean_up(void)
{
	nnames = 0;
	kmem_cache_for_each_row(note_cache, NULL);
	for (unsigned int i = 0; i < nnames; i++) {
		struct kmem_cache *cachep = kmem_cache_find(names[i]);

		if (!cachep)
			abort();
		objects_free_all(cachep);
		drop_aliases(cachep);
		if (!is_boot_cache(names[i]))
			run_words(3, "cache", "destroy", names[i]);
		else if (kmem_cache_trace(cachep, SLAB_TRACE_OFF) != 0)
			abort();
	}
	if (boot_slub_debug[0] && slub_debug_setup(boot_slub_debug) != 0)
		abort();
	run_words(3, "cache", "shrink", "all");
	run_words(1, "verify", NULL, NULL);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t arena = 64UL << 20;
	/*
	 * Where the board's DRAM is, so the addresses the shell prints fit
	 * the 32-bit ADDR arguments and the seed corpus can name them.
	 */
	void *mem = mmap((void *)ARENA_BASE, arena, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)argc;
	(void)argv;
	if (mem != (void *)ARENA_BASE)
		abort();
	mem_init((uintptr_t)mem, arena, (uintptr_t)mem + 65536, (uintptr_t)mem + 65536 + 300 * 1024);
	kmem_cache_init();
	kmem_cache_for_each_row(note_boot_cache, NULL);
	if (slub_debug_show(boot_slub_debug, sizeof(boot_slub_debug)) != 0)
		boot_slub_debug[0] = '\0';
	le_init(&editor, PROMPT, editor_output, shell_complete, (void *)&complete_source);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	output_bytes = 0;
	le_start(&editor);
	for (size_t i = 0; i < size; i++) {
		enum le_result r = le_feed(&editor, data[i]);

		if (r == LE_LINE)
			run_line(le_line(&editor));
		if (r != LE_CONTINUE)
			le_start(&editor);
	}
	clean_up();
	return 0;
}
