/*
 * Tests for src/codec/snmp.c: BER OIDs (the known answers of the SNMP
 * notes among the seeds), SNMPv1 traps and the PET data they carry, round
 * trips, every truncation, and the describer.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "err.h"
#include "snmp.h"

/*
 * A PET as a BMC sends it: SNMPv1, community "public", enterprise
 * 1.3.6.1.4.1.3183.1.1, agent 192.0.2.10, enterpriseSpecific, specific
 * trap 010181h (temperature, threshold, assertion, offset 1), uptime 1234,
 * one binding 1.3.6.1.4.1.3183.1.1.1 with 47 bytes of PET data.
 */
static const uint8_t pet_guid[16] = {0x21, 0x4f, 0x0e, 0x1d, 0x5b, 0x7a, 0x3e,
    0x9c, 0x2b, 0x4d, 0x47, 0x8a, 0x52, 0x3c, 0x1e, 0x6f};

static void
make_pet(struct pet_data *d)
{
	static const uint8_t ev[8] = {
	    0x01, 0x55, 0x50, 0xff, 0xff, 0xff, 0xff, 0xff};

	memset(d, 0, sizeof(*d));
	memcpy(d->guid, pet_guid, 16);
	d->sequence = 7;
	d->timestamp = 907977600; /* 2026-10-10 00:00:00 */
	d->utc_offset = -1;
	d->trap_source = 0x20;
	d->event_source = 0x20;
	d->severity = 0x08;
	d->sensor_device = 0x20;
	d->sensor_number = 0x30;
	d->entity = 0x03;
	d->entity_instance = 0x01;
	memcpy(d->event_data, ev, 8);
	d->language = 25;
	d->manufacturer_id = 10876;
	d->system_id = 0x1b11;
}

static size_t
make_trap(uint8_t *out, size_t cap, uint8_t *petbuf, size_t petcap)
{
	struct snmp_trap t;
	struct pet_data	 d;
	size_t		 petlen, len;

	make_pet(&d);
	ck_assert_int_eq(pet_encode(&d, petbuf, petcap, &petlen), 0);
	ck_assert_uint_eq(petlen, 47);
	memset(&t, 0, sizeof(t));
	t.community = (const uint8_t *)"public";
	t.community_len = 6;
	t.enterprise = pet_enterprise_oid;
	memcpy(t.agent_addr, "\xc0\x00\x02\x0a", 4);
	t.generic_trap = SNMP_TRAP_ENTERPRISE_SPECIFIC;
	t.specific_trap = pet_specific_trap(0x01, 0x01, 0, 1);
	t.time_stamp = 1234;
	t.nvb = 1;
	t.vb[0].name = pet_binding_oid;
	t.vb[0].type = BER_OCTET_STRING;
	t.vb[0].value = petbuf;
	t.vb[0].value_len = petlen;
	ck_assert_int_eq(snmp_encode_trap(&t, out, cap, &len), 0);
	return len;
}

START_TEST(test_oid_known_answers)
{
	/* The seed's example: .1.3.6.1.4.1.9999 is 2B 06 01 04 01 CE 0F. */
	static const uint8_t want[] = {0x30, 0x21, 0x02, 0x01, 0x00, 0x04, 0x00,
	    0xa4, 0x1a, 0x06, 0x07, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xce, 0x0f};
	struct snmp_trap     t;
	uint8_t		     out[128];
	size_t		     len;
	char		     buf[64];

	memset(&t, 0, sizeof(t));
	ck_assert_int_eq(snmp_oid_parse(".1.3.6.1.4.1.9999", &t.enterprise), 0);
	ck_assert_uint_eq(t.enterprise.n, 7);
	ck_assert_int_eq(snmp_encode_trap(&t, out, sizeof(out), &len), 0);
	ck_assert_mem_eq(out, want, sizeof(want));
	ck_assert_str_eq(snmp_oid_format(&t.enterprise, buf, sizeof(buf)),
	    ".1.3.6.1.4.1.9999");
	/* 3183 = 24 * 128 + 111: 98 6f. */
	ck_assert_int_eq(
	    snmp_oid_parse("1.3.6.1.4.1.3183.1.1", &t.enterprise), 0);
	ck_assert_int_eq(snmp_oid_equal(&t.enterprise, &pet_enterprise_oid), 1);
	ck_assert_int_eq(snmp_encode_trap(&t, out, sizeof(out), &len), 0);
	ck_assert_mem_eq(
	    out + 9, "\x06\x09\x2b\x06\x01\x04\x01\x98\x6f\x01\x01", 11);
	ck_assert_int_eq(snmp_oid_parse("1", &t.enterprise), ERR_FORMAT);
	ck_assert_int_eq(snmp_oid_parse("1.3.", &t.enterprise), ERR_FORMAT);
	ck_assert_int_eq(snmp_oid_parse("1.x", &t.enterprise), ERR_FORMAT);
	ck_assert_int_eq(
	    snmp_oid_parse("1.3.99999999999", &t.enterprise), ERR_FORMAT);
}
END_TEST

