/*
 * Protection of in-session RMCP+ payloads: the per-packet integrity value
 * (IPMI 2.0 §13.28.4) and AES-CBC-128 confidentiality with the IPMI pad
 * (§13.29: IV | E(K2[0..15], payload | 01 02 .. n | n), padded to 16).
 *
 * struct protect_keys holds a session's negotiated algorithms and keys.
 * It is fixed-size; once protect_keys_prepare() has run it also holds the
 * AES key made ready (an allocation): its owner calls
 * protect_keys_release() before clearing it with ct_wipe().
 */
#ifndef BMCSIM_PROTECT_H
#define BMCSIM_PROTECT_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"
#include "suite.h"

struct aes_cbc128_key;
struct rng;

struct protect_keys {
	uint8_t auth_alg;
	uint8_t integ_alg;
	uint8_t conf_alg;
	uint8_t k1[SUITE_KEY_MAX];
	uint8_t k2[SUITE_KEY_MAX];
	uint8_t kuid[20]; /* only MD5-128 integrity keys on it */
	/* K1 made ready for HMAC by protect_keys_prepare(). */
	struct hash_hmac_key k1_hmac;
	uint8_t		     prepared;
	/* K2 made ready for AES-CBC-128, or NULL. */
	struct aes_cbc128_key *k2_aes;
};

/*
 * Makes K1 ready for the per-packet HMAC and K2 for AES once the keys are
 * set (optional: without it each packet keys them afresh, which costs a
 * key schedule and the backend's parameter lookups).  0 or ERR_CRYPTO.
 */
int protect_keys_prepare(struct protect_keys *);
/* Frees what protect_keys_prepare() made (idempotent; keys stay). */
void protect_keys_release(struct protect_keys *);

/*
 * Computes the auth code of the bytes data..data+len (auth type through
 * next header): suite_integ_len(integ_alg) bytes into out.
 *   HMAC-SHA1-96:    HMAC-SHA1(K1, data) truncated to 12
 *   HMAC-MD5-128:    HMAC-MD5(K1, data)
 *   MD5-128:         MD5(Kuid | data | Kuid)
 *   HMAC-SHA256-128: HMAC-SHA256(K1, data) truncated to 16
 * Returns 0, ERR_UNSUPPORTED or ERR_CRYPTO.
 */
int protect_integrity(
    const struct protect_keys *, const uint8_t *data, size_t len, uint8_t *out);
/* Computes and compares in constant time: 0, ERR_INTEGRITY or ERR_CRYPTO. */
int protect_integrity_verify(const struct protect_keys *, const uint8_t *data,
    size_t len, const uint8_t *authcode);

/* Length of the encrypted form of len payload bytes (0 if conf none). */
size_t protect_encrypted_len(uint8_t conf_alg, size_t len);

/*
 * Encrypts with a fresh IV from rng.  Returns 0, ERR_NOSPACE,
 * ERR_UNSUPPORTED or ERR_CRYPTO.
 */
int protect_encrypt(const struct protect_keys *, struct rng *,
    const uint8_t *plain, size_t len, uint8_t *out, size_t cap, size_t *outlen);
/*
 * Decrypts and checks the pad.  Returns 0, ERR_TRUNCATED (not a whole
 * number of blocks after the IV), ERR_PAD, ERR_NOSPACE, ERR_UNSUPPORTED or
 * ERR_CRYPTO.  out may not overlap in.
 */
int protect_decrypt(const struct protect_keys *, const uint8_t *in, size_t len,
    uint8_t *out, size_t cap, size_t *outlen);

#endif
