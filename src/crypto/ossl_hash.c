/*
 * The OpenSSL 3 backend of hash.h.
 *
 * Digests use libcrypto's one-shot-state interfaces (MD5_CTX, SHA_CTX,
 * SHA256_CTX) on the stack, and HMAC (RFC 2104) is built on them.  Why not
 * EVP: in OpenSSL 3.0 every EVP_DigestInit allocates a fresh provider
 * context, and EVP_MAC's HMAC allocates five times per call; the packet
 * path must not allocate.  These interfaces are deprecated in 3.0, not
 * removed, and compute the same functions with the same assembly.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <string.h>

#include "aes.h"
#include "ct.h"
#include "err.h"
#include "hash.h"

#define HASH_ALGS      3
#define HASH_BLOCK_LEN 64 /* MD5, SHA-1 and SHA-256 alike */

union hash_state {
	MD5_CTX	   md5;
	SHA_CTX	   sha1;
	SHA256_CTX sha256;
};

static const size_t hash_lens[HASH_ALGS] = {
    [HASH_MD5] = 16,
    [HASH_SHA1] = 20,
    [HASH_SHA256] = 32,
};

static int hash_ready;

/* A prepared key stores digest states as bytes; they must fit. */
_Static_assert(sizeof(union hash_state) <= HASH_STATE_MAX,
    "HASH_STATE_MAX too small for the backend's digest states");

void
crypto_fini(void)
{
	aes_backend_fini();
	hash_ready = 0;
}

int
crypto_init(void)
{
	if (hash_ready)
		return 0;
	if (aes_backend_init() != 0) {
		crypto_fini();
		return ERR_CRYPTO;
	}
	hash_ready = 1;
	return 0;
}

size_t
hash_len(enum hash_alg alg)
{
	return (unsigned)alg < HASH_ALGS ? hash_lens[alg] : 0;
}

static int
hash_begin(enum hash_alg alg, union hash_state *st)
{
	switch (alg) {
	case HASH_MD5:
		return MD5_Init(&st->md5);
	case HASH_SHA1:
		return SHA1_Init(&st->sha1);
	case HASH_SHA256:
		return SHA256_Init(&st->sha256);
	}
	return 0;
}

static int
hash_feed(enum hash_alg alg, union hash_state *st, const void *p, size_t n)
{
	if (n == 0)
		return 1;
	switch (alg) {
	case HASH_MD5:
		return MD5_Update(&st->md5, p, n);
	case HASH_SHA1:
		return SHA1_Update(&st->sha1, p, n);
	case HASH_SHA256:
		return SHA256_Update(&st->sha256, p, n);
	}
	return 0;
}

static int
hash_end(enum hash_alg alg, union hash_state *st, uint8_t *out)
{
	switch (alg) {
	case HASH_MD5:
		return MD5_Final(out, &st->md5);
	case HASH_SHA1:
		return SHA1_Final(out, &st->sha1);
	case HASH_SHA256:
		return SHA256_Final(out, &st->sha256);
	}
	return 0;
}

/* One digest of head followed by the pieces. */
static int
hash_run(enum hash_alg alg, const void *head, size_t headlen,
    const struct crypto_iov *iov, size_t n, uint8_t *out)
{
	union hash_state st;
	size_t		 i;
	int		 ok;

	ok = hash_begin(alg, &st) && hash_feed(alg, &st, head, headlen);
	for (i = 0; ok && i < n; i++)
		ok = hash_feed(alg, &st, iov[i].base, iov[i].len);
	ok = ok && hash_end(alg, &st, out);
	ct_wipe(&st, sizeof(st));
	return ok ? 0 : ERR_CRYPTO;
}

int
hash_digest(
    enum hash_alg alg, const struct crypto_iov *iov, size_t n, uint8_t *out)
{
	if ((unsigned)alg >= HASH_ALGS)
		return ERR_INVALID_ARG;
	return hash_run(alg, NULL, 0, iov, n, out);
}

