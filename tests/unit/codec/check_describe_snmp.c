/*
 * Tests for src/codec/describe_snmp.c: a Platform Event Trap (the vector
 * of check_snmp.c) described in full, line for line; the names of the
 * generic traps, severities and sources; a trap that is not a PET; PET
 * data too short for its fixed fields; and every truncation of the trap,
 * each described as one line saying why, never a crash.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "err.h"
#include "snmp.h"

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

/* The trap of check_snmp.c around PET data d (petcap bytes at petbuf). */
static size_t
make_trap(const struct pet_data *d, int32_t specific, uint8_t *out, size_t cap,
    uint8_t *petbuf, size_t petlen_max)
{
	struct snmp_trap t;
	size_t		 petlen, len;

	ck_assert_int_eq(pet_encode(d, petbuf, petlen_max, &petlen), 0);
	memset(&t, 0, sizeof(t));
	t.community = (const uint8_t *)"public";
	t.community_len = 6;
	t.enterprise = pet_enterprise_oid;
	memcpy(t.agent_addr, "\xc0\x00\x02\x0a", 4);
	t.generic_trap = SNMP_TRAP_ENTERPRISE_SPECIFIC;
	t.specific_trap = specific;
	t.time_stamp = 1234;
	t.nvb = 1;
	t.vb[0].name = pet_binding_oid;
	t.vb[0].type = BER_OCTET_STRING;
	t.vb[0].value = petbuf;
	t.vb[0].value_len = petlen;
	ck_assert_int_eq(snmp_encode_trap(&t, out, cap, &len), 0);
	return len;
}

/* Describes p[0..n) with indent; returns the text (freed by the caller). */
static char *
describe(const char *indent, const uint8_t *p, size_t n, int *rc)
{
	char  *out = NULL;
	size_t outlen = 0;
	FILE  *f = open_memstream(&out, &outlen);

	ck_assert_ptr_nonnull(f);
	*rc = describe_snmp_trap(f, indent, p, n);
	fclose(f);
	return out;
}

static const char pet_described[] =
    "> SNMP message (109 bytes)\n"
    ">   version         : 0 (SNMPv1)\n"
    ">   community       : \"public\"\n"
    ">   PDU             : Trap-PDU (A4h)\n"
    ">   enterprise      : .1.3.6.1.4.1.3183.1.1 (wired for management, "
    "IPMI PET 1.0)\n"
    ">   agent address   : 192.0.2.10\n"
    ">   generic trap    : 6 (enterpriseSpecific)\n"
    ">   specific trap   : 65793 (010101h): sensor type 01h (temperature), "
    "event type 01h, assertion, offset 1\n"
    ">   time stamp      : 1234 (12.34 s since the agent started)\n"
    ">   variable bindings: 1\n"
    ">     .1.3.6.1.4.1.3183.1.1.1 = type 04h, 47 bytes\n"
    ">     PET data (IPMI Platform Event Trap 1.0):\n"
    ">       GUID            : 6f1e3c52-8a47-4d2b-9c3e-7a5b1d0e4f21\n"
    ">       sequence        : 7\n"
    ">       local timestamp : 907977600 s after 1998-01-01 (2026-10-10 "
    "00:00:00 local)\n"
    ">       UTC offset      : unspecified\n"
    ">       trap source     : 20h (IPMI)\n"
    ">       event source    : 20h (IPMI)\n"
    ">       severity        : 08h (non-critical)\n"
    ">       sensor device   : 20h\n"
    ">       sensor number   : 30h\n"
    ">       entity          : 03h instance 01h\n"
    ">       event data      : 01 55 50 ff ff ff ff ff\n"
    ">       language code   : 25\n"
    ">       manufacturer ID : 10876\n"
    ">       system ID       : 6929\n"
    ">       OEM custom      : none (C1h)\n";

START_TEST(test_pet_in_full)
{
	uint8_t		buf[SNMP_TRAP_MAX], petbuf[64];
	struct pet_data d;
	size_t		len;
	char	       *out;
	int		rc;

	make_pet(&d);
	len = make_trap(&d, pet_specific_trap(0x01, 0x01, 0, 1), buf,
	    sizeof(buf), petbuf, sizeof(petbuf));
	ck_assert_uint_eq(len, 109);
	out = describe("> ", buf, len, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, pet_described);
	free(out);
}
END_TEST

