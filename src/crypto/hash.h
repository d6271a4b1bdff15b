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

#endif
