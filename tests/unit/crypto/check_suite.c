/* The cipher suite table (IPMI 2.0 table 22-20) and algorithm sizes. */
#include <check.h>
#include <stdlib.h>

#include "suite.h"

START_TEST(test_table_ids_and_triples)
{
	static const uint8_t want[SUITE_COUNT][4] = {
	    {0, 0, 0, 1},
	    {1, 0, 0, 1},
	    {1, 1, 0, 1},
	    {1, 1, 1, 1},
	    {1, 1, 2, 0},
	    {1, 1, 3, 0},
	    {2, 0, 0, 1},
	    {2, 2, 0, 1},
	    {2, 2, 1, 1},
	    {2, 2, 2, 0},
	    {2, 2, 3, 0},
	    {2, 3, 0, 1},
	    {2, 3, 1, 1},
	    {2, 3, 2, 0},
	    {2, 3, 3, 0},
	    {3, 0, 0, 1},
	    {3, 4, 0, 1},
	    {3, 4, 1, 1},
	    {3, 4, 2, 0},
	    {3, 4, 3, 0},
	};
	const struct suite *s;
	unsigned	    i;

	for (i = 0; i < SUITE_COUNT; i++) {
		s = suite_by_id(i);
		ck_assert_ptr_nonnull(s);
		ck_assert_uint_eq(s->id, i);
		ck_assert_uint_eq(s->auth_alg, want[i][0]);
		ck_assert_uint_eq(s->integ_alg, want[i][1]);
		ck_assert_uint_eq(s->conf_alg, want[i][2]);
		ck_assert_uint_eq(s->implemented, want[i][3]);
		ck_assert_ptr_eq(
		    suite_by_algs(s->auth_alg, s->integ_alg, s->conf_alg), s);
	}
	ck_assert_ptr_null(suite_by_id(20));
	ck_assert_ptr_null(suite_by_id(255));
	ck_assert_ptr_null(suite_by_algs(3, 1, 1)); /* no such triple */
	ck_assert_ptr_null(suite_by_algs(0, 1, 0));
	/* 0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17 */
	ck_assert_uint_eq(suite_implemented_mask(), 0x399cfu);
}
END_TEST

START_TEST(test_lengths_agree)
{
	const struct suite *s;
	unsigned	    i;

	ck_assert_uint_eq(suite_auth_code_len(AUTH_ALG_RAKP_NONE), 0);
	ck_assert_uint_eq(suite_auth_code_len(AUTH_ALG_RAKP_HMAC_SHA1), 20);
	ck_assert_uint_eq(suite_auth_code_len(AUTH_ALG_RAKP_HMAC_MD5), 16);
	ck_assert_uint_eq(suite_auth_code_len(AUTH_ALG_RAKP_HMAC_SHA256), 32);
	ck_assert_uint_eq(suite_rakp4_icv_len(AUTH_ALG_RAKP_HMAC_SHA1), 12);
	ck_assert_uint_eq(suite_rakp4_icv_len(AUTH_ALG_RAKP_HMAC_MD5), 16);
	ck_assert_uint_eq(suite_rakp4_icv_len(AUTH_ALG_RAKP_HMAC_SHA256), 16);
	ck_assert_uint_eq(suite_integ_len(INTEG_ALG_HMAC_SHA1_96), 12);
	ck_assert_uint_eq(suite_integ_len(INTEG_ALG_HMAC_MD5_128), 16);
	ck_assert_uint_eq(suite_integ_len(INTEG_ALG_MD5_128), 16);
	ck_assert_uint_eq(suite_integ_len(INTEG_ALG_HMAC_SHA256_128), 16);
	ck_assert_uint_eq(suite_integ_len(9), 0);
	for (i = 0; i < SUITE_COUNT; i++) {
		s = suite_by_id(i);
		if (!s->implemented)
			continue;
		/* Every HMAC integrity key (K1) is as long as its tag needs. */
		if (s->integ_alg != INTEG_ALG_NONE &&
		    s->integ_alg != INTEG_ALG_MD5_128)
			ck_assert_uint_ge(suite_auth_code_len(s->auth_alg),
			    suite_integ_len(s->integ_alg));
		/* AES keys come from K2: it must hold 16 bytes. */
		if (s->conf_alg == CONF_ALG_AES_CBC_128)
			ck_assert_uint_ge(suite_auth_code_len(s->auth_alg),
			    SUITE_AES_KEY_LEN);
		ck_assert_uint_le(
		    suite_auth_code_len(s->auth_alg), SUITE_KEY_MAX);
	}
}
END_TEST

START_TEST(test_rc4_never_implemented)
{
	ck_assert_int_eq(suite_conf_alg_known(CONF_ALG_XRC4_128), 1);
	ck_assert_int_eq(suite_conf_alg_implemented(CONF_ALG_XRC4_128), 0);
	ck_assert_int_eq(suite_conf_alg_implemented(CONF_ALG_XRC4_40), 0);
	ck_assert_int_eq(suite_conf_alg_implemented(CONF_ALG_AES_CBC_128), 1);
	ck_assert_int_eq(suite_conf_alg_known(4), 0);
	ck_assert_int_eq(suite_auth_alg_known(4), 0);
	ck_assert_int_eq(suite_integ_alg_known(5), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("suite");
	TCase	*tc = tcase_create("table");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_table_ids_and_triples);
	tcase_add_test(tc, test_lengths_agree);
	tcase_add_test(tc, test_rc4_never_implemented);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
