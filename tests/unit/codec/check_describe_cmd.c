/*
 * Tests for src/codec/describe_cmd.c: command data field by field, with
 * known answers from shared seed 002 (ipmitool against OpenIPMI's
 * simulator) and the IPMI 2.0 specification.  The model's commands are
 * walked against a real BMC in tests/unit/model/check_describe_table.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe_cmd.h"
#include "ipmimsg.h"

static char *out;

/* The description of data, into out (freed by the next call). */
static int
describe(uint8_t netfn, uint8_t cmd, uint8_t cc, const uint8_t *d, size_t n)
{
	size_t len = 0;
	FILE  *fp;
	int    rc;

	free(out);
	out = NULL;
	fp = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(fp);
	rc = describe_cmd_data(fp, "", d, netfn, cmd, cc, d, n);
	fclose(fp);
	return rc;
}

#define ck_line(s) \
	ck_assert_msg(strstr(out, s) != NULL, "no \"%s\" in:\n%s", s, out)

START_TEST(test_seed_get_device_id)
{
	/* Seed 002, datagram 14: OpenIPMI's simulator, IANA 4753. */
	static const uint8_t rsp[] = {0x00, 0x03, 0x09, 0x08, 0x02, 0x9f, 0x91,
	    0x12, 0x00, 0x02, 0x0f, 0x00, 0x00, 0x00, 0x00};

	ck_assert_int_eq(describe(0x07, 0x01, 0, rsp, sizeof(rsp)), 1);
	ck_line("0000  00                       device ID: 00h (0)\n");
	ck_line("device revision: revision 3, no device SDRs\n");
	ck_line("firmware revision 1: major 9, device available\n");
	ck_line("firmware revision 2: minor 08 (BCD)\n");
	ck_line("IPMI version: IPMI 2.0\n");
	ck_line("additional device support: sensor device, SDR repository, "
		"SEL device, FRU inventory, IPMB event receiver, chassis "
		"device\n");
	ck_line("0006  91 12 00                 manufacturer ID (IANA): 4753 "
		"(OpenIPMI simulator)\n");
	ck_line("product ID: 0f02h\n");
	ck_line("auxiliary firmware revision: 00h 00h 00h 00h\n");
	ck_assert_ptr_null(strstr(out, "extra data"));
}
END_TEST

START_TEST(test_seed_auth_caps)
{
	static const uint8_t req[] = {0x8e, 0x04};
	static const uint8_t rsp[] = {
	    0x01, 0x97, 0x04, 0x03, 0x00, 0x00, 0x00, 0x00};

	ck_assert_int_eq(describe(0x06, 0x38, 0, req, sizeof(req)), 1);
	ck_line("channel: 14 (this channel)\n");
	ck_line("version: IPMI 2.0 extended data requested\n");
	ck_line("requested maximum privilege: ADMINISTRATOR\n");
	ck_assert_int_eq(describe(0x07, 0x38, 0, rsp, sizeof(rsp)), 1);
	ck_line("auth types: NONE, MD2, MD5, straight password, IPMI 2.0 "
		"extended capabilities\n");
	ck_line("auth status: K_G all zero; per-message auth on; user-level "
		"auth on; non-null user names\n");
	ck_line("extended capabilities: IPMI 1.5 sessions, IPMI 2.0 "
		"sessions\n");
}
END_TEST

