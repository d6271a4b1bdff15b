#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "httpmsg.h"

/* The line at *p ending in CRLF (or LF); *p moves past it.  NULL: none. */
static const char *
next_line(const char **p, const char *end, size_t *n)
{
	const char *s = *p, *nl;

	nl = memchr(s, '\n', (size_t)(end - s));
	if (nl == NULL)
		return NULL;
	*n = (size_t)(nl - s);
	if (*n > 0 && s[*n - 1] == '\r')
		(*n)--;
	*p = nl + 1;
	return s;
}

/* A decimal or hex number of at most 15 digits: 0, or -1. */
static int
parse_number(const char *s, size_t n, int base, size_t *out)
{
	size_t i, v = 0;

	if (n == 0 || n > 15)
		return -1;
	for (i = 0; i < n; i++) {
		int d;

		if (isdigit((unsigned char)s[i]))
			d = s[i] - '0';
		else if (base == 16 && isxdigit((unsigned char)s[i]))
			d = tolower((unsigned char)s[i]) - 'a' + 10;
		else
			return -1;
		v = v * (size_t)base + (size_t)d;
	}
	*out = v;
	return 0;
}

/* The body of chunked coding from p: RFC 9112 §7.1. */
static int
dechunk(const char *p, const char *end, struct httpmsg_response *out)
{
	for (;;) {
		const char *line;
		size_t	    n, size, digits;
		char	   *b;

		if ((line = next_line(&p, end, &n)) == NULL)
			return ERR_TRUNCATED;
		/* Chunk extensions after ';' are ignored. */
		for (digits = 0; digits < n && line[digits] != ';' &&
		     line[digits] != ' ' && line[digits] != '\t';
		     digits++)
			;
		if (parse_number(line, digits, 16, &size) != 0)
			return ERR_FORMAT;
		if (size == 0)
			return 0; /* trailers, if any, are not needed */
		if ((size_t)(end - p) < size + 1)
			return ERR_TRUNCATED;
		b = realloc(out->body, out->body_len + size + 1);
		if (b == NULL)
			return ERR_NOMEM;
		memcpy(b + out->body_len, p, size);
		out->body_len += size;
		b[out->body_len] = '\0';
		out->body = b;
		p += size;
		if ((line = next_line(&p, end, &n)) == NULL)
			return ERR_TRUNCATED;
		if (n != 0)
			return ERR_FORMAT;
	}
}

static int
parse(const char *in, size_t len, struct httpmsg_response *out)
{
	const char *p = in, *end = in + len, *line;
	size_t	    n, clen = SIZE_MAX, status;
	int	    chunked = 0;

	if ((line = next_line(&p, end, &n)) == NULL)
		return ERR_TRUNCATED;
	/* "HTTP/1.1 200 OK" */
	if (n < 12 || memcmp(line, "HTTP/1.", 7) != 0 || line[8] != ' ' ||
	    parse_number(line + 9, 3, 10, &status) != 0 || status < 100 ||
	    status > 599 || (n > 12 && line[12] != ' '))
		return ERR_FORMAT;
	out->status = (int)status;
	for (;;) {
		const char *colon, *v;
		size_t	    vn;

		if ((line = next_line(&p, end, &n)) == NULL)
			return ERR_TRUNCATED;
		if (n == 0)
			break;
		colon = memchr(line, ':', n);
		if (colon == NULL || colon == line)
			return ERR_FORMAT;
		v = colon + 1;
		vn = n - (size_t)(v - line);
		while (vn > 0 && (*v == ' ' || *v == '\t')) {
			v++;
			vn--;
		}
		while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
			vn--;
		if ((size_t)(colon - line) == 14 &&
		    strncasecmp(line, "Content-Length", 14) == 0) {
			if (parse_number(v, vn, 10, &clen) != 0)
				return ERR_FORMAT;
		} else if ((size_t)(colon - line) == 17 &&
		    strncasecmp(line, "Transfer-Encoding", 17) == 0) {
			chunked = vn == 7 && strncasecmp(v, "chunked", 7) == 0;
		} else if ((size_t)(colon - line) == 12 &&
		    strncasecmp(line, "Content-Type", 12) == 0) {
			if (vn >= sizeof(out->ctype))
				vn = sizeof(out->ctype) - 1;
			memcpy(out->ctype, v, vn);
			out->ctype[vn] = '\0';
		}
	}
	if (chunked)
		return dechunk(p, end, out);
	n = (size_t)(end - p);
	if (clen != SIZE_MAX) {
		if (n < clen)
			return ERR_TRUNCATED;
		n = clen;
	}
	out->body = malloc(n + 1);
	if (out->body == NULL)
		return ERR_NOMEM;
	memcpy(out->body, p, n);
	out->body[n] = '\0';
	out->body_len = n;
	return 0;
}

int
httpmsg_parse_response(const char *in, size_t len, struct httpmsg_response *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = parse(in, len, out);
	if (rc == 0 && out->body == NULL) {
		out->body = calloc(1, 1);
		if (out->body == NULL)
			rc = ERR_NOMEM;
	}
	if (rc != 0)
		httpmsg_response_clear(out);
	return rc;
}

void
httpmsg_response_clear(struct httpmsg_response *r)
{
	free(r->body);
	memset(r, 0, sizeof(*r));
}
