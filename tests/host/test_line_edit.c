/*
 * test_line_edit.c - shell/line_edit.c: echo, cursor movement and
 * editing keys (the exact bytes echoed, the line and the cursor after),
 * history, completion and the line-length limit; and shell/complete.c:
 * the words Tab offers at each place of a command line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "shell/complete.h"
#include "shell/line_edit.h"

struct screen {
	char text[1 << 16];
	size_t len;
};

static struct line_editor le;
static struct screen screen;

static const char *const names[] = {
	"help", "cpus", "cpu", "md", "uptime", "cache", "slabinfo", "verify", "reap", NULL
};
static const char *const caches[] = {
	"figo_object", "size-32(DMA)", "size-32", "size-64", "kmem_cache", NULL
};

static void capture(void *ctx, const char *s, size_t len)
{
	struct screen *sc = ctx;

	assert_true(sc->len + len < sizeof(sc->text));
	memcpy(sc->text + sc->len, s, len);
	sc->len += len;
	sc->text[sc->len] = '\0';
}

static void emit_all(const char *const *list, le_emit_fn emit, void *arg)
{
	for (; *list; list++)
		emit(arg, *list, strlen(*list));
}

static void fake_commands(void *ctx, le_emit_fn emit, void *arg)
{
	(void)ctx;
	emit_all(names, emit, arg);
}

static const char *const *cache_list;

static void fake_caches(void *ctx, le_emit_fn emit, void *arg)
{
	(void)ctx;
	emit_all(cache_list, emit, arg);
}

static const struct complete_source source = { fake_commands, fake_caches, NULL };

/* The editor's ctx is the screen; completion gets the source through this. */
static void complete(void *ctx, const char *before, size_t len, le_emit_fn emit, void *arg)
{
	(void)ctx;
	shell_complete((void *)&source, before, len, emit, arg);
}

static int setup(void **state)
{
	(void)state;
	memset(&screen, 0, sizeof(screen));
	cache_list = caches;
	le_init(&le, "> ", capture, complete, &screen);
	le_start(&le);
	return 0;
}

/* Feed @keys; return the result of the last byte. */
static enum le_result type(const char *keys)
{
	enum le_result r = LE_CONTINUE;

	for (; *keys; keys++)
		r = le_feed(&le, (unsigned char)*keys);
	return r;
}

static void check_keys(const char *keys, const char *echo, const char *line, unsigned int pos);

static void clear_screen(void)
{
	screen.len = 0;
	screen.text[0] = '\0';
}

static void typing_echoes_and_enter_ends(void **state)
{
	(void)state;
	assert_string_equal(screen.text, "> ");
	assert_int_equal(type("cpus"), LE_CONTINUE);
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "cpus");
	assert_string_equal(screen.text, "> cpus\r\n");
}

static void cr_lf_is_one_enter(void **state)
{
	(void)state;
	assert_int_equal(type("a\r"), LE_LINE);
	le_start(&le);
	assert_int_equal(le_feed(&le, '\n'), LE_CONTINUE);	/* the LF of CR LF */
	assert_int_equal(type("b\n"), LE_LINE);
	assert_string_equal(le_line(&le), "b");
	le_start(&le);
	assert_int_equal(type("\n"), LE_LINE);		/* a lone LF is Enter */
	assert_string_equal(le_line(&le), "");
}

static void backspace_and_del_erase(void **state)
{
	(void)state;
	clear_screen();
	type("mdx\x7f\b\bup\x7f\x7f\x7f\x7f\x7f");	/* more erases than characters */
	assert_int_equal(type("md\r"), LE_LINE);
	assert_string_equal(le_line(&le), "md");
	assert_non_null(strstr(screen.text, "x\b \b"));
}

