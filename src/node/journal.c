#include <ctype.h>
#include <fnmatch.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ct.h"
#include "err.h"
#include "journal.h"
#include "names.h"
#include "node.h"

struct journal_markrec {
	char	 name[JOURNAL_NAME_MAX];
	uint64_t seq;
	uint64_t wall_ms;
	uint64_t order; /* which was set last, for replacing the oldest */
};

struct journal {
	size_t		       size;  /* entries at most */
	size_t		       cap;   /* entries allocated, grows to size */
	struct journal_entry  *ring;  /* entry seq at (seq - 1) % size */
	uint64_t	       first; /* oldest seq held */
	uint64_t	       next;  /* the next seq given */
	uint64_t	       evicted;
	uint64_t	       evicted_upto; /* newest seq evicted */
	uint64_t	       evicted_wall; /* and its wall time */
	journal_listen_cb     *listen_cb;
	void		      *listen_arg;
	struct journal_markrec marks[JOURNAL_MARKS_MAX];
	uint64_t	       mark_order;
	struct journal_stats   stats;
	struct journal_keys   *keys; /* a ring, taken on first use */
	size_t		       keys_head, keys_count;
};

void
journal_filter_init(struct journal_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->cc = -1;
	f->outcome = -1;
}

struct journal *
journal_new(size_t size)
{
	struct journal *j;

	if (size == 0 || size > JOURNAL_SIZE_MAX)
		return NULL;
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return NULL;
	j->size = size;
	j->first = j->next = 1;
	return j;
}

void
journal_free(struct journal *j)
{
	if (j == NULL)
		return;
	if (j->ring != NULL) {
		ct_wipe(j->ring, j->cap * sizeof(*j->ring));
		free(j->ring);
	}
	if (j->keys != NULL) {
		ct_wipe(j->keys, JOURNAL_KEYS_MAX * sizeof(*j->keys));
		free(j->keys);
	}
	free(j);
}

size_t
journal_size(const struct journal *j)
{
	return j->size;
}

size_t
journal_count(const struct journal *j)
{
	return (size_t)(j->next - j->first);
}

uint64_t
journal_evicted(const struct journal *j)
{
	return j->evicted;
}

uint64_t
journal_total(const struct journal *j)
{
	return j->next - 1;
}

uint64_t
journal_first_seq(const struct journal *j)
{
	return j->first;
}

uint64_t
journal_next_seq(const struct journal *j)
{
	return j->next;
}

void
journal_clear(struct journal *j)
{
	j->first = j->next;
}

void
journal_set_listener(struct journal *j, journal_listen_cb *cb, void *arg)
{
	j->listen_cb = cb;
	j->listen_arg = arg;
}

static struct journal_entry *
journal_slot(const struct journal *j, uint64_t seq)
{
	return &j->ring[(seq - 1) % j->size];
}

/*
 * Grows the ring so that seq has a slot: memory follows traffic, so a
 * daemon that is never asked costs little.  0 or ERR_NOMEM.
 */
static int
journal_grow(struct journal *j, uint64_t seq)
{
	struct journal_entry *r;
	size_t		      want;

	if ((seq - 1) % j->size < j->cap)
		return 0;
	want = j->cap < 64 ? 64 : j->cap * 2;
	if (want > j->size)
		want = j->size;
	if ((r = realloc(j->ring, want * sizeof(*r))) == NULL)
		return ERR_NOMEM;
	j->ring = r;
	j->cap = want;
	return 0;
}

