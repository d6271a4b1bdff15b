/*
 * The configuration loader: INI files (bmcsim.ini(5)) into models and BMC
 * instances.  Every problem is collected with its file and line, so a user
 * sees all of them at once; nothing is started from a file with one.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "ct.h"
#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "suite.h"

/* ---- diagnostics ---- */

void
config_diag_add(struct config_diag *d, const char *file, unsigned line,
    const char *fmt, ...)
{
	char	msg[512], *full, **grown;
	va_list ap;
	int	n;

	if (d == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		n = snprintf(NULL, 0, "%s:%u: %s", file, line, msg);
	else
		n = snprintf(NULL, 0, "%s: %s", file, msg);
	full = malloc((size_t)n + 1);
	grown = realloc(d->msgs, (d->n + 1) * sizeof(*d->msgs));
	if (full == NULL || grown == NULL) {
		free(full);
		if (grown != NULL)
			d->msgs = grown;
		return;
	}
	d->msgs = grown;
	if (line > 0)
		snprintf(full, (size_t)n + 1, "%s:%u: %s", file, line, msg);
	else
		snprintf(full, (size_t)n + 1, "%s: %s", file, msg);
	d->msgs[d->n++] = full;
}

void
config_diag_clear(struct config_diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i]);
	free(d->msgs);
	d->msgs = NULL;
	d->n = 0;
}

/* ---- value parsers ---- */

static const char *const priv_names[] = {
    [IPMI_PRIV_CALLBACK] = "callback",
    [IPMI_PRIV_USER] = "user",
    [IPMI_PRIV_OPERATOR] = "operator",
    [IPMI_PRIV_ADMIN] = "admin",
    [IPMI_PRIV_OEM] = "oem",
};

int
config_parse_priv(const char *s, uint8_t *out)
{
	unsigned i;

	if (strcasecmp(s, "none") == 0 || strcasecmp(s, "no-access") == 0) {
		*out = IPMI_PRIV_NO_ACCESS;
		return 0;
	}
	if (strcasecmp(s, "administrator") == 0) {
		*out = IPMI_PRIV_ADMIN;
		return 0;
	}
	for (i = IPMI_PRIV_CALLBACK; i <= IPMI_PRIV_OEM; i++)
		if (strcasecmp(s, priv_names[i]) == 0) {
			*out = (uint8_t)i;
			return 0;
		}
	return ERR_CONFIG;
}

const char *
config_priv_name(uint8_t p)
{
	if (p >= IPMI_PRIV_CALLBACK && p <= IPMI_PRIV_OEM)
		return priv_names[p];
	return "none";
}

static int
parse_bool(const char *s, uint8_t *out)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") ||
	    !strcasecmp(s, "on") || !strcmp(s, "1"))
		*out = 1;
	else if (!strcasecmp(s, "no") || !strcasecmp(s, "false") ||
	    !strcasecmp(s, "off") || !strcmp(s, "0"))
		*out = 0;
	else
		return ERR_CONFIG;
	return 0;
}

/* An unsigned number (decimal or 0x hex) within [lo, hi]. */
static int
parse_uint(const char *s, unsigned long long lo, unsigned long long hi,
    unsigned long long *out)
{
	char		  *end;
	unsigned long long v;

	if (*s == '\0' || *s == '-')
		return ERR_CONFIG;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return ERR_CONFIG;
	*out = v;
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly len bytes of hex, optionally after "0x". */
static int
parse_hex(const char *s, uint8_t *out, size_t len)
{
	size_t i;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (strlen(s) != len * 2)
		return ERR_CONFIG;
	for (i = 0; i < len; i++) {
		int h = hexval(s[2 * i]), l = hexval(s[2 * i + 1]);

		if (h < 0 || l < 0)
			return ERR_CONFIG;
		out[i] = (uint8_t)(h << 4 | l);
	}
	return 0;
}

/*
 * A GUID in its text form, 8-4-4-4-12 hex digits, into the 16 bytes sent
 * on the wire.  IPMI 2.0 §20.8 sends a GUID least significant byte first:
 * the text's last byte goes first, so that clients, which print the
 * bytes back in reverse, show the text that was written here.
 */
static int
parse_guid(const char *s, uint8_t wire[MODEL_GUID_LEN])
{
	uint8_t text[MODEL_GUID_LEN];
	size_t	i, n = 0;

	for (i = 0; s[i] != '\0'; i++) {
		int h, l;

		if (s[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23))
			continue;
		if (n == MODEL_GUID_LEN)
			return ERR_CONFIG;
		h = hexval(s[i]);
		l = s[i + 1] != '\0' ? hexval(s[i + 1]) : -1;
		if (h < 0 || l < 0)
			return ERR_CONFIG;
		text[n++] = (uint8_t)(h << 4 | l);
		i++;
	}
	if (n != MODEL_GUID_LEN || (strlen(s) != 32 && strlen(s) != 36))
		return ERR_CONFIG;
	for (i = 0; i < MODEL_GUID_LEN; i++)
		wire[i] = text[MODEL_GUID_LEN - 1 - i];
	return 0;
}

/* A secret: text up to max bytes, or 0x followed by hex of max bytes. */
static int
parse_secret(const char *s, uint8_t *out, size_t max)
{
	size_t len = strlen(s);

	memset(out, 0, max);
	if (len == max * 2 + 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_hex(s, out, max);
	if (len > max)
		return ERR_CONFIG;
	memcpy(out, s, len);
	return 0;
}

int
config_parse_endpoint(const char *s, char *host, size_t hostcap, uint16_t *port)
{
	const char	  *colon;
	char		   h[CONFIG_HOST_MAX];
	size_t		   hlen;
	unsigned long long p;
	uint8_t		   buf[16];

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (close == NULL || close[1] != ':')
			return ERR_CONFIG;
		hlen = (size_t)(close - s - 1);
		if (hlen == 0 || hlen >= sizeof(h))
			return ERR_CONFIG;
		memcpy(h, s + 1, hlen);
		h[hlen] = '\0';
		if (inet_pton(AF_INET6, h, buf) != 1)
			return ERR_CONFIG;
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL)
			return ERR_CONFIG;
		hlen = (size_t)(colon - s);
		if (hlen == 0 || hlen >= sizeof(h))
			return ERR_CONFIG;
		memcpy(h, s, hlen);
		h[hlen] = '\0';
		if (inet_pton(AF_INET, h, buf) != 1)
			return ERR_CONFIG;
	}
	if (parse_uint(colon + 1, 1, 65535, &p) != 0)
		return ERR_CONFIG;
	if (strlen(h) >= hostcap)
		return ERR_CONFIG;
	strcpy(host, h);
	*port = (uint16_t)p;
	return 0;
}

