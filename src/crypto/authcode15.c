#include <string.h>

#include "authcode15.h"
#include "ct.h"
#include "err.h"
#include "hash.h"
#include "md2.h"

/* IPMI 1.5 auth type values (IPMI 2.0 §13.6, table 13-8). */
#define AUTHTYPE_NONE	  0x00
#define AUTHTYPE_MD2	  0x01
#define AUTHTYPE_MD5	  0x02
#define AUTHTYPE_STRAIGHT 0x04

int
authcode15_compute(uint8_t authtype,
    const uint8_t password[AUTHCODE15_PASSWORD_LEN], uint32_t session_id,
    const uint8_t *msg, size_t msg_len, uint32_t seq,
    uint8_t out[AUTHCODE15_LEN])
{
	uint8_t		  sid[4], sq[4];
	struct crypto_iov iov[5];

	switch (authtype) {
	case AUTHTYPE_NONE:
		memset(out, 0, AUTHCODE15_LEN);
		return 0;
	case AUTHTYPE_STRAIGHT:
		memcpy(out, password, AUTHCODE15_LEN);
		return 0;
	case AUTHTYPE_MD2:
	case AUTHTYPE_MD5:
		break;
	default:
		return ERR_UNSUPPORTED;
	}
	/* §22.17.1: H(password | session ID | message | sequence | password) */
	sid[0] = (uint8_t)session_id;
	sid[1] = (uint8_t)(session_id >> 8);
	sid[2] = (uint8_t)(session_id >> 16);
	sid[3] = (uint8_t)(session_id >> 24);
	sq[0] = (uint8_t)seq;
	sq[1] = (uint8_t)(seq >> 8);
	sq[2] = (uint8_t)(seq >> 16);
	sq[3] = (uint8_t)(seq >> 24);
	iov[0].base = password;
	iov[0].len = AUTHCODE15_PASSWORD_LEN;
	iov[1].base = sid;
	iov[1].len = sizeof(sid);
	iov[2].base = msg;
	iov[2].len = msg_len;
	iov[3].base = sq;
	iov[3].len = sizeof(sq);
	iov[4] = iov[0];
	if (authtype == AUTHTYPE_MD2) {
		md2_digest(iov, 5, out);
		return 0;
	}
	return hash_digest(HASH_MD5, iov, 5, out) == 0 ? 0 : ERR_CRYPTO;
}

int
authcode15_verify(uint8_t authtype,
    const uint8_t password[AUTHCODE15_PASSWORD_LEN], uint32_t session_id,
    const uint8_t *msg, size_t msg_len, uint32_t seq,
    const uint8_t expected[AUTHCODE15_LEN])
{
	uint8_t code[AUTHCODE15_LEN];
	int	rc;

	if ((rc = authcode15_compute(
		 authtype, password, session_id, msg, msg_len, seq, code)) != 0)
		return rc;
	rc = ct_memeq(code, expected, AUTHCODE15_LEN) ? 0 : ERR_INTEGRITY;
	ct_wipe(code, sizeof(code));
	return rc;
}
