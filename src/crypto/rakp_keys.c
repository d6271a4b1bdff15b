#include <string.h>

#include "ct.h"
#include "cursor.h"
#include "err.h"
#include "hash.h"
#include "rakp_keys.h"
#include "suite.h"

/* The digest behind each RAKP authentication algorithm. */
static int
rakp_keys_hash(uint8_t auth_alg, enum hash_alg *alg)
{
	switch (auth_alg) {
	case AUTH_ALG_RAKP_HMAC_SHA1:
		*alg = HASH_SHA1;
		return 0;
	case AUTH_ALG_RAKP_HMAC_MD5:
		*alg = HASH_MD5;
		return 0;
	case AUTH_ALG_RAKP_HMAC_SHA256:
		*alg = HASH_SHA256;
		return 0;
	default:
		return ERR_UNSUPPORTED;
	}
}

size_t
rakp_keys_rakp2_input(const struct rakp_keys_input *in, uint8_t *out)
{
	struct wr w;

	wr_init(&w, out, RAKP_KEYS_INPUT_MAX);
	wr_u32le(&w, in->console_sid);
	wr_u32le(&w, in->bmc_sid);
	wr_bytes(&w, in->console_rand, 16);
	wr_bytes(&w, in->bmc_rand, 16);
	wr_bytes(&w, in->guid, 16);
	wr_u8(&w, in->role);
	wr_u8(&w, in->name_len);
	wr_bytes(&w, in->name, in->name_len > 16 ? 16 : in->name_len);
	return wr_len(&w);
}

size_t
rakp_keys_rakp3_input(const struct rakp_keys_input *in, uint8_t *out)
{
	struct wr w;

	wr_init(&w, out, RAKP_KEYS_INPUT_MAX);
	wr_bytes(&w, in->bmc_rand, 16);
	wr_u32le(&w, in->console_sid);
	wr_u8(&w, in->role);
	wr_u8(&w, in->name_len);
	wr_bytes(&w, in->name, in->name_len > 16 ? 16 : in->name_len);
	return wr_len(&w);
}

size_t
rakp_keys_sik_input(const struct rakp_keys_input *in, uint8_t *out)
{
	struct wr w;

	wr_init(&w, out, RAKP_KEYS_INPUT_MAX);
	wr_bytes(&w, in->console_rand, 16);
	wr_bytes(&w, in->bmc_rand, 16);
	wr_u8(&w, in->role);
	wr_u8(&w, in->name_len);
	wr_bytes(&w, in->name, in->name_len > 16 ? 16 : in->name_len);
	return wr_len(&w);
}

size_t
rakp_keys_rakp4_input(const struct rakp_keys_input *in, uint8_t *out)
{
	struct wr w;

	wr_init(&w, out, RAKP_KEYS_INPUT_MAX);
	wr_bytes(&w, in->console_rand, 16);
	wr_u32le(&w, in->bmc_sid);
	wr_bytes(&w, in->guid, 16);
	return wr_len(&w);
}

/* HMAC of one of the layouts above, keyed by key of keylen bytes. */
static int
rakp_keys_hmac(uint8_t auth_alg, const uint8_t *key, size_t keylen,
    size_t (*layout)(const struct rakp_keys_input *, uint8_t *),
    const struct rakp_keys_input *in, uint8_t *out)
{
	uint8_t		  buf[RAKP_KEYS_INPUT_MAX];
	struct crypto_iov iov;
	enum hash_alg	  alg;
	int		  rc;

	if (auth_alg == AUTH_ALG_RAKP_NONE)
		return 0;
	if ((rc = rakp_keys_hash(auth_alg, &alg)) != 0)
		return rc;
	iov.base = buf;
	iov.len = layout(in, buf);
	rc = hash_hmac(alg, key, keylen, &iov, 1, out);
	ct_wipe(buf, sizeof(buf));
	return rc;
}

int
rakp_keys_rakp2_auth(uint8_t auth_alg, const uint8_t *kuid,
    const struct rakp_keys_input *in, uint8_t *out)
{
	return rakp_keys_hmac(
	    auth_alg, kuid, RAKP_KEYS_KUID_LEN, rakp_keys_rakp2_input, in, out);
}

int
rakp_keys_rakp3_auth(uint8_t auth_alg, const uint8_t *kuid,
    const struct rakp_keys_input *in, uint8_t *out)
{
	return rakp_keys_hmac(
	    auth_alg, kuid, RAKP_KEYS_KUID_LEN, rakp_keys_rakp3_input, in, out);
}

int
rakp_keys_sik(uint8_t auth_alg, const uint8_t *kg,
    const struct rakp_keys_input *in, uint8_t *sik)
{
	return rakp_keys_hmac(
	    auth_alg, kg, RAKP_KEYS_KUID_LEN, rakp_keys_sik_input, in, sik);
}

int
rakp_keys_k(uint8_t auth_alg, const uint8_t *sik, uint8_t n, uint8_t *out)
{
	uint8_t		  constant[RAKP_KEYS_CONST_LEN];
	struct crypto_iov iov;
	enum hash_alg	  alg;
	int		  rc;

	if (auth_alg == AUTH_ALG_RAKP_NONE)
		return 0;
	if ((rc = rakp_keys_hash(auth_alg, &alg)) != 0)
		return rc;
	/*
	 * IPMI 2.0 §13.32: K_n = HMAC(SIK, n repeated); the constant is 20
	 * bytes for every algorithm, as ipmitool and FreeIPMI compute it.
	 */
	memset(constant, n, sizeof(constant));
	iov.base = constant;
	iov.len = sizeof(constant);
	return hash_hmac(alg, sik, suite_auth_code_len(auth_alg), &iov, 1, out);
}

int
rakp_keys_rakp4_icv(uint8_t auth_alg, const uint8_t *sik,
    const struct rakp_keys_input *in, uint8_t *out)
{
	uint8_t full[HASH_MAX_LEN];
	int	rc;

	if (auth_alg == AUTH_ALG_RAKP_NONE)
		return 0;
	/* §13.23: the ICV is the HMAC truncated to the algorithm's length. */
	if ((rc = rakp_keys_hmac(auth_alg, sik, suite_auth_code_len(auth_alg),
		 rakp_keys_rakp4_input, in, full)) != 0)
		return rc;
	memcpy(out, full, suite_rakp4_icv_len(auth_alg));
	ct_wipe(full, sizeof(full));
	return 0;
}