/* ---- the loader ---- */

enum inst_kind { INST_BMC, INST_FLEET };

/* An instance section as written, expanded once the files are read. */
struct inst_decl {
	enum inst_kind kind;
	char	       name[CONFIG_NAME_MAX];
	const char    *file;
	unsigned       line;
	char	       host[CONFIG_HOST_MAX];
	uint16_t       port;
	uint8_t	       has_listen;
	unsigned       count;
	uint8_t	       step_address;
	char	      *model_path; /* resolved, NULL: the file's own */
	unsigned       model_line;
	uint8_t	       system_guid[MODEL_GUID_LEN], device_guid[MODEL_GUID_LEN];
	uint8_t	       has_system_guid, has_device_guid;
};

/* A model file, loaded once. */
struct model_file {
	char	     *path; /* as resolved */
	struct model *model;
	unsigned      users_line[MODEL_USERS_MAX + 1];
};

struct loader {
	struct config	   *conf;
	struct config_diag *diag;
	struct model_file  *mfiles;
	size_t		    nmfiles;
	struct inst_decl   *decls;
	size_t		    ndecls;
	unsigned	    errors;
	/* While parsing one file: */
	const char	  *file; /* interned name for messages */
	struct model	  *model;
	struct model_file *mf;
	int		   want_instances;
	unsigned	   line;
	unsigned	   header_line;
	char		   section[64];
	unsigned	   section_line;
	char		 **seen_sections;
	unsigned	  *seen_lines;
	size_t		   nseen;
	struct inst_decl  *cur;	 /* instance section being read */
	int		   user; /* [user N] being read, or 0 */
	int		   skip; /* section already reported as bad */
	char		   dir[PATH_MAX];
};

#define problem(L, ...) \
	do { \
		(L)->errors++; \
		config_diag_add((L)->diag, (L)->file, (L)->line, __VA_ARGS__); \
	} while (0)

static const char *
intern_file(struct loader *L, const char *path)
{
	struct config *c = L->conf;
	char	     **grown;
	size_t	       i;

	for (i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i], path) == 0)
			return c->files[i];
	grown = realloc(c->files, (c->nfiles + 1) * sizeof(*grown));
	if (grown == NULL)
		return path;
	c->files = grown;
	c->files[c->nfiles] = strdup(path);
	if (c->files[c->nfiles] == NULL)
		return path;
	return c->files[c->nfiles++];
}

struct line_reader {
	FILE	      *f;
	struct loader *L;
};

/* Reads lines for inih and counts them, for file:line messages. */
static char *
counting_reader(char *str, int num, void *arg)
{
	struct line_reader *r = arg;
	char		   *s = fgets(str, num, r->f);

	if (s != NULL) {
		r->L->line++;
		/* Sections are reported at their header's line. */
		s += strspn(s, " \t");
		if (*s == '[')
			r->L->header_line = r->L->line;
		s = str;
	}
	return s;
}

static void
section_done(struct loader *L)
{
	L->cur = NULL;
	L->user = 0;
	L->skip = 0;
}

static void begin_named_section(struct loader *, const char *);

static void
begin_section(struct loader *L, const char *section)
{
	unsigned key_line;

	section_done(L);
	snprintf(L->section, sizeof(L->section), "%s", section);
	L->section_line = L->line;
	if (section[0] == '\0')
		return; /* keys before any section: said per key */
	key_line = L->line;
	L->line = L->header_line;
	begin_named_section(L, section);
	L->line = key_line;
}

