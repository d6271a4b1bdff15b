/*
 * The dispatcher and the App commands: request bytes in, completion code
 * and reply bytes out, as ipmitool, FreeIPMI and pyghmi send and parse
 * them.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "err.h"

#define APP   IPMI_NETFN_APP
#define ADMIN IPMI_PRIV_ADMIN
#define OPER  IPMI_PRIV_OPERATOR
#define USER  IPMI_PRIV_USER

static struct tb t;

static void
setup(void)
{
	tb_init(&t);
	tb_start(&t);
}

static void
teardown(void)
{
	tb_free(&t);
}

START_TEST(test_unknown_command)
{
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x99, ""), 0xc1);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, ADMIN, 0x30, 0x01, ""), 0xc1);
}
END_TEST

START_TEST(test_sessionless_refused)
{
	/* Known, unknown: both D4h outside a session. */
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x01, ""), 0xd4);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x99, ""), 0xd4);
	ck_assert_uint_eq(tb_call(&t, 0, IPMI_NETFN_CHASSIS, 0x02, "00"), 0xd4);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	/* Appendix G: these two need no session. */
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x37, ""), 0x00);
	tb_assert_reply(&t, "50 51 52 53 54 55 56 57 58 59 5a 5b 5c 5d 5e 5f");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 80"), 0x00);
}
END_TEST

START_TEST(test_privilege_table)
{
	/* A USER session cannot manage users or reset the BMC. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x47,
			      "02 02 61 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0xd4);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x02, ""), 0xd4);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x44, "01 02"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 02"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x43, "91 02 04"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, IPMI_PRIV_CALLBACK, APP, 0x01, ""), 0xd4);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x01, ""), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, IPMI_PRIV_CALLBACK, APP, 0x54, "0e 00 80"), 0x00);
}
END_TEST

START_TEST(test_length_checks)
{
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x01, "00"), 0xc7);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x42, ""), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x54, "0e 00"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45, "05 41"), 0xc7);
	/* Set User Password: 2, 18 or 22 bytes as byte 1 bit 7 says. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47, "02 02 41 42"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "82 02 61 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0xc7);
}
END_TEST

START_TEST(test_get_device_id)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x01, ""), 0x00);
	tb_assert_reply(&t, "20 81 01 00 02 bf 4a 23 01 0c 0b");
	tb_free(&t);
	t.model.identity.has_aux_firmware = 1;
	memcpy(t.model.identity.aux_firmware, "\x01\x02\x03\x04", 4);
	t.model.identity.fw_minor_bcd = 0x42;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x01, ""), 0x00);
	tb_assert_reply(&t, "20 81 01 42 02 bf 4a 23 01 0c 0b 01 02 03 04");
}
END_TEST

START_TEST(test_guids_self_test)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x08, ""), 0x00);
	tb_assert_reply(&t, "d0 d1 d2 d3 d4 d5 d6 d7 d8 d9 da db dc dd de df");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x37, ""), 0x00);
	tb_assert_reply(&t, "50 51 52 53 54 55 56 57 58 59 5a 5b 5c 5d 5e 5f");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x04, ""), 0x00);
	tb_assert_reply(&t, "55 00");
}
END_TEST

START_TEST(test_resets)
{
	/* A cold reset brings the volatile channel access back. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 b3 83"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x03, ""), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&t, "33 03");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x02, ""), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&t, "22 04");
	ck_assert_uint_eq(t.channel_changes, 2);
}
END_TEST

START_TEST(test_acpi_power_state)
{
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "00 00");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "84 83"), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "04 03");
	/* 7Fh and a clear bit 7 change nothing. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "ff 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "04 03");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "8b 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "00 84"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x06, "82 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "02 03");
	/* Power follows the ACPI state only the other way round. */
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(
	    tb_call(&t, ADMIN, IPMI_NETFN_CHASSIS, 0x02, "00"), 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x07, ""), 0x00);
	tb_assert_reply(&t, "05 03");
}
END_TEST

