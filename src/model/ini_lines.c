/*
 * The line reader under the INI engine (ini_lines.h): inih does the
 * splitting, one line per ini_parse_stream() call.
 *
 * inih keeps its state (section, previous key, first bad line) for one
 * call; a call per line gives its verdict on that line alone: the return
 * value says whether the line was bad, the handler whether it was a key,
 * and an indented line can never continue a key of an earlier call.
 * inih announces no section (INI_CALL_HANDLER_ON_NEW_SECTION is 0 in the
 * Debian build), so a '[' line it accepts is taken here as a header: the
 * name is the text up to the ']' inih found, read from the line rather
 * than from inih's section buffer, which keeps only 49 bytes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "ct.h"
#include "ini_lines.h"

#define BOM "\xef\xbb\xbf" /* inih drops it from its first line */

struct lines {
	ini_lines_fn *cb;
	void	     *arg;
	unsigned      lineno;
	/* The line (leading blanks and trailing '\r' dropped), NUL-ended. */
	char  *buf;
	size_t cap, len;
	int    long_line; /* longer than inih takes: a prefix is given */
	int    step;	  /* of the reader, in one ini_parse_stream() */
	int    pair;	  /* inih called the handler for the line */
	char   section[INI_LINES_MAX];
};

/*
 * inih's reader (fgets-like): for line 1 the line; for the others an
 * empty line first, so that inih, which drops a BOM from the first line
 * it reads, drops one only from the file's first line.  The buffer inih
 * lends is wiped on every call: what it held of the line before is gone
 * when ini_parse_stream() returns.
 */
static char *
lines_reader_cb(char *out, int cap, void *arg)
{
	struct lines *l = arg;
	size_t	      n, room;

	if (cap < 3)
		return NULL;
	room = (size_t)cap - 2; /* '\n' and NUL */
	ct_wipe(out, (size_t)cap);
	switch (l->step++) {
	case 0:
		if (l->lineno > 1) {
			out[0] = '\n';
			return out;
		}
		l->step++;
		/* FALLTHROUGH */
	case 1:
		/* An inih built with shorter lines holds files to them. */
		if (l->len > room)
			l->long_line = 1;
		n = l->len < room ? l->len : room;
		memcpy(out, l->buf, n);
		out[n] = '\n';
		return out;
	default:
		return NULL;
	}
}

static void
lines_pair(struct lines *l, const char *name, const char *value)
{
	if (name == NULL) /* an inih built to announce sections */
		return;
	l->pair = 1;
	if (!l->long_line)
		l->cb(
		    l->arg, INI_LINES_PAIR, l->lineno, l->section, name, value);
}

#if INI_HANDLER_LINENO
static int
lines_handler_cb(void *arg, const char *section, const char *name,
    const char *value, int lineno)
{
	(void)section;
	(void)lineno; /* inih's count: an empty line precedes ours */
	lines_pair(arg, name, value);
	return 1;
}
#else
static int
lines_handler_cb(
    void *arg, const char *section, const char *name, const char *value)
{
	(void)section; /* inih's, for this one line: always "" */
	lines_pair(arg, name, value);
	return 1;
}
#endif

/* The first '[' of the line, or NULL when the line is no header. */
static char *
lines_header(struct lines *l)
{
	char *s = l->buf;

	if (l->lineno == 1 && strncmp(s, BOM, 3) == 0)
		s += 3;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '[' ? s : NULL;
}

/* A header inih accepted: it ends at the first ']'. */
static void
lines_section(struct lines *l, char *open)
{
	char  *close = strchr(open, ']'), *after, *e;
	size_t n;

	if (close == NULL) /* inih found one: cannot happen */
		return;
	n = (size_t)(close - open - 1);
	memcpy(l->section, open + 1, n); /* n < INI_LINES_MAX - 2 */
	l->section[n] = '\0';
	for (after = close + 1; isspace((unsigned char)*after); after++)
		;
	for (e = after + strlen(after);
	     e > after && isspace((unsigned char)e[-1]);)
		*--e = '\0';
	l->cb(l->arg, INI_LINES_SECTION, l->lineno, l->section, NULL, after);
}

/* One line through inih: 0, or -1 when it ran out of memory. */
static int
lines_one(struct lines *l)
{
	char *open = lines_header(l);
	int   rc;

	l->long_line = l->len > INI_LINES_MAX - 2;
	l->step = 0;
	l->pair = 0;
	rc = ini_parse_stream(lines_reader_cb, l, lines_handler_cb, l);
	if (rc < 0)
		return -1;
	if (l->long_line && (rc > 0 || l->pair))
		l->cb(
		    l->arg, INI_LINES_LONG, l->lineno, l->section, NULL, NULL);
	else if (rc > 0)
		l->cb(l->arg,
		    open != NULL ? INI_LINES_BAD_SECTION : INI_LINES_BAD,
		    l->lineno, l->section, NULL, NULL);
	else if (open != NULL && !l->pair)
		lines_section(l, open);
	/* Otherwise a key (already called back), a comment or blanks. */
	return 0;
}

int
ini_lines_read(const char *text, size_t len, ini_lines_fn *cb, void *arg)
{
	const char  *p = text, *end = text + len, *nl, *nul, *s;
	struct lines l;
	size_t	     n;
	int	     rc = 0;

	memset(&l, 0, sizeof(l));
	l.cb = cb;
	l.arg = arg;
	while (p < end && rc == 0) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		s = p;
		p = nl != NULL ? nl + 1 : end;
		l.lineno++;
		if ((nul = memchr(s, '\0', n)) != NULL)
			n = (size_t)(nul - s); /* a NUL ends the line's text */
		/* Leading blanks, which inih would take for a continuation. */
		while (n > 0 && isspace((unsigned char)*s)) {
			s++;
			n--;
		}
		while (n > 0 && s[n - 1] == '\r')
			n--;
		if (n + 1 > l.cap) {
			char *nb = malloc(n + 1);

			if (nb == NULL) {
				rc = -1;
				break;
			}
			if (l.buf != NULL)
				ct_wipe(l.buf, l.cap);
			free(l.buf);
			l.buf = nb;
			l.cap = n + 1;
		}
		memcpy(l.buf, s, n);
		l.buf[n] = '\0';
		l.len = n;
		rc = lines_one(&l);
		ct_wipe(l.buf, l.len + 1);
	}
	free(l.buf);
	ct_wipe(l.section, sizeof(l.section));
	return rc;
}