/* The PET's other spellings: deassertion, offset, OEM bytes, sources. */
START_TEST(test_pet_fields)
{
	static const uint8_t oem[] = {0xde, 0xad, 0x01};
	uint8_t		     buf[SNMP_TRAP_MAX], petbuf[64];
	struct pet_data	     d;
	size_t		     len;
	char		    *out;
	int		     rc;

	make_pet(&d);
	d.timestamp = 0;
	d.utc_offset = -300;
	d.trap_source = 0xff;
	d.event_source = 0x58; /* 11 << 3: system management card */
	d.severity = 0x20;
	d.oem = oem;
	d.oem_len = sizeof(oem);
	/* Fan (04h), threshold (01h), deassertion, offset 0Bh. */
	len = make_trap(&d, pet_specific_trap(0x04, 0x01, 1, 0x0b), buf,
	    sizeof(buf), petbuf, sizeof(petbuf));
	out = describe("", buf, len, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(out,
	    "  specific trap   : 262539 (04018bh): sensor type 04h (fan), "
	    "event type 01h, deassertion, offset 11\n"));
	ck_assert_ptr_nonnull(strstr(out,
	    "      local timestamp : 0 s after 1998-01-01 (unspecified)\n"));
	ck_assert_ptr_nonnull(
	    strstr(out, "      UTC offset      : -300 minutes\n"));
	ck_assert_ptr_nonnull(
	    strstr(out, "      trap source     : ffh (unspecified)\n"));
	ck_assert_ptr_nonnull(strstr(
	    out, "      event source    : 58h (system management card)\n"));
	ck_assert_ptr_nonnull(
	    strstr(out, "      severity        : 20h (non-recoverable)\n"));
	ck_assert_ptr_nonnull(
	    strstr(out, "      OEM custom      : de ad 01\n"));
	ck_assert_ptr_nonnull(strstr(out, "= type 04h, 49 bytes\n"));
	free(out);
}
END_TEST

/* Every severity value of PET 1.0 table 3-1, and one that is not. */
START_TEST(test_severity_names)
{
	static const struct {
		uint8_t	    v;
		const char *text;
	} t[] = {
	    {0x00, "00h (unspecified)"},
	    {0x01, "01h (monitor)"},
	    {0x02, "02h (information)"},
	    {0x04, "04h (OK)"},
	    {0x08, "08h (non-critical)"},
	    {0x10, "10h (critical)"},
	    {0x20, "20h (non-recoverable)"},
	    {0x03, "03h (reserved)"},
	};
	uint8_t		buf[SNMP_TRAP_MAX], petbuf[64];
	struct pet_data d;
	char		want[64], *out;
	size_t		len, i;
	int		rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		make_pet(&d);
		d.severity = t[i].v;
		len = make_trap(
		    &d, 0, buf, sizeof(buf), petbuf, sizeof(petbuf));
		out = describe("", buf, len, &rc);
		ck_assert_int_eq(rc, 0);
		snprintf(
		    want, sizeof(want), "severity        : %s\n", t[i].text);
		ck_assert_msg(
		    strstr(out, want) != NULL, "no \"%s\" in\n%s", want, out);
		free(out);
	}
}
END_TEST

/* A trap from another enterprise: no PET reading of its numbers. */
START_TEST(test_not_a_pet)
{
	static const char *const generic[] = {"0 (coldStart)", "1 (warmStart)",
	    "2 (linkDown)", "3 (linkUp)", "4 (authenticationFailure)",
	    "5 (egpNeighborLoss)", "6 (enterpriseSpecific)", "7 (unknown)"};
	struct snmp_trap	 t;
	uint8_t			 buf[SNMP_TRAP_MAX];
	char			 want[64], *out;
	size_t			 len;
	int			 g, rc;

	for (g = 0; g <= 7; g++) {
		memset(&t, 0, sizeof(t));
		t.community = (const uint8_t *)"private";
		t.community_len = 7;
		ck_assert_int_eq(
		    snmp_oid_parse("1.3.6.1.4.1.9999.2", &t.enterprise), 0);
		t.generic_trap = g;
		t.specific_trap = 0x010101;
		t.time_stamp = 5;
		t.nvb = 1;
		t.vb[0].name = pet_binding_oid;
		t.vb[0].type = BER_INTEGER;
		t.vb[0].value = (const uint8_t *)"\x2a";
		t.vb[0].value_len = 1;
		ck_assert_int_eq(
		    snmp_encode_trap(&t, buf, sizeof(buf), &len), 0);
		out = describe("", buf, len, &rc);
		ck_assert_int_eq(rc, 0);
		ck_assert_ptr_nonnull(
		    strstr(out, "  enterprise      : .1.3.6.1.4.1.9999.2\n"));
		ck_assert_ptr_nonnull(
		    strstr(out, "  community       : \"private\"\n"));
		snprintf(
		    want, sizeof(want), "  generic trap    : %s\n", generic[g]);
		ck_assert_ptr_nonnull(strstr(out, want));
		ck_assert_ptr_nonnull(
		    strstr(out, "  specific trap   : 65793 (010101h)\n"));
		ck_assert_ptr_nonnull(
		    strstr(out, "  time stamp      : 5 (0.05 s since"));
		/* Not an octet string: no PET data read from it. */
		ck_assert_ptr_nonnull(strstr(
		    out, "    .1.3.6.1.4.1.3183.1.1.1 = type 02h, 1 bytes\n"));
		ck_assert_ptr_null(strstr(out, "PET"));
		ck_assert_ptr_null(strstr(out, "sensor type"));
		free(out);
	}
}
END_TEST