START_TEST(test_session_commands)
{
	static const uint8_t close[] = {0x82, 0x06, 0x00, 0x00};
	static const uint8_t priv[] = {0x04};
	static const uint8_t act[] = {0x02, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
	    11, 12, 13, 14, 15, 16, 0x10, 0x00, 0x00, 0x00};

	ck_assert_int_eq(describe(0x06, 0x3c, 0, close, sizeof(close)), 1);
	ck_line("0000  82 06 00 00              session ID: 0x00000682\n");
	ck_assert_int_eq(describe(0x06, 0x3b, 0, priv, 1), 1);
	ck_line("requested privilege: ADMINISTRATOR\n");
	ck_assert_int_eq(describe(0x07, 0x3b, 0, priv, 1), 1);
	ck_line("new privilege: ADMINISTRATOR\n");
	ck_assert_int_eq(describe(0x06, 0x3a, 0, act, sizeof(act)), 1);
	ck_line("auth type: MD5\n");
	ck_line("initial outbound sequence: 16\n");
	/* A response with an error code carries nothing to describe. */
	ck_assert_int_eq(describe(0x07, 0x3b, 0x81, NULL, 0), 0);
}
END_TEST

START_TEST(test_command_specific_codes)
{
	ck_assert_str_eq(describe_cmd_cc(0x07, 0x3b, NULL, 0, 0x81),
	    "requested level exceeds the user's or channel's privilege limit");
	ck_assert_str_eq(describe_cmd_cc(0x07, 0x3a, NULL, 0, 0x86),
	    "requested maximum privilege exceeds the user's or channel's "
	    "limit");
	ck_assert_str_eq(describe_cmd_cc(0x07, 0x47, NULL, 0, 0x80),
	    "password test failed: wrong password");
	ck_assert_str_eq(describe_cmd_cc(0x0d, 0x02, NULL, 0, 0x80),
	    "parameter not supported");
	/* Generic codes, and commands that define none, are not here. */
	ck_assert_ptr_null(describe_cmd_cc(0x07, 0x3b, NULL, 0, 0xc1));
	ck_assert_ptr_null(describe_cmd_cc(0x07, 0x01, NULL, 0, 0x80));
}
END_TEST

START_TEST(test_group_extension_bodies)
{
	static const uint8_t hpm[] = {0x00, 0x02}, vso[] = {0x03},
			     dcmi[] = {0xdc, 0x01};

	/* Seed 002's probes: HPM.2, PICMG, VSO, told apart by the body. */
	ck_assert_str_eq(describe_cmd_name(0x2c, 0x3e, hpm, 2),
	    "Get HPM.x Capabilities (HPM.2)");
	ck_assert_str_eq(
	    describe_cmd_name(0x2c, 0x00, hpm, 1), "Get PICMG Properties");
	ck_assert_str_eq(
	    describe_cmd_name(0x2c, 0x00, vso, 1), "Get VSO Capabilities");
	ck_assert_str_eq(describe_cmd_name(0x2c, 0x01, dcmi, 2),
	    "Get DCMI Capabilities Info");
	ck_assert_ptr_null(describe_cmd_name(0x06, 0x01, NULL, 0));
	ck_assert_int_eq(describe(0x2c, 0x3e, 0, hpm, 2), 1);
	ck_line("0000  00                       defining body: 00h (PICMG)\n");
	ck_line("0001  02                       HPM.x identifier: HPM.2\n");
	ck_assert_int_eq(describe_cmd_known(0x2c, 0x01, 0xdc), 1);
	ck_assert_int_eq(describe_cmd_known(0x2c, 0x01, 0x00), 0);
	ck_assert_int_eq(describe_cmd_known(0x06, 0x3b, 0), 1);
	ck_assert_int_eq(describe_cmd_known(0x06, 0x0a, 0), 0);
}
END_TEST

START_TEST(test_reading_factors_linearisation)
{
	/* M = 500 (f4h, 40h: 01b above 8 bits), R exp -3: 0.5 per count. */
	static const uint8_t rsp[] = {0xff, 0xf4, 0x40, 0x00, 0x00, 0x00, 0xd0};
	/* M = -2 (3feh, 10-bit two's complement), B = 5, B exp 1. */
	static const uint8_t neg[] = {0x00, 0xfe, 0xc0, 0x05, 0x00, 0x00, 0x01};

	ck_assert_int_eq(describe(0x05, 0x23, 0, rsp, sizeof(rsp)), 1);
	ck_line("factors: M = 500, tolerance 0, B = 0, accuracy 0, K1 (B exp) "
		"= 0, K2 (R exp) = -3: y = (M x + B 10^K1) 10^K2\n");
	ck_assert_int_eq(describe(0x05, 0x23, 0, neg, sizeof(neg)), 1);
	ck_line("M = -2, tolerance 0, B = 5, accuracy 0, K1 (B exp) = 1, K2 "
		"(R exp) = 0");
}
END_TEST

