/*
 * The SOL console's state machine (IPMI 2.0 §15.9, §24): instance 1 of
 * payload type 1.  shared/reference/sol.md gives the rules cited as Rn.
 */
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "control.h"
#include "err.h"
#include "sol_console.h"
#include "sol_host.h"
#include "solpkt.h"

/* The last host output kept for replay and the control API. */
#define SOL_CONSOLE_HISTORY 4096

/* A byte FIFO of fixed capacity. */
struct sol_ring {
	uint8_t *buf;
	size_t	 cap, head, len;
};

struct sol_console {
	/* Instance 1 (the only one). */
	uint32_t owner; /* the BMC's session ID; 0: inactive */
	uint8_t	 owner_user;
	/* Console to BMC (R16-R21). */
	uint8_t in_last_seq; /* 0: none accepted since activation */
	uint8_t in_last_count;
	/* BMC to console (R9-R15). */
	uint8_t	 out_seq; /* of the packet in flight, or the last one */
	size_t	 out_len; /* characters in flight; 0: none */
	uint8_t	 out_data[SOLPKT_DATA_MAX];
	uint8_t	 retries_left;
	uint64_t retry_ms;  /* when the packet in flight is resent */
	uint64_t oldest_ms; /* when the oldest buffered byte came */
	uint8_t	 status;    /* one-shot status bits for the next packet */
	/* The deactivation notice (R5): to whom, acknowledging what. */
	uint32_t	 notice_sid;
	uint8_t		 notice_ack;
	struct sol_ring	 out; /* host output not yet sent */
	struct sol_ring	 in;  /* console input the host has not read */
	struct sol_ring	 history;
	unsigned	 breaks;
	struct sol_host *host; /* the simulated backend */
	uint64_t	 now_ms;
};

/* ---- rings ---- */

static int
ring_init(struct sol_ring *r, size_t cap)
{
	if ((r->buf = malloc(cap)) == NULL)
		return ERR_NOMEM;
	r->cap = cap;
	r->head = r->len = 0;
	return 0;
}

/* Appends what fits; with overwrite the oldest bytes make room. */
static size_t
ring_put(struct sol_ring *r, const uint8_t *p, size_t len, int overwrite)
{
	size_t i, n = len;

	if (overwrite && n > r->cap) {
		p += n - r->cap;
		n = r->cap;
	}
	if (overwrite && r->len + n > r->cap) {
		size_t drop = r->len + n - r->cap;

		r->head = (r->head + drop) % r->cap;
		r->len -= drop;
	}
	if (n > r->cap - r->len)
		n = r->cap - r->len;
	for (i = 0; i < n; i++)
		r->buf[(r->head + r->len + i) % r->cap] = p[i];
	r->len += n;
	return overwrite ? len : n;
}

static size_t
ring_get(struct sol_ring *r, uint8_t *out, size_t cap, int consume)
{
	size_t i, n = r->len < cap ? r->len : cap;

	for (i = 0; i < n; i++)
		out[i] = r->buf[(r->head + i) % r->cap];
	if (consume) {
		r->head = (r->head + n) % r->cap;
		r->len -= n;
	}
	return n;
}

static void
ring_clear(struct sol_ring *r)
{
	r->head = r->len = 0;
}

/* ---- life cycle ---- */

static void
console_host_emit_cb(void *arg, const uint8_t *p, size_t len)
{
	struct bmc *b = arg;

	(void)sol_console_host_write(b, b->solc->now_ms, p, len);
}

static size_t
console_host_room_cb(void *arg)
{
	const struct bmc	 *b = arg;
	const struct sol_console *c = b->solc;

	/* Nobody attached: the output is dropped, so there is room. */
	if (c->owner == 0)
		return SOL_CONSOLE_OUTBUF;
	return c->out.cap - c->out.len;
}

