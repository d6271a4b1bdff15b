/*
 * The INI engine (ini.h).  inih splits the lines (ini_lines.c, the one
 * includer of <ini.h>), one line at a time: the engine hears of every
 * line with its number, so every bad line is reported where it is, and
 * no indented line is taken for a continuation, which would silently
 * glue an indented "key = value" onto the key above it.  The engine
 * follows the sections, finds the keys and parses their values.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ct.h"
#include "hexdump.h"
#include "ini.h"
#include "ini_lines.h"

_Static_assert(INI_LINE_MAX == INI_LINES_MAX, "inih's line length");

#define INI_KEYS_MAX 64 /* keys of one section; check_ini holds them to it */

struct ini_file {
	const char			*path;
	const struct ini_section *const *sections;
	size_t				 nsections;
	void				*root;
	void				*user;
	struct config_diag		*diag;
	unsigned			 problems;
	int				 nomem;
	unsigned			 flags;
	unsigned			 lineno;
	/* Per section: header lines by argument, and its state. */
	unsigned **header_lines;
	void	 **states;
	/* The current section: NULL before the first or after a bad one. */
	const struct ini_section *sec;
	int			  seen_header;
	void			 *target;
	unsigned		  sec_line;
	unsigned		  key_line[INI_KEYS_MAX];
};

/* ---- diagnostics (config.h) ---- */

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

/* ---- diagnostics of a file ---- */

static void
file_vreport(struct ini_file *f, unsigned line, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	f->problems++;
	config_diag_add(f->diag, f->path, line, "%s", msg);
}

void
ini_error(struct ini_file *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	file_vreport(f, f->lineno, fmt, ap);
	va_end(ap);
}

void
ini_error_at(struct ini_file *f, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	file_vreport(f, line, fmt, ap);
	va_end(ap);
}

void
ini_bad_value(struct ini_file *f, const struct ini_key *k, const char *v,
    const char *fmt, ...)
{
	char	msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (k->secret)
		ini_error(f, "%s: %s", k->name, msg);
	else
		ini_error(f, "%s = %s: %s", k->name, v, msg);
}

unsigned
ini_line(const struct ini_file *f)
{
	return f->lineno;
}

void *
ini_user(const struct ini_file *f)
{
	return f->user;
}

void
ini_nomem(struct ini_file *f)
{
	f->nomem = 1;
}

int
ini_path_resolve(
    struct ini_file *f, const struct ini_key *k, const char *v, char **out)
{
	const char *slash = strrchr(f->path, '/');
	int	    n;

	*out = NULL;
	if (f->flags & INI_NO_FILES) {
		ini_bad_value(f, k, v, "no file is read from this text");
		return -1;
	}
	/* Relative to the directory of the file that names it. */
	if (v[0] == '/' || slash == NULL)
		n = asprintf(out, "%s", v);
	else
		n = asprintf(
		    out, "%.*s/%s", (int)(slash - f->path), f->path, v);
	if (n < 0) {
		*out = NULL;
		f->nomem = 1;
		return -1;
	}
	return 0;
}

unsigned
ini_section_line(const struct ini_file *f)
{
	return f->sec_line;
}

static int
key_index(const struct ini_section *sec, const char *name)
{
	int i;

	for (i = 0; i < INI_KEYS_MAX && sec->keys[i].name != NULL; i++)
		if (strcmp(sec->keys[i].name, name) == 0)
			return i;
	return -1;
}

unsigned
ini_key_line(const struct ini_file *f, const char *key)
{
	int i;

	if (f->sec == NULL || (i = key_index(f->sec, key)) < 0)
		return 0;
	return f->key_line[i];
}

static long
section_index(const struct ini_file *f, const struct ini_section *sec)
{
	size_t i;

	for (i = 0; i < f->nsections; i++)
		if (f->sections[i] == sec)
			return (long)i;
	return -1;
}

unsigned
ini_header_line(
    const struct ini_file *f, const struct ini_section *sec, unsigned n)
{
	long i = section_index(f, sec);

	if (i < 0 || f->header_lines[i] == NULL ||
	    n > (sec->arg == INI_ARG_NUMBER ? sec->arg_max : 0))
		return 0;
	return f->header_lines[i][n];
}