static void
begin_named_section(struct loader *L, const char *section)
{
	size_t		   i;
	char		 **names;
	unsigned	  *lines;
	unsigned long long n;

	for (i = 0; i < L->nseen; i++)
		if (strcmp(L->seen_sections[i], section) == 0) {
			problem(L,
			    "[%s] again (first at line %u): merge the two",
			    section, L->seen_lines[i]);
			L->skip = 1;
			return;
		}
	names = realloc(L->seen_sections, (L->nseen + 1) * sizeof(*names));
	if (names != NULL)
		L->seen_sections = names;
	lines = realloc(L->seen_lines, (L->nseen + 1) * sizeof(*lines));
	if (lines != NULL)
		L->seen_lines = lines;
	if (names != NULL && lines != NULL) {
		L->seen_sections[L->nseen] = strdup(section);
		L->seen_lines[L->nseen] = L->line;
		if (L->seen_sections[L->nseen] != NULL)
			L->nseen++;
	}

	if (!strcmp(section, "identity") || !strcmp(section, "channel") ||
	    !strcmp(section, "chassis") || !strcmp(section, "lab"))
		return;
	if (!strncmp(section, "user ", 5)) {
		if (parse_uint(section + 5, 1, MODEL_USERS_MAX, &n) != 0) {
			problem(L, "[%s]: user numbers are 1 to %d", section,
			    MODEL_USERS_MAX);
			L->skip = 1;
			return;
		}
		L->user = (int)n;
		L->model->users[n].defined = 1;
		L->model->users[n].enabled = 1;
		L->model->users[n].ipmi_messaging = 1;
		L->model->users[n].priv_limit = IPMI_PRIV_USER;
		L->mf->users_line[n] = L->line;
		return;
	}
	if (!strncmp(section, "bmc ", 4) || !strncmp(section, "fleet ", 6)) {
		struct inst_decl *d, *grown;
		const char	 *name = strchr(section, ' ') + 1;

		if (!L->want_instances) {
			/* A model file used by another: its instances are
			 * its own business. */
			L->skip = 1;
			return;
		}
		if (*name == '\0' || strlen(name) >= CONFIG_NAME_MAX - 8 ||
		    strpbrk(name, "/ \t") != NULL) {
			problem(L,
			    "[%s]: a name of 1 to %d characters without "
			    "spaces or '/'",
			    section, CONFIG_NAME_MAX - 9);
			L->skip = 1;
			return;
		}
		grown = realloc(L->decls, (L->ndecls + 1) * sizeof(*grown));
		if (grown == NULL) {
			problem(L, "out of memory");
			L->skip = 1;
			return;
		}
		L->decls = grown;
		d = &L->decls[L->ndecls++];
		memset(d, 0, sizeof(*d));
		d->kind = section[0] == 'b' ? INST_BMC : INST_FLEET;
		snprintf(d->name, sizeof(d->name), "%s", name);
		d->file = L->file;
		d->line = L->line;
		d->count = 1;
		L->cur = d;
		return;
	}
	problem(L,
	    "unknown section [%s] (known: identity, user N, channel, "
	    "chassis, lab, bmc NAME, fleet NAME)",
	    section);
	L->skip = 1;
}

#define BAD(what) problem(L, "%s = %s: " what, key, value)

static int
suite_list(struct loader *L, const char *key, const char *value, uint32_t *mask)
{
	char	 buf[256], *tok, *save;
	uint32_t m = 0;

	snprintf(buf, sizeof(buf), "%s", value);
	for (tok = strtok_r(buf, " ,\t", &save); tok != NULL;
	     tok = strtok_r(NULL, " ,\t", &save)) {
		unsigned long long id;

		if (parse_uint(tok, 0, SUITE_COUNT - 1, &id) != 0 ||
		    !(suite_implemented_mask() & 1u << id)) {
			problem(L,
			    "%s: suite %s is not one of the implemented "
			    "suites 0 1 2 3 6 7 8 11 12 15 16 17",
			    key, tok);
			return -1;
		}
		m |= 1u << id;
	}
	*mask = m;
	return 0;
}

static void
key_identity(struct loader *L, const char *key, const char *value)
{
	struct model_identity *id = &L->model->identity;
	unsigned long long     n;
	uint8_t		       b;

	if (!strcmp(key, "device_id")) {
		if (parse_uint(value, 0, 255, &n) != 0)
			BAD("a number 0-255");
		else
			id->device_id = (uint8_t)n;
	} else if (!strcmp(key, "device_revision")) {
		if (parse_uint(value, 0, 15, &n) != 0)
			BAD("a number 0-15");
		else
			id->device_revision = (uint8_t)n;
	} else if (!strcmp(key, "provides_sdrs")) {
		if (parse_bool(value, &b) != 0)
			BAD("yes or no");
		else
			id->provides_sdrs = b;
	} else if (!strcmp(key, "firmware")) {
		unsigned maj, min;
		char	 tail;

		if (sscanf(value, "%u.%2u%c", &maj, &min, &tail) != 2 ||
		    maj > 127 || strlen(strchr(value, '.') + 1) != 2)
			BAD("MAJOR.MINOR, major 0-127, minor two digits "
			    "(2.14)");
		else {
			id->fw_major = (uint8_t)maj;
			id->fw_minor_bcd = (uint8_t)((min / 10) << 4 |
			    min % 10);
		}
	} else if (!strcmp(key, "ipmi_version")) {
		unsigned maj, min;
		char	 tail;

		if (sscanf(value, "%u.%u%c", &maj, &min, &tail) != 2 ||
		    maj > 15 || min > 15)
			BAD("1.5 or 2.0");
		else
			id->ipmi_version = (uint8_t)(min << 4 | maj);
	} else if (!strcmp(key, "additional_device_support")) {
		if (parse_uint(value, 0, 255, &n) != 0)
			BAD("a byte (0xbf: sensor, SDR, SEL, FRU, IPMB event "
			    "receiver and generator, chassis)");
		else
			id->additional_support = (uint8_t)n;
	} else if (!strcmp(key, "manufacturer_id")) {
		if (parse_uint(value, 0, 0xfffff, &n) != 0)
			BAD("an IANA enterprise number 0-1048575");
		else
			id->manufacturer_id = (uint32_t)n;
	} else if (!strcmp(key, "product_id")) {
		if (parse_uint(value, 0, 0xffff, &n) != 0)
			BAD("a number 0-65535");
		else
			id->product_id = (uint16_t)n;
	} else if (!strcmp(key, "aux_firmware")) {
		if (parse_hex(value, id->aux_firmware, 4) != 0)
			BAD("4 bytes of hex (0x00000000)");
		else
			id->has_aux_firmware = 1;
	} else if (!strcmp(key, "system_guid")) {
		if (parse_guid(value, id->system_guid) != 0)
			BAD("a GUID, 8-4-4-4-12 hex digits");
		else
			id->has_system_guid = 1;
	} else if (!strcmp(key, "device_guid")) {
		if (parse_guid(value, id->device_guid) != 0)
			BAD("a GUID, 8-4-4-4-12 hex digits");
		else
			id->has_device_guid = 1;
	} else
		problem(L, "unknown key %s in [identity]", key);
}