/* The console, made on first use: NULL if out of memory. */
static struct sol_console *
console_get(struct bmc *b)
{
	struct sol_console *c;

	if (b->solc != NULL)
		return b->solc;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if (ring_init(&c->out, SOL_CONSOLE_OUTBUF) != 0 ||
	    ring_init(&c->in, SOL_CONSOLE_INBUF) != 0 ||
	    ring_init(&c->history, SOL_CONSOLE_HISTORY) != 0 ||
	    (c->host = sol_host_new(b->name, b->power_on, console_host_emit_cb,
		 console_host_room_cb, b)) == NULL) {
		free(c->out.buf);
		free(c->in.buf);
		free(c->history.buf);
		free(c);
		return NULL;
	}
	c->retry_ms = UINT64_MAX;
	b->solc = c;
	return c;
}

void
sol_console_free(struct bmc *b)
{
	struct sol_console *c = b->solc;

	if (c == NULL)
		return;
	sol_host_free(c->host);
	free(c->out.buf);
	free(c->in.buf);
	free(c->history.buf);
	free(c);
	b->solc = NULL;
}

/* ---- activation ---- */

int
sol_console_activate(
    struct bmc *b, uint64_t now_ms, uint32_t sid, uint8_t user_id)
{
	struct sol_console *c = console_get(b);

	if (c == NULL)
		return ERR_NOMEM;
	/* R2: the owner activating again changes nothing. */
	if (c->owner == sid)
		return 0;
	c->owner = sid;
	c->owner_user = user_id;
	/* R4: per-activation state starts afresh. */
	c->in_last_seq = 0;
	c->in_last_count = 0;
	c->out_seq = 0;
	c->out_len = 0;
	c->retry_ms = UINT64_MAX;
	c->status = 0;
	/* R24: no stale backlog. */
	ring_clear(&c->out);
	c->now_ms = now_ms;
	bmc_log(b, "SOL activated by session %08x", sid);
	return 0;
}

int
sol_console_deactivate(struct bmc *b, int notice)
{
	struct sol_console *c = b->solc;

	if (c == NULL || c->owner == 0)
		return ERR_NOT_FOUND;
	if (notice) {
		c->notice_sid = c->owner;
		c->notice_ack = c->in_last_seq;
	}
	bmc_log(b, "SOL deactivated (session %08x)", c->owner);
	c->owner = 0;
	c->owner_user = 0;
	c->out_len = 0;
	c->retry_ms = UINT64_MAX;
	ring_clear(&c->out);
	return 0;
}

uint32_t
sol_console_owner(const struct bmc *b)
{
	return b->solc != NULL ? b->solc->owner : 0;
}

uint8_t
sol_console_owner_user(const struct bmc *b)
{
	return b->solc != NULL ? b->solc->owner_user : 0;
}

void
sol_console_session_gone(struct bmc *b, uint32_t sid)
{
	struct sol_console *c = b->solc;

	if (c == NULL)
		return;
	if (c->notice_sid == sid)
		c->notice_sid = 0;
	if (c->owner == sid && sid != 0)
		(void)sol_console_deactivate(b, 0);
}

/* ---- the console's packets ---- */

/* Status bits every packet carries now (table 15-2). */
static uint8_t
console_status(const struct bmc *b, const struct sol_console *c)
{
	uint8_t st = c->status;

	/* R26: host off (or not running) means no character transfer. */
	if (!b->power_on || !sol_host_running(c->host))
		st |= SOLPKT_ST_UNAVAILABLE;
	return st;
}

static size_t
console_encode(const struct solpkt *m, uint8_t *out, size_t cap)
{
	size_t n = 0;

	return solpkt_encode(m, out, cap, &n) == 0 ? n : 0;
}

/* The console ACKed our packet in flight (R14). */
static void
console_acked(struct sol_console *c, const struct solpkt *m)
{
	if (c->out_len == 0 || m->ack_seq != c->out_seq)
		return;
	if (m->accepted >= c->out_len) {
		c->out_len = 0;
		c->retry_ms = UINT64_MAX;
	} else if (m->accepted > 0) {
		/* The rest goes as a new packet, under a new number. */
		memmove(c->out_data, c->out_data + m->accepted,
		    c->out_len - m->accepted);
		c->out_len -= m->accepted;
		c->retry_ms = 0;	     /* due at once, see console_take */
		c->retries_left = UINT8_MAX; /* marks "new seq" */
	}
	/* Count 0 (a NACK of nothing): the resend timer decides. */
}

