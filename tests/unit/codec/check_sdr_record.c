/*
 * Tests for src/codec/sdr_record.c: known-answer records (the bytes the
 * model serves, from tests/unit/model/check_sensors.c and the shipped
 * models), round trips, every truncation, every short output buffer.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "err.h"
#include "sdr_record.h"

/* "Inlet Temp", sensor 1: the Full record of check_sensors.c. */
static const char kat_full[] =
    "01 00 51 01 35 20 00 01 37 01 7f 68 01 01 80 0a 80 7a 38 38 "
    "00 01 00 00 f4 40 00 00 00 d0 07 2e 4c 00 ff 00 5a 54 4c 00 00 00 "
    "02 02 00 00 00 ca 49 6e 6c 65 74 20 54 65 6d 70";
/* "Exhaust Temp" as the model writes it as a Compact record. */
static const char kat_compact[] =
    "01 00 51 02 27 20 01 07 07 02 7f 68 01 01 11 51 07 17 0d 05 00 01 "
    "00 00 00 01 02 00 00 00 00 cc 45 78 68 61 75 73 74 20 54 65 6d 70";
/* FRU device 1 ("PSU1 FRU") and the BMC's MC locator (last record). */
static const char kat_fru_loc[] =
    "65 00 51 11 13 20 01 80 00 00 10 00 0a 01 00 c8 50 53 55 31 20 46 52 "
    "55";
static const char kat_mc_loc[] =
    "ff ff 51 12 0e 20 00 00 bf 00 00 00 2e 01 00 c3 42 4d 43";

static size_t
hex(const char *s, uint8_t *out, size_t cap)
{
	size_t	 n = 0;
	unsigned v;
	int	 used;

	while (n < cap && sscanf(s, " %2x%n", &v, &used) == 1) {
		out[n++] = (uint8_t)v;
		s += used;
	}
	return n;
}

/* Encode and decode through one interface, for the loops below. */
struct kind {
	const char *kat;
	int (*decode)(const uint8_t *, size_t, void *);
	int (*encode)(const void *, uint8_t *, size_t, size_t *);
	size_t size;
};

static int
dec_full(const uint8_t *p, size_t n, void *r)
{
	return sdr_record_decode_full(p, n, r);
}
static int
enc_full(const void *r, uint8_t *o, size_t c, size_t *l)
{
	return sdr_record_encode_full(r, o, c, l);
}
static int
dec_compact(const uint8_t *p, size_t n, void *r)
{
	return sdr_record_decode_compact(p, n, r);
}
static int
enc_compact(const void *r, uint8_t *o, size_t c, size_t *l)
{
	return sdr_record_encode_compact(r, o, c, l);
}
static int
dec_fru_loc(const uint8_t *p, size_t n, void *r)
{
	return sdr_record_decode_fru_loc(p, n, r);
}
static int
enc_fru_loc(const void *r, uint8_t *o, size_t c, size_t *l)
{
	return sdr_record_encode_fru_loc(r, o, c, l);
}
static int
dec_mc_loc(const uint8_t *p, size_t n, void *r)
{
	return sdr_record_decode_mc_loc(p, n, r);
}
static int
enc_mc_loc(const void *r, uint8_t *o, size_t c, size_t *l)
{
	return sdr_record_encode_mc_loc(r, o, c, l);
}

static const struct kind kinds[] = {
    {kat_full, dec_full, enc_full, sizeof(struct sdr_record_full)},
    {kat_compact, dec_compact, enc_compact, sizeof(struct sdr_record_compact)},
    {kat_fru_loc, dec_fru_loc, enc_fru_loc, sizeof(struct sdr_record_fru_loc)},
    {kat_mc_loc, dec_mc_loc, enc_mc_loc, sizeof(struct sdr_record_mc_loc)},
};
#define NKINDS (int)(sizeof(kinds) / sizeof(kinds[0]))

union any_record {
	struct sdr_record_full	  full;
	struct sdr_record_compact compact;
	struct sdr_record_fru_loc fru_loc;
	struct sdr_record_mc_loc  mc_loc;
};

