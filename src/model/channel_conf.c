/*
 * [channel] of bmcsim.ini(5): the LAN channel and its session policy
 * (IPMI 2.0 §22.22 to §22.24, the cipher suites of §22.15).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "conf.h"
#include "ct.h"
#include "hexdump.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "model.h"
#include "suite.h"

struct channel_conf_state {
	unsigned suites_line;
	unsigned suite_priv_line;
	uint32_t suite_priv_given;
};

static void
channel_conf_implemented(char *out, size_t cap)
{
	uint32_t mask = suite_implemented_mask();
	size_t	 len = 0;
	unsigned i;

	out[0] = '\0';
	for (i = 0; i < SUITE_COUNT && len < cap; i++)
		if (mask & (1u << i))
			len += (size_t)snprintf(out + len, cap - len, "%s%u",
			    len > 0 ? " " : "", i);
}

/* A suite ID that the table implements, or -1 after saying why. */
static int
channel_conf_suite_id(
    struct ini_file *f, const struct ini_key *k, const char *tok)
{
	char	 list[80];
	uint64_t n;

	if (ini_number_parse(tok, &n) != 0 || n >= SUITE_COUNT) {
		ini_error(f, "%s: '%s' is not a cipher suite ID (0 to %d)",
		    k->name, tok, SUITE_COUNT - 1);
		return -1;
	}
	if ((suite_implemented_mask() & (1u << n)) == 0) {
		channel_conf_implemented(list, sizeof(list));
		ini_error(f,
		    "%s: cipher suite %u is not implemented (xRC4); "
		    "implemented: %s",
		    k->name, (unsigned)n, list);
		return -1;
	}
	return (int)n;
}

static int
channel_conf_suites(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct channel_conf_state *st = ini_state(f, &channel_conf_section);
	struct model_channel	  *c = target;
	char			   tok[16];
	const char		  *s = v;
	uint32_t		   mask = 0;
	int			   r, id, ok = 1;

	st->suites_line = ini_line(f);
	while ((r = ini_list_next(&s, tok, sizeof(tok))) != 0) {
		if (r < 0) {
			ini_bad_value(f, k, v, "expected suite IDs (3 17)");
			return -1;
		}
		if ((id = channel_conf_suite_id(f, k, tok)) < 0)
			ok = 0;
		else
			mask |= 1u << id;
	}
	if (!ok)
		return -1;
	c->enabled_suites = mask;
	return 0;
}

/* "3:admin 17:operator": the highest privilege each suite may reach. */
static int
channel_conf_suite_priv(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct channel_conf_state *st = ini_state(f, &channel_conf_section);
	struct model_channel	  *c = target;
	char			   tok[32], *colon;
	const char		  *s = v;
	uint8_t			   priv;
	int			   r, id;

	st->suite_priv_line = ini_line(f);
	while ((r = ini_list_next(&s, tok, sizeof(tok))) != 0) {
		if (r < 0 || (colon = strchr(tok, ':')) == NULL) {
			ini_bad_value(f, k, v,
			    "expected ID:PRIVILEGE pairs "
			    "(3:admin 17:operator)");
			return -1;
		}
		*colon = '\0';
		if ((id = channel_conf_suite_id(f, k, tok)) < 0)
			continue;
		if (config_parse_priv(colon + 1, &priv) != 0 ||
		    priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM) {
			ini_error(f,
			    "%s: '%s' for suite %d: expected callback, user, "
			    "operator, admin or oem",
			    k->name, colon + 1, id);
			continue;
		}
		c->suite_priv_limit[id] = priv;
		st->suite_priv_given |= 1u << id;
	}
	return 0;
}

static const struct ini_name channel_conf_auth_names[] = {
    {"none", 1u << IPMI15_AUTHTYPE_NONE},
    {"md2", 1u << IPMI15_AUTHTYPE_MD2},
    {"md5", 1u << IPMI15_AUTHTYPE_MD5},
    {"password", 1u << IPMI15_AUTHTYPE_STRAIGHT},
    {NULL, 0},
};

/* IPMI 1.5 auth types allowed at one privilege (k->off). */
static int
channel_conf_auth(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	char	    tok[16];
	const char *s = v;
	uint8_t	    bits = 0, bit;
	int	    r;

	while ((r = ini_list_next(&s, tok, sizeof(tok))) != 0) {
		if (r < 0 ||
		    ini_name_lookup(channel_conf_auth_names, tok, &bit) != 0) {
			ini_bad_value(f, k, v,
			    "expected a list of none, md2, md5, password");
			return -1;
		}
		bits |= bit;
	}
	((uint8_t *)target)[k->off] = bits;
	return 0;
}