size_t
sol_console_input(struct bmc *b, uint64_t now_ms, uint32_t sid,
    const uint8_t *p, size_t len, uint8_t *out, size_t cap)
{
	struct sol_console *c = b->solc;
	struct solpkt	    m, ack;

	/* R5: a session that lost the instance is not listened to. */
	if (c == NULL || c->owner == 0 || c->owner != sid)
		return 0;
	if (solpkt_decode(p, len, &m) != 0)
		return 0;
	c->now_ms = now_ms;
	console_acked(c, &m);
	if (m.seq == 0)
		return 0; /* ACK only: nothing to answer */
	if (m.seq != c->in_last_seq) {
		/* R18: any number but the last is new data. */
		c->in_last_seq = m.seq;
		c->in_last_count = (uint8_t)m.len;
		/* R21: flushes act once, on first receipt. */
		if (m.op & SOLPKT_OP_FLUSH_INBOUND)
			ring_clear(&c->in);
		if (m.op & SOLPKT_OP_FLUSH_OUTBOUND) {
			ring_clear(&c->out);
			c->out_len = 0;
			c->retry_ms = UINT64_MAX;
		}
		if (m.op & SOLPKT_OP_BREAK) {
			/* R20: one break per packet, not per copy. */
			c->breaks++;
			if (b->power_on)
				sol_host_break(c->host);
		}
		/*
		 * R19, R26: taken whole; a host that is off or not
		 * reading loses it rather than the console resending.
		 */
		if (b->power_on && sol_host_running(c->host))
			sol_host_input(c->host, now_ms, m.data, m.len);
		else if (b->power_on)
			(void)ring_put(&c->in, m.data, m.len, 1);
	}
	/* R16, R17: every copy gets the ACK with the count first given. */
	memset(&ack, 0, sizeof(ack));
	ack.ack_seq = m.seq;
	ack.accepted = c->in_last_count;
	ack.op = console_status(b, c);
	c->status = 0;
	return console_encode(&ack, out, cap);
}

/* R9: 1..15, never 0. */
static uint8_t
console_next_seq(uint8_t seq)
{
	return seq >= 15 ? 1 : (uint8_t)(seq + 1);
}

static int
console_send_due(
    const struct sol_console *c, const struct sol_params *sp, uint64_t now_ms)
{
	/* R11: threshold reached, or the oldest byte waited long enough. */
	return c->out.len > 0 &&
	    (c->out.len >= sp->send_threshold ||
		now_ms >= c->oldest_ms + (uint64_t)sp->accumulate_5ms * 5);
}

size_t
sol_console_take(
    struct bmc *b, uint64_t now_ms, uint32_t *sid, uint8_t *out, size_t cap)
{
	struct sol_console *c = b->solc;
	struct sol_params   sp;
	struct solpkt	    m;

	if (c == NULL)
		return 0;
	c->now_ms = now_ms;
	memset(&m, 0, sizeof(m));
	if (c->notice_sid != 0) {
		/* R5: seq 0, the last console seq, NACK + deactivated. */
		*sid = c->notice_sid;
		c->notice_sid = 0;
		m.ack_seq = c->notice_ack;
		m.op = SOLPKT_NACK | SOLPKT_ST_DEACTIVATED;
		return console_encode(&m, out, cap);
	}
	if (c->owner == 0)
		return 0;
	sol_params_get(b, &sp);
	if (c->out_len > 0) {
		if (now_ms < c->retry_ms)
			return 0;
		if (c->retries_left == UINT8_MAX) {
			/* The unaccepted rest of a partial ACK. */
			c->out_seq = console_next_seq(c->out_seq);
			c->retries_left = sp.retry_count;
		} else if (c->retries_left == 0) {
			/* R13: given up; the next packet says so. */
			c->out_len = 0;
			c->retry_ms = UINT64_MAX;
			c->status |= SOLPKT_ST_OVERRUN;
			return sol_console_take(b, now_ms, sid, out, cap);
		} else
			c->retries_left--; /* a byte-identical resend */
	} else {
		if (!console_send_due(c, &sp, now_ms))
			return 0;
		c->out_len = ring_get(
		    &c->out, c->out_data, SOL_CONSOLE_CHARS_MAX, 1);
		c->out_seq = console_next_seq(c->out_seq);
		c->retries_left = sp.retry_count;
		c->oldest_ms = now_ms;
	}
	c->retry_ms = now_ms + (uint64_t)sp.retry_10ms * 10;
	if (sp.retry_10ms == 0)
		c->retry_ms = now_ms + 10;
	*sid = c->owner;
	m.seq = c->out_seq;
	m.op = console_status(b, c);
	c->status = 0;
	m.data = c->out_data;
	m.len = c->out_len;
	return console_encode(&m, out, cap);
}

