/* IPMI 1.5 auth codes (IPMI 2.0 §22.17.1). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "authcode15.h"
#include "err.h"
#include "hash.h"
#include "md2.h"
#include "testutil.h"

static const uint8_t msg[] = {0x20, 0x18, 0xc8, 0x81, 0x04, 0x3a, 0x02, 0x04};

START_TEST(test_md5_known_answer)
{
	uint8_t pw[16] = "password", out[16], want[16];

	/* MD5(pw16 | 78 56 34 12 | msg | 07 00 00 00 | pw16), by Python. */
	tu_hex("71a45b7bcb71d49532cc164d7b983c4b", want, sizeof(want));
	ck_assert_int_eq(
	    authcode15_compute(2, pw, 0x12345678, msg, sizeof(msg), 7, out), 0);
	tu_assert_bytes(out, 16, want, 16);
	ck_assert_int_eq(
	    authcode15_verify(2, pw, 0x12345678, msg, sizeof(msg), 7, want), 0);
	want[15] ^= 1;
	ck_assert_int_eq(
	    authcode15_verify(2, pw, 0x12345678, msg, sizeof(msg), 7, want),
	    ERR_INTEGRITY);
	/* Any change of ID or sequence number changes the code. */
	want[15] ^= 1;
	ck_assert_int_eq(
	    authcode15_verify(2, pw, 0x12345679, msg, sizeof(msg), 7, want),
	    ERR_INTEGRITY);
	ck_assert_int_eq(
	    authcode15_verify(2, pw, 0x12345678, msg, sizeof(msg), 8, want),
	    ERR_INTEGRITY);
}
END_TEST

START_TEST(test_md2_layout)
{
	uint8_t pw[16] = "password", out[16], want[16];
	uint8_t sid[4] = {0x78, 0x56, 0x34, 0x12}, seq[4] = {7, 0, 0, 0};
	struct crypto_iov iov[5] = {
	    {pw, 16}, {sid, 4}, {msg, sizeof(msg)}, {seq, 4}, {pw, 16}};

	md2_digest(iov, 5, want);
	ck_assert_int_eq(
	    authcode15_compute(1, pw, 0x12345678, msg, sizeof(msg), 7, out), 0);
	tu_assert_bytes(out, 16, want, 16);
}
END_TEST

START_TEST(test_straight_and_none)
{
	uint8_t pw[16] = "password", out[16], zero[16] = {0};

	ck_assert_int_eq(
	    authcode15_compute(4, pw, 1, msg, sizeof(msg), 1, out), 0);
	tu_assert_bytes(out, 16, pw, 16);
	ck_assert_int_eq(
	    authcode15_compute(0, pw, 1, msg, sizeof(msg), 1, out), 0);
	tu_assert_bytes(out, 16, zero, 16);
	ck_assert_int_eq(authcode15_compute(5, pw, 1, msg, sizeof(msg), 1, out),
	    ERR_UNSUPPORTED);
	ck_assert_int_eq(authcode15_compute(3, pw, 1, msg, sizeof(msg), 1, out),
	    ERR_UNSUPPORTED);
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
	Suite	*s = suite_create("authcode15");
	TCase	*tc = tcase_create("kat");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_md5_known_answer);
	tcase_add_test(tc, test_md2_layout);
	tcase_add_test(tc, test_straight_and_none);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
