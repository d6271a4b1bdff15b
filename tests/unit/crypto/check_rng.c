#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "rng.h"

START_TEST(test_seeded_is_reproducible)
{
	struct rng *a = rng_new_seeded(42), *b = rng_new_seeded(42);
	struct rng *c = rng_new_seeded(43);
	uint8_t	    x[37], y[37], z[37];

	ck_assert_int_eq(rng_bytes(a, x, sizeof(x)), 0);
	ck_assert_int_eq(rng_bytes(b, y, sizeof(y)), 0);
	ck_assert_int_eq(rng_bytes(c, z, sizeof(z)), 0);
	ck_assert_mem_eq(x, y, sizeof(x));
	ck_assert_int_ne(memcmp(x, z, sizeof(x)), 0);
	ck_assert_int_eq(rng_is_deterministic(a), 1);
	rng_free(a);
	rng_free(b);
	rng_free(c);
}
END_TEST

START_TEST(test_script_then_seeded)
{
	struct rng *s = rng_new_script(), *z = rng_new_seeded(0);
	uint8_t	    out[8], tail[5];

	ck_assert_int_eq(rng_script_push(s, "\x01\x02\x03", 3), 0);
	ck_assert_int_eq(rng_script_push(s, "\x04", 1), 0);
	ck_assert_int_eq(rng_bytes(s, out, 2), 0);
	ck_assert_mem_eq(out, "\x01\x02", 2);
	ck_assert_int_eq(rng_bytes(s, out, 7), 0);
	ck_assert_mem_eq(out, "\x03\x04", 2);
	/* After the script: the seed-0 stream. */
	ck_assert_int_eq(rng_bytes(z, tail, 5), 0);
	ck_assert_mem_eq(out + 2, tail, 5);
	ck_assert_int_eq(rng_script_push(z, "x", 1), ERR_INVALID_ARG);
	rng_free(s);
	rng_free(z);
}
END_TEST

START_TEST(test_system_source)
{
	struct rng *r = rng_new_system();
	uint8_t	    a[32], b[32];

	ck_assert_int_eq(crypto_init(), 0);
	ck_assert_int_eq(rng_bytes(r, a, sizeof(a)), 0);
	ck_assert_int_eq(rng_bytes(r, b, sizeof(b)), 0);
	ck_assert_int_ne(memcmp(a, b, sizeof(a)), 0);
	ck_assert_int_eq(rng_is_deterministic(r), 0);
	rng_free(r);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("rng");
	TCase	*tc = tcase_create("sources");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_seeded_is_reproducible);
	tcase_add_test(tc, test_script_then_seeded);
	tcase_add_test(tc, test_system_source);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