static void ctrl_u_erases_ctrl_c_cancels(void **state)
{
	(void)state;
	type("help me");
	type("\x15");
	assert_int_equal(le.len, 0);
	assert_int_equal(type("md\r"), LE_LINE);
	assert_string_equal(le_line(&le), "md");
	le_start(&le);
	assert_int_equal(type("cpus\x03"), LE_CANCEL);
	assert_non_null(strstr(screen.text, "^C\r\n"));
	assert_null(le_history(&le, 2));		/* a cancelled line is not kept */
}

static void control_bytes_and_unknown_escapes_ignored(void **state)
{
	(void)state;
	/* Ctrl-G, Ctrl-N, Ctrl-R; F1 (SS3 P) */
	type("\x07\x0e\x12" "a\x1bOPb" "cd");
	assert_string_equal(screen.text, "> abcd");	/* not a byte more */
	type("\x1b[D\x1b[D");
	/* modified keys in the middle of the line move and delete nothing:
	 * Ctrl-Left, Ctrl-Right, Ctrl-Delete, Ctrl-Home, Page Up */
	check_keys("\x1b[1;5D\x1b[1;5C\x1b[3;5~\x1b[1;5H\x1b[5~", "", "abcd", 2);
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "abcd");
}

static void escape_then_enter_gives_a_line(void **state)
{
	(void)state;
	assert_int_equal(type("ab\x1b\r"), LE_LINE);	/* a lone ESC */
	assert_string_equal(le_line(&le), "ab");
	le_start(&le);
	assert_int_equal(type("cd\x1b[1\r"), LE_LINE);	/* a cut-off CSI sequence */
	assert_string_equal(le_line(&le), "cd");
	le_start(&le);
	assert_int_equal(type("ef\x1bO\r"), LE_LINE);	/* a cut-off SS3 sequence */
	assert_string_equal(le_line(&le), "ef");
	le_start(&le);
	type("\x1b[1");
	assert_int_equal(type("\x03"), LE_CANCEL);	/* Ctrl-C still cancels */
}

static void escape_ends_at_a_byte_that_cannot_continue_it(void **state)
{
	(void)state;
	/* ESC x: not a sequence, the x is typed; ESC ESC [ A: the second starts one */
	type("\x1bx" "\x1b\x1b[A" "y");
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "xy");
}

static void whole_sequences_are_ignored_whole(void **state)
{
	(void)state;
	/* Insert, F5, Ctrl-Right, an intermediate byte, a parameter too long to keep */
	type("g\x1b[2~" "\x1b[15~" "\x1b[1;5C" "\x1b[ @" "\x1b[1111111111~" "h");
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "gh");
}

static void enter_line(const char *text)
{
	le_start(&le);
	type(text);
	assert_int_equal(type("\r"), LE_LINE);
}

static void history_walks_up_and_down(void **state)
{
	(void)state;
	enter_line("one");
	enter_line("two");
	enter_line("two");			/* a repeat is not stored twice */
	enter_line("   ");			/* nor a blank line */
	enter_line("three");
	assert_string_equal(le_history(&le, 1), "three");
	assert_string_equal(le_history(&le, 2), "two");
	assert_string_equal(le_history(&le, 3), "one");
	assert_null(le_history(&le, 4));

	le_start(&le);
	type("dra");
	type("\x1b[A\x1b[A");
	assert_string_equal(le_line(&le), "two");
	type("\x1b[A\x1b[A\x1b[A");		/* stops at the oldest */
	assert_string_equal(le_line(&le), "one");
	type("\x1bOB\x1bOB\x1bOB");		/* SS3 form, back to the draft */
	assert_string_equal(le_line(&le), "dra");
	type("\x1b[B");				/* nothing below the draft */
	assert_string_equal(le_line(&le), "dra");
}

