/*
 * The LAN channel (IPMI 2.0 chapter 22): channel access and info, and
 * the cipher suites it offers.  Its policy in force is b->channel, the
 * non-volatile form b->nonvolatile.
 */
#include <string.h>

#include "bmc_impl.h"
#include "ct.h"
#include "log.h"
#include "suite.h"

/* The IPMI forum's IANA number, for Get Channel Info (§22.24). */
#define IPMI_FORUM_IANA 7154

/* Channel medium and protocol types (IPMI 2.0 tables 6-3, 6-2). */
#define MEDIUM_IPMB   0x01
#define MEDIUM_LAN    0x04
#define MEDIUM_SYSTEM 0x0c
#define PROTOCOL_IPMB 0x01
#define PROTOCOL_KCS  0x05
#define SESSION_LESS  0x00
#define SESSION_MULTI 0x80

/* Get Channel Cipher Suites record tags (§22.15.1). */
#define SUITE_RECORD_STANDARD 0xc0
#define SUITE_TAG_INTEG	      0x40
#define SUITE_TAG_CONF	      0x80
#define SUITE_CHUNK_LEN	      16

/*
 * §22.22.  Bits 7:6 of each byte say which form (volatile or
 * non-volatile) to set, or to leave that byte alone.
 */
static uint8_t
channel_set_channel_access(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_channel_access *nv = &b->nonvolatile;
	struct model_channel	  *v = &b->channel;
	uint8_t			   chan, access, priv, access_op, priv_op;
	uint8_t			   mode, limit;

	if (rd_u8(&ctx->in, &chan) != 0 || rd_u8(&ctx->in, &access) != 0 ||
	    rd_u8(&ctx->in, &priv) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	access_op = access >> 6;
	priv_op = priv >> 6;
	mode = access & 0x07;
	limit = priv & 0x0f;
	if (access_op == 3 || priv_op == 3)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (access_op != 0 && mode > 3)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (priv_op != 0 &&
	    (limit < IPMI_PRIV_CALLBACK || limit > IPMI_PRIV_OEM))
		return IPMI_CC_INVALID_DATA_FIELD;

	if (access_op == 1) {
		nv->alerting = (access & 0x20) ? 0 : 1;
		nv->per_message_auth = (access & 0x10) ? 0 : 1;
		nv->user_level_auth = (access & 0x08) ? 0 : 1;
		nv->access_mode = mode;
	} else if (access_op == 2) {
		v->alerting = (access & 0x20) ? 0 : 1;
		v->per_message_auth = (access & 0x10) ? 0 : 1;
		v->user_level_auth = (access & 0x08) ? 0 : 1;
		v->access_mode = mode;
	}
	if (priv_op == 1)
		nv->priv_limit = limit;
	else if (priv_op == 2)
		v->priv_limit = limit;
	if (access_op == 1 || priv_op == 1)
		b->state_generation++;
	if (access_op == 2 || priv_op == 2) {
		bmc_channel_changed(b, ctx->req);
		bmc_log(b,
		    "channel %u access mode %u, privilege limit "
		    "%u (Set Channel Access)",
		    v->number, v->access_mode, v->priv_limit);
	}
	return IPMI_CC_OK;
}

/* §22.23. */
static uint8_t
channel_get_channel_access(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_channel_access a;
	uint8_t			  chan, which;

	if (rd_u8(&ctx->in, &chan) != 0 || rd_u8(&ctx->in, &which) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	switch (which >> 6) {
	case 1:
		a = b->nonvolatile;
		break;
	case 2:
		a.access_mode = b->channel.access_mode;
		a.priv_limit = b->channel.priv_limit;
		a.per_message_auth = b->channel.per_message_auth;
		a.user_level_auth = b->channel.user_level_auth;
		a.alerting = b->channel.alerting;
		break;
	default:
		return IPMI_CC_INVALID_DATA_FIELD;
	}
	/* The wire says "disabled" where we keep "enabled". */
	wr_u8(&ctx->out,
	    (uint8_t)((a.alerting ? 0 : 0x20) |
		(a.per_message_auth ? 0 : 0x10) |
		(a.user_level_auth ? 0 : 0x08) | (a.access_mode & 0x07)));
	wr_u8(&ctx->out, a.priv_limit & 0x0f);
	return IPMI_CC_OK;
}

/*
 * §22.24: the LAN channel, the primary IPMB (0) and the system
 * interface (Fh) exist; Eh is the channel the request came in on.
 */
static uint8_t
channel_get_channel_info(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_session_ops *ops = ctx->req->sessions;
	uint8_t				chan, medium, protocol, sessions;
	unsigned			active;

	if (rd_u8(&ctx->in, &chan) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	chan &= 0x0f;
	if (bmc_lan_channel(b, ctx->req, chan) >= 0) {
		chan = b->channel.number;
		medium = MEDIUM_LAN;
		protocol = PROTOCOL_IPMB;
		if (ops != NULL && ops->active_count_cb != NULL)
			active = ops->active_count_cb(ctx->req->sessions_arg);
		else
			active = ctx->req->in_session ? 1 : 0;
		sessions = (uint8_t)(SESSION_MULTI | (active & 0x3f));
	} else if (chan == BMC_CHANNEL_IPMB) {
		medium = MEDIUM_IPMB;
		protocol = PROTOCOL_IPMB;
		sessions = SESSION_LESS;
	} else if (chan == BMC_CHANNEL_SYSTEM) {
		medium = MEDIUM_SYSTEM;
		protocol = PROTOCOL_KCS;
		sessions = SESSION_LESS;
	} else
		return IPMI_CC_INVALID_DATA_FIELD;
	wr_u8(&ctx->out, chan);
	wr_u8(&ctx->out, medium);
	wr_u8(&ctx->out, protocol);
	wr_u8(&ctx->out, sessions);
	wr_u8(&ctx->out, IPMI_FORUM_IANA & 0xff);
	wr_u8(&ctx->out, (IPMI_FORUM_IANA >> 8) & 0xff);
	wr_u8(&ctx->out, (IPMI_FORUM_IANA >> 16) & 0xff);
	wr_u16le(&ctx->out, 0); /* auxiliary info: none */
	return IPMI_CC_OK;
}

/*
 * The record stream of §22.15.1 for the enabled, implemented suites:
 * by suite (C0h, ID, auth, integrity | 40h, confidentiality | 80h), or
 * by algorithm (each algorithm once, with its tag).
 */
static size_t
cipher_suite_records(
    const struct bmc *b, int by_suite, uint8_t *buf, size_t cap)
{
	const struct suite *s;
	struct wr	    w;
	uint64_t	    seen = 0; /* algorithms listed, 16 bits per kind */
	uint8_t		    tagged[3];
	unsigned	    id, k;

	wr_init(&w, buf, cap);
	for (id = 0; id < SUITE_COUNT; id++) {
		if (!(b->channel.enabled_suites & (1u << id)) ||
		    (s = suite_by_id(id)) == NULL || !s->implemented)
			continue;
		tagged[0] = s->auth_alg & 0x3f;
		tagged[1] = (uint8_t)(SUITE_TAG_INTEG | (s->integ_alg & 0x3f));
		tagged[2] = (uint8_t)(SUITE_TAG_CONF | (s->conf_alg & 0x3f));
		if (by_suite) {
			wr_u8(&w, SUITE_RECORD_STANDARD);
			wr_u8(&w, (uint8_t)id);
			wr_bytes(&w, tagged, sizeof(tagged));
			continue;
		}
		for (k = 0; k < 3; k++) {
			unsigned bit = k * 16 + (tagged[k] & 0x0f);

			if (seen & ((uint64_t)1 << bit))
				continue;
			seen |= (uint64_t)1 << bit;
			wr_u8(&w, tagged[k]);
		}
	}
	return wr_len(&w);
}

/*
 * §22.15: 16 bytes of the record stream per list index; a reply with
 * fewer than 16 is the last (ipmitool and FreeIPMI stop there).
 */
static uint8_t
channel_get_channel_cipher_suites(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t records[SUITE_COUNT * 5];
	uint8_t chan, payload, list;
	size_t	len, start, n;

	if (rd_u8(&ctx->in, &chan) != 0 || rd_u8(&ctx->in, &payload) != 0 ||
	    rd_u8(&ctx->in, &list) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	/* IPMI messages and SOL use the same suites. */
	if ((payload & 0x3f) > 1)
		return IPMI_CC_INVALID_DATA_FIELD;
	len = cipher_suite_records(
	    b, (list & 0x80) != 0, records, sizeof(records));
	start = (size_t)(list & 0x3f) * SUITE_CHUNK_LEN;
	n = start < len ? len - start : 0;
	if (n > SUITE_CHUNK_LEN)
		n = SUITE_CHUNK_LEN;
	wr_u8(&ctx->out, b->channel.number);
	if (n > 0)
		wr_bytes(&ctx->out, records + start, n);
	return IPMI_CC_OK;
}

void
bmc_channel_policy(const struct bmc *b, struct model_channel *out)
{
	*out = b->channel;
}

int
bmc_lan_channel(
    const struct bmc *b, const struct model_request *req, uint8_t channel)
{
	(void)req;
	if (channel == BMC_CHANNEL_CURRENT || channel == b->channel.number)
		return b->channel.number;
	return -1;
}

void
bmc_channel_changed(struct bmc *b, const struct model_request *req)
{
	b->policy_generation++;
	if (req->sessions != NULL && req->sessions->channel_changed_cb != NULL)
		req->sessions->channel_changed_cb(req->sessions_arg);
}

#define APP   IPMI_NETFN_APP
#define CB    IPMI_PRIV_CALLBACK
#define USER  IPMI_PRIV_USER
#define ADMIN IPMI_PRIV_ADMIN

/* Privileges of IPMI 2.0 appendix G, table G-1. */
static const struct cmd_entry channel_cmds[] = {
    /* netfn, cmd, privilege, min, max, sessionless, handler, name */
    {APP, CMD_APP_SET_CHANNEL_ACCESS, ADMIN, 3, 3, 0,
	channel_set_channel_access, "Set Channel Access"},
    {APP, CMD_APP_GET_CHANNEL_ACCESS, USER, 2, 2, 0, channel_get_channel_access,
	"Get Channel Access"},
    {APP, CMD_APP_GET_CHANNEL_INFO, USER, 1, 1, 0, channel_get_channel_info,
	"Get Channel Info"},
    /* §22.15: asked before a session, to pick a suite. */
    {APP, CMD_APP_GET_CHANNEL_CIPHER_SUITES, CB, 3, 3, 1,
	channel_get_channel_cipher_suites, "Get Channel Cipher Suites"},
};

static void
channel_access_from(struct bmc_channel_access *a, const struct model_channel *c)
{
	a->access_mode = c->access_mode;
	a->priv_limit = c->priv_limit;
	a->per_message_auth = c->per_message_auth;
	a->user_level_auth = c->user_level_auth;
	a->alerting = c->alerting;
}

static int
channel_init(struct bmc *b, uint64_t now_ms)
{
	(void)now_ms;
	b->channel = b->model->channel;
	channel_access_from(&b->nonvolatile, &b->model->channel);
	return 0;
}

/* ---- saved state: [channel], the non-volatile access ---- */

static void
channel_save(const struct bmc *b, struct bmc_state_out *t)
{
	const struct bmc_channel_access *nv = &b->nonvolatile;

	bmc_state_printf(t,
	    "\n[channel]\naccess_mode = %u\nprivilege_limit = %u\n"
	    "per_message_auth = %u\nuser_level_auth = %u\nalerting = %u\n",
	    nv->access_mode, nv->priv_limit, nv->per_message_auth,
	    nv->user_level_auth, nv->alerting);
}

static int
channel_load(struct bmc *b, const char *section, const char *name,
    const char *value, struct bmc_state_in *in)
{
	struct bmc_channel_access *nv = &b->nonvolatile;
	unsigned long		   v;

	if (strcmp(section, "channel") != 0)
		return 0;
	if (strcmp(name, "access_mode") == 0) {
		if (bmc_state_uint(value, 3, &v) != 0)
			bmc_state_problem(in, "access_mode must be 0..3");
		else
			nv->access_mode = (uint8_t)v;
	} else if (strcmp(name, "privilege_limit") == 0) {
		if (bmc_state_uint(value, IPMI_PRIV_OEM, &v) != 0 ||
		    v < IPMI_PRIV_CALLBACK)
			bmc_state_problem(in, "privilege_limit must be 1..5");
		else
			nv->priv_limit = (uint8_t)v;
	} else if (strcmp(name, "per_message_auth") == 0 ||
	    strcmp(name, "user_level_auth") == 0 ||
	    strcmp(name, "alerting") == 0) {
		if (bmc_state_uint(value, 1, &v) != 0)
			bmc_state_problem(in, "%s must be 0 or 1", name);
		else if (name[0] == 'p')
			nv->per_message_auth = (uint8_t)v;
		else if (name[0] == 'u')
			nv->user_level_auth = (uint8_t)v;
		else
			nv->alerting = (uint8_t)v;
	} else
		bmc_state_problem(in, "unknown key '%s' in [channel]", name);
	return 1;
}

static void
channel_volatile_from_nonvolatile(struct bmc *b)
{
	b->channel.access_mode = b->nonvolatile.access_mode;
	b->channel.priv_limit = b->nonvolatile.priv_limit;
	b->channel.per_message_auth = b->nonvolatile.per_message_auth;
	b->channel.user_level_auth = b->nonvolatile.user_level_auth;
	b->channel.alerting = b->nonvolatile.alerting;
}

/* Loaded at start, which is a reset: volatile = non-volatile. */
static void
channel_loaded(struct bmc *b)
{
	channel_volatile_from_nonvolatile(b);
}

/* §20.2: the channel access returns to its non-volatile form. */
static void
channel_reset(struct bmc *b, const struct model_request *req)
{
	channel_volatile_from_nonvolatile(b);
	bmc_channel_changed(b, req);
}

static void
channel_free(struct bmc *b)
{
	ct_wipe(b->channel.kg, sizeof(b->channel.kg));
}

const struct bmc_area bmc_area_channel = {
    .name = "channel",
    .cmds = channel_cmds,
    .ncmds = sizeof(channel_cmds) / sizeof(channel_cmds[0]),
    .init_cb = channel_init,
    .free_cb = channel_free,
    .reset_cb = channel_reset,
    .save_cb = channel_save,
    .load_cb = channel_load,
    .loaded_cb = channel_loaded,
};
