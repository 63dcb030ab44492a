/*
 * cmd_whatis.c - "whatis ADDR": what an address is to the slab
 * allocator, Solaris' ::whatis for SLAB.  One line says where it lies
 * (which part of which slab, or of which object, of which cache); for
 * an object, a second says where the object is now and a third who
 * used it last, when the cache records it.
 *
 * kmem_whatis() (mm/slab_whatis.c) reads the live structures, each
 * under its own rule, and is safe for any address; this file only
 * words its answer.  shell/cmd_cache_lab.c shares the wording of the
 * parts (whatis_part_name) for "cache corrupt".
 */
#include <stdio.h>
#include "shell/cmd_cache.h"
#include "shell/commands.h"
#include "shell/shell.h"
#include "mm/slab_inspect.h"

static const char *const list_names[] = { "partial", "full", "free" };

const char *whatis_part_name(enum whatis_kind kind)
{
	static const char *const names[] = {
		[WHATIS_COLOUR] = "the colour area",
		[WHATIS_SLAB_DESC] = "the struct slab",
		[WHATIS_BUFCTL] = "a bufctl",
		[WHATIS_MGMT_PAD] = "the management's padding",
		[WHATIS_LEFT_OVER] = "the left-over",
		[WHATIS_REDZONE1] = "red zone 1",
		[WHATIS_OBJECT] = "the object",
		[WHATIS_REDZONE2] = "red zone 2",
		[WHATIS_USER] = "the user word",
		[WHATIS_PADDING] = "the padding",
	};

	return kind < ARRAY_SIZE(names) && names[kind] ? names[kind] : "?";
}

static unsigned long addr_of(const void *p)
{
	return (unsigned long)(uintptr_t)p;
}

/* ", slab 0x... (partial)" after "of cache NAME". */
static void print_cache_and_slab(const struct whatis_info *wi)
{
	printf("of cache %s, slab 0x%08lx (%s)\n", kmem_cache_name(wi->cachep),
	       addr_of(wi->page), list_names[wi->list]);
}

/* A part of a slab that belongs to no object. */
static void print_slab_part(unsigned long addr, const struct whatis_info *wi)
{
	printf("0x%08lx is in ", addr);
	if (wi->kind == WHATIS_BUFCTL)
		printf("bufctl[%u]", wi->index);
	else
		printf("%s", whatis_part_name(wi->kind));
	printf(" (byte %lu of %lu) ", wi->offset, wi->size);
	print_cache_and_slab(wi);
}

static void print_object_part(unsigned long addr, const struct whatis_info *wi)
{
	if (wi->kind == WHATIS_OBJECT && wi->offset == 0)
		printf("0x%08lx is object ", addr);
	else if (wi->kind == WHATIS_OBJECT)
		printf("0x%08lx is %lu byte%s into object ", addr, wi->offset,
		       wi->offset == 1 ? "" : "s");
	else
		printf("0x%08lx is in %s (byte %lu of %lu) of object ", addr,
		       whatis_part_name(wi->kind), wi->offset, wi->size);
	printf("0x%08lx (index %u) ", addr_of(wi->obj), wi->index);
	print_cache_and_slab(wi);
}

/* "cpu1's array (slot 3 of 13)" or "the shared array (slot 0 of 8)". */
static void print_array(const struct whatis_info *wi)
{
	if (wi->array == WHATIS_CPU_ARRAY)
		printf("cpu%u's array", wi->cpu);
	else
		printf("the shared array");
	printf(" (slot %u of %u)", wi->slot, wi->avail);
}

static void print_state(const struct whatis_info *wi)
{
	printf("state: ");
	switch (wi->state) {
	case WHATIS_ALLOCATED:
		printf("allocated");
		break;
	case WHATIS_IN_ARRAY:
		printf("free, in ");
		print_array(wi);
		break;
	case WHATIS_FREE_IN_SLAB:
		if (wi->chain_pos >= 0)
			printf("free in its slab (position %d of %u on its free chain)",
			       wi->chain_pos, wi->chain_len);
		else
			printf("free in its slab, but its free chain does not reach it");
		break;
	case WHATIS_QUARANTINED:
		printf("quarantined: a detector withheld it, it is never handed out again");
		if (wi->array != WHATIS_NO_ARRAY) {
			printf("; still in ");
			print_array(wi);
			printf(", dropped when popped");
		}
		break;
	}
	printf("\n");
}

/* " (alloc on cpu0 at 1.234567 s)" */
static void print_event(const struct slab_event *ev)
{
	printf("%s on cpu%u at %lu.%06lu s", slab_event_name(ev->type), ev->cpu,
	       (unsigned long)(ev->ns / 1000000000ULL),
	       (unsigned long)(ev->ns / 1000ULL % 1000000ULL));
}

static void print_user(const struct whatis_info *wi)
{
	if (wi->has_user) {
		if (!wi->user) {
			printf("last user: none yet\n");
			return;
		}
		printf("last user: 0x%08lx", addr_of(wi->user));
		if (wi->has_event) {
			printf(" (");
			print_event(&wi->ev);
			printf(")");
		}
		printf("\n");
	} else if (wi->has_event) {
		printf("last event: ");
		print_event(&wi->ev);
		printf(", caller 0x%08lx\n", addr_of(wi->ev.caller));
	}
}

int do_whatis(int argc, char **argv)
{
	struct whatis_info wi;
	uint32_t addr;

	(void)argc;
	if (!cmd_parse_u32("address", argv[1], UINT32_MAX, &addr))
		return CMD_USAGE;
	kmem_whatis((const void *)(uintptr_t)addr, &wi);
	switch (wi.kind) {
	case WHATIS_NOT_MEMORY:
		printf("0x%08lx is not in memory the page allocator manages\n",
		       (unsigned long)addr);
		return CMD_OK;
	case WHATIS_NOT_SLAB:
		printf("0x%08lx is not in a slab page\n", (unsigned long)addr);
		return CMD_OK;
	case WHATIS_UNLISTED:
		printf("0x%08lx is in a slab page of cache %s whose slab is on none of its lists "
		       "(being grown or destroyed)\n", (unsigned long)addr,
		       kmem_cache_name(wi.cachep));
		return CMD_OK;
	default:
		break;
	}
	if (wi.kind < WHATIS_REDZONE1) {
		print_slab_part(addr, &wi);
		return CMD_OK;
	}
	print_object_part(addr, &wi);
	print_state(&wi);
	print_user(&wi);
	return CMD_OK;
}