static void
key_user(struct loader *L, const char *key, const char *value)
{
	struct model_user *u = &L->model->users[L->user];
	unsigned long long n;
	uint8_t		   b;

	if (!strcmp(key, "name")) {
		size_t len = strlen(value);

		if (len > MODEL_NAME_LEN)
			BAD("at most 16 bytes");
		else if (L->user == 1 && len > 0)
			problem(L, "user 1 is the null user: it has no name");
		else {
			memset(u->name, 0, sizeof(u->name));
			memcpy(u->name, value, len);
			u->name_len = (uint8_t)len;
		}
	} else if (!strcmp(key, "password")) {
		if (strlen(value) > MODEL_PASSWORD_LEN)
			problem(L, "password: at most 20 bytes");
		else {
			memset(u->password, 0, sizeof(u->password));
			memcpy(u->password, value, strlen(value));
			u->password20 = strlen(value) > 16;
		}
	} else if (!strcmp(key, "enabled")) {
		if (parse_bool(value, &b) != 0)
			BAD("yes or no");
		else
			u->enabled = b;
	} else if (!strcmp(key, "privilege")) {
		if (config_parse_priv(value, &b) != 0)
			BAD("callback, user, operator, admin, oem or none");
		else
			u->priv_limit = b;
	} else if (!strcmp(key, "session_limit")) {
		if (parse_uint(value, 0, 63, &n) != 0)
			BAD("a number 0-63 (0: only the channel's limit)");
		else
			u->session_limit = (uint8_t)n;
	} else if (!strcmp(key, "ipmi_messaging")) {
		if (parse_bool(value, &b) != 0)
			BAD("yes or no");
		else
			u->ipmi_messaging = b;
	} else if (!strcmp(key, "link_auth")) {
		if (parse_bool(value, &b) != 0)
			BAD("yes or no");
		else
			u->link_auth = b;
	} else
		problem(L, "unknown key %s in [user %d]", key, L->user);
}

static int
auth15_list(const char *value, uint8_t *mask)
{
	char	buf[128], *tok, *save;
	uint8_t m = 0;

	snprintf(buf, sizeof(buf), "%s", value);
	for (tok = strtok_r(buf, " ,\t", &save); tok != NULL;
	     tok = strtok_r(NULL, " ,\t", &save)) {
		if (!strcasecmp(tok, "none"))
			m |= 1u << IPMI15_AUTHTYPE_NONE;
		else if (!strcasecmp(tok, "md2"))
			m |= 1u << IPMI15_AUTHTYPE_MD2;
		else if (!strcasecmp(tok, "md5"))
			m |= 1u << IPMI15_AUTHTYPE_MD5;
		else if (!strcasecmp(tok, "password") ||
		    !strcasecmp(tok, "straight"))
			m |= 1u << IPMI15_AUTHTYPE_STRAIGHT;
		else
			return ERR_CONFIG;
	}
	*mask = m;
	return 0;
}

static void
key_channel(struct loader *L, const char *key, const char *value)
{
	struct model_channel	*c = &L->model->channel;
	unsigned long long	 n;
	uint8_t			 b;
	static const char *const auth_keys[] = {NULL, "auth_callback",
	    "auth_user", "auth_operator", "auth_admin", "auth_oem"};
	unsigned		 i;

	for (i = 1; i <= 5; i++)
		if (!strcmp(key, auth_keys[i])) {
			if (auth15_list(value, &b) != 0)
				BAD("a list of none, md2, md5, password");
			else
				c->auth15_enables[i] = b;
			return;
		}
	if (!strcmp(key, "number")) {
		if (parse_uint(value, 1, 11, &n) != 0)
			BAD("a LAN channel number 1-11");
		else
			c->number = (uint8_t)n;
	} else if (!strcmp(key, "cipher_suites")) {
		uint32_t m;

		if (suite_list(L, key, value, &m) == 0)
			c->enabled_suites = m;
	} else if (!strcmp(key, "suite_privilege")) {
		char buf[256], *tok, *save;

		snprintf(buf, sizeof(buf), "%s", value);
		for (tok = strtok_r(buf, " ,\t", &save); tok != NULL;
		     tok = strtok_r(NULL, " ,\t", &save)) {
			char *colon = strchr(tok, ':');

			if (colon == NULL) {
				problem(L,
				    "suite_privilege: %s is not "
				    "SUITE:PRIVILEGE (17:admin)",
				    tok);
				continue;
			}
			*colon = '\0';
			if (parse_uint(tok, 0, SUITE_COUNT - 1, &n) != 0 ||
			    config_parse_priv(colon + 1, &b) != 0) {
				problem(L,
				    "suite_privilege: %s:%s is not "
				    "SUITE:PRIVILEGE (17:admin)",
				    tok, colon + 1);
				continue;
			}
			c->suite_priv_limit[n] = b;
		}
	} else if (!strcmp(key, "privilege_limit")) {
		if (config_parse_priv(value, &b) != 0)
			BAD("callback, user, operator, admin or oem");
		else
			c->priv_limit = b;
	} else if (!strcmp(key, "ipmi15") || !strcmp(key, "ipmi20") ||
	    !strcmp(key, "per_message_auth") ||
	    !strcmp(key, "user_level_auth") || !strcmp(key, "alerting") ||
	    !strcmp(key, "anti_enumeration")) {
		if (parse_bool(value, &b) != 0)
			BAD("yes or no");
		else if (!strcmp(key, "ipmi15"))
			c->ipmi15_enabled = b;
		else if (!strcmp(key, "ipmi20"))
			c->ipmi20_enabled = b;
		else if (!strcmp(key, "per_message_auth"))
			c->per_message_auth = b;
		else if (!strcmp(key, "user_level_auth"))
			c->user_level_auth = b;
		else if (!strcmp(key, "alerting"))
			c->alerting = b;
		else
			c->anti_enumeration = b;
	} else if (!strcmp(key, "access_mode")) {
		static const char *const modes[] = {
		    "disabled", "pre-boot", "always", "shared"};

		for (i = 0; i < 4; i++)
			if (!strcmp(value, modes[i]))
				break;
		if (i == 4)
			BAD("disabled, pre-boot, always or shared");
		else
			c->access_mode = (uint8_t)i;
	} else if (!strcmp(key, "kg")) {
		if (value[0] == '\0')
			c->kg_set = 0;
		else if (parse_secret(value, c->kg, sizeof(c->kg)) != 0)
			problem(L,
			    "kg: at most 20 bytes of text, or 0x and 40 "
			    "hex digits");
		else
			c->kg_set = 1;
	} else if (!strcmp(key, "max_sessions")) {
		if (parse_uint(value, 1, 63, &n) != 0)
			BAD("a number 1-63");
		else
			c->max_sessions = (uint8_t)n;
	} else if (!strcmp(key, "max_handshakes")) {
		if (parse_uint(value, 1, 63, &n) != 0)
			BAD("a number 1-63");
		else
			c->max_handshakes = (uint8_t)n;
	} else if (!strcmp(key, "session_timeout")) {
		if (parse_uint(value, 1, 3600, &n) != 0)
			BAD("seconds, 1-3600");
		else
			c->session_timeout_ms = (uint32_t)n * 1000;
	} else if (!strcmp(key, "handshake_timeout")) {
		if (parse_uint(value, 1, 60, &n) != 0)
			BAD("seconds, 1-60");
		else
			c->handshake_timeout_ms = (uint32_t)n * 1000;
	} else if (!strcmp(key, "bad_password_threshold")) {
		if (parse_uint(value, 0, 255, &n) != 0)
			BAD("a number 0-255 (0: never lock out)");
		else
			c->bad_password_threshold = (uint8_t)n;
	} else if (!strcmp(key, "lockout_time")) {
		if (parse_uint(value, 0, 86400, &n) != 0)
			BAD("seconds, 0-86400");
		else
			c->lockout_ms = (uint32_t)n * 1000;
	} else if (!strcmp(key, "max_users")) {
		if (parse_uint(value, 1, 63, &n) != 0)
			BAD("a number 1-63");
		else
			c->max_users = (uint8_t)n;
	} else
		problem(L, "unknown key %s in [channel]", key);
}

