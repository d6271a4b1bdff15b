/*
 * RMCP+ session establishment payloads (IPMI 2.0 §13.17 to §13.23).  All
 * multi-byte integers are little-endian.  Decoders fill the record in wire
 * order so that a responder can still address a status code to the tag and
 * session ID of a message that broke further on.
 */
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "rakp.h"

#define RAKP_RESERVED2 2
#define RAKP_RESERVED3 3

/*
 * Table 13-16 and 13-17: an algorithm payload is type, 2 reserved bytes,
 * length (08h), the algorithm (bits 5:0) and 3 reserved bytes.
 */
static int
rakp_read_alg(struct rd *r, uint8_t type, uint8_t *alg)
{
	uint8_t t, len;
	int	rc;

	if ((rc = rd_u8(r, &t)) != 0)
		return rc;
	if (t != type)
		return ERR_FORMAT;
	if ((rc = rd_skip(r, RAKP_RESERVED2)) != 0 ||
	    (rc = rd_u8(r, &len)) != 0)
		return rc;
	if (len != RAKP_ALG_PAYLOAD_LEN)
		return ERR_FORMAT;
	if ((rc = rd_u8(r, alg)) != 0 || (rc = rd_skip(r, RAKP_RESERVED3)) != 0)
		return rc;
	return 0;
}

static void
rakp_write_alg(struct wr *w, uint8_t type, uint8_t alg)
{
	wr_u8(w, type);
	wr_fill(w, 0, RAKP_RESERVED2);
	wr_u8(w, RAKP_ALG_PAYLOAD_LEN);
	wr_u8(w, alg);
	wr_fill(w, 0, RAKP_RESERVED3);
}

static int
rakp_read_algs(struct rd *r, uint8_t *auth, uint8_t *integ, uint8_t *conf)
{
	int rc;

	if ((rc = rakp_read_alg(r, RAKP_ALG_TYPE_AUTH, auth)) != 0 ||
	    (rc = rakp_read_alg(r, RAKP_ALG_TYPE_INTEG, integ)) != 0 ||
	    (rc = rakp_read_alg(r, RAKP_ALG_TYPE_CONF, conf)) != 0)
		return rc;
	return 0;
}

static int
rakp_finish(struct wr *w, size_t *outlen)
{
	if (w->err != 0)
		return w->err;
	*outlen = wr_len(w);
	return 0;
}

/* §13.17, table 13-16: Open Session Request. */
int
rakp_decode_open_req(const uint8_t *p, size_t n, struct rakp_open_req *m)
{
	struct rd r;
	int	  rc;

	memset(m, 0, sizeof(*m));
	rd_init(&r, p, n);
	if ((rc = rd_u8(&r, &m->tag)) != 0 || (rc = rd_u8(&r, &m->role)) != 0 ||
	    (rc = rd_skip(&r, RAKP_RESERVED2)) != 0 ||
	    (rc = rd_u32le(&r, &m->console_sid)) != 0 ||
	    (rc = rakp_read_algs(
		 &r, &m->auth_alg, &m->integ_alg, &m->conf_alg)) != 0)
		return rc;
	return rd_end(&r);
}

