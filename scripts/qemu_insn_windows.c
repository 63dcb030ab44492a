/*
 * qemu_insn_windows.c - a QEMU TCG plugin (QEMU 7.2, plugin API 1) that
 * counts the guest instructions executed inside windows, per translation
 * block, for scripts/bench-target-profile.py.
 *
 * A window opens when a block starting at one of the "on" addresses runs
 * (the entry of bench_fill, bench_drain, ...) and closes when one
 * starting at an "off" address runs (the instruction after each call of
 * them: the block the return lands on).  At each close the plugin writes
 * the window's blocks to the output file, one line per block that ran:
 *
 *   W <window> <instructions>
 *   B <vaddr of each insn, comma-separated> <times run>
 *
 * Every CPU's blocks count (the other CPUs sleep in wfi while a bench
 * batch runs, so only the benchmark's CPU executes).  Exact, no
 * sampling: a block is counted each time it runs, all of its
 * instructions (a block left early by an exception would over-count; a
 * benchmark loop takes none).
 *
 *   qemu-system-arm ... -plugin build/qemu_insn_windows.so,out=FILE,on=0xA:0xB,off=0xC:0xD
 *
 * The few declarations of QEMU's plugin API this needs are below, so no
 * QEMU headers are required.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t;	/* not read */
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
				    void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);

EXPORT int qemu_plugin_version = 1;

#define MAX_MARKS 32

struct block {
	struct block *next;		/* every block translated */
	uint64_t runs;			/* in the open window */
	unsigned int kind;		/* 0, or 1 on / 2 off */
	unsigned int n;
	uint64_t vaddr[];
};

static struct block *blocks;
static uint64_t on[MAX_MARKS], off[MAX_MARKS];
static unsigned int n_on, n_off, window;
static bool open_window;
static FILE *out;

static bool marked(const uint64_t *set, unsigned int n, uint64_t a)
{
	for (unsigned int i = 0; i < n; i++)
		if (set[i] == a)
			return true;
	return false;
}

static void close_window(void)
{
	uint64_t total = 0;

	for (struct block *b = blocks; b; b = b->next)
		total += b->runs * b->n;
	fprintf(out, "W %u %" PRIu64 "\n", window, total);
	for (struct block *b = blocks; b; b = b->next) {
		if (!b->runs)
			continue;
		fputs("B ", out);
		for (unsigned int i = 0; i < b->n; i++)
			fprintf(out, "%s%" PRIx64, i ? "," : "", b->vaddr[i]);
		fprintf(out, " %" PRIu64 "\n", b->runs);
		b->runs = 0;
	}
	open_window = false;
}

static void exec_cb(unsigned int vcpu, void *udata)
{
	struct block *b = udata;

	(void)vcpu;
	if (b->kind == 2 && open_window)
		close_window();
	if (b->kind == 1 && !open_window) {
		open_window = true;
		window++;
	}
	if (open_window)
		b->runs++;
}

static void trans_cb(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);
	struct block *b = calloc(1, sizeof(*b) + n * sizeof(uint64_t));
	uint64_t start = qemu_plugin_tb_vaddr(tb);

	(void)id;
	if (!b)
		abort();
	b->n = (unsigned int)n;
	for (size_t i = 0; i < n; i++)
		b->vaddr[i] = qemu_plugin_insn_vaddr(qemu_plugin_tb_get_insn(tb, i));
	b->kind = marked(on, n_on, start) ? 1 : marked(off, n_off, start) ? 2 : 0;
	b->next = blocks;
	blocks = b;
	qemu_plugin_register_vcpu_tb_exec_cb(tb, exec_cb, QEMU_PLUGIN_CB_NO_REGS, b);
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	(void)id;
	(void)udata;
	if (open_window)
		close_window();
	fclose(out);
}

static unsigned int parse_list(const char *s, uint64_t *set)
{
	unsigned int n = 0;

	while (*s && n < MAX_MARKS) {
		char *end;

		set[n++] = strtoull(s, &end, 0);
		s = *end == ':' ? end + 1 : end + strlen(end);
	}
	return n;
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	const char *path = NULL;

	(void)info;
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
		else if (!strncmp(argv[i], "on=", 3))
			n_on = parse_list(argv[i] + 3, on);
		else if (!strncmp(argv[i], "off=", 4))
			n_off = parse_list(argv[i] + 4, off);
	}
	if (!path || !n_on || !n_off || !(out = fopen(path, "w"))) {
		fprintf(stderr, "qemu_insn_windows: need out=FILE, on=ADDR[:ADDR...], off=...\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, trans_cb);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