START_TEST(test_session_info)
{
	struct model_session_info *s = &t.sessions[0];

	s->handle = 1;
	s->user_id = 2;
	s->privilege = 4;
	s->channel = 1;
	s->peer_family = 4;
	memcpy(s->peer_addr, "\x7f\x00\x00\x01", 4);
	s->peer_port = 0x1234;
	t.sessions[1] = *s;
	t.sessions[1].handle = 7;
	t.sessions[1].user_id = 4;
	t.sessions[1].privilege = 2;
	t.sessions[1].ipmi15 = 1;
	t.nsessions = 2;

	/* 0: the requester's own session (handle 1). */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "00"), 0x00);
	tb_assert_reply(&t,
	    "01 0f 02 02 04 11 7f 00 00 01 00 00 00 00 00 00 "
	    "34 12");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "02"), 0x00);
	tb_assert_reply(&t,
	    "07 0f 02 04 02 01 7f 00 00 01 00 00 00 00 00 00 "
	    "34 12");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "fe 07"), 0x00);
	tb_assert_reply(&t,
	    "07 0f 02 04 02 01 7f 00 00 01 00 00 00 00 00 00 "
	    "34 12");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "ff 00 10 00 00"), 0x00);
	tb_assert_reply(&t,
	    "01 0f 02 02 04 11 7f 00 00 01 00 00 00 00 00 00 "
	    "34 12");
	/* No session at this index: the first three bytes only. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "03"), 0x00);
	tb_assert_reply(&t, "00 0f 02");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "fe 09"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "ff 00 20 00 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "fe"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "01 02"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x3d, "40"), 0xcc);
}
END_TEST

START_TEST(test_channel_info)
{
	t.nsessions = 1;
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "0e"), 0x00);
	tb_assert_reply(&t, "01 04 01 81 f2 1b 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "01"), 0x00);
	tb_assert_reply(&t, "01 04 01 81 f2 1b 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "00"), 0x00);
	tb_assert_reply(&t, "00 01 01 00 f2 1b 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "0f"), 0x00);
	tb_assert_reply(&t, "0f 0c 05 00 f2 1b 00 00 00");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x42, "05"), 0xcc);
}
END_TEST

START_TEST(test_channel_access)
{
	struct model_channel c;
	uint64_t	     gen = bmc_policy_generation(t.bmc);
	uint64_t	     sgen = bmc_state_generation(t.bmc);

	/* Defaults: alerting off (bit 5 set), always available, ADMIN. */
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "0e 80"), 0x00);
	tb_assert_reply(&t, "22 04");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 40"), 0x00);
	tb_assert_reply(&t, "22 04");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 c0"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "02 80"), 0xcc);

	/* Volatile: alerting and per-message auth off, shared, OPERATOR. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 b3 83"), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&t, "33 03");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 40"), 0x00);
	tb_assert_reply(&t, "22 04");
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.priv_limit, IPMI_PRIV_OPERATOR);
	ck_assert_uint_eq(c.per_message_auth, 0);
	ck_assert_uint_eq(c.access_mode, 3);
	ck_assert_uint_eq(t.channel_changes, 1);
	ck_assert_uint_gt(bmc_policy_generation(t.bmc), gen);
	ck_assert_uint_eq(bmc_state_generation(t.bmc), sgen);

	/* Non-volatile: saved, not in force; privilege byte untouched. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 42 04"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 40"), 0x00);
	tb_assert_reply(&t, "02 04");
	ck_assert_uint_eq(tb_call(&t, USER, APP, 0x41, "01 80"), 0x00);
	tb_assert_reply(&t, "33 03");
	ck_assert_uint_eq(t.channel_changes, 1);
	ck_assert_uint_gt(bmc_state_generation(t.bmc), sgen);

	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 84 80"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 00 86"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "01 c2 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x40, "03 82 00"), 0xcc);
}
END_TEST

/*
 * Suites 3 and 17, by suite: what ipmitool's "channel getciphers ipmi"
 * and its suite negotiation parse (C0h, ID, auth, 40h|integ, 80h|conf).
 */
START_TEST(test_cipher_suites_3_17)
{
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 80"), 0x00);
	tb_assert_reply(&t, "01 c0 03 01 41 81 c0 11 03 44 81");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 81"), 0x00);
	tb_assert_reply(&t, "01");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x54, "01 01 80"), 0x00);
	tb_assert_reply(&t, "01 c0 03 01 41 81 c0 11 03 44 81");
	/* By algorithm: each once, with its tag. */
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 00"), 0x00);
	tb_assert_reply(&t, "01 01 41 81 03 44");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "02 00 80"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 05 80"), 0xcc);
}
END_TEST

START_TEST(test_cipher_suites_chunks)
{
	tb_free(&t);
	t.model.channel.enabled_suites = 1u << 0 | 1u << 1 | 1u << 2 | 1u << 3 |
	    1u << 6 | 1u << 7 | 1u << 8 | 1u << 11 | 1u << 12 | 1u << 15 |
	    1u << 16 | 1u << 17;
	tb_start(&t);
	/* 12 records of 5 bytes: 16 + 16 + 16 + 12. */
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 80"), 0x00);
	tb_assert_reply(&t,
	    "01 c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 "
	    "c0");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 81"), 0x00);
	tb_assert_reply(&t,
	    "01 03 01 41 81 c0 06 02 40 80 c0 07 02 42 80 c0 "
	    "08");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 82"), 0x00);
	tb_assert_reply(&t,
	    "01 02 42 81 c0 0b 02 43 80 c0 0c 02 43 81 c0 0f "
	    "03");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 83"), 0x00);
	tb_assert_reply(&t, "01 40 80 c0 10 03 44 80 c0 11 03 44 81");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 84"), 0x00);
	tb_assert_reply(&t, "01");
	ck_assert_uint_eq(tb_call(&t, 0, APP, 0x54, "0e 00 bf"), 0x00);
	tb_assert_reply(&t, "01");
}
END_TEST

