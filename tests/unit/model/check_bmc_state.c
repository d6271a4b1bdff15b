/*
 * Persistent state: what is saved, that a fresh BMC loaded from it
 * answers as the old one did, and that a damaged file is reported line
 * by line while what can be applied is applied.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "ct.h"
#include "err.h"

#define APP   IPMI_NETFN_APP
#define CH    IPMI_NETFN_CHASSIS
#define ADMIN IPMI_PRIV_ADMIN

/* Changes users, boot options, policy and channel access over IPMI. */
static void
change_everything(struct tb *t)
{
	/* A new user 5 "bob", 20-byte password, OPERATOR. */
	ck_assert_uint_eq(tb_call(t, ADMIN, APP, 0x45,
			      "05 62 6f 62 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00"),
	    0);
	ck_assert_uint_eq(tb_call(t, ADMIN, APP, 0x47,
			      "85 02 31 32 33 34 35 36 37 38 39 30 31 32 33 34 "
			      "35 36 37 38 39 30"),
	    0);
	ck_assert_uint_eq(tb_call(t, ADMIN, APP, 0x47, "05 01"), 0);
	ck_assert_uint_eq(tb_call(t, ADMIN, APP, 0x43, "b1 05 03 04"), 0);
	/* User 3 disabled, user 4 deleted, admin's password changed. */
	ck_assert_uint_eq(tb_call(t, ADMIN, APP, 0x47, "03 00"), 0);
	ck_assert_uint_eq(tb_call(t, ADMIN, APP, 0x45,
			      "04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			      "00"),
	    0);
	ck_assert_uint_eq(tb_call(t, ADMIN, APP, 0x47,
			      "02 02 6e 65 77 3b 20 23 3d 00 00 00 00 00 00 00 "
			      "00 00"),
	    0);
	/* Persistent EFI boot from disk; keep the valid bit. */
	ck_assert_uint_eq(tb_call(t, ADMIN, CH, 0x08, "03 08"), 0);
	ck_assert_uint_eq(tb_call(t, ADMIN, CH, 0x08, "05 e0 08 00 00 00"), 0);
	ck_assert_uint_eq(tb_call(t, ADMIN, CH, 0x06, "02"), 0);
	/* Non-volatile channel access: per-message auth off, OPERATOR. */
	ck_assert_uint_eq(tb_call(t, ADMIN, APP, 0x40, "01 72 43"), 0);
	ck_assert_uint_eq(tb_call(t, ADMIN, CH, 0x02, "00"), 0);
}

static char *
save(struct tb *t, size_t *len)
{
	char *text = bmc_state_save(t->bmc, len);

	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(strlen(text), *len);
	return text;
}

static void
assert_same_users(const struct bmc *a, const struct bmc *b)
{
	struct model_user ua, ub;
	unsigned	  id;
	int		  ra, rb;

	for (id = 1; id <= MODEL_USERS_MAX; id++) {
		memset(&ua, 0, sizeof(ua));
		memset(&ub, 0, sizeof(ub));
		ra = bmc_user_by_id(a, (uint8_t)id, &ua);
		rb = bmc_user_by_id(b, (uint8_t)id, &ub);
		ck_assert_int_eq(ra, rb);
		ck_assert_msg(
		    memcmp(&ua, &ub, sizeof(ua)) == 0, "user %u differs", id);
	}
}

START_TEST(test_round_trip)
{
	struct tb	   a, b;
	struct config_diag diag = {0};
	struct model_user  u;
	uint8_t		   id;
	char		  *text;
	size_t		   len;
	uint64_t	   gen;

	tb_init(&a);
	tb_start(&a);
	gen = bmc_state_generation(a.bmc);
	change_everything(&a);
	ck_assert_uint_gt(bmc_state_generation(a.bmc), gen);
	text = save(&a, &len);

	tb_init(&b);
	tb_start(&b);
	ck_assert_int_eq(bmc_state_load(b.bmc, text, len, "a.state", &diag), 0);
	ck_assert_uint_eq(diag.n, 0);
	ck_assert_ptr_nonnull(strstr(tb_last_log,
	    "test: state restored from a.state: 4 user(s), persistent "
	    "boot flags, power restore policy always-on, power on"));
	assert_same_users(a.bmc, b.bmc);
	ck_assert_int_eq(
	    bmc_user_by_name(b.bmc, (const uint8_t *)"bob", 3, &u, &id), 0);
	ck_assert_uint_eq(id, 5);
	ck_assert_uint_eq(u.password20, 1);
	ck_assert_uint_eq(u.session_limit, 4);
	ck_assert_uint_eq(u.link_auth, 1);
	ck_assert_int_eq(bmc_user_by_id(b.bmc, 4, &u), ERR_NOT_FOUND);
	ck_assert_int_eq(bmc_user_by_id(b.bmc, 2, &u), 0);
	ck_assert_mem_eq(u.password, "new; #=", 7);

	ck_assert_uint_eq(tb_call(&b, ADMIN, CH, 0x09, "05 00 00"), 0);
	tb_assert_reply(&b, "01 05 e0 08 00 00 00");
	ck_assert_uint_eq(tb_call(&b, ADMIN, CH, 0x09, "03 00 00"), 0);
	tb_assert_reply(&b, "01 03 08");
	/* Always-on: the loaded BMC is on though the saved one was off. */
	ck_assert_uint_eq(tb_call(&b, ADMIN, CH, 0x01, ""), 0);
	tb_assert_reply(&b, "41 00 40");
	ck_assert_uint_eq(tb_call(&b, ADMIN, CH, 0x07, ""), 0);
	tb_assert_reply(&b, "06 00");
	/* Non-volatile access, in force after the (re)start. */
	ck_assert_uint_eq(tb_call(&b, ADMIN, APP, 0x41, "01 40"), 0);
	tb_assert_reply(&b, "32 03");
	ck_assert_uint_eq(tb_call(&b, ADMIN, APP, 0x41, "01 80"), 0);
	tb_assert_reply(&b, "32 03");

	/*
	 * Saving the loaded BMC gives the same text but for the power,
	 * which the always-on policy turned on.
	 */
	{
		size_t len2;
		char  *again = save(&b, &len2);

		ck_assert_ptr_nonnull(strstr(text, "power = off\n"));
		ck_assert_ptr_nonnull(strstr(again, "power = on\n"));
		ck_assert_str_eq(
		    strstr(again, "[boot]"), strstr(text, "[boot]"));
		ct_wipe(again, len2);
		free(again);
	}
	ct_wipe(text, len);
	free(text);
	config_diag_clear(&diag);
	tb_free(&a);
	tb_free(&b);
}
END_TEST

START_TEST(test_previous_policy_and_one_time_flags)
{
	struct tb	   a, b;
	struct config_diag diag = {0};
	char		  *text;
	size_t		   len;

	tb_init(&a);
	tb_start(&a);
	ck_assert_uint_eq(tb_call(&a, ADMIN, CH, 0x08, "05 80 04 00 00 00"), 0);
	ck_assert_uint_eq(tb_call(&a, ADMIN, CH, 0x02, "00"), 0);
	text = save(&a, &len);
	/* One-time flags are not saved; no user changed, none saved. */
	ck_assert_ptr_null(strstr(text, "flags ="));
	ck_assert_ptr_null(strstr(text, "[user"));
	ck_assert_ptr_nonnull(strstr(text,
	    "[chassis]\npower = off\n"
	    "restore_policy = previous\n"));

	tb_init(&b);
	tb_start(&b);
	ck_assert_int_eq(bmc_power_is_on(b.bmc), 1);
	ck_assert_int_eq(bmc_state_load(b.bmc, text, len, "a", &diag), 0);
	ck_assert_int_eq(bmc_power_is_on(b.bmc), 0);
	ck_assert_uint_eq(tb_call(&b, ADMIN, CH, 0x09, "05 00 00"), 0);
	tb_assert_reply(&b, "01 05 00 00 00 00 00");
	free(text);
	config_diag_clear(&diag);
	tb_free(&a);
	tb_free(&b);
}
END_TEST

START_TEST(test_problems_reported)
{
	static const char  text[] = "[chassis]\n"
				    "power = maybe\n"
				    "restore_policy = always-on\n"
				    "[bogus]\n"
				    "x = 1\n"
				    "[user 99]\n"
				    "defined = 1\n"
				    "[user 6]\n"
				    "defined = 1\n"
				    "name = 6576\n"
				    "enabled = 2\n"
				    "password = 7\n"
				    "this line is not a pair\n"
				    "[boot]\n"
				    "flags = c0 04\n";
	struct tb	   t;
	struct config_diag diag = {0};
	struct model_user  u;

	tb_init(&t);
	tb_start(&t);
	ck_assert_int_eq(
	    bmc_state_load(t.bmc, text, strlen(text), "bmc1.state", &diag),
	    ERR_CONFIG);
	ck_assert_uint_eq(diag.n, 7);
	ck_assert_str_eq(
	    diag.msgs[0], "bmc1.state:2: power must be on or off, not 'maybe'");
	ck_assert_str_eq(diag.msgs[1], "bmc1.state:5: unknown section [bogus]");
	ck_assert_str_eq(
	    diag.msgs[2], "bmc1.state:7: unknown section [user 99]");
	ck_assert_str_eq(diag.msgs[3], "bmc1.state:11: enabled must be 0..1");
	ck_assert_str_eq(diag.msgs[4],
	    "bmc1.state:12: password must be up to 20 bytes of hex");
	ck_assert_str_eq(
	    diag.msgs[5], "bmc1.state:15: flags must be 5 bytes of hex");
	ck_assert_str_eq(diag.msgs[6], "bmc1.state:13: syntax error");
	/* What could be applied was. */
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 6, &u), 0);
	ck_assert_uint_eq(u.name_len, 2);
	ck_assert_mem_eq(u.name, "ev", 2);
	ck_assert_uint_eq(tb_call(&t, ADMIN, CH, 0x01, ""), 0);
	tb_assert_reply(&t, "41 00 40");
	config_diag_clear(&diag);
	tb_free(&t);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("bmc_state");
	TCase	*tc = tcase_create("state");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_previous_policy_and_one_time_flags);
	tcase_add_test(tc, test_problems_reported);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
