/*
 * Per-packet integrity (the seed's HMAC-SHA1-96 trailers, and Python-made
 * answers for the other algorithms) and AES-CBC-128 with the IPMI pad.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aes.h"
#include "err.h"
#include "hash.h"
#include "protect.h"
#include "rng.h"
#include "seedtrace.h"
#include "testutil.h"

static const char sample_hex[] =
    "06c0aabbccdd0100000010000102030405060708090a0b0c0d0e0fff";

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
}

START_TEST(test_seed_hmac_sha1_96)
{
	struct seed_trace	  t;
	struct protect_keys	  k;
	const struct seed_record *in, *want;
	uint8_t			  out[16];
	char			  name[40];
	int			  i;

	seedtrace_load(&t, "seed_002_rmcpp_session.txt");
	memset(&k, 0, sizeof(k));
	k.integ_alg = INTEG_ALG_HMAC_SHA1_96;
	memcpy(k.k1, seedtrace_get(&t, "k1")->bytes, 20);
	for (i = 0; i < 7; i++) {
		snprintf(name, sizeof(name), "req_integrity_input_%d", i);
		in = seedtrace_get(&t, name);
		snprintf(name, sizeof(name), "req_integrity_%d", i);
		want = seedtrace_get(&t, name);
		ck_assert_int_eq(
		    protect_integrity(&k, in->bytes, in->len, out), 0);
		tu_assert_bytes(out, 12, want->bytes, want->len);
		ck_assert_int_eq(protect_integrity_verify(
				     &k, in->bytes, in->len, want->bytes),
		    0);
		snprintf(name, sizeof(name), "rsp_integrity_input_%d", i);
		in = seedtrace_get(&t, name);
		snprintf(name, sizeof(name), "rsp_integrity_%d", i);
		want = seedtrace_get(&t, name);
		ck_assert_int_eq(protect_integrity_verify(
				     &k, in->bytes, in->len, want->bytes),
		    0);
	}
}
END_TEST

static void
check_integrity(uint8_t alg, const char *want_hex)
{
	struct protect_keys k;
	uint8_t		    data[64], out[16], want[16];
	size_t		    len, n, i;

	memset(&k, 0, sizeof(k));
	k.integ_alg = alg;
	for (i = 0; i < 32; i++)
		k.k1[i] = (uint8_t)i;
	memcpy(k.kuid, "ADMIN", 5);
	len = tu_hex(sample_hex, data, sizeof(data));
	n = tu_hex(want_hex, want, sizeof(want));
	ck_assert_uint_eq(n, suite_integ_len(alg));
	ck_assert_int_eq(protect_integrity(&k, data, len, out), 0);
	tu_assert_bytes(out, n, want, n);
	/* Every flipped bit of the data or of the code is caught. */
	for (i = 0; i < len * 8; i += 7) {
		data[i / 8] ^= (uint8_t)(1u << (i % 8));
		ck_assert_int_eq(protect_integrity_verify(&k, data, len, want),
		    ERR_INTEGRITY);
		data[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	for (i = 0; i < n; i++) {
		want[i] ^= 0x40;
		ck_assert_int_eq(protect_integrity_verify(&k, data, len, want),
		    ERR_INTEGRITY);
		want[i] ^= 0x40;
	}
	ck_assert_int_eq(protect_integrity_verify(&k, data, len, want), 0);
}

START_TEST(test_integrity_algorithms)
{
	check_integrity(INTEG_ALG_HMAC_SHA1_96, "602ff8078c40447810418bcf");
	check_integrity(
	    INTEG_ALG_HMAC_MD5_128, "754811f7b4120ff586d0f55f5bec2b33");
	check_integrity(INTEG_ALG_MD5_128, "6a5aa8d8c264af2881ec52d6cf0e1f50");
	check_integrity(
	    INTEG_ALG_HMAC_SHA256_128, "87629c8f3e68f91f62cb5b3017546950");
}
END_TEST

START_TEST(test_aes_round_trip_and_pad)
{
	struct protect_keys k;
	struct rng	   *rng = rng_new_seeded(5);
	uint8_t		    plain[64], sealed[96], out[96], raw[96];
	size_t		    len, slen, olen, i, pad;

	memset(&k, 0, sizeof(k));
	k.conf_alg = CONF_ALG_AES_CBC_128;
	for (i = 0; i < 16; i++)
		k.k2[i] = (uint8_t)(0xa0 + i);
	for (i = 0; i < sizeof(plain); i++)
		plain[i] = (uint8_t)(i * 7);
	for (len = 0; len <= 40; len++) {
		ck_assert_int_eq(protect_encrypt(&k, rng, plain, len, sealed,
				     sizeof(sealed), &slen),
		    0);
		ck_assert_uint_eq(slen, protect_encrypted_len(k.conf_alg, len));
		ck_assert_uint_eq(slen % 16, 0);
		/* The pad seen raw: 01 02 .. n then n. */
		ck_assert_int_eq(aes_cbc128_decrypt(
				     k.k2, sealed, sealed + 16, slen - 16, raw),
		    0);
		pad = raw[slen - 17];
		ck_assert_uint_eq(len + pad + 1, slen - 16);
		for (i = 0; i < pad; i++)
			ck_assert_uint_eq(raw[len + i], i + 1);
		ck_assert_int_eq(
		    protect_decrypt(&k, sealed, slen, out, sizeof(out), &olen),
		    0);
		ck_assert_uint_eq(olen, len);
		ck_assert_mem_eq(out, plain, len);
	}
	/* Prepared, K2 is keyed once; both read what the other wrote. */
	ck_assert_int_eq(protect_keys_prepare(&k), 0);
	ck_assert_ptr_nonnull(k.k2_aes);
	for (len = 0; len <= 40; len += 7) {
		struct protect_keys plainkeys = k;

		plainkeys.k2_aes = NULL;
		ck_assert_int_eq(protect_encrypt(&k, rng, plain, len, sealed,
				     sizeof(sealed), &slen),
		    0);
		ck_assert_int_eq(protect_decrypt(&plainkeys, sealed, slen, out,
				     sizeof(out), &olen),
		    0);
		ck_assert_uint_eq(olen, len);
		ck_assert_mem_eq(out, plain, len);
		ck_assert_int_eq(protect_encrypt(&plainkeys, rng, plain, len,
				     sealed, sizeof(sealed), &slen),
		    0);
		ck_assert_int_eq(
		    protect_decrypt(&k, sealed, slen, out, sizeof(out), &olen),
		    0);
		ck_assert_uint_eq(olen, len);
		ck_assert_mem_eq(out, plain, len);
	}
	protect_keys_release(&k);
	ck_assert_ptr_null(k.k2_aes);
	protect_keys_release(&k);
	rng_free(rng);
}
END_TEST

START_TEST(test_bad_pads_rejected)
{
	struct protect_keys k;
	uint8_t		    iv[16] = {0}, block[16], sealed[32], out[32];
	size_t		    olen;
	int		    n;

	memset(&k, 0, sizeof(k));
	k.conf_alg = CONF_ALG_AES_CBC_128;
	memset(k.k2, 0x11, 16);
	/* Pad lengths 0..15 with one wrong pad byte each, and 16..255. */
	for (n = 1; n < 256; n++) {
		memset(block, 0xee, sizeof(block));
		if (n < 16) {
			int i;

			for (i = 0; i < n; i++)
				block[15 - n + i] = (uint8_t)(i + 1);
			block[15 - n] = 0xee;
			block[15 - n + (n - 1) / 2] ^= 0x80;
		}
		block[15] = (uint8_t)n;
		memcpy(sealed, iv, 16);
		ck_assert_int_eq(
		    aes_cbc128_encrypt(k.k2, iv, block, 16, sealed + 16), 0);
		ck_assert_int_eq(
		    protect_decrypt(&k, sealed, 32, out, sizeof(out), &olen),
		    ERR_PAD);
	}
	/* Not whole blocks, or no block after the IV. */
	ck_assert_int_eq(
	    protect_decrypt(&k, sealed, 31, out, sizeof(out), &olen),
	    ERR_TRUNCATED);
	ck_assert_int_eq(
	    protect_decrypt(&k, sealed, 16, out, sizeof(out), &olen),
	    ERR_TRUNCATED);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("protect");
	TCase	*tc = tcase_create("kat");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_seed_hmac_sha1_96);
	tcase_add_test(tc, test_integrity_algorithms);
	tcase_add_test(tc, test_aes_round_trip_and_pad);
	tcase_add_test(tc, test_bad_pads_rejected);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