void *
ini_state(const struct ini_file *f, const struct ini_section *sec)
{
	long i = section_index(f, sec);

	return i < 0 ? NULL : f->states[i];
}

/* ---- values ---- */

int
ini_number_parse(const char *s, uint64_t *out)
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

int
ini_name_lookup(const struct ini_name *names, const char *s, uint8_t *out)
{
	for (; names->name != NULL; names++) {
		if (strcasecmp(s, names->name) == 0) {
			*out = names->value;
			return 0;
		}
	}
	return -1;
}

void
ini_names_list(const struct ini_name *names, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	for (; names->name != NULL && len < cap; names++) {
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		    len > 0 ? ", " : "", names->name);
	}
}

int
ini_list_next(const char **sp, char *tok, size_t cap)
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

int
ini_ipv4_parse(const char *s, uint8_t out[4])
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

int
ini_ipv6_parse(const char *s, uint8_t out[16])
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
			if (n > 6 || ini_ipv4_parse(s, v4) != 0)
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

int
ini_addr_parse(const char *host, uint8_t *family, uint8_t addr[16])
{
	*family = 0;
	memset(addr, 0, 16);
	if (ini_ipv4_parse(host, addr) == 0) {
		*family = 4;
		return 0;
	}
	if (ini_ipv6_parse(host, addr) == 0) {
		*family = 6;
		return 0;
	}
	return -1;
}

int
ini_endpoint_parse(const char *s, char *host, size_t hostlen, uint16_t *port,
    uint16_t default_port, const char **why)
{
	const char *end, *colon, *c;
	char	    h[INI_HOST_MAX];
	uint8_t	    family, addr[16];
	uint64_t    v;
	size_t	    n;
	int	    bracketed = s[0] == '[';

	if (bracketed) {
		if ((end = strchr(s, ']')) == NULL) {
			*why = "no ']' after the IPv6 address";
			return -1;
		}
		n = (size_t)(end - s - 1);
		colon = end[1] == '\0' ? NULL : end + 1;
		if (colon != NULL && *colon != ':') {
			*why = "expected ':' and a port after ']'";
			return -1;
		}
		s++;
	} else {
		colon = strchr(s, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL) {
			*why = "an IPv6 address needs brackets: [ADDRESS]:PORT";
			return -1;
		}
		n = colon != NULL ? (size_t)(colon - s) : strlen(s);
	}
	if (n == 0 || n >= sizeof(h) || n >= hostlen) {
		*why = n == 0 ? "no address" : "address too long";
		return -1;
	}
	memcpy(h, s, n);
	h[n] = '\0';
	if (ini_addr_parse(h, &family, addr) != 0 ||
	    (family == 6) != bracketed) {
		*why = "not a numeric IPv4 address or a bracketed IPv6 address";
		return -1;
	}
	v = default_port;
	if (colon != NULL) {
		v = 0;
		for (c = colon + 1; *c >= '0' && *c <= '9' && c - colon <= 5;
		     c++)
			v = v * 10 + (uint64_t)(*c - '0');
		if (c == colon + 1 || *c != '\0' || v > 65535) {
			*why = "the port must be a number from 0 to 65535";
			return -1;
		}
	}
	memcpy(host, h, n + 1);
	*port = (uint16_t)v;
	return 0;
}

/*
 * GUIDs are written as RFC 4122 text and sent least significant byte
 * first (IPMI 2.0 §20.8, table 20-10): the wire is the text's 16 bytes
 * reversed.  ipmitool's "mc guid" (1.8.19) then prints the text as
 * written when the GUID has an RFC 4122 version (1-5) and variant: it
 * recognises the IPMI encoding by that version nibble.
 */
int
ini_guid_parse(const char *s, uint8_t wire[16])
{
	static const unsigned dash_at[] = {8, 13, 18, 23};
	uint8_t		      text[16];
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
	for (i = 0; i < 16; i++)
		wire[i] = text[15 - i];
	return 0;
}

int
ini_printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* ---- key types ---- */

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

int
ini_type_uint(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	uint64_t n;

	if (ini_number_parse(v, &n) != 0 || n < k->min || n > k->max) {
		ini_bad_value(f, k, v, "expected an integer from %llu to %llu",
		    (unsigned long long)k->min, (unsigned long long)k->max);
		return -1;
	}
	store_uint((uint8_t *)target + k->off, k->size,
	    n * (k->scale != 0 ? k->scale : 1));
	return 0;
}