struct journal_entry *
journal_begin(struct journal *j, const char *bmc, uint64_t mono_ms,
    uint64_t wall_ms, uint64_t prev_same_bmc)
{
	struct journal_entry *e;

	if (journal_grow(j, j->next) != 0)
		return NULL;
	if (j->next - j->first == j->size) {
		/* Full: the oldest goes, and a window reaching it is unsure. */
		e = journal_slot(j, j->first);
		j->evicted_upto = j->first;
		j->evicted_wall = e->wall_ms;
		j->evicted++;
		j->first++;
	}
	e = journal_slot(j, j->next);
	/* The fixed part only: the byte arrays are governed by lengths. */
	memset(e, 0, offsetof(struct journal_entry, req));
	e->in_len = e->out_len = 0;
	e->seq = j->next;
	e->mono_ms = mono_ms;
	e->wall_ms = wall_ms;
	e->prev_same_bmc = prev_same_bmc;
	if (bmc != NULL) {
		/* Not snprintf: this is on every request's path. */
		size_t n = strnlen(bmc, sizeof(e->bmc) - 1);

		memcpy(e->bmc, bmc, n);
		e->bmc[n] = '\0';
	}
	return e;
}

/*
 * IPMI 2.0 §6.12.13: a console that heard nothing sends the same request
 * (rqSeq, netFn, command, data) again under a new session sequence
 * number.  Its original is the last request of the same session, which
 * the caller names (prev_same_bmc); only that entry is read, so linking
 * costs one look whatever the traffic of other sessions.
 */
static void
journal_link_retry(struct journal *j, struct journal_entry *e)
{
	const struct journal_entry *p;

	if (!e->has_request || !e->in_session || e->prev_same_bmc == 0 ||
	    (p = journal_get(j, e->prev_same_bmc)) == NULL)
		return;
	if (p->has_request && p->bmc_sid == e->bmc_sid &&
	    p->ipmi15 == e->ipmi15 && p->outcome != JOURNAL_DROPPED &&
	    p->rq_seq == e->rq_seq && p->netfn == e->netfn &&
	    p->cmd == e->cmd && p->rq_addr == e->rq_addr &&
	    p->req_len == e->req_len &&
	    memcmp(p->req, e->req, e->req_len) == 0 &&
	    p->session_seq != e->session_seq)
		e->retransmit_of = p->retransmit_of != 0 ? p->retransmit_of
							 : p->seq;
}

static void
journal_count_stats(struct journal_stats *st, const struct journal_entry *e)
{
	size_t i;

	if (e->outcome < JOURNAL_OUTCOME_COUNT)
		st->by_outcome[e->outcome]++;
	if (!e->has_request)
		return;
	if (e->outcome != JOURNAL_DROPPED)
		st->by_cc[e->cc]++;
	for (i = 0; i < st->ncommands; i++)
		if (st->commands[i].netfn == e->netfn &&
		    st->commands[i].cmd == e->cmd) {
			st->commands[i].count++;
			return;
		}
	if (st->ncommands == JOURNAL_COMMANDS_MAX) {
		st->other_commands++;
		return;
	}
	st->commands[st->ncommands].netfn = e->netfn;
	st->commands[st->ncommands].cmd = e->cmd;
	st->commands[st->ncommands++].count = 1;
}

const struct journal_stats *
journal_stats(const struct journal *j)
{
	return &j->stats;
}

void
journal_commit(struct journal *j, struct journal_entry *e)
{
	if (e == NULL || e->seq != j->next)
		return;
	journal_link_retry(j, e);
	journal_count_stats(&j->stats, e);
	j->next++;
	if (j->listen_cb != NULL)
		j->listen_cb(j->listen_arg, e);
}

const struct journal_entry *
journal_get(const struct journal *j, uint64_t seq)
{
	if (seq < j->first || seq >= j->next)
		return NULL;
	return journal_slot(j, seq);
}

static int
journal_match_bmc(const struct journal_filter *f, const struct journal_entry *e)
{
	if (f->bmc != NULL && fnmatch(f->bmc, e->bmc, 0) != 0)
		return 0;
	return f->bmc_accept == NULL ||
	    f->bmc_accept(f->bmc_accept_arg, e->bmc);
}

static int
journal_match_data(
    const struct journal_filter *f, const struct journal_entry *e)
{
	return f->data_prefix_len == 0 ||
	    (e->req_len >= f->data_prefix_len &&
		memcmp(e->req, f->data_prefix, f->data_prefix_len) == 0);
}