int
hash_hmac(enum hash_alg alg, const void *key, size_t keylen,
    const struct crypto_iov *iov, size_t n, uint8_t *out)
{
	uint8_t		  pad[HASH_BLOCK_LEN], inner[HASH_MAX_LEN];
	struct crypto_iov piece;
	size_t		  i;
	int		  rc;

	if ((unsigned)alg >= HASH_ALGS)
		return ERR_INVALID_ARG;
	/* RFC 2104: a key longer than a block is hashed first. */
	memset(pad, 0, sizeof(pad));
	if (keylen > HASH_BLOCK_LEN) {
		piece.base = key;
		piece.len = keylen;
		if ((rc = hash_run(alg, NULL, 0, &piece, 1, pad)) != 0)
			goto out;
	} else if (keylen > 0)
		memcpy(pad, key, keylen);
	for (i = 0; i < sizeof(pad); i++)
		pad[i] ^= 0x36;
	if ((rc = hash_run(alg, pad, sizeof(pad), iov, n, inner)) != 0)
		goto out;
	/* 0x36 ^ 0x5c turns the inner pad into the outer one. */
	for (i = 0; i < sizeof(pad); i++)
		pad[i] ^= 0x36 ^ 0x5c;
	piece.base = inner;
	piece.len = hash_lens[alg];
	rc = hash_run(alg, pad, sizeof(pad), &piece, 1, out);
out:
	ct_wipe(pad, sizeof(pad));
	ct_wipe(inner, sizeof(inner));
	return rc;
}

int
hash_hmac_key_init(
    struct hash_hmac_key *k, enum hash_alg alg, const void *key, size_t keylen)
{
	uint8_t		  pad[HASH_BLOCK_LEN];
	struct crypto_iov piece;
	union hash_state  st;
	size_t		  i;
	int		  rc = ERR_CRYPTO;

	if ((unsigned)alg >= HASH_ALGS)
		return ERR_INVALID_ARG;
	memset(k, 0, sizeof(*k));
	k->alg = alg;
	memset(pad, 0, sizeof(pad));
	if (keylen > HASH_BLOCK_LEN) {
		piece.base = key;
		piece.len = keylen;
		if ((rc = hash_run(alg, NULL, 0, &piece, 1, pad)) != 0)
			goto out;
	} else if (keylen > 0)
		memcpy(pad, key, keylen);
	for (i = 0; i < sizeof(pad); i++)
		pad[i] ^= 0x36;
	if (!hash_begin(alg, &st) || !hash_feed(alg, &st, pad, sizeof(pad)))
		goto out;
	memcpy(k->inner, &st, sizeof(st));
	for (i = 0; i < sizeof(pad); i++)
		pad[i] ^= 0x36 ^ 0x5c;
	if (!hash_begin(alg, &st) || !hash_feed(alg, &st, pad, sizeof(pad)))
		goto out;
	memcpy(k->outer, &st, sizeof(st));
	rc = 0;
out:
	ct_wipe(pad, sizeof(pad));
	ct_wipe(&st, sizeof(st));
	return rc;
}

int
hash_hmac_keyed(const struct hash_hmac_key *k, const struct crypto_iov *iov,
    size_t n, uint8_t *out)
{
	union hash_state st;
	uint8_t		 inner[HASH_MAX_LEN];
	size_t		 i;
	int		 ok;

	if ((unsigned)k->alg >= HASH_ALGS)
		return ERR_INVALID_ARG;
	memcpy(&st, k->inner, sizeof(st));
	ok = 1;
	for (i = 0; ok && i < n; i++)
		ok = hash_feed(k->alg, &st, iov[i].base, iov[i].len);
	ok = ok && hash_end(k->alg, &st, inner);
	memcpy(&st, k->outer, sizeof(st));
	ok = ok && hash_feed(k->alg, &st, inner, hash_lens[k->alg]) &&
	    hash_end(k->alg, &st, out);
	ct_wipe(&st, sizeof(st));
	ct_wipe(inner, sizeof(inner));
	return ok ? 0 : ERR_CRYPTO;
}