START_TEST(test_records_inside)
{
	/* Get SEL Entry: next ID, then a whole SEL record, described. */
	static const uint8_t sel[] = {0x02, 0x00, 0x01, 0x00, 0x02, 0x80, 0xb6,
	    0x4a, 0x65, 0x20, 0x00, 0x04, 0x09, 0x25, 0x6f, 0x00, 0xff, 0xff};
	/* Get SDR, a partial read (the 5-byte header of a 58-byte record). */
	static const uint8_t sdr[] = {0x02, 0x00, 0x01, 0x00, 0x51, 0x01, 0x35};

	ck_assert_int_eq(describe(0x0b, 0x43, 0, sel, sizeof(sel)), 1);
	ck_line("next record ID: 0002h (2)\n");
	ck_line("    SEL record (16 bytes)\n");
	ck_line("sensor type: 09h (power unit)\n");
	ck_assert_int_eq(describe(0x0b, 0x23, 0, sdr, sizeof(sdr)), 1);
	ck_line("record data: 5 bytes\n");
	ck_line("(part of an SDR: the request gives the offset)");
	ck_assert_ptr_null(strstr(out, "SDR record ("));
}
END_TEST

START_TEST(test_pef_and_payloads)
{
	static const uint8_t caps[] = {0x51, 0x3f, 0x20};
	static const uint8_t sup[] = {0x03, 0x00, 0x3f, 0x00, 0, 0, 0, 0};

	ck_assert_int_eq(describe(0x05, 0x10, 0, caps, sizeof(caps)), 1);
	ck_line("PEF version: 51h (1.5)\n");
	ck_line("action support: alert, power down, reset, power cycle, OEM "
		"action, diagnostic interrupt\n");
	ck_line("event filter table entries: 32\n");
	ck_assert_int_eq(describe(0x07, 0x4e, 0, sup, sizeof(sup)), 1);
	ck_line("standard payloads: 0003h (bit n: payload type n)\n");
	ck_assert_str_eq(describe_cmd_cc(0x05, 0x16, NULL, 0, 0x81),
	    "alert already in progress");
}
END_TEST

START_TEST(test_short_and_long_data)
{
	static const uint8_t shortreq[] = {0x01};
	static const uint8_t longreq[] = {0x01, 0x02, 0x03};

	/* Get Sensor Hysteresis needs the sensor and the mask. */
	ck_assert_int_eq(describe(0x04, 0x25, 0, shortreq, 1), 1);
	ck_line("** truncated: hysteresis mask needs 1 byte, 0 left");
	ck_assert_int_eq(describe(0x04, 0x25, 0, longreq, 3), 1);
	ck_line("0002  03                       extra data: 1 byte the "
		"specification does not define\n");
	/* Unknown commands print nothing: the caller shows the bytes. */
	ck_assert_int_eq(describe(0x06, 0x0a, 0, longreq, 3), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("describe_cmd");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_seed_get_device_id);
	tcase_add_test(tc, test_seed_auth_caps);
	tcase_add_test(tc, test_session_commands);
	tcase_add_test(tc, test_command_specific_codes);
	tcase_add_test(tc, test_group_extension_bodies);
	tcase_add_test(tc, test_reading_factors_linearisation);
	tcase_add_test(tc, test_records_inside);
	tcase_add_test(tc, test_pef_and_payloads);
	tcase_add_test(tc, test_short_and_long_data);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	free(out);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
