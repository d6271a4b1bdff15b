/*
 * The RAKP computations on the seed trace's inputs: HMAC-SHA1 against the
 * trace itself; HMAC-SHA256 and HMAC-MD5 against values computed with
 * Python's hmac module from the same inputs.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "rakp_keys.h"
#include "seedtrace.h"
#include "suite.h"
#include "testutil.h"

static struct seed_trace      trace;
static struct rakp_keys_input in;
static uint8_t		      kuid[20];

static void
setup(void)
{
	ck_assert_int_eq(crypto_init(), 0);
	seedtrace_load(&trace, "seed_002_rmcpp_session.txt");
	memset(&in, 0, sizeof(in));
	in.console_sid = 0xa0a2a3a4;
	in.bmc_sid = 0x00000682;
	memcpy(in.console_rand, seedtrace_get(&trace, "console_random")->bytes,
	    16);
	memcpy(in.bmc_rand, seedtrace_get(&trace, "bmc_random")->bytes, 16);
	memcpy(in.guid, seedtrace_get(&trace, "guid")->bytes, 16);
	in.role = 0x14;
	in.name_len = 5;
	memcpy(in.name, "ADMIN", 5);
	memset(kuid, 0, sizeof(kuid));
	memcpy(kuid, "ADMIN", 5);
}

static void
assert_seed(const uint8_t *got, size_t len, const char *name)
{
	const struct seed_record *r = seedtrace_get(&trace, name);

	tu_assert_bytes(got, len, r->bytes, r->len);
}

START_TEST(test_seed_inputs)
{
	uint8_t buf[RAKP_KEYS_INPUT_MAX];

	assert_seed(buf, rakp_keys_rakp2_input(&in, buf), "rakp2_hmac_input");
	assert_seed(buf, rakp_keys_rakp3_input(&in, buf), "rakp3_hmac_input");
	assert_seed(buf, rakp_keys_sik_input(&in, buf), "sik_input");
	assert_seed(buf, rakp_keys_rakp4_input(&in, buf), "rakp4_icv_input");
}
END_TEST

START_TEST(test_seed_hmac_sha1)
{
	uint8_t out[32], sik[32];

	ck_assert_int_eq(rakp_keys_rakp2_auth(1, kuid, &in, out), 0);
	assert_seed(out, 20, "rakp2_hmac");
	ck_assert_int_eq(rakp_keys_rakp3_auth(1, kuid, &in, out), 0);
	assert_seed(out, 20, "rakp3_hmac");
	ck_assert_int_eq(rakp_keys_sik(1, kuid, &in, sik), 0);
	assert_seed(sik, 20, "sik");
	ck_assert_int_eq(rakp_keys_k(1, sik, 1, out), 0);
	assert_seed(out, 20, "k1");
	ck_assert_int_eq(rakp_keys_k(1, sik, 2, out), 0);
	assert_seed(out, 20, "k2");
	ck_assert_int_eq(rakp_keys_rakp4_icv(1, sik, &in, out), 0);
	assert_seed(out, 12, "rakp4_icv");
}
END_TEST

static void
check_alg(uint8_t alg, const char *rakp2, const char *rakp3, const char *sik,
    const char *k1, const char *k2, const char *icv)
{
	uint8_t out[32], s[32], want[32];
	size_t	n = suite_auth_code_len(alg);

	ck_assert_int_eq(rakp_keys_rakp2_auth(alg, kuid, &in, out), 0);
	tu_assert_bytes(out, n, want, tu_hex(rakp2, want, sizeof(want)));
	ck_assert_int_eq(rakp_keys_rakp3_auth(alg, kuid, &in, out), 0);
	tu_assert_bytes(out, n, want, tu_hex(rakp3, want, sizeof(want)));
	ck_assert_int_eq(rakp_keys_sik(alg, kuid, &in, s), 0);
	tu_assert_bytes(s, n, want, tu_hex(sik, want, sizeof(want)));
	ck_assert_int_eq(rakp_keys_k(alg, s, 1, out), 0);
	tu_assert_bytes(out, n, want, tu_hex(k1, want, sizeof(want)));
	ck_assert_int_eq(rakp_keys_k(alg, s, 2, out), 0);
	tu_assert_bytes(out, n, want, tu_hex(k2, want, sizeof(want)));
	ck_assert_int_eq(rakp_keys_rakp4_icv(alg, s, &in, out), 0);
	tu_assert_bytes(out, suite_rakp4_icv_len(alg), want,
	    tu_hex(icv, want, sizeof(want)));
}

START_TEST(test_hmac_sha256)
{
	check_alg(AUTH_ALG_RAKP_HMAC_SHA256,
	    "22aa0360975936ae3d322aff2862ec06b8481bac2f909047226a729e923b45b4",
	    "aa7f1bfacb73e5df9823509fd5e4c15c6a3986b048e12b8497ed9e104361e5a7",
	    "97135b7c122707c4f5e3621503f5051225ac9e676476d5fa740b09fd0c38567b",
	    "5bb6edc784a74ed3e8b4be7d93dc2a796b09b7775fbc871fa8ab2e6f89e1b75b",
	    "19513d1b7c805db0a7337f0d5f7fbd7685f309a820ef22a60e168f64ed4a535a",
	    "a0eb47bf6e607f14d0f0684c3d9acd75");
}
END_TEST

START_TEST(test_hmac_md5)
{
	check_alg(AUTH_ALG_RAKP_HMAC_MD5, "939277ccb6e0fcbb7003e5965d124ae8",
	    "c1ea3623c572c1953fe96d1886edc718",
	    "c8b6728e80a25cbfbdb5c4d87bc91ae2",
	    "162438e14ebd58d3014b2fb3fa2c8909",
	    "98730102b3117d8cf57d800aed2994b2",
	    "8d8673c27826edfd59a7642531d9637d");
}
END_TEST

START_TEST(test_two_key_login_changes_sik_only)
{
	uint8_t kg[20] = "the-bmc-key", a[32], b[32];

	ck_assert_int_eq(rakp_keys_sik(1, kuid, &in, a), 0);
	ck_assert_int_eq(rakp_keys_sik(1, kg, &in, b), 0);
	ck_assert_int_ne(memcmp(a, b, 20), 0);
	/* RAKP2 and RAKP3 stay keyed by the password. */
	ck_assert_int_eq(rakp_keys_rakp2_auth(1, kuid, &in, a), 0);
	assert_seed(a, 20, "rakp2_hmac");
}
END_TEST

START_TEST(test_rakp_none_writes_nothing)
{
	uint8_t out[4] = {0xee, 0xee, 0xee, 0xee};

	ck_assert_int_eq(rakp_keys_rakp2_auth(0, kuid, &in, out), 0);
	ck_assert_int_eq(rakp_keys_sik(0, kuid, &in, out), 0);
	ck_assert_mem_eq(out, "\xee\xee\xee\xee", 4);
	ck_assert_int_ne(rakp_keys_rakp2_auth(7, kuid, &in, out), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("rakp_keys");
	TCase	*tc = tcase_create("kat");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_seed_inputs);
	tcase_add_test(tc, test_seed_hmac_sha1);
	tcase_add_test(tc, test_hmac_sha256);
	tcase_add_test(tc, test_hmac_md5);
	tcase_add_test(tc, test_two_key_login_changes_sik_only);
	tcase_add_test(tc, test_rakp_none_writes_nothing);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
