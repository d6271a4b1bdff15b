/*
 * Client debug output read as packets.  Both readers walk the text line
 * by line; ipmitool's dumps are the wire bytes, FreeIPMI's are fields that
 * are packed back into bytes here in the order and widths printed.
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "texttrace.h"

#define TT_PART_MAX 1024

/* IPMI 2.0 §13.6, table 13-8: the payload type byte's two flags. */
#define TT_PT_ENCRYPTED	    0x80
#define TT_PT_AUTHENTICATED 0x40

enum texttrace_kind
texttrace_sniff(const char *text, size_t len)
{
	/* The text is NUL-terminated by the caller (decode_slurp). */
	(void)len;
	if (strstr(text, ">> sending packet (") != NULL ||
	    strstr(text, "<< received packet (") != NULL)
		return TEXTTRACE_IPMITOOL;
	if (strstr(text, "RMCP Header:") != NULL &&
	    strstr(text, "] = version[ 8b]") != NULL)
		return TEXTTRACE_FREEIPMI;
	return TEXTTRACE_NONE;
}

void
texttrace_init(
    struct texttrace *t, const char *text, size_t len, enum texttrace_kind kind)
{
	memset(t, 0, sizeof(*t));
	t->text = text;
	t->len = len;
	t->kind = kind;
}

/* dst = a then b, cut to HEXIN_NAME_MAX (names are for headings). */
static void
tt_name(char *dst, const char *a, const char *b)
{
	size_t n = 0, k;

	k = strlen(a);
	if (k > HEXIN_NAME_MAX - 1)
		k = HEXIN_NAME_MAX - 1;
	memcpy(dst, a, k);
	n = k;
	k = strlen(b);
	if (k > HEXIN_NAME_MAX - 1 - n)
		k = HEXIN_NAME_MAX - 1 - n;
	memcpy(dst + n, b, k);
	dst[n + k] = '\0';
}

/* FreeIPMI's "host: " prefix: a first word with no space or bracket. */
static void
tt_strip_prefix(char *line)
{
	char  *colon = strstr(line, ": ");
	size_t i;

	if (colon == NULL || colon == line)
		return;
	for (i = 0; line + i < colon; i++)
		if (isspace((unsigned char)line[i]) || line[i] == '[' ||
		    line[i] == '=')
			return;
	memmove(line, colon + 2, strlen(colon + 2) + 1);
}

/* The next line into line (CR removed); 0 at the end of the text. */
static int
tt_line(struct texttrace *t, char *line, size_t cap)
{
	size_t n = 0;
	char   c;

	if (t->have_pending) {
		t->have_pending = 0;
		snprintf(line, cap, "%s", t->pending);
		return 1;
	}
	if (t->off >= t->len)
		return 0;
	t->line++;
	while (t->off < t->len) {
		c = t->text[t->off++];
		if (c == '\n')
			break;
		if (c != '\r' && n + 1 < cap)
			line[n++] = c;
	}
	line[n] = '\0';
	if (t->kind == TEXTTRACE_FREEIPMI)
		tt_strip_prefix(line);
	return 1;
}

static void
tt_unread(struct texttrace *t, const char *line)
{
	snprintf(t->pending, sizeof(t->pending), "%s", line);
	t->have_pending = 1;
}

/* Parses hex tokens ("8e", "8Eh", "0x8e"); -1 if a token is not one. */
static int
tt_hex_tokens(const char *s, uint8_t *out, size_t cap, size_t *n)
{
	char	     *end;
	unsigned long v;
	size_t	      k = 0;

	*n = 0;
	while (*s != '\0') {
		while (isspace((unsigned char)*s) || *s == '[' || *s == ']')
			s++;
		if (*s == '\0')
			break;
		if (!isxdigit((unsigned char)*s))
			return -1;
		v = strtoul(s, &end, 16);
		if (end - s > 2 +
			    (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 2
									 : 0) ||
		    v > 0xff)
			return -1;
		s = end;
		if (*s == 'h' || *s == 'H')
			s++;
		if (*s != '\0' && !isspace((unsigned char)*s) && *s != ']')
			return -1;
		if (k >= cap)
			return ERR_NOSPACE;
		out[k++] = (uint8_t)v;
	}
	*n = k;
	return 0;
}