int
ini_type_sint(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	int64_t	 lo = (int64_t)k->min, hi = (int64_t)k->max, x;
	uint64_t n;
	int	 neg = v[0] == '-';
	int16_t	 i16;
	int8_t	 i8;

	if (ini_number_parse(v + neg, &n) != 0 || n > INT32_MAX ||
	    (x = neg ? -(int64_t)n : (int64_t)n) < lo || x > hi) {
		ini_bad_value(f, k, v, "expected an integer from %lld to %lld",
		    (long long)lo, (long long)hi);
		return -1;
	}
	if (k->size == 2) {
		i16 = (int16_t)x;
		memcpy((uint8_t *)target + k->off, &i16, 2);
	} else {
		i8 = (int8_t)x;
		memcpy((uint8_t *)target + k->off, &i8, 1);
	}
	return 0;
}

static const struct ini_name bool_names[] = {
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

int
ini_type_bool(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	uint8_t b;

	if (ini_name_lookup(bool_names, v, &b) != 0) {
		ini_bad_value(f, k, v, "expected yes or no");
		return -1;
	}
	((uint8_t *)target)[k->off] = b;
	return 0;
}

int
ini_type_enum(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	char	names[200];
	uint8_t b;

	if (ini_name_lookup(k->names, v, &b) != 0) {
		ini_names_list(k->names, names, sizeof(names));
		ini_bad_value(f, k, v, "expected one of: %s", names);
		return -1;
	}
	((uint8_t *)target)[k->off] = b;
	return 0;
}

int
ini_type_name_or_number(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	char	 names[400];
	uint8_t	 b;
	uint64_t n;

	if (ini_name_lookup(k->names, v, &b) == 0) {
		((uint8_t *)target)[k->off] = b;
		return 0;
	}
	if (ini_number_parse(v, &n) == 0 && n <= k->max) {
		((uint8_t *)target)[k->off] = (uint8_t)n;
		return 0;
	}
	ini_names_list(k->names, names, sizeof(names));
	ini_bad_value(f, k, v, "expected a number up to %llu or one of: %s",
	    (unsigned long long)k->max, names);
	return -1;
}

int
ini_type_string(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	uint8_t *at = (uint8_t *)target + k->off;
	size_t	 n = strlen(v);

	if (n > k->size || !ini_printable(v)) {
		ini_bad_value(f, k, v, "expected at most %u printable bytes",
		    (unsigned)k->size);
		return -1;
	}
	memset(at, 0, (size_t)k->size + 1);
	memcpy(at, v, n);
	return 0;
}

int
ini_type_double(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	char  *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || errno != 0 || !isfinite(d) ||
	    isspace((unsigned char)*v)) {
		ini_bad_value(f, k, v, "expected a number (12, -3.5, 0.25)");
		return -1;
	}
	memcpy((uint8_t *)target + k->off, &d, sizeof(d));
	return 0;
}

int
ini_type_ipv4(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	uint8_t ip[4];

	if (ini_ipv4_parse(v, ip) != 0) {
		ini_bad_value(f, k, v, "expected an IPv4 address (10.0.0.2)");
		return -1;
	}
	memcpy((uint8_t *)target + k->off, ip, 4);
	return 0;
}

/* "02:00:5e:00:00:01": six bytes in hex, colons or dashes between. */
int
ini_type_mac(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
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
	memcpy((uint8_t *)target + k->off, mac, 6);
	return 0;
bad:
	ini_bad_value(f, k, v, "expected a MAC address (02:00:5e:00:00:01)");
	return -1;
}

