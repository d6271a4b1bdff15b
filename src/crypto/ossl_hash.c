/*
 * The OpenSSL 3 backend of hash.h.  The algorithm objects and one context
 * per algorithm are made once; each call re-keys or re-initialises them,
 * which allocates nothing.  The contexts are shared: the library is used
 * from one thread.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "aes.h"
#include "err.h"
#include "hash.h"

#define HASH_ALGS 3

static const char *const hash_names[HASH_ALGS] = {
    [HASH_MD5] = "MD5",
    [HASH_SHA1] = "SHA1",
    [HASH_SHA256] = "SHA256",
};
static const size_t hash_lens[HASH_ALGS] = {
    [HASH_MD5] = 16,
    [HASH_SHA1] = 20,
    [HASH_SHA256] = 32,
};

static EVP_MD	   *hash_md[HASH_ALGS];
static EVP_MAC	   *hash_mac;
static EVP_MAC_CTX *hash_mac_ctx[HASH_ALGS];
static EVP_MD_CTX  *hash_md_ctx;
static int	    hash_ready;

void
crypto_fini(void)
{
	unsigned i;

	for (i = 0; i < HASH_ALGS; i++) {
		EVP_MAC_CTX_free(hash_mac_ctx[i]);
		hash_mac_ctx[i] = NULL;
		EVP_MD_free(hash_md[i]);
		hash_md[i] = NULL;
	}
	EVP_MAC_free(hash_mac);
	hash_mac = NULL;
	EVP_MD_CTX_free(hash_md_ctx);
	hash_md_ctx = NULL;
	aes_backend_fini();
	hash_ready = 0;
}

int
crypto_init(void)
{
	OSSL_PARAM params[2];
	unsigned   i;

	if (hash_ready)
		return 0;
	if ((hash_mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL ||
	    (hash_md_ctx = EVP_MD_CTX_new()) == NULL)
		goto fail;
	for (i = 0; i < HASH_ALGS; i++) {
		if ((hash_md[i] = EVP_MD_fetch(NULL, hash_names[i], NULL)) ==
			NULL ||
		    (hash_mac_ctx[i] = EVP_MAC_CTX_new(hash_mac)) == NULL)
			goto fail;
		/* The digest is bound once; later inits only change the key. */
		params[0] = OSSL_PARAM_construct_utf8_string(
		    OSSL_MAC_PARAM_DIGEST, (char *)hash_names[i], 0);
		params[1] = OSSL_PARAM_construct_end();
		if (!EVP_MAC_CTX_set_params(hash_mac_ctx[i], params))
			goto fail;
	}
	if (aes_backend_init() != 0)
		goto fail;
	hash_ready = 1;
	return 0;
fail:
	crypto_fini();
	return ERR_CRYPTO;
}

size_t
hash_len(enum hash_alg alg)
{
	return (unsigned)alg < HASH_ALGS ? hash_lens[alg] : 0;
}

int
hash_digest(
    enum hash_alg alg, const struct crypto_iov *iov, size_t n, uint8_t *out)
{
	unsigned int len;
	size_t	     i;

	if ((unsigned)alg >= HASH_ALGS)
		return ERR_INVALID_ARG;
	if (!hash_ready && crypto_init() != 0)
		return ERR_CRYPTO;
	if (!EVP_DigestInit_ex2(hash_md_ctx, hash_md[alg], NULL))
		return ERR_CRYPTO;
	for (i = 0; i < n; i++)
		if (iov[i].len > 0 &&
		    !EVP_DigestUpdate(hash_md_ctx, iov[i].base, iov[i].len))
			return ERR_CRYPTO;
	if (!EVP_DigestFinal_ex(hash_md_ctx, out, &len) ||
	    len != hash_lens[alg])
		return ERR_CRYPTO;
	return 0;
}

int
hash_hmac(enum hash_alg alg, const void *key, size_t keylen,
    const struct crypto_iov *iov, size_t n, uint8_t *out)
{
	static const uint8_t zero_key[1];
	EVP_MAC_CTX	    *ctx;
	size_t		     i, len;

	if ((unsigned)alg >= HASH_ALGS)
		return ERR_INVALID_ARG;
	if (!hash_ready && crypto_init() != 0)
		return ERR_CRYPTO;
	ctx = hash_mac_ctx[alg];
	/*
	 * An empty key is one zero byte to HMAC (keys are zero-padded to the
	 * block size), and OpenSSL refuses a zero-length one.
	 */
	if (keylen == 0) {
		key = zero_key;
		keylen = sizeof(zero_key);
	}
	if (!EVP_MAC_init(ctx, key, keylen, NULL))
		return ERR_CRYPTO;
	for (i = 0; i < n; i++)
		if (iov[i].len > 0 &&
		    !EVP_MAC_update(ctx, iov[i].base, iov[i].len))
			return ERR_CRYPTO;
	if (!EVP_MAC_final(ctx, out, &len, hash_lens[alg]) ||
	    len != hash_lens[alg])
		return ERR_CRYPTO;
	return 0;
}
