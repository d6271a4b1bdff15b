/*
 * Tests for src/common/fnv.c: the published FNV-1a 32-bit known answers
 * (offset basis 811C9DC5h, prime 01000193h), and that hashing in pieces
 * continues the same hash.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"

static uint32_t
fnv_str(const char *s)
{
	return fnv1a32(FNV1A32_INIT, s, strlen(s));
}

START_TEST(test_known_answers)
{
	ck_assert_uint_eq(FNV1A32_INIT, 0x811c9dc5u);
	ck_assert_uint_eq(fnv_str(""), 0x811c9dc5u);
	ck_assert_uint_eq(fnv_str("a"), 0xe40c292cu);
	ck_assert_uint_eq(fnv_str("b"), 0xe70c2de5u);
	ck_assert_uint_eq(fnv_str("foo"), 0xa9f37ed7u);
	ck_assert_uint_eq(fnv_str("foobar"), 0xbf9cf968u);
}
END_TEST

START_TEST(test_continues_in_pieces)
{
	uint32_t h = fnv1a32(FNV1A32_INIT, "foo", 3);

	ck_assert_uint_eq(fnv1a32(h, "bar", 3), 0xbf9cf968u);
	/* Zero bytes leave the hash as it was. */
	ck_assert_uint_eq(fnv1a32(h, NULL, 0), h);
}
END_TEST

START_TEST(test_binary_input)
{
	static const uint8_t zero = 0;

	/* One zero byte: only the multiply by the prime acts. */
	ck_assert_uint_eq(
	    fnv1a32(FNV1A32_INIT, &zero, 1), 0x811c9dc5u * 0x01000193u);
	ck_assert_uint_eq(fnv1a32(FNV1A32_INIT, &zero, 1), 0x050c5d1fu);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("fnv");
	TCase	*tc = tcase_create("fnv");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_known_answers);
	tcase_add_test(tc, test_continues_in_pieces);
	tcase_add_test(tc, test_binary_input);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
