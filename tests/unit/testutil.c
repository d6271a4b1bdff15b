#include <check.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "hexdump.h"
#include "suite.h"
#include "testutil.h"

size_t
tu_hex(const char *text, uint8_t *out, size_t cap)
{
	size_t n;

	if (hexdump_parse(text, out, cap, &n) != 0)
		ck_abort_msg("bad hex: %s", text);
	return n;
}

static void
tu_print(FILE *fp, const char *what, const uint8_t *p, size_t n)
{
	fprintf(fp, "%s (%zu bytes):\n", what, n);
	hexdump_fp(fp, "  ", p, n);
}

void
tu_assert_bytes_at(const char *file, int line, const char *what,
    const uint8_t *got, size_t gotlen, const uint8_t *want, size_t wantlen)
{
	size_t i;

	if (gotlen == wantlen &&
	    (gotlen == 0 || memcmp(got, want, gotlen) == 0))
		return;
	fprintf(stderr, "%s:%d: %s differs\n", file, line, what);
	tu_print(stderr, "got", got, gotlen);
	tu_print(stderr, "want", want, wantlen);
	for (i = 0; i < gotlen && i < wantlen && got[i] == want[i]; i++)
		;
	ck_abort_msg("%s:%d: %s differs at byte %zu (lengths %zu, %zu)", file,
	    line, what, i, gotlen, wantlen);
}

void
tu_bmc_init(struct tu_bmc *b)
{
	memset(b, 0, sizeof(*b));
}

uint8_t
tu_bmc_add_user(struct tu_bmc *b, const char *name, const char *password,
    uint8_t priv_limit)
{
	struct responder_user *u;

	ck_assert_uint_lt(b->nusers, TU_USERS_MAX);
	u = &b->users[b->nusers++];
	memset(u, 0, sizeof(*u));
	/* ID 1 is the null user in IPMI; named users start at 2. */
	u->id = (uint8_t)(b->nusers + 1);
	u->name_len = (uint8_t)strlen(name);
	memcpy(u->name, name, u->name_len);
	memcpy(u->password, password, strlen(password));
	u->enabled = 1;
	u->priv_limit = priv_limit;
	return u->id;
}

void
tu_bmc_answer(struct tu_bmc *b, uint8_t netfn, uint8_t cmd, uint8_t cc,
    const uint8_t *data, size_t len)
{
	ck_assert_uint_lt(b->nanswers, 16);
	ck_assert_uint_le(len, 64);
	b->answers[b->nanswers].netfn = netfn;
	b->answers[b->nanswers].cmd = cmd;
	b->answers[b->nanswers].cc = cc;
	if (len > 0)
		memcpy(b->answers[b->nanswers].data, data, len);
	b->answers[b->nanswers].len = len;
	b->nanswers++;
}

static int
tu_user_by_name_cb(
    void *arg, const uint8_t *name, size_t len, struct responder_user *out)
{
	struct tu_bmc *b = arg;
	unsigned       i;

	for (i = 0; i < b->nusers; i++)
		if (b->users[i].name_len == len &&
		    memcmp(b->users[i].name, name, len) == 0) {
			*out = b->users[i];
			return 0;
		}
	return ERR_NOT_FOUND;
}

static int
tu_user_by_id_cb(void *arg, uint8_t id, struct responder_user *out)
{
	struct tu_bmc *b = arg;
	unsigned       i;

	for (i = 0; i < b->nusers; i++)
		if (b->users[i].id == id) {
			*out = b->users[i];
			return 0;
		}
	return ERR_NOT_FOUND;
}

/* The bridged response a tracked Send Message brings back (§6.12.2). */
static void
tu_bridged_followup(const struct tu_bmc *b, const struct ipmi_req *req,
    struct responder_reply *rp)
{
	struct ipmi_rsp rsp;

