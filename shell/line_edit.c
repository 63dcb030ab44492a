/*
 * line_edit.c - a small line editor for a serial terminal.
 *
 * The terminal's cursor is moved with backspace (BS, 0x08) and by
 * writing the characters it passes over, nothing else: a change at the
 * cursor rewrites the rest of the line, blanks what the line lost, and
 * backspaces to the cursor (redraw_from()).  No cursor addressing, so
 * it is right on any terminal, including a dumb one driven by a test
 * script; a line wider than the terminal, edited in its wrapped part,
 * may show wrong (BS does not go up a row) while the line itself is
 * right.
 *
 * History is a ring of LE_HISTORY lines; browsing with Up keeps the line
 * being typed as a draft that Down returns to.  A blank line or a repeat
 * of the newest entry is not stored.
 *
 * Completion asks a callback for the words that may come where the
 * cursor's word is (shell/complete.c decides which) and keeps those that
 * start with what was typed; the editor only matches, inserts and lists.
 *
 * Portable: output and the completion words come through callbacks.
 */
#include <string.h>
#include "shell/line_edit.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_DEL 0x7f
#define KEY_ESC 0x1b
#define LIST_WIDTH 79		/* completion lists wrap before this column */

enum { ESC_NONE, ESC_START, ESC_CSI, ESC_SS3 };

/* What a key does, whichever byte or sequence sent it. */
enum edit_key {
	EK_NONE, EK_LEFT, EK_RIGHT, EK_HOME, EK_END, EK_DELETE, EK_BACKSPACE,
	EK_KILL_END, EK_KILL_START, EK_UP, EK_DOWN,
};

static void put(struct line_editor *le, const char *s, size_t len)
{
	if (len)
		le->out(le->ctx, s, len);
}

static void puts_le(struct line_editor *le, const char *s)
{
	put(le, s, strlen(s));
}

static void put_repeat(struct line_editor *le, char c, unsigned int n)
{
	while (n--)
		put(le, &c, 1);
}

static void bell(struct line_editor *le)
{
	put(le, "\a", 1);
}

void le_init(struct line_editor *le, const char *prompt, le_output_fn out,
	     le_complete_fn complete, void *ctx)
{
	memset(le, 0, sizeof(*le));
	le->prompt = prompt;
	le->out = out;
	le->complete = complete;
	le->ctx = ctx;
}

void le_start(struct line_editor *le)
{
	le->len = 0;
	le->pos = 0;
	le->line[0] = '\0';
	le->overflow = false;
	le->esc = ESC_NONE;
	le->tab_ambiguous = false;
	le->hist_pos = 0;
	puts_le(le, le->prompt);
}

const char *le_line(const struct line_editor *le)
{
	return le->line;
}

const char *le_history(const struct line_editor *le, unsigned int n)
{
	if (n == 0 || n > le->hist_count)
		return NULL;
	return le->history[(le->hist_newest + LE_HISTORY - (n - 1)) % LE_HISTORY];
}

/* ---- the screen ---- */

/*
 * The terminal's cursor is at column @from of the line, whose text from
 * there on has changed and was @old_len long on screen: write the new
 * text from @from, blank what is left of the old one, and back up to
 * the cursor.
 */
static void redraw_from(struct line_editor *le, unsigned int from, unsigned int old_len)
{
	unsigned int pad = old_len > le->len ? old_len - le->len : 0;

	put(le, le->line + from, le->len - from);
	put_repeat(le, ' ', pad);
	put_repeat(le, '\b', le->len + pad - le->pos);
}

static void cursor_left(struct line_editor *le, unsigned int n)
{
	put_repeat(le, '\b', n);
	le->pos -= n;
}

static void cursor_right(struct line_editor *le, unsigned int n)
{
	put(le, le->line + le->pos, n);
	le->pos += n;
}

/* ---- changing the line ---- */