static void history_keeps_the_newest(void **state)
{
	char line[16];

	(void)state;
	for (int i = 0; i < LE_HISTORY + 5; i++) {
		snprintf(line, sizeof(line), "cmd%d", i);
		enter_line(line);
	}
	assert_string_equal(le_history(&le, 1), "cmd36");
	assert_string_equal(le_history(&le, LE_HISTORY), "cmd5");
	assert_null(le_history(&le, LE_HISTORY + 1));
	le_start(&le);
	for (int i = 0; i < 16; i++)
		type("\x1b[A");
	assert_string_equal(le_line(&le), "cmd21");
}

/* Type @keys on a clean screen: exactly @echo is written, @line and @pos result. */
static void check_keys(const char *keys, const char *echo, const char *line, unsigned int pos)
{
	clear_screen();
	assert_int_equal(type(keys), LE_CONTINUE);
	assert_string_equal(screen.text, echo);
	assert_string_equal(le_line(&le), line);
	assert_int_equal(le.len, strlen(line));
	assert_int_equal(le.pos, pos);
}

#define LEFT	"\x1b[D"
#define RIGHT	"\x1b[C"
#define HOME	"\x1b[H"
#define END	"\x1b[F"
#define DELETE	"\x1b[3~"

static void left_and_right_move_the_cursor(void **state)
{
	static const char *const lefts[] = { "\x1b[D", "\x1bOD", "\x02" };	/* Ctrl-B */
	static const char *const rights[] = { "\x1b[C", "\x1bOC", "\x06" };	/* Ctrl-F */

	(void)state;
	type("abc");
	for (int i = 0; i < 3; i++) {
		check_keys(lefts[i], "\b", "abc", 2);
		check_keys(rights[i], "c", "abc", 3);
	}
	check_keys(RIGHT, "", "abc", 3);		/* nothing right of the end */
	check_keys(LEFT LEFT LEFT LEFT, "\b\b\b", "abc", 0);	/* nor left of the start */
	check_keys(RIGHT RIGHT, "ab", "abc", 2);
}

static void home_and_end_every_sequence(void **state)
{
	static const char *const homes[] = {
		"\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~", "\x01",	/* Ctrl-A */
	};
	static const char *const ends[] = {
		"\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~", "\x05",	/* Ctrl-E */
	};

	(void)state;
	type("abcd");
	for (unsigned int i = 0; i < 5; i++) {
		check_keys(LEFT, "\b", "abcd", 3);
		check_keys(homes[i], "\b\b\b", "abcd", 0);
		check_keys(ends[i], "abcd", "abcd", 4);
		check_keys(LEFT LEFT, "\b\b", "abcd", 2);
		check_keys(homes[i], "\b\b", "abcd", 0);
		check_keys(homes[i], "", "abcd", 0);	/* already there */
		check_keys(ends[i], "abcd", "abcd", 4);
		check_keys(ends[i], "", "abcd", 4);
	}
}

static void typing_inserts_at_the_cursor(void **state)
{
	(void)state;
	type("acd");
	/* the new character, the rest of the line, back to the cursor */
	check_keys(LEFT LEFT "b", "\b\bbcd\b\b", "abcd", 2);
	check_keys(HOME "<", "\b\b<abcd\b\b\b\b", "<abcd", 1);
	check_keys(END ">", "abcd>", "<abcd>", 6);	/* at the end: only itself */
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "<abcd>");
}

static void backspace_in_the_middle(void **state)
{
	(void)state;
	type("abcd");
	/* back one, the rest, a blank over the old last column, back again */
	check_keys(LEFT LEFT "\x7f", "\b\b\bcd \b\b\b", "acd", 1);
	check_keys("\b", "\bcd \b\b\b", "cd", 0);
	check_keys("\b", "", "cd", 0);		/* nothing before the cursor */
	check_keys(END "\x7f", "cd\b \b", "c", 1);	/* at the end: as ever */
}