/* ipmitool: names from the lines that announce a packet. */
static void
tt_ipmitool_name(struct texttrace *t, const char *line)
{
	unsigned v;
	char	 word[HEXIN_NAME_MAX];

	if (sscanf(line, ">> SENDING A%*[N ]%63[^\n]", word) == 1) {
		snprintf(t->name, sizeof(t->name), "%s", word);
		return;
	}
	if (sscanf(line, ">> netfn : 0x%x", &v) == 1)
		snprintf(t->name, sizeof(t->name), "netFn %02Xh", v & 0xff);
	else if (sscanf(line, ">> command : 0x%x", &v) == 1 &&
	    strncmp(t->name, "netFn ", 6) == 0 && strlen(t->name) == 9)
		snprintf(t->name + 9, sizeof(t->name) - 9, " command %02Xh",
		    v & 0xff);
}

static int
tt_ipmitool(
    struct texttrace *t, uint8_t *buf, size_t cap, struct texttrace_record *rec)
{
	char	 line[HEXIN_LINE_MAX];
	unsigned want;
	size_t	 got, k;
	int	 rc;

	while (tt_line(t, line, sizeof(line))) {
		if (sscanf(line, ">> sending packet (%u bytes)", &want) == 1)
			rec->dir = HEXIN_DIR_C2B;
		else if (sscanf(line, "<< received packet (%u bytes)", &want) ==
		    1)
			rec->dir = HEXIN_DIR_B2C;
		else {
			tt_ipmitool_name(t, line);
			continue;
		}
		if (want > cap)
			return ERR_NOSPACE;
		rec->line = t->line;
		tt_name(rec->name, rec->dir == HEXIN_DIR_B2C ? "reply to " : "",
		    t->name);
		for (got = 0; got < want;) {
			if (!tt_line(t, line, sizeof(line)))
				return ERR_FORMAT;
			rc = tt_hex_tokens(line, buf + got, cap - got, &k);
			if (rc == ERR_NOSPACE || (rc == 0 && got + k > want))
				return ERR_FORMAT;
			if (rc != 0 || k == 0)
				return ERR_FORMAT;
			got += k;
		}
		rec->len = got;
		return 1;
	}
	return 0;
}

/* One part of a FreeIPMI packet, packed field by field. */
struct tt_part {
	uint8_t	 b[TT_PART_MAX];
	size_t	 n;
	uint8_t	 cur;
	unsigned nbits;
	int	 err;
};

static void
tt_bits(struct tt_part *p, uint64_t v, unsigned width)
{
	unsigned i;

	for (i = 0; i < width; i++) {
		if (i < 64 && (v >> i & 1))
			p->cur |= (uint8_t)(1u << p->nbits);
		if (++p->nbits == 8) {
			if (p->n >= sizeof(p->b)) {
				p->err = ERR_NOSPACE;
				return;
			}
			p->b[p->n++] = p->cur;
			p->cur = 0;
			p->nbits = 0;
		}
	}
}

static void
tt_bytes(struct tt_part *p, const uint8_t *b, size_t n)
{
	if (p->nbits != 0)
		p->err = ERR_FORMAT; /* a byte array off a byte boundary */
	else if (n > sizeof(p->b) - p->n)
		p->err = ERR_NOSPACE;
	else {
		memcpy(p->b + p->n, b, n);
		p->n += n;
	}
}

enum tt_section {
	TT_SKIP,
	TT_RMCP,
	TT_SESSION15,
	TT_SESSIONPLUS,
	TT_PAYLOAD,
	TT_MESSAGE,
	TT_TRAILERPLUS,
};

struct tt_packet {
	struct tt_part rmcp, session, payload, message, trailer;
	int	       plus, v15;
};