/* Insert @n bytes at the cursor, all or none; false if they do not fit. */
static bool insert_text(struct line_editor *le, const char *s, size_t n)
{
	unsigned int at = le->pos;

	if (le->len + n > LE_LINE_MAX)
		return false;
	memmove(le->line + at + n, le->line + at, le->len - at + 1);
	memcpy(le->line + at, s, n);
	le->len += (unsigned int)n;
	le->pos += (unsigned int)n;
	redraw_from(le, at, le->len - (unsigned int)n);
	return true;
}

/* A typed character: past the limit it is dropped, once with a bell. */
static void type_char(struct line_editor *le, char c)
{
	if (!le->overflow && insert_text(le, &c, 1))
		return;
	if (!le->overflow)
		bell(le);
	le->overflow = true;
}

/* Remove @n characters from the cursor on; the cursor stays. */
static void delete_at(struct line_editor *le, unsigned int n)
{
	unsigned int old_len = le->len;

	if (n == 0)
		return;
	memmove(le->line + le->pos, le->line + le->pos + n, le->len - le->pos - n + 1);
	le->len -= n;
	redraw_from(le, le->pos, old_len);
}

/* Replace the whole line with @text; the cursor ends at its end. */
static void set_line(struct line_editor *le, const char *text)
{
	unsigned int old_len = le->len;
	size_t len = strlen(text);

	cursor_left(le, le->pos);
	if (len > LE_LINE_MAX)
		len = LE_LINE_MAX;
	memcpy(le->line, text, len);
	le->line[len] = '\0';
	le->len = (unsigned int)len;
	le->pos = le->len;
	le->overflow = false;
	redraw_from(le, 0, old_len);
}

/* Ctrl-U: the line before the cursor, or all of a line too long to keep. */
static void kill_start(struct line_editor *le)
{
	unsigned int n;

	if (le->overflow)
		cursor_right(le, le->len - le->pos);
	le->overflow = false;
	n = le->pos;
	cursor_left(le, n);
	delete_at(le, n);
}

/* ---- history ---- */

static void history_add(struct line_editor *le)
{
	const char *newest = le_history(le, 1);
	unsigned int slot;

	if (strspn(le->line, " \t") == le->len)
		return;
	if (newest && strcmp(newest, le->line) == 0)
		return;
	slot = le->hist_count ? (le->hist_newest + 1) % LE_HISTORY : 0;
	memcpy(le->history[slot], le->line, le->len + 1);
	le->hist_newest = slot;
	if (le->hist_count < LE_HISTORY)
		le->hist_count++;
}

static void history_move(struct line_editor *le, int dir)
{
	unsigned int pos = le->hist_pos;

	if (dir > 0 && pos < le->hist_count) {
		if (pos == 0)
			memcpy(le->draft, le->line, le->len + 1);
		pos++;
	} else if (dir < 0 && pos > 0) {
		pos--;
	} else {
		return;
	}
	le->hist_pos = pos;
	set_line(le, pos ? le_history(le, pos) : le->draft);
}

/* ---- completion ---- */

/* The candidates that start with the typed part of the word. */
struct tab_match {
	struct line_editor *le;
	const char *word;		/* the typed part, up to the cursor */
	size_t wlen;
	unsigned int count;
	char common[LE_LINE_MAX + 1];	/* the first candidate's ... */
	size_t clen;			/* ... prefix shared by all */
	unsigned int col;		/* listing: the column reached */
};

static bool tab_matches(const struct tab_match *m, const char *cand, size_t len)
{
	return len >= m->wlen && len <= LE_LINE_MAX && memcmp(cand, m->word, m->wlen) == 0;
}

static void tab_count(void *arg, const char *cand, size_t len)
{
	struct tab_match *m = arg;
	size_t i = m->wlen;

	if (!tab_matches(m, cand, len))
		return;
	if (m->count++ == 0) {
		memcpy(m->common, cand, len);
		m->clen = len;
		return;
	}
	while (i < m->clen && i < len && m->common[i] == cand[i])
		i++;
	m->clen = i;
}

/* Listing: two blanks between words, a new row before LIST_WIDTH. */
static void tab_list(void *arg, const char *cand, size_t len)
{
	struct tab_match *m = arg;

	if (!tab_matches(m, cand, len))
		return;
	if (m->col > 0 && m->col + 2 + len > LIST_WIDTH) {
		puts_le(m->le, "\r\n");
		m->col = 0;
	} else if (m->col > 0) {
		puts_le(m->le, "  ");
		m->col += 2;
	}
	put(m->le, cand, len);
	m->col += (unsigned int)len;
}