static void delete_and_ctrl_d_take_the_character_under_the_cursor(void **state)
{
	(void)state;
	type("abcd");
	check_keys(HOME RIGHT DELETE, "\b\b\b\bacd \b\b\b", "acd", 1);
	check_keys("\x04", "d \b\b", "ad", 1);			/* Ctrl-D */
	check_keys(DELETE, " \b", "a", 1);			/* the last one */
	check_keys(DELETE, "", "a", 1);				/* at the end: nothing */
	check_keys("\x04", "", "a", 1);
	check_keys(LEFT DELETE, "\b \b", "", 0);
	check_keys("\x04" DELETE, "", "", 0);		/* Ctrl-D on an empty line: nothing */
	assert_int_equal(type("x\r"), LE_LINE);
	assert_string_equal(le_line(&le), "x");
}

static void ctrl_k_and_ctrl_u_erase_after_and_before(void **state)
{
	(void)state;
	type("abcdef");
	check_keys(LEFT LEFT LEFT LEFT "\x0b", "\b\b\b\b    \b\b\b\b", "ab", 2);
	check_keys("\x0b", "", "ab", 2);			/* nothing after */
	type("cdef" LEFT LEFT);
	check_keys("\x15", "\b\b\b\bef    \b\b\b\b\b\b", "ef", 0);	/* Ctrl-U */
	check_keys("\x15", "", "ef", 0);
	check_keys(END "\x15", "ef\b\b  \b\b", "", 0);
}

static void enter_takes_the_whole_line_wherever_the_cursor(void **state)
{
	(void)state;
	type("help cpus" HOME RIGHT);
	assert_int_equal(type("\r"), LE_LINE);
	assert_string_equal(le_line(&le), "help cpus");
	assert_string_equal(le_history(&le, 1), "help cpus");
}

static void history_recall_leaves_the_cursor_at_the_end(void **state)
{
	(void)state;
	enter_line("one");
	le_start(&le);
	type("abcdef" LEFT LEFT LEFT);
	/* to the start, the entry, blanks over the rest, back to its end */
	check_keys("\x1b[A", "\b\b\bone   \b\b\b", "one", 3);
	check_keys("X", "X", "oneX", 4);
	check_keys("\x1b[B", "\b\b\b\babcdef", "abcdef", 6);	/* the draft, as it was */
}

static void a_full_line_refuses_insertion_anywhere(void **state)
{
	char big[LE_LINE_MAX + 1], want[4 * LE_LINE_MAX], line[LE_LINE_MAX + 1];

	(void)state;
	memset(big, 'y', LE_LINE_MAX - 1);
	big[LE_LINE_MAX - 1] = '\0';
	type(big);
	/* one short of the limit: x goes in at the start, the rest is redrawn */
	memset(want, '\b', LE_LINE_MAX - 1);
	want[LE_LINE_MAX - 1] = 'x';
	memcpy(want + LE_LINE_MAX, big, LE_LINE_MAX - 1);
	memset(want + 2 * LE_LINE_MAX - 1, '\b', LE_LINE_MAX - 1);
	want[3 * LE_LINE_MAX - 2] = '\0';
	line[0] = 'x';
	memcpy(line + 1, big, LE_LINE_MAX);
	check_keys(HOME "x", want, line, 1);
	/* full: a character typed in the middle is dropped, one bell, the line refused */
	check_keys("zz", "\a", line, 1);
	check_keys(DELETE "\x7f\x0b", "", line, 1);	/* no editing a line too long */
	assert_int_equal(type("\r"), LE_TOO_LONG);
	le_start(&le);
	check_keys("ab" HOME "\x15", "ab\b\b", "ab", 0);	/* Ctrl-U before the cursor: none */
}

static void tab_completes_a_unique_word(void **state)
{
	(void)state;
	check_keys("he\t", "help ", "help ", 5);		/* the rest and a blank */
	type("\x15");
	check_keys("cache sho\t", "cache show ", "cache show ", 11);
	type("\x15");
	check_keys("upti 1" HOME RIGHT RIGHT RIGHT RIGHT, "upti 1\b\b\b\b\b\bupti", "upti 1", 4);
	/* in the middle: the word before the cursor; an existing blank is stepped over */
	check_keys("\t", "me 1\b\b ", "uptime 1", 7);
	check_keys(HOME "\x0b" "cpu 1 upt\t", "\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\bcpu 1 uptime ",
		   "cpu 1 uptime ", 13);
}