int
ini_type_guid(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	uint8_t *at = (uint8_t *)target + k->off;
	uint8_t	 wire[16];

	if (ini_guid_parse(v, wire) != 0) {
		ini_bad_value(f, k, v,
		    "expected a GUID, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
		return -1;
	}
	memcpy(at, wire, 16);
	at[16] = 1;
	return 0;
}

/* ---- the plain reader ---- */

struct pairs {
	ini_pair_fn *cb;
	void	    *arg;
	unsigned     error_line;
};

static void
pairs_line_cb(void *arg, enum ini_lines_kind kind, unsigned line,
    const char *section, const char *key, const char *value)
{
	struct pairs *r = arg;

	switch (kind) {
	case INI_LINES_PAIR:
		r->cb(r->arg, section, key, value, line);
		break;
	case INI_LINES_SECTION:
		break;
	case INI_LINES_BAD_SECTION:
	case INI_LINES_BAD:
	case INI_LINES_LONG:
		if (r->error_line == 0)
			r->error_line = line;
		break;
	}
}

unsigned
ini_read_pairs(const char *text, size_t len, ini_pair_fn *cb, void *arg)
{
	struct pairs r;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	ini_lines_read(text, len, pairs_line_cb, &r);
	return r.error_line;
}

/* ---- sections ---- */

static void
section_end(struct ini_file *f)
{
	if (f->sec != NULL && f->sec->end_cb != NULL)
		f->sec->end_cb(f, f->root, f->target);
	f->sec = NULL;
	f->target = NULL;
}

/* "identity, user N, ..., bmc NAME": what the sections are. */
static void
known_list(const struct ini_file *f, char *out, size_t cap)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < f->nsections && len < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s",
		    i > 0 ? ", " : "", f->sections[i]->name,
		    f->sections[i]->arg == INI_ARG_NUMBER     ? " N"
			: f->sections[i]->arg == INI_ARG_NAME ? " NAME"
							      : "");
}

