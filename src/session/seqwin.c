#include "seqwin.h"

void
seqwin_init(struct seqwin *w, uint8_t below, uint8_t above)
{
	w->high = 0;
	w->seen = 0;
	w->below = below > 32 ? 32 : below;
	w->above = above;
	w->started = 0;
}

enum seqwin_verdict
seqwin_check(const struct seqwin *w, uint32_t seq, int zero_forbidden)
{
	int32_t	 d;
	uint32_t back;

	if (seq == 0 && zero_forbidden)
		return SEQWIN_ZERO;
	if (!w->started)
		return SEQWIN_OK;
	/* Modular distance, so the window slides across the 2^32 wrap. */
	d = (int32_t)(seq - w->high);
	if (d == 0)
		return SEQWIN_DUPLICATE;
	if (d > 0)
		return (uint32_t)d <= w->above ? SEQWIN_OK : SEQWIN_TOO_NEW;
	back = (uint32_t) - (int64_t)d;
	if (back > w->below)
		return SEQWIN_TOO_OLD;
	if (w->seen & (UINT32_C(1) << (back - 1)))
		return SEQWIN_DUPLICATE;
	return SEQWIN_OK;
}

void
seqwin_accept(struct seqwin *w, uint32_t seq)
{
	int32_t	 d;
	uint32_t back;

	if (!w->started) {
		w->started = 1;
		w->high = seq;
		w->seen = 0;
		return;
	}
	d = (int32_t)(seq - w->high);
	if (d > 0) {
		/* The old high becomes "1 below"; shift the history along. */
		if ((uint32_t)d >= 32)
			w->seen = (uint32_t)d == 32 ? UINT32_C(1) << 31 : 0;
		else
			w->seen = w->seen << d | UINT32_C(1) << (d - 1);
		w->high = seq;
	} else if (d < 0) {
		back = (uint32_t) - (int64_t)d;
		if (back <= 32)
			w->seen |= UINT32_C(1) << (back - 1);
	}
}
