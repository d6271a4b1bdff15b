/*
 * Tests for src/client/texttrace.c: the packets inside ipmitool -vvvv and
 * FreeIPMI --debug output, in order, with their direction.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "texttrace.h"

/* Shared seed 002's first exchange, as ipmitool -vvvv prints it. */
static const char ipmitool_text[] =
    ">> Sending IPMI command payload\n"
    ">>    netfn   : 0x06\n"
    ">>    command : 0x38\n"
    ">>    data    : 0x8e 0x04 \n"
    "\n"
    ">> sending packet (23 bytes)\n"
    " 06 00 ff 07 00 00 00 00 00 00 00 00 00 09 20 18\n"
    " c8 81 00 38 8e 04 b5\n"
    "<< received packet (30 bytes)\n"
    " 06 00 ff 07 00 00 00 00 00 00 00 00 00 10 81 1c\n"
    " 63 20 00 38 00 01 97 04 03 00 00 00 00 09\n"
    "<< IPMI Response Session Header\n"
    ">> rakp2 mac key (20 bytes)\n"
    " 41 44 4d 49 4e 00 00 00 00 00 00 00 00 00 00 00\n"
    " 00 00 00 00\n";

START_TEST(test_ipmitool_packets_in_order)
{
	static const uint8_t req[] = {0x06, 0x00, 0xff, 0x07, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 0x09, 0x20, 0x18, 0xc8, 0x81, 0x00, 0x38, 0x8e, 0x04,
	    0xb5};
	struct texttrace_record rec;
	struct texttrace	t;
	uint8_t			buf[128];

	ck_assert_int_eq(texttrace_sniff(ipmitool_text, sizeof(ipmitool_text)),
	    TEXTTRACE_IPMITOOL);
	texttrace_init(
	    &t, ipmitool_text, strlen(ipmitool_text), TEXTTRACE_IPMITOOL);
	ck_assert_int_eq(texttrace_next(&t, buf, sizeof(buf), &rec), 1);
	ck_assert_int_eq(rec.dir, HEXIN_DIR_C2B);
	ck_assert_uint_eq(rec.line, 6);
	ck_assert_uint_eq(rec.len, sizeof(req));
	ck_assert_mem_eq(buf, req, sizeof(req));
	ck_assert_str_eq(rec.name, "netFn 06h command 38h");
	ck_assert_int_eq(texttrace_next(&t, buf, sizeof(buf), &rec), 1);
	ck_assert_int_eq(rec.dir, HEXIN_DIR_B2C);
	ck_assert_uint_eq(rec.len, 30);
	ck_assert_uint_eq(buf[29], 0x09);
	ck_assert_str_eq(rec.name, "reply to netFn 06h command 38h");
	/* The key dump after it is no packet. */
	ck_assert_int_eq(texttrace_next(&t, buf, sizeof(buf), &rec), 0);
}
END_TEST

START_TEST(test_ipmitool_dump_cut_short)
{
	static const char text[] =
	    "<< received packet (30 bytes)\n 06 00 ff 07\nIPMI\n";
	struct texttrace_record rec;
	struct texttrace	t;
	uint8_t			buf[128];

	texttrace_init(&t, text, strlen(text), TEXTTRACE_IPMITOOL);
	ck_assert_int_eq(
	    texttrace_next(&t, buf, sizeof(buf), &rec), ERR_FORMAT);
	ck_assert_uint_eq(t.line, 3);
	texttrace_init(&t, text, strlen(text), TEXTTRACE_IPMITOOL);
	ck_assert_int_eq(texttrace_next(&t, buf, 8, &rec), ERR_NOSPACE);
}
END_TEST

/*
 * A FreeIPMI packet: bit fields packed from the least significant bit
 * (rs_lun 2 bits then net_fn 6 bits make 18h), 32-bit fields little-endian,
 * the "host: " prefix removed.
 */
static const char freeipmi_text[] =
    "h1: =====================================================\n"
    "h1: IPMI 1.5 Get Channel Authentication Capabilities Request\n"
    "h1: =====================================================\n"
    "h1: RMCP Header:\n"
    "h1: ------------\n"
    "h1: [               6h] = version[ 8b]\n"
    "h1: [               0h] = reserved[ 8b]\n"
    "h1: [              FFh] = sequence_number[ 8b]\n"
    "h1: [               7h] = message_class.class[ 5b]\n"
    "h1: [               0h] = message_class.reserved[ 2b]\n"
    "h1: [               0h] = message_class.ack[ 1b]\n"
    "h1: IPMI Session Header:\n"
    "h1: --------------------\n"
    "h1: [               0h] = authentication_type[ 8b]\n"
    "h1: [               0h] = session_sequence_number[32b]\n"
    "h1: [        A0A2A3A4h] = session_id[32b]\n"
    "h1: [               9h] = ipmi_msg_len[ 8b]\n"
    "h1: IPMI Message Header:\n"
    "h1: --------------------\n"
    "h1: [              20h] = rs_addr[ 8b]\n"
    "h1: [               0h] = rs_lun[ 2b]\n"
    "h1: [               6h] = net_fn[ 6b]\n"
    "h1: [              C8h] = checksum1[ 8b]\n"
    "h1: [              81h] = rq_addr[ 8b]\n"
    "h1: [               0h] = rq_lun[ 2b]\n"
    "h1: [               5h] = rq_seq[ 6b]\n"
    "h1: IPMI Command Data:\n"
    "h1: ------------------\n"
    "h1: [              38h] = cmd[ 8b]\n"
    "h1: [  BYTE ARRAY ... ] = data[ 2B]\n"
    "h1: [ 8Eh 04h ]\n"
    "h1: IPMI Trailer:\n"
    "h1: --------------\n"
    "h1: [              A1h] = checksum2[ 8b]\n"
    "Channel Number : 1\n";