/* Everything but the BMC and the data, which near misses leave out. */
static int
journal_match_rest(
    const struct journal_filter *f, const struct journal_entry *e)
{
	char addr[48];

	if (f->seq_from != 0 && e->seq < f->seq_from)
		return 0;
	if (f->seq_to != 0 && e->seq > f->seq_to)
		return 0;
	if (f->wall_from != 0 && e->wall_ms < f->wall_from)
		return 0;
	if (f->wall_to != 0 && e->wall_ms > f->wall_to)
		return 0;
	if (f->has_command &&
	    (!e->has_request || e->netfn != f->netfn || e->cmd != f->cmd))
		return 0;
	if (f->data_prefix_len != 0 && !e->has_request)
		return 0;
	if (f->cc >= 0 &&
	    (!e->has_request || e->outcome == JOURNAL_DROPPED ||
		e->cc != f->cc))
		return 0;
	if (f->outcome >= 0 && e->outcome != f->outcome)
		return 0;
	if (f->originals_only && e->retransmit_of != 0)
		return 0;
	if (f->user != NULL && strcmp(f->user, e->user) != 0)
		return 0;
	if (f->peer != NULL &&
	    strcmp(f->peer, node_peer_format(&e->peer, addr, sizeof(addr))) !=
		0)
		return 0;
	return 1;
}

int
journal_match(const struct journal_filter *f, const struct journal_entry *e)
{
	return journal_match_rest(f, e) && journal_match_bmc(f, e) &&
	    journal_match_data(f, e);
}

const struct journal_entry *
journal_next(
    const struct journal *j, const struct journal_filter *f, uint64_t seq)
{
	const struct journal_entry *e;

	if (seq < j->first)
		seq = j->first;
	if (f->seq_from > seq)
		seq = f->seq_from;
	for (; seq < j->next; seq++) {
		if (f->seq_to != 0 && seq > f->seq_to)
			break;
		e = journal_slot(j, seq);
		if (journal_match(f, e))
			return e;
	}
	return NULL;
}

size_t
journal_count_matching(const struct journal *j, const struct journal_filter *f)
{
	const struct journal_entry *e;
	size_t			    n = 0;

	for (e = journal_next(j, f, 0); e != NULL;
	     e = journal_next(j, f, e->seq + 1))
		n++;
	return n;
}

uint64_t
journal_mark(struct journal *j, const char *name, uint64_t wall_ms)
{
	struct journal_markrec *m = NULL;
	size_t			i;

	for (i = 0; i < JOURNAL_MARKS_MAX; i++)
		if (j->marks[i].seq != 0 &&
		    strcmp(j->marks[i].name, name) == 0) {
			m = &j->marks[i];
			break;
		}
	for (i = 0; m == NULL && i < JOURNAL_MARKS_MAX; i++)
		if (j->marks[i].seq == 0)
			m = &j->marks[i];
	/* All taken: the one set longest ago goes. */
	if (m == NULL) {
		m = &j->marks[0];
		for (i = 1; i < JOURNAL_MARKS_MAX; i++)
			if (j->marks[i].order < m->order)
				m = &j->marks[i];
	}
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->seq = j->next;
	m->wall_ms = wall_ms;
	m->order = ++j->mark_order;
	return m->seq;
}

uint64_t
journal_mark_seq(const struct journal *j, const char *name)
{
	size_t i;

	for (i = 0; i < JOURNAL_MARKS_MAX; i++)
		if (j->marks[i].seq != 0 && strcmp(j->marks[i].name, name) == 0)
			return j->marks[i].seq;
	return 0;
}

