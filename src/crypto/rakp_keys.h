/*
 * The RAKP key exchange computations (IPMI 2.0 §13.31 and §13.32): the
 * RAKP2 and RAKP3 auth codes, the session integrity key SIK, the additional
 * keys K1 and K2, and the RAKP4 integrity check value.  The input layouts
 * are public so the teaching trace can show them.
 *
 * Kuid is the user's password, zero-padded to 20 bytes.  K_G is the BMC
 * key for two-key logins; for one-key logins it is Kuid.  The "role" is
 * the whole byte sent in RAKP1 (privilege and name-only lookup bit).
 */
#ifndef BMCSIM_RAKP_KEYS_H
#define BMCSIM_RAKP_KEYS_H

#include <stddef.h>
#include <stdint.h>

#define RAKP_KEYS_KUID_LEN  20
#define RAKP_KEYS_INPUT_MAX (4 + 4 + 16 + 16 + 16 + 1 + 1 + 16)
#define RAKP_KEYS_CONST_LEN 20 /* K_n = HMAC(SIK, n repeated 20 times) */

struct rakp_keys_input {
	uint32_t console_sid;
	uint32_t bmc_sid;
	uint8_t	 console_rand[16];
	uint8_t	 bmc_rand[16];
	uint8_t	 guid[16];
	uint8_t	 role;
	uint8_t	 name_len;
	uint8_t	 name[16];
};

/*
 * The HMAC inputs, each into out (RAKP_KEYS_INPUT_MAX bytes suffice):
 * RAKP2: SIDm | SIDc | Rm | Rc | GUIDc | role | ulen | name
 * RAKP3: Rc | SIDm | role | ulen | name
 * SIK:   Rm | Rc | role | ulen | name
 * RAKP4: Rm | SIDc | GUIDc
 * Session IDs little-endian, as on the wire.  Each returns the length.
 */
size_t rakp_keys_rakp2_input(const struct rakp_keys_input *, uint8_t *);
size_t rakp_keys_rakp3_input(const struct rakp_keys_input *, uint8_t *);
size_t rakp_keys_sik_input(const struct rakp_keys_input *, uint8_t *);
size_t rakp_keys_rakp4_input(const struct rakp_keys_input *, uint8_t *);

/*
 * The computations.  Each writes suite_auth_code_len(auth_alg) bytes (the
 * RAKP4 ICV: suite_rakp4_icv_len(auth_alg)) and returns 0, ERR_UNSUPPORTED
 * for an unknown algorithm, or ERR_CRYPTO.  With RAKP-none they write
 * nothing and return 0.
 */
int rakp_keys_rakp2_auth(uint8_t auth_alg, const uint8_t *kuid,
    const struct rakp_keys_input *, uint8_t		 *out);
int rakp_keys_rakp3_auth(uint8_t auth_alg, const uint8_t *kuid,
    const struct rakp_keys_input *, uint8_t		 *out);
int rakp_keys_sik(uint8_t auth_alg, const uint8_t *kg,
    const struct rakp_keys_input *, uint8_t	  *sik);
/* K1 (n = 1) or K2 (n = 2) from the SIK. */
int rakp_keys_k(uint8_t auth_alg, const uint8_t *sik, uint8_t n, uint8_t *out);
int rakp_keys_rakp4_icv(uint8_t auth_alg, const uint8_t *sik,
    const struct rakp_keys_input *, uint8_t		*out);

#endif
