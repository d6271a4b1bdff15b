#include <stddef.h>

#include "suite.h"

/* IPMI 2.0 §22.15.2, table 22-20: the cipher suite IDs. */
static const struct suite suite_table[SUITE_COUNT] = {
    {0, AUTH_ALG_RAKP_NONE, INTEG_ALG_NONE, CONF_ALG_NONE, 1},
    {1, AUTH_ALG_RAKP_HMAC_SHA1, INTEG_ALG_NONE, CONF_ALG_NONE, 1},
    {2, AUTH_ALG_RAKP_HMAC_SHA1, INTEG_ALG_HMAC_SHA1_96, CONF_ALG_NONE, 1},
    {3, AUTH_ALG_RAKP_HMAC_SHA1, INTEG_ALG_HMAC_SHA1_96, CONF_ALG_AES_CBC_128,
	1},
    {4, AUTH_ALG_RAKP_HMAC_SHA1, INTEG_ALG_HMAC_SHA1_96, CONF_ALG_XRC4_128, 0},
    {5, AUTH_ALG_RAKP_HMAC_SHA1, INTEG_ALG_HMAC_SHA1_96, CONF_ALG_XRC4_40, 0},
    {6, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_NONE, CONF_ALG_NONE, 1},
    {7, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_HMAC_MD5_128, CONF_ALG_NONE, 1},
    {8, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_HMAC_MD5_128, CONF_ALG_AES_CBC_128,
	1},
    {9, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_HMAC_MD5_128, CONF_ALG_XRC4_128, 0},
    {10, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_HMAC_MD5_128, CONF_ALG_XRC4_40, 0},
    {11, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_MD5_128, CONF_ALG_NONE, 1},
    {12, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_MD5_128, CONF_ALG_AES_CBC_128, 1},
    {13, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_MD5_128, CONF_ALG_XRC4_128, 0},
    {14, AUTH_ALG_RAKP_HMAC_MD5, INTEG_ALG_MD5_128, CONF_ALG_XRC4_40, 0},
    {15, AUTH_ALG_RAKP_HMAC_SHA256, INTEG_ALG_NONE, CONF_ALG_NONE, 1},
    {16, AUTH_ALG_RAKP_HMAC_SHA256, INTEG_ALG_HMAC_SHA256_128, CONF_ALG_NONE,
	1},
    {17, AUTH_ALG_RAKP_HMAC_SHA256, INTEG_ALG_HMAC_SHA256_128,
	CONF_ALG_AES_CBC_128, 1},
    {18, AUTH_ALG_RAKP_HMAC_SHA256, INTEG_ALG_HMAC_SHA256_128,
	CONF_ALG_XRC4_128, 0},
    {19, AUTH_ALG_RAKP_HMAC_SHA256, INTEG_ALG_HMAC_SHA256_128, CONF_ALG_XRC4_40,
	0},
};

/* Per algorithm: RAKP auth code (and key) length, RAKP4 ICV length. */
static const struct {
	uint8_t code_len;
	uint8_t icv_len;
} suite_auth_lens[] = {
    [AUTH_ALG_RAKP_NONE] = {0, 0},
    [AUTH_ALG_RAKP_HMAC_SHA1] = {20, 12},
    [AUTH_ALG_RAKP_HMAC_MD5] = {16, 16},
    [AUTH_ALG_RAKP_HMAC_SHA256] = {32, 16},
};

static const uint8_t suite_integ_lens[] = {
    [INTEG_ALG_NONE] = 0,
    [INTEG_ALG_HMAC_SHA1_96] = 12,
    [INTEG_ALG_HMAC_MD5_128] = 16,
    [INTEG_ALG_MD5_128] = 16,
    [INTEG_ALG_HMAC_SHA256_128] = 16,
};

const struct suite *
suite_by_id(unsigned id)
{
	if (id >= SUITE_COUNT || suite_table[id].id != id)
		return NULL;
	return &suite_table[id];
}

const struct suite *
suite_by_algs(uint8_t auth, uint8_t integ, uint8_t conf)
{
	unsigned i;

	for (i = 0; i < SUITE_COUNT; i++)
		if (suite_table[i].auth_alg == auth &&
		    suite_table[i].integ_alg == integ &&
		    suite_table[i].conf_alg == conf)
			return &suite_table[i];
	return NULL;
}

uint32_t
suite_implemented_mask(void)
{
	uint32_t mask = 0;
	unsigned i;

	for (i = 0; i < SUITE_COUNT; i++)
		if (suite_table[i].implemented)
			mask |= UINT32_C(1) << i;
	return mask;
}

int
suite_auth_alg_known(uint8_t alg)
{
	return alg <= AUTH_ALG_RAKP_HMAC_SHA256;
}

int
suite_integ_alg_known(uint8_t alg)
{
	return alg <= INTEG_ALG_HMAC_SHA256_128;
}

int
suite_conf_alg_known(uint8_t alg)
{
	return alg <= CONF_ALG_XRC4_40;
}

int
suite_conf_alg_implemented(uint8_t alg)
{
	/* RC4 is broken; no suite using it is ever offered or accepted. */
	return alg == CONF_ALG_NONE || alg == CONF_ALG_AES_CBC_128;
}

size_t
suite_auth_code_len(uint8_t alg)
{
	return suite_auth_alg_known(alg) ? suite_auth_lens[alg].code_len : 0;
}

size_t
suite_rakp4_icv_len(uint8_t alg)
{
	return suite_auth_alg_known(alg) ? suite_auth_lens[alg].icv_len : 0;
}

size_t
suite_integ_len(uint8_t alg)
{
	return suite_integ_alg_known(alg) ? suite_integ_lens[alg] : 0;
}