/* The candidates below the line, then the prompt and the line again. */
static void list_candidates(struct line_editor *le, struct tab_match *m)
{
	puts_le(le, "\r\n");
	m->col = 0;
	le->complete(le->ctx, le->line, (size_t)(m->word - le->line), tab_list, m);
	puts_le(le, "\r\n");
	puts_le(le, le->prompt);
	put(le, le->line, le->len);
	put_repeat(le, '\b', le->len - le->pos);
}

/* A unique candidate: the rest of it and a blank (or step over one). */
static void complete_unique(struct line_editor *le, const struct tab_match *m)
{
	if (!insert_text(le, m->common + m->wlen, m->clen - m->wlen)) {
		bell(le);
		return;
	}
	if (le->line[le->pos] == ' ')
		cursor_right(le, 1);
	else if (!insert_text(le, " ", 1))
		bell(le);
}

/*
 * Tab, as bash's: one candidate completes the word; several complete
 * their common prefix, or ring the bell if there is none to add, and the
 * next Tab lists them.  Quoted words do not complete.
 */
static void complete(struct line_editor *le, bool again)
{
	struct tab_match m = { .le = le };
	unsigned int start = le->pos;

	while (start > 0 && le->line[start - 1] != ' ' && le->line[start - 1] != '\t')
		start--;
	if (!le->complete || le->overflow || memchr(le->line, '"', le->pos) ||
	    memchr(le->line, '\'', le->pos)) {
		bell(le);
		return;
	}
	m.word = le->line + start;
	m.wlen = le->pos - start;
	le->complete(le->ctx, le->line, start, tab_count, &m);
	if (m.count == 0) {
		bell(le);
	} else if (m.count == 1) {
		complete_unique(le, &m);
	} else {
		le->tab_ambiguous = true;
		if (m.clen > m.wlen) {
			if (!insert_text(le, m.common + m.wlen, m.clen - m.wlen))
				bell(le);
		} else if (again) {
			list_candidates(le, &m);
		} else {
			bell(le);
		}
	}
}

/* ---- keys ---- */

static void edit(struct line_editor *le, enum edit_key key)
{
	switch (key) {
	case EK_LEFT:
		if (le->pos > 0)
			cursor_left(le, 1);
		break;
	case EK_RIGHT:
		if (le->pos < le->len)
			cursor_right(le, 1);
		break;
	case EK_HOME:
		cursor_left(le, le->pos);
		break;
	case EK_END:
		cursor_right(le, le->len - le->pos);
		break;
	case EK_DELETE:
		if (!le->overflow && le->pos < le->len)
			delete_at(le, 1);
		break;
	case EK_BACKSPACE:
		if (!le->overflow && le->pos > 0) {
			cursor_left(le, 1);
			delete_at(le, 1);
		}
		break;
	case EK_KILL_END:
		if (!le->overflow)
			delete_at(le, le->len - le->pos);
		break;
	case EK_KILL_START:
		kill_start(le);
		break;
	case EK_UP:
		history_move(le, +1);
		break;
	case EK_DOWN:
		history_move(le, -1);
		break;
	case EK_NONE:
		break;
	}
}

/*
 * The sequences that mean a key: CSI (ESC [) or SS3 (ESC O) with the
 * final byte and, for CSI, exactly these parameter bytes.  xterm and
 * PuTTY send ESC [ or ESC O with A-D, H, F; the VT220 keypad (PuTTY's
 * default, screen, minicom) ESC [ 1 ~ to ESC [ 8 ~.  Anything else, a
 * modified key such as ESC [ 1 ; 5 C among them, does nothing.
 */
