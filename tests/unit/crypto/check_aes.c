/* NIST SP 800-38A F.2.1 and F.2.2: AES-128-CBC. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "aes.h"
#include "err.h"
#include "hash.h"
#include "testutil.h"

#define KEY "2b7e151628aed2a6abf7158809cf4f3c"
#define IV  "000102030405060708090a0b0c0d0e0f"
#define PLAIN \
	"6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51" \
	"30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710"
#define CIPHER \
	"7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2" \
	"73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7"

START_TEST(test_sp800_38a_encrypt_decrypt)
{
	uint8_t key[16], iv[16], plain[64], cipher[64], out[64];

	tu_hex(KEY, key, sizeof(key));
	tu_hex(IV, iv, sizeof(iv));
	tu_hex(PLAIN, plain, sizeof(plain));
	tu_hex(CIPHER, cipher, sizeof(cipher));
	ck_assert_int_eq(aes_cbc128_encrypt(key, iv, plain, 64, out), 0);
	tu_assert_bytes(out, 64, cipher, 64);
	ck_assert_int_eq(aes_cbc128_decrypt(key, iv, cipher, 64, out), 0);
	tu_assert_bytes(out, 64, plain, 64);
	/* In place, both ways. */
	memcpy(out, plain, 64);
	ck_assert_int_eq(aes_cbc128_encrypt(key, iv, out, 64, out), 0);
	tu_assert_bytes(out, 64, cipher, 64);
	ck_assert_int_eq(aes_cbc128_decrypt(key, iv, out, 64, out), 0);
	tu_assert_bytes(out, 64, plain, 64);
}
END_TEST

START_TEST(test_partial_block_refused)
{
	uint8_t key[16] = {0}, iv[16] = {0}, buf[32] = {0};

	ck_assert_int_eq(
	    aes_cbc128_encrypt(key, iv, buf, 17, buf), ERR_INVALID_ARG);
	ck_assert_int_eq(
	    aes_cbc128_decrypt(key, iv, buf, 15, buf), ERR_INVALID_ARG);
}
END_TEST

/* A key made ready once gives the same answers, packet after packet. */
START_TEST(test_keyed_matches_sp800_38a)
{
	struct aes_cbc128_key *k;
	uint8_t		       key[16], iv[16], plain[64], cipher[64], out[64];
	int		       round;

	tu_hex(KEY, key, sizeof(key));
	tu_hex(IV, iv, sizeof(iv));
	tu_hex(PLAIN, plain, sizeof(plain));
	tu_hex(CIPHER, cipher, sizeof(cipher));
	ck_assert_ptr_nonnull(k = aes_cbc128_key_new(key));
	for (round = 0; round < 3; round++) {
		ck_assert_int_eq(
		    aes_cbc128_encrypt_keyed(k, iv, plain, 64, out), 0);
		tu_assert_bytes(out, 64, cipher, 64);
		/* Interleaved with the one-shot path and another key. */
		ck_assert_int_eq(aes_cbc128_encrypt(iv, iv, plain, 16, out), 0);
		ck_assert_int_eq(
		    aes_cbc128_decrypt_keyed(k, iv, cipher, 64, out), 0);
		tu_assert_bytes(out, 64, plain, 64);
		/* The IV is per call: the second block alone, IV = C1. */
		ck_assert_int_eq(
		    aes_cbc128_decrypt_keyed(k, cipher, cipher + 16, 16, out),
		    0);
		tu_assert_bytes(out, 16, plain + 16, 16);
	}
	memcpy(out, plain, 64);
	ck_assert_int_eq(aes_cbc128_encrypt_keyed(k, iv, out, 64, out), 0);
	tu_assert_bytes(out, 64, cipher, 64);
	ck_assert_int_eq(
	    aes_cbc128_encrypt_keyed(k, iv, out, 17, out), ERR_INVALID_ARG);
	aes_cbc128_key_free(k);
	aes_cbc128_key_free(NULL);
}
END_TEST

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
}

int
main(void)
{
	Suite	*s = suite_create("aes");
	TCase	*tc = tcase_create("kat");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_sp800_38a_encrypt_decrypt);
	tcase_add_test(tc, test_partial_block_refused);
	tcase_add_test(tc, test_keyed_matches_sp800_38a);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
