/*
 * Tests for src/model/sysinfo.c: system info parameters, BMC global
 * enables and message flags.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "bmc_testutil.h"
#include "err.h"
#include "ipmimsg.h"

#define APP  IPMI_NETFN_APP
#define ADMN IPMI_PRIV_ADMIN
#define OPER IPMI_PRIV_OPERATOR
#define USER IPMI_PRIV_USER

static struct tb t;

static void
setup(void)
{
	tb_init(&t);
	strcpy(t.model.system.name, "rack-01-node-with-a-long-name-x");
	strcpy(t.model.system.primary_os, "Debian GNU/Linux 12");
	tb_start(&t);
}

static void
teardown(void)
{
	tb_free(&t);
}

START_TEST(test_get)
{
	/* Revision 11h; set selector 0: ASCII, length, 14 bytes. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 01 00 00"), 0x00);
	tb_assert_reply(
	    &t, "11 00 00 04 31 2e 30 30 00 00 00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "80 01 00 00"), 0x00);
	tb_assert_reply(&t, "11");
	/* 31 bytes: 14 in set 0, 16 in set 1, 1 in set 2. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 02 00 00"), 0x00);
	tb_assert_reply(&t,
	    "11 00 00 1f 72 61 63 6b 2d 30 31 2d 6e 6f 64 65 "
	    "2d 77");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 02 01 00"), 0x00);
	tb_assert_reply(&t,
	    "11 01 69 74 68 2d 61 2d 6c 6f 6e 67 2d 6e 61 6d "
	    "65 2d");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 02 02 00"), 0x00);
	tb_assert_reply(&t,
	    "11 02 78 00 00 00 00 00 00 00 00 00 00 00 00 00 "
	    "00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 02 11 00"), 0xc9);
	/* The OS name: empty until the OS says it. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 04 00 00"), 0x00);
	ck_assert_uint_eq(t.data[3], 0);
	/* Set in progress: complete. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 00 00 00"), 0x00);
	tb_assert_reply(&t, "11 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 05 00 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 01 00"), 0xc7);
}
END_TEST

START_TEST(test_set)
{
	/* Administrator only; "node-7" in one block. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x58, "02 00 00 06 6e 6f 64 65 2d 37"),
	    0xd4);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x58, "02 00 00 06 6e 6f 64 65 2d 37"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 02 00 00"), 0x00);
	tb_assert_reply(
	    &t, "11 00 00 06 6e 6f 64 65 2d 37 00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 02 01 00"), 0x00);
	tb_assert_reply(&t,
	    "11 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
	    "00 00");
	/* Two blocks, as ipmitool sends them (18 bytes each). */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58,
			      "04 00 00 10 55 62 75 6e 74 75 20 32 34 2e 30 "
			      "34 20 4c"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58,
			      "04 01 54 53 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 04 01 00"), 0x00);
	tb_assert_reply(&t,
	    "11 01 54 53 00 00 00 00 00 00 00 00 00 00 00 00 "
	    "00 00");
	/* A 255-byte string: its last byte is the first of set 16. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "03 00 01 ff 41"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "03 10 5a"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 03 10 00"), 0x00);
	tb_assert_reply(&t,
	    "11 10 5a 00 00 00 00 00 00 00 00 00 00 00 00 00 "
	    "00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 03 00 00"), 0x00);
	ck_assert_uint_eq(t.data[2], 0x01); /* UTF-8 */
	ck_assert_uint_eq(t.data[3], 0xff);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "03 11 5a"), 0xc9);
	/* Encodings 0-2 only; set in progress twice: 81h. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "02 00 03 01 41"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "00 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x59, "00 00 00 00"), 0x00);
	tb_assert_reply(&t, "11 01");
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "00 01"), 0x81);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "07 00 00 01 41"), 0x80);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58, "02 00"), 0xc7);
}
END_TEST

START_TEST(test_enables_and_flags)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x2f, ""), 0x00);
	tb_assert_reply(&t, "0d");
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x2e, "05"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x2f, ""), 0x00);
	tb_assert_reply(&t, "05");
	ck_assert_uint_eq(bmc_global_enables(t.bmc), 0x05);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x2e, "0d"), 0xd4);
	/* The watchdog's pre-timeout flag, cleared by Clear Message Flags. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x31, ""), 0x00);
	tb_assert_reply(&t, "00");
	bmc_message_flags_set(t.bmc, BMC_MESSAGE_FLAG_WATCHDOG_PRE | 0x01);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x31, ""), 0x00);
	tb_assert_reply(&t, "09");
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x30, "08"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x31, ""), 0x00);
	tb_assert_reply(&t, "01");
}
END_TEST

START_TEST(test_state_round_trip)
{
	struct tb u;
	char	 *text;
	size_t	  len;

	/* Nothing changed: nothing saved. */
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_null(strstr(text, "[sysinfo]"));
	free(text);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x58, "02 00 00 06 6e 6f 64 65 2d 37"),
	    0x00);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x58, "04 00 00 02 4f 53"), 0x00);
	text = bmc_state_save(t.bmc, &len);
	/* The OS name is volatile. */
	ck_assert_ptr_nonnull(
	    strstr(text, "[sysinfo]\nname = 006e6f64652d37\n"));
	ck_assert_ptr_null(strstr(text, "os_name"));
	tb_init(&u);
	tb_start(&u);
	ck_assert_int_eq(bmc_state_load(u.bmc, text, len, "s", NULL), 0);
	ck_assert_uint_eq(tb_call(&u, USER, APP, 0x59, "00 02 00 00"), 0x00);
	tb_assert_reply(
	    &u, "11 00 00 06 6e 6f 64 65 2d 37 00 00 00 00 00 00 00 00");
	/* Unchanged ones keep the model's value. */
	ck_assert_uint_eq(tb_call(&u, USER, APP, 0x59, "00 01 00 00"), 0x00);
	ck_assert_uint_eq(u.data[3], 4);
	free(text);
	tb_free(&u);

	/*
	 * A 255-byte string: saved in lines inih can read (at most 198
	 * bytes), restored whole.
	 */
	{
		char	 hex[80];
		unsigned set, i;

		ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x58,
				      "03 00 00 ff 41 42 43 44 45 46 47 48 49 "
				      "4a 4b 4c 4d 4e"),
		    0x00);
		for (set = 1; set <= 16; set++) {
			int n = snprintf(hex, sizeof(hex), "03 %02x", set);

			for (i = 0; i < 16; i++)
				n += snprintf(hex + n, sizeof(hex) - (size_t)n,
				    " %02x", 0x61 + (set + i) % 26);
			ck_assert_uint_eq(
			    tb_call(&t, ADMN, APP, 0x58, hex), 0x00);
		}
		text = bmc_state_save(t.bmc, &len);
		for (i = 0; i < len;
		     i += (unsigned)(strcspn(text + i, "\n") + 1))
			ck_assert_uint_le(strcspn(text + i, "\n"), 198);
		tb_init(&u);
		tb_start(&u);
		ck_assert_int_eq(
		    bmc_state_load(u.bmc, text, len, "s", NULL), 0);
		free(text);
		for (set = 0; set <= 16; set++) {
			snprintf(hex, sizeof(hex), "00 03 %02x 00", set);
			ck_assert_uint_eq(
			    tb_call(&t, USER, APP, 0x59, hex), 0x00);
			ck_assert_uint_eq(
			    tb_call(&u, USER, APP, 0x59, hex), 0x00);
			ck_assert_uint_eq(u.len, t.len);
			ck_assert_mem_eq(u.data, t.data, t.len);
		}
		tb_free(&u);
	}

	/* Not hex, or the volatile OS name: reported, not applied. */
	tb_init(&u);
	tb_start(&u);
	ck_assert_int_eq(
	    bmc_state_load(u.bmc, "[sysinfo]\nname = zz\n", 20, "s", NULL),
	    ERR_CONFIG);
	ck_assert_int_eq(
	    bmc_state_load(u.bmc, "[sysinfo]\nos_name = 0041\n", 25, "s", NULL),
	    ERR_CONFIG);
	ck_assert_uint_eq(tb_call(&u, USER, APP, 0x59, "00 04 00 00"), 0x00);
	ck_assert_uint_eq(u.data[3], 0);
	/* A part must follow what was read: "AB", then not at 5. */
	ck_assert_int_eq(
	    bmc_state_load(
		u.bmc, "[sysinfo]\nname = 0041\nname.1 = 42\n", 34, "s", NULL),
	    0);
	ck_assert_uint_eq(tb_call(&u, USER, APP, 0x59, "00 02 00 00"), 0x00);
	tb_assert_reply(
	    &u, "11 00 00 02 41 42 00 00 00 00 00 00 00 00 00 00 00 00");
	ck_assert_int_eq(
	    bmc_state_load(
		u.bmc, "[sysinfo]\nname = 0041\nname.5 = 42\n", 34, "s", NULL),
	    ERR_CONFIG);
	tb_free(&u);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sysinfo");
	TCase	*tc = tcase_create("sysinfo");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_get);
	tcase_add_test(tc, test_set);
	tcase_add_test(tc, test_enables_and_flags);
	tcase_add_test(tc, test_state_round_trip);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