void
journal_keys_add(struct journal *j, const struct journal_keys *k)
{
	struct journal_keys *slot;

	if (j->keys == NULL &&
	    (j->keys = calloc(JOURNAL_KEYS_MAX, sizeof(*j->keys))) == NULL)
		return;
	if (j->keys_count == JOURNAL_KEYS_MAX) {
		slot = &j->keys[j->keys_head];
		j->keys_head = (j->keys_head + 1) % JOURNAL_KEYS_MAX;
	} else
		slot = &j->keys[(j->keys_head + j->keys_count++) %
		    JOURNAL_KEYS_MAX];
	*slot = *k;
}

size_t
journal_keys_count(const struct journal *j)
{
	return j->keys_count;
}

const struct journal_keys *
journal_keys_get(const struct journal *j, size_t i)
{
	if (i >= j->keys_count)
		return NULL;
	return &j->keys[(j->keys_head + i) % JOURNAL_KEYS_MAX];
}

/* ---- verify ---- */

/* 1 when entries evicted so far may have belonged to f's window. */
static int
journal_window_evicted(const struct journal *j, const struct journal_filter *f)
{
	if (j->evicted == 0)
		return 0;
	if (f->seq_from != 0 && f->seq_from > j->evicted_upto)
		return 0;
	if (f->wall_from != 0 && f->wall_from > j->evicted_wall)
		return 0;
	return 1;
}

void
journal_verify(const struct journal *j, const struct journal_filter *f,
    enum journal_expect expect, size_t n, struct journal_verify *v)
{
	const struct journal_entry *e;
	struct journal_filter	    all = *f;
	uint64_t		    seq;
	int			    met;

	memset(v, 0, sizeof(*v));
	/* One pass, with the BMC and data left out, to see near misses. */
	all.originals_only = 0;
	all.outcome = -1;
	for (seq = j->first; seq < j->next; seq++) {
		int bmc_ok, data_ok;

		e = journal_slot(j, seq);
		if (!journal_match_rest(&all, e))
			continue;
		bmc_ok = journal_match_bmc(f, e);
		data_ok = journal_match_data(f, e);
		if (f->outcome >= 0 && e->outcome != f->outcome)
			continue;
		if (bmc_ok && data_ok) {
			if (e->outcome == JOURNAL_DROPPED)
				v->dropped++;
			else if (e->retransmit_of != 0 ||
			    e->outcome == JOURNAL_CACHED)
				v->retransmits++;
			else
				v->count++;
			continue;
		}
		if (e->outcome != JOURNAL_ANSWERED || e->retransmit_of != 0)
			continue;
		if (!bmc_ok && data_ok && f->bmc != NULL) {
			if (v->n_other_bmc < JOURNAL_NEAR_MAX)
				v->other_bmc_seq[v->n_other_bmc++] = e->seq;
			v->other_bmc++;
		} else if (bmc_ok && !data_ok) {
			if (v->n_other_data < JOURNAL_NEAR_MAX)
				v->other_data_seq[v->n_other_data++] = e->seq;
			v->other_data++;
		}
	}
	v->evicted = journal_window_evicted(j, f);
	switch (expect) {
	case JOURNAL_AT_LEAST:
		met = v->count >= n;
		v->verdict = met ? JOURNAL_VERDICT_OK
		    : v->evicted ? JOURNAL_VERDICT_INCONCLUSIVE
				 : JOURNAL_VERDICT_FAILED;
		break;
	case JOURNAL_AT_MOST:
		met = v->count <= n;
		v->verdict = !met ? JOURNAL_VERDICT_FAILED
		    : v->evicted  ? JOURNAL_VERDICT_INCONCLUSIVE
				  : JOURNAL_VERDICT_OK;
		break;
	default:
		/* Evictions can only hide requests: too many is certain. */
		v->verdict = v->count > n ? JOURNAL_VERDICT_FAILED
		    : v->evicted	  ? JOURNAL_VERDICT_INCONCLUSIVE
		    : v->count == n	  ? JOURNAL_VERDICT_OK
					  : JOURNAL_VERDICT_FAILED;
		break;
	}
}

/* ---- names ---- */