static const struct esc_key {
	char final;
	const char *params;
	enum edit_key key;
} esc_keys[] = {
	{ 'A', "", EK_UP }, { 'B', "", EK_DOWN }, { 'C', "", EK_RIGHT }, { 'D', "", EK_LEFT },
	{ 'H', "", EK_HOME }, { 'F', "", EK_END },
	{ '~', "1", EK_HOME }, { '~', "7", EK_HOME }, { '~', "4", EK_END }, { '~', "8", EK_END },
	{ '~', "3", EK_DELETE },
};

static enum edit_key esc_key(const struct line_editor *le, int final)
{
	size_t n = le->esc_nparam;

	if (n > LE_ESC_PARAM_MAX)
		return EK_NONE;
	for (size_t i = 0; i < sizeof(esc_keys) / sizeof(esc_keys[0]); i++)
		if (esc_keys[i].final == final && strlen(esc_keys[i].params) == n &&
		    memcmp(esc_keys[i].params, le->esc_param, n) == 0)
			return esc_keys[i].key;
	return EK_NONE;
}

/*
 * One byte of an escape sequence (ECMA-48): after ESC, '[' opens a CSI
 * sequence and 'O' an SS3 one; CSI takes parameter (0x30-0x3f) and
 * intermediate (0x20-0x2f) bytes up to a final byte (0x40-0x7e), SS3
 * exactly one final byte.  Returns false for a byte that cannot continue
 * the sequence: the sequence ends and the byte is an ordinary key, so a
 * lone ESC or a cut-off sequence never swallows the Enter after it.
 */
static bool feed_escape(struct line_editor *le, int c)
{
	if (le->esc == ESC_START) {
		le->esc = c == '[' ? ESC_CSI : c == 'O' ? ESC_SS3 : ESC_NONE;
		le->esc_nparam = 0;
		return le->esc != ESC_NONE;
	}
	if (le->esc == ESC_CSI && c >= 0x20 && c <= 0x3f) {
		if (le->esc_nparam < LE_ESC_PARAM_MAX)
			le->esc_param[le->esc_nparam] = (char)c;
		if (le->esc_nparam <= LE_ESC_PARAM_MAX)
			le->esc_nparam++;	/* one past the limit: too long */
		return true;
	}
	le->esc = ESC_NONE;
	if (c < 0x40 || c > 0x7e)
		return false;
	edit(le, esc_key(le, c));
	return true;
}

static enum le_result end_line(struct line_editor *le)
{
	puts_le(le, "\r\n");
	if (le->overflow)
		return LE_TOO_LONG;
	history_add(le);
	return LE_LINE;
}

/* The editing keys sent as one control byte, as readline takes them. */
static enum edit_key control_key(const struct line_editor *le, int c)
{
	switch (c) {
	case CTRL('A'):
		return EK_HOME;
	case CTRL('E'):
		return EK_END;
	case CTRL('B'):
		return EK_LEFT;
	case CTRL('F'):
		return EK_RIGHT;
	case CTRL('D'):		/* readline's end of input on an empty line: nothing here */
		return le->len ? EK_DELETE : EK_NONE;
	case CTRL('K'):
		return EK_KILL_END;
	case CTRL('U'):
		return EK_KILL_START;
	case '\b':
	case KEY_DEL:
		return EK_BACKSPACE;
	default:
		return EK_NONE;			/* other control bytes: ignored */
	}
}

enum le_result le_feed(struct line_editor *le, int c)
{
	bool after_cr = le->after_cr, tab_again = le->tab_ambiguous;

	le->after_cr = false;
	le->tab_ambiguous = false;
	if (le->esc != ESC_NONE && feed_escape(le, c))
		return LE_CONTINUE;
	switch (c) {
	case '\r':
		le->after_cr = true;
		return end_line(le);
	case '\n':
		return after_cr ? LE_CONTINUE : end_line(le);
	case CTRL('C'):
		puts_le(le, "^C\r\n");
		return LE_CANCEL;
	case '\t':
		complete(le, tab_again);
		return LE_CONTINUE;
	case KEY_ESC:
		le->esc = ESC_START;
		return LE_CONTINUE;
	default:
		if (c >= 0x20 && c < 0x7f)
			type_char(le, (char)c);
		else
			edit(le, control_key(le, c));
		return LE_CONTINUE;
	}
}