/* ---- host side ---- */

size_t
sol_console_host_write(
    struct bmc *b, uint64_t now_ms, const uint8_t *p, size_t len)
{
	struct sol_console *c = console_get(b);
	size_t		    n;

	if (c == NULL)
		return len; /* dropped: the host must not block */
	(void)ring_put(&c->history, p, len, 1);
	if (c->owner == 0)
		return len; /* R24 */
	if (c->out.len == 0 && c->out_len == 0)
		c->oldest_ms = now_ms;
	else if (c->out.len == 0)
		c->oldest_ms = now_ms;
	n = ring_put(&c->out, p, len, 0);
	return n;
}

size_t
sol_console_host_read(struct bmc *b, uint8_t *out, size_t cap)
{
	if (b->solc == NULL)
		return 0;
	return ring_get(&b->solc->in, out, cap, 1);
}

unsigned
sol_console_host_breaks(struct bmc *b)
{
	unsigned n;

	if (b->solc == NULL)
		return 0;
	n = b->solc->breaks;
	b->solc->breaks = 0;
	return n;
}

size_t
sol_console_history(const struct bmc *b, uint8_t *out, size_t cap)
{
	struct sol_ring h;

	if (b->solc == NULL)
		return 0;
	h = b->solc->history;
	return ring_get(&h, out, cap, 0);
}

void
sol_console_host_boot(struct bmc *b, uint64_t now_ms, uint8_t bootdev)
{
	if (b->solc == NULL)
		return; /* nobody ever looked: the host runs unseen */
	b->solc->now_ms = now_ms;
	sol_host_boot(b->solc->host, now_ms, bootdev);
}

void
sol_console_host_off(struct bmc *b, uint64_t now_ms)
{
	if (b->solc == NULL)
		return;
	b->solc->now_ms = now_ms;
	sol_host_off(b->solc->host);
	ring_clear(&b->solc->in);
}

uint64_t
sol_console_deadline(const struct bmc *b)
{
	const struct sol_console *c = b->solc;
	struct sol_params	  sp;
	uint64_t		  d;

	if (c == NULL)
		return UINT64_MAX;
	d = sol_host_deadline(c->host);
	if (c->notice_sid != 0)
		return 0;
	if (c->owner == 0)
		return d;
	if (c->out_len > 0)
		return c->retry_ms < d ? c->retry_ms : d;
	if (c->out.len > 0) {
		uint64_t at;

		sol_params_get(b, &sp);
		at = c->out.len >= sp.send_threshold
		    ? 0
		    : c->oldest_ms + (uint64_t)sp.accumulate_5ms * 5;
		if (at < d)
			d = at;
	}
	return d;
}

void
sol_console_tick(struct bmc *b, uint64_t now_ms)
{
	struct sol_console    *c = b->solc;
	struct bmc_control_ctx ctx;
	enum sol_host_action   a;

	if (c == NULL)
		return;
	c->now_ms = now_ms;
	a = sol_host_tick(c->host, now_ms);
	if (a == SOL_HOST_NONE)
		return;
	memset(&ctx, 0, sizeof(ctx));
	ctx.now_ms = now_ms;
	(void)bmc_control_power(b, &ctx,
	    a == SOL_HOST_POWER_OFF ? BMC_CONTROL_POWER_OFF
				    : BMC_CONTROL_HARD_RESET);
}
