/*
 * App commands (IPMI 2.0 chapters 20 and 22): device identity, resets,
 * ACPI state, sessions, channels and users.
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

/* Set User Password operations (§22.30). */
#define PASSWORD_DISABLE       0
#define PASSWORD_ENABLE	       1
#define PASSWORD_SET	       2
#define PASSWORD_TEST	       3
#define CC_PASSWORD_MISMATCH   0x80
#define CC_PASSWORD_WRONG_SIZE 0x81

/* Get Channel Cipher Suites record tags (§22.15.1). */
#define SUITE_RECORD_STANDARD 0xc0
#define SUITE_TAG_INTEG	      0x40
#define SUITE_TAG_CONF	      0x80
#define SUITE_CHUNK_LEN	      16

/* §20.1. */
uint8_t
cmd_app_get_device_id(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_identity *id = &b->model->identity;

	wr_u8(&ctx->out, id->device_id);
	wr_u8(&ctx->out,
	    (uint8_t)((id->provides_sdrs ? 0x80 : 0) |
		(id->device_revision & 0x0f)));
	/* Bit 7 clear: normal operation, not updating firmware. */
	wr_u8(&ctx->out, id->fw_major & 0x7f);
	wr_u8(&ctx->out, id->fw_minor_bcd);
	wr_u8(&ctx->out, id->ipmi_version);
	wr_u8(&ctx->out, id->additional_support);
	wr_u8(&ctx->out, (uint8_t)id->manufacturer_id);
	wr_u8(&ctx->out, (uint8_t)(id->manufacturer_id >> 8));
	wr_u8(&ctx->out, (uint8_t)(id->manufacturer_id >> 16) & 0x0f);
	wr_u16le(&ctx->out, id->product_id);
	if (id->has_aux_firmware)
		wr_bytes(&ctx->out, id->aux_firmware, sizeof(id->aux_firmware));
	return IPMI_CC_OK;
}

/*
 * §20.2: the BMC resets.  Sessions survive here (the server owns them);
 * what a reset does to our state is what the spec says volatile means:
 * the channel access returns to its non-volatile form.
 */
uint8_t
cmd_app_cold_reset(struct bmc *b, struct bmc_cmd *ctx)
{
	b->channel.access_mode = b->nonvolatile.access_mode;
	b->channel.priv_limit = b->nonvolatile.priv_limit;
	b->channel.per_message_auth = b->nonvolatile.per_message_auth;
	b->channel.user_level_auth = b->nonvolatile.user_level_auth;
	b->channel.alerting = b->nonvolatile.alerting;
	b->boot.set_in_progress = 0;
	b->identify = BMC_IDENTIFY_OFF;
	b->identify_deadline_ms = UINT64_MAX;
	bmc_channel_changed(b, ctx->req);
	bmc_log(b, "cold reset");
	return IPMI_CC_OK;
}

/* §20.3: nothing volatile is lost in a warm reset. */
uint8_t
cmd_app_warm_reset(struct bmc *b, struct bmc_cmd *ctx)
{
	bmc_log(b, "warm reset");
	return IPMI_CC_OK;
}

/* §20.4: 55h 00h, no error. */
uint8_t
cmd_app_get_self_test(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, 0x55);
	wr_u8(&ctx->out, 0x00);
	return IPMI_CC_OK;
}

static int
acpi_system_state_valid(uint8_t s)
{
	/* S0/G0 .. G1, legacy on/off, unknown (§20.6, table 20-5). */
	return s <= 0x0a || s == 0x20 || s == 0x21 || s == 0x2a;
}

static int
acpi_device_state_valid(uint8_t s)
{
	return s <= 0x03 || s == 0x2a;
}

/* §20.6: system software tells the BMC; power is not switched. */
uint8_t
cmd_app_set_acpi_power_state(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t sys, dev, sys_state, dev_state;

	if (rd_u8(&ctx->in, &sys) != 0 || rd_u8(&ctx->in, &dev) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	sys_state = sys & 0x7f;
	dev_state = dev & 0x7f;
	if ((sys & 0x80) && sys_state != BMC_ACPI_NO_CHANGE &&
	    !acpi_system_state_valid(sys_state))
		return IPMI_CC_INVALID_DATA_FIELD;
	if ((dev & 0x80) && dev_state != BMC_ACPI_NO_CHANGE &&
	    !acpi_device_state_valid(dev_state))
		return IPMI_CC_INVALID_DATA_FIELD;
	if ((sys & 0x80) && sys_state != BMC_ACPI_NO_CHANGE)
		b->acpi_system = sys_state;
	if ((dev & 0x80) && dev_state != BMC_ACPI_NO_CHANGE)
		b->acpi_device = dev_state;
	return IPMI_CC_OK;
}

/* §20.7. */
uint8_t
cmd_app_get_acpi_power_state(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, b->acpi_system);
	wr_u8(&ctx->out, b->acpi_device);
	return IPMI_CC_OK;
}

