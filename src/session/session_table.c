#include <stdlib.h>
#include <string.h>

#include "ct.h"
#include "err.h"
#include "rng.h"
#include "session_table.h"

struct session_table {
	struct session *slots; /* NULL until first use */
	unsigned	nslots;
	unsigned	max_active;
	unsigned	max_halfopen;
	unsigned	active;
	unsigned	halfopen;
	uint8_t		next_handle;
	struct rng     *rng;
};

struct session_table *
session_table_new(unsigned max_active, unsigned max_halfopen, struct rng *rng)
{
	struct session_table *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->max_active = max_active;
	t->max_halfopen = max_halfopen;
	t->next_handle = 1;
	t->rng = rng;
	return t;
}

void
session_table_free(struct session_table *t)
{
	unsigned i;

	if (t == NULL)
		return;
	if (t->slots != NULL) {
		for (i = 0; i < t->nslots; i++)
			protect_keys_release(&t->slots[i].keys);
		ct_wipe(t->slots, t->nslots * sizeof(*t->slots));
		free(t->slots);
	}
	free(t);
}

static int
session_table_grow(struct session_table *t)
{
	unsigned	want = t->max_active + t->max_halfopen;
	struct session *s;

	if (t->slots != NULL && t->nslots >= want)
		return 0;
	if ((s = calloc(want, sizeof(*s))) == NULL)
		return ERR_NOMEM;
	if (t->slots != NULL) {
		memcpy(s, t->slots, t->nslots * sizeof(*s));
		ct_wipe(t->slots, t->nslots * sizeof(*s));
		free(t->slots);
	}
	t->slots = s;
	t->nslots = want;
	return 0;
}

int
session_table_resize(
    struct session_table *t, unsigned max_active, unsigned max_halfopen)
{
	t->max_active = max_active;
	t->max_halfopen = max_halfopen;
	if (t->slots == NULL)
		return 0;
	return session_table_grow(t);
}

static int
session_is_halfopen(const struct session *s)
{
	return s->state != SESSION_FREE && s->state != SESSION_ACTIVE;
}

struct session *
session_table_find(struct session_table *t, uint32_t bmc_sid)
{
	unsigned i;

	if (t->slots == NULL || bmc_sid == 0)
		return NULL;
	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].state != SESSION_FREE &&
		    t->slots[i].bmc_sid == bmc_sid)
			return &t->slots[i];
	return NULL;
}

struct session *
session_table_find_handle(struct session_table *t, uint8_t handle)
{
	unsigned i;

	if (t->slots == NULL || handle == 0)
		return NULL;
	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].state == SESSION_ACTIVE &&
		    t->slots[i].handle == handle)
			return &t->slots[i];
	return NULL;
}

struct session *
session_table_nth_active(struct session_table *t, unsigned n)
{
	unsigned i;

	if (t->slots == NULL || n == 0)
		return NULL;
	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].state == SESSION_ACTIVE && --n == 0)
			return &t->slots[i];
	return NULL;
}

struct session *
session_table_find_console(struct session_table *t, uint32_t console_sid)
{
	unsigned i;

	if (t->slots == NULL)
		return NULL;
	for (i = 0; i < t->nslots; i++)
		if (session_is_halfopen(&t->slots[i]) && !t->slots[i].ipmi15 &&
		    t->slots[i].console_sid == console_sid)
			return &t->slots[i];
	return NULL;
}

unsigned
session_table_active_count(const struct session_table *t)
{
	return t->active;
}

unsigned
session_table_halfopen_count(const struct session_table *t)
{
	return t->halfopen;
}

unsigned
session_table_user_count(const struct session_table *t, uint8_t user_id)
{
	unsigned i, n = 0;

	if (t->slots == NULL)
		return 0;
	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].state == SESSION_ACTIVE &&
		    t->slots[i].user_id == user_id)
			n++;
	return n;
}

void
session_table_close(struct session_table *t, struct session *s)
{
	if (s->state == SESSION_FREE)
		return;
	if (s->state == SESSION_ACTIVE)
		t->active--;
	else
		t->halfopen--;
	/* Keys, randoms, cached replies: nothing of a session outlives it. */
	protect_keys_release(&s->keys);
	ct_wipe(s, sizeof(*s));
	s->state = SESSION_FREE;
}

static struct session *
session_table_oldest_halfopen(struct session_table *t)
{
	struct session *oldest = NULL;
	unsigned	i;

	for (i = 0; i < t->nslots; i++)
		if (session_is_halfopen(&t->slots[i]) &&
		    (oldest == NULL ||
			t->slots[i].deadline_ms < oldest->deadline_ms))
			oldest = &t->slots[i];
	return oldest;
}

