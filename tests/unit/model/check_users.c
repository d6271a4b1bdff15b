/*
 * Tests for src/model/users.c: user access, names and passwords as
 * ipmitool's "user" commands set them.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
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

/* [user N]: only the users changed, back as they were. */
START_TEST(test_state_round_trip)
{
	static const char  bad[] = "[user 5]\ndefined = 1\n"
				   "session_limit = 16\n";
	struct tb	   b;
	struct config_diag diag = {0};
	struct model_user  u;
	uint8_t		   id;
	char		  *sec, *text;
	size_t		   len;

	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45,
			      "05 62 6f 62 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47,
			      "05 02 70 77 35 00 00 00 00 00 00 00 00 00 00 00 "
			      "00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x47, "05 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x43, "91 05 03"), 0x00);
	sec = tb_state_section(t.bmc, "[user 5]");
	ck_assert_str_eq(sec,
	    "[user 5]\ndefined = 1\nname = 626f62\n"
	    "password = 7077350000000000000000000000000000000000\n"
	    "password_20 = 0\nenabled = 1\nprivilege_limit = 3\n"
	    "ipmi_messaging = 1\nlink_auth = 0\ncallback_only = 0\n"
	    "session_limit = 0\n");
	free(sec);

	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_null(strstr(text, "[user 2]"));
	ck_assert_int_eq(tb_state_load_fresh(&b, text, &diag), 0);
	free(text);
	ck_assert_uint_eq(diag.n, 0);
	ck_assert_int_eq(
	    bmc_user_by_name(b.bmc, (const uint8_t *)"bob", 3, &u, &id), 0);
	ck_assert_uint_eq(id, 5);
	ck_assert_uint_eq(u.enabled, 1);
	ck_assert_uint_eq(u.priv_limit, IPMI_PRIV_OPERATOR);
	ck_assert_mem_eq(u.password, "pw5\0", 4);
	tb_free(&b);

	ck_assert_int_eq(tb_state_load_fresh(&b, bad, &diag), ERR_CONFIG);
	ck_assert_uint_eq(diag.n, 1);
	ck_assert_str_eq(diag.msgs[0], "s:3: session_limit must be 0..15");
	ck_assert_int_eq(bmc_user_by_id(b.bmc, 5, &u), 0);
	ck_assert_uint_eq(u.defined, 1);
	config_diag_clear(&diag);
	tb_free(&b);
}
END_TEST

/*
 * §22.28: a name is ASCII text.  A newline, an ESC or a byte above 7Eh is
 * refused with CCh and the slot is left as it was.
 */
START_TEST(test_set_user_name_refuses_non_printable)
{
	struct model_user	 u;
	uint8_t			 id;
	static const char *const bad[] = {
	    "05 62 0a 62 00 00 00 00 00 00 00 00 00 00 00 00 00",
	    "05 1b 5b 32 4a 00 00 00 00 00 00 00 00 00 00 00 00",
	    "05 62 6f 7f 00 00 00 00 00 00 00 00 00 00 00 00 00",
	    "05 62 c3 a9 00 00 00 00 00 00 00 00 00 00 00 00 00",
	};
	unsigned i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45, bad[i]), 0xcc);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 5, &u), ERR_NOT_FOUND);
	/* Printable ASCII, space and tilde included, is taken. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45,
			      "05 20 62 7e 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00"),
	    0x00);
	ck_assert_int_eq(
	    bmc_user_by_name(t.bmc, (const uint8_t *)" b~", 3, &u, &id), 0);
	ck_assert_uint_eq(id, 5);
	/* A bad rename leaves the name it had. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x45, bad[0]), 0xcc);
	ck_assert_int_eq(
	    bmc_user_by_name(t.bmc, (const uint8_t *)" b~", 3, &u, &id), 0);
}
END_TEST

static Suite *
users_suite(void)
{
	Suite *s = suite_create("users");
	TCase *tc = tcase_create("users");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_user_access_and_names);
	tcase_add_test(tc, test_new_user);
	tcase_add_test(tc, test_set_user_access);
	tcase_add_test(tc, test_password_forms_and_test);
	tcase_add_test(tc, test_null_user);
	tcase_add_test(tc, test_state_round_trip);
	tcase_add_test(tc, test_set_user_name_refuses_non_printable);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(users_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
