/*
 * The RMCP+ cipher suites (IPMI 2.0 §22.15.2, table 22-20): IDs 0 to 19,
 * each a triple of authentication, integrity and confidentiality
 * algorithms, and the sizes that follow from each algorithm.
 */
#ifndef BMCSIM_SUITE_H
#define BMCSIM_SUITE_H

#include <stddef.h>
#include <stdint.h>

#define SUITE_COUNT	  20
#define SUITE_KEY_MAX	  32 /* longest SIK, K1, K2 (SHA-256) */
#define SUITE_AES_KEY_LEN 16

/* Authentication (RAKP) algorithms, table 13-17. */
#define AUTH_ALG_RAKP_NONE	  0x00
#define AUTH_ALG_RAKP_HMAC_SHA1	  0x01
#define AUTH_ALG_RAKP_HMAC_MD5	  0x02
#define AUTH_ALG_RAKP_HMAC_SHA256 0x03

/* Integrity algorithms, table 13-18. */
#define INTEG_ALG_NONE		  0x00
#define INTEG_ALG_HMAC_SHA1_96	  0x01
#define INTEG_ALG_HMAC_MD5_128	  0x02
#define INTEG_ALG_MD5_128	  0x03
#define INTEG_ALG_HMAC_SHA256_128 0x04

/* Confidentiality algorithms, table 13-19. */
#define CONF_ALG_NONE	     0x00
#define CONF_ALG_AES_CBC_128 0x01
#define CONF_ALG_XRC4_128    0x02
#define CONF_ALG_XRC4_40     0x03

struct suite {
	uint8_t id;
	uint8_t auth_alg;
	uint8_t integ_alg;
	uint8_t conf_alg;
	uint8_t implemented; /* 0 for the xRC4 suites */
};

/* The suite with this ID (re-checked against the table), or NULL. */
const struct suite *suite_by_id(unsigned);
/* The lowest-numbered suite with exactly this triple, or NULL. */
const struct suite *suite_by_algs(uint8_t auth, uint8_t integ, uint8_t conf);
/* Bit n set for every implemented suite n. */
uint32_t suite_implemented_mask(void);

/* 1 if the value names an algorithm of its kind (implemented or not). */
int suite_auth_alg_known(uint8_t);
int suite_integ_alg_known(uint8_t);
int suite_conf_alg_known(uint8_t);
/* 1 if implemented here (xRC4 never is). */
int suite_conf_alg_implemented(uint8_t);

/* Length of RAKP2/RAKP3 auth codes and of the SIK, K1, K2: 0, 20, 16, 32. */
size_t suite_auth_code_len(uint8_t auth_alg);
/* Length of the RAKP4 integrity check value: 0, 12, 16, 16. */
size_t suite_rakp4_icv_len(uint8_t auth_alg);
/* Length of a packet's auth code: 0, 12, 16, 16, 16. */
size_t suite_integ_len(uint8_t integ_alg);

#endif