static enum tt_section
tt_section(const char *line)
{
	static const struct {
		const char     *name;
		enum tt_section s;
	} map[] = {
	    {"RMCP Header:", TT_RMCP},
	    {"IPMI Session Header:", TT_SESSION15},
	    {"IPMI RMCPPLUS Session Header:", TT_SESSIONPLUS},
	    {"IPMI RMCPPLUS Payload:", TT_PAYLOAD},
	    {"IPMI Message Header:", TT_MESSAGE},
	    {"IPMI Command Data:", TT_MESSAGE},
	    {"IPMI Trailer:", TT_MESSAGE},
	    {"IPMI RMCPPLUS Session Trailer:", TT_TRAILERPLUS},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(line, map[i].name) == 0)
			return map[i].s;
	return TT_SKIP;
}

static struct tt_part *
tt_part_of(struct tt_packet *pk, enum tt_section s)
{
	switch (s) {
	case TT_RMCP:
		return &pk->rmcp;
	case TT_SESSION15:
	case TT_SESSIONPLUS:
		return &pk->session;
	case TT_PAYLOAD:
		return &pk->payload;
	case TT_MESSAGE:
		/* After an RMCP+ header the message is the payload, again. */
		return pk->plus ? NULL : &pk->message;
	case TT_TRAILERPLUS:
		return &pk->trailer;
	default:
		return NULL;
	}
}

/* "[ 03h 0Fh ... ]" lines after a byte array field, n bytes in all. */
static int
tt_array(struct texttrace *t, uint8_t *out, size_t n)
{
	char   line[HEXIN_LINE_MAX];
	size_t got = 0, k;

	while (got < n) {
		if (!tt_line(t, line, sizeof(line)) ||
		    tt_hex_tokens(line, out + got, n - got, &k) != 0 || k == 0)
			return ERR_FORMAT;
		got += k;
	}
	return 0;
}

/* One "[ value ] = name[width]" line into its part. */
static int
tt_field(struct texttrace *t, struct tt_packet *pk, enum tt_section s,
    const char *line, int *encrypted)
{
	static uint8_t	arr[TT_PART_MAX];
	struct tt_part *p = tt_part_of(pk, s);
	const char     *eq = strstr(line, "] = "), *w;
	char		name[64];
	unsigned	width;
	char		unit;
	int		rc;

	if (eq == NULL || (w = strrchr(eq, '[')) == NULL ||
	    sscanf(w, "[%u%c]", &width, &unit) != 2 ||
	    sscanf(eq + 4, "%63[^[]", name) != 1)
		return ERR_FORMAT;
	if (unit == 'B') {
		if (width > sizeof(arr))
			return ERR_NOSPACE;
		if ((rc = tt_array(t, arr, width)) != 0)
			return rc;
		if (s == TT_PAYLOAD) {
			/* Only the (decrypted) payload is kept. */
			if (strcmp(name, "confidentiality_header") == 0)
				*encrypted = 1;
			if (strcmp(name, "payload_data") != 0)
				return 0;
		}
		if (p != NULL)
			tt_bytes(p, arr, width);
		return 0;
	}
	if (unit != 'b' || width == 0 || width > 64)
		return ERR_FORMAT;
	if (p != NULL)
		tt_bits(p, strtoull(line + 1, NULL, 16), width);
	return 0;
}

/*
 * Some FreeIPMI versions print the confidentiality pad (01h 02h .. k, then
 * k; IPMI 2.0 §13.29) inside payload_data: drop it when it is exactly one.
 */
static void
tt_strip_pad(struct tt_part *p)
{
	size_t k, i;

	if (p->n == 0)
		return;
	k = p->b[p->n - 1];
	if (k + 1 > p->n)
		return;
	for (i = 0; i < k; i++)
		if (p->b[p->n - 1 - k + i] != i + 1)
			return;
	p->n -= k + 1;
}

/* Joins the parts into the datagram on the wire (or as decrypted). */
static int
tt_assemble(struct tt_packet *pk, int encrypted, uint8_t *buf, size_t cap,
    struct texttrace_record *rec)
{
	struct tt_part *parts[4];
	size_t		i, np = 0, n = 0;
	uint8_t		pt;