static void
key_chassis(struct loader *L, const char *key, const char *value)
{
	struct model_chassis *c = &L->model->chassis;
	unsigned long long    n;

	if (!strcmp(key, "power")) {
		if (!strcmp(value, "on"))
			c->power_on = 1;
		else if (!strcmp(value, "off"))
			c->power_on = 0;
		else
			BAD("on or off");
	} else if (!strcmp(key, "restore_policy")) {
		if (!strcmp(value, "always-off"))
			c->restore_policy = MODEL_RESTORE_ALWAYS_OFF;
		else if (!strcmp(value, "previous"))
			c->restore_policy = MODEL_RESTORE_PREVIOUS;
		else if (!strcmp(value, "always-on"))
			c->restore_policy = MODEL_RESTORE_ALWAYS_ON;
		else
			BAD("always-off, previous or always-on");
	} else if (!strcmp(key, "identify_interval")) {
		if (parse_uint(value, 0, 255, &n) != 0)
			BAD("seconds, 0-255");
		else
			c->identify_default_s = (uint8_t)n;
	} else if (!strcmp(key, "poh_hours")) {
		if (parse_uint(value, 0, 1000000, &n) != 0)
			BAD("hours, 0-1000000");
		else
			c->poh_hours = (uint32_t)n;
	} else if (!strcmp(key, "power_cycle_interval_ms")) {
		if (parse_uint(value, 1000, 600000, &n) != 0)
			BAD("milliseconds, 1000-600000 (the spec asks at least "
			    "1 s)");
		else
			c->power_cycle_interval_ms = (uint32_t)n;
	} else if (!strcmp(key, "soft_off_delay_ms")) {
		if (parse_uint(value, 0, 600000, &n) != 0)
			BAD("milliseconds, 0-600000");
		else
			c->soft_off_delay_ms = (uint32_t)n;
	} else
		problem(L, "unknown key %s in [chassis]", key);
}

static void
key_lab(struct loader *L, const char *key, const char *value)
{
	struct model_lab  *lab = &L->model->lab;
	unsigned long long n;
	uint8_t		   b;

	if (!strcmp(key, "rng_seed")) {
		if (parse_uint(value, 0, UINT64_MAX, &n) != 0)
			BAD("a number");
		else {
			lab->rng_seed = n;
			lab->rng_seeded = 1;
		}
	} else if (!strcmp(key, "allow_cipher_0") ||
	    !strcmp(key, "allow_anonymous")) {
		if (parse_bool(value, &b) != 0)
			BAD("yes or no");
		else if (key[6] == 'c')
			lab->allow_cipher_0 = b;
		else
			lab->allow_anonymous = b;
	} else
		problem(L, "unknown key %s in [lab]", key);
}

static char *
resolve_path(const struct loader *L, const char *value)
{
	char  *p;
	size_t len;

	if (value[0] == '/' || L->dir[0] == '\0')
		return strdup(value);
	len = strlen(L->dir) + strlen(value) + 2;
	p = malloc(len);
	if (p != NULL)
		snprintf(p, len, "%s/%s", L->dir, value);
	return p;
}