/* §20.8, least significant byte first, as configured. */
uint8_t
cmd_app_get_device_guid(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_bytes(&ctx->out, b->device_guid, MODEL_GUID_LEN);
	return IPMI_CC_OK;
}

/* §22.14. */
uint8_t
cmd_app_get_system_guid(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_bytes(&ctx->out, b->system_guid, MODEL_GUID_LEN);
	return IPMI_CC_OK;
}

/*
 * §22.20: index 0 is the requester's own session, 1..63 the Nth active
 * one, FEh a handle, FFh a session ID.  An index with no session
 * answers the first three bytes only.
 */
uint8_t
cmd_app_get_session_info(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_session_ops *ops = ctx->req->sessions;
	struct model_session_info	info;
	enum model_session_key		key;
	uint32_t			value, active;
	uint8_t				index, handle;
	int				found;

	if (rd_u8(&ctx->in, &index) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (index == 0xfe) {
		if (rd_u8(&ctx->in, &handle) != 0 || rd_end(&ctx->in) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		key = MODEL_SESSION_BY_HANDLE;
		value = handle;
	} else if (index == 0xff) {
		if (rd_u32le(&ctx->in, &value) != 0 || rd_end(&ctx->in) != 0)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		key = MODEL_SESSION_BY_ID;
	} else if (rd_end(&ctx->in) != 0) {
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	} else if (index == 0) {
		key = MODEL_SESSION_BY_HANDLE;
		value = ctx->req->session_handle;
	} else if (index <= 63) {
		key = MODEL_SESSION_BY_INDEX;
		value = index;
	} else
		return IPMI_CC_INVALID_DATA_FIELD;

	memset(&info, 0, sizeof(info));
	if (ops != NULL && ops->session_info_cb != NULL)
		found = ops->session_info_cb(
			    ctx->req->sessions_arg, key, value, &info) == 0;
	else if (index == 0 && ctx->req->in_session) {
		/* No session layer to ask: what the request says. */
		info.handle = ctx->req->session_handle;
		info.user_id = ctx->req->user_id;
		info.privilege = ctx->req->privilege;
		info.ipmi15 = ctx->req->ipmi15;
		info.channel = ctx->req->channel;
		found = 1;
	} else
		found = 0;
	if (!found && (index == 0xfe || index == 0xff))
		return IPMI_CC_INVALID_DATA_FIELD;

	if (ops != NULL && ops->active_count_cb != NULL)
		active = ops->active_count_cb(ctx->req->sessions_arg);
	else
		active = ctx->req->in_session ? 1 : 0;
	wr_u8(&ctx->out, found ? info.handle : 0);
	wr_u8(&ctx->out, b->channel.max_sessions & 0x3f);
	wr_u8(&ctx->out, (uint8_t)(active & 0x3f));
	if (!found)
		return IPMI_CC_OK;
	wr_u8(&ctx->out, info.user_id & 0x3f);
	wr_u8(&ctx->out, info.privilege & 0x0f);
	wr_u8(&ctx->out,
	    (uint8_t)((info.ipmi15 ? 0x00 : 0x10) | (info.channel & 0x0f)));
	/* 802.3 LAN: console IP (MS byte first), MAC, port (LS first). */
	if (info.peer_family == 4)
		wr_bytes(&ctx->out, info.peer_addr, 4);
	else
		wr_fill(&ctx->out, 0, 4);
	wr_fill(&ctx->out, 0, 6);
	wr_u16le(&ctx->out, info.peer_port);
	return IPMI_CC_OK;
}

/*
 * §22.22.  Bits 7:6 of each byte say which form (volatile or
 * non-volatile) to set, or to leave that byte alone.
 */
uint8_t
cmd_app_set_channel_access(struct bmc *b, struct bmc_cmd *ctx)
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
uint8_t
cmd_app_get_channel_access(struct bmc *b, struct bmc_cmd *ctx)
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
uint8_t
cmd_app_get_channel_info(struct bmc *b, struct bmc_cmd *ctx)
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

/* A user ID the BMC reports (§22.27: 1 .. the maximum). */
static int
user_id_valid(const struct bmc *b, uint8_t id)
{
	return id >= 1 && id <= b->channel.max_users && id <= MODEL_USERS_MAX;
}

static void
user_close_sessions(struct bmc *b, const struct model_request *req, uint8_t id)
{
	if (req->sessions != NULL &&
	    req->sessions->close_user_sessions_cb != NULL)
		req->sessions->close_user_sessions_cb(req->sessions_arg, id);
}

/* §22.26. */
uint8_t
cmd_app_set_user_access(struct bmc *b, struct bmc_cmd *ctx)
{
	struct model_user *u;
	uint8_t		   flags, id, priv, limit = 0;
	int		   lost_access, has_limit;

	if (rd_u8(&ctx->in, &flags) != 0 || rd_u8(&ctx->in, &id) != 0 ||
	    rd_u8(&ctx->in, &priv) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	has_limit = rd_left(&ctx->in) > 0;
	if (has_limit && rd_u8(&ctx->in, &limit) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	id &= 0x3f;
	priv &= 0x0f;
	limit &= 0x0f;
	if (bmc_lan_channel(b, ctx->req, flags & 0x0f) < 0 ||
	    !user_id_valid(b, id))
		return IPMI_CC_INVALID_DATA_FIELD;
	if ((priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM) &&
	    priv != IPMI_PRIV_NO_ACCESS)
		return IPMI_CC_INVALID_DATA_FIELD;
	u = &b->users[id];
	if (flags & 0x80) {
		u->callback_only = (flags & 0x40) ? 1 : 0;
		u->link_auth = (flags & 0x20) ? 1 : 0;
		u->ipmi_messaging = (flags & 0x10) ? 1 : 0;
	}
	u->priv_limit = priv;
	if (has_limit)
		u->session_limit = limit;
	lost_access = !u->ipmi_messaging || priv == IPMI_PRIV_NO_ACCESS;
	bmc_user_changed(b, id);
	bmc_log(b,
	    "user %u privilege limit %u, IPMI messaging %s "
	    "(Set User Access)",
	    id, priv, u->ipmi_messaging ? "on" : "off");
	if (lost_access)
		user_close_sessions(b, ctx->req, id);
	return IPMI_CC_OK;
}

/* §22.27. */
uint8_t
cmd_app_get_user_access(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_user *u;
	uint8_t			 chan, id, enabled = 0, status;
	unsigned		 i;

	if (rd_u8(&ctx->in, &chan) != 0 || rd_u8(&ctx->in, &id) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	id &= 0x3f;
	if (bmc_lan_channel(b, ctx->req, chan & 0x0f) < 0 ||
	    !user_id_valid(b, id))
		return IPMI_CC_INVALID_DATA_FIELD;
	for (i = 1; i <= b->channel.max_users && i <= MODEL_USERS_MAX; i++)
		if (b->users[i].defined && b->users[i].enabled)
			enabled++;
	u = &b->users[id];
	/* Byte 2 bits 7:6 (errata 4): 01b enabled, 10b disabled. */
	status = u->defined ? (u->enabled ? 0x40 : 0x80) : 0x00;
	wr_u8(&ctx->out, b->channel.max_users & 0x3f);
	wr_u8(&ctx->out, (uint8_t)(status | (enabled & 0x3f)));
	wr_u8(&ctx->out, 1); /* user 1, the null user, has a fixed name */
	if (u->defined)
		wr_u8(&ctx->out,
		    (uint8_t)((u->callback_only ? 0x40 : 0) |
			(u->link_auth ? 0x20 : 0) |
			(u->ipmi_messaging ? 0x10 : 0) |
			(u->priv_limit & 0x0f)));
	else
		wr_u8(&ctx->out, IPMI_PRIV_NO_ACCESS);
	return IPMI_CC_OK;
}

/*
 * §22.28.  A name for an empty slot makes a user: disabled, no access,
 * until Set User Password and Set User Access say otherwise.  An
 * all-zero name empties the slot again.  User 1's name is fixed.
 */
uint8_t
cmd_app_set_user_name(struct bmc *b, struct bmc_cmd *ctx)
{
	struct model_user *u;
	uint8_t		   id, name[MODEL_NAME_LEN];
	size_t		   len;

	if (rd_u8(&ctx->in, &id) != 0 ||
	    rd_bytes(&ctx->in, name, sizeof(name)) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	id &= 0x3f;
	if (!user_id_valid(b, id) || id == 1)
		return IPMI_CC_INVALID_DATA_FIELD;
	for (len = 0; len < sizeof(name) && name[len] != 0; len++)
		;
	u = &b->users[id];
	if (len == 0) {
		if (u->defined)
			user_close_sessions(b, ctx->req, id);
		ct_wipe(u, sizeof(*u));
		bmc_user_changed(b, id);
		bmc_log(b, "user %u deleted (Set User Name)", id);
		return IPMI_CC_OK;
	}
	if (!u->defined) {
		memset(u, 0, sizeof(*u));
		u->defined = 1;
		u->priv_limit = IPMI_PRIV_NO_ACCESS;
	} else
		/* A renamed user is another login: old sessions go. */
		user_close_sessions(b, ctx->req, id);
	memset(u->name, 0, sizeof(u->name));
	memcpy(u->name, name, len);
	u->name_len = (uint8_t)len;
	bmc_user_changed(b, id);
	bmc_log(b, "user %u named \"%.*s\" (Set User Name)", id, (int)len,
	    (const char *)name);
	return IPMI_CC_OK;
}

/* §22.29: an empty slot has an all-zero name. */
uint8_t
cmd_app_get_user_name(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t id;

	if (rd_u8(&ctx->in, &id) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	id &= 0x3f;
	if (!user_id_valid(b, id))
		return IPMI_CC_INVALID_DATA_FIELD;
	wr_bytes(&ctx->out, b->users[id].name, MODEL_NAME_LEN);
	return IPMI_CC_OK;
}

/*
 * §22.30.  Byte 1 bit 7 picks the 16- or 20-byte form; enable and
 * disable may come without a password.  Testing with the other form
 * than the stored one is 81h, a wrong password 80h.
 */
uint8_t
cmd_app_set_user_password(struct bmc *b, struct bmc_cmd *ctx)
{
	struct model_user *u;
	uint8_t		   byte1, op, id, pw[MODEL_PASSWORD_LEN] = {0};
	size_t		   pwlen;
	int		   form20, match;
	uint8_t		   cc = IPMI_CC_OK;

	if (rd_u8(&ctx->in, &byte1) != 0 || rd_u8(&ctx->in, &op) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	form20 = (byte1 & 0x80) != 0;
	pwlen = form20 ? 20 : 16;
	id = byte1 & 0x3f;
	op &= 0x03;
	if (rd_left(&ctx->in) != 0 || op == PASSWORD_SET ||
	    op == PASSWORD_TEST) {
		if (rd_bytes(&ctx->in, pw, pwlen) != 0 ||
		    rd_end(&ctx->in) != 0) {
			cc = IPMI_CC_REQ_DATA_LEN_INVALID;
			goto out;
		}
	}
	if (!user_id_valid(b, id)) {
		cc = IPMI_CC_INVALID_DATA_FIELD;
		goto out;
	}
	u = &b->users[id];
	switch (op) {
	case PASSWORD_DISABLE:
	case PASSWORD_ENABLE:
		if (!u->defined) {
			cc = IPMI_CC_INVALID_DATA_FIELD;
			goto out;
		}
		u->enabled = op == PASSWORD_ENABLE;
		bmc_user_changed(b, id);
		bmc_log(b, "user %u %s (Set User Password)", id,
		    u->enabled ? "enabled" : "disabled");
		if (!u->enabled)
			user_close_sessions(b, ctx->req, id);
		break;
	case PASSWORD_SET:
		if (!u->defined) {
			/* The null user's slot: a password defines it. */
			if (id != 1) {
				cc = IPMI_CC_INVALID_DATA_FIELD;
				goto out;
			}
			u->defined = 1;
			u->priv_limit = IPMI_PRIV_NO_ACCESS;
		}
		memcpy(u->password, pw, sizeof(u->password));
		u->password20 = (uint8_t)form20;
		bmc_user_changed(b, id);
		bmc_log(b,
		    "user %u password set, %zu-byte form (Set "
		    "User Password)",
		    id, pwlen);
		user_close_sessions(b, ctx->req, id);
		break;
	case PASSWORD_TEST:
		if (!u->defined) {
			cc = IPMI_CC_INVALID_DATA_FIELD;
			goto out;
		}
		match = ct_memeq(u->password, pw, sizeof(u->password));
		if ((u->password20 != 0) != form20)
			cc = CC_PASSWORD_WRONG_SIZE;
		else if (!match)
			cc = CC_PASSWORD_MISMATCH;
		break;
	}
out:
	ct_wipe(pw, sizeof(pw));
	return cc;
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
uint8_t
cmd_app_get_channel_cipher_suites(struct bmc *b, struct bmc_cmd *ctx)
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