/* The PET binding present but shorter than the fixed fields. */
START_TEST(test_pet_data_truncated)
{
	struct snmp_trap t;
	uint8_t		 buf[SNMP_TRAP_MAX], petbuf[64];
	struct pet_data	 d;
	size_t		 len, petlen, cut;
	char		 want[80], *out;
	int		 rc;

	make_pet(&d);
	ck_assert_int_eq(pet_encode(&d, petbuf, sizeof(petbuf), &petlen), 0);
	for (cut = 0; cut < PET_DATA_FIXED_LEN; cut++) {
		memset(&t, 0, sizeof(t));
		t.enterprise = pet_enterprise_oid;
		t.generic_trap = SNMP_TRAP_ENTERPRISE_SPECIFIC;
		t.nvb = 1;
		t.vb[0].name = pet_binding_oid;
		t.vb[0].type = BER_OCTET_STRING;
		t.vb[0].value = petbuf;
		t.vb[0].value_len = cut;
		ck_assert_int_eq(
		    snmp_encode_trap(&t, buf, sizeof(buf), &len), 0);
		out = describe("", buf, len, &rc);
		ck_assert_int_eq(rc, 0);
		snprintf(want, sizeof(want),
		    "    PET data: truncated (%zu of 46 bytes)\n", cut);
		ck_assert_ptr_nonnull(strstr(out, want));
		ck_assert_ptr_null(strstr(out, "GUID"));
		free(out);
	}
}
END_TEST

/* Every prefix of the trap: one line, the decoder's reason, no crash. */
START_TEST(test_every_truncation)
{
	uint8_t		buf[SNMP_TRAP_MAX], petbuf[64];
	struct pet_data d;
	size_t		len, cut;
	char		want[128], *out;
	int		rc;

	make_pet(&d);
	len = make_trap(&d, pet_specific_trap(0x01, 0x01, 0, 1), buf,
	    sizeof(buf), petbuf, sizeof(petbuf));
	for (cut = 0; cut < len; cut++) {
		/* A copy of exactly cut bytes, so reading past it is seen. */
		uint8_t *p = malloc(cut > 0 ? cut : 1);

		ck_assert_ptr_nonnull(p);
		memcpy(p, buf, cut);
		out = describe("  ", p, cut, &rc);
		ck_assert_int_lt(rc, 0);
		snprintf(want, sizeof(want),
		    "  SNMP: not an SNMPv1 trap this decoder reads (%s)\n",
		    err_str(rc));
		ck_assert_str_eq(out, want);
		free(out);
		free(p);
	}
}
END_TEST

/* Bytes after the trap, or a message that is not a trap at all. */
START_TEST(test_not_a_trap)
{
	static const uint8_t get[] = {0x30, 0x0b, 0x02, 0x01, 0x00, 0x04, 0x00,
	    0xa0, 0x04, 0x02, 0x02, 0x00, 0x01};
	char		    *out;
	int		     rc;

	out = describe("", get, sizeof(get), &rc);
	ck_assert_int_lt(rc, 0);
	ck_assert_ptr_nonnull(
	    strstr(out, "SNMP: not an SNMPv1 trap this decoder reads ("));
	ck_assert_ptr_null(strstr(out, "community"));
	free(out);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("describe_snmp");
	TCase	*tc = tcase_create("describe_snmp");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_pet_in_full);
	tcase_add_test(tc, test_pet_fields);
	tcase_add_test(tc, test_severity_names);
	tcase_add_test(tc, test_not_a_pet);
	tcase_add_test(tc, test_pet_data_truncated);
	tcase_add_test(tc, test_every_truncation);
	tcase_add_test(tc, test_not_a_trap);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