static void
key_instance(struct loader *L, const char *key, const char *value)
{
	struct inst_decl  *d = L->cur;
	unsigned long long n;

	if (!strcmp(key, "listen")) {
		if (config_parse_endpoint(
			value, d->host, sizeof(d->host), &d->port) != 0)
			BAD("HOST:PORT with a numeric address, IPv6 in "
			    "brackets ([::1]:623)");
		else
			d->has_listen = 1;
	} else if (!strcmp(key, "model")) {
		free(d->model_path);
		d->model_path = resolve_path(L, value);
		d->model_line = L->line;
	} else if (!strcmp(key, "system_guid")) {
		if (parse_guid(value, d->system_guid) != 0)
			BAD("a GUID, 8-4-4-4-12 hex digits");
		else
			d->has_system_guid = 1;
	} else if (!strcmp(key, "device_guid")) {
		if (parse_guid(value, d->device_guid) != 0)
			BAD("a GUID, 8-4-4-4-12 hex digits");
		else
			d->has_device_guid = 1;
	} else if (d->kind == INST_FLEET && !strcmp(key, "count")) {
		if (parse_uint(value, 1, CONFIG_INSTANCES_MAX, &n) != 0)
			problem(L, "count = %s: a number 1-%d", value,
			    CONFIG_INSTANCES_MAX);
		else
			d->count = (unsigned)n;
	} else if (d->kind == INST_FLEET && !strcmp(key, "step")) {
		if (!strcmp(value, "port"))
			d->step_address = 0;
		else if (!strcmp(value, "address"))
			d->step_address = 1;
		else
			BAD("port or address");
	} else
		problem(L, "unknown key %s in [%s]", key, L->section);
}

static int
config_ini_handler(
    void *arg, const char *section, const char *key, const char *value)
{
	struct loader *L = arg;

	if (strcmp(section, L->section) != 0 || L->section_line == 0)
		begin_section(L, section);
	if (key == NULL || L->skip)
		return 1;
	if (section[0] == '\0') {
		problem(L, "%s = %s outside any section", key, value);
		return 1;
	}
	if (L->cur != NULL)
		key_instance(L, key, value);
	else if (L->user != 0)
		key_user(L, key, value);
	else if (!strcmp(section, "identity"))
		key_identity(L, key, value);
	else if (!strcmp(section, "channel"))
		key_channel(L, key, value);
	else if (!strcmp(section, "chassis"))
		key_chassis(L, key, value);
	else if (!strcmp(section, "lab"))
		key_lab(L, key, value);
	return 1;
}

/* Checks a model as a whole, once its file is read. */
static void
check_model(struct loader *L, struct model_file *mf)
{
	struct model *m = mf->model;
	unsigned      i;

	L->line = 0;
	if ((m->channel.enabled_suites & 1u) && !m->lab.allow_cipher_0)
		problem(L,
		    "cipher suite 0 (no authentication, no integrity, no "
		    "encryption) is enabled: set allow_cipher_0 = yes in [lab] "
		    "if that is what you want");
	for (i = 1; i <= MODEL_USERS_MAX; i++) {
		struct model_user *u = &m->users[i];

		if (!u->defined)
			continue;
		L->line = mf->users_line[i];
		if (u->name_len == 0 && i != 1)
			problem(L,
			    "[user %u] has no name (only user 1, the "
			    "null user, is nameless)",
			    i);
		else if (u->name_len == 0 && u->enabled &&
		    !m->lab.allow_anonymous)
			problem(L,
			    "[user 1] is the null user: enabling it "
			    "allows anonymous login; set "
			    "allow_anonymous = yes in [lab] if that is "
			    "what you want");
	}
	if (m->channel.enabled_suites == 0 && m->channel.ipmi20_enabled) {
		L->line = 0;
		problem(L, "no cipher suite enabled, yet ipmi20 = yes");
	}
}

static void loader_free_decls(struct loader *L);

/*
 * Parses one file: its model sections always, its instance sections only
 * for the file given on the command line.  Returns the model file, or
 * NULL if it could not be read.
 */
static struct model_file *
load_file(struct loader *L, const char *path, int want_instances,
    const char *from_file, unsigned from_line)
{
	struct model_file *mf, *grown;
	struct line_reader r;
	const char	  *slash;
	size_t		   i;
	int		   rc;

	for (i = 0; i < L->nmfiles; i++)
		if (strcmp(L->mfiles[i].path, path) == 0)
			return &L->mfiles[i];
	r.f = fopen(path, "r");
	if (r.f == NULL) {
		L->errors++;
		if (from_file != NULL)
			config_diag_add(L->diag, from_file, from_line,
			    "model = %s: %s", path, strerror(errno));
		else
			config_diag_add(L->diag, path, 0, "%s%s",
			    strerror(errno),
			    errno == ENOENT
				? " (give a configuration with -c FILE)"
				: "");
		return NULL;
	}
	grown = realloc(L->mfiles, (L->nmfiles + 1) * sizeof(*grown));
	mf = NULL;
	if (grown != NULL) {
		L->mfiles = grown;
		mf = &L->mfiles[L->nmfiles];
		memset(mf, 0, sizeof(*mf));
		mf->path = strdup(path);
		mf->model = calloc(1, sizeof(*mf->model));
	}
	if (mf == NULL || mf->path == NULL || mf->model == NULL) {
		fclose(r.f);
		if (mf != NULL) {
			free(mf->path);
			free(mf->model);
		}
		L->errors++;
		config_diag_add(L->diag, path, 0, "out of memory");
		return NULL;
	}
	L->nmfiles++;
	model_defaults(mf->model);
	mf->model->source = mf->path;

	L->file = intern_file(L, path);
	L->model = mf->model;
	L->mf = mf;
	L->want_instances = want_instances;
	L->line = 0;
	L->section[0] = '\0';
	L->section_line = 0;
	section_done(L);
	slash = strrchr(path, '/');
	if (slash != NULL && (size_t)(slash - path) < sizeof(L->dir)) {
		memcpy(L->dir, path, (size_t)(slash - path));
		L->dir[slash - path] = '\0';
	} else
		L->dir[0] = '\0';
	r.L = L;
	rc = ini_parse_stream(counting_reader, &r, config_ini_handler, L);
	fclose(r.f);
	if (rc > 0)
		problem(L,
		    "not INI syntax (expected [section] or key = "
		    "value)");
	for (i = 0; i < L->nseen; i++)
		free(L->seen_sections[i]);
	free(L->seen_sections);
	free(L->seen_lines);
	L->seen_sections = NULL;
	L->seen_lines = NULL;
	L->nseen = 0;
	check_model(L, mf);
	return mf;
}

