/*
 * The OpenSSL 3 backend of aes.h: one AES-128-CBC object and one context,
 * made by crypto_init() and re-keyed per call (no allocation per packet).
 */
#include <openssl/evp.h>
#include <stdlib.h>

#include "aes.h"
#include "err.h"
#include "hash.h"

static EVP_CIPHER     *aes_cipher;
static EVP_CIPHER_CTX *aes_ctx;

int
aes_backend_init(void)
{
	if ((aes_cipher = EVP_CIPHER_fetch(NULL, "AES-128-CBC", NULL)) ==
		NULL ||
	    (aes_ctx = EVP_CIPHER_CTX_new()) == NULL ||
	    !EVP_CipherInit_ex2(aes_ctx, aes_cipher, NULL, NULL, 1, NULL))
		return ERR_CRYPTO;
	return 0;
}

void
aes_backend_fini(void)
{
	EVP_CIPHER_CTX_free(aes_ctx);
	aes_ctx = NULL;
	EVP_CIPHER_free(aes_cipher);
	aes_cipher = NULL;
}

static int
aes_cbc128(int enc, const uint8_t key[AES128_KEY_LEN],
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out)
{
	int outl = 0, finl = 0;

	if (len % AES_BLOCK_LEN != 0 || len > (size_t)INT32_MAX)
		return ERR_INVALID_ARG;
	if (aes_ctx == NULL && crypto_init() != 0)
		return ERR_CRYPTO;
	/* The cipher stays bound to the context; only key and IV change. */
	if (!EVP_CipherInit_ex2(aes_ctx, NULL, key, iv, enc, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(aes_ctx, 0))
		return ERR_CRYPTO;
	if (len > 0 && !EVP_CipherUpdate(aes_ctx, out, &outl, in, (int)len))
		return ERR_CRYPTO;
	if (!EVP_CipherFinal_ex(aes_ctx, out + outl, &finl) ||
	    (size_t)(outl + finl) != len)
		return ERR_CRYPTO;
	return 0;
}

int
aes_cbc128_encrypt(const uint8_t key[AES128_KEY_LEN],
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out)
{
	return aes_cbc128(1, key, iv, in, len, out);
}

int
aes_cbc128_decrypt(const uint8_t key[AES128_KEY_LEN],
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out)
{
	return aes_cbc128(0, key, iv, in, len, out);
}

/*
 * A session's key: one context per direction (CBC decryption needs the
 * inverse key schedule), keyed and told "no padding" once; per packet
 * only the IV is set.
 */
struct aes_cbc128_key {
	EVP_CIPHER_CTX *ctx[2]; /* [0] decrypt, [1] encrypt */
};

void
aes_cbc128_key_free(struct aes_cbc128_key *k)
{
	if (k == NULL)
		return;
	/* EVP_CIPHER_CTX_free() clears the key schedule it holds. */
	EVP_CIPHER_CTX_free(k->ctx[0]);
	EVP_CIPHER_CTX_free(k->ctx[1]);
	free(k);
}

struct aes_cbc128_key *
aes_cbc128_key_new(const uint8_t key[AES128_KEY_LEN])
{
	struct aes_cbc128_key *k;
	int		       enc;

	if (aes_cipher == NULL && crypto_init() != 0)
		return NULL;
	if ((k = calloc(1, sizeof(*k))) == NULL)
		return NULL;
	for (enc = 0; enc < 2; enc++)
		if ((k->ctx[enc] = EVP_CIPHER_CTX_new()) == NULL ||
		    !EVP_CipherInit_ex2(
			k->ctx[enc], aes_cipher, key, NULL, enc, NULL) ||
		    !EVP_CIPHER_CTX_set_padding(k->ctx[enc], 0)) {
			aes_cbc128_key_free(k);
			return NULL;
		}
	return k;
}

static int
aes_cbc128_keyed(struct aes_cbc128_key *k, int enc,
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = k->ctx[enc];
	int		outl = 0, finl = 0;

	if (len % AES_BLOCK_LEN != 0 || len > (size_t)INT32_MAX)
		return ERR_INVALID_ARG;
	/* No key: the provider keeps its schedule and takes the IV only. */
	if (!EVP_CipherInit_ex2(ctx, NULL, NULL, iv, enc, NULL))
		return ERR_CRYPTO;
	if (len > 0 && !EVP_CipherUpdate(ctx, out, &outl, in, (int)len))
		return ERR_CRYPTO;
	if (!EVP_CipherFinal_ex(ctx, out + outl, &finl) ||
	    (size_t)(outl + finl) != len)
		return ERR_CRYPTO;
	return 0;
}

int
aes_cbc128_encrypt_keyed(struct aes_cbc128_key *k,
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out)
{
	return aes_cbc128_keyed(k, 1, iv, in, len, out);
}

int
aes_cbc128_decrypt_keyed(struct aes_cbc128_key *k,
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out)
{
	return aes_cbc128_keyed(k, 0, iv, in, len, out);
}