START_TEST(test_full_kat)
{
	struct sdr_record_full r;
	uint8_t		       in[80], out[80];
	size_t		       n = hex(kat_full, in, sizeof(in)), len;

	ck_assert_uint_eq(n, 58);
	ck_assert_int_eq(sdr_record_decode_full(in, n, &r), 0);
	ck_assert_uint_eq(r.hdr.id, 1);
	ck_assert_uint_eq(r.hdr.version, 0x51);
	ck_assert_uint_eq(r.hdr.length, 53);
	ck_assert_uint_eq(r.s.owner_id, 0x20);
	ck_assert_uint_eq(r.s.number, 1);
	ck_assert_uint_eq(r.s.entity_id, 0x37);
	ck_assert_uint_eq(r.s.init, 0x7f);
	ck_assert_uint_eq(r.s.caps, 0x68);
	ck_assert_uint_eq(r.s.assert_mask, 0x0a80);
	ck_assert_uint_eq(r.s.deassert_mask, 0x7a80);
	ck_assert_uint_eq(r.s.reading_mask, 0x3838);
	ck_assert_uint_eq(r.s.units2, 1); /* degrees C */
	ck_assert_int_eq(r.m, 500);
	ck_assert_int_eq(r.b, 0);
	ck_assert_int_eq(r.r_exp, -3);
	ck_assert_int_eq(r.b_exp, 0);
	ck_assert_uint_eq(r.analog_flags, 0x07);
	ck_assert_uint_eq(r.nominal, 0x2e);
	ck_assert_uint_eq(r.normal_max, 0x4c);
	ck_assert_uint_eq(r.sensor_max, 0xff);
	ck_assert_uint_eq(r.threshold[SDR_RECORD_UNR], 0x5a);
	ck_assert_uint_eq(r.threshold[SDR_RECORD_UCR], 0x54);
	ck_assert_uint_eq(r.threshold[SDR_RECORD_UNC], 0x4c);
	ck_assert_uint_eq(r.threshold[SDR_RECORD_LNC], 0x00);
	ck_assert_uint_eq(r.hyst_pos, 2);
	ck_assert_uint_eq(r.hyst_neg, 2);
	ck_assert_uint_eq(r.idstr.type, SDR_RECORD_ID_LATIN1);
	ck_assert_uint_eq(r.idstr.len, 10);
	ck_assert_mem_eq(r.idstr.bytes, "Inlet Temp", 10);
	ck_assert_int_eq(sdr_record_encode_full(&r, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, n);
	ck_assert_mem_eq(out, in, n);
}
END_TEST

/* Negative M and B, accuracy over 6 bits, direction, negative B exp. */
START_TEST(test_full_packed_fields)
{
	struct sdr_record_full r, d;
	uint8_t		       out[80];
	size_t		       len;

	memset(&r, 0, sizeof(r));
	r.m = -512;
	r.b = 511;
	r.tolerance = 0x3f;
	r.accuracy = 0x3ff;
	r.accuracy_exp = 2;
	r.direction = 1;
	r.r_exp = 7;
	r.b_exp = -8;
	ck_assert_int_eq(sdr_record_encode_full(&r, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, SDR_RECORD_FULL_FIXED_LEN);
	/* Bytes 25-30 of table 43-1. */
	ck_assert_mem_eq(out + 24, "\x00\xbf\xff\x7f\xf9\x78", 6);
	ck_assert_int_eq(sdr_record_decode_full(out, len, &d), 0);
	ck_assert_int_eq(d.m, -512);
	ck_assert_int_eq(d.b, 511);
	ck_assert_uint_eq(d.tolerance, 0x3f);
	ck_assert_uint_eq(d.accuracy, 0x3ff);
	ck_assert_uint_eq(d.accuracy_exp, 2);
	ck_assert_uint_eq(d.direction, 1);
	ck_assert_int_eq(d.r_exp, 7);
	ck_assert_int_eq(d.b_exp, -8);
}
END_TEST

START_TEST(test_compact_and_locator_kat)
{
	struct sdr_record_compact c;
	struct sdr_record_fru_loc f;
	struct sdr_record_mc_loc  m;
	uint8_t			  in[80];
	size_t			  n;

	n = hex(kat_compact, in, sizeof(in));
	ck_assert_int_eq(sdr_record_decode_compact(in, n, &c), 0);
	ck_assert_uint_eq(c.s.owner_lun, 1);
	ck_assert_uint_eq(c.s.number, 7);
	ck_assert_uint_eq(c.s.entity_instance, 2);
	ck_assert_uint_eq(c.s.assert_mask, 0x5111);
	ck_assert_uint_eq(c.hyst_pos, 1);
	ck_assert_uint_eq(c.hyst_neg, 2);
	ck_assert_mem_eq(c.idstr.bytes, "Exhaust Temp", 12);
	n = hex(kat_fru_loc, in, sizeof(in));
	ck_assert_int_eq(sdr_record_decode_fru_loc(in, n, &f), 0);
	ck_assert_uint_eq(f.hdr.id, 0x65);
	ck_assert_uint_eq(f.fru_id, 1);
	ck_assert_uint_eq(f.access_lun, 0x80);
	ck_assert_uint_eq(f.device_type, 0x10);
	ck_assert_uint_eq(f.entity_id, 0x0a);
	ck_assert_mem_eq(f.idstr.bytes, "PSU1 FRU", 8);
	n = hex(kat_mc_loc, in, sizeof(in));
	ck_assert_int_eq(sdr_record_decode_mc_loc(in, n, &m), 0);
	ck_assert_uint_eq(m.hdr.id, 0xffff);
	ck_assert_uint_eq(m.capabilities, 0xbf);
	ck_assert_uint_eq(m.entity_id, 0x2e);
	ck_assert_uint_eq(m.idstr.len, 3);
}
END_TEST

START_TEST(test_round_trip)
{
	const struct kind *k = &kinds[_i];
	union any_record   r;
	uint8_t		   in[80], out[80];
	size_t		   n = hex(k->kat, in, sizeof(in)), len;

	ck_assert_int_eq(k->decode(in, n, &r), 0);
	ck_assert_int_eq(k->encode(&r, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, n);
	ck_assert_mem_eq(out, in, n);
}
END_TEST

/* Every shorter length fails, and the length byte must agree either way. */
START_TEST(test_every_truncation)
{
	const struct kind *k = &kinds[_i];
	union any_record   r;
	uint8_t		   in[80];
	size_t		   n = hex(k->kat, in, sizeof(in)), i;

	for (i = 0; i < n; i++)
		ck_assert_int_eq(k->decode(in, i, &r), ERR_TRUNCATED);
	in[n] = 0;
	ck_assert_int_eq(k->decode(in, n + 1, &r), ERR_TRAILING);
	/* A length byte one short leaves a byte over; one long, short. */
	in[4]--;
	ck_assert_int_eq(k->decode(in, n, &r), ERR_TRAILING);
	in[4] = (uint8_t)(in[4] + 2);
	ck_assert_int_eq(k->decode(in, n, &r), ERR_TRUNCATED);
}
END_TEST

/* Capacity one short: ERR_NOSPACE and nothing written at all. */
START_TEST(test_every_short_buffer)
{
	const struct kind *k = &kinds[_i];
	union any_record   r;
	uint8_t		   in[80], out[96];
	size_t		   n = hex(k->kat, in, sizeof(in)), cap, len;

	ck_assert_int_eq(k->decode(in, n, &r), 0);
	for (cap = 0; cap < n; cap++) {
		memset(out, 0xee, sizeof(out));
		len = 12345;
		ck_assert_int_eq(k->encode(&r, out, cap, &len), ERR_NOSPACE);
		ck_assert_uint_eq(len, 12345);
		for (size_t i = 0; i < sizeof(out); i++)
			ck_assert_uint_eq(out[i], 0xee);
	}
	ck_assert_int_eq(k->encode(&r, out, n, &len), 0);
	ck_assert_uint_eq(len, n);
	ck_assert_uint_eq(out[n], 0xee);
}
END_TEST

START_TEST(test_wrong_type_and_long_id)
{
	struct sdr_record_full	  f;
	struct sdr_record_compact c;
	uint8_t			  in[80], out[80];
	size_t			  n = hex(kat_full, in, sizeof(in)), len;

	/* A Full record is not a Compact one. */
	ck_assert_int_eq(sdr_record_decode_compact(in, n, &c), ERR_FORMAT);
	/* An ID string longer than what the record holds. */
	in[47] = 0xcb;
	ck_assert_int_eq(sdr_record_decode_full(in, n, &f), ERR_FORMAT);
	/* The encoder refuses IDs over 16 bytes. */
	memset(&f, 0, sizeof(f));
	f.idstr.len = SDR_RECORD_ID_MAX + 1;
	ck_assert_int_eq(sdr_record_encode_full(&f, out, sizeof(out), &len),
	    ERR_INVALID_ARG);
	f.idstr.len = SDR_RECORD_ID_MAX;
	ck_assert_int_eq(sdr_record_encode_full(&f, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, SDR_RECORD_LEN_MAX);
}
END_TEST

START_TEST(test_header_and_names)
{
	struct sdr_record_header h;
	struct rd		 r;
	uint8_t			 in[80];
	size_t			 n = hex(kat_mc_loc, in, sizeof(in));

	rd_init(&r, in, 4);
	ck_assert_int_eq(sdr_record_decode_header(&r, &h), ERR_TRUNCATED);
	ck_assert_uint_eq(rd_left(&r), 4); /* not moved */
	rd_init(&r, in, n);
	ck_assert_int_eq(sdr_record_decode_header(&r, &h), 0);
	ck_assert_uint_eq(h.type, SDR_RECORD_MC_LOC);
	ck_assert_uint_eq(rd_left(&r), h.length);
	ck_assert_str_eq(sdr_record_type_name(0x01), "Full Sensor");
	ck_assert_str_eq(
	    sdr_record_type_name(0x12), "Management Controller Device Locator");
	ck_assert_str_eq(sdr_record_type_name(0x55), "unknown");
}
END_TEST

static Suite *
sdr_record_suite(void)
{
	Suite *s = suite_create("sdr_record");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_full_kat);
	tcase_add_test(tc, test_full_packed_fields);
	tcase_add_test(tc, test_compact_and_locator_kat);
	tcase_add_loop_test(tc, test_round_trip, 0, NKINDS);
	tcase_add_loop_test(tc, test_every_truncation, 0, NKINDS);
	tcase_add_loop_test(tc, test_every_short_buffer, 0, NKINDS);
	tcase_add_test(tc, test_wrong_type_and_long_id);
	tcase_add_test(tc, test_header_and_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sdr_record_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