START_TEST(test_user_access_and_names)
{
	/* ipmitool "user list": max 16, 3 enabled, user 2 enabled ADMIN. */
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 02"), 0x00);
	tb_assert_reply(&t, "10 43 01 14");
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "0e 04"), 0x00);
	tb_assert_reply(&t, "10 43 01 12");
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 05"), 0x00);
	tb_assert_reply(&t, "10 03 01 0f");
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 11"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 00"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "03 02"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x46, "02"), 0x00);
	tb_assert_reply(&t, "61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x46, "05"), 0x00);
	tb_assert_reply(&t, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x46, "11"), 0xcc);
}
END_TEST

/* ipmitool "user set name 5 bob", "user set password 5 pw5", enable. */
START_TEST(test_new_user)
{
	struct model_user u;
	uint8_t		  id;
	uint64_t	  gen = bmc_policy_generation(t.bmc);

	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45,
			      "05 62 6f 62 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00"),
	    0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x46, "05"), 0x00);
	tb_assert_reply(&t, "62 6f 62 00 00 00 00 00 00 00 00 00 00 00 00 00");
	ck_assert_int_eq(
	    bmc_user_by_name(t.bmc, (const uint8_t *)"bob", 3, &u, &id), 0);
	ck_assert_uint_eq(id, 5);
	ck_assert_uint_eq(u.enabled, 0);
	ck_assert_uint_eq(u.priv_limit, IPMI_PRIV_NO_ACCESS);

	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "05 02 70 77 35 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47, "05 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x43, "91 05 03"), 0x00);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 5, &u), 0);
	ck_assert_uint_eq(u.enabled, 1);
	ck_assert_uint_eq(u.ipmi_messaging, 1);
	ck_assert_uint_eq(u.priv_limit, IPMI_PRIV_OPERATOR);
	ck_assert_uint_eq(u.password20, 0);
	ck_assert_mem_eq(
	    u.password, "pw5\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 05"), 0x00);
	tb_assert_reply(&t, "10 44 01 13");
	ck_assert_uint_gt(bmc_policy_generation(t.bmc), gen);

	/* User 1's name is fixed; an empty name deletes the user. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45,
			      "01 62 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00"),
	    0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45,
			      "05 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00"),
	    0x00);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 5, &u), ERR_NOT_FOUND);
	/* Once for the new password, once for the deletion. */
	ck_assert_uint_eq(t.nclosed, 2);
	ck_assert_uint_eq(t.closed[0], 5);
	ck_assert_uint_eq(t.closed[1], 5);
}
END_TEST