START_TEST(test_pet_round_trip)
{
	uint8_t buf[SNMP_TRAP_MAX], petbuf[64];
	size_t	len = make_trap(buf, sizeof(buf), petbuf, sizeof(petbuf));
	struct snmp_trap t;
	struct pet_data	 d, want;

	ck_assert_int_eq(snmp_decode_trap(buf, len, &t), 0);
	ck_assert_int_eq(t.version, 0);
	ck_assert_uint_eq(t.community_len, 6);
	ck_assert_mem_eq(t.community, "public", 6);
	ck_assert_int_eq(snmp_oid_equal(&t.enterprise, &pet_enterprise_oid), 1);
	ck_assert_mem_eq(t.agent_addr, "\xc0\x00\x02\x0a", 4);
	ck_assert_int_eq(t.generic_trap, 6);
	ck_assert_int_eq(t.specific_trap, 0x010101);
	ck_assert_uint_eq(t.time_stamp, 1234);
	ck_assert_uint_eq(t.nvb, 1);
	ck_assert_int_eq(snmp_oid_equal(&t.vb[0].name, &pet_binding_oid), 1);
	ck_assert_uint_eq(t.vb[0].type, BER_OCTET_STRING);
	ck_assert_int_eq(pet_decode(t.vb[0].value, t.vb[0].value_len, &d), 0);
	make_pet(&want);
	ck_assert_mem_eq(d.guid, want.guid, 16);
	ck_assert_uint_eq(d.sequence, 7);
	ck_assert_uint_eq(d.timestamp, 907977600);
	ck_assert_int_eq(d.utc_offset, -1);
	ck_assert_uint_eq(d.severity, 0x08);
	ck_assert_uint_eq(d.sensor_number, 0x30);
	ck_assert_mem_eq(d.event_data, want.event_data, 8);
	ck_assert_uint_eq(d.manufacturer_id, 10876);
	ck_assert_uint_eq(d.system_id, 0x1b11);
	ck_assert_uint_eq(d.oem_len, 1);
	ck_assert_uint_eq(d.oem[0], 0xc1);
	/* Big-endian fields where PET 1.0 puts them. */
	ck_assert_mem_eq(petbuf + 16, "\x00\x07\x36\x1e\xa3\x80\xff\xff", 8);
	ck_assert_mem_eq(petbuf + 40, "\x00\x00\x2a\x7c\x1b\x11\xc1", 7);
}
END_TEST

START_TEST(test_every_truncation_fails)
{
	uint8_t buf[SNMP_TRAP_MAX], petbuf[64];
	size_t	len = make_trap(buf, sizeof(buf), petbuf, sizeof(petbuf));
	struct snmp_trap t;
	struct pet_data	 d;
	uint8_t		 longer[SNMP_TRAP_MAX + 1];
	size_t		 i;

	for (i = 0; i < len; i++)
		ck_assert_int_ne(snmp_decode_trap(buf, i, &t), 0);
	memcpy(longer, buf, len);
	longer[len] = 0;
	ck_assert_int_eq(snmp_decode_trap(longer, len + 1, &t), ERR_TRAILING);
	for (i = 0; i < PET_DATA_FIXED_LEN; i++)
		ck_assert_int_eq(pet_decode(petbuf, i, &d), ERR_TRUNCATED);
}
END_TEST