	if (pk->rmcp.n == 0 || pk->session.n == 0)
		return ERR_FORMAT; /* a title with no packet after it */
	if (pk->rmcp.err || pk->session.err || pk->payload.err ||
	    pk->message.err || pk->trailer.err)
		return ERR_FORMAT;
	rec->rebuilt = 1;
	parts[np++] = &pk->rmcp;
	parts[np++] = &pk->session;
	if (pk->plus) {
		/* authType/format, payload type, SID, sequence, length. */
		if (pk->session.n < 12)
			return ERR_FORMAT;
		pt = pk->session.b[1];
		if (encrypted) {
			tt_strip_pad(&pk->payload);
			pt &= (uint8_t) ~(
			    TT_PT_ENCRYPTED | TT_PT_AUTHENTICATED);
			rec->rebuilt = 2;
		}
		pk->session.b[1] = pt;
		pk->session.b[pk->session.n - 2] = (uint8_t)pk->payload.n;
		pk->session.b[pk->session.n - 1] = (uint8_t)(pk->payload.n >>
		    8);
		parts[np++] = &pk->payload;
		if (pt & TT_PT_AUTHENTICATED)
			parts[np++] = &pk->trailer;
	} else
		parts[np++] = &pk->message;
	for (i = 0; i < np; i++) {
		if (parts[i]->nbits != 0)
			return ERR_FORMAT;
		if (parts[i]->n > cap - n)
			return ERR_NOSPACE;
		memcpy(buf + n, parts[i]->b, parts[i]->n);
		n += parts[i]->n;
	}
	rec->len = n;
	return 1;
}

static int
tt_freeipmi(
    struct texttrace *t, uint8_t *buf, size_t cap, struct texttrace_record *rec)
{
	static struct tt_packet pk;
	char			line[HEXIN_LINE_MAX], title[HEXIN_LINE_MAX];
	enum tt_section		s = TT_SKIP;
	int			in = 0, encrypted = 0, rc;

	/* Static: a packet's parts are too big for the stack. */
	size_t tl;

	for (;;) {
		if (!tt_line(t, line, sizeof(line))) {
			if (!in)
				return 0;
			break;
		}
		if (strncmp(line, "=====", 5) == 0) {
			if (in) {
				/* The next packet's: read again next call. */
				tt_unread(t, line);
				break;
			}
			/* "=====", the title, "=====": a packet begins. */
			if (!tt_line(t, title, sizeof(title)))
				return 0;
			memset(&pk, 0, sizeof(pk));
			in = 1;
			rec->line = t->line;
			tl = strlen(title);
			rec->dir = tl >= 8 &&
				strcmp(title + tl - 8, "Response") == 0
			    ? HEXIN_DIR_B2C
			    : HEXIN_DIR_C2B;
			tt_name(rec->name, title, "");
			(void)tt_line(t, line, sizeof(line)); /* "=====" */
			continue;
		}
		if (!in)
			continue;
		if (line[0] != '[') {
			if (line[0] != '-')
				s = tt_section(line);
			if (s == TT_SESSIONPLUS)
				pk.plus = 1;
			continue;
		}
		if (s == TT_SKIP)
			continue;
		if (strncmp(line, "[  BYTE ARRAY", 13) != 0 &&
		    strstr(line, "] = ") == NULL)
			continue;
		if ((rc = tt_field(t, &pk, s, line, &encrypted)) != 0)
			return rc;
	}
	return tt_assemble(&pk, encrypted, buf, cap, rec);
}

int
texttrace_next(
    struct texttrace *t, uint8_t *buf, size_t cap, struct texttrace_record *rec)
{
	memset(rec, 0, sizeof(*rec));
	if (t->kind == TEXTTRACE_IPMITOOL)
		return tt_ipmitool(t, buf, cap, rec);
	if (t->kind == TEXTTRACE_FREEIPMI)
		return tt_freeipmi(t, buf, cap, rec);
	return 0;
}