/* The header's number: 0 and *n, or -1 after saying why. */
static int
header_number(struct ini_file *f, const struct ini_section *def,
    unsigned *lines, const char *arg, unsigned *out)
{
	uint64_t n;

	if (ini_number_parse(arg, &n) != 0 || n < def->arg_min ||
	    n > def->arg_max) {
		ini_error(f, "[%s %s]: the %s must be %u to %u", def->name, arg,
		    def->arg_noun != NULL ? def->arg_noun : "number",
		    def->arg_min, def->arg_max);
		return -1;
	}
	if (lines[n] != 0) {
		if (def->arg_noun != NULL)
			ini_error(f, "duplicate %s %u (first at line %u)",
			    def->arg_noun, (unsigned)n, lines[n]);
		else
			ini_error(f, "duplicate [%s %u] (first at line %u)",
			    def->name, (unsigned)n, lines[n]);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

/*
 * A header inih accepted: raw is the text between '[' and ']', after the
 * text after ']' (a comment is fine; inih would ignore anything).
 */
static void
section_begin(struct ini_file *f, const char *raw, const char *after)
{
	const struct ini_section *def = NULL;
	char			  inner[INI_LINES_MAX], *arg, *e, known[400];
	unsigned		  n = 0, *lines;
	size_t			  i;
	void			 *target;

	section_end(f);
	f->seen_header = 1;
	if (*after != '\0' && *after != ';' && *after != '#')
		ini_error(f, "text after the section header: %s", after);
	while (isspace((unsigned char)*raw))
		raw++;
	snprintf(inner, sizeof(inner), "%s", raw);
	for (e = inner + strlen(inner);
	     e > inner && isspace((unsigned char)e[-1]);)
		*--e = '\0';
	for (arg = inner; *arg != '\0' && !isspace((unsigned char)*arg); arg++)
		;
	if (*arg != '\0') {
		*arg++ = '\0';
		while (isspace((unsigned char)*arg))
			arg++;
	}
	for (i = 0; i < f->nsections; i++)
		if (strcmp(f->sections[i]->name, inner) == 0) {
			def = f->sections[i];
			break;
		}
	if (def == NULL) {
		known_list(f, known, sizeof(known));
		ini_error(f, "unknown section [%s] (known: %s)", inner, known);
		return;
	}
	lines = f->header_lines[i];
	switch (def->arg) {
	case INI_ARG_NONE:
		if (*arg != '\0') {
			ini_error(f, "[%s] takes no name", def->name);
			return;
		}
		if (lines[0] != 0) {
			ini_error(f, "[%s] repeated (first at line %u)",
			    def->name, lines[0]);
			return;
		}
		break;
	case INI_ARG_NUMBER:
		if (header_number(f, def, lines, arg, &n) != 0)
			return;
		break;
	case INI_ARG_NAME:
		break;
	}
	target = def->begin_cb != NULL ? def->begin_cb(f, f->root, n, arg)
				       : f->root;
	if (target == NULL)
		return;
	if (def->arg != INI_ARG_NAME)
		lines[n] = f->lineno;
	f->sec = def;
	f->target = target;
	f->sec_line = f->lineno;
	memset(f->key_line, 0, sizeof(f->key_line));
}

static void
key_read(struct ini_file *f, const char *name, const char *value)
{
	const struct ini_key *k;
	char		      v[INI_VALUE_MAX];
	size_t		      n;
	int		      i;

	if (*name == '\0') {
		ini_error(f, "a value without a key name");
		return;
	}
	if (!f->seen_header) {
		ini_error(f, "%s: a key before any section", name);
		return;
	}
	if (f->sec == NULL)
		return; /* a section in error: its keys are not read */
	if ((i = key_index(f->sec, name)) < 0) {
		ini_error(f, "unknown key '%s' in [%s]", name, f->sec->name);
		return;
	}
	k = &f->sec->keys[i];
	if (f->key_line[i] != 0) {
		ini_error(f, "%s given twice (first at line %u)", name,
		    f->key_line[i]);
		return;
	}
	f->key_line[i] = f->lineno;
	/* Quotes keep leading and trailing blanks. */
	n = strlen(value);
	if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
		value++;
		n -= 2;
	}
	if (n >= sizeof(v)) {
		ini_error(f, "%s: value too long", name);
		return;
	}
	memcpy(v, value, n);
	v[n] = '\0';
	k->parse(f, k, v, f->target);
	ct_wipe(v, sizeof(v));
}

/* What inih made of one line (ini_lines.h). */
static void
file_line_cb(void *arg, enum ini_lines_kind kind, unsigned line,
    const char *section, const char *key, const char *value)
{
	struct ini_file *f = arg;

	f->lineno = line;
	switch (kind) {
	case INI_LINES_PAIR:
		key_read(f, key, value);
		break;
	case INI_LINES_SECTION:
		section_begin(f, section, value);
		break;
	case INI_LINES_BAD_SECTION:
		/* The keys that follow belong to no section. */
		section_end(f);
		f->seen_header = 1;
		ini_error(f, "section header without ']'");
		break;
	case INI_LINES_BAD:
		ini_error(
		    f, "expected 'key = value', a [section] or a comment");
		break;
	case INI_LINES_LONG:
		ini_error(
		    f, "line too long (at most %d bytes)", INI_LINES_MAX - 2);
		break;
	}
}

unsigned
ini_load(const char *path, const char *text, size_t len,
    const struct ini_section *const *sections, void *root, void *user,
    unsigned flags, struct config_diag *diag, int *nomem)
{
	struct ini_file f;
	size_t		i, nlines;

	memset(&f, 0, sizeof(f));
	f.flags = flags;
	f.path = path;
	f.sections = sections;
	f.root = root;
	f.user = user;
	f.diag = diag;
	while (sections[f.nsections] != NULL)
		f.nsections++;
	f.header_lines = calloc(f.nsections + 1, sizeof(*f.header_lines));
	f.states = calloc(f.nsections + 1, sizeof(*f.states));
	if (f.header_lines == NULL || f.states == NULL)
		goto nomem;
	for (i = 0; i < f.nsections; i++) {
		nlines = sections[i]->arg == INI_ARG_NUMBER
		    ? (size_t)sections[i]->arg_max + 1
		    : 1;
		if ((f.header_lines[i] = calloc(nlines, sizeof(unsigned))) ==
		    NULL)
			goto nomem;
		if (sections[i]->state_size > 0 &&
		    (f.states[i] = calloc(1, sections[i]->state_size)) == NULL)
			goto nomem;
	}
	if (ini_lines_read(text, len, file_line_cb, &f) != 0)
		goto nomem;
	section_end(&f);
	f.lineno = 0;
	for (i = 0; i < f.nsections; i++)
		if (sections[i]->check_cb != NULL)
			sections[i]->check_cb(&f, root);
	goto out;
nomem:
	f.nomem = 1;
out:
	for (i = 0; i < f.nsections; i++) {
		if (f.header_lines != NULL)
			free(f.header_lines[i]);
		if (f.states != NULL && f.states[i] != NULL) {
			ct_wipe(f.states[i], sections[i]->state_size);
			free(f.states[i]);
		}
	}
	free(f.header_lines);
	free(f.states);
	if (f.nomem && nomem != NULL)
		*nomem = 1;
	return f.problems;
}