START_TEST(test_freeipmi_fields_packed)
{
	static const uint8_t want[] = {0x06, 0x00, 0xff, 0x07, 0x00, 0, 0, 0, 0,
	    0xa4, 0xa3, 0xa2, 0xa0, 0x09, 0x20, 0x18, 0xc8, 0x81, 0x14, 0x38,
	    0x8e, 0x04, 0xa1};
	struct texttrace_record rec;
	struct texttrace	t;
	uint8_t			buf[128];

	ck_assert_int_eq(texttrace_sniff(freeipmi_text, sizeof(freeipmi_text)),
	    TEXTTRACE_FREEIPMI);
	texttrace_init(
	    &t, freeipmi_text, strlen(freeipmi_text), TEXTTRACE_FREEIPMI);
	ck_assert_int_eq(texttrace_next(&t, buf, sizeof(buf), &rec), 1);
	ck_assert_int_eq(rec.dir, HEXIN_DIR_C2B);
	ck_assert_int_eq(rec.rebuilt, 1);
	ck_assert_uint_eq(rec.line, 2);
	ck_assert_str_eq(rec.name,
	    "IPMI 1.5 Get Channel Authentication Capabilities Request");
	ck_assert_uint_eq(rec.len, sizeof(want));
	ck_assert_mem_eq(buf, want, sizeof(want));
	ck_assert_int_eq(texttrace_next(&t, buf, sizeof(buf), &rec), 0);
}
END_TEST

/* An encrypted payload as FreeIPMI prints it: decrypted, pad inside. */
static const char freeipmi_encrypted[] =
    "=====================================================\n"
    "IPMI 2.0 Set Session Privilege Level Response\n"
    "=====================================================\n"
    "RMCP Header:\n"
    "[               6h] = version[ 8b]\n"
    "[               0h] = reserved[ 8b]\n"
    "[              FFh] = sequence_number[ 8b]\n"
    "[               7h] = message_class.class[ 5b]\n"
    "[               0h] = message_class.reserved[ 2b]\n"
    "[               0h] = message_class.ack[ 1b]\n"
    "IPMI RMCPPLUS Session Header:\n"
    "[               6h] = authentication_type[ 4b]\n"
    "[               0h] = reserved1[ 4b]\n"
    "[               0h] = payload_type[ 6b]\n"
    "[               1h] = payload_type.authenticated[ 1b]\n"
    "[               1h] = payload_type.encrypted[ 1b]\n"
    "[               2h] = session_id[32b]\n"
    "[               1h] = session_sequence_number[32b]\n"
    "[              20h] = ipmi_payload_len[16b]\n"
    "IPMI RMCPPLUS Payload:\n"
    "[  BYTE ARRAY ... ] = confidentiality_header[16B]\n"
    "[ 03h 0Fh 9Ah E6h 55h 94h C4h AFh ]\n"
    "[ 8Ch A6h 7Eh 5Ch 8Ah AFh C0h 45h ]\n"
    "[  BYTE ARRAY ... ] = payload_data[ 9B]\n"
    "[ 81h 1Ch 63h 20h 18h 3Bh 00h 04h ]\n"
    "[ 00h ]\n"
    "IPMI Message Header:\n"
    "[              81h] = rq_addr[ 8b]\n"
    "IPMI RMCPPLUS Session Trailer:\n"
    "[            FFFFh] = integrity_pad[16b]\n"
    "[               2h] = pad_length[ 8b]\n"
    "[               7h] = next_header[ 8b]\n"
    "[  BYTE ARRAY ... ] = authentication_code[ 2B]\n"
    "[ 8Ah B4h ]\n";

START_TEST(test_freeipmi_encrypted_rebuilt_plain)
{
	static const uint8_t want[] = {0x06, 0x00, 0xff, 0x07, 0x06, 0x00, 0x02,
	    0, 0, 0, 0x01, 0, 0, 0, 0x08, 0x00, 0x81, 0x1c, 0x63, 0x20, 0x18,
	    0x3b, 0x00, 0x04};
	struct texttrace_record rec;
	struct texttrace	t;
	uint8_t			buf[128];

	texttrace_init(&t, freeipmi_encrypted, strlen(freeipmi_encrypted),
	    TEXTTRACE_FREEIPMI);
	ck_assert_int_eq(texttrace_next(&t, buf, sizeof(buf), &rec), 1);
	ck_assert_int_eq(rec.dir, HEXIN_DIR_B2C);
	ck_assert_int_eq(rec.rebuilt, 2);
	/* Flags cleared, length fixed, pad (00h: none) and trailer gone. */
	ck_assert_uint_eq(rec.len, sizeof(want));
	ck_assert_mem_eq(buf, want, sizeof(want));
}
END_TEST

START_TEST(test_neither_client)
{
	static const char text[] = "06 00 ff 06\n";

	ck_assert_int_eq(texttrace_sniff(text, sizeof(text)), TEXTTRACE_NONE);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("texttrace");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_ipmitool_packets_in_order);
	tcase_add_test(tc, test_ipmitool_dump_cut_short);
	tcase_add_test(tc, test_freeipmi_fields_packed);
	tcase_add_test(tc, test_freeipmi_encrypted_rebuilt_plain);
	tcase_add_test(tc, test_neither_client);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
