/*
 * The responder's datagram input.  The fuzz input is a sequence of
 * datagrams, each preceded by a 2-byte big-endian length, fed to one
 * responder with every suite and IPMI 1.5 type enabled and a fixed seed,
 * so a corpus of real logins reaches the in-session paths.  After each
 * datagram the queue is drained with responder_write(), as the daemon
 * does (a Send Message leaves a follow-up there).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "hash.h"
#include "responder.h"
#include "rng.h"
#include "suite.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
fuzz_user_cb(
    void *arg, const uint8_t *name, size_t len, struct responder_user *u)
{
	(void)arg;
	if (len != 5 || memcmp(name, "admin", 5) != 0)
		return ERR_NOT_FOUND;
	memset(u, 0, sizeof(*u));
	u->id = 2;
	u->name_len = 5;
	memcpy(u->name, "admin", 5);
	memcpy(u->password, "password", 8);
	u->enabled = 1;
	u->priv_limit = 4;
	return 0;
}

static int
fuzz_user_id_cb(void *arg, uint8_t id, struct responder_user *u)
{
	return id == 2 ? fuzz_user_cb(arg, (const uint8_t *)"admin", 5, u)
		       : ERR_NOT_FOUND;
}

static void
fuzz_request_cb(
    void *arg, const struct responder_request *rq, struct responder_reply *rp)
{
	(void)arg;
	rp->cc = 0;
	rp->len = rq->msg->data_len < rp->cap ? rq->msg->data_len : rp->cap;
	memcpy(rp->data, rq->msg->data, rp->len);
	/* Send Message in a session: a follow-up for responder_write(). */
	if (rq->msg->netfn == 0x06 && rq->msg->cmd == 0x34 &&
	    rq->msg->data_len <= rp->followup_cap) {
		memcpy(rp->followup, rq->msg->data, rq->msg->data_len);
		rp->followup_len = rq->msg->data_len;
	}
}

static const struct responder_ops fuzz_ops = {.user_by_name_cb = fuzz_user_cb,
    .user_by_id_cb = fuzz_user_id_cb,
    .request_cb = fuzz_request_cb};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct responder_config cfg;
	struct responder       *r;
	struct rng	       *rng;
	struct rd		rd, dg;
	uint8_t			out[RESPONDER_DATAGRAM_MAX];
	size_t			outlen;
	uint16_t		len;
	uint64_t		now = 1000;
	unsigned		p, n;
	size_t			qlen;
	struct peer_addr	peer = {4, {127, 0, 0, 1}, 50623}, dst;

	if (crypto_init() != 0)
		abort();
	responder_config_defaults(&cfg);
	cfg.enabled_suites = suite_implemented_mask();
	for (p = 1; p <= 5; p++)
		cfg.auth15_enables[p] = 0x17;
	cfg.anti_enumeration = size > 0 && data[0] & 1;
	rng = rng_new_seeded(1);
	if ((r = responder_new(&cfg, &fuzz_ops, NULL, rng)) == NULL)
		abort();
	rd_init(&rd, data, size);
	while (rd_u16be(&rd, &len) == 0) {
		if (rd_sub(&rd, &dg, len < rd_left(&rd) ? len : rd_left(&rd)) !=
		    0)
			break;
		if (responder_input(r, now, &peer, rd_pos(&dg), rd_left(&dg),
			out, sizeof(out), &outlen, NULL) == 1 &&
		    (outlen == 0 || outlen > sizeof(out)))
			abort();
		/* Drain every queued datagram, as the daemon does. */
		for (n = 0;
		     (qlen = responder_write(r, &dst, out, sizeof(out))) != 0;
		     n++)
			if (qlen > sizeof(out) || n >= RESPONDER_QUEUE_MAX ||
			    dst.port != peer.port)
				abort();
		now += 700;
		responder_expire(r, now);
	}
	responder_free(r);
	rng_free(rng);
	return 0;
}
