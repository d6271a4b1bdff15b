/*
 * See conversation.h.  The conversation is bounded: at most
 * CONVERSATION_STEPS datagrams to the console, so every input ends.
 */
#include <stdlib.h>
#include <string.h>

#include "conversation.h"
#include "err.h"
#include "hash.h"
#include "initiator.h"
#include "ipmi15.h"
#include "responder.h"
#include "rng.h"
#include "suite.h"

#define CONVERSATION_STEPS    32
#define CONVERSATION_REQUESTS 3

static const char conversation_password[] = "password";

static int
conversation_user_cb(
    void *arg, const uint8_t *name, size_t len, struct responder_user *u)
{
	(void)arg;
	if (len != 5 || memcmp(name, "admin", 5) != 0)
		return ERR_NOT_FOUND;
	memset(u, 0, sizeof(*u));
	u->id = 2;
	u->name_len = 5;
	memcpy(u->name, "admin", 5);
	memcpy(u->password, conversation_password,
	    sizeof(conversation_password) - 1);
	u->enabled = 1;
	u->priv_limit = IPMI_PRIV_ADMIN;
	return 0;
}

static int
conversation_user_id_cb(void *arg, uint8_t id, struct responder_user *u)
{
	return id == 2
	    ? conversation_user_cb(arg, (const uint8_t *)"admin", 5, u)
	    : ERR_NOT_FOUND;
}

/* Answers like Get Device ID: fifteen bytes, the request echoed first. */
static void
conversation_request_cb(
    void *arg, const struct responder_request *rq, struct responder_reply *rp)
{
	size_t i;

	(void)arg;
	rp->cc = 0;
	rp->len = 15 < rp->cap ? 15 : rp->cap;
	for (i = 0; i < rp->len; i++)
		rp->data[i] = i < rq->msg->data_len ? rq->msg->data[i]
						    : (uint8_t)(0x20 + i);
}

static const struct responder_ops conversation_ops = {
    .user_by_name_cb = conversation_user_cb,
    .user_by_id_cb = conversation_user_id_cb,
    .request_cb = conversation_request_cb,
};

/* The logins the first input byte chooses from. */
struct conversation_login {
	uint8_t protocol;
	uint8_t suite_id;
	uint8_t authtype15;
};

static const struct conversation_login conversation_logins[] = {
    {INITIATOR_IPMI20, 3, 0},
    {INITIATOR_IPMI20, 17, 0},
    {INITIATOR_IPMI20, 1, 0},
    {INITIATOR_IPMI20, 2, 0},
    {INITIATOR_IPMI20, 6, 0},
    {INITIATOR_IPMI20, 7, 0},
    {INITIATOR_IPMI20, 8, 0},
    {INITIATOR_IPMI20, 11, 0},
    {INITIATOR_IPMI20, 12, 0},
    {INITIATOR_IPMI20, 15, 0},
    {INITIATOR_IPMI20, 16, 0},
    {INITIATOR_IPMI20, 0, 0},
    {INITIATOR_IPMI15, 0, IPMI15_AUTHTYPE_MD5},
    {INITIATOR_IPMI15, 0, IPMI15_AUTHTYPE_MD2},
    {INITIATOR_IPMI15, 0, IPMI15_AUTHTYPE_STRAIGHT},
    {INITIATOR_IPMI15, 0, IPMI15_AUTHTYPE_NONE},
};
#define CONVERSATION_LOGINS \
	(sizeof(conversation_logins) / sizeof(conversation_logins[0]))

/* What the fuzz input does to one datagram on its way to the console. */
enum conversation_damage {
	DAMAGE_NONE,
	DAMAGE_TRUNCATE, /* to the next byte's length */
	DAMAGE_FLIP,	 /* XOR the byte at a position with a value */
	DAMAGE_REPLACE,	 /* by a length byte and that many fuzz bytes */
	DAMAGE_DROP,	 /* lost: the console retransmits */
	DAMAGE_COUNT
};

/*
 * Damages d[*len] in place; returns 0 when the datagram is dropped.  Sets
 * *damaged when the input asked for any damage.
 */
static int
conversation_damage(
    struct rd *rd, uint8_t *d, size_t *len, size_t cap, int *damaged)
{
	uint8_t op, a, b;

	if (rd_u8(rd, &op) != 0)
		return 1;
	if (op % DAMAGE_COUNT != DAMAGE_NONE)
		*damaged = 1;
	switch (op % DAMAGE_COUNT) {
	case DAMAGE_TRUNCATE:
		if (rd_u8(rd, &a) == 0 && *len > 0)
			*len = a % *len;
		return 1;
	case DAMAGE_FLIP:
		if (rd_u8(rd, &a) == 0 && rd_u8(rd, &b) == 0 && *len > 0)
			d[a % *len] ^= b != 0 ? b : 0x80;
		return 1;
	case DAMAGE_REPLACE:
		if (rd_u8(rd, &a) != 0)
			return 1;
		if (a > rd_left(rd))
			a = (uint8_t)rd_left(rd);
		if (a > cap)
			a = (uint8_t)cap;
		if (rd_bytes(rd, d, a) == 0)
			*len = a;
		return 1;
	case DAMAGE_DROP:
		return 0;
	default:
		return 1;
	}
}