static int
session_same_peer(const struct session *a, const struct session *b)
{
	return a->peer.family == b->peer.family &&
	    a->peer.port == b->peer.port &&
	    memcmp(a->peer.addr, b->peer.addr, sizeof(a->peer.addr)) == 0;
}

/*
 * The oldest half-open session of the peer holding the most (ties: the
 * older); a table of at most 63 + handshake slots, scanned only when the
 * pool is full.
 */
static struct session *
session_table_flooder_halfopen(struct session_table *t)
{
	struct session *best = NULL, *oldest;
	unsigned	i, j, n, best_n = 0;

	for (i = 0; i < t->nslots; i++) {
		if (!session_is_halfopen(&t->slots[i]))
			continue;
		n = 0;
		oldest = &t->slots[i];
		for (j = 0; j < t->nslots; j++)
			if (session_is_halfopen(&t->slots[j]) &&
			    session_same_peer(&t->slots[i], &t->slots[j])) {
				n++;
				if (t->slots[j].deadline_ms <
				    oldest->deadline_ms)
					oldest = &t->slots[j];
			}
		if (n > best_n ||
		    (n == best_n && oldest->deadline_ms < best->deadline_ms)) {
			best = oldest;
			best_n = n;
		}
	}
	return best;
}

static struct session *
session_table_free_slot(struct session_table *t)
{
	unsigned i;

	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].state == SESSION_FREE)
			return &t->slots[i];
	return NULL;
}

struct session *
session_table_open(struct session_table *t, uint64_t deadline_ms, int *err)
{
	return session_table_open_from(t, deadline_ms, NULL, err);
}

struct session *
session_table_open_from(struct session_table *t, uint64_t deadline_ms,
    const struct peer_addr *peer, int *err)
{
	struct session *s;
	uint32_t	sid;
	uint8_t		b[4];
	int		rc, tries;

	*err = 0;
	if (t->max_halfopen == 0) {
		*err = ERR_WRONG_STATE;
		return NULL;
	}
	if ((rc = session_table_grow(t)) != 0) {
		*err = rc;
		return NULL;
	}
	if (t->halfopen >= t->max_halfopen)
		session_table_close(t,
		    peer != NULL ? session_table_flooder_halfopen(t)
				 : session_table_oldest_halfopen(t));
	if ((s = session_table_free_slot(t)) == NULL) {
		/* Every slot active after a shrink: refuse, evict nothing. */
		*err = ERR_WRONG_STATE;
		return NULL;
	}
	/* IDs are little-endian on the wire; draw them as wire bytes. */
	for (tries = 0; tries < 64; tries++) {
		if ((rc = rng_bytes(t->rng, b, sizeof(b))) != 0) {
			*err = rc;
			return NULL;
		}
		sid = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
		    (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
		if (sid != 0 && session_table_find(t, sid) == NULL)
			break;
	}
	if (tries == 64) {
		*err = ERR_CRYPTO;
		return NULL;
	}
	memset(s, 0, sizeof(*s));
	s->state = SESSION_OPENED;
	if (peer != NULL)
		s->peer = *peer;
	s->bmc_sid = sid;
	s->deadline_ms = deadline_ms;
	t->halfopen++;
	return s;
}

int
session_table_activate(
    struct session_table *t, struct session *s, uint64_t deadline_ms)
{
	unsigned tries;

	if (t->active >= t->max_active)
		return ERR_WRONG_STATE;
	/* IPMI 2.0 §22.20: handles are 1..63, unique among active ones. */
	for (tries = 0; tries < 63; tries++) {
		uint8_t h = t->next_handle;

		t->next_handle = h >= 63 ? 1 : h + 1;
		if (session_table_find_handle(t, h) == NULL) {
			s->handle = h;
			break;
		}
	}
	if (tries == 63)
		return ERR_WRONG_STATE;
	s->state = SESSION_ACTIVE;
	s->deadline_ms = deadline_ms;
	t->halfopen--;
	t->active++;
	return 0;
}

void
session_table_foreach(
    struct session_table *t, void (*cb)(void *, struct session *), void *arg)
{
	unsigned i;

	if (t->slots == NULL)
		return;
	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].state != SESSION_FREE)
			cb(arg, &t->slots[i]);
}

unsigned
session_table_expire(struct session_table *t, uint64_t now_ms)
{
	unsigned i, n = 0;

	if (t->slots == NULL)
		return 0;
	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].state != SESSION_FREE &&
		    t->slots[i].deadline_ms <= now_ms) {
			session_table_close(t, &t->slots[i]);
			n++;
		}
	return n;
}

uint64_t
session_table_next_deadline(const struct session_table *t)
{
	uint64_t next = UINT64_MAX;
	unsigned i;

	if (t->slots == NULL)
		return next;
	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].state != SESSION_FREE &&
		    t->slots[i].deadline_ms < next)
			next = t->slots[i].deadline_ms;
	return next;
}
