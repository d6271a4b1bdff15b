/*
 * Digests and HMACs, the narrow interface over the crypto backend
 * (crypto/ossl_hash.c).  crypto_init() prepares the backend once (the AES
 * cipher object and context); after it no call fetches an algorithm or
 * allocates memory, so the packet path never does.
 */
#ifndef BMCSIM_HASH_H
#define BMCSIM_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_MAX_LEN 32

enum hash_alg { HASH_MD5, HASH_SHA1, HASH_SHA256 };

/* One piece of a message made of several. */
struct crypto_iov {
	const void *base;
	size_t	    len;
};

/*
 * An HMAC key made ready once (RFC 2104: the digest states after the inner
 * and outer key blocks), for keys used on every packet: each MAC then costs
 * two fewer compressions.  Plain bytes, so it can live in a session record
 * and be wiped with it.
 */
#define HASH_STATE_MAX 128

struct hash_hmac_key {
	enum hash_alg alg;
	uint8_t	      inner[HASH_STATE_MAX];
	uint8_t	      outer[HASH_STATE_MAX];
};

/* Fetches the backend's objects.  0 or ERR_CRYPTO.  Idempotent. */
int crypto_init(void);
/* Releases them. */
void crypto_fini(void);

/* Digest length: 16, 20 or 32. */
size_t hash_len(enum hash_alg);

/* out receives hash_len(alg) bytes.  0 or ERR_CRYPTO. */
int
hash_digest(enum hash_alg, const struct crypto_iov *, size_t n, uint8_t *out);
int hash_hmac(enum hash_alg, const void *key, size_t keylen,
    const struct crypto_iov *, size_t n, uint8_t *out);

/* Prepares a key: 0, ERR_INVALID_ARG or ERR_CRYPTO. */
int hash_hmac_key_init(
    struct hash_hmac_key *, enum hash_alg, const void *key, size_t keylen);
/* HMAC with a prepared key: hash_len(alg) bytes into out. */
int hash_hmac_keyed(const struct hash_hmac_key *, const struct crypto_iov *,
    size_t n, uint8_t *out);

#endif
