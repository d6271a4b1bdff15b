/*
 * AES-128 in CBC mode without padding (the IPMI pad is applied by
 * crypto/protect.c).  Backend: crypto/ossl_aes.c.
 */
#ifndef BMCSIM_AES_H
#define BMCSIM_AES_H

#include <stddef.h>
#include <stdint.h>

#define AES_BLOCK_LEN  16
#define AES128_KEY_LEN 16

/*
 * len must be a multiple of 16; in and out may be the same buffer.
 * Return 0, ERR_INVALID_ARG or ERR_CRYPTO.
 */
int aes_cbc128_encrypt(const uint8_t key[AES128_KEY_LEN],
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out);
int aes_cbc128_decrypt(const uint8_t key[AES128_KEY_LEN],
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out);

/*
 * A key made ready once, for a key used on every packet of a session:
 * the backend's contexts keyed in both directions, so a packet only sets
 * its IV (no key schedule, no parameter lookups per packet).  Allocated:
 * free it with aes_cbc128_key_free(), which wipes it.
 */
struct aes_cbc128_key;

/* NULL on allocation or backend failure. */
struct aes_cbc128_key *aes_cbc128_key_new(const uint8_t key[AES128_KEY_LEN]);
void		       aes_cbc128_key_free(struct aes_cbc128_key *);
/* As aes_cbc128_encrypt() and _decrypt(), with a key made ready. */
int aes_cbc128_encrypt_keyed(struct aes_cbc128_key *,
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out);
int aes_cbc128_decrypt_keyed(struct aes_cbc128_key *,
    const uint8_t iv[AES_BLOCK_LEN], const uint8_t *in, size_t len,
    uint8_t *out);

/* Backend set-up and tear-down, called by crypto_init() and crypto_fini(). */
int  aes_backend_init(void);
void aes_backend_fini(void);

#endif
