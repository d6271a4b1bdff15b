#include <string.h>

#include "aes.h"
#include "ct.h"
#include "err.h"
#include "hash.h"
#include "protect.h"
#include "rng.h"

/* The digest and K1 length of each HMAC integrity algorithm (§13.28.4). */
static int
protect_hmac_params(uint8_t integ_alg, enum hash_alg *alg, size_t *keylen)
{
	switch (integ_alg) {
	case INTEG_ALG_HMAC_SHA1_96:
		*alg = HASH_SHA1;
		*keylen = 20;
		return 1;
	case INTEG_ALG_HMAC_MD5_128:
		*alg = HASH_MD5;
		*keylen = 16;
		return 1;
	case INTEG_ALG_HMAC_SHA256_128:
		*alg = HASH_SHA256;
		*keylen = 32;
		return 1;
	default:
		return 0;
	}
}

void
protect_keys_release(struct protect_keys *k)
{
	aes_cbc128_key_free(k->k2_aes);
	k->k2_aes = NULL;
}

int
protect_keys_prepare(struct protect_keys *k)
{
	enum hash_alg alg;
	size_t	      keylen;

	k->prepared = 0;
	protect_keys_release(k);
	if (k->conf_alg == CONF_ALG_AES_CBC_128 &&
	    (k->k2_aes = aes_cbc128_key_new(k->k2)) == NULL)
		return ERR_CRYPTO;
	if (!protect_hmac_params(k->integ_alg, &alg, &keylen))
		return 0;
	if (hash_hmac_key_init(&k->k1_hmac, alg, k->k1, keylen) != 0)
		return ERR_CRYPTO;
	k->prepared = 1;
	return 0;
}

int
protect_integrity(
    const struct protect_keys *k, const uint8_t *data, size_t len, uint8_t *out)
{
	uint8_t		  full[HASH_MAX_LEN];
	struct crypto_iov iov[3];
	size_t		  keylen;
	enum hash_alg	  alg;
	int		  rc;

	iov[0].base = data;
	iov[0].len = len;
	if (k->integ_alg == INTEG_ALG_MD5_128) {
		/*
		 * IPMI 2.0 §13.28.4: MD5-128 is a plain digest with the
		 * password around the data, MD5(Kuid | data | Kuid).
		 */
		iov[0].base = k->kuid;
		iov[0].len = sizeof(k->kuid);
		iov[1].base = data;
		iov[1].len = len;
		iov[2] = iov[0];
		return hash_digest(HASH_MD5, iov, 3, out);
	}
	if (!protect_hmac_params(k->integ_alg, &alg, &keylen))
		return ERR_UNSUPPORTED;
	/*
	 * §13.28.4: the HMACs are keyed by K1 (the SIK-derived key, as long
	 * as the authentication algorithm's HMAC output) and truncated.
	 */
	if (k->prepared)
		rc = hash_hmac_keyed(&k->k1_hmac, iov, 1, full);
	else
		rc = hash_hmac(alg, k->k1, keylen, iov, 1, full);
	if (rc != 0)
		return rc;
	memcpy(out, full, suite_integ_len(k->integ_alg));
	ct_wipe(full, sizeof(full));
	return 0;
}

int
protect_integrity_verify(const struct protect_keys *k, const uint8_t *data,
    size_t len, const uint8_t *authcode)
{
	uint8_t code[HASH_MAX_LEN];
	int	rc;

	if ((rc = protect_integrity(k, data, len, code)) != 0)
		return rc;
	rc = ct_memeq(code, authcode, suite_integ_len(k->integ_alg))
	    ? 0
	    : ERR_INTEGRITY;
	ct_wipe(code, sizeof(code));
	return rc;
}

size_t
protect_encrypted_len(uint8_t conf_alg, size_t len)
{
	if (conf_alg != CONF_ALG_AES_CBC_128)
		return 0;
	/* IV, then data and pad length rounded up to whole blocks. */
	return AES_BLOCK_LEN +
	    (len + 1 + AES_BLOCK_LEN - 1) / AES_BLOCK_LEN * AES_BLOCK_LEN;
}

int
protect_encrypt(const struct protect_keys *k, struct rng *rng,
    const uint8_t *plain, size_t len, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	 total, body, pad, i;
	uint8_t *iv, *p;
	int	 rc;

	if (k->conf_alg != CONF_ALG_AES_CBC_128)
		return ERR_UNSUPPORTED;
	total = protect_encrypted_len(k->conf_alg, len);
	if (total > cap)
		return ERR_NOSPACE;
	body = total - AES_BLOCK_LEN;
	pad = body - len - 1;
	iv = out;
	p = out + AES_BLOCK_LEN;
	if ((rc = rng_bytes(rng, iv, AES_BLOCK_LEN)) != 0)
		return rc;
	/* §13.29: pad bytes 01 02 .. n, then the pad length n. */
	memmove(p, plain, len);
	for (i = 0; i < pad; i++)
		p[len + i] = (uint8_t)(i + 1);
	p[len + pad] = (uint8_t)pad;
	if (k->k2_aes != NULL)
		rc = aes_cbc128_encrypt_keyed(k->k2_aes, iv, p, body, p);
	else
		rc = aes_cbc128_encrypt(k->k2, iv, p, body, p);
	if (rc != 0)
		return rc;
	*outlen = total;
	return 0;
}

int
protect_decrypt(const struct protect_keys *k, const uint8_t *in, size_t len,
    uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	body, i;
	uint8_t pad, bad;
	int	rc;

	if (k->conf_alg != CONF_ALG_AES_CBC_128)
		return ERR_UNSUPPORTED;
	if (len < 2 * AES_BLOCK_LEN || len % AES_BLOCK_LEN != 0)
		return ERR_TRUNCATED;
	body = len - AES_BLOCK_LEN;
	if (body > cap)
		return ERR_NOSPACE;
	if (k->k2_aes != NULL)
		rc = aes_cbc128_decrypt_keyed(
		    k->k2_aes, in, in + AES_BLOCK_LEN, body, out);
	else
		rc = aes_cbc128_decrypt(
		    k->k2, in, in + AES_BLOCK_LEN, body, out);
	if (rc != 0)
		return rc;
	pad = out[body - 1];
	if (pad >= AES_BLOCK_LEN)
		return ERR_PAD;
	/* The integrity check already passed: the pad is not secret. */
	bad = 0;
	for (i = 0; i < pad; i++)
		bad |= (uint8_t)(out[body - 1 - pad + i] ^ (uint8_t)(i + 1));
	if (bad != 0)
		return ERR_PAD;
	*outlen = body - 1 - pad;
	return 0;
}