static uint32_t
fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

/*
 * A per-instance GUID: the base (the model's, or one made from the
 * instance's name) with the fleet's name and the index mixed into the
 * node bytes, so every BMC of every fleet differs, the same on every run.
 */
static void
derive_guid(const uint8_t *base, int has_base, const char *name, unsigned index,
    uint8_t salt, uint8_t out[MODEL_GUID_LEN])
{
	uint32_t h = fnv1a(name) ^ salt;
	unsigned i;

	if (has_base)
		memcpy(out, base, MODEL_GUID_LEN);
	else {
		uint32_t x = h;

		for (i = 0; i < MODEL_GUID_LEN; i++) {
			x = x * 1103515245u + 12345u + salt;
			out[i] = (uint8_t)(x >> 16);
		}
		/* RFC 4122 variant and version 4 (random) bits, in the
		 * wire order of parse_guid(). */
		out[7] = (uint8_t)((out[7] & 0x3f) | 0x80);
		out[9] = (uint8_t)((out[9] & 0x0f) | 0x40);
	}
	if (index == 0)
		return;
	/* Node bytes (the text's last six) are the first six on the wire. */
	out[0] = (uint8_t)index;
	out[1] = (uint8_t)(index >> 8);
	out[2] = (uint8_t)(index >> 16);
	out[3] ^= (uint8_t)h;
	out[4] ^= (uint8_t)(h >> 8);
	out[5] ^= (uint8_t)(h >> 16);
}

static int
endpoint_cmp(const void *a, const void *b)
{
	const struct config_bmc *x = *(const struct config_bmc *const *)a;
	const struct config_bmc *y = *(const struct config_bmc *const *)b;
	int			 c = strcmp(x->host, y->host);

	if (c != 0)
		return c;
	return (int)x->port - (int)y->port;
}

static void
expand_instances(struct loader *L, struct model_file *own)
{
	struct config	   *c = L->conf;
	size_t		    i, total = 0, k;
	struct config_bmc **byep;

	for (i = 0; i < L->ndecls; i++)
		total += L->decls[i].count;
	if (L->ndecls == 0)
		total = 1;
	if (total > CONFIG_INSTANCES_MAX) {
		L->errors++;
		config_diag_add(L->diag, L->conf->path, 0,
		    "%zu BMCs: at most %d in one process", total,
		    CONFIG_INSTANCES_MAX);
		return;
	}
	c->bmcs = calloc(total, sizeof(*c->bmcs));
	if (c->bmcs == NULL) {
		L->errors++;
		config_diag_add(L->diag, c->path, 0, "out of memory");
		return;
	}
	if (L->ndecls == 0) {
		struct config_bmc  *b = &c->bmcs[0];
		const struct model *m = own->model;

		c->implicit = 1;
		snprintf(b->name, sizeof(b->name), "bmc");
		strcpy(b->host, CONFIG_DEFAULT_HOST);
		b->port = CONFIG_DEFAULT_PORT;
		b->model = m;
		derive_guid(m->identity.system_guid,
		    m->identity.has_system_guid, b->name, 0, 1, b->system_guid);
		derive_guid(m->identity.device_guid,
		    m->identity.has_device_guid, b->name, 0, 2, b->device_guid);
		b->file = intern_file(L, c->path);
		c->nbmcs = 1;
		return;
	}
	for (i = 0; i < L->ndecls; i++) {
		struct inst_decl   *d = &L->decls[i];
		struct model_file  *mf = own;
		const struct model *m;
		unsigned	    j;
		struct in_addr	    a4;

		if (d->model_path != NULL) {
			mf = load_file(
			    L, d->model_path, 0, d->file, d->model_line);
			if (mf == NULL)
				continue;
		}
		m = mf->model;
		if (!d->has_listen) {
			strcpy(d->host, CONFIG_DEFAULT_HOST);
			d->port = CONFIG_DEFAULT_PORT;
		}
		if (d->kind == INST_FLEET && !d->step_address &&
		    (unsigned)d->port + d->count - 1 > 65535) {
			L->errors++;
			config_diag_add(L->diag, d->file, d->line,
			    "[fleet %s]: %u ports from %u pass 65535", d->name,
			    d->count, d->port);
			continue;
		}
		if (d->kind == INST_FLEET && d->step_address) {
			uint32_t first;

			if (inet_pton(AF_INET, d->host, &a4) != 1 ||
			    (ntohl(a4.s_addr) >> 24) != 127 ||
			    (ntohl(a4.s_addr) & 0xffffff) + d->count - 1 >
				0xffffff) {
				L->errors++;
				config_diag_add(L->diag, d->file, d->line,
				    "[fleet %s]: step = address needs %u "
				    "IPv4 addresses within 127.0.0.0/8 from "
				    "%s",
				    d->name, d->count, d->host);
				continue;
			}
			first = ntohl(a4.s_addr);
			(void)first;
		}
		for (j = 0; j < d->count; j++) {
			struct config_bmc *b = &c->bmcs[c->nbmcs++];

			if (d->kind == INST_FLEET) {
				snprintf(b->name, sizeof(b->name), "%.39s-%04u",
				    d->name, (j + 1) % 100000);
				b->index = j + 1;
			} else
				snprintf(
				    b->name, sizeof(b->name), "%s", d->name);
			b->model = m;
			b->file = d->file;
			b->line = d->line;
			if (d->kind == INST_FLEET && d->step_address) {
				struct in_addr ai;

				inet_pton(AF_INET, d->host, &ai);
				ai.s_addr = htonl(ntohl(ai.s_addr) + j);
				inet_ntop(
				    AF_INET, &ai, b->host, sizeof(b->host));
				b->port = d->port;
			} else {
				strcpy(b->host, d->host);
				b->port = (uint16_t)(d->port + j);
			}
			if (d->has_system_guid)
				derive_guid(d->system_guid, 1, d->name,
				    b->index, 1, b->system_guid);
			else
				derive_guid(m->identity.system_guid,
				    m->identity.has_system_guid, d->name,
				    b->index, 1, b->system_guid);
			if (d->has_device_guid)
				derive_guid(d->device_guid, 1, d->name,
				    b->index, 2, b->device_guid);
			else
				derive_guid(m->identity.device_guid,
				    m->identity.has_device_guid, d->name,
				    b->index, 2, b->device_guid);
		}
	}
	/* Names and endpoints must be unique. */
	byep = malloc(c->nbmcs * sizeof(*byep) + 1);
	if (byep == NULL)
		return;
	for (k = 0; k < c->nbmcs; k++)
		byep[k] = &c->bmcs[k];
	qsort(byep, c->nbmcs, sizeof(*byep), endpoint_cmp);
	for (k = 1; k < c->nbmcs; k++)
		if (endpoint_cmp(&byep[k - 1], &byep[k]) == 0) {
			L->errors++;
			config_diag_add(L->diag, byep[k]->file, byep[k]->line,
			    "BMC %s: endpoint %s port %u is also BMC %s's "
			    "(line %u)",
			    byep[k]->name, byep[k]->host, byep[k]->port,
			    byep[k - 1]->name, byep[k - 1]->line);
		}
	for (i = 0; i < L->ndecls; i++)
		for (k = i + 1; k < L->ndecls; k++)
			if (strcmp(L->decls[i].name, L->decls[k].name) == 0) {
				L->errors++;
				config_diag_add(L->diag, L->decls[k].file,
				    L->decls[k].line,
				    "the name %s is taken (line %u)",
				    L->decls[k].name, L->decls[i].line);
			}
	free(byep);
}