/* K_G: text of up to 20 bytes, or 0x and 40 hex digits; empty: none. */
static int
channel_conf_kg(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_channel *c = target;
	size_t		      n = strlen(v), i;
	int		      hi, lo;

	memset(c->kg, 0, sizeof(c->kg));
	c->kg_set = 0;
	if (n == 0)
		return 0;
	if (v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		if (n != 42)
			goto bad;
		for (i = 0; i < 20; i++) {
			hi = hexdump_digit((unsigned char)v[2 + 2 * i]);
			lo = hexdump_digit((unsigned char)v[3 + 2 * i]);
			if (hi < 0 || lo < 0)
				goto bad;
			c->kg[i] = (uint8_t)(hi << 4 | lo);
		}
	} else {
		if (n > sizeof(c->kg))
			goto bad;
		memcpy(c->kg, v, n);
	}
	c->kg_set = 1;
	return 0;
bad:
	ct_wipe(c->kg, sizeof(c->kg));
	ini_bad_value(f, k, v,
	    "expected up to 20 bytes of text, or 0x and 40 hex digits");
	return -1;
}

static const struct ini_name channel_conf_access_names[] = {
    {"disabled", 0},
    {"pre-boot", 1},
    {"always", 2},
    {"shared", 3},
    {NULL, 0},
};

#define U(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_channel, field), .size = sz, \
		.min = lo, .max = hi \
	}
#define B(key, field) \
	{ \
		.name = key, .parse = ini_type_bool, \
		.off = offsetof(struct model_channel, field) \
	}
/* Seconds in the file, milliseconds in the model. */
#define SECONDS(key, field, lo, hi) \
	{ \
		.name = key, .parse = ini_type_uint, \
		.off = offsetof(struct model_channel, field), .size = 4, \
		.min = lo, .max = hi, .scale = 1000 \
	}
#define AUTH(key, priv) \
	{ \
		.name = key, .parse = channel_conf_auth, \
		.off = offsetof(struct model_channel, auth15_enables[priv]) \
	}

static const struct ini_key channel_conf_keys[] = {
    U("number", number, 1, 1, 11),
    {.name = "cipher_suites", .parse = channel_conf_suites},
    {.name = "suite_privilege", .parse = channel_conf_suite_priv},
    {.name = "privilege_limit",
	.parse = users_conf_priv,
	.off = offsetof(struct model_channel, priv_limit),
	.min = IPMI_PRIV_CALLBACK,
	.max = IPMI_PRIV_OEM},
    B("ipmi15", ipmi15_enabled),
    B("ipmi20", ipmi20_enabled),
    AUTH("auth_callback", IPMI_PRIV_CALLBACK),
    AUTH("auth_user", IPMI_PRIV_USER),
    AUTH("auth_operator", IPMI_PRIV_OPERATOR),
    AUTH("auth_admin", IPMI_PRIV_ADMIN),
    AUTH("auth_oem", IPMI_PRIV_OEM),
    B("per_message_auth", per_message_auth),
    B("user_level_auth", user_level_auth),
    {.name = "access_mode",
	.parse = ini_type_enum,
	.off = offsetof(struct model_channel, access_mode),
	.names = channel_conf_access_names},
    B("alerting", alerting),
    {.name = "kg", .parse = channel_conf_kg, .secret = 1},
    U("max_sessions", max_sessions, 1, 1, 63),
    U("max_handshakes", max_handshakes, 1, 1, 255),
    SECONDS("session_timeout", session_timeout_ms, 1, 3600),
    SECONDS("handshake_timeout", handshake_timeout_ms, 1, 60),
    U("bad_password_threshold", bad_password_threshold, 1, 0, 255),
    SECONDS("lockout_time", lockout_ms, 0, 86400),
    B("anti_enumeration", anti_enumeration),
    U("max_users", max_users, 1, 1, MODEL_USERS_MAX),
    {.name = NULL},
};

static void *
channel_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->channel;
}

/* Checks that need the whole file: [lab] may come after [channel]. */
static void
channel_conf_check(struct ini_file *f, void *root)
{
	struct channel_conf_state *st = ini_state(f, &channel_conf_section);
	struct model		  *m = root;
	struct model_channel	  *c = &m->channel;
	unsigned		   i;

	if ((c->enabled_suites & 1u) && !m->lab.allow_cipher_0)
		ini_error_at(f, st->suites_line,
		    "cipher suite 0 (no authentication, no integrity, no "
		    "encryption) needs allow_cipher_0 = yes in [lab]");
	if (c->ipmi20_enabled && c->enabled_suites == 0)
		ini_error_at(f, st->suites_line,
		    "ipmi20 = yes but cipher_suites is empty");
	if (!c->ipmi15_enabled && !c->ipmi20_enabled)
		ini_error_at(f, ini_header_line(f, &channel_conf_section, 0),
		    "ipmi15 and ipmi20 are both off: nobody could log in");
	if (st->suite_priv_given & ~c->enabled_suites) {
		for (i = 0; i < SUITE_COUNT; i++)
			if (st->suite_priv_given & ~c->enabled_suites &
			    (1u << i))
				break;
		ini_error_at(f, st->suite_priv_line,
		    "suite_privilege names suite %u, which cipher_suites "
		    "does not enable",
		    i);
	}
}

const struct ini_section channel_conf_section = {
    .name = "channel",
    .arg = INI_ARG_NONE,
    .keys = channel_conf_keys,
    .state_size = sizeof(struct channel_conf_state),
    .begin_cb = channel_conf_begin,
    .check_cb = channel_conf_check,
};
