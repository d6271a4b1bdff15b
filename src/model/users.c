/*
 * Users (IPMI 2.0 §22.26-22.30): access, names and passwords as changed
 * over IPMI, kept in b->users.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "ct.h"
#include "err.h"
#include "log.h"

/* Set User Password operations (§22.30). */
#define PASSWORD_DISABLE       0
#define PASSWORD_ENABLE	       1
#define PASSWORD_SET	       2
#define PASSWORD_TEST	       3
#define CC_PASSWORD_MISMATCH   0x80
#define CC_PASSWORD_WRONG_SIZE 0x81

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
static uint8_t
users_set_user_access(struct bmc *b, struct bmc_cmd *ctx)
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
static uint8_t
users_get_user_access(struct bmc *b, struct bmc_cmd *ctx)
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
static uint8_t
users_set_user_name(struct bmc *b, struct bmc_cmd *ctx)
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
		/*
		 * §22.28: the name is ASCII text.  A control byte or one
		 * above 7Eh would reach logs and terminals as it is.
		 */
		if (name[len] < 0x20 || name[len] > 0x7e)
			return IPMI_CC_INVALID_DATA_FIELD;
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
static uint8_t
users_get_user_name(struct bmc *b, struct bmc_cmd *ctx)
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
static uint8_t
users_set_user_password(struct bmc *b, struct bmc_cmd *ctx)
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

int
bmc_user_by_name(const struct bmc *b, const uint8_t *name, size_t len,
    struct model_user *out, uint8_t *id)
{
	unsigned i;

	if (len > MODEL_NAME_LEN)
		return ERR_NOT_FOUND;
	for (i = 1; i <= MODEL_USERS_MAX; i++) {
		const struct model_user *u = &b->users[i];

		if (u->defined && u->name_len == len &&
		    (len == 0 || memcmp(u->name, name, len) == 0)) {
			*out = *u;
			if (id != NULL)
				*id = (uint8_t)i;
			return 0;
		}
	}
	return ERR_NOT_FOUND;
}

int
bmc_user_by_id(const struct bmc *b, uint8_t id, struct model_user *out)
{
	if (id == 0 || id > MODEL_USERS_MAX || !b->users[id].defined)
		return ERR_NOT_FOUND;
	*out = b->users[id];
	return 0;
}

void
bmc_user_changed(struct bmc *b, uint8_t user_id)
{
	b->users_changed |= (uint64_t)1 << user_id;
	b->policy_generation++;
	b->state_generation++;
}

/* ---- saved state: a [user N] section for each user changed ---- */

static void
users_save(const struct bmc *b, struct bmc_state_out *t)
{
	unsigned id;

	for (id = 1; id <= MODEL_USERS_MAX; id++) {
		const struct model_user *u = &b->users[id];

		if (!(b->users_changed & ((uint64_t)1 << id)))
			continue;
		bmc_state_printf(
		    t, "\n[user %u]\ndefined = %u\n", id, u->defined);
		if (!u->defined)
			continue;
		bmc_state_hex(t, "name", u->name, u->name_len);
		bmc_state_hex(t, "password", u->password, MODEL_PASSWORD_LEN);
		bmc_state_printf(t,
		    "password_20 = %u\nenabled = %u\nprivilege_limit = %u\n"
		    "ipmi_messaging = %u\nlink_auth = %u\ncallback_only = %u\n"
		    "session_limit = %u\n",
		    u->password20, u->enabled, u->priv_limit, u->ipmi_messaging,
		    u->link_auth, u->callback_only, u->session_limit);
	}
}

/* The one-byte user fields: name, largest value, where it goes. */
static uint8_t *
users_state_field(struct model_user *u, const char *name, unsigned long *max)
{
	static const struct {
		const char   *name;
		unsigned long max;
		size_t	      offset;
	} fields[] = {
	    {"defined", 1, offsetof(struct model_user, defined)},
	    {"password_20", 1, offsetof(struct model_user, password20)},
	    {"enabled", 1, offsetof(struct model_user, enabled)},
	    {"privilege_limit", IPMI_PRIV_NO_ACCESS,
		offsetof(struct model_user, priv_limit)},
	    {"ipmi_messaging", 1, offsetof(struct model_user, ipmi_messaging)},
	    {"link_auth", 1, offsetof(struct model_user, link_auth)},
	    {"callback_only", 1, offsetof(struct model_user, callback_only)},
	    {"session_limit", 15, offsetof(struct model_user, session_limit)},
	};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].name, name) == 0) {
			*max = fields[i].max;
			return (uint8_t *)u + fields[i].offset;
		}
	return NULL;
}

