/*
 * complete.c - the words Tab offers, by command and position.
 *
 * The line before the cursor's word is split at blanks; the command
 * (word 0), the word after it (a subcommand, for the rules that need
 * one) and the position of the word being completed pick the rules that
 * apply.  A rule offers a fixed list of words, the command names or the
 * cache names.  "cpu N CMD ..." completes CMD and then CMD's own words.
 *
 * The fixed lists repeat words the commands' handlers compare against
 * (a handler's table is not reachable from host code); the QEMU tests
 * (tests/qemu/test_line_edit.py) check the subcommands, flags, fault
 * types, smp phases, pages words, selftest suites and badfree modes
 * against the help texts and error messages, so a new one without its
 * completion fails there.
 *
 * Quoting is not understood: the line editor does not complete after a
 * quote.  Stateless; the callbacks say where the live names come from.
 */
#include <string.h>
#include "shell/complete.h"
#include "shell/parse.h"

enum complete_from { FROM_WORDS, FROM_COMMANDS, FROM_CACHES };

#define POS_ANY 255		/* a rule's last position: no limit */

/* The cache subcommands that take an existing cache's name next. */
#define CACHE_NAMED \
	"destroy alloc free objects show map dump chain shrink trace journal corrupt badfree"

/*
 * After @cmd (and @sub as word 1, when not NULL: one of its blank-separated
 * words), words @first to @last (the command is word 0) may be @words
 * (blank-separated), a command or a cache.
 */
struct complete_rule {
	const char *cmd;
	const char *sub;
	unsigned char first, last;
	enum complete_from from;
	const char *words;
};

static const struct complete_rule rules[] = {
	{ "help", NULL, 1, 1, FROM_COMMANDS, NULL },
	{ "cpu", NULL, 2, 2, FROM_COMMANDS, NULL },
	{ "cache", NULL, 1, 1, FROM_WORDS, "create " CACHE_NAMED },
	{ "cache", CACHE_NAMED, 2, 2, FROM_CACHES, NULL },
	{ "cache", "shrink", 2, 2, FROM_WORDS, "all" },
	{ "cache", "create", 4, POS_ANY, FROM_WORDS,
	  "hwcache_align dma reclaim red_zone poison store_user sanity_checks ctor" },
	{ "cache", "alloc", 3, 4, FROM_WORDS, "zero" },
	{ "cache", "free", 3, 3, FROM_WORDS, "all" },
	{ "cache", "trace", 3, 3, FROM_WORDS, "on events off" },
	{ "cache", "map", 3, 3, FROM_WORDS, "chain" },
	{ "cache", "badfree", 4, 4, FROM_WORDS, "double interior wrongcache" },
	{ "kmalloc", NULL, 1, 1, FROM_WORDS, "list" },
	{ "slabinfo", NULL, 1, 1, FROM_CACHES, NULL },
	{ "verify", NULL, 1, 1, FROM_CACHES, NULL },
	{ "reap", NULL, 1, 1, FROM_WORDS, "auto" },
	{ "reap", "auto", 2, 2, FROM_WORDS, "on off" },
	{ "pages", NULL, 1, 1, FROM_WORDS, "alloc free list stress" },
	{ "pages", "free", 2, 2, FROM_WORDS, "all" },
	{ "pages", "alloc", 3, 3, FROM_WORDS, "dma" },
	{ "fault", NULL, 1, 1, FROM_WORDS, "undef pabt dabt bug pages slab" },
	{ "fault", "pages slab", 2, 2, FROM_WORDS, "off every prob" },
	{ "fault", "undef pabt dabt bug", 3, 3, FROM_WORDS, "locked" },
	{ "selftest", NULL, 1, 1, FROM_WORDS, "alloc xcpu shrink tune debug" },
	{ "smp", NULL, 1, 2, FROM_WORDS, "call bcast lock irqlock stop" },
	{ "slabstress", NULL, 1, 3, FROM_WORDS, "noshrink verify" },
	{ "stress", NULL, 1, 4, FROM_WORDS, "corrupt" },
	{ "slabtop", NULL, 1, 1, FROM_WORDS, "-d" },
	{ "dmesg", NULL, 1, 1, FROM_WORDS, "-c -C" },
	{ "bench", NULL, 1, 1, FROM_WORDS, "hot batch churn xcpu buddy all" },
};

struct word {
	const char *s;
	size_t len;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Split @len bytes of @s into @w; -1 if there are more than @max words. */
static int split_words(const char *s, size_t len, struct word *w, int max)
{
	int n = 0;
	size_t i = 0;

	for (;;) {
		while (i < len && is_blank(s[i]))
			i++;
		if (i == len)
			return n;
		if (n == max)
			return -1;
		w[n].s = s + i;
		while (i < len && !is_blank(s[i]))
			i++;
		w[n].len = (size_t)(s + i - w[n].s);
		n++;
	}
}

/* True if @w is one of the blank-separated words of @list. */
static bool word_in(const struct word *w, const char *list)
{
	for (const char *p = list; *p; ) {
		size_t n = strcspn(p, " ");

		if (n == w->len && memcmp(p, w->s, n) == 0)
			return true;
		p += n + (p[n] == ' ');
	}
	return false;
}

static void emit_list(const char *list, le_emit_fn emit, void *arg)
{
	for (const char *p = list; *p; ) {
		size_t n = strcspn(p, " ");

		emit(arg, p, n);
		p += n + (p[n] == ' ');
	}
}

static void emit_rule(const struct complete_source *src, const struct complete_rule *r,
		      le_emit_fn emit, void *arg)
{
	switch (r->from) {
	case FROM_WORDS:
		emit_list(r->words, emit, arg);
		break;
	case FROM_COMMANDS:
		src->commands(src->ctx, emit, arg);
		break;
	case FROM_CACHES:
		src->caches(src->ctx, emit, arg);
		break;
	}
}

/* The words at position @n after the @n words of @w. */
static void complete_at(const struct complete_source *src, const struct word *w, int n,
			le_emit_fn emit, void *arg)
{
	static const struct word cpu = { "cpu", 3 };

	if (n == 0) {
		src->commands(src->ctx, emit, arg);
		return;
	}
	if (n > 2 && w[0].len == cpu.len && memcmp(w[0].s, cpu.s, cpu.len) == 0) {
		complete_at(src, w + 2, n - 2, emit, arg);	/* cpu N CMD ... */
		return;
	}
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct complete_rule *r = &rules[i];
		const struct word cmd = { r->cmd, strlen(r->cmd) };

		if (cmd.len != w[0].len || memcmp(cmd.s, w[0].s, cmd.len) != 0)
			continue;
		if (n < r->first || n > r->last || (r->sub && (n < 2 || !word_in(&w[1], r->sub))))
			continue;
		emit_rule(src, r, emit, arg);
	}
}

void shell_complete(void *src, const char *before, size_t len, le_emit_fn emit, void *arg)
{
	struct word w[SHELL_MAX_ARGS];
	int n = split_words(before, len, w, SHELL_MAX_ARGS);

	if (n >= 0)
		complete_at(src, w, n, emit, arg);
}
