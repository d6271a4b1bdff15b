/*
 * The describer.  Walks a datagram with a bounded cursor and prints one
 * line per field:
 *
 *	<indent>  <offset>  <raw bytes, 8 a line>  <field>: <meaning>
 *
 * under a heading per layer.  A field that cannot be read ends the walk
 * with a line saying what was missing; a field with a wrong value is
 * marked BAD and the walk goes on.  The output is part of the teaching
 * material and of a golden test: change it deliberately or not at all.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "asf.h"
#include "cursor.h"
#include "describe.h"
#include "describe_cmd.h"
#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "names.h"
#include "rakp.h"
#include "rmcp.h"
#include "rmcpp.h"
#include "solpkt.h"

#define DESC_BYTES_PER_LINE 8
#define DESC_RAW_WIDTH	    (DESC_BYTES_PER_LINE * 3 - 1)

struct desc {
	FILE	      *fp;
	const char    *indent;
	const uint8_t *base; /* offsets count from here */
	int	       err;  /* the first problem found */
	/* The field just read, printed by desc_say(). */
	const char    *name;
	const uint8_t *p;
	size_t	       n;
};

static void desc_say(struct desc *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
static void desc_heading(struct desc *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
static void desc_note(struct desc *, const uint8_t *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
desc_init(struct desc *d, FILE *fp, const char *indent, const uint8_t *base)
{
	memset(d, 0, sizeof(*d));
	d->fp = fp;
	d->indent = indent != NULL ? indent : "";
	d->base = base;
}

static void
desc_fail(struct desc *d, int rc)
{
	if (d->err == 0)
		d->err = rc;
}

static size_t
desc_off(const struct desc *d, const uint8_t *p)
{
	return (size_t)(p - d->base);
}

static void
desc_heading(struct desc *d, const char *fmt, ...)
{
	va_list ap;

	fputs(d->indent, d->fp);
	va_start(ap, fmt);
	vfprintf(d->fp, fmt, ap);
	va_end(ap);
	fputc('\n', d->fp);
}

/* Hex of up to DESC_BYTES_PER_LINE bytes read from a cursor. */
static size_t
desc_hex(struct rd *r, char *buf, size_t cap)
{
	size_t	i, len = 0;
	uint8_t b;
	int	w;

	buf[0] = '\0';
	for (i = 0; i < DESC_BYTES_PER_LINE && rd_u8(r, &b) == 0; i++) {
		w = snprintf(buf + len, cap - len, "%s%02x", i ? " " : "", b);
		if (w < 0 || (size_t)w >= cap - len)
			break;
		len += (size_t)w;
	}
	return i;
}

/* Prints the line of the field last read, with its meaning. */
static void
desc_say(struct desc *d, const char *fmt, ...)
{
	char	       hex[DESC_RAW_WIDTH + 1];
	const uint8_t *p = d->p;
	struct rd      r;
	va_list	       ap;
	size_t	       k;

	rd_init(&r, d->p, d->n);
	k = desc_hex(&r, hex, sizeof(hex));
	fprintf(d->fp, "%s  %04zx  %-*s  %s", d->indent, desc_off(d, p),
	    DESC_RAW_WIDTH, hex, d->name);
	if (fmt != NULL && *fmt != '\0') {
		fputs(": ", d->fp);
		va_start(ap, fmt);
		vfprintf(d->fp, fmt, ap);
		va_end(ap);
	}
	fputc('\n', d->fp);
	while (rd_left(&r) > 0) {
		p += k;
		k = desc_hex(&r, hex, sizeof(hex));
		fprintf(
		    d->fp, "%s  %04zx  %s\n", d->indent, desc_off(d, p), hex);
	}
}

/* A line about a problem at p, with no raw bytes. */
static void
desc_note(struct desc *d, const uint8_t *p, const char *fmt, ...)
{
	va_list ap;

	fprintf(d->fp, "%s  %04zx  %-*s  ** ", d->indent, desc_off(d, p),
	    DESC_RAW_WIDTH, "");
	va_start(ap, fmt);
	vfprintf(d->fp, fmt, ap);
	va_end(ap);
	fputc('\n', d->fp);
}

static int
desc_truncated(struct desc *d, struct rd *r, const char *name, size_t n)
{
	desc_note(d, rd_pos(r), "truncated: %s needs %zu byte%s, %zu left",
	    name, n, n == 1 ? "" : "s", rd_left(r));
	desc_fail(d, ERR_TRUNCATED);
	return ERR_TRUNCATED;
}

static int
desc_span(struct desc *d, struct rd *r, size_t n, const char *name)
{
	const uint8_t *p;

	if (rd_span(r, &p, n) != 0)
		return desc_truncated(d, r, name, n);
	d->name = name;
	d->p = p;
	d->n = n;
	return 0;
}

static int
desc_u8(struct desc *d, struct rd *r, const char *name, uint8_t *v)
{
	struct rd t = *r;
	int	  rc;

	if ((rc = desc_span(d, r, 1, name)) != 0)
		return rc;
	return rd_u8(&t, v);
}

static int
desc_u16le(struct desc *d, struct rd *r, const char *name, uint16_t *v)
{
	struct rd t = *r;
	int	  rc;

	if ((rc = desc_span(d, r, 2, name)) != 0)
		return rc;
	return rd_u16le(&t, v);
}

static int
desc_u32le(struct desc *d, struct rd *r, const char *name, uint32_t *v)
{
	struct rd t = *r;
	int	  rc;

	if ((rc = desc_span(d, r, 4, name)) != 0)
		return rc;
	return rd_u32le(&t, v);
}

static int
desc_u32be(struct desc *d, struct rd *r, const char *name, uint32_t *v)
{
	struct rd t = *r;
	int	  rc;

	if ((rc = desc_span(d, r, 4, name)) != 0)
		return rc;
	return rd_u32be(&t, v);
}

/* Reserved bytes: shown, and flagged (not failed) when not zero. */
static int
desc_reserved(struct desc *d, struct rd *r, size_t n)
{
	struct rd t;
	uint8_t	  b, any = 0;
	int	  rc;

	if ((rc = desc_span(d, r, n, "reserved")) != 0)
		return rc;
	rd_init(&t, d->p, d->n);
	while (rd_u8(&t, &b) == 0)
		any |= b;
	desc_say(d, any == 0 ? "" : "not zero (ignored)");
	return 0;
}

/* Whatever is left in r, shown raw under name, then flagged. */
static int
desc_trailing(struct desc *d, struct rd *r, const char *name)
{
	size_t n = rd_left(r);

	if (n == 0)
		return 0;
	(void)desc_span(d, r, n, name);
	desc_say(d, "%zu unexpected byte%s", n, n == 1 ? "" : "s");
	desc_fail(d, ERR_TRAILING);
	return ERR_TRAILING;
}

static void
desc_sid(struct desc *d, uint32_t sid)
{
	if (sid == 0)
		desc_say(d, "0x%08x (none)", sid);
	else
		desc_say(d, "0x%08x", sid);
}

static const char *
desc_addr_name(uint8_t addr)
{
	if (addr == IPMIMSG_BMC_ADDR)
		return " (BMC)";
	if (addr == IPMIMSG_CONSOLE_ADDR)
		return " (remote console)";
	return "";
}

/*
 * The checksum byte after the span [p, p + n): IPMI 2.0 §13.8, two's
 * complement so that the covered bytes and the checksum sum to zero.
 */
static int
desc_checksum(
    struct desc *d, struct rd *r, const char *name, const uint8_t *p, size_t n)
{
	uint8_t chk, want = ipmimsg_checksum(p, n);
	int	rc;

	if ((rc = desc_u8(d, r, name, &chk)) != 0)
		return rc;
	if (chk == want)
		desc_say(d, "ok");
	else {
		desc_say(d, "BAD, expected %02xh", want);
		desc_fail(d, ERR_CHECKSUM);
	}
	return 0;
}

static int
desc_data(struct desc *d, struct rd *r, size_t n, const char *name)
{
	int rc;

	if (n == 0)
		return 0;
	if ((rc = desc_span(d, r, n, name)) != 0)
		return rc;
	desc_say(d, "%zu byte%s", n, n == 1 ? "" : "s");
	return 0;
}

/* IPMI 2.0 §13.8, table 13-4 (request) and 13-5 (response). */
static int
desc_msg(struct desc *d, struct rd *r)
{
	const uint8_t *start = rd_pos(r), *second;
	const char    *cname, *ccname;
	uint8_t	       a1, nl, a2, sl, cmd, cc, b;
	size_t	       data_n;
	struct rd      peek = *r;
	size_t	       len = rd_left(r);
	int	       rc, is_rsp;

	/* The netFn in byte 1 tells a request (even) from a response. */
	is_rsp = rd_skip(&peek, 1) == 0 && rd_u8(&peek, &b) == 0 &&
	    (b >> 2 & 1);
	desc_heading(
	    d, "IPMI %s (%zu bytes)", is_rsp ? "response" : "request", len);
	if ((rc = desc_u8(d, r, is_rsp ? "rqAddr" : "rsAddr", &a1)) != 0)
		return rc;
	desc_say(d, "%02xh%s", a1, desc_addr_name(a1));
	if ((rc = desc_u8(d, r, is_rsp ? "netFn/rqLUN" : "netFn/rsLUN", &nl)) !=
	    0)
		return rc;
	desc_say(d, "netFn %02xh (%s %s), LUN %u", nl >> 2,
	    names_netfn(nl >> 2), is_rsp ? "response" : "request", nl & 3);
	if ((rc = desc_checksum(d, r, "checksum 1", start, 2)) != 0)
		return rc;
	second = rd_pos(r);
	if ((rc = desc_u8(d, r, is_rsp ? "rsAddr" : "rqAddr", &a2)) != 0)
		return rc;
	desc_say(d, "%02xh%s", a2, desc_addr_name(a2));
	if ((rc = desc_u8(d, r, is_rsp ? "rqSeq/rsLUN" : "rqSeq/rqLUN", &sl)) !=
	    0)
		return rc;
	desc_say(d, "rqSeq %u, LUN %u", sl >> 2, sl & 3);
	if ((rc = desc_u8(d, r, "command", &cmd)) != 0)
		return rc;
	/* netFn 2Ch: the first data byte names the defining body. */
	peek = *r;
	if (is_rsp)
		(void)rd_skip(&peek, 1);
	data_n = rd_left(&peek) > 0 ? rd_left(&peek) - 1 : 0;
	cname = describe_cmd_name(nl >> 2, cmd, rd_pos(&peek), data_n);
	desc_say(d, "%02xh (%s)", cmd,
	    cname != NULL ? cname : names_cmd(nl >> 2, cmd));
	cc = 0;
	if (is_rsp) {
		if ((rc = desc_u8(d, r, "completion code", &cc)) != 0)
			return rc;
		/* Codes 80h-BEh mean what each command says (§5.2). */
		ccname = describe_cmd_cc(nl >> 2, cmd, rd_pos(r),
		    rd_left(r) > 0 ? rd_left(r) - 1 : 0, cc);
		desc_say(d, "%02xh (%s)", cc,
		    ccname != NULL ? ccname : names_cc(cc));
	}
	if (rd_left(r) == 0)
		return desc_truncated(d, r, "checksum 2", 1);
	data_n = rd_left(r) - 1;
	if (data_n > 0 &&
	    describe_cmd_data(d->fp, d->indent, d->base, nl >> 2, cmd, cc,
		rd_pos(r), data_n) == 1) {
		(void)rd_skip(r, data_n);
	} else if ((rc = desc_data(d, r, data_n,
			is_rsp ? "response data" : "request data")) != 0)
		return rc;
	return desc_checksum(
	    d, r, "checksum 2", second, (size_t)(rd_pos(r) - second));
}

static int
desc_priv_role(struct desc *d, struct rd *r, const char *name, int rakp1)
{
	uint8_t role;
	int	rc;

	if ((rc = desc_u8(d, r, name, &role)) != 0)
		return rc;
	/* §13.20: in RAKP1, bit 4 selects name-only lookup. */
	if (rakp1)
		desc_say(d, "%s, %s lookup",
		    names_priv(role & RAKP_ROLE_PRIV_MASK),
		    role & RAKP_ROLE_NAME_ONLY ? "name-only"
					       : "username/privilege");
	else
		desc_say(d, "%s", names_priv(role & RAKP_ROLE_PRIV_MASK));
	return 0;
}

/* §13.17, table 13-16: one 8-byte algorithm payload. */
static int
desc_alg(struct desc *d, struct rd *r, uint8_t want)
{
	static const char *const kinds[] = {
	    "authentication", "integrity", "confidentiality"};
	const char *(*const namer[])(uint8_t) = {
	    names_auth_alg, names_integ_alg, names_conf_alg};
	uint8_t type, len, alg;
	int	rc;

	if ((rc = desc_u8(d, r, "payload type", &type)) != 0)
		return rc;
	if (type == want)
		desc_say(d, "%s", kinds[want]);
	else {
		desc_say(d, "BAD, expected %02xh (%s)", want, kinds[want]);
		desc_fail(d, ERR_FORMAT);
	}
	if ((rc = desc_reserved(d, r, 2)) != 0)
		return rc;
	if ((rc = desc_u8(d, r, "payload length", &len)) != 0)
		return rc;
	if (len == RAKP_ALG_PAYLOAD_LEN)
		desc_say(d, "%u", len);
	else {
		desc_say(d, "BAD, expected %u", RAKP_ALG_PAYLOAD_LEN);
		desc_fail(d, ERR_FORMAT);
	}
	if ((rc = desc_u8(d, r, "algorithm", &alg)) != 0)
		return rc;
	desc_say(d, "%02xh (%s)", alg, namer[want](alg));
	return desc_reserved(d, r, 3);
}

static int
desc_algs(struct desc *d, struct rd *r)
{
	int rc;

	if ((rc = desc_alg(d, r, RAKP_ALG_TYPE_AUTH)) != 0 ||
	    (rc = desc_alg(d, r, RAKP_ALG_TYPE_INTEG)) != 0 ||
	    (rc = desc_alg(d, r, RAKP_ALG_TYPE_CONF)) != 0)
		return rc;
	return 0;
}

static int
desc_tag(struct desc *d, struct rd *r)
{
	uint8_t tag;
	int	rc;

	if ((rc = desc_u8(d, r, "message tag", &tag)) != 0)
		return rc;
	desc_say(d, "%u", tag);
	return 0;
}

static int
desc_status(struct desc *d, struct rd *r, uint8_t *status)
{
	int rc;

	if ((rc = desc_u8(d, r, "status", status)) != 0)
		return rc;
	desc_say(d, "%02xh (%s)", *status, names_rmcpp_status(*status));
	return 0;
}

static int
desc_sid_field(struct desc *d, struct rd *r, const char *name)
{
	uint32_t sid;
	int	 rc;

	if ((rc = desc_u32le(d, r, name, &sid)) != 0)
		return rc;
	desc_sid(d, sid);
	return 0;
}

static int
desc_blob(struct desc *d, struct rd *r, size_t n, const char *name)
{
	int rc;

	if ((rc = desc_span(d, r, n, name)) != 0)
		return rc;
	desc_say(d, "%zu bytes", n);
	return 0;
}

/* §13.17 and §13.18: Open Session Request and Response. */
static int
desc_open_req(struct desc *d, struct rd *r)
{
	int rc;

	if ((rc = desc_tag(d, r)) != 0 ||
	    (rc = desc_priv_role(d, r, "requested max privilege", 0)) != 0 ||
	    (rc = desc_reserved(d, r, 2)) != 0 ||
	    (rc = desc_sid_field(d, r, "console session ID")) != 0 ||
	    (rc = desc_algs(d, r)) != 0)
		return rc;
	return 0;
}

static int
desc_open_rsp(struct desc *d, struct rd *r)
{
	uint8_t status;
	int	rc;

	if ((rc = desc_tag(d, r)) != 0 ||
	    (rc = desc_status(d, r, &status)) != 0 ||
	    (rc = desc_priv_role(d, r, "max privilege", 0)) != 0 ||
	    (rc = desc_reserved(d, r, 1)) != 0 ||
	    (rc = desc_sid_field(d, r, "console session ID")) != 0)
		return rc;
	/* Table 13-17: an error response stops here. */
	if (status != 0)
		return 0;
	if ((rc = desc_sid_field(d, r, "BMC session ID")) != 0 ||
	    (rc = desc_algs(d, r)) != 0)
		return rc;
	return 0;
}

/* §13.20, table 13-19. */
static int
desc_rakp1(struct desc *d, struct rd *r)
{
	char	  name[RAKP_NAME_MAX * 4 + 1];
	struct rd t;
	size_t	  len = 0;
	uint8_t	  n, c;
	int	  rc;

	if ((rc = desc_tag(d, r)) != 0 || (rc = desc_reserved(d, r, 3)) != 0 ||
	    (rc = desc_sid_field(d, r, "BMC session ID")) != 0 ||
	    (rc = desc_blob(d, r, RAKP_RAND_LEN, "console random")) != 0 ||
	    (rc = desc_priv_role(d, r, "requested role", 1)) != 0 ||
	    (rc = desc_reserved(d, r, 2)) != 0 ||
	    (rc = desc_u8(d, r, "user name length", &n)) != 0)
		return rc;
	if (n > RAKP_NAME_MAX) {
		desc_say(d, "%u, BAD: more than %u", n, RAKP_NAME_MAX);
		desc_fail(d, ERR_FORMAT);
		return ERR_FORMAT;
	}
	desc_say(d, "%u", n);
	if (n == 0)
		return 0;
	if ((rc = desc_span(d, r, n, "user name")) != 0)
		return rc;
	rd_init(&t, d->p, d->n);
	while (rd_u8(&t, &c) == 0) {
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			name[len++] = (char)c;
		else
			len += (size_t)snprintf(
			    name + len, sizeof(name) - len, "\\x%02x", c);
	}
	name[len] = '\0';
	desc_say(d, "\"%s\"", name);
	return 0;
}

/* §13.21 to §13.23, tables 13-20 to 13-22. */
static int
desc_rakp234(struct desc *d, struct rd *r, uint8_t pt)
{
	uint8_t status;
	int	rc;

	if ((rc = desc_tag(d, r)) != 0 ||
	    (rc = desc_status(d, r, &status)) != 0 ||
	    (rc = desc_reserved(d, r, 2)) != 0 ||
	    (rc = desc_sid_field(d, r,
		 pt == RMCPP_PT_RAKP3 ? "BMC session ID"
				      : "console session ID")) != 0)
		return rc;
	if (status != 0)
		return 0;
	if (pt == RMCPP_PT_RAKP2 &&
	    ((rc = desc_blob(d, r, RAKP_RAND_LEN, "BMC random")) != 0 ||
		(rc = desc_blob(d, r, RAKP_GUID_LEN, "BMC GUID")) != 0))
		return rc;
	if (rd_left(r) == 0)
		return 0;
	return desc_blob(d, r, rd_left(r),
	    pt == RMCPP_PT_RAKP4 ? "integrity check value"
				 : "key exchange auth code");
}

static int
desc_rakp2(struct desc *d, struct rd *r)
{
	return desc_rakp234(d, r, RMCPP_PT_RAKP2);
}

static int
desc_rakp3(struct desc *d, struct rd *r)
{
	return desc_rakp234(d, r, RMCPP_PT_RAKP3);
}

static int
desc_rakp4(struct desc *d, struct rd *r)
{
	return desc_rakp234(d, r, RMCPP_PT_RAKP4);
}

/* The session setup payloads the describer knows, by payload type. */
static const struct {
	uint8_t pt;
	int (*fn)(struct desc *, struct rd *);
} desc_setup_payloads[] = {
    {RMCPP_PT_OPEN_SESSION_REQ, desc_open_req},
    {RMCPP_PT_OPEN_SESSION_RSP, desc_open_rsp},
    {RMCPP_PT_RAKP1, desc_rakp1},
    {RMCPP_PT_RAKP2, desc_rakp2},
    {RMCPP_PT_RAKP3, desc_rakp3},
    {RMCPP_PT_RAKP4, desc_rakp4},
};

/*
 * The SOL payload (IPMI 2.0 §15.9, table 15-2).  Byte 4 means operation
 * bits toward the BMC and status bits toward the console; a packet does
 * not say which way it went, so both readings are given.
 */
static int
desc_sol(struct desc *d, struct rd *r)
{
	char	ops[128], st[128];
	uint8_t seq, ack, count, bits;
	size_t	n;
	int	rc;

	desc_heading(d, "SOL payload (%zu bytes)", rd_left(r));
	if ((rc = desc_u8(d, r, "packet sequence number", &seq)) != 0)
		return rc;
	if ((seq & SOLPKT_SEQ_MASK) == 0)
		desc_say(d, "0: an ACK only, no characters expected");
	else
		desc_say(d, "%u", seq & SOLPKT_SEQ_MASK);
	if ((rc = desc_u8(d, r, "ACK/NACK sequence number", &ack)) != 0)
		return rc;
	if ((ack & SOLPKT_SEQ_MASK) == 0)
		desc_say(d, "0: acknowledges nothing");
	else
		desc_say(d, "%u", ack & SOLPKT_SEQ_MASK);
	if ((rc = desc_u8(d, r, "accepted character count", &count)) != 0)
		return rc;
	desc_say(d, "%u", count);
	if ((rc = desc_u8(d, r, "operation/status", &bits)) != 0)
		return rc;
	desc_say(d, "to the BMC: %s; to the console: %s",
	    solpkt_bits_format(bits, 0, ops, sizeof(ops)),
	    solpkt_bits_format(bits, 1, st, sizeof(st)));
	if ((n = rd_left(r)) == 0)
		return 0;
	if ((rc = desc_span(d, r, n, "characters")) != 0)
		return rc;
	desc_say(d, "%zu%s", n,
	    n > SOLPKT_DATA_MAX ? " (more than 255: the count cannot say)"
				: "");
	return 0;
}

static int
desc_payload(struct desc *d, struct rd *r, uint8_t pt)
{
	size_t i;
	int    rc;

	if (pt == RMCPP_PT_IPMI)
		return desc_msg(d, r);
	for (i = 0;
	     i < sizeof(desc_setup_payloads) / sizeof(desc_setup_payloads[0]);
	     i++) {
		if (desc_setup_payloads[i].pt != pt)
			continue;
		desc_heading(
		    d, "%s (%zu bytes)", names_payload_type(pt), rd_left(r));
		if ((rc = desc_setup_payloads[i].fn(d, r)) != 0)
			return rc;
		return desc_trailing(d, r, "trailing bytes");
	}
	if (pt == RMCPP_PT_SOL)
		return desc_sol(d, r);
	/* OEM and reserved payloads: shown raw. */
	desc_heading(d, "%s payload", names_payload_type(pt));
	if (rd_left(r) == 0)
		return 0;
	return desc_blob(d, r, rd_left(r), "payload");
}

/*
 * Table 13-8 and §13.28.4: the integrity trailer.  covered counts the
 * bytes from the auth type to here, which fix the pad length.
 */
static int
desc_trailer(struct desc *d, struct rd *r, const struct rmcpp_packet *pkt,
    size_t covered)
{
	const char *alg;
	struct rd   t;
	uint8_t	    b, pad_len, next;
	size_t	    pad, i, least;
	int	    n, rc;

	desc_heading(d, "RMCP+ integrity trailer");
	/* The shortest trailer: pad, pad length, next header, 12 bytes. */
	least = (4 - (covered + 2) % 4) % 4 + 2 + 12;
	if (rd_left(r) < least)
		return desc_truncated(d, r, "integrity trailer", least);
	if ((n = rmcpp_infer_authcode_len(pkt, rd_left(r))) < 0) {
		desc_note(d, rd_pos(r), "no valid trailer layout in %zu bytes",
		    rd_left(r));
		desc_fail(d, ERR_PAD);
		if (rd_left(r) > 0)
			(void)desc_blob(d, r, rd_left(r), "trailer bytes");
		return ERR_PAD;
	}
	pad = rd_left(r) - 2 - (size_t)n;
	if (pad > 0) {
		(void)desc_span(d, r, pad, "integrity pad");
		rd_init(&t, d->p, d->n);
		for (i = 0; i < pad && rd_u8(&t, &b) == 0; i++)
			if (b != RMCPP_INTEGRITY_PAD_BYTE)
				break;
		if (i == pad)
			desc_say(
			    d, "%zu byte%s of ffh", pad, pad == 1 ? "" : "s");
		else {
			desc_say(d, "BAD, must be ffh bytes");
			desc_fail(d, ERR_PAD);
		}
	}
	if ((rc = desc_u8(d, r, "pad length", &pad_len)) != 0)
		return rc;
	if (pad_len == pad)
		desc_say(d, "%u", pad_len);
	else {
		desc_say(d, "%u, BAD, expected %zu", pad_len, pad);
		desc_fail(d, ERR_PAD);
	}
	if ((rc = desc_u8(d, r, "next header", &next)) != 0)
		return rc;
	if (next == RMCPP_NEXT_HEADER)
		desc_say(d, "07h");
	else {
		desc_say(d, "%02xh, BAD, expected 07h", next);
		desc_fail(d, ERR_PAD);
	}
	if (n == 12)
		alg = "HMAC-SHA1-96";
	else if (n == 16)
		alg = "HMAC-MD5-128, MD5-128 or HMAC-SHA256-128";
	else
		alg = "unknown algorithm";
	if ((rc = desc_span(d, r, (size_t)n, "auth code")) != 0)
		return rc;
	desc_say(d, "%d bytes, %s", n, alg);
	return 0;
}

/* IPMI 2.0 §13.6, table 13-8: the RMCP+ session header. */
static int
desc_rmcpp(struct desc *d, struct rd *r)
{
	const uint8_t	   *start;
	struct rmcpp_packet pkt;
	struct rd	    payload;
	uint32_t	    v32;
	uint16_t	    v16;
	uint8_t		    b;
	int		    rc;

	memset(&pkt, 0, sizeof(pkt));
	start = rd_pos(r);
	desc_heading(d, "RMCP+ session header");
	if ((rc = desc_u8(d, r, "auth type", &b)) != 0)
		return rc;
	desc_say(d, "%02xh (RMCP+)", b);
	if ((rc = desc_u8(d, r, "payload type", &b)) != 0)
		return rc;
	pkt.payload_type = b & RMCPP_PAYLOAD_TYPE_MASK;
	pkt.encrypted = (b & RMCPP_PAYLOAD_ENCRYPTED) != 0;
	pkt.authenticated = (b & RMCPP_PAYLOAD_AUTHENTICATED) != 0;
	desc_say(d, "%02xh (%s), %s, %s", pkt.payload_type,
	    names_payload_type(pkt.payload_type),
	    pkt.encrypted ? "encrypted" : "not encrypted",
	    pkt.authenticated ? "authenticated" : "not authenticated");
	if (pkt.payload_type == RMCPP_PT_OEM_EXPLICIT) {
		if ((rc = desc_u32le(d, r, "OEM IANA", &v32)) != 0)
			return rc;
		desc_say(d, "%u", v32 & 0xffffff);
		if ((rc = desc_u16le(d, r, "OEM payload ID", &v16)) != 0)
			return rc;
		desc_say(d, "%04xh", v16);
	}
	if ((rc = desc_sid_field(d, r, "session ID")) != 0)
		return rc;
	if ((rc = desc_u32le(d, r, "session sequence", &v32)) != 0)
		return rc;
	desc_say(d, "%u", v32);
	if ((rc = desc_u16le(d, r, "payload length", &pkt.payload_len)) != 0)
		return rc;
	desc_say(d, "%u", pkt.payload_len);
	if (rd_sub(r, &payload, pkt.payload_len) != 0)
		return desc_truncated(d, r, "payload", pkt.payload_len);
	if (pkt.encrypted) {
		desc_heading(
		    d, "%s payload", names_payload_type(pkt.payload_type));
		if (pkt.payload_len > 0) {
			(void)desc_span(
			    d, &payload, pkt.payload_len, "payload");
			desc_say(d, "encrypted (%u bytes)", pkt.payload_len);
		}
	} else if ((rc = desc_payload(d, &payload, pkt.payload_type)) != 0)
		return rc;
	if (!pkt.authenticated)
		return desc_trailing(d, r, "trailing bytes");
	return desc_trailer(d, r, &pkt, (size_t)(rd_pos(r) - start));
}

/* IPMI 2.0 §13.6, table 13-8: the IPMI 1.5 session header. */
static int
desc_ipmi15(struct desc *d, struct rd *r)
{
	const uint8_t *dgram = d->base;
	struct rd      msg;
	uint32_t       v32;
	uint8_t	       authtype, len, pad;
	int	       rc;

	desc_heading(d, "IPMI 1.5 session header");
	if ((rc = desc_u8(d, r, "auth type", &authtype)) != 0)
		return rc;
	if (!ipmi15_authtype_valid(authtype)) {
		desc_say(
		    d, "%02xh, BAD: %s", authtype, names_authtype(authtype));
		desc_fail(d, ERR_FORMAT);
		return ERR_FORMAT;
	}
	desc_say(d, "%02xh (%s)", authtype, names_authtype(authtype));
	if ((rc = desc_u32le(d, r, "session sequence", &v32)) != 0)
		return rc;
	desc_say(d, "%u", v32);
	if ((rc = desc_sid_field(d, r, "session ID")) != 0)
		return rc;
	if (authtype != IPMI15_AUTHTYPE_NONE) {
		if ((rc = desc_span(d, r, IPMI15_AUTHCODE_LEN, "auth code")) !=
		    0)
			return rc;
		desc_say(d, "16 bytes, %s", names_authtype(authtype));
	}
	if ((rc = desc_u8(d, r, "message length", &len)) != 0)
		return rc;
	desc_say(d, "%u", len);
	if (rd_sub(r, &msg, len) != 0)
		return desc_truncated(d, r, "message", len);
	if ((rc = desc_msg(d, &msg)) != 0)
		return rc;
	/* §13.6: the legacy pad after packets of 56, 84, ... 156 bytes. */
	if (rd_left(r) == 1 && rd_peek_u8(r, &pad) == 0 && pad == 0 &&
	    ipmi15_pad_needed((size_t)(rd_pos(r) - dgram))) {
		(void)desc_span(d, r, 1, "legacy pad");
		desc_say(d, "00h, after a datagram of %zu bytes",
		    (size_t)(d->p - dgram));
		return 0;
	}
	return desc_trailing(d, r, "trailing bytes");
}

/* ASF 2.0 §3.2.4.3, table 13: the pong data. */
static int
desc_pong(struct desc *d, struct rd *r)
{
	uint32_t v32;
	uint8_t	 b;
	int	 rc;

	desc_heading(d, "ASF presence pong data");
	if ((rc = desc_u32be(d, r, "IANA enterprise", &v32)) != 0)
		return rc;
	desc_say(d, "%u%s", v32, v32 == ASF_IANA ? " (ASF)" : "");
	if ((rc = desc_u32be(d, r, "OEM defined", &v32)) != 0)
		return rc;
	desc_say(d, "%08xh", v32);
	if ((rc = desc_u8(d, r, "supported entities", &b)) != 0)
		return rc;
	desc_say(d, "%02xh:%s%s", b, b & ASF_ENTITY_IPMI ? " IPMI" : "",
	    b & ASF_ENTITY_ASF_1_0 ? " ASF-1.0" : "");
	if ((rc = desc_u8(d, r, "supported interactions", &b)) != 0)
		return rc;
	desc_say(d, "%02xh:%s%s", b,
	    b & ASF_INTERACTION_SECURE ? " RMCP-security" : "",
	    b & ASF_INTERACTION_DASH ? " DASH" : "");
	if ((rc = desc_reserved(d, r, 6)) != 0)
		return rc;
	return desc_trailing(d, r, "trailing bytes");
}

/* ASF 2.0 §3.2.4, table 12: the ASF message header. */
static int
desc_asf(struct desc *d, struct rd *r)
{
	struct rd data;
	uint32_t  iana;
	uint8_t	  type, b, len;
	int	  rc = 0;

	desc_heading(d, "ASF message");
	if ((rc = desc_u32be(d, r, "IANA enterprise", &iana)) != 0)
		return rc;
	desc_say(d, "%u%s", iana, iana == ASF_IANA ? " (ASF)" : "");
	if ((rc = desc_u8(d, r, "message type", &type)) != 0)
		return rc;
	desc_say(d, "%02xh (%s)", type,
	    type == ASF_TYPE_PING	? "presence ping"
		: type == ASF_TYPE_PONG ? "presence pong"
					: "other");
	if ((rc = desc_u8(d, r, "message tag", &b)) != 0)
		return rc;
	desc_say(d, "%u", b);
	if ((rc = desc_reserved(d, r, 1)) != 0)
		return rc;
	if ((rc = desc_u8(d, r, "data length", &len)) != 0)
		return rc;
	desc_say(d, "%u", len);
	if (rd_sub(r, &data, len) != 0)
		return desc_truncated(d, r, "data", len);
	if (type == ASF_TYPE_PONG && len == ASF_PONG_DATA_LEN)
		rc = desc_pong(d, &data);
	else if (len > 0)
		rc = desc_blob(d, &data, len, "data");
	if (rc != 0)
		return rc;
	return desc_trailing(d, r, "trailing bytes");
}

/* ASF 2.0 §3.2.2.2, table 4: message classes. */
static const char *
desc_class_name(uint8_t cls)
{
	static const char *const names[] = {
	    [RMCP_CLASS_ASF] = "ASF",
	    [RMCP_CLASS_IPMI] = "IPMI",
	    [RMCP_CLASS_OEM] = "OEM",
	};

	cls &= RMCP_CLASS_MASK;
	return cls < sizeof(names) / sizeof(names[0]) ? names[cls] : NULL;
}

/* ASF 2.0 §3.2.2.2 and IPMI 2.0 §13.1.3: the RMCP header. */
static int
desc_rmcp(struct desc *d, struct rd *r)
{
	const char *name;
	uint8_t	    v, seq, cls;
	int	    rc;

	desc_heading(d, "RMCP header");
	if ((rc = desc_u8(d, r, "version", &v)) != 0)
		return rc;
	if (v == RMCP_VERSION_1_0)
		desc_say(d, "RMCP 1.0");
	else {
		desc_say(d, "BAD, expected 06h (RMCP 1.0)");
		desc_fail(d, ERR_FORMAT);
	}
	if ((rc = desc_reserved(d, r, 1)) != 0)
		return rc;
	if ((rc = desc_u8(d, r, "sequence", &seq)) != 0)
		return rc;
	if (seq == RMCP_SEQ_NO_ACK)
		desc_say(d, "255, no RMCP ACK wanted");
	else
		desc_say(d, "%u, RMCP ACK wanted", seq);
	if ((rc = desc_u8(d, r, "class", &cls)) != 0)
		return rc;
	name = desc_class_name(cls);
	desc_say(d, "%02xh (%s)%s", cls & RMCP_CLASS_MASK,
	    name != NULL ? name : "unknown",
	    cls & RMCP_CLASS_ACK ? ", ACK" : "");
	if (name == NULL)
		desc_fail(d, ERR_FORMAT);
	/* IPMI 2.0 §13.1.3: IPMI messages never ask for an RMCP ACK. */
	if ((cls & RMCP_CLASS_MASK) == RMCP_CLASS_IPMI &&
	    !(cls & RMCP_CLASS_ACK) && seq != RMCP_SEQ_NO_ACK) {
		desc_note(d, rd_pos(r), "IPMI needs sequence ffh");
		desc_fail(d, ERR_FORMAT);
	}
	return cls;
}

int
describe_datagram(FILE *fp, const char *indent, const uint8_t *p, size_t n)
{
	struct desc d;
	struct rd   r;
	uint8_t	    b;
	int	    cls;

	desc_init(&d, fp, indent, p);
	rd_init(&r, p, n);
	if ((cls = desc_rmcp(&d, &r)) < 0)
		return d.err;
	if (cls & RMCP_CLASS_ACK) {
		/* ASF 2.0 §3.2.2.3: an ACK is the bare header. */
		(void)desc_trailing(&d, &r, "trailing bytes");
		return d.err;
	}
	switch (cls & RMCP_CLASS_MASK) {
	case RMCP_CLASS_ASF:
		(void)desc_asf(&d, &r);
		break;
	case RMCP_CLASS_IPMI:
		if (rd_peek_u8(&r, &b) != 0)
			(void)desc_truncated(&d, &r, "auth type", 1);
		else if (b == IPMI15_AUTHTYPE_RMCPP)
			(void)desc_rmcpp(&d, &r);
		else
			(void)desc_ipmi15(&d, &r);
		break;
	default:
		desc_heading(&d, "RMCP body");
		if (rd_left(&r) > 0)
			(void)desc_blob(&d, &r, rd_left(&r), "body");
		break;
	}
	return d.err;
}

int
describe_ipmi_msg(FILE *fp, const char *indent, const uint8_t *p, size_t n)
{
	struct desc d;
	struct rd   r;

	desc_init(&d, fp, indent, p);
	rd_init(&r, p, n);
	(void)desc_msg(&d, &r);
	return d.err;
}

/* Appends to a summary, truncating quietly at the end of buf. */
static void sum_add(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
sum_add(char *buf, size_t cap, const char *fmt, ...)
{
	size_t	len = strlen(buf);
	va_list ap;

	if (len + 1 >= cap)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}

static void
sum_msg(char *buf, size_t cap, const uint8_t *p, size_t n)
{
	struct ipmi_req req;
	struct ipmi_rsp rsp;
	struct rd	r;
	uint8_t		b;
	int		rc;

	rd_init(&r, p, n);
	if (rd_skip(&r, 1) == 0 && rd_u8(&r, &b) == 0 && (b >> 2 & 1)) {
		if ((rc = ipmimsg_decode_rsp(p, n, &rsp)) != 0)
			sum_add(buf, cap, " bad response (%s)", err_str(rc));
		else
			sum_add(buf, cap, " %s %s response rqSeq %u cc %02xh",
			    names_netfn(rsp.netfn),
			    names_cmd(rsp.netfn, rsp.cmd), rsp.rq_seq, rsp.cc);
		return;
	}
	if ((rc = ipmimsg_decode_req(p, n, &req)) != 0)
		sum_add(buf, cap, " bad request (%s)", err_str(rc));
	else
		sum_add(buf, cap, " %s %s request rqSeq %u",
		    names_netfn(req.netfn), names_cmd(req.netfn, req.cmd),
		    req.rq_seq);
}

static void
sum_rmcpp(char *buf, size_t cap, struct rd *r)
{
	struct rmcpp_packet pkt;
	int		    rc;

	if ((rc = rmcpp_decode_header(r, &pkt)) != 0) {
		sum_add(buf, cap, "RMCP+ malformed (%s)", err_str(rc));
		return;
	}
	sum_add(buf, cap, "RMCP+ %s sid 0x%08x seq %u%s%s",
	    names_payload_type(pkt.payload_type), pkt.session_id, pkt.seq,
	    pkt.authenticated ? " auth" : "", pkt.encrypted ? " enc" : "");
	if (pkt.encrypted)
		sum_add(buf, cap, " (%u bytes)", pkt.payload_len);
	else if (pkt.payload_type == RMCPP_PT_IPMI)
		sum_msg(buf, cap, pkt.payload, pkt.payload_len);
}

char *
describe_summary(char *buf, size_t cap, const uint8_t *p, size_t n)
{
	struct ipmi15_session s;
	struct rmcp_header    h;
	struct asf_msg	      m;
	struct rd	      r;
	uint8_t		      b;
	int		      rc;

	if (cap == 0)
		return buf;
	buf[0] = '\0';
	rd_init(&r, p, n);
	if (rmcp_decode_header(&r, &h) != 0) {
		sum_add(buf, cap, "short datagram (%zu bytes)", n);
		return buf;
	}
	if (h.version != RMCP_VERSION_1_0) {
		sum_add(buf, cap, "not RMCP 1.0 (version %02xh)", h.version);
		return buf;
	}
	if (h.class_byte & RMCP_CLASS_ACK) {
		sum_add(buf, cap, "RMCP ACK seq %u", h.seq);
		return buf;
	}
	switch (h.class_byte & RMCP_CLASS_MASK) {
	case RMCP_CLASS_ASF:
		if ((rc = asf_decode(&r, &m)) != 0)
			sum_add(buf, cap, "ASF malformed (%s)", err_str(rc));
		else
			sum_add(buf, cap, "ASF %s tag %u",
			    m.type == ASF_TYPE_PING	  ? "presence ping"
				: m.type == ASF_TYPE_PONG ? "presence pong"
							  : "message",
			    m.tag);
		break;
	case RMCP_CLASS_IPMI:
		if (rd_peek_u8(&r, &b) == 0 && b == IPMI15_AUTHTYPE_RMCPP) {
			sum_rmcpp(buf, cap, &r);
			break;
		}
		if ((rc = ipmi15_decode(&r, &s)) != 0) {
			sum_add(
			    buf, cap, "IPMI 1.5 malformed (%s)", err_str(rc));
			break;
		}
		sum_add(buf, cap, "IPMI 1.5 %s sid 0x%08x seq %u",
		    names_authtype(s.authtype), s.session_id, s.seq);
		sum_msg(buf, cap, s.msg, s.msg_len);
		break;
	default:
		sum_add(buf, cap, "RMCP class %02xh (%zu bytes)",
		    h.class_byte & RMCP_CLASS_MASK, n);
		break;
	}
	return buf;
}
