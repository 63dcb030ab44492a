/*
 * list.h - circular doubly linked lists, with Linux's names and rules.
 *
 * Portable.  A list is a struct list_head that points to itself when
 * empty; entries embed a struct list_head and are found again with
 * list_entry() (container_of).  No locking: the owner of the list says
 * what protects it.
 */
#ifndef SLABLAB_LIST_H
#define SLABLAB_LIST_H

#include <stdbool.h>
#include "compiler.h"

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

/* Written to a deleted entry's links, so a stale use faults loudly. */
#define LIST_POISON1 ((struct list_head *)0x00100100)
#define LIST_POISON2 ((struct list_head *)0x00200200)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void __list_add(struct list_head *entry, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = entry;
	entry->next = next;
	entry->prev = prev;
	prev->next = entry;
}

/* Add @entry right after @head (a stack). */
static inline void list_add(struct list_head *entry, struct list_head *head)
{
	__list_add(entry, head, head->next);
}

/* Add @entry right before @head (a queue). */
static inline void list_add_tail(struct list_head *entry, struct list_head *head)
{
	__list_add(entry, head->prev, head);
}

static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	prev->next = next;
}

static inline void list_del(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

static inline void list_del_init(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	INIT_LIST_HEAD(entry);
}

static inline void list_move(struct list_head *entry, struct list_head *head)
{
	__list_del(entry->prev, entry->next);
	list_add(entry, head);
}

static inline void list_move_tail(struct list_head *entry, struct list_head *head)
{
	__list_del(entry->prev, entry->next);
	list_add_tail(entry, head);
}

/* Move every entry of @list to the front of @head; @list is left stale. */
static inline void list_splice(struct list_head *list, struct list_head *head)
{
	struct list_head *first = list->next, *last = list->prev, *at = head->next;

	if (list == first)
		return;			/* empty */
	first->prev = head;
	head->next = first;
	last->next = at;
	at->prev = last;
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

#define list_for_each_entry(pos, head, member)                           \
	for (pos = list_entry((head)->next, __typeof__(*pos), member);   \
	     &pos->member != (head);                                      \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

/* As list_for_each_entry, and @pos may be deleted inside the loop. */
#define list_for_each_entry_safe(pos, n, head, member)                    \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),    \
	     n = list_entry(pos->member.next, __typeof__(*pos), member);   \
	     &pos->member != (head);                                       \
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))

#endif /* SLABLAB_LIST_H */