START_TEST(test_set_user_access)
{
	struct model_user u;

	/* Bit 7 clear: the flags stay, the privilege and limit change. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x43, "01 04 03 02"), 0x00);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 4, &u), 0);
	ck_assert_uint_eq(u.ipmi_messaging, 1);
	ck_assert_uint_eq(u.priv_limit, 3);
	ck_assert_uint_eq(u.session_limit, 2);
	ck_assert_uint_eq(t.nclosed, 0);
	/* No access: the user's sessions go. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x43, "81 04 0f"), 0x00);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 4, &u), 0);
	ck_assert_uint_eq(u.ipmi_messaging, 0);
	ck_assert_uint_eq(u.priv_limit, IPMI_PRIV_NO_ACCESS);
	ck_assert_uint_eq(u.session_limit, 2);
	ck_assert_uint_eq(t.nclosed, 1);
	ck_assert_uint_eq(t.closed[0], 4);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x43, "01 04 06"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x43, "01 20 04"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x43, "05 04 04"), 0xcc);
}
END_TEST

START_TEST(test_password_forms_and_test)
{
	struct model_user u;
	uint64_t	  sgen = bmc_state_generation(t.bmc);

	/* The model's "secret", tested in the 16-byte form. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "02 03 73 65 63 72 65 74 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "02 03 73 65 63 72 65 75 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0x80);
	/* The 20-byte form against a 16-byte password: wrong size. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "82 03 73 65 63 72 65 74 00 00 00 00 00 00 00 00 "
			      "00 00 00 00 00 00"),
	    0x81);
	ck_assert_uint_eq(bmc_state_generation(t.bmc), sgen);
	ck_assert_uint_eq(t.nclosed, 0);

	/* Set with the 20-byte form: sessions of the user close. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "82 02 31 32 33 34 35 36 37 38 39 30 31 32 33 34 "
			      "35 36 37 38 39 30"),
	    0x00);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 2, &u), 0);
	ck_assert_uint_eq(u.password20, 1);
	ck_assert_mem_eq(u.password, "12345678901234567890", 20);
	ck_assert_uint_eq(t.nclosed, 1);
	ck_assert_uint_eq(t.closed[0], 2);
	ck_assert_uint_gt(bmc_state_generation(t.bmc), sgen);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "82 03 31 32 33 34 35 36 37 38 39 30 31 32 33 34 "
			      "35 36 37 38 39 30"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "02 03 31 32 33 34 35 36 37 38 39 30 31 32 33 34 "
			      "35 36"),
	    0x81);

	/* Disable: sessions close; enable with a (ignored) password. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47, "03 00"), 0x00);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 3, &u), 0);
	ck_assert_uint_eq(u.enabled, 0);
	ck_assert_uint_eq(t.nclosed, 2);
	ck_assert_uint_eq(t.closed[1], 3);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x44, "01 03"), 0x00);
	tb_assert_reply(&t, "10 82 01 13");
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "03 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0x00);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 3, &u), 0);
	ck_assert_uint_eq(u.enabled, 1);
	ck_assert_mem_eq(u.password, "operpw", 6);

	/* Empty slots and IDs out of range. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47, "06 01"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47, "00 01"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "06 02 31 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0xcc);
}
END_TEST

START_TEST(test_null_user)
{
	struct model_user u;
	uint8_t		  id = 0;

	ck_assert_int_eq(
	    bmc_user_by_name(t.bmc, NULL, 0, &u, &id), ERR_NOT_FOUND);
	/* A password defines the null user (ID 1). */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "01 02 6e 75 6c 6c 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47, "01 01"), 0x00);
	ck_assert_int_eq(bmc_user_by_name(t.bmc, NULL, 0, &u, &id), 0);
	ck_assert_uint_eq(id, 1);
	ck_assert_uint_eq(u.enabled, 1);
	ck_assert_int_eq(
	    bmc_user_by_name(t.bmc, (const uint8_t *)"admin", 5, &u, &id), 0);
	ck_assert_uint_eq(id, 2);
	ck_assert_int_eq(
	    bmc_user_by_name(t.bmc, (const uint8_t *)"admi", 4, &u, &id),
	    ERR_NOT_FOUND);
}
END_TEST

/*
 * Every command of both netFns with every length of zero and of FFh
 * filler: a code always, data only with 00h, never past the buffer.
 */
START_TEST(test_every_length)
{
	static const uint8_t netfns[] = {IPMI_NETFN_CHASSIS, APP};
	char		     hex[3 * 24 + 1];
	unsigned	     n, cmd, len, fill;

	for (n = 0; n < sizeof(netfns); n++)
		for (cmd = 0; cmd <= 0xff; cmd++)
			for (fill = 0; fill < 2; fill++)
				for (len = 0; len <= 23; len++) {
					memset(hex, 0, sizeof(hex));
					for (unsigned i = 0; i < len; i++)
						memcpy(hex + 3 * i,
						    fill ? "ff " : "00 ", 3);
					tb_call(&t, ADMIN, netfns[n],
					    (uint8_t)cmd, hex);
					ck_assert_uint_le(
					    t.len, sizeof(t.data));
					if (t.cc != 0)
						ck_assert_uint_eq(t.len, 0);
					ck_assert_uint_ne(t.cc, 0xff);
				}
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("bmc");
	TCase	*tc = tcase_create("app");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_unknown_command);
	tcase_add_test(tc, test_sessionless_refused);
	tcase_add_test(tc, test_privilege_table);
	tcase_add_test(tc, test_length_checks);
	tcase_add_test(tc, test_get_device_id);
	tcase_add_test(tc, test_guids_self_test);
	tcase_add_test(tc, test_resets);
	tcase_add_test(tc, test_acpi_power_state);
	tcase_add_test(tc, test_session_info);
	tcase_add_test(tc, test_channel_info);
	tcase_add_test(tc, test_channel_access);
	tcase_add_test(tc, test_cipher_suites_3_17);
	tcase_add_test(tc, test_cipher_suites_chunks);
	tcase_add_test(tc, test_user_access_and_names);
	tcase_add_test(tc, test_new_user);
	tcase_add_test(tc, test_set_user_access);
	tcase_add_test(tc, test_password_forms_and_test);
	tcase_add_test(tc, test_null_user);
	tcase_add_test(tc, test_every_length);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