	if (rp->followup_cap == 0)
		return;
	memset(&rsp, 0, sizeof(rsp));
	rsp.rq_addr = req->rq_addr;
	rsp.netfn = IPMI_NETFN_SENSOR | 1;
	rsp.rq_lun = req->rq_lun;
	rsp.rs_addr = IPMIMSG_BMC_ADDR;
	rsp.rq_seq = req->rq_seq;
	rsp.rs_lun = 1;
	rsp.cmd = 0x2d;
	rsp.data = b->bridged;
	rsp.data_len = b->bridged_len;
	ck_assert_int_eq(ipmimsg_encode_rsp(&rsp, rp->followup,
			     rp->followup_cap, &rp->followup_len),
	    0);
}

static void
tu_request_cb(
    void *arg, const struct responder_request *rq, struct responder_reply *rp)
{
	struct tu_bmc *b = arg;
	unsigned       i;

	b->calls++;
	b->last = *rq;
	b->last_len = rq->msg->data_len < 64 ? rq->msg->data_len : 64;
	memcpy(b->last_data, rq->msg->data, b->last_len);
	b->last.msg = NULL;
	rp->cc = 0xc1;
	rp->len = 0;
	for (i = 0; i < b->nanswers; i++)
		if (b->answers[i].netfn == rq->msg->netfn &&
		    b->answers[i].cmd == rq->msg->cmd) {
			b->executed[i]++;
			rp->cc = b->answers[i].cc;
			memcpy(rp->data, b->answers[i].data, b->answers[i].len);
			rp->len = b->answers[i].len;
			if (rq->msg->netfn == IPMI_NETFN_APP &&
			    rq->msg->cmd == 0x34 && b->bridged_len > 0)
				tu_bridged_followup(b, rq->msg, rp);
			return;
		}
}

const struct responder_ops tu_bmc_ops = {
    .user_by_name_cb = tu_user_by_name_cb,
    .user_by_id_cb = tu_user_by_id_cb,
    .request_cb = tu_request_cb,
};

void
tu_config_all_suites(struct responder_config *c)
{
	responder_config_defaults(c);
	c->enabled_suites = suite_implemented_mask();
}

int
tu_login(struct responder *r, struct initiator *in, uint64_t now,
    struct initiator_event *ev, enum responder_drop *drop)
{
	uint8_t a[RESPONDER_DATAGRAM_MAX], b[RESPONDER_DATAGRAM_MAX];
	size_t	alen, blen;
	int	rc, steps;

	ck_assert_int_eq(initiator_start(in, a, sizeof(a), &alen), 0);
	for (steps = 0; steps < 16; steps++) {
		if (!responder_input(
			r, now, NULL, a, alen, b, sizeof(b), &blen, drop))
			return -1;
		rc = initiator_input(in, b, blen, a, sizeof(a), &alen, ev);
		ck_assert_int_gt(rc, 0);
		if (rc != INITIATOR_SEND)
			return rc;
	}
	ck_abort_msg("login did not finish");
	return -1;
}

int
tu_call(struct responder *r, struct initiator *in, uint64_t now, uint8_t netfn,
    uint8_t cmd, const uint8_t *data, size_t len, struct initiator_event *ev,
    enum responder_drop *drop)
{
	uint8_t a[RESPONDER_DATAGRAM_MAX], b[RESPONDER_DATAGRAM_MAX];
	size_t	alen, blen;

	ck_assert_int_eq(
	    initiator_request(in, netfn, cmd, data, len, a, sizeof(a), &alen),
	    0);
	if (!responder_input(r, now, NULL, a, alen, b, sizeof(b), &blen, drop))
		return -1;
	return initiator_input(in, b, blen, a, sizeof(a), &alen, ev);
}

void
tu_initiator_config(
    struct initiator_config *c, const char *user, const char *password)
{
	initiator_config_defaults(c);
	c->name_len = (uint8_t)strlen(user);
	memcpy(c->name, user, c->name_len);
	memcpy(c->password, password, strlen(password));
}
