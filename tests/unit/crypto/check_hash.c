/* RFC 1321 MD5, RFC 2202 HMAC-MD5/HMAC-SHA1, RFC 4231 HMAC-SHA256. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "testutil.h"

static void
check_hmac(enum hash_alg alg, uint8_t keybyte, size_t keylen,
    const char *keystr, const void *data, size_t datalen, const char *want)
{
	uint8_t		  key[200], out[HASH_MAX_LEN], exp[HASH_MAX_LEN];
	struct crypto_iov iov = {data, datalen};
	size_t		  n;

	if (keystr != NULL) {
		keylen = strlen(keystr);
		memcpy(key, keystr, keylen);
	} else
		memset(key, keybyte, keylen);
	n = tu_hex(want, exp, sizeof(exp));
	ck_assert_uint_eq(n, hash_len(alg));
	ck_assert_int_eq(hash_hmac(alg, key, keylen, &iov, 1, out), 0);
	tu_assert_bytes(out, n, exp, n);
}

START_TEST(test_rfc2202_hmac_md5)
{
	uint8_t dd[50];

	memset(dd, 0xdd, sizeof(dd));
	check_hmac(HASH_MD5, 0x0b, 16, NULL, "Hi There", 8,
	    "9294727a3638bb1c13f48ef8158bfc9d");
	check_hmac(HASH_MD5, 0, 0, "Jefe", "what do ya want for nothing?", 28,
	    "750c783e6ab0b503eaa86e310a5db738");
	check_hmac(HASH_MD5, 0xaa, 16, NULL, dd, sizeof(dd),
	    "56be34521d144c88dbb8c733f0e8b3f6");
	check_hmac(HASH_MD5, 0xaa, 80, NULL,
	    "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	    "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
}
END_TEST

START_TEST(test_rfc2202_hmac_sha1)
{
	uint8_t dd[50];

	memset(dd, 0xdd, sizeof(dd));
	check_hmac(HASH_SHA1, 0x0b, 20, NULL, "Hi There", 8,
	    "b617318655057264e28bc0b6fb378c8ef146be00");
	check_hmac(HASH_SHA1, 0, 0, "Jefe", "what do ya want for nothing?", 28,
	    "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	check_hmac(HASH_SHA1, 0xaa, 20, NULL, dd, sizeof(dd),
	    "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
	check_hmac(HASH_SHA1, 0xaa, 80, NULL,
	    "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	    "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}
END_TEST

START_TEST(test_rfc4231_hmac_sha256)
{
	uint8_t dd[50];

	memset(dd, 0xdd, sizeof(dd));
	check_hmac(HASH_SHA256, 0x0b, 20, NULL, "Hi There", 8,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	check_hmac(HASH_SHA256, 0, 0, "Jefe", "what do ya want for nothing?",
	    28,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	check_hmac(HASH_SHA256, 0xaa, 20, NULL, dd, sizeof(dd),
	    "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
	check_hmac(HASH_SHA256, 0xaa, 131, NULL,
	    "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}
END_TEST

START_TEST(test_rfc1321_md5)
{
	static const struct {
		const char *msg, *md5;
	} v[] = {
	    {"", "d41d8cd98f00b204e9800998ecf8427e"},
	    {"a", "0cc175b9c0f1b6a831c399e269772661"},
	    {"abc", "900150983cd24fb0d6963f7d28e17f72"},
	    {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
	    {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
	    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	     "0123456789",
		"d174ab98d277d9f5a5611c2c9f419d9f"},
	    {"1234567890123456789012345678901234567890"
	     "1234567890123456789012345678901234567890",
		"57edf4a22be3c955ac49da2e2107b67a"},
	};
	uint8_t		  out[16], exp[16];
	struct crypto_iov iov[2];
	size_t		  i, half;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		/* In two pieces, to exercise the scatter list. */
		half = strlen(v[i].msg) / 2;
		iov[0].base = v[i].msg;
		iov[0].len = half;
		iov[1].base = v[i].msg + half;
		iov[1].len = strlen(v[i].msg) - half;
		tu_hex(v[i].md5, exp, sizeof(exp));
		ck_assert_int_eq(hash_digest(HASH_MD5, iov, 2, out), 0);
		tu_assert_bytes(out, 16, exp, 16);
	}
}
END_TEST

START_TEST(test_reuse_many_times)
{
	/* One context serves every call: results must not depend on order. */
	struct crypto_iov iov = {"abc", 3};
	uint8_t		  a[32], b[32];
	int		  i;

	ck_assert_int_eq(hash_hmac(HASH_SHA256, "k", 1, &iov, 1, a), 0);
	for (i = 0; i < 1000; i++) {
		ck_assert_int_eq(hash_hmac(HASH_SHA1, "x", 1, &iov, 1, b), 0);
		ck_assert_int_eq(hash_digest(HASH_MD5, &iov, 1, b), 0);
		ck_assert_int_eq(hash_hmac(HASH_SHA256, "k", 1, &iov, 1, b), 0);
		ck_assert_mem_eq(a, b, 32);
	}
	ck_assert_uint_eq(hash_len(HASH_MD5), 16);
	ck_assert_uint_eq(hash_len(HASH_SHA1), 20);
	ck_assert_uint_eq(hash_len(HASH_SHA256), 32);
}
END_TEST

START_TEST(test_prepared_key_matches_hmac)
{
	static const enum hash_alg algs[] = {HASH_MD5, HASH_SHA1, HASH_SHA256};
	struct hash_hmac_key	   k;
	struct crypto_iov	   iov[2];
	uint8_t			   key[150], msg[100], a[32], b[32];
	size_t			   i, keylen, a_i;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 13 + 1);
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7);
	for (a_i = 0; a_i < 3; a_i++)
		for (keylen = 0; keylen <= sizeof(key); keylen += 7) {
			iov[0].base = msg;
			iov[0].len = keylen % 60;
			iov[1].base = msg + 60;
			iov[1].len = 40;
			ck_assert_int_eq(
			    hash_hmac(algs[a_i], key, keylen, iov, 2, a), 0);
			ck_assert_int_eq(
			    hash_hmac_key_init(&k, algs[a_i], key, keylen), 0);
			ck_assert_int_eq(hash_hmac_keyed(&k, iov, 2, b), 0);
			ck_assert_mem_eq(a, b, hash_len(algs[a_i]));
			/* A prepared key serves any number of messages. */
			ck_assert_int_eq(hash_hmac_keyed(&k, iov, 2, b), 0);
			ck_assert_mem_eq(a, b, hash_len(algs[a_i]));
		}
}
END_TEST

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
	ck_assert_int_eq(crypto_init(), 0); /* idempotent */
}

int
main(void)
{
	Suite	*s = suite_create("hash");
	TCase	*tc = tcase_create("kat");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_rfc2202_hmac_md5);
	tcase_add_test(tc, test_rfc2202_hmac_sha1);
	tcase_add_test(tc, test_rfc4231_hmac_sha256);
	tcase_add_test(tc, test_rfc1321_md5);
	tcase_add_test(tc, test_reuse_many_times);
	tcase_add_test(tc, test_prepared_key_matches_hmac);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