START_TEST(test_malformed_ber_refused)
{
	struct snmp_trap t;
	/* A length in long form that fits the short form. */
	static const uint8_t nonminimal[] = {
	    0x30, 0x81, 0x03, 0x02, 0x01, 0x00};
	/* Indefinite length. */
	static const uint8_t indefinite[] = {
	    0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00};
	/* SNMPv2c (version 1): no Trap-PDU there. */
	static const uint8_t v2c[] = {0x30, 0x05, 0x02, 0x01, 0x01, 0x04, 0x00};
	/* An OID sub-identifier with a leading 80h. */
	static const uint8_t badoid[] = {0x30, 0x0c, 0x02, 0x01, 0x00, 0x04,
	    0x00, 0xa4, 0x05, 0x06, 0x03, 0x2b, 0x80, 0x01};
	/* An INTEGER with a redundant leading 00h. */
	static const uint8_t badint[] = {
	    0x30, 0x06, 0x02, 0x02, 0x00, 0x01, 0x04, 0x00};

	ck_assert_int_eq(
	    snmp_decode_trap(nonminimal, sizeof(nonminimal), &t), ERR_FORMAT);
	ck_assert_int_eq(
	    snmp_decode_trap(indefinite, sizeof(indefinite), &t), ERR_FORMAT);
	ck_assert_int_eq(snmp_decode_trap(v2c, sizeof(v2c), &t), ERR_FORMAT);
	ck_assert_int_eq(
	    snmp_decode_trap(badoid, sizeof(badoid), &t), ERR_FORMAT);
	ck_assert_int_eq(
	    snmp_decode_trap(badint, sizeof(badint), &t), ERR_FORMAT);
}
END_TEST

START_TEST(test_integers_both_signs)
{
	struct snmp_trap     t, u;
	uint8_t		     buf[128];
	size_t		     len;
	static const int32_t vals[] = {0, 1, 127, 128, 255, 256, -1, -128, -129,
	    0x7fffffff, (int32_t)0x80000000, 0x00ffffff};
	unsigned	     i;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		memset(&t, 0, sizeof(t));
		t.enterprise = pet_enterprise_oid;
		t.generic_trap = 6;
		t.specific_trap = vals[i];
		t.time_stamp = (uint32_t)vals[i];
		ck_assert_int_eq(
		    snmp_encode_trap(&t, buf, sizeof(buf), &len), 0);
		ck_assert_int_eq(snmp_decode_trap(buf, len, &u), 0);
		ck_assert_int_eq(u.specific_trap, vals[i]);
		ck_assert_uint_eq(u.time_stamp, (uint32_t)vals[i]);
	}
}
END_TEST

START_TEST(test_describe)
{
	uint8_t buf[SNMP_TRAP_MAX], petbuf[64];
	size_t	len = make_trap(buf, sizeof(buf), petbuf, sizeof(petbuf));
	char   *out = NULL;
	size_t	outlen = 0;
	FILE   *f = open_memstream(&out, &outlen);

	ck_assert_int_eq(describe_snmp_trap(f, "", buf, len), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out,
	    "enterprise      : .1.3.6.1.4.1.3183.1.1 (wired for management"));
	ck_assert_ptr_nonnull(strstr(out, "agent address   : 192.0.2.10"));
	ck_assert_ptr_nonnull(strstr(out, "sensor type 01h (temperature)"));
	ck_assert_ptr_nonnull(
	    strstr(out, ".1.3.6.1.4.1.3183.1.1.1 = type 04h"));
	ck_assert_ptr_nonnull(strstr(
	    out, "GUID            : 6f1e3c52-8a47-4d2b-9c3e-7a5b1d0e4f21"));
	ck_assert_ptr_nonnull(
	    strstr(out, "severity        : 08h (non-critical)"));
	ck_assert_ptr_nonnull(strstr(out, "2026-10-10 00:00:00 local"));
	ck_assert_ptr_nonnull(strstr(out, "OEM custom      : none (C1h)"));
	free(out);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("snmp");
	TCase	*tc = tcase_create("snmp");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_oid_known_answers);
	tcase_add_test(tc, test_pet_round_trip);
	tcase_add_test(tc, test_every_truncation_fails);
	tcase_add_test(tc, test_malformed_ber_refused);
	tcase_add_test(tc, test_integers_both_signs);
	tcase_add_test(tc, test_describe);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