static void tab_with_no_candidate_rings_the_bell(void **state)
{
	(void)state;
	check_keys("zz\t", "zz\a", "zz", 2);
	check_keys("\t", "\a", "zz", 2);			/* and again: no list */
	type("\x15");
	check_keys("md 0x\t", "md 0x\a", "md 0x", 5);	/* md's arguments: none */
	type("\x15");
	check_keys("help \"c\t", "help \"c\a", "help \"c", 7);	/* quoted: none */
}

static void tab_completes_the_common_prefix_then_lists(void **state)
{
	(void)state;
	check_keys("c\t", "c\a", "c", 1);		/* cpus cpu cache: nothing to add */
	/* a second Tab lists them: below the line, then prompt and line again */
	check_keys("\t", "\r\ncpus  cpu  cache\r\n> c", "c", 1);
	check_keys("\t", "\r\ncpus  cpu  cache\r\n> c", "c", 1);	/* and a third */
	check_keys("p\t", "pu", "cpu", 3);		/* cpus, cpu: "cpu" */
	check_keys("\t", "\r\ncpus  cpu\r\n> cpu", "cpu", 3);	/* the Tab after: the list */
	check_keys("x\x7f\t", "x\b \b\a", "cpu", 3);	/* another key between: bell first */
	/* listed with the cursor inside the line: put back where it was */
	type("\x15" "cpu 9" HOME RIGHT RIGHT RIGHT);
	check_keys("\t\t", "\a\r\ncpus  cpu\r\n> cpu 9\b\b", "cpu 9", 3);
}

static void tab_lists_wrap_before_79_columns(void **state)
{
	static const char *const long_names[] = {
		"aaaaaaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaaaaaa2",
		"aaaaaaaaaaaaaaaaaaaaaaaa3", "a4", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5", NULL,
	};

	(void)state;
	cache_list = long_names;
	type("verify a");
	/* 25 + 2 + 25 + 2 + 25 = 79 columns: one row; a new one for each word past it */
	check_keys("\t\t", "\a\r\naaaaaaaaaaaaaaaaaaaaaaaa1  aaaaaaaaaaaaaaaaaaaaaaaa2  "
		   "aaaaaaaaaaaaaaaaaaaaaaaa3\r\na4  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5\r\n> verify a",
		   "verify a", 8);
}

static void tab_completes_cache_names(void **state)
{
	(void)state;
	check_keys("verify fi\t", "verify figo_object ", "verify figo_object ", 19);
	type("\x15");
	check_keys("slabinfo size-\t", "slabinfo size-\a", "slabinfo size-", 14);
	check_keys("6\t", "64 ", "slabinfo size-64 ", 17);
	type("\x15");
	/* size-32 is whole, and a prefix of size-32(DMA): both stay candidates */
	check_keys("slabinfo size-3\t", "slabinfo size-32", "slabinfo size-32", 16);
	check_keys("\t", "\r\nsize-32(DMA)  size-32\r\n> slabinfo size-32", "slabinfo size-32", 16);
}

/* What shell_complete() offers after @before, as "word word ...". */
static char offered[1024];

static void collect(void *arg, const char *word, size_t len)
{
	(void)arg;
	if (offered[0])
		strcat(offered, " ");
	strncat(offered, word, len);
}

static const char *offers(const char *before)
{
	offered[0] = '\0';
	shell_complete((void *)&source, before, strlen(before), collect, NULL);
	return offered;
}

#define CACHES "figo_object size-32(DMA) size-32 size-64 kmem_cache"
#define CACHE_SUBS \
	"create destroy alloc free objects show map dump chain shrink trace journal corrupt badfree"
