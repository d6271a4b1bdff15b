/*
 * The persistent part of a BMC as text: what a real BMC keeps in flash
 * (users changed over IPMI, persistent boot flags, the power restore
 * policy and the last power state, the non-volatile channel access).
 * The text is INI, read with the INI engine's plain reader (ini.h); names
 * and passwords are hex so that any byte survives.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "ct.h"
#include "err.h"
#include "ini.h"
#include "log.h"

/*
 * A text built in two passes: the first (buf NULL) only measures, so the
 * second writes into one allocation that is never copied (it holds
 * passwords).
 */
struct bmc_state_out {
	char  *buf;
	size_t cap;
	size_t len;
};
#define state_text bmc_state_out

static void state_add(struct state_text *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
static void
state_add_hex(struct state_text *, const char *, const uint8_t *, size_t);

static void
state_add(struct state_text *t, const char *fmt, ...)
{
	va_list ap;
	int	n;
	size_t	room = t->buf != NULL && t->cap > t->len ? t->cap - t->len : 0;

	va_start(ap, fmt);
	n = vsnprintf(room > 0 ? t->buf + t->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
}

void
bmc_state_printf(struct bmc_state_out *t, const char *fmt, ...)
{
	va_list ap;
	int	n;
	size_t	room = t->buf != NULL && t->cap > t->len ? t->cap - t->len : 0;

	va_start(ap, fmt);
	n = vsnprintf(room > 0 ? t->buf + t->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
}

void
bmc_state_hex(
    struct bmc_state_out *t, const char *key, const uint8_t *p, size_t n)
{
	state_add_hex(t, key, p, n);
}

static void
state_add_hex(struct state_text *t, const char *key, const uint8_t *p, size_t n)
{
	size_t i;

	state_add(t, "%s = ", key);
	for (i = 0; i < n; i++)
		state_add(t, "%02x", p[i]);
	state_add(t, "\n");
}

static const char *
state_policy_name(uint8_t policy)
{
	switch (policy) {
	case MODEL_RESTORE_ALWAYS_OFF:
		return "always-off";
	case MODEL_RESTORE_ALWAYS_ON:
		return "always-on";
	default:
		return "previous";
	}
}

static void
state_write(const struct bmc *b, struct state_text *t)
{
	const struct bmc_channel_access *nv = &b->nonvolatile;
	const struct bmc_area *const	*a;
	unsigned			 id;

	state_add(t, "# bmcsim saved state of BMC %s\n", b->name);
	state_add(t, "[chassis]\npower = %s\nrestore_policy = %s\n",
	    b->power_on ? "on" : "off", state_policy_name(b->restore_policy));
	state_add(t, "\n[boot]\nvalid_bit_clearing = %u\n",
	    b->boot.valid_bit_clearing);
	/* Only persistent flags outlive the BMC; one-time ones are lost. */
	if (b->boot.flags[0] & BMC_BOOT_FLAG_PERSISTENT)
		state_add_hex(t, "flags", b->boot.flags, BMC_BOOT_FLAGS_LEN);
	state_add(t,
	    "\n[channel]\naccess_mode = %u\nprivilege_limit = %u\n"
	    "per_message_auth = %u\nuser_level_auth = %u\nalerting = %u\n",
	    nv->access_mode, nv->priv_limit, nv->per_message_auth,
	    nv->user_level_auth, nv->alerting);
	for (id = 1; id <= MODEL_USERS_MAX; id++) {
		const struct model_user *u = &b->users[id];

		if (!(b->users_changed & ((uint64_t)1 << id)))
			continue;
		state_add(t, "\n[user %u]\ndefined = %u\n", id, u->defined);
		if (!u->defined)
			continue;
		state_add_hex(t, "name", u->name, u->name_len);
		state_add_hex(t, "password", u->password, MODEL_PASSWORD_LEN);
		state_add(t,
		    "password_20 = %u\nenabled = %u\nprivilege_limit = %u\n"
		    "ipmi_messaging = %u\nlink_auth = %u\ncallback_only = %u\n"
		    "session_limit = %u\n",
		    u->password20, u->enabled, u->priv_limit, u->ipmi_messaging,
		    u->link_auth, u->callback_only, u->session_limit);
	}
	for (a = bmc_areas; *a != NULL; a++)
		if ((*a)->save_cb != NULL)
			(*a)->save_cb(b, t);
}

char *
bmc_state_save(const struct bmc *b, size_t *len)
{
	struct state_text t = {NULL, 0, 0};

	state_write(b, &t);
	t.cap = t.len + 1;
	if ((t.buf = malloc(t.cap)) == NULL)
		return NULL;
	t.len = 0;
	state_write(b, &t);
	if (len != NULL)
		*len = t.len;
	return t.buf;
}

/* Loading. */

struct bmc_state_in {
	struct bmc	   *b;
	const char	   *file;
	struct config_diag *diag;
	int		    lineno; /* of the key being read */
	int		    problems;
	int		    saved_power; /* -1: not in the text */
	unsigned	    users;
	int		    boot_flags;
};

static void state_problem(struct bmc_state_in *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
state_problem(struct bmc_state_in *s, const char *fmt, ...)
{
	char	msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->diag != NULL)
		config_diag_add(
		    s->diag, s->file, (unsigned)s->lineno, "%s", msg);
	s->problems++;
}

void
bmc_state_problem(struct bmc_state_in *s, const char *fmt, ...)
{
	char	msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	state_problem(s, "%s", msg);
}

static int
state_uint(const char *v, unsigned long max, unsigned long *out)
{
	char *end;

	if (!isdigit((unsigned char)v[0]))
		return ERR_FORMAT;
	errno = 0;
	*out = strtoul(v, &end, 0);
	if (errno != 0 || *end != '\0' || *out > max)
		return ERR_FORMAT;
	return 0;
}

/* Hex of at most max bytes into out; *n receives the count. */
static int
state_hex(const char *v, uint8_t *out, size_t max, size_t *n)
{
	size_t len = strlen(v), i;

	if (len % 2 != 0 || len / 2 > max)
		return ERR_FORMAT;
	for (i = 0; i < len; i++)
		if (!isxdigit((unsigned char)v[i]))
			return ERR_FORMAT;
	for (i = 0; i < len / 2; i++) {
		char byte[3] = {v[2 * i], v[2 * i + 1], '\0'};

		out[i] = (uint8_t)strtoul(byte, NULL, 16);
	}
	*n = len / 2;
	return 0;
}

static void
state_chassis(struct bmc_state_in *s, const char *name, const char *value)
{
	struct bmc *b = s->b;

	if (strcmp(name, "power") == 0) {
		if (strcmp(value, "on") == 0)
			s->saved_power = 1;
		else if (strcmp(value, "off") == 0)
			s->saved_power = 0;
		else
			state_problem(
			    s, "power must be on or off, not '%s'", value);
	} else if (strcmp(name, "restore_policy") == 0) {
		if (strcmp(value, "always-off") == 0)
			b->restore_policy = MODEL_RESTORE_ALWAYS_OFF;
		else if (strcmp(value, "previous") == 0)
			b->restore_policy = MODEL_RESTORE_PREVIOUS;
		else if (strcmp(value, "always-on") == 0)
			b->restore_policy = MODEL_RESTORE_ALWAYS_ON;
		else
			state_problem(s, "unknown restore_policy '%s'", value);
	} else
		state_problem(s, "unknown key '%s' in [chassis]", name);
}

static void
state_boot(struct bmc_state_in *s, const char *name, const char *value)
{
	struct bmc   *b = s->b;
	uint8_t	      flags[BMC_BOOT_FLAGS_LEN];
	unsigned long v;
	size_t	      n;

	if (strcmp(name, "valid_bit_clearing") == 0) {
		if (state_uint(value, 0x1f, &v) != 0)
			state_problem(s, "valid_bit_clearing must be 0..31");
		else
			b->boot.valid_bit_clearing = (uint8_t)v;
	} else if (strcmp(name, "flags") == 0) {
		if (state_hex(value, flags, sizeof(flags), &n) != 0 ||
		    n != sizeof(flags))
			state_problem(s, "flags must be %d bytes of hex",
			    BMC_BOOT_FLAGS_LEN);
		else {
			memcpy(b->boot.flags, flags, sizeof(flags));
			s->boot_flags = 1;
		}
	} else
		state_problem(s, "unknown key '%s' in [boot]", name);
}

static void
state_channel(struct bmc_state_in *s, const char *name, const char *value)
{
	struct bmc_channel_access *nv = &s->b->nonvolatile;
	unsigned long		   v;

	if (strcmp(name, "access_mode") == 0) {
		if (state_uint(value, 3, &v) != 0)
			state_problem(s, "access_mode must be 0..3");
		else
			nv->access_mode = (uint8_t)v;
	} else if (strcmp(name, "privilege_limit") == 0) {
		if (state_uint(value, IPMI_PRIV_OEM, &v) != 0 ||
		    v < IPMI_PRIV_CALLBACK)
			state_problem(s, "privilege_limit must be 1..5");
		else
			nv->priv_limit = (uint8_t)v;
	} else if (strcmp(name, "per_message_auth") == 0 ||
	    strcmp(name, "user_level_auth") == 0 ||
	    strcmp(name, "alerting") == 0) {
		if (state_uint(value, 1, &v) != 0)
			state_problem(s, "%s must be 0 or 1", name);
		else if (name[0] == 'p')
			nv->per_message_auth = (uint8_t)v;
		else if (name[0] == 'u')
			nv->user_level_auth = (uint8_t)v;
		else
			nv->alerting = (uint8_t)v;
	} else
		state_problem(s, "unknown key '%s' in [channel]", name);
}

/* The one-byte user fields: name, largest value, where it goes. */
static uint8_t *
state_user_field(struct model_user *u, const char *name, unsigned long *max)
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
state_user(
    struct bmc_state_in *s, unsigned id, const char *name, const char *value)
{
	struct model_user *u = &s->b->users[id];
	uint8_t		   buf[MODEL_PASSWORD_LEN];
	uint8_t		  *field;
	unsigned long	   v, max;
	size_t		   n;

	if (strcmp(name, "name") == 0) {
		if (state_hex(value, buf, MODEL_NAME_LEN, &n) != 0)
			state_problem(s, "name must be up to 16 bytes of hex");
		else {
			memset(u->name, 0, sizeof(u->name));
			memcpy(u->name, buf, n);
			u->name_len = (uint8_t)n;
		}
	} else if (strcmp(name, "password") == 0) {
		if (state_hex(value, buf, MODEL_PASSWORD_LEN, &n) != 0)
			state_problem(
			    s, "password must be up to 20 bytes of hex");
		else {
			memset(u->password, 0, sizeof(u->password));
			memcpy(u->password, buf, n);
		}
	} else if ((field = state_user_field(u, name, &max)) != NULL) {
		if (state_uint(value, max, &v) != 0)
			state_problem(s, "%s must be 0..%lu", name, max);
		else if (strcmp(name, "defined") == 0 && v == 0)
			ct_wipe(u, sizeof(*u));
		else
			*field = (uint8_t)v;
	} else
		state_problem(s, "unknown key '%s' in [user %u]", name, id);
	ct_wipe(buf, sizeof(buf));
	s->b->users_changed |= (uint64_t)1 << id;
}

static void
state_handler(void *arg, const char *section, const char *name,
    const char *value, unsigned line)
{
	struct bmc_state_in *s = arg;
	unsigned long	     id;
	char		    *end;

	s->lineno = (int)line;
	if (strcmp(section, "chassis") == 0)
		state_chassis(s, name, value);
	else if (strcmp(section, "boot") == 0)
		state_boot(s, name, value);
	else if (strcmp(section, "channel") == 0)
		state_channel(s, name, value);
	else if (strncmp(section, "user ", 5) == 0 &&
	    isdigit((unsigned char)section[5]) &&
	    (id = strtoul(section + 5, &end, 10)) >= 1 &&
	    id <= MODEL_USERS_MAX && *end == '\0') {
		if (!(s->b->users_changed & ((uint64_t)1 << id)))
			s->users++;
		state_user(s, (unsigned)id, name, value);
	} else {
		const struct bmc_area *const *a;

		for (a = bmc_areas; *a != NULL; a++)
			if ((*a)->load_cb != NULL &&
			    (*a)->load_cb(s->b, section, name, value, s))
				return;
		state_problem(s, "unknown section [%s]", section);
	}
}

/*
 * Power as the restore policy decides after a cold start (§28.8): the
 * saved state counts for "previous" only.
 */
static void
state_apply_power(struct bmc_state_in *s, uint64_t now_ms)
{
	struct bmc *b = s->b;
	int	    on;

	switch (b->restore_policy) {
	case MODEL_RESTORE_ALWAYS_ON:
		on = 1;
		break;
	case MODEL_RESTORE_ALWAYS_OFF:
		on = 0;
		break;
	default:
		if (s->saved_power < 0)
			return;
		on = s->saved_power;
	}
	bmc_power_set(b, on, now_ms, "power restore policy");
	if (on)
		b->restart_cause = b->restore_policy == MODEL_RESTORE_ALWAYS_ON
		    ? BMC_RESTART_ALWAYS_RESTORE
		    : BMC_RESTART_RESTORE_PREV;
	else
		b->restart_cause = BMC_RESTART_UNKNOWN;
}

int
bmc_state_load(struct bmc *b, const char *text, size_t len, const char *file,
    struct config_diag *diag)
{
	const struct bmc_area *const *a;
	struct bmc_state_in	      s;
	unsigned		      bad_line;

	memset(&s, 0, sizeof(s));
	s.b = b;
	s.file = file != NULL ? file : "state";
	s.diag = diag;
	s.saved_power = -1;
	if ((bad_line = ini_read_pairs(text, len, state_handler, &s)) > 0) {
		s.lineno = (int)bad_line;
		state_problem(&s, "syntax error");
	}
	/* Loaded at start, which is a reset: volatile = non-volatile. */
	b->channel.access_mode = b->nonvolatile.access_mode;
	b->channel.priv_limit = b->nonvolatile.priv_limit;
	b->channel.per_message_auth = b->nonvolatile.per_message_auth;
	b->channel.user_level_auth = b->nonvolatile.user_level_auth;
	b->channel.alerting = b->nonvolatile.alerting;
	/*
	 * The power state the BMC starts in, not a change: the log already
	 * holds how it got there.  The areas then see the state as it is.
	 */
	b->events_muted = 1;
	state_apply_power(&s, b->created_ms);
	b->events_muted = 0;
	for (a = bmc_areas; *a != NULL; a++)
		if ((*a)->loaded_cb != NULL)
			(*a)->loaded_cb(b);
	b->policy_generation++;
	bmc_log(b,
	    "state restored from %s: %u user(s), %s, power "
	    "restore policy %s, power %s%s",
	    s.file, s.users,
	    s.boot_flags ? "persistent boot flags" : "no persistent boot flags",
	    state_policy_name(b->restore_policy), b->power_on ? "on" : "off",
	    s.problems > 0 ? " (with problems)" : "");
	return s.problems > 0 ? ERR_CONFIG : 0;
}
