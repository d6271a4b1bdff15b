/*
 * Key log lines.  Fields may come in any order; each must appear once.
 */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ct.h"
#include "err.h"
#include "keylog.h"

#define KEYLOG_FIELDS 6

/* Hex digit pairs with nothing between them, into out. */
static int
keylog_hex(const char *s, size_t n, uint8_t *out, size_t cap, size_t *len)
{
	size_t i;
	char   pair[3];

	if (n == 0 || n % 2 != 0 || n / 2 > cap)
		return ERR_FORMAT;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return ERR_FORMAT;
	pair[2] = '\0';
	for (i = 0; i < n / 2; i++) {
		pair[0] = s[2 * i];
		pair[1] = s[2 * i + 1];
		out[i] = (uint8_t)strtoul(pair, NULL, 16);
	}
	*len = n / 2;
	return 0;
}

static int
keylog_sid(const char *s, size_t n, uint32_t *v)
{
	size_t i;

	if (n != 8)
		return ERR_FORMAT;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return ERR_FORMAT;
		*v = *v << 4 |
		    (uint32_t)(isdigit((unsigned char)s[i])
			    ? s[i] - '0'
			    : tolower((unsigned char)s[i]) - 'a' + 10);
	}
	return 0;
}

int
keylog_parse_line(const char *line, struct keylog_entry *e)
{
	static const char *const names[KEYLOG_FIELDS] = {
	    "bmc_sid", "console_sid", "suite", "sik", "k1", "k2"};
	const char *p = line, *eq, *end;
	size_t	    len[3] = {0, 0, 0}, k, i, n;
	unsigned    seen = 0;
	unsigned    v;
	int	    rc = ERR_FORMAT;

	memset(e, 0, sizeof(*e));
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	if (strncmp(p, "RMCPP", 5) != 0 || !isspace((unsigned char)p[5]))
		return ERR_FORMAT;
	p += 5;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0' || *p == '#')
			break;
		for (end = p; *end != '\0' && !isspace((unsigned char)*end);
		     end++)
			;
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
			goto out;
		for (k = 0; k < KEYLOG_FIELDS; k++)
			if (strlen(names[k]) == (size_t)(eq - p) &&
			    strncmp(p, names[k], (size_t)(eq - p)) == 0)
				break;
		if (k == KEYLOG_FIELDS || (seen & 1u << k))
			goto out;
		seen |= 1u << k;
		eq++;
		n = (size_t)(end - eq);
		switch (k) {
		case 0:
			if (keylog_sid(eq, n, &e->bmc_sid) != 0)
				goto out;
			break;
		case 1:
			if (keylog_sid(eq, n, &e->console_sid) != 0)
				goto out;
			break;
		case 2:
			for (v = 0, i = 0; i < n; i++) {
				if (!isdigit((unsigned char)eq[i]) || v > 255)
					goto out;
				v = v * 10 + (unsigned)(eq[i] - '0');
			}
			if (n == 0 || v > 255)
				goto out;
			e->suite = (uint8_t)v;
			break;
		default:
			if (keylog_hex(eq, n,
				k == 3	     ? e->sik
				    : k == 4 ? e->k1
					     : e->k2,
				KEYLOG_KEY_MAX, &len[k - 3]) != 0)
				goto out;
			break;
		}
		p = end;
	}
	if (seen != (1u << KEYLOG_FIELDS) - 1 || len[0] != len[1] ||
	    len[1] != len[2])
		goto out;
	e->key_len = len[0];
	return 1;
out:
	ct_wipe(e, sizeof(*e));
	return rc;
}
