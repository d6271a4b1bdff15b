/*
 * The persistent part of a BMC as text: what a real BMC keeps in flash.
 * The machinery only: each area (struct bmc_area) writes and reads its
 * own sections (users changed over IPMI, boot flags, power restore
 * policy, channel access, SEL, FRU...).  The text is INI, read with the
 * INI engine's plain reader (ini.h); binary values are hex so that any
 * byte survives.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
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

static void
state_write(const struct bmc *b, struct state_text *t)
{
	const struct bmc_area *const *a;

	state_add(t, "# bmcsim saved state of BMC %s\n", b->name);
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

int
bmc_state_uint(const char *v, unsigned long max, unsigned long *out)
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

int
bmc_state_hex_parse(const char *v, uint8_t *out, size_t max, size_t *n)
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
state_handler(void *arg, const char *section, const char *name,
    const char *value, unsigned line)
{
	struct bmc_state_in	     *s = arg;
	const struct bmc_area *const *a;

	s->lineno = (int)line;
	for (a = bmc_areas; *a != NULL; a++)
		if ((*a)->load_cb != NULL &&
		    (*a)->load_cb(s->b, section, name, value, s))
			return;
	state_problem(s, "unknown section [%s]", section);
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
	memset(&b->state_found, 0, sizeof(b->state_found));
	b->state_found.power = -1;
	if ((bad_line = ini_read_pairs(text, len, state_handler, &s)) > 0) {
		s.lineno = (int)bad_line;
		state_problem(&s, "syntax error");
	}
	/*
	 * The chassis, first, applies the power the BMC starts in (muted:
	 * not a change); the others then see the state as it is.
	 */
	for (a = bmc_areas; *a != NULL; a++)
		if ((*a)->loaded_cb != NULL)
			(*a)->loaded_cb(b);
	b->policy_generation++;
	bmc_log(b,
	    "state restored from %s: %u user(s), %s, power "
	    "restore policy %s, power %s%s",
	    s.file, b->state_found.users,
	    b->state_found.boot_flags ? "persistent boot flags"
				      : "no persistent boot flags",
	    bmc_restore_policy_name(b->restore_policy),
	    b->power_on ? "on" : "off",
	    s.problems > 0 ? " (with problems)" : "");
	return s.problems > 0 ? ERR_CONFIG : 0;
}