/* "Get Device ID" -> "get-device-id"; "Suspend/Resume ..." -> "suspend-resume-...". */
static void
journal_slug(const char *name, char *buf, size_t cap)
{
	size_t used = 0;
	int    dash = 0;

	for (; *name != '\0' && used + 1 < cap; name++) {
		unsigned char c = (unsigned char)*name;

		if (isalnum(c)) {
			if (dash && used > 0 && used + 2 < cap)
				buf[used++] = '-';
			dash = 0;
			buf[used++] = (char)tolower(c);
		} else
			dash = 1;
	}
	buf[used] = '\0';
}

const char *
journal_command_name(uint8_t netfn, uint8_t cmd, char *buf, size_t cap)
{
	const char *n = names_cmd(netfn, cmd);

	if (strcmp(n, "unknown command") == 0)
		snprintf(buf, cap, "%02x:%02x", netfn & ~1u, cmd);
	else
		journal_slug(n, buf, cap);
	return buf;
}

static int
journal_hex_byte(const char *s, const char *end, uint8_t *v)
{
	unsigned long x = 0;
	const char   *p;

	if (s == end || end - s > 2)
		return ERR_INVALID_ARG;
	for (p = s; p < end; p++) {
		if (!isxdigit((unsigned char)*p))
			return ERR_INVALID_ARG;
		x = x * 16 +
		    (unsigned long)(isdigit((unsigned char)*p)
			    ? *p - '0'
			    : tolower((unsigned char)*p) - 'a' + 10);
	}
	*v = (uint8_t)x;
	return 0;
}

int
journal_command_parse(const char *s, uint8_t *netfn, uint8_t *cmd)
{
	const char *colon = strchr(s, ':');
	char	    want[64], have[64];
	unsigned    nf, c;

	if (colon != NULL) {
		if (journal_hex_byte(s, colon, netfn) != 0 ||
		    journal_hex_byte(colon + 1, colon + strlen(colon), cmd) !=
			0 ||
		    *netfn > 0x3f)
			return ERR_INVALID_ARG;
		*netfn &= ~1u;
		return 0;
	}
	journal_slug(s, want, sizeof(want));
	if (want[0] == '\0')
		return ERR_INVALID_ARG;
	/* Request netFns are even; the names table is small. */
	for (nf = 0; nf <= 0x3e; nf += 2)
		for (c = 0; c <= 0xff; c++) {
			const char *n = names_cmd((uint8_t)nf, (uint8_t)c);

			if (n[0] == 'u' && strcmp(n, "unknown command") == 0)
				continue;
			journal_slug(n, have, sizeof(have));
			if (strcmp(have, want) == 0) {
				*netfn = (uint8_t)nf;
				*cmd = (uint8_t)c;
				return 0;
			}
		}
	return ERR_NOT_FOUND;
}

/*
 * Decoded actions, a small table of the requests whose meaning a test
 * asks about: one data byte (masked) names what it does.
 */
struct journal_action_def {
	uint8_t		   netfn;
	uint8_t		   cmd;
	uint8_t		   mask; /* of data byte 0 */
	const char	  *name;
	const char *const *values;
	size_t		   nvalues;
};

/* IPMI 2.0 §28.3, table 28-4. */
static const char *const journal_chassis_control[] = {"power_down", "power_up",
    "power_cycle", "hard_reset", "pulse_diagnostic_interrupt", "soft_shutdown"};
/* IPMI 2.0 §28.5: 0 off, 1..FE seconds, FF-less "on" forces indefinite. */
static const char *const journal_identify[] = {"off"};
/* IPMI 2.0 §22.30, Set User Password operation (byte 2 bits 1:0). */
static const char *const journal_user_password[] = {
    "disable_user", "enable_user", "set_password", "test_password"};
/* IPMI 2.0 §27.7, Set Watchdog Timer... Reset Watchdog has no data. */

