/*
 * Tests for src/model/sdr.c: a sensor section as its records show it
 * (names of replicas, event and reading masks), the linear conversion,
 * and the record builders' bytes through the codec.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sdr.h"

START_TEST(test_sensor_name)
{
	struct model_sensor m;
	char		    out[SDR_ID_MAX + 1];

	memset(&m, 0, sizeof(m));
	strcpy(m.name, "Inlet Temp");
	m.count = 1;
	sdr_sensor_name(&m, 0, out);
	ck_assert_str_eq(out, "Inlet Temp");
	/* A section of several: " N" after the name, 1-based. */
	strcpy(m.name, "Fan");
	m.count = 6;
	sdr_sensor_name(&m, 4, out);
	ck_assert_str_eq(out, "Fan 5");
	/* "{n}" numbers it in place. */
	strcpy(m.name, "CPU{n} Temp");
	m.count = 2;
	sdr_sensor_name(&m, 1, out);
	ck_assert_str_eq(out, "CPU2 Temp");
	/* Never longer than an ID string holds: the number is cut off. */
	strcpy(m.name, "Long Sensor Name");
	m.count = 12;
	sdr_sensor_name(&m, 11, out);
	ck_assert_uint_eq(strlen(out), SDR_ID_MAX);
	ck_assert_str_eq(out, "Long Sensor Name");
}
END_TEST

START_TEST(test_masks_threshold)
{
	struct model_sensor m;
	uint16_t	    a, d, r;

	memset(&m, 0, sizeof(m));
	m.event_type = SDR_EVENT_THRESHOLD;
	/* UNC and UCR readable (bits 3, 4): going high 7 and 9. */
	sdr_sensor_masks(&m, 0x18, &a, &d, &r);
	ck_assert_uint_eq(a, (1u << 7) | (1u << 9));
	ck_assert_uint_eq(d, a);
	ck_assert_uint_eq(r, 0);
	/* LNC (bit 0): going low, offset 0. */
	sdr_sensor_masks(&m, 0x01, &a, &d, &r);
	ck_assert_uint_eq(a, 0x0001);
	/* The model's own masks win. */
	m.assert_mask = 0x0200;
	m.deassert_mask = 0x0080;
	sdr_sensor_masks(&m, 0x18, &a, &d, &r);
	ck_assert_uint_eq(a, 0x0200);
	ck_assert_uint_eq(d, 0x0080);
}
END_TEST

START_TEST(test_masks_discrete)
{
	struct model_sensor m;
	uint16_t	    a, d, r;

	memset(&m, 0, sizeof(m));
	m.event_type = 0x6f; /* sensor-specific */
	m.state = 0x0001;
	m.off_state = 0x0004;
	sdr_sensor_masks(&m, 0, &a, &d, &r);
	ck_assert_uint_eq(r, 0x0005);
	ck_assert_uint_eq(a, 0x0005);
	ck_assert_uint_eq(d, 0x0005);
	/* No state at all: state 0 still readable. */
	m.state = m.off_state = 0;
	sdr_sensor_masks(&m, 0, &a, &d, &r);
	ck_assert_uint_eq(r, 0x0001);
}
END_TEST

START_TEST(test_linear_round_trip)
{
	struct sdr_linear l;

	memset(&l, 0, sizeof(l));
	l.m = 1;
	ck_assert_uint_eq(sdr_to_raw(&l, 42.0), 42);
	ck_assert(fabs(sdr_from_raw(&l, 42) - 42.0) < 1e-9);
	/* Clamped to what the byte holds. */
	ck_assert_uint_eq(sdr_to_raw(&l, 300.0), 255);
	ck_assert_uint_eq(sdr_to_raw(&l, -5.0), 0);
}
END_TEST

START_TEST(test_locators)
{
	uint8_t out[SDR_RECORD_MAX];
	size_t	n;

	n = sdr_mc_locator(0x0f, "BMC", 7, out);
	ck_assert_uint_gt(n, SDR_HEADER_LEN);
	/* Record ID 7 LSB first, version 51h, type 12h, body length. */
	ck_assert_mem_eq(out, "\x07\x00\x51\x12", 4);
	ck_assert_uint_eq(out[4], n - SDR_HEADER_LEN);
	n = sdr_fru_locator(2, "PSU", 8, out);
	ck_assert_mem_eq(out, "\x08\x00\x51\x11", 4);
	ck_assert_uint_eq(out[4], n - SDR_HEADER_LEN);
	ck_assert_mem_eq(out + n - 3, "PSU", 3);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sdr");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_sensor_name);
	tcase_add_test(tc, test_masks_threshold);
	tcase_add_test(tc, test_masks_discrete);
	tcase_add_test(tc, test_linear_round_trip);
	tcase_add_test(tc, test_locators);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
