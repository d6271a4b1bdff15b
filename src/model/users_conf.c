/*
 * [user N] of bmcsim.ini(5): the users a BMC starts with (IPMI 2.0 §22.26
 * to §22.30), user 1 being the null user.
 */
#include <stddef.h>
#include <string.h>

#include "config.h"
#include "conf.h"
#include "err.h"
#include "ipmimsg.h"
#include "model.h"

/* Privilege names (config.h): the users' and the channel's limits. */
static const struct ini_name priv_names[] = {
    {"callback", IPMI_PRIV_CALLBACK},
    {"user", IPMI_PRIV_USER},
    {"operator", IPMI_PRIV_OPERATOR},
    {"admin", IPMI_PRIV_ADMIN},
    {"administrator", IPMI_PRIV_ADMIN},
    {"oem", IPMI_PRIV_OEM},
    {"none", IPMI_PRIV_NO_ACCESS},
    {NULL, 0},
};

int
config_parse_priv(const char *s, uint8_t *out)
{
	const struct ini_name *n;

	for (n = priv_names; n->name != NULL; n++) {
		if (strcasecmp(s, n->name) == 0) {
			*out = n->value;
			return 0;
		}
	}
	return ERR_CONFIG;
}

const char *
config_priv_name(uint8_t priv)
{
	const struct ini_name *n;

	for (n = priv_names; n->name != NULL; n++)
		if (n->value == priv)
			return n->name;
	return "unknown";
}

struct users_conf_state {
	unsigned name_line[MODEL_USERS_MAX + 1];
	unsigned id; /* of the section being read */
};

static int
users_conf_name(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct users_conf_state *st = ini_state(f, &users_conf_section);
	struct model_user	*u = target;
	unsigned		 id = st->id;
	size_t			 n = strlen(v);

	st->name_line[id] = ini_line(f);
	if (id == 1 && n > 0) {
		ini_error(f, "name: user 1 is the null user and has no name");
		return -1;
	}
	if (n > MODEL_NAME_LEN || !ini_printable(v)) {
		ini_bad_value(f, k, v, "expected at most %d printable bytes",
		    MODEL_NAME_LEN);
		return -1;
	}
	memcpy(u->name, v, n);
	u->name_len = (uint8_t)n;
	return 0;
}

static int
users_conf_password(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_user *u = target;
	size_t		   n = strlen(v);

	if (n > MODEL_PASSWORD_LEN) {
		ini_bad_value(
		    f, k, v, "%zu bytes; at most %d", n, MODEL_PASSWORD_LEN);
		return -1;
	}
	memset(u->password, 0, sizeof(u->password));
	memcpy(u->password, v, n);
	/* IPMI 2.0 §22.30: over 16 bytes only the 20-byte form holds it. */
	u->password20 = n > 16;
	return 0;
}

/* A privilege from k->min to k->max (none: IPMI_PRIV_NO_ACCESS). */
int
users_conf_priv(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	uint8_t priv;

	if (config_parse_priv(v, &priv) != 0 || priv < k->min ||
	    priv > k->max) {
		ini_bad_value(f, k, v, "expected %s",
		    k->max == IPMI_PRIV_NO_ACCESS
			? "callback, user, operator, admin, oem or none"
			: "callback, user, operator, admin or oem");
		return -1;
	}
	((uint8_t *)target)[k->off] = priv;
	return 0;
}

#define UB(key, field) \
	{ \
		.name = key, .parse = ini_type_bool, \
		.off = offsetof(struct model_user, field) \
	}

static const struct ini_key users_conf_keys[] = {
    {.name = "name", .parse = users_conf_name},
    {.name = "password", .parse = users_conf_password, .secret = 1},
    UB("enabled", enabled),
    {.name = "privilege",
	.parse = users_conf_priv,
	.off = offsetof(struct model_user, priv_limit),
	.min = IPMI_PRIV_CALLBACK,
	.max = IPMI_PRIV_NO_ACCESS},
    {.name = "session_limit",
	.parse = ini_type_uint,
	.off = offsetof(struct model_user, session_limit),
	.size = 1,
	.min = 0,
	.max = 63},
    UB("ipmi_messaging", ipmi_messaging),
    UB("link_auth", link_auth),
    UB("callback_only", callback_only),
    {.name = NULL},
};

static void *
users_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	struct users_conf_state *st = ini_state(f, &users_conf_section);
	struct model_user	*u = &((struct model *)root)->users[n];

	(void)a;
	st->id = n;
	memset(u, 0, sizeof(*u));
	u->defined = 1;
	u->enabled = 1;
	u->priv_limit = IPMI_PRIV_USER;
	u->ipmi_messaging = 1;
	return u;
}

static void
users_conf_end(struct ini_file *f, void *root, void *target)
{
	struct users_conf_state *st = ini_state(f, &users_conf_section);
	unsigned		 id = st->id;

	(void)root;
	(void)target;
	if (id != 1 && ini_key_line(f, "name") == 0)
		ini_error_at(f, ini_section_line(f),
		    "[user %u] needs a name (only user 1, the null user, "
		    "has none)",
		    id);
}

/* Checks that need every user, the channel and [lab]. */
static void
users_conf_check(struct ini_file *f, void *root)
{
	struct users_conf_state *st = ini_state(f, &users_conf_section);
	struct model		*m = root;
	struct model_user	*u, *v;
	unsigned		 i, j, line, at;

	for (i = 1; i <= MODEL_USERS_MAX; i++) {
		u = &m->users[i];
		if (!u->defined)
			continue;
		at = ini_header_line(f, &users_conf_section, i);
		if (i > m->channel.max_users)
			ini_error_at(f, at, "user %u is above max_users (%u)",
			    i, m->channel.max_users);
		if (i == 1 && u->enabled && !m->lab.allow_anonymous)
			ini_error_at(f, at,
			    "user 1 (the null user) is enabled: anonymous "
			    "login needs allow_anonymous = yes in [lab]");
		if (i > 1 && u->name_len == 0 && st->name_line[i] != 0 &&
		    !m->lab.allow_anonymous)
			ini_error_at(f, st->name_line[i],
			    "user %u has an empty name: anonymous login needs "
			    "allow_anonymous = yes in [lab]",
			    i);
		for (j = 1; j < i; j++) {
			v = &m->users[j];
			if (!v->defined || v->name_len != u->name_len ||
			    memcmp(v->name, u->name, u->name_len) != 0)
				continue;
			if (u->name_len == 0 && (j == 1 || i == 1))
				continue; /* said above */
			line = st->name_line[i] ? st->name_line[i] : at;
			ini_error_at(f, line,
			    "user %u has the same name as user %u", i, j);
			break;
		}
	}
}

const struct ini_section users_conf_section = {
    .name = "user",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = MODEL_USERS_MAX,
    .arg_noun = "user number",
    .keys = users_conf_keys,
    .state_size = sizeof(struct users_conf_state),
    .begin_cb = users_conf_begin,
    .end_cb = users_conf_end,
    .check_cb = users_conf_check,
};