static const struct journal_action_def journal_actions[] = {
    {IPMI_NETFN_CHASSIS, 0x02, 0x0f, "chassis_control", journal_chassis_control,
	sizeof(journal_chassis_control) / sizeof(journal_chassis_control[0])},
    {IPMI_NETFN_CHASSIS, 0x04, 0xff, "chassis_identify", journal_identify, 1},
    {IPMI_NETFN_APP, 0x02, 0, "cold_reset", NULL, 0},
    {IPMI_NETFN_APP, 0x03, 0, "warm_reset", NULL, 0},
    {IPMI_NETFN_APP, 0x22, 0, "reset_watchdog", NULL, 0},
    {IPMI_NETFN_APP, 0x3c, 0, "close_session", NULL, 0},
    {IPMI_NETFN_STORAGE, 0x44, 0, "add_sel_entry", NULL, 0},
    {IPMI_NETFN_STORAGE, 0x47, 0, "clear_sel", NULL, 0},
};

const char *
journal_action_of(uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
    char *buf, size_t cap)
{
	size_t i;

	buf[0] = '\0';
	/* Set User Password: the operation is in byte 1, not byte 0. */
	if (netfn == IPMI_NETFN_APP && cmd == 0x47 && len >= 2) {
		snprintf(buf, cap, "set_user_password: %s user %u",
		    journal_user_password[data[1] & 0x03], data[0] & 0x3f);
		return buf;
	}
	for (i = 0; i < sizeof(journal_actions) / sizeof(journal_actions[0]);
	     i++) {
		const struct journal_action_def *d = &journal_actions[i];
		unsigned			 v;

		if (d->netfn != netfn || d->cmd != cmd)
			continue;
		if (d->mask == 0 || len == 0) {
			snprintf(buf, cap, "%s", d->name);
			return buf;
		}
		v = data[0] & d->mask;
		if (v < d->nvalues)
			snprintf(buf, cap, "%s: %s", d->name, d->values[v]);
		else if (d->values == journal_identify)
			snprintf(buf, cap, "%s: %u s", d->name, v);
		else
			snprintf(buf, cap, "%s: %u", d->name, v);
		return buf;
	}
	return buf;
}

const char *
journal_action(const struct journal_entry *e, char *buf, size_t cap)
{
	buf[0] = '\0';
	if (!e->has_request)
		return buf;
	return journal_action_of(
	    e->netfn, e->cmd, e->req, e->req_len, buf, cap);
}

static const char *const journal_outcome_names[JOURNAL_OUTCOME_COUNT] = {
    "answered", "cached", "dropped"};

const char *
journal_outcome_name(enum journal_outcome o)
{
	return (unsigned)o < JOURNAL_OUTCOME_COUNT ? journal_outcome_names[o]
						   : "unknown";
}

int
journal_outcome_parse(const char *s, int *outcome)
{
	int i;

	for (i = 0; i < JOURNAL_OUTCOME_COUNT; i++)
		if (strcmp(s, journal_outcome_names[i]) == 0) {
			*outcome = i;
			return 0;
		}
	return ERR_NOT_FOUND;
}

const char *
journal_power_name(enum journal_power p)
{
	return p == JOURNAL_POWER_ON_OFF ? "on->off"
	    : p == JOURNAL_POWER_OFF_ON	 ? "off->on"
					 : NULL;
}

void
journal_entry_set_request(struct journal_entry *e, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len)
{
	size_t keep = len;

	if (len > sizeof(e->req))
		len = keep = sizeof(e->req);
	e->has_request = 1;
	e->netfn = netfn;
	e->cmd = cmd;
	e->req_len = (uint16_t)len;
	/* IPMI 2.0 §22.30: a password is never kept; its length is. */
	if (netfn == IPMI_NETFN_APP && cmd == 0x47 && len > 2) {
		keep = 2;
		e->redacted = 3;
	}
	if (keep > 0) /* data may be NULL when there is none */
		memcpy(e->req, data, keep);
	memset(e->req + keep, 0, len - keep);
}
