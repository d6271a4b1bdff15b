/*
 * Hex text records.  The text is a user's file, not a datagram: it is
 * walked line by line and each line's hex goes through hexdump_parse().
 */

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "hexdump.h"
#include "hexin.h"

void
hexin_init(struct hexin *h, const char *text, size_t len)
{
	memset(h, 0, sizeof(*h));
	h->text = text;
	h->len = len;
}

/* Copies the next line, without its comment, into line; 0 at the end. */
static int
hexin_line(struct hexin *h, char *line, size_t cap)
{
	size_t n = 0;
	int    comment = 0;
	char   c;

	if (h->off >= h->len)
		return 0;
	h->line++;
	while (h->off < h->len) {
		c = h->text[h->off++];
		if (c == '\n')
			break;
		if (c == '#')
			comment = 1;
		if (!comment && n + 1 < cap)
			line[n++] = c;
	}
	line[n] = '\0';
	return 1;
}

static int
hexin_blank(const char *s)
{
	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* "@ c2b NAME": fills the record's direction and name; 0 for "@ val". */
static int
hexin_header(const char *s, struct hexin_record *rec)
{
	char dir[8], name[HEXIN_NAME_MAX];

	dir[0] = name[0] = '\0';
	if (sscanf(s, "@ %7s %63s", dir, name) < 1)
		return 0;
	if (strcmp(dir, "c2b") == 0)
		rec->dir = HEXIN_DIR_C2B;
	else if (strcmp(dir, "b2c") == 0)
		rec->dir = HEXIN_DIR_B2C;
	else
		return 0;
	snprintf(rec->name, sizeof(rec->name), "%s", name);
	return 1;
}

int
hexin_next(struct hexin *h, uint8_t *buf, size_t cap, struct hexin_record *rec)
{
	char   line[HEXIN_LINE_MAX];
	size_t save, got;
	int    skipping = 0, rc;

	memset(rec, 0, sizeof(*rec));
	for (;;) {
		save = h->off;
		if (!hexin_line(h, line, sizeof(line)))
			break;
		if (line[0] == '@') {
			if (rec->len > 0) {
				/* The next record starts: read it next time. */
				h->off = save;
				h->line--;
				break;
			}
			/* A header with no bytes under it is forgotten. */
			memset(rec, 0, sizeof(*rec));
			skipping = !hexin_header(line, rec);
			if (skipping)
				memset(rec, 0, sizeof(*rec));
			else
				rec->line = h->line;
			continue;
		}
		if (hexin_blank(line)) {
			if (rec->len > 0)
				break;
			continue;
		}
		if (skipping)
			continue;
		if (rec->len == 0 && rec->line == 0)
			rec->line = h->line;
		if ((rc = hexdump_parse(
			 line, buf + rec->len, cap - rec->len, &got)) != 0)
			return rc;
		rec->len += got;
	}
	return rec->len > 0 ? 1 : 0;
}
