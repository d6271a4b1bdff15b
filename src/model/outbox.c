/*
 * The model's outbox: a ring of fixed entries, oldest out first.
 */
#include <string.h>

#include "err.h"
#include "outbox.h"

void
outbox_init(struct model_outbox *ob)
{
	ob->head = 0;
	ob->count = 0;
	ob->dropped = 0;
}

int
outbox_put(struct model_outbox *ob, enum model_out_kind kind,
    const struct model_out_dest *dest, const uint8_t *data, size_t len)
{
	struct model_out *e;

	if (ob->count == MODEL_OUTBOX_MAX || len > MODEL_OUT_DATA_MAX) {
		ob->dropped++;
		return ERR_NOSPACE;
	}
	e = &ob->entries[(ob->head + ob->count) % MODEL_OUTBOX_MAX];
	e->kind = kind;
	if (dest != NULL)
		e->dest = *dest;
	else
		memset(&e->dest, 0, sizeof(e->dest));
	e->len = len;
	if (len != 0)
		memcpy(e->data, data, len);
	ob->count++;
	return 0;
}

int
outbox_take(struct model_outbox *ob, struct model_out *out)
{
	struct model_out *e;

	if (ob->count == 0)
		return ERR_NOT_FOUND;
	e = &ob->entries[ob->head];
	out->kind = e->kind;
	out->dest = e->dest;
	out->len = e->len;
	memcpy(out->data, e->data, e->len);
	ob->head = (ob->head + 1) % MODEL_OUTBOX_MAX;
	ob->count--;
	return 0;
}

unsigned
outbox_count(const struct model_outbox *ob)
{
	return ob->count;
}

unsigned
outbox_room(const struct model_outbox *ob)
{
	return MODEL_OUTBOX_MAX - ob->count;
}

uint64_t
outbox_dropped(const struct model_outbox *ob)
{
	return ob->dropped;
}