#define FLAGS "hwcache_align dma reclaim red_zone poison store_user sanity_checks ctor"

static void each_place_offers_its_words(void **state)
{
	(void)state;
	assert_string_equal(offers(""), "help cpus cpu md uptime cache slabinfo verify reap");
	assert_string_equal(offers("  "), offers(""));
	assert_string_equal(offers("help "), offers(""));
	assert_string_equal(offers("help md "), "");
	assert_string_equal(offers("cache "), CACHE_SUBS);
	assert_string_equal(offers("cache\t show "), CACHES);
	assert_string_equal(offers("cache shrink "), CACHES " all");
	assert_string_equal(offers("cache create "), "");	/* a new name */
	assert_string_equal(offers("cache create x "), "");	/* SIZE */
	assert_string_equal(offers("cache create x 64 "), FLAGS);	/* ALIGN or a flag */
	assert_string_equal(offers("cache create x 64 8 red_zone poison "), FLAGS);
	assert_string_equal(offers("cache frob "), "");
	assert_string_equal(offers("cache alloc size-64 "), "zero");
	assert_string_equal(offers("cache alloc size-64 10 "), "zero");
	assert_string_equal(offers("cache alloc size-64 10 zero "), "");
	assert_string_equal(offers("cache free size-64 "), "all");
	assert_string_equal(offers("cache trace figo_object "), "on events off");
	assert_string_equal(offers("cache map figo_object "), "chain");
	assert_string_equal(offers("cache badfree figo_object 0x1000 "),
			    "double interior wrongcache");
	assert_string_equal(offers("cache show figo_object "), "");
	assert_string_equal(offers("cache objects "), CACHES);
	assert_string_equal(offers("cache objects figo_object "), "");
	assert_string_equal(offers("kmalloc "), "list");
	assert_string_equal(offers("cpu 2 kmalloc "), "list");
	assert_string_equal(offers("kmalloc list "), "");
	assert_string_equal(offers("kmalloc 64 "), "");
	assert_string_equal(offers("slabinfo "), CACHES);
	assert_string_equal(offers("slabinfo size-64 "), "");
	assert_string_equal(offers("verify "), CACHES);
	assert_string_equal(offers("reap "), "auto");
	assert_string_equal(offers("reap auto "), "on off");
	assert_string_equal(offers("reap now "), "");
	assert_string_equal(offers("pages "), "alloc free list stress");
	assert_string_equal(offers("pages alloc 3 "), "dma");
	assert_string_equal(offers("pages free "), "all");
	assert_string_equal(offers("pages free all "), "");
	assert_string_equal(offers("fault "), "undef pabt dabt bug pages slab");
	assert_string_equal(offers("fault dabt 1 "), "locked");
	assert_string_equal(offers("fault slab "), "off every prob");
	assert_string_equal(offers("fault pages every "), "");
	assert_string_equal(offers("fault dabt "), "");
	assert_string_equal(offers("selftest "), "alloc xcpu shrink tune debug");
	assert_string_equal(offers("smp 10 "), "call bcast lock irqlock stop");
	assert_string_equal(offers("slabstress 100 noshrink "), "noshrink verify");
	assert_string_equal(offers("slabtop "), "-d");
	assert_string_equal(offers("md "), "");
	assert_string_equal(offers("cach "), "");		/* not a command */
}

static void cpu_n_completes_the_command_it_runs(void **state)
{
	(void)state;
	assert_string_equal(offers("cpu "), "");		/* a CPU number */
	assert_string_equal(offers("cpu 2 "), offers(""));
	assert_string_equal(offers("cpu 2 cache "), CACHE_SUBS);
	assert_string_equal(offers("cpu 2 cache alloc "), CACHES);
	assert_string_equal(offers("cpu 1 cpu 2 reap auto "), "on off");
	assert_string_equal(offers("cpus 2 cache "), "");
}