static void
loader_free_decls(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->ndecls; i++)
		free(L->decls[i].model_path);
	free(L->decls);
	L->decls = NULL;
	L->ndecls = 0;
}

int
config_load(const char *path, struct config **out, struct config_diag *diag)
{
	struct loader	   L;
	struct config	  *c;
	struct model_file *own;
	size_t		   i;
	int		   rc = 0;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return ERR_NOMEM;
	c->path = strdup(path);
	if (c->path == NULL) {
		free(c);
		return ERR_NOMEM;
	}
	L.conf = c;
	L.diag = diag;
	own = load_file(&L, path, 1, NULL, 0);
	if (own == NULL) {
		rc = errno == ENOMEM ? ERR_NOMEM : ERR_SYSTEM;
		if (L.errors > 1)
			rc = ERR_CONFIG;
	} else {
		expand_instances(&L, own);
		if (L.errors > 0)
			rc = ERR_CONFIG;
	}
	loader_free_decls(&L);
	/* The models move into the configuration. */
	c->models = calloc(L.nmfiles + 1, sizeof(*c->models));
	for (i = 0; i < L.nmfiles; i++) {
		if (c->models != NULL) {
			c->models[c->nmodels++] = L.mfiles[i].model;
			/* source points into the file names we keep. */
			L.mfiles[i].model->source = (char *)intern_file(
			    &L, L.mfiles[i].path);
		} else
			free(L.mfiles[i].model);
		free(L.mfiles[i].path);
	}
	free(L.mfiles);
	if (rc != 0) {
		config_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nmodels; i++) {
		/* Passwords and K_G. */
		ct_wipe(c->models[i], sizeof(*c->models[i]));
		free(c->models[i]);
	}
	free(c->models);
	for (i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	free(c->bmcs);
	free(c->path);
	free(c);
}

int
config_set_listen(struct config *c, const char *ep, struct config_diag *diag)
{
	struct config_bmc *b;

	if (c->nbmcs != 1) {
		config_diag_add(diag, c->path, 0,
		    "--listen moves the only BMC of a configuration; this one "
		    "has %zu (give each its listen = in the file)",
		    c->nbmcs);
		return ERR_CONFIG;
	}
	b = &c->bmcs[0];
	if (config_parse_endpoint(ep, b->host, sizeof(b->host), &b->port) !=
	    0) {
		config_diag_add(diag, "--listen", 0,
		    "%s: HOST:PORT with a numeric address, IPv6 in brackets "
		    "([::1]:623)",
		    ep);
		return ERR_CONFIG;
	}
	return 0;
}

const struct config_bmc *
config_find_bmc(const struct config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nbmcs; i++)
		if (strcmp(c->bmcs[i].name, name) == 0)
			return &c->bmcs[i];
	return NULL;
}

int
config_bmc_equal(const struct config_bmc *a, const struct config_bmc *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->host, b->host) == 0 &&
	    a->port == b->port && a->index == b->index &&
	    memcmp(a->system_guid, b->system_guid, MODEL_GUID_LEN) == 0 &&
	    memcmp(a->device_guid, b->device_guid, MODEL_GUID_LEN) == 0 &&
	    (a->model == b->model || model_equal(a->model, b->model));
}
