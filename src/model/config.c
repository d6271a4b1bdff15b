/*
 * The configuration loader (bmcsim.ini(5)).
 *
 * inih splits lines into keys and values.  This file reads the lines for
 * it (ini_parse_stream() with our reader) so that it can number them,
 * check the syntax of every one (inih reports only the first bad line),
 * follow sections itself (inih calls nobody for a section without keys),
 * and turn off inih's indented continuation lines, which would silently
 * glue an indented "key = value" onto the key above it.  Keys are turned
 * into struct model fields and BMC instances through tables.
 *
 * Every problem goes to the caller's diagnostics with its file and line,
 * and loading goes on to find the next one; the load fails at the end.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config.h"
#include "ct.h"
#include "err.h"
#include "hexdump.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "suite.h"

#define CONFIG_DIAG_MAX		100 /* messages kept; a binary file makes many */
#define CONFIG_VALUE_MAX	256
#define CONFIG_KEYS_MAX		64 /* keys of one section kind */
#define CONFIG_NAME_WIDTH	4  /* fleet members: NAME-0001 */
#define CONFIG_INDEX_MAX_DIGITS 5  /* of CONFIG_INSTANCES_MAX */

/* One file, loaded once however many instances use its model. */
struct source {
	char	     *path; /* as shown in messages; config->files owns it */
	char	     *real; /* canonical name */
	struct model *model;
};

/* An instance section, [bmc NAME] or [fleet NAME], as written. */
struct decl {
	uint8_t	 fleet;
	char	 name[CONFIG_NAME_MAX];
	unsigned line;
	char	 host[CONFIG_HOST_MAX];
	uint16_t port;
	uint32_t count;
	uint8_t	 step_address;
	char	*model_path; /* resolved against the including file */
	unsigned model_line;
	size_t	 src; /* index in loader.srcs */
	/* Each GUID followed by its "given" flag, as in model_identity. */
	uint8_t system_guid[MODEL_GUID_LEN];
	uint8_t has_system_guid;
	uint8_t device_guid[MODEL_GUID_LEN];
	uint8_t has_device_guid;
};

struct loader {
	struct config	   *cfg;
	struct config_diag *diag;
	unsigned	    problems;
	int		    system_error;
	int		    nomem;
	struct source	  **srcs;
	size_t		    nsrcs;
	struct decl	   *decls;
	size_t		    ndecls;
	size_t		    capdecls;
	size_t		   *decl_of; /* per instance: its section */
};

enum section_kind {
	SEC_NONE, /* before the first section */
	SEC_SKIP, /* a section in error: its keys are not read */
	SEC_IDENTITY,
	SEC_USER,
	SEC_CHANNEL,
	SEC_CHASSIS,
	SEC_LAB,
	SEC_BMC,
	SEC_FLEET,
	SEC_OEM,
	SEC_SENSOR,
	SEC_SEL,
	SEC_SEL_EVENT,
	SEC_FRU,
	SEC_LAN,
	SEC_SYSTEM,
	SEC_KINDS
};

struct parse;
struct key;
typedef void key_parse_fn(struct parse *, const struct key *, const char *);

struct name_value {
	const char *name;
	uint8_t	    value;
};

struct key {
	const char		*name;
	key_parse_fn		*parse;
	size_t			 off;  /* in the section's target */
	uint8_t			 size; /* integers: 1, 2, 4 or 8 bytes */
	uint64_t		 min, max;
	uint32_t		 scale; /* stored = value * scale (s to ms) */
	const struct name_value *names;
	uint8_t			 secret; /* never echoed; wiped */
};

struct section_def {
	const char	 *name;
	enum section_kind kind;
	enum { ARG_NONE, ARG_NUMBER, ARG_NAME } arg;
	const struct key *keys;
};

/* The state of reading one file. */
struct parse {
	struct loader *ld;
	struct source *src;
	size_t	       src_index;
	int	       main_file;
	FILE	      *fp;
	char	      *buf;
	size_t	       cap;
	unsigned       lineno;
	/* The current section. */
	const struct section_def *sec;
	enum section_kind	  kind;
	unsigned		  sec_line;
	unsigned		  user_id;
	size_t			  decl;
	unsigned		  key_line[CONFIG_KEYS_MAX];
	/* Where things were given, for the checks made at the end. */
	unsigned once_line[SEC_KINDS];
	unsigned user_line[MODEL_USERS_MAX + 1];
	unsigned oem_line[MODEL_OEM_MAX + 1];
	unsigned oem_id;
	unsigned sensor_line[MODEL_SENSORS_MAX + 1];
	unsigned sensor_id; /* N of [sensor N] */
	unsigned sel_event_line[MODEL_SEL_EVENTS_MAX + 1];
	unsigned sel_event_id;
	uint8_t	 sel_event_dir; /* 80h: deassertion */
	unsigned fru_line[MODEL_FRU_MAX];
	unsigned fru_id;
	unsigned user_name_line[MODEL_USERS_MAX + 1];
	unsigned suites_line;
	unsigned suite_priv_line;
	uint32_t suite_priv_given;
	unsigned max_users_line;
	unsigned ipmi_line;
};

/* ---- diagnostics ---- */

void
config_diag_add(struct config_diag *d, const char *file, unsigned line,
    const char *fmt, ...)
{
	char	msg[512];
	char   *text = NULL, **msgs;
	va_list ap;
	int	n;

	if (d == NULL || d->n >= CONFIG_DIAG_MAX)
		return;
	if (d->n == CONFIG_DIAG_MAX - 1) {
		snprintf(msg, sizeof(msg),
		    "too many problems; the rest are not shown");
		file = NULL;
	} else {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	}
	if (file == NULL)
		n = asprintf(&text, "%s", msg);
	else if (line == 0)
		n = asprintf(&text, "%s: %s", file, msg);
	else
		n = asprintf(&text, "%s:%u: %s", file, line, msg);
	if (n < 0)
		return;
	if ((msgs = realloc(d->msgs, (d->n + 1) * sizeof(*msgs))) == NULL) {
		free(text);
		return;
	}
	d->msgs = msgs;
	d->msgs[d->n++] = text;
}

void
config_diag_clear(struct config_diag *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->msgs[i]);
	free(d->msgs);
	d->msgs = NULL;
	d->n = 0;
}

static void loader_error(struct loader *ld, const char *file, unsigned line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
loader_error(
    struct loader *ld, const char *file, unsigned line, const char *fmt, ...)
{
	char	msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ld->problems++;
	config_diag_add(ld->diag, file, line, "%s", msg);
}

static void parse_error(struct parse *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A problem on the line being read. */
static void
parse_error(struct parse *p, const char *fmt, ...)
{
	char	msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	loader_error(p->ld, p->src->path, p->lineno, "%s", msg);
}

/* ---- privilege names ---- */

static const struct name_value priv_names[] = {
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
	const struct name_value *n;

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
	const struct name_value *n;

	for (n = priv_names; n->name != NULL; n++)
		if (n->value == priv)
			return n->name;
	return "unknown";
}

/* ---- values ---- */

/* Decimal, or hexadecimal after "0x"; nothing else.  0 or -1. */
static int
number_parse(const char *s, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;
	int	 d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		d = hexdump_digit((unsigned char)*s);
		if (d < 0 || (unsigned)d >= base)
			return -1;
		if (v > (UINT64_MAX - (unsigned)d) / base)
			return -1;
		v = v * base + (unsigned)d;
	}
	*out = v;
	return 0;
}

static const struct name_value bool_names[] = {
    {"yes", 1},
    {"no", 0},
    {"true", 1},
    {"false", 0},
    {"on", 1},
    {"off", 0},
    {"1", 1},
    {"0", 0},
    {NULL, 0},
};

static int
name_lookup(const struct name_value *names, const char *s, uint8_t *out)
{
	for (; names->name != NULL; names++) {
		if (strcasecmp(s, names->name) == 0) {
			*out = names->value;
			return 0;
		}
	}
	return -1;
}

/* "a, b, c" for messages. */
static void
names_list(const struct name_value *names, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	for (; names->name != NULL && len < cap; names++) {
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		    len > 0 ? ", " : "", names->name);
	}
}

/*
 * The next item of a list separated by blanks or commas: 1 and the item
 * in tok, 0 at the end, -1 if an item is longer than cap - 1.
 */
static int
list_next(const char **sp, char *tok, size_t cap)
{
	const char *s = *sp;
	size_t	    n = 0;

	while (*s == ' ' || *s == '\t' || *s == ',')
		s++;
	if (*s == '\0') {
		*sp = s;
		return 0;
	}
	while (*s != '\0' && *s != ' ' && *s != '\t' && *s != ',') {
		if (n + 1 >= cap)
			return -1;
		tok[n++] = *s++;
	}
	tok[n] = '\0';
	*sp = s;
	return 1;
}

/*
 * GUIDs are written as RFC 4122 text and sent least significant byte
 * first (IPMI 2.0 §20.8, table 20-10): the wire is the text's 16 bytes
 * reversed.  ipmitool's "mc guid" (1.8.19) then prints the text as
 * written when the GUID has an RFC 4122 version (1-5) and variant: it
 * recognises the IPMI encoding by that version nibble.
 */