static void more_words_than_a_line_may_hold_offer_nothing(void **state)
{
	char line[3 * 40 + 32] = "cache create x 64";

	(void)state;
	for (int i = 0; i < 28; i++)
		strcat(line, " dma");
	strcat(line, " ");				/* 32 words: the most parse_words takes */
	assert_string_equal(offers(line), FLAGS);
	strcat(line, "dma ");
	assert_string_equal(offers(line), "");
}

static void long_lines_are_refused_not_overflowed(void **state)
{
	char big[1001];

	(void)state;
	memset(big, 'g', 1000);
	big[1000] = '\0';
	clear_screen();
	type(big);
	assert_int_equal(le.len, LE_LINE_MAX);
	assert_int_equal(le.line[LE_LINE_MAX], '\0');
	assert_int_equal(type("\r"), LE_TOO_LONG);
	assert_null(le_history(&le, 1));		/* not stored either */
	/* one bell, and no more than LE_LINE_MAX characters echoed */
	assert_int_equal(strchr(screen.text, '\a') - screen.text, LE_LINE_MAX);
	assert_null(strchr(strchr(screen.text, '\a') + 1, '\a'));

	le_start(&le);
	memset(big, 'x', LE_LINE_MAX);
	big[LE_LINE_MAX] = '\0';
	type(big);
	assert_int_equal(type("\r"), LE_LINE);		/* exactly the limit is fine */
	assert_int_equal(strlen(le_line(&le)), LE_LINE_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(typing_echoes_and_enter_ends, setup),
		cmocka_unit_test_setup(cr_lf_is_one_enter, setup),
		cmocka_unit_test_setup(backspace_and_del_erase, setup),
		cmocka_unit_test_setup(ctrl_u_erases_ctrl_c_cancels, setup),
		cmocka_unit_test_setup(control_bytes_and_unknown_escapes_ignored, setup),
		cmocka_unit_test_setup(escape_then_enter_gives_a_line, setup),
		cmocka_unit_test_setup(escape_ends_at_a_byte_that_cannot_continue_it, setup),
		cmocka_unit_test_setup(whole_sequences_are_ignored_whole, setup),
		cmocka_unit_test_setup(history_walks_up_and_down, setup),
		cmocka_unit_test_setup(history_keeps_the_newest, setup),
		cmocka_unit_test_setup(left_and_right_move_the_cursor, setup),
		cmocka_unit_test_setup(home_and_end_every_sequence, setup),
		cmocka_unit_test_setup(typing_inserts_at_the_cursor, setup),
		cmocka_unit_test_setup(backspace_in_the_middle, setup),
		cmocka_unit_test_setup(delete_and_ctrl_d_take_the_character_under_the_cursor, setup),
		cmocka_unit_test_setup(ctrl_k_and_ctrl_u_erase_after_and_before, setup),
		cmocka_unit_test_setup(enter_takes_the_whole_line_wherever_the_cursor, setup),
		cmocka_unit_test_setup(history_recall_leaves_the_cursor_at_the_end, setup),
		cmocka_unit_test_setup(a_full_line_refuses_insertion_anywhere, setup),
		cmocka_unit_test_setup(tab_completes_a_unique_word, setup),
		cmocka_unit_test_setup(tab_with_no_candidate_rings_the_bell, setup),
		cmocka_unit_test_setup(tab_completes_the_common_prefix_then_lists, setup),
		cmocka_unit_test_setup(tab_lists_wrap_before_79_columns, setup),
		cmocka_unit_test_setup(tab_completes_cache_names, setup),
		cmocka_unit_test_setup(each_place_offers_its_words, setup),
		cmocka_unit_test_setup(cpu_n_completes_the_command_it_runs, setup),
		cmocka_unit_test_setup(more_words_than_a_line_may_hold_offer_nothing, setup),
		cmocka_unit_test_setup(long_lines_are_refused_not_overflowed, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
