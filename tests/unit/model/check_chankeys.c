/*
 * Tests for src/model/chankeys.c: Set Channel Security Keys' bytes, the
 * K_G in the channel policy, locks and the saved state.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "ipmimsg.h"

#define APP  IPMI_NETFN_APP
#define KEYS 0x56
#define ADMN IPMI_PRIV_ADMIN
#define OPER IPMI_PRIV_OPERATOR

#define ZERO20 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
/* "0123456789" then zeros. */
#define KG_TEXT \
	"30 31 32 33 34 35 36 37 38 39 00 00 00 00 00 00 00 00 00 " \
	"00"

static struct tb t;

static void
setup(void)
{
	tb_init(&t);
}

static void
teardown(void)
{
	tb_free(&t);
}

START_TEST(test_read_unset)
{
	struct model_channel c;

	tb_start(&t);
	/* Channel 1, read, K_G: unlocked, 20 zero bytes. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 01"), 0x00);
	tb_assert_reply(&t, "02 " ZERO20);
	/* Eh: the channel the request came on. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "0e 00 00"), 0x00);
	tb_assert_reply(&t, "02 " ZERO20);
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.kg_set, 0);
	/* Administrator only (appendix G). */
	ck_assert_uint_eq(tb_call(&t, OPER, APP, KEYS, "01 00 01"), 0xd4);
	/* Not the LAN channel, a reserved operation, an unknown key. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "02 00 01"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 03 01"), 0xcc);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 02"), 0xcc);
	/* A key with a read or a lock; too short a request. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 01 30"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 02 01 30"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00"), 0xc7);
}
END_TEST

START_TEST(test_set_kg)
{
	struct model_channel c;

	tb_start(&t);
	/* Ten bytes: padded with zeros.  The set answers the lock only. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS,
			      "01 01 01 30 31 32 33 34 35 36 37 38 39"),
	    0x00);
	tb_assert_reply(&t, "02");
	ck_assert_uint_eq(t.channel_changes, 1);
	ck_assert_str_eq(tb_last_log,
	    "test: K_G set (Set Channel Security Keys): two-key login");
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.kg_set, 1);
	ck_assert_mem_eq(c.kg, "0123456789\0\0\0\0\0\0\0\0\0\0", 20);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 01"), 0x00);
	tb_assert_reply(&t, "02 " KG_TEXT);
	/* K_R is another key. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 00"), 0x00);
	tb_assert_reply(&t, "02 " ZERO20);
	/* 21 bytes: 82h, nothing changed. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, KEYS, "01 01 01 " ZERO20 " 00"), 0x82);
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.kg_set, 1);
	/* All zero: back to one-key login. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 01 01"), 0x00);
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.kg_set, 0);
	ck_assert_uint_eq(t.channel_changes, 2);
}
END_TEST

START_TEST(test_set_kr_and_lock)
{
	struct model_channel c;

	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, KEYS, "01 01 00 61 62 63"), 0x00);
	tb_assert_reply(&t, "02");
	/* K_R is not the channel's policy. */
	ck_assert_uint_eq(t.channel_changes, 0);
	bmc_channel_policy(t.bmc, &c);
	ck_assert_uint_eq(c.kg_set, 0);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 00"), 0x00);
	tb_assert_reply(&t,
	    "02 61 62 63 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
	/* Lock K_R: set refused (80h), read still works, K_G unlocked. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 02 00"), 0x00);
	tb_assert_reply(&t, "01");
	ck_assert_str_eq(
	    tb_last_log, "test: K_R locked (Set Channel Security Keys)");
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 01 00 7a"), 0x80);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 00"), 0x00);
	tb_assert_reply(&t,
	    "01 61 62 63 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 01 01 7a"), 0x00);
	tb_assert_reply(&t, "02");
}
END_TEST

START_TEST(test_model_kg_reads_back)
{
	tb_start(&t);
	tb_free(&t);
	/* A K_G from the model ([channel] kg) reads back as it is. */
	memcpy(t.model.channel.kg, "0123456789", 10);
	t.model.channel.kg_set = 1;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 01"), 0x00);
	tb_assert_reply(&t, "02 " KG_TEXT);
}
END_TEST

START_TEST(test_saved)
{
	struct config_diag   d = {0};
	struct tb	     u;
	struct model_channel c;
	char		    *text;
	size_t		     len;
	uint64_t	     gen;

	tb_start(&t);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_null(strstr(text, "[channel_keys]"));
	free(text);
	gen = bmc_state_generation(t.bmc);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 01 01 41 42"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 02 00"), 0x00);
	ck_assert_uint_eq(bmc_state_generation(t.bmc), gen + 2);
	/* A read changes nothing. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, KEYS, "01 00 01"), 0x00);
	ck_assert_uint_eq(bmc_state_generation(t.bmc), gen + 2);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(strstr(text,
	    "\n[channel_keys]\n"
	    "kr = 0000000000000000000000000000000000000000\n"
	    "kg = 4142000000000000000000000000000000000000\n"
	    "locked = 1\n"));
	tb_restart(&u, &t, text, len, &d);
	free(text);
	bmc_channel_policy(u.bmc, &c);
	ck_assert_uint_eq(c.kg_set, 1);
	ck_assert_mem_eq(c.kg, "AB\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20);
	ck_assert_uint_eq(tb_call(&u, ADMN, APP, KEYS, "01 01 00 7a"), 0x80);
	ck_assert_ptr_nonnull(strstr(tb_all_logs,
	    "channel security keys set over IPMI restored (K_G set)"));
	tb_free(&u);
	config_diag_clear(&d);
}
END_TEST

START_TEST(test_saved_bad)
{
	struct config_diag d = {0};
	const char	  *text = "[channel_keys]\nkg = 4142\nlocked = 9\n";

	tb_start(&t);
	ck_assert_int_ne(bmc_state_load(t.bmc, text, strlen(text), "s", &d), 0);
	ck_assert_uint_eq(d.n, 2);
	config_diag_clear(&d);
}
END_TEST

static Suite *
chankeys_suite(void)
{
	Suite *s = suite_create("chankeys");
	TCase *tc = tcase_create("chankeys");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_read_unset);
	tcase_add_test(tc, test_set_kg);
	tcase_add_test(tc, test_set_kr_and_lock);
	tcase_add_test(tc, test_model_kg_reads_back);
	tcase_add_test(tc, test_saved);
	tcase_add_test(tc, test_saved_bad);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(chankeys_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