static int
guid_parse(const char *s, uint8_t wire[MODEL_GUID_LEN])
{
	static const unsigned dash_at[] = {8, 13, 18, 23};
	uint8_t		      text[MODEL_GUID_LEN];
	unsigned	      i, n = 0, dash = 0;
	int		      hi, lo;

	if (strlen(s) != 36)
		return -1;
	for (i = 0; i < 36;) {
		if (dash < 4 && i == dash_at[dash]) {
			if (s[i] != '-')
				return -1;
			dash++;
			i++;
			continue;
		}
		hi = hexdump_digit((unsigned char)s[i]);
		lo = hexdump_digit((unsigned char)s[i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		text[n++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	for (i = 0; i < MODEL_GUID_LEN; i++)
		wire[i] = text[MODEL_GUID_LEN - 1 - i];
	return 0;
}

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (uint8_t)*s;
		h *= 0x100000001b3ull;
	}
	return h;
}

/*
 * A GUID derived from an instance section ("bmc NAME" or "fleet NAME"):
 * a hash of the section in the time fields, version 4 and the RFC 4122
 * variant so that ipmitool decodes it as written, which (0 system, 1
 * device) in the clock sequence, and zero in the node field, where
 * guid_add() puts the instance index.
 */
static void
guid_derive(uint8_t wire[MODEL_GUID_LEN], const char *kind, const char *name,
    unsigned which)
{
	uint8_t	 text[MODEL_GUID_LEN];
	uint64_t h = 0xcbf29ce484222325ull;
	unsigned i;

	h = fnv1a(h, "bmcsim ");
	h = fnv1a(h, kind);
	h = fnv1a(h, " ");
	h = fnv1a(h, name);
	memset(text, 0, sizeof(text));
	for (i = 0; i < 8; i++)
		text[i] = (uint8_t)(h >> (56 - 8 * i));
	text[6] = (uint8_t)(0x40 | (text[6] & 0x0f)); /* version 4 */
	h *= 0x100000001b3ull;
	text[8] = (uint8_t)(0x80 | ((h >> 32) & 0x3f)); /* variant 10 */
	/* Not 1x: ipmitool would try it as an RFC 4122 time stamp. */
	text[9] = (uint8_t)(0xc0 | (which & 1) << 4 | ((h >> 40) & 0x0f));
	for (i = 0; i < MODEL_GUID_LEN; i++)
		wire[i] = text[MODEL_GUID_LEN - 1 - i];
}

/* Adds n to the node field (the text's last 6 bytes, the wire's first). */
static void
guid_add(uint8_t wire[MODEL_GUID_LEN], uint64_t n)
{
	uint64_t node = 0;
	unsigned i;

	for (i = 0; i < 6; i++)
		node |= (uint64_t)wire[i] << (8 * i);
	node += n;
	for (i = 0; i < 6; i++)
		wire[i] = (uint8_t)(node >> (8 * i));
}

/* ---- addresses ---- */

/* Dotted quad, each part 0..255 without leading zeros.  0 or -1. */
static int
ipv4_parse(const char *s, uint8_t out[4])
{
	unsigned part, v, digits;

	for (part = 0; part < 4; part++) {
		v = 0;
		digits = 0;
		while (*s >= '0' && *s <= '9') {
			if (digits > 0 && v == 0)
				return -1; /* leading zero */
			v = v * 10 + (unsigned)(*s - '0');
			if (++digits > 3 || v > 255)
				return -1;
			s++;
		}
		if (digits == 0)
			return -1;
		out[part] = (uint8_t)v;
		if (part < 3 && *s++ != '.')
			return -1;
	}
	return *s == '\0' ? 0 : -1;
}

/* RFC 4291 §2.2 text forms, without zone.  0 or -1. */
static int
ipv6_parse(const char *s, uint8_t out[16])
{
	uint16_t words[8];
	unsigned n = 0, i, digits, v;
	int	 gap = -1, d;
	uint8_t	 v4[4];

	if (s[0] == ':') {
		if (s[1] != ':')
			return -1;
		gap = 0;
		s += 2;
	}
	while (*s != '\0') {
		const char *q = s;

		v = 0;
		digits = 0;
		while (
		    (d = hexdump_digit((unsigned char)*q)) >= 0 && digits < 5) {
			v = v * 16 + (unsigned)d;
			q++;
			digits++;
		}
		if (*q == '.') { /* an IPv4 tail: two words */
			if (n > 6 || ipv4_parse(s, v4) != 0)
				return -1;
			words[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
			words[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
			break;
		}
		if (digits == 0 || digits > 4 || n == 8)
			return -1;
		words[n++] = (uint16_t)v;
		s = q;
		if (*s == '\0')
			break;
		if (*s++ != ':')
			return -1;
		if (*s == ':') {
			if (gap >= 0)
				return -1;
			gap = (int)n;
			s++;
		} else if (*s == '\0')
			return -1;
	}
	if ((gap < 0 && n != 8) || (gap >= 0 && n > 7))
		return -1;
	memset(out, 0, 16);
	if (gap < 0)
		gap = (int)n;
	for (i = 0; i < (unsigned)gap; i++) {
		out[2 * i] = (uint8_t)(words[i] >> 8);
		out[2 * i + 1] = (uint8_t)words[i];
	}
	for (i = (unsigned)gap; i < n; i++) {
		unsigned at = 8 - (n - i);

		out[2 * at] = (uint8_t)(words[i] >> 8);
		out[2 * at + 1] = (uint8_t)words[i];
	}
	return 0;
}

/* Family 4 or 6 and the address (IPv4 in the first 4 bytes). */
static int
addr_parse(const char *host, uint8_t *family, uint8_t addr[16])
{
	*family = 0;
	memset(addr, 0, 16);
	if (ipv4_parse(host, addr) == 0) {
		*family = 4;
		return 0;
	}
	if (ipv6_parse(host, addr) == 0) {
		*family = 6;
		return 0;
	}
	return -1;
}

static int
endpoint_parse(
    const char *s, char *host, size_t hostlen, uint16_t *port, const char **why)
{
	const char *end, *colon, *c;
	char	    h[CONFIG_HOST_MAX];
	uint8_t	    family, addr[16];
	uint64_t    v;
	size_t	    n;
	int	    bracketed = s[0] == '[';

	if (bracketed) {
		if ((end = strchr(s, ']')) == NULL) {
			*why = "no ']' after the IPv6 address";
			return ERR_CONFIG;
		}
		n = (size_t)(end - s - 1);
		colon = end[1] == '\0' ? NULL : end + 1;
		if (colon != NULL && *colon != ':') {
			*why = "expected ':' and a port after ']'";
			return ERR_CONFIG;
		}
		s++;
	} else {
		colon = strchr(s, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL) {
			*why = "an IPv6 address needs brackets: [ADDRESS]:PORT";
			return ERR_CONFIG;
		}
		n = colon != NULL ? (size_t)(colon - s) : strlen(s);
	}
	if (n == 0 || n >= sizeof(h) || n >= hostlen) {
		*why = n == 0 ? "no address" : "address too long";
		return ERR_CONFIG;
	}
	memcpy(h, s, n);
	h[n] = '\0';
	if (addr_parse(h, &family, addr) != 0 || (family == 6) != bracketed) {
		*why = "not a numeric IPv4 address or a bracketed IPv6 address";
		return ERR_CONFIG;
	}
	v = CONFIG_DEFAULT_PORT;
	if (colon != NULL) {
		v = 0;
		for (c = colon + 1; *c >= '0' && *c <= '9' && c - colon <= 5;
		     c++)
			v = v * 10 + (uint64_t)(*c - '0');
		if (c == colon + 1 || *c != '\0' || v > 65535) {
			*why = "the port must be a number from 0 to 65535";
			return ERR_CONFIG;
		}
	}
	memcpy(host, h, n + 1);
	*port = (uint16_t)v;
	return 0;
}

int
config_parse_endpoint(const char *s, char *host, size_t hostlen, uint16_t *port)
{
	const char *why;

	return endpoint_parse(s, host, hostlen, port, &why);
}

/* ---- key parsers ---- */

static uint8_t *
parse_target(struct parse *p)
{
	switch (p->kind) {
	case SEC_USER:
		return (uint8_t *)&p->src->model->users[p->user_id];
	case SEC_OEM:
		return (uint8_t *)&p->src->model->oem[p->oem_id];
	case SEC_SENSOR:
		return (uint8_t *)&p->src->model->sensors[p->sensor_id - 1];
	case SEC_SEL_EVENT:
		return (uint8_t *)&p->src->model->sel.events[p->sel_event_id];
	case SEC_FRU:
		return (uint8_t *)&p->src->model->fru[p->fru_id];
	case SEC_BMC:
	case SEC_FLEET:
		return (uint8_t *)&p->ld->decls[p->decl];
	default:
		return (uint8_t *)p->src->model;
	}
}

static void bad_value(struct parse *p, const struct key *k, const char *v,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* "key = value: what was expected"; secrets are not echoed. */
static void
bad_value(
    struct parse *p, const struct key *k, const char *v, const char *fmt, ...)
{
	char	msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (k->secret)
		parse_error(p, "%s: %s", k->name, msg);
	else
		parse_error(p, "%s = %s: %s", k->name, v, msg);
}

static void
store_uint(uint8_t *at, unsigned size, uint64_t v)
{
	uint8_t	 u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	switch (size) {
	case 1:
		memcpy(at, &u8, 1);
		break;
	case 2:
		memcpy(at, &u16, 2);
		break;
	case 4:
		memcpy(at, &u32, 4);
		break;
	default:
		memcpy(at, &v, 8);
		break;
	}
}

static void
key_uint(struct parse *p, const struct key *k, const char *v)
{
	uint64_t n;

	if (number_parse(v, &n) != 0 || n < k->min || n > k->max) {
		bad_value(p, k, v, "expected an integer from %llu to %llu",
		    (unsigned long long)k->min, (unsigned long long)k->max);
		return;
	}
	store_uint(parse_target(p) + k->off, k->size,
	    n * (k->scale != 0 ? k->scale : 1));
}

static void
key_bool(struct parse *p, const struct key *k, const char *v)
{
	uint8_t b;

	if (name_lookup(bool_names, v, &b) != 0) {
		bad_value(p, k, v, "expected yes or no");
		return;
	}
	parse_target(p)[k->off] = b;
}

static void
key_enum(struct parse *p, const struct key *k, const char *v)
{
	char	names[200];
	uint8_t b;

	if (name_lookup(k->names, v, &b) != 0) {
		names_list(k->names, names, sizeof(names));
		bad_value(p, k, v, "expected one of: %s", names);
		return;
	}
	parse_target(p)[k->off] = b;
}

/* A privilege from k->min to k->max (none: IPMI_PRIV_NO_ACCESS). */
static void
key_priv(struct parse *p, const struct key *k, const char *v)
{
	uint8_t priv;

	if (config_parse_priv(v, &priv) != 0 || priv < k->min ||
	    priv > k->max) {
		bad_value(p, k, v, "expected %s",
		    k->max == IPMI_PRIV_NO_ACCESS
			? "callback, user, operator, admin, oem or none"
			: "callback, user, operator, admin or oem");
		return;
	}
	parse_target(p)[k->off] = priv;
}

/* "2.14": major 0..127, minor two decimal digits sent as BCD 14h. */
static void
key_firmware(struct parse *p, const struct key *k, const char *v)
{
	struct model_identity *id = &p->src->model->identity;
	const char	      *dot = strchr(v, '.');
	char		       major[8];
	uint64_t	       n;

	if (dot == NULL || dot == v || (size_t)(dot - v) >= sizeof(major) ||
	    strlen(dot + 1) != 2 || !isdigit((unsigned char)dot[1]) ||
	    !isdigit((unsigned char)dot[2]))
		goto bad;
	memcpy(major, v, (size_t)(dot - v));
	major[dot - v] = '\0';
	if (strpbrk(major, "xX") != NULL || number_parse(major, &n) != 0 ||
	    n > 127)
		goto bad;
	id->fw_major = (uint8_t)n;
	id->fw_minor_bcd = (uint8_t)((dot[1] - '0') << 4 | (dot[2] - '0'));
	return;
bad:
	bad_value(p, k, v,
	    "expected MAJOR.MINOR, MAJOR 0 to 127 and MINOR two digits "
	    "(2.05, 2.14)");
}

/* "2.0" -> 02h, "1.5" -> 51h: BCD, the minor digit in the high nibble. */
static void
key_ipmi_version(struct parse *p, const struct key *k, const char *v)
{
	if (strlen(v) != 3 || !isdigit((unsigned char)v[0]) || v[1] != '.' ||
	    !isdigit((unsigned char)v[2])) {
		bad_value(
		    p, k, v, "expected MAJOR.MINOR, one digit each (2.0)");
		return;
	}
	p->src->model->identity.ipmi_version = (uint8_t)((v[2] - '0') << 4 |
	    (v[0] - '0'));
}

/* IPMI 2.0 §20.1, Get Device ID byte 6, bit 0 to bit 7. */
static const struct name_value support_names[] = {
    {"sensor", 1u << 0},
    {"sdr_repository", 1u << 1},
    {"sel", 1u << 2},
    {"fru", 1u << 3},
    {"ipmb_event_receiver", 1u << 4},
    {"ipmb_event_generator", 1u << 5},
    {"bridge", 1u << 6},
    {"chassis", 1u << 7},
    {NULL, 0},
};

static void
key_support(struct parse *p, const struct key *k, const char *v)
{
	char	    tok[32], names[200];
	const char *s = v;
	uint64_t    n;
	uint8_t	    bits = 0, bit;
	int	    r;

	if (number_parse(v, &n) == 0) {
		if (n > 255) {
			bad_value(p, k, v, "expected a byte (0 to 255)");
			return;
		}
		p->src->model->identity.additional_support = (uint8_t)n;
		return;
	}
	while ((r = list_next(&s, tok, sizeof(tok))) > 0) {
		if (name_lookup(support_names, tok, &bit) != 0)
			break;
		bits |= bit;
	}
	if (r != 0) {
		names_list(support_names, names, sizeof(names));
		bad_value(p, k, v, "expected a byte or a list of: %s", names);
		return;
	}
	p->src->model->identity.additional_support = bits;
}

/* Four bytes, "0x01020304" or "0x01 0x02 0x03 0x04", sent in that order. */
static void
key_aux_firmware(struct parse *p, const struct key *k, const char *v)
{
	struct model_identity *id = &p->src->model->identity;
	uint8_t		       bytes[4];
	char		       tok[16], *t;
	const char	      *s = v;
	size_t		       ntok = 0, nbytes = 0, len, i;
	int		       r, hi, lo;

	while ((r = list_next(&s, tok, sizeof(tok))) > 0) {
		t = tok;
		if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
			t += 2;
		len = strlen(t);
		ntok++;
		/* One token of 8 digits, or four of 1 or 2. */
		if (len != 1 && len != 2 && !(len == 8 && ntok == 1))
			goto bad;
		for (i = 0; i < len; i += 2) {
			if (len == 1) {
				hi = 0;
				lo = hexdump_digit((unsigned char)t[0]);
			} else {
				hi = hexdump_digit((unsigned char)t[i]);
				lo = hexdump_digit((unsigned char)t[i + 1]);
			}
			if (hi < 0 || lo < 0 || nbytes == 4)
				goto bad;
			bytes[nbytes++] = (uint8_t)(hi << 4 | lo);
		}
	}
	if (r < 0 || nbytes != 4 || (ntok != 1 && ntok != 4))
		goto bad;
	memcpy(id->aux_firmware, bytes, 4);
	id->has_aux_firmware = 1;
	return;
bad:
	bad_value(p, k, v, "expected four bytes in hex (0x01020304)");
}

/* A GUID field followed by its "given" byte. */
static void
key_guid(struct parse *p, const struct key *k, const char *v)
{
	uint8_t *at = parse_target(p) + k->off;

	if (guid_parse(v, at) != 0) {
		bad_value(p, k, v,
		    "expected a GUID, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
		return;
	}
	at[MODEL_GUID_LEN] = 1;
}

static int
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static void
key_user_name(struct parse *p, const struct key *k, const char *v)
{
	struct model_user *u = &p->src->model->users[p->user_id];
	size_t		   n = strlen(v);

	p->user_name_line[p->user_id] = p->lineno;
	if (p->user_id == 1 && n > 0) {
		parse_error(p, "name: user 1 is the null user and has no name");
		return;
	}
	if (n > MODEL_NAME_LEN || !printable(v)) {
		bad_value(p, k, v, "expected at most %d printable bytes",
		    MODEL_NAME_LEN);
		return;
	}
	memcpy(u->name, v, n);
	u->name_len = (uint8_t)n;
}

static void
key_password(struct parse *p, const struct key *k, const char *v)
{
	struct model_user *u = &p->src->model->users[p->user_id];
	size_t		   n = strlen(v);

	if (n > MODEL_PASSWORD_LEN) {
		bad_value(
		    p, k, v, "%zu bytes; at most %d", n, MODEL_PASSWORD_LEN);
		return;
	}
	memset(u->password, 0, sizeof(u->password));
	memcpy(u->password, v, n);
	/* IPMI 2.0 §22.30: over 16 bytes only the 20-byte form holds it. */
	u->password20 = n > 16;
}

static void
implemented_list(char *out, size_t cap)
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
suite_id_parse(struct parse *p, const struct key *k, const char *tok)
{
	char	 list[80];
	uint64_t n;

	if (number_parse(tok, &n) != 0 || n >= SUITE_COUNT) {
		parse_error(p, "%s: '%s' is not a cipher suite ID (0 to %d)",
		    k->name, tok, SUITE_COUNT - 1);
		return -1;
	}
	if ((suite_implemented_mask() & (1u << n)) == 0) {
		implemented_list(list, sizeof(list));
		parse_error(p,
		    "%s: cipher suite %u is not implemented (xRC4); "
		    "implemented: %s",
		    k->name, (unsigned)n, list);
		return -1;
	}
	return (int)n;
}

static void
key_suites(struct parse *p, const struct key *k, const char *v)
{
	char	    tok[16];
	const char *s = v;
	uint32_t    mask = 0;
	int	    r, id, ok = 1;

	p->suites_line = p->lineno;
	while ((r = list_next(&s, tok, sizeof(tok))) != 0) {
		if (r < 0) {
			bad_value(p, k, v, "expected suite IDs (3 17)");
			return;
		}
		if ((id = suite_id_parse(p, k, tok)) < 0)
			ok = 0;
		else
			mask |= 1u << id;
	}
	if (ok)
		p->src->model->channel.enabled_suites = mask;
}

/* Bytes in hex, "0x30 0x01 ff" or "3001ff": the OEM prefix and data. */
static void
key_oem_bytes(struct parse *p, const struct key *k, const char *v)
{
	struct model_oem *o = &p->src->model->oem[p->oem_id];
	uint8_t		  bytes[MODEL_OEM_DATA_MAX];
	size_t		  n = 0, max, len, i;
	char		  tok[2 * MODEL_OEM_DATA_MAX + 4], *t;
	const char	 *s = v;
	int		  r, is_prefix = k->off == 1;

	max = is_prefix ? MODEL_OEM_PREFIX_MAX : MODEL_OEM_DATA_MAX;
	while ((r = list_next(&s, tok, sizeof(tok))) > 0) {
		t = tok;
		if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
			t += 2;
		len = strlen(t);
		if (len == 0 || len % 2 != 0)
			goto bad;
		for (i = 0; i < len; i += 2) {
			int hi = hexdump_digit((unsigned char)t[i]);
			int lo = hexdump_digit((unsigned char)t[i + 1]);

			if (hi < 0 || lo < 0 || n == max)
				goto bad;
			bytes[n++] = (uint8_t)(hi << 4 | lo);
		}
	}
	if (r < 0)
		goto bad;
	if (is_prefix) {
		memcpy(o->prefix, bytes, n);
		o->prefix_len = (uint8_t)n;
	} else {
		memcpy(o->data, bytes, n);
		o->data_len = (uint8_t)n;
	}
	return;
bad:
	bad_value(
	    p, k, v, "expected at most %zu bytes in hex (0x57 0x01 0x00)", max);
}

/* "3:admin 17:operator": the highest privilege each suite may reach. */
static void
key_suite_priv(struct parse *p, const struct key *k, const char *v)
{
	struct model_channel *c = &p->src->model->channel;
	char		      tok[32], *colon;
	const char	     *s = v;
	uint8_t		      priv;
	int		      r, id;

	p->suite_priv_line = p->lineno;
	while ((r = list_next(&s, tok, sizeof(tok))) != 0) {
		if (r < 0 || (colon = strchr(tok, ':')) == NULL) {
			bad_value(p, k, v,
			    "expected ID:PRIVILEGE pairs "
			    "(3:admin 17:operator)");
			return;
		}
		*colon = '\0';
		if ((id = suite_id_parse(p, k, tok)) < 0)
			continue;
		if (config_parse_priv(colon + 1, &priv) != 0 ||
		    priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM) {
			parse_error(p,
			    "%s: '%s' for suite %d: expected callback, user, "
			    "operator, admin or oem",
			    k->name, colon + 1, id);
			continue;
		}
		c->suite_priv_limit[id] = priv;
		p->suite_priv_given |= 1u << id;
	}
}

static const struct name_value auth_names[] = {
    {"none", 1u << IPMI15_AUTHTYPE_NONE},
    {"md2", 1u << IPMI15_AUTHTYPE_MD2},
    {"md5", 1u << IPMI15_AUTHTYPE_MD5},
    {"password", 1u << IPMI15_AUTHTYPE_STRAIGHT},
    {NULL, 0},
};

/* IPMI 1.5 auth types allowed at one privilege (k->off). */
static void
key_auth(struct parse *p, const struct key *k, const char *v)
{
	char	    tok[16];
	const char *s = v;
	uint8_t	    bits = 0, bit;
	int	    r;

	while ((r = list_next(&s, tok, sizeof(tok))) != 0) {
		if (r < 0 || name_lookup(auth_names, tok, &bit) != 0) {
			bad_value(p, k, v,
			    "expected a list of none, md2, md5, password");
			return;
		}
		bits |= bit;
	}
	parse_target(p)[k->off] = bits;
}

/* K_G: text of up to 20 bytes, or 0x and 40 hex digits; empty: none. */
static void
key_kg(struct parse *p, const struct key *k, const char *v)
{
	struct model_channel *c = &p->src->model->channel;
	size_t		      n = strlen(v), i;
	int		      hi, lo;

	memset(c->kg, 0, sizeof(c->kg));
	c->kg_set = 0;
	if (n == 0)
		return;
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
	return;
bad:
	ct_wipe(c->kg, sizeof(c->kg));
	bad_value(p, k, v,
	    "expected up to 20 bytes of text, or 0x and 40 hex digits");
}

static void
key_rng_seed(struct parse *p, const struct key *k, const char *v)
{
	uint64_t n;

	if (number_parse(v, &n) != 0) {
		bad_value(p, k, v, "expected an integer from 0 to %llu",
		    (unsigned long long)UINT64_MAX);
		return;
	}
	p->src->model->lab.rng_seed = n;
	p->src->model->lab.rng_seeded = 1;
}

static void
key_listen(struct parse *p, const struct key *k, const char *v)
{
	struct decl *d = &p->ld->decls[p->decl];
	const char  *why;

	if (endpoint_parse(v, d->host, sizeof(d->host), &d->port, &why) != 0)
		bad_value(p, k, v, "%s", why);
}

static void
key_model(struct parse *p, const struct key *k, const char *v)
{
	struct decl *d = &p->ld->decls[p->decl];
	const char  *slash = strrchr(p->src->path, '/');
	int	     n;

	if (*v == '\0') {
		bad_value(p, k, v, "expected a file name");
		return;
	}
	/* Relative to the directory of the file that names it. */
	if (v[0] == '/' || slash == NULL)
		n = asprintf(&d->model_path, "%s", v);
	else
		n = asprintf(&d->model_path, "%.*s/%s",
		    (int)(slash - p->src->path), p->src->path, v);
	if (n < 0) {
		d->model_path = NULL;
		p->ld->nomem = 1;
		return;
	}
	d->model_line = p->lineno;
}

/* A signed integer from (int64_t)k->min to (int64_t)k->max. */
static void
key_sint(struct parse *p, const struct key *k, const char *v)
{
	int64_t	 lo = (int64_t)k->min, hi = (int64_t)k->max, x;
	uint64_t n;
	int	 neg = v[0] == '-';
	int16_t	 i16;
	int8_t	 i8;

	if (number_parse(v + neg, &n) != 0 || n > INT32_MAX ||
	    (x = neg ? -(int64_t)n : (int64_t)n) < lo || x > hi) {
		bad_value(p, k, v, "expected an integer from %lld to %lld",
		    (long long)lo, (long long)hi);
		return;
	}
	if (k->size == 2) {
		i16 = (int16_t)x;
		memcpy(parse_target(p) + k->off, &i16, 2);
	} else {
		i8 = (int8_t)x;
		memcpy(parse_target(p) + k->off, &i8, 1);
	}
}

/* A finite decimal number: 12, -3.5, 1e3. */
static void
key_double(struct parse *p, const struct key *k, const char *v)
{
	char  *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || errno != 0 || !isfinite(d) ||
	    isspace((unsigned char)*v)) {
		bad_value(p, k, v, "expected a number (12, -3.5, 0.25)");
		return;
	}
	memcpy(parse_target(p) + k->off, &d, sizeof(d));
}

/* Printable text of at most k->size bytes, NUL-terminated in place. */
static void
key_string(struct parse *p, const struct key *k, const char *v)
{
	size_t n = strlen(v);

	if (n > k->size || !printable(v)) {
		bad_value(p, k, v, "expected at most %u printable bytes",
		    (unsigned)k->size);
		return;
	}
	memset(parse_target(p) + k->off, 0, (size_t)k->size + 1);
	memcpy(parse_target(p) + k->off, v, n);
}

/* A name of k->names, or a number up to k->max. */
static void
key_name_or_number(struct parse *p, const struct key *k, const char *v)
{
	char	 names[400];
	uint8_t	 b;
	uint64_t n;

	if (name_lookup(k->names, v, &b) == 0) {
		parse_target(p)[k->off] = b;
		return;
	}
	if (number_parse(v, &n) == 0 && n <= k->max) {
		parse_target(p)[k->off] = (uint8_t)n;
		return;
	}
	names_list(k->names, names, sizeof(names));
	bad_value(p, k, v, "expected a number up to %llu or one of: %s",
	    (unsigned long long)k->max, names);
}

static void
key_ipv4(struct parse *p, const struct key *k, const char *v)
{
	if (ipv4_parse(v, parse_target(p) + k->off) != 0)
		bad_value(p, k, v, "expected an IPv4 address (10.0.0.2)");
}

/* "02:00:5e:00:00:01": six bytes in hex, colons or dashes between. */
static void
key_mac(struct parse *p, const struct key *k, const char *v)
{
	uint8_t mac[6];
	size_t	i;
	int	hi, lo;

	if (strlen(v) != 17)
		goto bad;
	for (i = 0; i < 6; i++) {
		hi = hexdump_digit((unsigned char)v[3 * i]);
		lo = hexdump_digit((unsigned char)v[3 * i + 1]);
		if (hi < 0 || lo < 0 ||
		    (i < 5 && v[3 * i + 2] != ':' && v[3 * i + 2] != '-'))
			goto bad;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	memcpy(parse_target(p) + k->off, mac, 6);
	return;
bad:
	bad_value(p, k, v, "expected a MAC address (02:00:5e:00:00:01)");
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t	 era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/*
 * "2024-03-15 08:30" or "2024-03-15" (UTC): the FRU board area's minutes
 * since 1996-01-01 00:00.
 */
static void
key_fru_date(struct parse *p, const struct key *k, const char *v)
{
	unsigned	      y, mo, d, h = 0, mi = 0;
	int		      used = 0;
	int64_t		      minutes;
	uint32_t	      out;
	static const unsigned mdays[] = {
	    31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (sscanf(v, "%4u-%2u-%2u%n", &y, &mo, &d, &used) != 3)
		goto bad;
	if (v[used] != '\0' &&
	    (sscanf(v + used, " %2u:%2u%n", &h, &mi, &used) != 2 ||
		v[strlen(v) - 1] == ' '))
		goto bad;
	if (y < 1996 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    h > 23 || mi > 59)
		goto bad;
	minutes = (days_from_civil(y, mo, d) - days_from_civil(1996, 1, 1)) *
		1440 +
	    h * 60 + mi;
	if (minutes > 0xffffff)
		goto bad;
	out = minutes == 0 ? 1 : (uint32_t)minutes; /* 0 means none */
	memcpy(parse_target(p) + k->off, &out, 4);
	return;
bad:
	bad_value(p, k, v,
	    "expected YYYY-MM-DD or YYYY-MM-DD HH:MM, UTC, 1996 to 2027");
}

/* A FRU image from a binary file, relative to the file naming it. */
static void
key_fru_file(struct parse *p, const struct key *k, const char *v)
{
	struct model_fru *f = &p->src->model->fru[p->fru_id];
	const char	 *slash = strrchr(p->src->path, '/');
	char		 *path;
	FILE		 *fp;
	size_t		  n;
	int		  r, c;

	if (*v == '\0') {
		bad_value(p, k, v, "expected a file name");
		return;
	}
	if (v[0] == '/' || slash == NULL)
		r = asprintf(&path, "%s", v);
	else
		r = asprintf(&path, "%.*s/%s", (int)(slash - p->src->path),
		    p->src->path, v);
	if (r < 0) {
		p->ld->nomem = 1;
		return;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		bad_value(p, k, v, "cannot open %s: %s", path, strerror(errno));
		free(path);
		return;
	}
	n = fread(f->image, 1, sizeof(f->image), fp);
	c = fgetc(fp);
	if (ferror(fp))
		bad_value(p, k, v, "cannot read %s", path);
	else if (c != EOF)
		bad_value(p, k, v, "%s is larger than %d bytes", path,
		    MODEL_FRU_IMAGE_MAX);
	else if (n < 8)
		bad_value(p, k, v,
		    "%s has %zu bytes; a FRU image has at least its 8-byte "
		    "common header",
		    path, n);
	else
		f->image_len = (uint16_t)n;
	fclose(fp);
	free(path);
}

static const struct name_value direction_names[] = {
    {"assert", 0x00},
    {"deassert", 0x80},
    {NULL, 0},
};

static void
key_direction(struct parse *p, const struct key *k, const char *v)
{
	if (name_lookup(direction_names, v, &p->sel_event_dir) != 0)
		bad_value(p, k, v, "expected assert or deassert");
}

/* One to three event data bytes in hex: "0x01 0xff 0xff" or "01ffff". */
static void
key_event_data(struct parse *p, const struct key *k, const char *v)
{
	struct model_sel_event *e = &p->src->model->sel.events[p->sel_event_id];
	char			tok[16], *t;
	const char	       *s = v;
	uint8_t			bytes[3];
	size_t			n = 0, len, i;
	int			r, hi, lo;

	while ((r = list_next(&s, tok, sizeof(tok))) > 0) {
		t = tok;
		if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
			t += 2;
		len = strlen(t);
		if (len == 0 || len % 2 != 0)
			goto bad;
		for (i = 0; i < len; i += 2) {
			hi = hexdump_digit((unsigned char)t[i]);
			lo = hexdump_digit((unsigned char)t[i + 1]);
			if (hi < 0 || lo < 0 || n == 3)
				goto bad;
			bytes[n++] = (uint8_t)(hi << 4 | lo);
		}
	}
	if (r < 0 || n == 0)
		goto bad;
	memset(e->data, 0xff, sizeof(e->data));
	memcpy(e->data, bytes, n);
	e->data_len = (uint8_t)n;
	return;
bad:
	bad_value(p, k, v, "expected one to three bytes in hex (0x01 0xff)");
}

/* ---- tables ---- */

#define U(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = key_uint, \
		.off = offsetof(struct model, field), .size = sz, .min = lo, \
		.max = hi \
	}
#define B(key, field) \
	{ \
		.name = key, .parse = key_bool, \
		.off = offsetof(struct model, field) \
	}
/* Seconds in the file, milliseconds in the model. */
#define SECONDS(key, field, lo, hi) \
	{ \
		.name = key, .parse = key_uint, \
		.off = offsetof(struct model, field), .size = 4, .min = lo, \
		.max = hi, .scale = 1000 \
	}

static const struct key identity_keys[] = {
    U("device_id", identity.device_id, 1, 0, 255),
    U("device_revision", identity.device_revision, 1, 0, 15),
    B("provides_sdrs", identity.provides_sdrs),
    {.name = "firmware", .parse = key_firmware},
    {.name = "ipmi_version", .parse = key_ipmi_version},
    {.name = "additional_device_support", .parse = key_support},
    U("manufacturer_id", identity.manufacturer_id, 4, 0, 0xfffff),
    U("product_id", identity.product_id, 2, 0, 0xffff),
    {.name = "aux_firmware", .parse = key_aux_firmware},
    {.name = "device_guid",
	.parse = key_guid,
	.off = offsetof(struct model, identity.device_guid)},
    {.name = "system_guid",
	.parse = key_guid,
	.off = offsetof(struct model, identity.system_guid)},
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct name_value access_names[] = {
    {"disabled", 0},
    {"pre-boot", 1},
    {"always", 2},
    {"shared", 3},
    {NULL, 0},
};

#define AUTH(key, priv) \
	{ \
		.name = key, .parse = key_auth, \
		.off = offsetof(struct model, channel.auth15_enables[priv]) \
	}

static const struct key channel_keys[] = {
    U("number", channel.number, 1, 1, 11),
    {.name = "cipher_suites", .parse = key_suites},
    {.name = "suite_privilege", .parse = key_suite_priv},
    {.name = "privilege_limit",
	.parse = key_priv,
	.off = offsetof(struct model, channel.priv_limit),
	.min = IPMI_PRIV_CALLBACK,
	.max = IPMI_PRIV_OEM},
    B("ipmi15", channel.ipmi15_enabled),
    B("ipmi20", channel.ipmi20_enabled),
    AUTH("auth_callback", IPMI_PRIV_CALLBACK),
    AUTH("auth_user", IPMI_PRIV_USER),
    AUTH("auth_operator", IPMI_PRIV_OPERATOR),
    AUTH("auth_admin", IPMI_PRIV_ADMIN),
    AUTH("auth_oem", IPMI_PRIV_OEM),
    B("per_message_auth", channel.per_message_auth),
    B("user_level_auth", channel.user_level_auth),
    {.name = "access_mode",
	.parse = key_enum,
	.off = offsetof(struct model, channel.access_mode),
	.names = access_names},
    B("alerting", channel.alerting),
    {.name = "kg", .parse = key_kg, .secret = 1},
    U("max_sessions", channel.max_sessions, 1, 1, 63),
    U("max_handshakes", channel.max_handshakes, 1, 1, 255),
    SECONDS("session_timeout", channel.session_timeout_ms, 1, 3600),
    SECONDS("handshake_timeout", channel.handshake_timeout_ms, 1, 60),
    U("bad_password_threshold", channel.bad_password_threshold, 1, 0, 255),
    SECONDS("lockout_time", channel.lockout_ms, 0, 86400),
    B("anti_enumeration", channel.anti_enumeration),
    U("max_users", channel.max_users, 1, 1, MODEL_USERS_MAX),
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct name_value power_names[] = {
    {"on", 1},
    {"off", 0},
    {NULL, 0},
};

static const struct name_value restore_names[] = {
    {"always-off", MODEL_RESTORE_ALWAYS_OFF},
    {"previous", MODEL_RESTORE_PREVIOUS},
    {"always-on", MODEL_RESTORE_ALWAYS_ON},
    {NULL, 0},
};

static const struct key chassis_keys[] = {
    {.name = "power",
	.parse = key_enum,
	.off = offsetof(struct model, chassis.power_on),
	.names = power_names},
    {.name = "restore_policy",
	.parse = key_enum,
	.off = offsetof(struct model, chassis.restore_policy),
	.names = restore_names},
    U("identify_interval", chassis.identify_default_s, 1, 0, 255),
    U("poh_hours", chassis.poh_hours, 4, 0, UINT32_MAX),
    U("power_cycle_interval_ms", chassis.power_cycle_interval_ms, 4, 0,
	3600000),
    U("soft_off_delay_ms", chassis.soft_off_delay_ms, 4, 0, 3600000),
    U("capabilities", chassis.capabilities, 1, 0, 255),
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct key lab_keys[] = {
    {.name = "rng_seed", .parse = key_rng_seed},
    B("allow_cipher_0", lab.allow_cipher_0),
    B("allow_anonymous", lab.allow_anonymous),
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

#define UB(key, field) \
	{ \
		.name = key, .parse = key_bool, \
		.off = offsetof(struct model_user, field) \
	}

static const struct key user_keys[] = {
    {.name = "name", .parse = key_user_name},
    {.name = "password", .parse = key_password, .secret = 1},
    UB("enabled", enabled),
    {.name = "privilege",
	.parse = key_priv,
	.off = offsetof(struct model_user, priv_limit),
	.min = IPMI_PRIV_CALLBACK,
	.max = IPMI_PRIV_NO_ACCESS},
    {.name = "session_limit",
	.parse = key_uint,
	.off = offsetof(struct model_user, session_limit),
	.size = 1,
	.min = 0,
	.max = 63},
    UB("ipmi_messaging", ipmi_messaging),
    UB("link_auth", link_auth),
    UB("callback_only", callback_only),
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct name_value step_names[] = {
    {"port", 0},
    {"address", 1},
    {NULL, 0},
};

static const struct key bmc_keys[] = {
    {.name = "listen", .parse = key_listen},
    {.name = "model", .parse = key_model},
    {.name = "system_guid",
	.parse = key_guid,
	.off = offsetof(struct decl, system_guid)},
    {.name = "device_guid",
	.parse = key_guid,
	.off = offsetof(struct decl, device_guid)},
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct key fleet_keys[] = {
    {.name = "count",
	.parse = key_uint,
	.off = offsetof(struct decl, count),
	.size = 4,
	.min = 1,
	.max = CONFIG_INSTANCES_MAX},
    {.name = "listen", .parse = key_listen},
    {.name = "step",
	.parse = key_enum,
	.off = offsetof(struct decl, step_address),
	.names = step_names},
    {.name = "model", .parse = key_model},
    {.name = "system_guid",
	.parse = key_guid,
	.off = offsetof(struct decl, system_guid)},
    {.name = "device_guid",
	.parse = key_guid,
	.off = offsetof(struct decl, device_guid)},
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct name_value oem_priv_names[] = {
    {"none", 0}, /* answered outside a session too */
    {"callback", IPMI_PRIV_CALLBACK},
    {"user", IPMI_PRIV_USER},
    {"operator", IPMI_PRIV_OPERATOR},
    {"admin", IPMI_PRIV_ADMIN},
    {NULL, 0},
};

static const struct key oem_keys[] = {
    {.name = "netfn",
	.parse = key_uint,
	.off = offsetof(struct model_oem, netfn),
	.size = 1,
	.min = 0,
	.max = 0x3e},
    {.name = "cmd",
	.parse = key_uint,
	.off = offsetof(struct model_oem, cmd),
	.size = 1,
	.min = 0,
	.max = 255},
    {.name = "privilege",
	.parse = key_enum,
	.off = offsetof(struct model_oem, priv),
	.names = oem_priv_names},
    {.name = "completion_code",
	.parse = key_uint,
	.off = offsetof(struct model_oem, cc),
	.size = 1,
	.min = 0,
	.max = 255},
    /* off tells key_oem_bytes which: 1 the prefix, 0 the response. */
    {.name = "request_prefix", .parse = key_oem_bytes, .off = 1},
    {.name = "response", .parse = key_oem_bytes, .off = 0},
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

/* IPMI 2.0 table 42-3. */
static const struct name_value sensor_type_names[] = {
    {"temperature", 0x01},
    {"voltage", 0x02},
    {"current", 0x03},
    {"fan", 0x04},
    {"intrusion", 0x05},
    {"processor", 0x07},
    {"power_supply", 0x08},
    {"power_unit", 0x09},
    {"other", 0x0b},
    {"memory", 0x0c},
    {"drive_slot", 0x0d},
    {"event_logging", 0x10},
    {"system_event", 0x12},
    {"button", 0x14},
    {"watchdog", 0x23},
    {"management_subsystem", 0x28},
    {NULL, 0},
};

static const struct name_value event_type_names[] = {
    {"threshold", 0x01},
    {"specific", 0x6f},
    {NULL, 0},
};

static const struct name_value record_names[] = {
    {"full", 0},
    {"compact", 1},
    {NULL, 0},
};

/* IPMI 2.0 table 43-15; "percent" is unit 0 with the percentage bit. */
#define UNITS_PERCENT 0xff
static const struct name_value units_names[] = {
    {"none", 0},
    {"degrees_c", 1},
    {"degrees_f", 2},
    {"volts", 4},
    {"amps", 5},
    {"watts", 6},
    {"joules", 7},
    {"rpm", 18},
    {"cfm", 17},
    {"percent", UNITS_PERCENT},
    {NULL, 0},
};

/* IPMI 2.0 table 43-13, the usual ones. */
static const struct name_value entity_names[] = {
    {"processor", 0x03},
    {"disk_bay", 0x04},
    {"power_supply", 0x0a},
    {"front_panel", 0x0c},
    {"system_board", 0x07},
    {"power_unit", 0x13},
    {"chassis", 0x17},
    {"fan", 0x1d},
    {"memory", 0x20},
    {"bmc", 0x2e}, /* management controller firmware */
    {"air_inlet", 0x37},
    {NULL, 0},
};

static const struct name_value wave_names[] = {
    {"constant", MODEL_WAVE_CONSTANT},
    {"ramp", MODEL_WAVE_RAMP},
    {"sine", MODEL_WAVE_SINE},
    {"walk", MODEL_WAVE_WALK},
    {NULL, 0},
};

#define SU(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = key_uint, \
		.off = offsetof(struct model_sensor, field), .size = sz, \
		.min = lo, .max = hi \
	}
#define SI(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = key_sint, \
		.off = offsetof(struct model_sensor, field), .size = sz, \
		.min = (uint64_t)(lo), .max = (uint64_t)(hi) \
	}
#define SD(key, field) \
	{ \
		.name = key, .parse = key_double, \
		.off = offsetof(struct model_sensor, field) \
	}
#define SB(key, field) \
	{ \
		.name = key, .parse = key_bool, \
		.off = offsetof(struct model_sensor, field) \
	}
#define SN(key, field, table, hi) \
	{ \
		.name = key, .parse = key_name_or_number, \
		.off = offsetof(struct model_sensor, field), .max = hi, \
		.names = table \
	}

static const struct key sensor_keys[] = {
    {.name = "name",
	.parse = key_string,
	.off = offsetof(struct model_sensor, name),
	.size = MODEL_SENSOR_NAME_LEN},
    SU("count", count, 1, 1, MODEL_SENSOR_COUNT_MAX),
    SU("number", number, 1, 1, MODEL_SENSOR_NUMBER_MAX),
    SN("type", sensor_type, sensor_type_names, 0xff),
    SN("event_type", event_type, event_type_names, 0x7f),
    {.name = "record",
	.parse = key_enum,
	.off = offsetof(struct model_sensor, compact),
	.names = record_names},
    SN("entity", entity_id, entity_names, 0xff),
    SU("entity_instance", entity_instance, 1, 0, 127),
    SN("units", units, units_names, 0xff),
    SB("signed", analog_signed),
    SI("m", m, 2, -512, 511),
    SI("b", b, 2, -512, 511),
    SI("b_exp", b_exp, 1, -8, 7),
    SI("r_exp", r_exp, 1, -8, 7),
    SU("accuracy", accuracy, 2, 0, 1023),
    SU("tolerance", tolerance, 1, 0, 63),
    SD("range_min", range_min),
    SD("range_max", range_max),
    SD("nominal", nominal),
    SD("off", off),
    {.name = "wave",
	.parse = key_enum,
	.off = offsetof(struct model_sensor, wave),
	.names = wave_names},
    SD("amplitude", amplitude),
    {.name = "period_s",
	.parse = key_uint,
	.off = offsetof(struct model_sensor, period_ms),
	.size = 4,
	.min = 1,
	.max = 86400,
	.scale = 1000},
    {.name = "settle_s",
	.parse = key_uint,
	.off = offsetof(struct model_sensor, settle_ms),
	.size = 4,
	.min = 0,
	.max = 3600,
	.scale = 1000},
    SD("lnr", threshold[MODEL_LNR]),
    SD("lcr", threshold[MODEL_LCR]),
    SD("lnc", threshold[MODEL_LNC]),
    SD("unc", threshold[MODEL_UNC]),
    SD("ucr", threshold[MODEL_UCR]),
    SD("unr", threshold[MODEL_UNR]),
    SB("thresholds_settable", thresholds_settable),
    SD("hysteresis", hysteresis),
    SU("state", state, 2, 0, 0x7fff),
    SU("off_state", off_state, 2, 0, 0x7fff),
    SB("events", events),
    SU("assert_mask", assert_mask, 2, 0, 0x7fff),
    SU("deassert_mask", deassert_mask, 2, 0, 0x7fff),
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct name_value when_full_names[] = {
    {"stop", 0},
    {"overwrite", 1},
    {NULL, 0},
};

static const struct key sel_keys[] = {
    U("capacity", sel.capacity, 2, 16, 3639),
    {.name = "when_full",
	.parse = key_enum,
	.off = offsetof(struct model, sel.overwrite),
	.names = when_full_names},
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

#define EU(key, field, sz, lo, hi) \
	{ \
		.name = key, .parse = key_uint, \
		.off = offsetof(struct model_sel_event, field), .size = sz, \
		.min = lo, .max = hi \
	}

static const struct key sel_event_keys[] = {
    EU("ago", ago_s, 4, 0, 10u * 365 * 86400),
    EU("generator", generator, 1, 0, 255),
    {.name = "sensor_type",
	.parse = key_name_or_number,
	.off = offsetof(struct model_sel_event, sensor_type),
	.max = 0xff,
	.names = sensor_type_names},
    EU("sensor", sensor_number, 1, 0, 255),
    /* off tells the direction apart: see section_end. */
    {.name = "event_type",
	.parse = key_name_or_number,
	.off = offsetof(struct model_sel_event, event_type),
	.max = 0x7f,
	.names = event_type_names},
    {.name = "direction", .parse = key_direction},
    {.name = "data", .parse = key_event_data},
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

#define FS(key, field) \
	{ \
		.name = key, .parse = key_string, \
		.off = offsetof(struct model_fru, field), \
		.size = MODEL_FRU_STRING_LEN \
	}

static const struct key fru_keys[] = {
    {.name = "name",
	.parse = key_string,
	.off = offsetof(struct model_fru, name),
	.size = MODEL_SENSOR_NAME_LEN},
    {.name = "size",
	.parse = key_uint,
	.off = offsetof(struct model_fru, size),
	.size = 2,
	.min = 8,
	.max = 65535},
    {.name = "file", .parse = key_fru_file},
    {.name = "chassis_type",
	.parse = key_uint,
	.off = offsetof(struct model_fru, chassis_type),
	.size = 1,
	.min = 1,
	.max = 0x24},
    FS("chassis_part", chassis_part),
    FS("chassis_serial", chassis_serial),
    FS("chassis_custom1", chassis_custom[0]),
    FS("chassis_custom2", chassis_custom[1]),
    {.name = "board_mfg_date",
	.parse = key_fru_date,
	.off = offsetof(struct model_fru, board_mfg_minutes)},
    FS("board_manufacturer", board_manufacturer),
    FS("board_product", board_product),
    FS("board_serial", board_serial),
    FS("board_part", board_part),
    FS("board_fru_id", board_fru_id),
    FS("board_custom1", board_custom[0]),
    FS("board_custom2", board_custom[1]),
    FS("product_manufacturer", product_manufacturer),
    FS("product_name", product_name),
    FS("product_part", product_part),
    FS("product_version", product_version),
    FS("product_serial", product_serial),
    FS("product_asset_tag", product_asset_tag),
    FS("product_fru_id", product_fru_id),
    FS("product_custom1", product_custom[0]),
    FS("product_custom2", product_custom[1]),
    {.name = "psu_capacity_w",
	.parse = key_uint,
	.off = offsetof(struct model_fru, psu_capacity_w),
	.size = 2,
	.min = 0,
	.max = 4095},
    {.name = "psu_peak_va",
	.parse = key_uint,
	.off = offsetof(struct model_fru, psu_peak_va),
	.size = 2,
	.min = 0,
	.max = 65534},
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct name_value ip_source_names[] = {
    {"static", 1},
    {"dhcp", 2},
    {NULL, 0},
};

static const struct key lan_keys[] = {
    {.name = "ip", .parse = key_ipv4, .off = offsetof(struct model, lan.ip)},
    {.name = "ip_source",
	.parse = key_enum,
	.off = offsetof(struct model, lan.ip_source),
	.names = ip_source_names},
    {.name = "netmask",
	.parse = key_ipv4,
	.off = offsetof(struct model, lan.netmask)},
    {.name = "gateway",
	.parse = key_ipv4,
	.off = offsetof(struct model, lan.gateway)},
    {.name = "gateway_mac",
	.parse = key_mac,
	.off = offsetof(struct model, lan.gateway_mac)},
    {.name = "mac", .parse = key_mac, .off = offsetof(struct model, lan.mac)},
    U("vlan_id", lan.vlan_id, 2, 0, 4094),
    U("vlan_priority", lan.vlan_priority, 1, 0, 7),
    {.name = "community",
	.parse = key_string,
	.off = offsetof(struct model, lan.community),
	.size = 18},
    U("destinations", lan.destinations, 1, 0, 15),
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

#define SYS(key, field) \
	{ \
		.name = key, .parse = key_string, \
		.off = offsetof(struct model, system.field), \
		.size = MODEL_SYSINFO_LEN \
	}

static const struct key system_keys[] = {
    SYS("firmware_version", firmware_version),
    SYS("name", name),
    SYS("primary_os", primary_os),
    SYS("os_name", os_name),
    {NULL, NULL, 0, 0, 0, 0, 0, NULL, 0},
};

static const struct section_def sections[] = {
    {"identity", SEC_IDENTITY, ARG_NONE, identity_keys},
    {"user", SEC_USER, ARG_NUMBER, user_keys},
    {"channel", SEC_CHANNEL, ARG_NONE, channel_keys},
    {"chassis", SEC_CHASSIS, ARG_NONE, chassis_keys},
    {"lab", SEC_LAB, ARG_NONE, lab_keys},
    {"bmc", SEC_BMC, ARG_NAME, bmc_keys},
    {"fleet", SEC_FLEET, ARG_NAME, fleet_keys},
    {"oem", SEC_OEM, ARG_NUMBER, oem_keys},
    {"sensor", SEC_SENSOR, ARG_NUMBER, sensor_keys},
    {"sel", SEC_SEL, ARG_NONE, sel_keys},
    {"sel_event", SEC_SEL_EVENT, ARG_NUMBER, sel_event_keys},
    {"fru", SEC_FRU, ARG_NUMBER, fru_keys},
    {"lan", SEC_LAN, ARG_NONE, lan_keys},
    {"system", SEC_SYSTEM, ARG_NONE, system_keys},
    {NULL, SEC_NONE, ARG_NONE, NULL},
};

static int
key_index(const struct section_def *sec, const char *name)
{
	int i;

	/* key_line[] has a slot for every key of the longest table. */
	_Static_assert(
	    sizeof(sensor_keys) / sizeof(sensor_keys[0]) <= CONFIG_KEYS_MAX,
	    "CONFIG_KEYS_MAX is too small for [sensor N]");
	_Static_assert(
	    sizeof(fru_keys) / sizeof(fru_keys[0]) <= CONFIG_KEYS_MAX,
	    "CONFIG_KEYS_MAX is too small for [fru N]");
	for (i = 0; sec->keys[i].name != NULL; i++)
		if (strcmp(sec->keys[i].name, name) == 0)
			return i;
	return -1;
}

/* ---- sections ---- */

/* Letters, digits, '.', '_' and '-': names appear in logs and files. */
static int
name_valid(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '_' &&
		    *s != '-')
			return 0;
	return 1;
}

static int
key_given(const struct parse *p, const char *name)
{
	int i = key_index(p->sec, name);

	return i >= 0 && p->key_line[i] != 0;
}

static void sensor_error(struct parse *, const char *key, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* A problem of a [sensor N], at the line of the key it is about. */
static void
sensor_error(struct parse *p, const char *key, const char *fmt, ...)
{
	char	 msg[300];
	va_list	 ap;
	int	 i = key_index(p->sec, key);
	unsigned line = i >= 0 && p->key_line[i] != 0 ? p->key_line[i]
						      : p->sec_line;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	loader_error(
	    p->ld, p->src->path, line, "[sensor %u]: %s", p->sensor_id, msg);
}

/* What a sensor type is like, for the keys a section leaves out. */
struct sensor_kind {
	uint8_t	 type;
	uint8_t	 units;
	uint8_t	 entity;
	uint8_t	 threshold; /* 1: a threshold sensor */
	double	 range_min, range_max, nominal;
	uint32_t settle_ms;
	uint16_t state, off_state; /* discrete */
	uint8_t	 has_off_state;
};

static const struct sensor_kind sensor_kinds[] = {
    {0x01, 1, 0x07, 1, 0, 127.5, 35, 60000, 0, 0, 0},	/* temperature */
    {0x02, 4, 0x07, 1, 0, 0, 0, 500, 0, 0, 0},		/* voltage */
    {0x03, 5, 0x07, 1, 0, 51, 5, 0, 0, 0, 0},		/* current */
    {0x04, 18, 0x1d, 1, 0, 20400, 6000, 3000, 0, 0, 0}, /* fan */
    {0x0b, 6, 0x07, 1, 0, 1020, 200, 0, 0, 0, 0},	/* other: W */
    {0x05, 0, 0x17, 0, 0, 0, 0, 0, 0x0000, 0, 0},	/* intrusion */
    {0x07, 0, 0x03, 0, 0, 0, 0, 0, 0x0080, 0x0080, 1},	/* processor */
    {0x08, 0, 0x0a, 0, 0, 0, 0, 0, 0x0001, 0x0001, 1},	/* PSU */
    {0x09, 0, 0x13, 0, 0, 0, 0, 0, 0x0000, 0x0001, 1},	/* power unit */
    {0x0c, 0, 0x20, 0, 0, 0, 0, 0, 0x0040, 0x0040, 1},	/* memory */
    {0x0d, 0, 0x04, 0, 0, 0, 0, 0, 0x0001, 0x0001, 1},	/* drive slot */
    {0, 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 0}, /* any other: discrete */
};

/*
 * A [sensor N] is complete: the defaults its type implies, then the
 * checks that need all its keys.
 */
static void
sensor_end(struct parse *p, struct model_sensor *s)
{
	const struct sensor_kind *k = sensor_kinds;
	char			  name[64], *brace;
	unsigned		  i;
	double			  last = -INFINITY;
	static const char *const  th_names[] = {
	     "lnc", "lcr", "lnr", "unc", "ucr", "unr"};
	static const int order[] = {
	    MODEL_LNR, MODEL_LCR, MODEL_LNC, MODEL_UNC, MODEL_UCR, MODEL_UNR};

	if (!key_given(p, "name"))
		loader_error(p->ld, p->src->path, p->sec_line,
		    "[sensor %u] needs a name", p->sensor_id);
	if (!key_given(p, "type")) {
		loader_error(p->ld, p->src->path, p->sec_line,
		    "[sensor %u] needs a type", p->sensor_id);
		return;
	}
	while (k->type != 0 && k->type != s->sensor_type)
		k++;
	s->has_number = key_given(p, "number");
	s->has_m = key_given(p, "m");
	if (!key_given(p, "event_type"))
		s->event_type = k->threshold ? 0x01 : 0x6f;
	if (!key_given(p, "record"))
		s->compact = s->event_type != 0x01;
	if (!key_given(p, "entity"))
		s->entity_id = k->entity;
	if (!key_given(p, "units"))
		s->units = k->units;
	if (s->units == UNITS_PERCENT) {
		s->units = 0;
		s->percentage = 1;
	}
	if (s->settle_ms == UINT32_MAX)
		s->settle_ms = k->settle_ms;
	if (!key_given(p, "state"))
		s->state = k->state;
	if (key_given(p, "off_state"))
		s->has_off_state = 1;
	else if (k->has_off_state) {
		s->off_state = k->off_state;
		s->has_off_state = 1;
	}
	if (s->event_type == 0x01) {
		if (isnan(s->nominal)) {
			if (s->sensor_type == 0x02) {
				loader_error(p->ld, p->src->path, p->sec_line,
				    "[sensor %u] needs nominal (the rail's "
				    "voltage)",
				    p->sensor_id);
				return;
			}
			s->nominal = k->nominal;
		}
		if (isnan(s->range_min))
			s->range_min = s->nominal < 0 ? -128 : 0;
		if (isnan(s->range_max))
			s->range_max = k->range_max > s->nominal * 1.2
			    ? k->range_max
			    : fabs(s->nominal) * 1.5;
		if (!key_given(p, "signed"))
			s->analog_signed = s->range_min < 0;
		if (isnan(s->off))
			s->off = s->sensor_type == 0x01
			    ? (s->nominal < 24 ? s->nominal : 24)
			    : 0;
		if (isnan(s->hysteresis))
			s->hysteresis = s->sensor_type == 0x01 ? 1 : 0;
		if (s->compact)
			sensor_error(p, "record",
			    "record = compact: a threshold sensor needs a "
			    "full record (its linearisation lives there)");
		if (s->range_max <= s->range_min)
			sensor_error(p, "range_max",
			    "range_max must be above range_min");
		for (i = 0; i < MODEL_THRESHOLDS; i++) {
			double t = s->threshold[order[i]];

			if (isnan(t))
				continue;
			if (t < s->range_min || t > s->range_max)
				sensor_error(p, th_names[order[i]],
				    "%s = %g is outside the sensor's range "
				    "%g to %g",
				    th_names[order[i]], t, s->range_min,
				    s->range_max);
			if (t < last)
				sensor_error(p, th_names[order[i]],
				    "%s = %g: thresholds must rise from lnr "
				    "to unr",
				    th_names[order[i]], t);
			last = t;
		}
		if (s->hysteresis < 0)
			sensor_error(
			    p, "hysteresis", "hysteresis must not be negative");
	} else {
		if (isnan(s->nominal))
			s->nominal = 0;
		if (isnan(s->off))
			s->off = 0;
		if (isnan(s->hysteresis))
			s->hysteresis = 0;
		if (isnan(s->range_min))
			s->range_min = 0;
		if (isnan(s->range_max))
			s->range_max = 255;
	}
	/* The longest name the replicas get must fit the ID string. */
	snprintf(name, sizeof(name), "%s", s->name);
	if ((brace = strstr(name, "{n}")) != NULL)
		snprintf(brace, sizeof(name) - (size_t)(brace - name), "%u%s",
		    s->count, strstr(s->name, "{n}") + 3);
	else if (s->count > 1)
		snprintf(name + strlen(name), sizeof(name) - strlen(name),
		    " %u", s->count);
	if (strlen(name) > MODEL_SENSOR_NAME_LEN)
		loader_error(p->ld, p->src->path, p->sec_line,
		    "[sensor %u]: the name '%s' is longer than %d bytes",
		    p->sensor_id, name, MODEL_SENSOR_NAME_LEN);
}

static void
fru_end(struct parse *p, struct model_fru *f)
{
	if (f->name[0] == '\0')
		snprintf(f->name, sizeof(f->name),
		    p->fru_id == 0 ? "Builtin FRU" : "FRU %u", p->fru_id);
	if (f->image_len > 0 && f->size != 0 && f->size < f->image_len)
		loader_error(p->ld, p->src->path, p->sec_line,
		    "[fru %u]: size = %u is smaller than the image (%u bytes)",
		    p->fru_id, f->size, f->image_len);
}

/* Checks made when a section ends: required keys. */
static void
section_end(struct parse *p)
{
	int i;

	if (p->sec == NULL || p->kind == SEC_SKIP)
		return;
	if (p->kind == SEC_USER && p->user_id != 1 &&
	    (i = key_index(p->sec, "name")) >= 0 && p->key_line[i] == 0)
		loader_error(p->ld, p->src->path, p->sec_line,
		    "[user %u] needs a name (only user 1, the null user, "
		    "has none)",
		    p->user_id);
	if (p->kind == SEC_FLEET && (i = key_index(p->sec, "count")) >= 0 &&
	    p->key_line[i] == 0)
		loader_error(p->ld, p->src->path, p->sec_line,
		    "[fleet %s] needs count", p->ld->decls[p->decl].name);
	if (p->kind == SEC_SENSOR)
		sensor_end(p, &p->src->model->sensors[p->sensor_id - 1]);
	if (p->kind == SEC_SEL_EVENT) {
		struct model_sel_event *e =
		    &p->src->model->sel.events[p->sel_event_id];

		e->event_type |= p->sel_event_dir;
		if (e->data_len == 0)
			loader_error(p->ld, p->src->path, p->sec_line,
			    "[sel_event %u] needs data (the event data "
			    "bytes, the first holding the offset)",
			    p->sel_event_id);
	}
	if (p->kind == SEC_FRU)
		fru_end(p, &p->src->model->fru[p->fru_id]);
	if (p->kind == SEC_LAN) {
		if (key_given(p, "ip"))
			p->src->model->lan.has_ip = 1;
		if (key_given(p, "mac"))
			p->src->model->lan.has_mac = 1;
	}
	p->sec = NULL;
}

static int
decl_add(struct parse *p, enum section_kind kind, const char *name)
{
	struct loader *ld = p->ld;
	struct decl   *d;

	if (ld->ndecls == ld->capdecls) {
		size_t cap = ld->capdecls == 0 ? 8 : ld->capdecls * 2;

		if ((d = realloc(ld->decls, cap * sizeof(*d))) == NULL) {
			ld->nomem = 1;
			return -1;
		}
		ld->decls = d;
		ld->capdecls = cap;
	}
	d = &ld->decls[ld->ndecls];
	memset(d, 0, sizeof(*d));
	d->fleet = kind == SEC_FLEET;
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->line = p->lineno;
	snprintf(d->host, sizeof(d->host), "%s", CONFIG_DEFAULT_HOST);
	d->port = CONFIG_DEFAULT_PORT;
	d->count = 1;
	d->src = p->src_index;
	p->decl = ld->ndecls++;
	return 0;
}

/* Defaults of a [sensor N] before its keys; see sensor_end(). */
static void
sensor_begin(struct model_sensor *s)
{
	unsigned i;

	memset(s, 0, sizeof(*s));
	s->defined = 1;
	s->count = 1;
	s->entity_instance = 1;
	s->range_min = NAN;
	s->range_max = NAN;
	s->nominal = NAN;
	s->off = NAN;
	s->amplitude = 0;
	s->period_ms = 60000;
	s->hysteresis = NAN;
	for (i = 0; i < MODEL_THRESHOLDS; i++)
		s->threshold[i] = NAN;
	s->thresholds_settable = 1;
	s->events = 1;
	s->settle_ms = UINT32_MAX; /* by type */
}

/* [sensor N], [sel_event N] and [fru N]: 0, or -1 after saying why. */
static int
numbered_begin(struct parse *p, const struct section_def *def, const char *arg)
{
	struct model *m = p->src->model;
	uint64_t      n, lo = 1, hi;
	unsigned     *line;

	switch (def->kind) {
	case SEC_SENSOR:
		hi = MODEL_SENSORS_MAX;
		line = p->sensor_line;
		break;
	case SEC_SEL_EVENT:
		hi = MODEL_SEL_EVENTS_MAX;
		line = p->sel_event_line;
		break;
	default:
		lo = 0;
		hi = MODEL_FRU_MAX - 1;
		line = p->fru_line;
		break;
	}
	if (number_parse(arg, &n) != 0 || n < lo || n > hi) {
		parse_error(p, "[%s %s]: the number must be %u to %u",
		    def->name, arg, (unsigned)lo, (unsigned)hi);
		return -1;
	}
	if (line[n] != 0) {
		parse_error(p, "duplicate [%s %u] (first at line %u)",
		    def->name, (unsigned)n, line[n]);
		return -1;
	}
	line[n] = p->lineno;
	switch (def->kind) {
	case SEC_SENSOR:
		p->sensor_id = (unsigned)n;
		sensor_begin(&m->sensors[n - 1]);
		break;
	case SEC_SEL_EVENT:
		p->sel_event_id = (unsigned)n;
		p->sel_event_dir = 0;
		memset(&m->sel.events[n], 0, sizeof(m->sel.events[n]));
		m->sel.events[n].defined = 1;
		m->sel.events[n].generator = 0x20;
		m->sel.events[n].sensor_type = 0x12; /* system event */
		m->sel.events[n].event_type = 0x6f;
		break;
	default:
		p->fru_id = (unsigned)n;
		memset(&m->fru[n], 0, sizeof(m->fru[n]));
		m->fru[n].defined = 1;
		m->fru[n].chassis_type = 0x17; /* rack mount chassis */
		break;
	}
	return 0;
}

static void
section_begin(struct parse *p, char *line)
{
	const struct section_def *def;
	char			 *end, *inner, *arg, *after;
	size_t			  namemax;
	uint64_t		  n;

	section_end(p);
	p->kind = SEC_SKIP;
	/* inih ends the header at ']' unless a comment (" ;") comes first. */
	for (end = line + 1; *end != '\0' && *end != ']'; end++)
		if (*end == ';' && isspace((unsigned char)end[-1])) {
			end = NULL;
			break;
		}
	if (end == NULL || *end != ']') {
		parse_error(p, "section header without ']'");
		return;
	}
	for (after = end + 1; isspace((unsigned char)*after); after++)
		;
	if (*after != '\0' && *after != ';' && *after != '#')
		parse_error(p, "text after the section header: %s", after);
	*end = '\0';
	for (inner = line + 1; isspace((unsigned char)*inner); inner++)
		;
	for (end = inner; *end != '\0'; end++)
		;
	while (end > inner && isspace((unsigned char)end[-1]))
		*--end = '\0';
	for (arg = inner; *arg != '\0' && !isspace((unsigned char)*arg); arg++)
		;
	if (*arg != '\0') {
		*arg++ = '\0';
		while (isspace((unsigned char)*arg))
			arg++;
	}
	for (def = sections; def->name != NULL; def++)
		if (strcmp(def->name, inner) == 0)
			break;
	if (def->name == NULL) {
		parse_error(p,
		    "unknown section [%s] (known: identity, user N, channel, "
		    "chassis, lab, oem N, sensor N, sel, sel_event N, fru N, "
		    "lan, system, bmc NAME, fleet NAME)",
		    inner);
		return;
	}
	switch (def->arg) {
	case ARG_NONE:
		if (*arg != '\0') {
			parse_error(p, "[%s] takes no name", def->name);
			return;
		}
		if (p->once_line[def->kind] != 0) {
			parse_error(p, "[%s] repeated (first at line %u)",
			    def->name, p->once_line[def->kind]);
			return;
		}
		p->once_line[def->kind] = p->lineno;
		break;
	case ARG_NUMBER:
		if (def->kind == SEC_SENSOR || def->kind == SEC_SEL_EVENT ||
		    def->kind == SEC_FRU) {
			if (numbered_begin(p, def, arg) != 0)
				return;
			break;
		}
		if (def->kind == SEC_OEM) {
			if (number_parse(arg, &n) != 0 || n < 1 ||
			    n > MODEL_OEM_MAX) {
				parse_error(p,
				    "[oem %s]: the number must be 1 to %d", arg,
				    MODEL_OEM_MAX);
				return;
			}
			if (p->oem_line[n] != 0) {
				parse_error(p,
				    "duplicate [oem %u] (first at line %u)",
				    (unsigned)n, p->oem_line[n]);
				return;
			}
			p->oem_line[n] = p->lineno;
			p->oem_id = (unsigned)n;
			memset(&p->src->model->oem[n], 0,
			    sizeof(p->src->model->oem[n]));
			p->src->model->oem[n].defined = 1;
			p->src->model->oem[n].priv = IPMI_PRIV_USER;
			break;
		}
		if (number_parse(arg, &n) != 0 || n < 1 ||
		    n > MODEL_USERS_MAX) {
			parse_error(p,
			    "[user %s]: the user number must be 1 to %d", arg,
			    MODEL_USERS_MAX);
			return;
		}
		if (p->user_line[n] != 0) {
			parse_error(p,
			    "duplicate user number %u (first at line %u)",
			    (unsigned)n, p->user_line[n]);
			return;
		}
		p->user_line[n] = p->lineno;
		p->user_id = (unsigned)n;
		{
			struct model_user *u = &p->src->model->users[n];

			memset(u, 0, sizeof(*u));
			u->defined = 1;
			u->enabled = 1;
			u->priv_limit = IPMI_PRIV_USER;
			u->ipmi_messaging = 1;
		}
		break;
	case ARG_NAME:
		if (!p->main_file) {
			parse_error(p,
			    "[%s %s]: instance sections belong in the main "
			    "configuration file, not in a model file",
			    def->name, arg);
			return;
		}
		/* Fleet members add "-" and up to five digits. */
		namemax = CONFIG_NAME_MAX - 1 -
		    (def->kind == SEC_FLEET ? 1 + CONFIG_INDEX_MAX_DIGITS : 0);
		if (!name_valid(arg) || strlen(arg) > namemax) {
			parse_error(p,
			    "[%s %s]: a name of 1 to %zu letters, digits, '.', "
			    "'_' or '-' is needed",
			    def->name, arg, namemax);
			return;
		}
		if (decl_add(p, def->kind, arg) != 0)
			return;
		break;
	}
	p->sec = def;
	p->kind = def->kind;
	p->sec_line = p->lineno;
	memset(p->key_line, 0, sizeof(p->key_line));
}

/*
 * inih's reader: one line per call.  Comments and section headers are
 * handled here and reach inih as empty lines; key lines reach it without
 * their indentation, so none is taken for a continuation.  The copy of
 * each line is wiped: it may hold a password.
 */
static char *
parse_reader(char *out, int cap, void *arg)
{
	struct parse *p = arg;
	ssize_t	      len;
	char	     *s, *e;

	if ((len = getline(&p->buf, &p->cap, p->fp)) < 0)
		return NULL;
	p->lineno++;
	s = p->buf;
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	if (p->lineno == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (isspace((unsigned char)*s))
		s++;
	out[0] = '\0';
	if (*s == '\0' || *s == ';' || *s == '#')
		goto out;
	if (*s == '[') {
		section_begin(p, s);
		goto out;
	}
	/* Mirror inih: '=' or ':' must come before any " ;" comment. */
	for (e = s; *e != '\0' && *e != '=' && *e != ':'; e++)
		if (*e == ';' && isspace((unsigned char)e[-1]))
			break;
	if (*e != '=' && *e != ':') {
		parse_error(
		    p, "expected 'key = value', a [section] or a comment");
		goto out;
	}
	if (e == s) {
		parse_error(p, "a value without a key name");
		goto out;
	}
	if (strlen(s) + 2 > (size_t)cap) {
		parse_error(p, "line too long (at most %d bytes)", cap - 2);
		goto out;
	}
	memcpy(out, s, strlen(s) + 1);
out:
	strcat(out, "\n");
	ct_wipe(p->buf, p->cap);
	return out;
}

static int
parse_handler(
    void *arg, const char *section, const char *name, const char *value)
{
	struct parse	 *p = arg;
	const struct key *k;
	char		  v[CONFIG_VALUE_MAX];
	size_t		  n;
	int		  i;

	if (name == NULL) /* an inih built to announce sections */
		return 1;
	if (p->kind == SEC_NONE) {
		parse_error(p, "%s: a key before any section", name);
		return 1;
	}
	if (p->kind == SEC_SKIP || p->sec == NULL)
		return 1;
	if ((i = key_index(p->sec, name)) < 0) {
		parse_error(p, "unknown key '%s' in [%s]", name, p->sec->name);
		return 1;
	}
	k = &p->sec->keys[i];
	if (p->key_line[i] != 0) {
		parse_error(p, "%s given twice (first at line %u)", name,
		    p->key_line[i]);
		goto out;
	}
	p->key_line[i] = p->lineno;
	/* Quotes keep leading and trailing blanks. */
	n = strlen(value);
	if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
		value++;
		n -= 2;
	}
	if (n >= sizeof(v)) {
		parse_error(p, "%s: value too long", name);
		goto out;
	}
	memcpy(v, value, n);
	v[n] = '\0';
	k->parse(p, k, v);
out:
	ct_wipe(v, sizeof(v));
	/* The value lives in inih's line buffer, which is writable. */
	if (k->secret)
		ct_wipe((char *)(uintptr_t)value, strlen(value));
	return 1;
}

/* Checks that need the whole file. */
static void
model_check(struct parse *p)
{
	struct model	     *m = p->src->model;
	struct model_channel *c = &m->channel;
	struct model_user    *u, *v;
	unsigned	      i, j, line;
	const char	     *path = p->src->path;
	struct loader	     *ld = p->ld;

	if ((c->enabled_suites & 1u) && !m->lab.allow_cipher_0)
		loader_error(ld, path, p->suites_line,
		    "cipher suite 0 (no authentication, no integrity, no "
		    "encryption) needs allow_cipher_0 = yes in [lab]");
	if (c->ipmi20_enabled && c->enabled_suites == 0)
		loader_error(ld, path, p->suites_line,
		    "ipmi20 = yes but cipher_suites is empty");
	if (!c->ipmi15_enabled && !c->ipmi20_enabled)
		loader_error(ld, path, p->once_line[SEC_CHANNEL],
		    "ipmi15 and ipmi20 are both off: nobody could log in");
	if (p->suite_priv_given & ~c->enabled_suites) {
		for (i = 0; i < SUITE_COUNT; i++)
			if (p->suite_priv_given & ~c->enabled_suites &
			    (1u << i))
				break;
		loader_error(ld, path, p->suite_priv_line,
		    "suite_privilege names suite %u, which cipher_suites "
		    "does not enable",
		    i);
	}
	for (i = 1; i <= MODEL_USERS_MAX; i++) {
		u = &m->users[i];
		if (!u->defined)
			continue;
		if (i > c->max_users)
			loader_error(ld, path, p->user_line[i],
			    "user %u is above max_users (%u)", i, c->max_users);
		if (i == 1 && u->enabled && !m->lab.allow_anonymous)
			loader_error(ld, path, p->user_line[i],
			    "user 1 (the null user) is enabled: anonymous "
			    "login needs allow_anonymous = yes in [lab]");
		if (i > 1 && u->name_len == 0 && p->user_name_line[i] != 0 &&
		    !m->lab.allow_anonymous)
			loader_error(ld, path, p->user_name_line[i],
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
			line = p->user_name_line[i] ? p->user_name_line[i]
						    : p->user_line[i];
			loader_error(ld, path, line,
			    "user %u has the same name as user %u", i, j);
			break;
		}
	}
}

/*
 * The [sensor N] sections in the order of N, without gaps; then every
 * sensor's number and LUN must be its own.
 */
static void
sensors_place(struct parse *p)
{
	struct model		   *m = p->src->model;
	struct model_sensor_address a;
	uint8_t			    used[4][256];
	unsigned		    i, r, n = 0, lines[MODEL_SENSORS_MAX];

	for (i = 1; i <= MODEL_SENSORS_MAX; i++) {
		if (p->sensor_line[i] == 0)
			continue;
		if (n != i - 1)
			m->sensors[n] = m->sensors[i - 1];
		lines[n++] = p->sensor_line[i];
	}
	for (i = n; i < MODEL_SENSORS_MAX; i++)
		memset(&m->sensors[i], 0, sizeof(m->sensors[i]));
	m->nsensors = n;
	memset(used, 0, sizeof(used));
	for (i = 0; i < n; i++) {
		for (r = 0; r < m->sensors[i].count; r++) {
			if (model_sensor_address(m, i, r, &a) != 0) {
				loader_error(p->ld, p->src->path, lines[i],
				    "more than %d sensors: numbers 1 to %d on "
				    "LUNs 0, 1 and 3 are all taken",
				    MODEL_SENSOR_SLOTS,
				    MODEL_SENSOR_NUMBER_MAX);
				return;
			}
			if (used[a.lun][a.number]) {
				loader_error(p->ld, p->src->path, lines[i],
				    "sensor number %u on LUN %u is taken by an "
				    "earlier sensor",
				    a.number, a.lun);
				return;
			}
			used[a.lun][a.number] = 1;
		}
	}
}

/* Reads one file into src->model (and instance sections if main). */
static void
source_parse(struct loader *ld, size_t index, int main_file)
{
	struct parse p;
	char	     iobuf[4096];
	int	     rc, saved;

	memset(&p, 0, sizeof(p));
	p.ld = ld;
	p.src = ld->srcs[index];
	p.src_index = index;
	p.main_file = main_file;
	p.kind = SEC_NONE;
	if ((p.fp = fopen(p.src->path, "r")) == NULL) {
		loader_error(ld, NULL, 0, "cannot open %s: %s", p.src->path,
		    strerror(errno));
		ld->system_error = 1;
		return;
	}
	/* Our buffer, so that what stdio read of passwords can be wiped. */
	setvbuf(p.fp, iobuf, _IOFBF, sizeof(iobuf));
	rc = ini_parse_stream(parse_reader, &p, parse_handler, &p);
	section_end(&p);
	if (ferror(p.fp)) {
		saved = errno;
		loader_error(
		    ld, p.src->path, 0, "read error: %s", strerror(saved));
		ld->system_error = 1;
	}
	fclose(p.fp);
	ct_wipe(iobuf, sizeof(iobuf));
	if (p.buf != NULL)
		ct_wipe(p.buf, p.cap);
	free(p.buf);
	if (rc == -2)
		ld->nomem = 1;
	else if (rc > 0) /* the reader lets no bad line through */
		loader_error(ld, p.src->path, (unsigned)rc, "syntax error");
	sensors_place(&p);
	model_check(&p);
}

/*
 * The source for path, loaded on first use.  The index, or -1 (said in
 * diag, at file:line when another file names it).
 */
static long
source_get(struct loader *ld, const char *path, const char *ref_file,
    unsigned ref_line)
{
	struct source *s, **srcs;
	struct model  *m;
	char	      *real;
	size_t	       i;

	if ((real = realpath(path, NULL)) == NULL) {
		if (ref_file != NULL)
			loader_error(ld, ref_file, ref_line,
			    "model = %s: cannot open: %s", path,
			    strerror(errno));
		else
			loader_error(ld, NULL, 0, "cannot open %s: %s", path,
			    strerror(errno));
		ld->system_error = 1;
		return -1;
	}
	for (i = 0; i < ld->nsrcs; i++) {
		if (strcmp(ld->srcs[i]->real, real) == 0) {
			free(real);
			return (long)i;
		}
	}
	s = calloc(1, sizeof(*s));
	m = calloc(1, sizeof(*m));
	srcs = realloc(ld->srcs, (ld->nsrcs + 1) * sizeof(*srcs));
	if (srcs != NULL)
		ld->srcs = srcs;
	if (m != NULL)
		model_defaults(m);
	if (s == NULL || m == NULL || srcs == NULL ||
	    (s->path = strdup(path)) == NULL ||
	    (m->source = strdup(path)) == NULL) {
		if (s != NULL)
			free(s->path);
		free(s);
		free(m);
		free(real);
		ld->nomem = 1;
		return -1;
	}
	s->real = real;
	s->model = m;
	ld->srcs[ld->nsrcs++] = s;
	source_parse(ld, ld->nsrcs - 1, ld->nsrcs == 1);
	return (long)(ld->nsrcs - 1);
}

/* ---- instances ---- */

static unsigned
digits(uint32_t n)
{
	unsigned d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void
bmc_guids(
    struct config_bmc *b, const struct decl *d, const char *kind, uint64_t add)
{
	const struct model_identity *id = &b->model->identity;

	if (d->has_system_guid) {
		memcpy(b->system_guid, d->system_guid, MODEL_GUID_LEN);
		guid_add(b->system_guid, add);
	} else if (!d->fleet && id->has_system_guid) {
		memcpy(b->system_guid, id->system_guid, MODEL_GUID_LEN);
	} else {
		guid_derive(b->system_guid, kind, d->name, 0);
		guid_add(b->system_guid, d->fleet ? b->index : 0);
	}
	if (d->has_device_guid) {
		memcpy(b->device_guid, d->device_guid, MODEL_GUID_LEN);
		guid_add(b->device_guid, add);
	} else if (!d->fleet && id->has_device_guid) {
		memcpy(b->device_guid, id->device_guid, MODEL_GUID_LEN);
	} else {
		guid_derive(b->device_guid, kind, d->name, 1);
		guid_add(b->device_guid, d->fleet ? b->index : 0);
	}
}

/* Turns the instance sections into config->bmcs. */
static void
instances_expand(struct loader *ld)
{
	struct config	  *cfg = ld->cfg;
	const char	  *path = cfg->files[0];
	struct decl	  *d;
	struct config_bmc *b;
	uint64_t	   total = 0;
	uint32_t	   i, v4;
	uint8_t		   family, addr[16];
	unsigned	   width;
	size_t		   k, n = 0;

	for (k = 0; k < ld->ndecls; k++)
		total += ld->decls[k].fleet ? ld->decls[k].count : 1;
	if (total > CONFIG_INSTANCES_MAX) {
		loader_error(ld, path, 0, "%llu BMC instances; at most %d",
		    (unsigned long long)total, CONFIG_INSTANCES_MAX);
		return;
	}
	cfg->bmcs = calloc((size_t)total, sizeof(*cfg->bmcs));
	ld->decl_of = calloc((size_t)total, sizeof(*ld->decl_of));
	if (total > 0 && (cfg->bmcs == NULL || ld->decl_of == NULL)) {
		ld->nomem = 1;
		return;
	}
	for (k = 0; k < ld->ndecls; k++) {
		d = &ld->decls[k];
		addr_parse(d->host, &family, addr);
		v4 = (uint32_t)addr[0] << 24 | (uint32_t)addr[1] << 16 |
		    (uint32_t)addr[2] << 8 | addr[3];
		if (d->fleet && !d->step_address &&
		    (d->port == 0 ||
			d->port + (uint64_t)d->count - 1 > 65535)) {
			loader_error(ld, path, d->line,
			    "[fleet %s]: ports %u to %llu do not fit in 1 to "
			    "65535",
			    d->name, d->port,
			    (unsigned long long)d->port + d->count - 1);
			continue;
		}
		/* Only 127.0.0.0/8 is all this host's without setup. */
		if (d->fleet && d->step_address &&
		    (family != 4 || addr[0] != 127 || v4 == 0x7f000000u ||
			v4 + (uint64_t)d->count - 1 > 0x7ffffffeu)) {
			loader_error(ld, path, d->line,
			    "[fleet %s]: step = address needs %u IPv4 "
			    "addresses within 127.0.0.1 to 127.255.255.254 "
			    "from %s",
			    d->name, d->count, d->host);
			continue;
		}
		width = digits(d->count);
		if (width < CONFIG_NAME_WIDTH)
			width = CONFIG_NAME_WIDTH;
		for (i = 0; i < (d->fleet ? d->count : 1); i++) {
			b = &cfg->bmcs[n];
			ld->decl_of[n++] = k;
			b->model = cfg->models[d->src];
			b->file = path;
			b->line = d->line;
			if (!d->fleet) {
				snprintf(
				    b->name, sizeof(b->name), "%s", d->name);
				memcpy(b->host, d->host, sizeof(b->host));
				b->port = d->port;
				bmc_guids(b, d, "bmc", 0);
				continue;
			}
			b->index = i + 1;
			/* Fits: section_begin() left room for the digits. */
			if (snprintf(b->name, sizeof(b->name), "%s-%0*u",
				d->name, (int)width,
				b->index) >= (int)sizeof(b->name))
				b->name[0] = '\0';
			if (d->step_address) {
				snprintf(b->host, sizeof(b->host),
				    "%u.%u.%u.%u", (v4 + i) >> 24,
				    (v4 + i) >> 16 & 0xff, (v4 + i) >> 8 & 0xff,
				    (v4 + i) & 0xff);
				b->port = d->port;
			} else {
				memcpy(b->host, d->host, sizeof(b->host));
				b->port = (uint16_t)(d->port + i);
			}
			bmc_guids(b, d, "fleet", i);
		}
	}
	cfg->nbmcs = n;
}

struct name_ref {
	const char *name;
	size_t	    index;
};

static int
name_ref_cmp(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	int		       c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorts the names for config_find_bmc() and refuses duplicates. */
static void
names_index(struct loader *ld)
{
	struct config	*cfg = ld->cfg;
	struct name_ref *refs;
	size_t		 i;

	if (cfg->nbmcs == 0)
		return;
	refs = calloc(cfg->nbmcs, sizeof(*refs));
	cfg->by_name = calloc(cfg->nbmcs, sizeof(*cfg->by_name));
	if (refs == NULL || cfg->by_name == NULL) {
		free(refs);
		ld->nomem = 1;
		return;
	}
	for (i = 0; i < cfg->nbmcs; i++) {
		refs[i].name = cfg->bmcs[i].name;
		refs[i].index = i;
	}
	qsort(refs, cfg->nbmcs, sizeof(*refs), name_ref_cmp);
	for (i = 0; i < cfg->nbmcs; i++) {
		cfg->by_name[i] = refs[i].index;
		if (i > 0 && strcmp(refs[i].name, refs[i - 1].name) == 0)
			loader_error(ld, cfg->files[0],
			    cfg->bmcs[refs[i].index].line,
			    "instance name %s is already used by the section "
			    "at line %u",
			    refs[i].name, cfg->bmcs[refs[i - 1].index].line);
	}
	free(refs);
}

struct endpoint_ref {
	uint16_t port;
	uint8_t	 family;
	uint8_t	 addr[16];
	size_t	 index;
};

static int
endpoint_ref_cmp(const void *a, const void *b)
{
	const struct endpoint_ref *x = a, *y = b;
	int			   c;

	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	if ((c = memcmp(x->addr, y->addr, 16)) != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int
addr_is_any(const struct endpoint_ref *e)
{
	static const uint8_t zero[16];

	return memcmp(e->addr, zero, 16) == 0;
}

static void
overlap_report(
    struct loader *ld, size_t a, size_t b, size_t *pairs, size_t *npairs)
{
	const struct config_bmc *x = &ld->cfg->bmcs[a], *y = &ld->cfg->bmcs[b];
	size_t			 da = ld->decl_of[a], db = ld->decl_of[b], i;

	/* One message per pair of sections: fleets overlap by hundreds. */
	for (i = 0; i < *npairs; i++)
		if (pairs[2 * i] == da && pairs[2 * i + 1] == db)
			return;
	if (*npairs < CONFIG_DIAG_MAX) {
		pairs[2 * *npairs] = da;
		pairs[2 * *npairs + 1] = db;
		(*npairs)++;
	}
	loader_error(ld, ld->cfg->files[0], y->line,
	    "%s listens on %s%s%s:%u, which overlaps %s on %s%s%s:%u (line %u)",
	    y->name, strchr(y->host, ':') ? "[" : "", y->host,
	    strchr(y->host, ':') ? "]" : "", y->port, x->name,
	    strchr(x->host, ':') ? "[" : "", x->host,
	    strchr(x->host, ':') ? "]" : "", x->port, x->line);
}

/*
 * Two instances overlap on the same port when their addresses are equal,
 * or one is 0.0.0.0 and the other IPv4, or one is [::] (which takes IPv4
 * too on a dual-stack socket).  Port 0 lets the system choose: never.
 */
static void
endpoints_check(struct loader *ld)
{
	struct config	    *cfg = ld->cfg;
	struct endpoint_ref *e;
	size_t		     i, j, start, any4, any6, npairs = 0;
	size_t		    *pairs;
	const size_t	     none = (size_t)-1;

	if (cfg->nbmcs < 2 || ld->decl_of == NULL)
		return;
	e = calloc(cfg->nbmcs, sizeof(*e));
	pairs = calloc(2 * CONFIG_DIAG_MAX, sizeof(*pairs));
	if (e == NULL || pairs == NULL) {
		free(e);
		free(pairs);
		ld->nomem = 1;
		return;
	}
	for (i = 0; i < cfg->nbmcs; i++) {
		e[i].port = cfg->bmcs[i].port;
		addr_parse(cfg->bmcs[i].host, &e[i].family, e[i].addr);
		e[i].index = i;
	}
	qsort(e, cfg->nbmcs, sizeof(*e), endpoint_ref_cmp);
	for (start = 0; start < cfg->nbmcs; start = j) {
		for (j = start; j < cfg->nbmcs && e[j].port == e[start].port;
		     j++)
			;
		if (e[start].port == 0)
			continue;
		any4 = any6 = none;
		for (i = start; i < j; i++) {
			if (i > start && e[i].family == e[i - 1].family &&
			    memcmp(e[i].addr, e[i - 1].addr, 16) == 0) {
				overlap_report(ld, e[i - 1].index, e[i].index,
				    pairs, &npairs);
				continue;
			}
			if (addr_is_any(&e[i])) {
				if (e[i].family == 4)
					any4 = i;
				else
					any6 = i;
			}
		}
		for (i = start; i < j; i++) {
			if (any4 != none && i != any4 && e[i].family == 4 &&
			    !addr_is_any(&e[i]))
				overlap_report(ld, e[any4].index, e[i].index,
				    pairs, &npairs);
			if (any6 != none && i != any6 &&
			    !(e[i].family == 6 && addr_is_any(&e[i])))
				overlap_report(ld, e[any6].index, e[i].index,
				    pairs, &npairs);
		}
	}
	free(e);
	free(pairs);
}

/* The implicit BMC is named after its file: "lab" for lab.ini. */
static void
implicit_name(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	size_t	    n = 0;

	base = base != NULL ? base + 1 : path;
	for (; *base != '\0' && *base != '.' && n + 1 < cap; base++)
		out[n++] = isalnum((unsigned char)*base) || *base == '_' ||
			*base == '-'
		    ? *base
		    : '_';
	out[n] = '\0';
	if (n == 0)
		snprintf(out, cap, "bmc");
}

int
config_load(const char *path, struct config **out, struct config_diag *diag)
{
	struct loader  ld;
	struct config *cfg;
	struct decl   *d;
	size_t	       i;
	long	       src;
	int	       rc = 0;

	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	ld.diag = diag;
	if ((cfg = calloc(1, sizeof(*cfg))) == NULL ||
	    (cfg->path = strdup(path)) == NULL) {
		free(cfg);
		return ERR_NOMEM;
	}
	ld.cfg = cfg;
	if (source_get(&ld, path, NULL, 0) < 0)
		goto done;
	for (i = 0; i < ld.ndecls; i++) {
		d = &ld.decls[i];
		if (d->model_path == NULL)
			continue;
		src = source_get(
		    &ld, d->model_path, ld.srcs[0]->path, d->model_line);
		if (src >= 0)
			d->src = (size_t)src;
	}
	/* config->files and config->models take over the sources. */
	cfg->files = calloc(ld.nsrcs, sizeof(*cfg->files));
	cfg->models = calloc(ld.nsrcs, sizeof(*cfg->models));
	if (cfg->files == NULL || cfg->models == NULL) {
		ld.nomem = 1;
		goto done;
	}
	for (i = 0; i < ld.nsrcs; i++) {
		cfg->files[i] = ld.srcs[i]->path;
		cfg->models[i] = ld.srcs[i]->model;
		ld.srcs[i]->path = NULL;
		ld.srcs[i]->model = NULL;
	}
	cfg->nfiles = cfg->nmodels = ld.nsrcs;
	if (ld.ndecls == 0) {
		cfg->implicit = 1;
		if ((ld.decls = calloc(1, sizeof(*ld.decls))) == NULL) {
			ld.nomem = 1;
			goto done;
		}
		d = &ld.decls[0];
		ld.ndecls = 1;
		implicit_name(path, d->name, sizeof(d->name));
		snprintf(d->host, sizeof(d->host), "%s", CONFIG_DEFAULT_HOST);
		d->port = CONFIG_DEFAULT_PORT;
		d->count = 1;
	}
	if (ld.problems == 0)
		instances_expand(&ld);
	if (ld.problems == 0)
		names_index(&ld);
	if (ld.problems == 0)
		endpoints_check(&ld);
done:
	for (i = 0; i < ld.nsrcs; i++) {
		if (ld.srcs[i]->model != NULL) {
			free(ld.srcs[i]->model->source);
			ct_wipe(ld.srcs[i]->model, sizeof(struct model));
		}
		free(ld.srcs[i]->model);
		free(ld.srcs[i]->path);
		free(ld.srcs[i]->real);
		free(ld.srcs[i]);
	}
	free(ld.srcs);
	for (i = 0; i < ld.ndecls; i++)
		free(ld.decls[i].model_path);
	free(ld.decls);
	free(ld.decl_of);
	if (ld.nomem)
		rc = ERR_NOMEM;
	else if (ld.system_error)
		rc = ERR_SYSTEM;
	else if (ld.problems > 0)
		rc = ERR_CONFIG;
	if (rc != 0) {
		config_free(cfg);
		return rc;
	}
	*out = cfg;
	return 0;
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nmodels; i++) {
		if (cfg->models[i] == NULL)
			continue;
		free(cfg->models[i]->source);
		/* Passwords and K_G. */
		ct_wipe(cfg->models[i], sizeof(*cfg->models[i]));
		free(cfg->models[i]);
	}
	free(cfg->models);
	for (i = 0; i < cfg->nfiles; i++)
		free(cfg->files[i]);
	free(cfg->files);
	free(cfg->bmcs);
	free(cfg->by_name);
	free(cfg->path);
	free(cfg);
}

int
config_set_listen(struct config *cfg, const char *s, struct config_diag *diag)
{
	struct config_bmc *b;
	const char	  *why;
	char		   host[CONFIG_HOST_MAX];
	uint16_t	   port;

	if (cfg->nbmcs != 1) {
		config_diag_add(diag, NULL, 0,
		    "--listen %s: the configuration has %zu BMCs; give each "
		    "its listen in the file",
		    s, cfg->nbmcs);
		return ERR_CONFIG;
	}
	if (endpoint_parse(s, host, sizeof(host), &port, &why) != 0) {
		config_diag_add(diag, NULL, 0, "--listen %s: %s", s, why);
		return ERR_CONFIG;
	}
	b = &cfg->bmcs[0];
	memcpy(b->host, host, sizeof(b->host));
	b->port = port;
	return 0;
}

const struct config_bmc *
config_find_bmc(const struct config *cfg, const char *name)
{
	size_t lo = 0, hi = cfg->nbmcs, mid, i;
	int    c;

	if (cfg->by_name == NULL) {
		for (i = 0; i < cfg->nbmcs; i++)
			if (strcmp(cfg->bmcs[i].name, name) == 0)
				return &cfg->bmcs[i];
		return NULL;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, cfg->bmcs[cfg->by_name[mid]].name);
		if (c == 0)
			return &cfg->bmcs[cfg->by_name[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
config_bmc_equal(const struct config_bmc *a, const struct config_bmc *b)
{
	if (strcmp(a->name, b->name) != 0 || strcmp(a->host, b->host) != 0 ||
	    a->port != b->port || a->index != b->index ||
	    memcmp(a->system_guid, b->system_guid, MODEL_GUID_LEN) != 0 ||
	    memcmp(a->device_guid, b->device_guid, MODEL_GUID_LEN) != 0)
		return 0;
	if (a->model == b->model)
		return 1;
	return a->model != NULL && b->model != NULL &&
	    model_equal(a->model, b->model);
}
