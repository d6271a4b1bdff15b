/* Tests for src/client/suitelist.c: Get Channel Cipher Suites records. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "err.h"
#include "suitelist.h"

START_TEST(test_parse_openipmi_list)
{
	/* What OpenIPMI's ipmi_sim answers (record bytes of 5 responses). */
	static const uint8_t rec[] = {0xc0, 0x00, 0x00, 0x40, 0x80, 0xc0, 0x01,
	    0x01, 0x40, 0x80, 0xc0, 0x02, 0x01, 0x41, 0x80, 0xc0, 0x03, 0x01,
	    0x41, 0x81};
	struct suitelist     l;

	ck_assert_int_eq(suitelist_parse(rec, sizeof(rec), &l), 0);
	ck_assert_uint_eq(l.count, 4);
	ck_assert_uint_eq(l.entry[2].id, 2);
	ck_assert_uint_eq(l.entry[2].auth_alg, 1);
	ck_assert_uint_eq(l.entry[2].integ_alg, 1);
	ck_assert_uint_eq(l.entry[2].conf_alg, 0);
	ck_assert_uint_eq(l.entry[3].conf_alg, 1);
	ck_assert_int_eq(suitelist_best(&l), 3);
}
END_TEST

START_TEST(test_best_prefers_17_then_3)
{
	static const uint8_t both[] = {
	    0xc0, 0x03, 0x01, 0x41, 0x81, 0xc0, 0x11, 0x03, 0x44, 0x81};
	static const uint8_t only0[] = {0xc0, 0x00, 0x00, 0x40, 0x80};
	static const uint8_t rc4[] = {0xc0, 0x04, 0x01, 0x41, 0x82};
	struct suitelist     l;

	ck_assert_int_eq(suitelist_parse(both, sizeof(both), &l), 0);
	ck_assert_int_eq(suitelist_best(&l), 17);
	ck_assert(suitelist_has(&l, 3));
	ck_assert(!suitelist_has(&l, 2));
	ck_assert_int_eq(suitelist_parse(only0, sizeof(only0), &l), 0);
	ck_assert_int_eq(suitelist_best(&l), 0);
	/* xRC4 is never implemented. */
	ck_assert_int_eq(suitelist_parse(rc4, sizeof(rc4), &l), 0);
	ck_assert_int_eq(suitelist_best(&l), -1);
}
END_TEST

START_TEST(test_oem_record_and_errors)
{
	static const uint8_t oem[] = {0xc1, 0x30, 0x91, 0x12, 0x00, 0x01, 0x41,
	    0x80, 0xc0, 0x02, 0x01, 0x41, 0x80};
	static const uint8_t stray[] = {0x01, 0xc0, 0x02};
	static const uint8_t cut[] = {0xc0};
	static const uint8_t cut_oem[] = {0xc1, 0x30, 0x91};
	static const uint8_t badtag[] = {0xc0, 0x02, 0xc5};
	struct suitelist     l;

	ck_assert_int_eq(suitelist_parse(oem, sizeof(oem), &l), 0);
	ck_assert_uint_eq(l.count, 2);
	ck_assert(l.entry[0].oem);
	ck_assert_uint_eq(l.entry[0].iana, 4753);
	/* An OEM ID is not the standard suite of that number. */
	ck_assert(!suitelist_has(&l, 0x30));
	ck_assert_int_eq(suitelist_best(&l), 2);
	ck_assert_int_eq(suitelist_parse(stray, sizeof(stray), &l), ERR_FORMAT);
	ck_assert_int_eq(suitelist_parse(cut, sizeof(cut), &l), ERR_TRUNCATED);
	ck_assert_int_eq(
	    suitelist_parse(cut_oem, sizeof(cut_oem), &l), ERR_TRUNCATED);
	ck_assert_int_eq(
	    suitelist_parse(badtag, sizeof(badtag), &l), ERR_FORMAT);
	ck_assert_int_eq(suitelist_parse(NULL, 0, &l), 0);
	ck_assert_uint_eq(l.count, 0);
	ck_assert_int_eq(suitelist_best(&l), -1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("suitelist");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_parse_openipmi_list);
	tcase_add_test(tc, test_best_prefers_17_then_3);
	tcase_add_test(tc, test_oem_record_and_errors);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