void
conversation_run(struct rd *rd, conversation_observe_fn *observe, void *arg)
{
	struct responder_config		 rc;
	struct initiator_config		 ic;
	struct initiator_event		 ev;
	struct responder		*r = NULL;
	struct initiator		*in = NULL;
	struct rng			*rng_bmc = NULL, *rng_console = NULL;
	const struct conversation_login *login;
	uint8_t				 to_bmc[RESPONDER_DATAGRAM_MAX],
	    to_console[RESPONDER_DATAGRAM_MAX];
	size_t	 blen = 0, clen, p;
	uint64_t now = 1000;
	unsigned step, requests = 0, answered = 0;
	uint8_t	 choice = 0;
	int	 res, damaged = 0, closed = 0;

	if (crypto_init() != 0)
		abort();
	(void)rd_u8(rd, &choice);
	login = &conversation_logins[choice % CONVERSATION_LOGINS];

	responder_config_defaults(&rc);
	rc.enabled_suites = suite_implemented_mask();
	for (p = 1; p <= 5; p++)
		rc.auth15_enables[p] = 0x17;
	initiator_config_defaults(&ic);
	ic.protocol = login->protocol;
	ic.suite_id = login->suite_id;
	ic.authtype15 = login->authtype15;
	ic.name_len = 5;
	memcpy(ic.name, "admin", 5);
	memcpy(ic.password, conversation_password,
	    sizeof(conversation_password) - 1);
	ic.send_auth_caps = 1;
	ic.set_privilege = (choice & 0x80) != 0;
	rng_bmc = rng_new_seeded(1);
	rng_console = rng_new_seeded(2);
	if (rng_bmc == NULL || rng_console == NULL)
		abort();
	if ((r = responder_new(&rc, &conversation_ops, NULL, rng_bmc)) ==
		NULL ||
	    (in = initiator_new(&ic, rng_console)) == NULL)
		abort();
	if (initiator_start(in, to_bmc, sizeof(to_bmc), &blen) != 0)
		goto out;

	for (step = 0; step < CONVERSATION_STEPS; step++) {
		observe(arg, 0, to_bmc, blen);
		now += 10;
		if (responder_input(r, now, NULL, to_bmc, blen, to_console,
			sizeof(to_console), &clen, NULL) != 1) {
			/* The BMC dropped it (or nothing came back). */
			if (initiator_retransmit(
				in, to_bmc, sizeof(to_bmc), &blen) != 0)
				break;
			continue;
		}
		if (clen == 0 || clen > sizeof(to_console))
			abort();
		if (!conversation_damage(
			rd, to_console, &clen, sizeof(to_console), &damaged)) {
			if (initiator_retransmit(
				in, to_bmc, sizeof(to_bmc), &blen) != 0)
				break;
			continue;
		}
		observe(arg, 1, to_console, clen);
		res = initiator_input(
		    in, to_console, clen, to_bmc, sizeof(to_bmc), &blen, &ev);
		if (res < 0 || res == INITIATOR_FAILED_RESULT)
			break;
		switch (res) {
		case INITIATOR_SEND:
			break;
		case INITIATOR_IGNORED:
			if (initiator_retransmit(
				in, to_bmc, sizeof(to_bmc), &blen) != 0)
				goto out;
			break;
		case INITIATOR_DONE:
		case INITIATOR_RESPONSE:
			if (res == INITIATOR_RESPONSE) {
				if (ev.rsp.data_len > sizeof(ev.rsp_buf))
					abort();
				if (requests > CONVERSATION_REQUESTS) {
					closed = 1;
					goto out;
				}
				answered++;
			}
			if (requests++ < CONVERSATION_REQUESTS) {
				uint8_t data[2] = {(uint8_t)requests, 0x5a};

				if (initiator_request(in, IPMI_NETFN_APP, 0x01,
					data, sizeof(data), to_bmc,
					sizeof(to_bmc), &blen) != 0)
					goto out;
			} else if (initiator_close(
				       in, to_bmc, sizeof(to_bmc), &blen) != 0)
				goto out;
			break;
		default:
			abort();
		}
	}
out:
	/* Undamaged, every login completes: the harness itself is sound. */
	if (!damaged && (answered != CONVERSATION_REQUESTS || !closed))
		abort();
	initiator_free(in);
	responder_free(r);
	rng_free(rng_console);
	rng_free(rng_bmc);
}