int
rakp_encode_open_req(
    const struct rakp_open_req *m, uint8_t *out, size_t cap, size_t *outlen)
{
	struct wr w;

	if (RAKP_OPEN_REQ_LEN > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	wr_u8(&w, m->tag);
	wr_u8(&w, m->role);
	wr_fill(&w, 0, RAKP_RESERVED2);
	wr_u32le(&w, m->console_sid);
	rakp_write_alg(&w, RAKP_ALG_TYPE_AUTH, m->auth_alg);
	rakp_write_alg(&w, RAKP_ALG_TYPE_INTEG, m->integ_alg);
	rakp_write_alg(&w, RAKP_ALG_TYPE_CONF, m->conf_alg);
	return rakp_finish(&w, outlen);
}

/*
 * §13.18, table 13-17: Open Session Response.  With a non-zero status the
 * message stops after the console session ID.
 */
int
rakp_decode_open_rsp(const uint8_t *p, size_t n, struct rakp_open_rsp *m)
{
	struct rd r;
	uint8_t	  reserved;
	int	  rc;

	memset(m, 0, sizeof(*m));
	rd_init(&r, p, n);
	if ((rc = rd_u8(&r, &m->tag)) != 0 ||
	    (rc = rd_u8(&r, &m->status)) != 0 ||
	    (rc = rd_u8(&r, &m->max_priv)) != 0 ||
	    (rc = rd_u8(&r, &reserved)) != 0 ||
	    (rc = rd_u32le(&r, &m->console_sid)) != 0)
		return rc;
	if (m->status != 0)
		return rd_end(&r);
	if ((rc = rd_u32le(&r, &m->bmc_sid)) != 0 ||
	    (rc = rakp_read_algs(
		 &r, &m->auth_alg, &m->integ_alg, &m->conf_alg)) != 0)
		return rc;
	return rd_end(&r);
}

int
rakp_encode_open_rsp(
    const struct rakp_open_rsp *m, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	  len = m->status != 0 ? RAKP_ERROR_LEN : RAKP_OPEN_RSP_LEN;
	struct wr w;

	if (len > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	wr_u8(&w, m->tag);
	wr_u8(&w, m->status);
	/* Table 13-17: the privilege byte is reserved (00h) in an error. */
	wr_u8(&w, m->status != 0 ? 0 : m->max_priv);
	wr_u8(&w, 0);
	wr_u32le(&w, m->console_sid);
	if (m->status == 0) {
		wr_u32le(&w, m->bmc_sid);
		rakp_write_alg(&w, RAKP_ALG_TYPE_AUTH, m->auth_alg);
		rakp_write_alg(&w, RAKP_ALG_TYPE_INTEG, m->integ_alg);
		rakp_write_alg(&w, RAKP_ALG_TYPE_CONF, m->conf_alg);
	}
	return rakp_finish(&w, outlen);
}

/* §13.20, table 13-19: RAKP Message 1. */
int
rakp_decode_rakp1(const uint8_t *p, size_t n, struct rakp1 *m)
{
	struct rd r;
	int	  rc;

	memset(m, 0, sizeof(*m));
	rd_init(&r, p, n);
	if ((rc = rd_u8(&r, &m->tag)) != 0 ||
	    (rc = rd_skip(&r, RAKP_RESERVED3)) != 0 ||
	    (rc = rd_u32le(&r, &m->bmc_sid)) != 0 ||
	    (rc = rd_bytes(&r, m->console_rand, RAKP_RAND_LEN)) != 0 ||
	    (rc = rd_u8(&r, &m->role)) != 0 ||
	    (rc = rd_skip(&r, RAKP_RESERVED2)) != 0 ||
	    (rc = rd_u8(&r, &m->name_len)) != 0)
		return rc;
	/* Table 13-19: user names are at most 16 bytes (status 0Ch). */
	if (m->name_len > RAKP_NAME_MAX)
		return ERR_FORMAT;
	if ((rc = rd_bytes(&r, m->name, m->name_len)) != 0)
		return rc;
	return rd_end(&r);
}

int
rakp_encode_rakp1(
    const struct rakp1 *m, uint8_t *out, size_t cap, size_t *outlen)
{
	struct wr w;

	if (m->name_len > RAKP_NAME_MAX)
		return ERR_INVALID_ARG;
	if (RAKP1_FIXED_LEN + (size_t)m->name_len > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	wr_u8(&w, m->tag);
	wr_fill(&w, 0, RAKP_RESERVED3);
	wr_u32le(&w, m->bmc_sid);
	wr_bytes(&w, m->console_rand, RAKP_RAND_LEN);
	wr_u8(&w, m->role);
	wr_fill(&w, 0, RAKP_RESERVED2);
	wr_u8(&w, m->name_len);
	wr_bytes(&w, m->name, m->name_len);
	return rakp_finish(&w, outlen);
}

/*
 * Tag, status, 2 reserved bytes and a session ID: the first 8 bytes of
 * RAKP messages 2, 3 and 4 (tables 13-20 to 13-22).
 */
static int
rakp_read_common(struct rd *r, uint8_t *tag, uint8_t *status, uint32_t *sid)
{
	int rc;

	if ((rc = rd_u8(r, tag)) != 0 || (rc = rd_u8(r, status)) != 0 ||
	    (rc = rd_skip(r, RAKP_RESERVED2)) != 0 ||
	    (rc = rd_u32le(r, sid)) != 0)
		return rc;
	return 0;
}

static void
rakp_write_common(struct wr *w, uint8_t tag, uint8_t status, uint32_t sid)
{
	wr_u8(w, tag);
	wr_u8(w, status);
	wr_fill(w, 0, RAKP_RESERVED2);
	wr_u32le(w, sid);
}

/*
 * The rest of the message: an auth code or ICV whose length only the
 * negotiated algorithm knows (§13.28), so the codec takes all of it.
 */
static void
rakp_read_rest(struct rd *r, const uint8_t **p, size_t *n)
{
	*n = rd_left(r);
	(void)rd_span(r, p, *n);
}

/* §13.21, table 13-20: RAKP Message 2. */
int
rakp_decode_rakp2(const uint8_t *p, size_t n, struct rakp2 *m)
{
	struct rd r;
	int	  rc;

	memset(m, 0, sizeof(*m));
	rd_init(&r, p, n);
	if ((rc = rakp_read_common(&r, &m->tag, &m->status, &m->console_sid)) !=
	    0)
		return rc;
	if (m->status != 0)
		return rd_end(&r);
	if ((rc = rd_bytes(&r, m->bmc_rand, RAKP_RAND_LEN)) != 0 ||
	    (rc = rd_bytes(&r, m->guid, RAKP_GUID_LEN)) != 0)
		return rc;
	rakp_read_rest(&r, &m->auth, &m->auth_len);
	return 0;
}

int
rakp_encode_rakp2(
    const struct rakp2 *m, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	  len;
	struct wr w;

	if (m->status == 0 && m->auth == NULL && m->auth_len > 0)
		return ERR_INVALID_ARG;
	len = RAKP_ERROR_LEN;
	if (m->status == 0)
		len += RAKP_RAND_LEN + RAKP_GUID_LEN + m->auth_len;
	if (len > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	rakp_write_common(&w, m->tag, m->status, m->console_sid);
	if (m->status == 0) {
		wr_bytes(&w, m->bmc_rand, RAKP_RAND_LEN);
		wr_bytes(&w, m->guid, RAKP_GUID_LEN);
		wr_bytes(&w, m->auth, m->auth_len);
	}
	return rakp_finish(&w, outlen);
}

/*
 * §13.22, table 13-21: RAKP Message 3.  A console that gives up sends it
 * with a non-zero status and no auth code.
 */
int
rakp_decode_rakp3(const uint8_t *p, size_t n, struct rakp3 *m)
{
	struct rd r;
	int	  rc;

	memset(m, 0, sizeof(*m));
	rd_init(&r, p, n);
	if ((rc = rakp_read_common(&r, &m->tag, &m->status, &m->bmc_sid)) != 0)
		return rc;
	if (m->status != 0)
		return rd_end(&r);
	rakp_read_rest(&r, &m->auth, &m->auth_len);
	return 0;
}

int
rakp_encode_rakp3(
    const struct rakp3 *m, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	  auth_len = m->status == 0 ? m->auth_len : 0;
	struct wr w;

	if (auth_len > 0 && m->auth == NULL)
		return ERR_INVALID_ARG;
	if (RAKP_ERROR_LEN + auth_len > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	rakp_write_common(&w, m->tag, m->status, m->bmc_sid);
	wr_bytes(&w, m->auth, auth_len);
	return rakp_finish(&w, outlen);
}

/* §13.23, table 13-22: RAKP Message 4; no ICV with a status. */
int
rakp_decode_rakp4(const uint8_t *p, size_t n, struct rakp4 *m)
{
	struct rd r;
	int	  rc;

	memset(m, 0, sizeof(*m));
	rd_init(&r, p, n);
	if ((rc = rakp_read_common(&r, &m->tag, &m->status, &m->console_sid)) !=
	    0)
		return rc;
	if (m->status != 0)
		return rd_end(&r);
	rakp_read_rest(&r, &m->icv, &m->icv_len);
	return 0;
}

int
rakp_encode_rakp4(
    const struct rakp4 *m, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	  icv_len = m->status == 0 ? m->icv_len : 0;
	struct wr w;

	if (icv_len > 0 && m->icv == NULL)
		return ERR_INVALID_ARG;
	if (RAKP_ERROR_LEN + icv_len > cap)
		return ERR_NOSPACE;
	wr_init(&w, out, cap);
	rakp_write_common(&w, m->tag, m->status, m->console_sid);
	wr_bytes(&w, m->icv, icv_len);
	return rakp_finish(&w, outlen);
}
