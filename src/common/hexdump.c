#include <ctype.h>

#include "err.h"
#include "hexdump.h"

void
hexdump_fp(FILE *fp, const char *indent, const void *buf, size_t n)
{
	const uint8_t *p = buf;
	size_t	       i;

	for (i = 0; i < n; i++) {
		if (i % 16 == 0)
			fputs(indent != NULL ? indent : "", fp);
		fprintf(fp, " %02x", p[i]);
		if (i % 16 == 15 || i + 1 == n)
			fputc('\n', fp);
	}
}

void
hexdump_inline_fp(FILE *fp, const void *buf, size_t n)
{
	const uint8_t *p = buf;
	size_t	       i;

	for (i = 0; i < n; i++)
		fprintf(fp, "%s%02x", i == 0 ? "" : " ", p[i]);
}

int
hexdump_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hexdump_parse(const char *text, uint8_t *out, size_t cap, size_t *outlen)
{
	const char *s = text;
	size_t	    n = 0;
	int	    hi, lo;

	while (*s != '\0') {
		if (isspace((unsigned char)*s) || *s == ',' || *s == ':') {
			s++;
			continue;
		}
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			s += 2;
			continue;
		}
		if ((hi = hexdump_digit((unsigned char)s[0])) < 0 ||
		    (lo = hexdump_digit((unsigned char)s[1])) < 0)
			return ERR_FORMAT;
		if (n >= cap)
			return ERR_NOSPACE;
		out[n++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	*outlen = n;
	return 0;
}