static void
users_load_user(struct bmc *b, unsigned id, const char *name, const char *value,
    struct bmc_state_in *in)
{
	struct model_user *u = &b->users[id];
	uint8_t		   buf[MODEL_PASSWORD_LEN];
	uint8_t		  *field;
	unsigned long	   v, max;
	size_t		   n;

	if (strcmp(name, "name") == 0) {
		if (bmc_state_hex_parse(value, buf, MODEL_NAME_LEN, &n) != 0)
			bmc_state_problem(
			    in, "name must be up to 16 bytes of hex");
		else {
			memset(u->name, 0, sizeof(u->name));
			memcpy(u->name, buf, n);
			u->name_len = (uint8_t)n;
		}
	} else if (strcmp(name, "password") == 0) {
		if (bmc_state_hex_parse(value, buf, MODEL_PASSWORD_LEN, &n) !=
		    0)
			bmc_state_problem(
			    in, "password must be up to 20 bytes of hex");
		else {
			memset(u->password, 0, sizeof(u->password));
			memcpy(u->password, buf, n);
		}
	} else if ((field = users_state_field(u, name, &max)) != NULL) {
		if (bmc_state_uint(value, max, &v) != 0)
			bmc_state_problem(in, "%s must be 0..%lu", name, max);
		else if (strcmp(name, "defined") == 0 && v == 0)
			ct_wipe(u, sizeof(*u));
		else
			*field = (uint8_t)v;
	} else
		bmc_state_problem(
		    in, "unknown key '%s' in [user %u]", name, id);
	ct_wipe(buf, sizeof(buf));
	b->users_changed |= (uint64_t)1 << id;
}

/* "[user N]", N a user ID (1 .. MODEL_USERS_MAX); others are not ours. */
static int
users_load(struct bmc *b, const char *section, const char *key,
    const char *value, struct bmc_state_in *in)
{
	unsigned long id;
	char	     *end;

	if (strncmp(section, "user ", 5) != 0 ||
	    !isdigit((unsigned char)section[5]))
		return 0;
	id = strtoul(section + 5, &end, 10);
	if (id < 1 || id > MODEL_USERS_MAX || *end != '\0')
		return 0;
	if (!(b->users_changed & ((uint64_t)1 << id)))
		b->state_found.users++;
	users_load_user(b, (unsigned)id, key, value, in);
	return 1;
}

#define APP   IPMI_NETFN_APP
#define OPER  IPMI_PRIV_OPERATOR
#define ADMIN IPMI_PRIV_ADMIN

/* Privileges of IPMI 2.0 appendix G, table G-1. */
static const struct cmd_entry users_cmds[] = {
    /* netfn, cmd, privilege, min, max, sessionless, handler, name */
    /* The session limit byte is optional. */
    {APP, CMD_APP_SET_USER_ACCESS, ADMIN, 3, 4, 0, users_set_user_access,
	"Set User Access"},
    {APP, CMD_APP_GET_USER_ACCESS, OPER, 2, 2, 0, users_get_user_access,
	"Get User Access"},
    {APP, CMD_APP_SET_USER_NAME, ADMIN, 17, 17, 0, users_set_user_name,
	"Set User Name"},
    {APP, CMD_APP_GET_USER_NAME, OPER, 1, 1, 0, users_get_user_name,
	"Get User Name"},
    /* 2 (enable, disable), 18 or 22 bytes: the handler decides. */
    {APP, CMD_APP_SET_USER_PASSWORD, ADMIN, 2, 22, 0, users_set_user_password,
	"Set User Password"},
};

static int
users_init(struct bmc *b, uint64_t now_ms)
{
	(void)now_ms;
	memcpy(b->users, b->model->users, sizeof(b->users));
	return 0;
}

static void
users_free(struct bmc *b)
{
	ct_wipe(b->users, sizeof(b->users));
}

const struct bmc_area bmc_area_users = {
    .name = "users",
    .cmds = users_cmds,
    .ncmds = sizeof(users_cmds) / sizeof(users_cmds[0]),
    .init_cb = users_init,
    .free_cb = users_free,
    .save_cb = users_save,
    .load_cb = users_load,
};
