/*
 * Tests for the area contract (src/model/bmc.c with bmc_areas.c): a BMC
 * made of the registry's areas plus test areas, so that what reaches an
 * area (events, commands) is seen from the area's side.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "bmc_testutil.h"
#include "err.h"

#define APP   IPMI_NETFN_APP
#define USER  IPMI_PRIV_USER
#define ADMIN IPMI_PRIV_ADMIN

static struct tb t;

/* What the two listening test areas heard, in order. */
static struct heard {
	char		 who;
	uint64_t	 now_ms;
	struct bmc_event ev;
} heard[8];
static unsigned nheard;

static void
listen(char who, uint64_t now_ms, const struct bmc_event *ev)
{
	ck_assert_uint_lt(nheard, 8);
	heard[nheard].who = who;
	heard[nheard].now_ms = now_ms;
	heard[nheard].ev = *ev;
	nheard++;
}

static void
listen_a_cb(struct bmc *b, uint64_t now_ms, const struct bmc_event *ev)
{
	(void)b;
	listen('a', now_ms, ev);
}

static void
listen_b_cb(struct bmc *b, uint64_t now_ms, const struct bmc_event *ev)
{
	(void)b;
	listen('b', now_ms, ev);
}

static const struct bmc_area area_listen_a = {
    .name = "listen a",
    .event_cb = listen_a_cb,
};
static const struct bmc_area area_listen_b = {
    .name = "listen b",
    .event_cb = listen_b_cb,
};

/* The registry's areas, then extra ones, NULL-terminated. */
static const struct bmc_area *areas[32];

static void
areas_with(const struct bmc_area *x, const struct bmc_area *y)
{
	unsigned n = 0, i;

	for (i = 0; bmc_areas[i] != NULL; i++)
		areas[n++] = bmc_areas[i];
	areas[n++] = x;
	areas[n++] = y;
	areas[n] = NULL;
	ck_assert_uint_lt(n, 32);
}

static void
setup(void)
{
	tb_init(&t);
	nheard = 0;
}

static void
teardown(void)
{
	tb_free(&t);
}

static unsigned
sel_entries(void)
{
	ck_assert_uint_eq(tb_call(&t, USER, IPMI_NETFN_STORAGE, 0x40, ""), 0);
	return t.data[1] | (unsigned)t.data[2] << 8;
}

/*
 * One event, every listener: the SEL records it and both test areas
 * hear it, in registry order, with the same fields and time.
 */
START_TEST(test_event_fan_out)
{
	struct bmc_event ev = {
	    .generator = 0x20,
	    .sensor_type = BMC_SENSOR_TYPE_BUTTON,
	    .sensor_number = 0x42,
	    .event_type = 0x6f,
	    .data = {0x01, 0xff, 0xff},
	};
	unsigned before;

	areas_with(&area_listen_a, &area_listen_b);
	t.areas = areas;
	tb_start(&t);
	before = sel_entries();
	t.now = 5000;
	bmc_event(t.bmc, t.now, &ev);
	ck_assert_uint_eq(nheard, 2);
	ck_assert_int_eq(heard[0].who, 'a');
	ck_assert_int_eq(heard[1].who, 'b');
	ck_assert_uint_eq(heard[0].now_ms, 5000);
	ck_assert_uint_eq(heard[1].ev.sensor_number, 0x42);
	ck_assert_uint_eq(heard[1].ev.data[0], 0x01);
	ck_assert_uint_eq(sel_entries(), before + 1);
	/* Power off over IPMI is an event too: a power unit event. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMIN, IPMI_NETFN_CHASSIS, 0x02, "00"), 0x00);
	ck_assert_uint_eq(nheard, 4);
	ck_assert_uint_eq(heard[2].ev.sensor_type, BMC_SENSOR_TYPE_POWER_UNIT);
	ck_assert_uint_eq(heard[3].ev.sensor_type, BMC_SENSOR_TYPE_POWER_UNIT);
	ck_assert_uint_eq(heard[3].ev.event_type, 0x6f); /* asserted */
	ck_assert_uint_eq(sel_entries(), before + 2);
}
END_TEST

/* Applying the saved state is no event: nobody hears of the power. */
START_TEST(test_state_load_is_silent)
{
	static const char  text[] = "[chassis]\npower = off\n";
	struct config_diag d;

	areas_with(&area_listen_a, &area_listen_b);
	t.areas = areas;
	t.model.chassis.restore_policy = MODEL_RESTORE_PREVIOUS;
	tb_start(&t);
	memset(&d, 0, sizeof(d));
	(void)bmc_state_load(t.bmc, text, sizeof(text) - 1, "s", &d);
	config_diag_clear(&d);
	ck_assert_int_eq(bmc_power_is_on(t.bmc), 0); /* it did change */
	ck_assert_uint_eq(nheard, 0);
}
END_TEST

/* ---- dispatch through the areas' tables ---- */

#define NETFN_TEST 0x2e /* OEM/Group: no area of the registry uses it */

static int		    seen_cmd = -1; /* the request the handler saw */
static struct model_outbox *seen_outbox;

/* Echoes its data back, with the privilege it was called at. */
static uint8_t
test_echo(struct bmc *b, struct bmc_cmd *ctx)
{
	(void)b;
	seen_cmd = ctx->req->msg->cmd;
	seen_outbox = ctx->outbox;
	wr_u8(&ctx->out, ctx->req->privilege);
	wr_bytes(&ctx->out, rd_pos(&ctx->in), rd_left(&ctx->in));
	return IPMI_CC_OK;
}

static uint8_t
test_other(struct bmc *b, struct bmc_cmd *ctx)
{
	(void)b;
	wr_u8(&ctx->out, 0xbb);
	return IPMI_CC_OK;
}

static const struct cmd_entry test_a_cmds[] = {
    {NETFN_TEST, 0x01, ADMIN, 0, 4, 0, test_echo, "Test Admin"},
    {NETFN_TEST, 0x02, IPMI_PRIV_CALLBACK, 0, 0, 1, test_echo,
	"Test Sessionless"},
};
/* 01h again (the first area answers), and 03h. */
static const struct cmd_entry test_b_cmds[] = {
    {NETFN_TEST, 0x01, USER, 0, 4, 0, test_other, "Test Shadowed"},
    {NETFN_TEST, 0x03, USER, 0, 0, 0, test_other, "Test Other"},
};
static unsigned resets;

static void
test_reset_cb(struct bmc *b, const struct model_request *req)
{
	(void)b;
	ck_assert_uint_eq(req->msg->cmd, 0x02); /* Cold Reset's */
	resets++;
}

static const struct bmc_area area_cmds_a = {
    .name = "cmds a",
    .cmds = test_a_cmds,
    .ncmds = 2,
    .reset_cb = test_reset_cb,
};
static const struct bmc_area area_cmds_b = {
    .name = "cmds b",
    .cmds = test_b_cmds,
    .ncmds = 2,
};

START_TEST(test_dispatch_through_areas)
{
	areas_with(&area_cmds_a, &area_cmds_b);
	t.areas = areas;
	tb_start(&t);
	/* The row of the first area, its handler given the whole context. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, NETFN_TEST, 0x01, "0a 0b"), 0x00);
	tb_assert_reply(&t, "04 0a 0b");
	ck_assert_int_eq(seen_cmd, 0x01);
	ck_assert_ptr_eq(seen_outbox, &t.outbox);
	/* Below the row's privilege: D4h, not the second area's row. */
	ck_assert_uint_eq(tb_call(&t, USER, NETFN_TEST, 0x01, ""), 0xd4);
	ck_assert_uint_eq(t.len, 0);
	/* Too long for the row: C7h. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMIN, NETFN_TEST, 0x01, "01 02 03 04 05"), 0xc7);
	/* The second area's own row. */
	ck_assert_uint_eq(tb_call(&t, USER, NETFN_TEST, 0x03, ""), 0x00);
	tb_assert_reply(&t, "bb");
	/* Nobody's: C1h in a session, D4h outside one. */
	ck_assert_uint_eq(tb_call(&t, ADMIN, NETFN_TEST, 0x04, ""), 0xc1);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(tb_call(&t, 0, NETFN_TEST, 0x04, ""), 0xd4);
	/* Sessionless: only rows marked so answer, at privilege 0. */
	ck_assert_uint_eq(tb_call(&t, 0, NETFN_TEST, 0x01, ""), 0xd4);
	ck_assert_uint_eq(tb_call(&t, 0, NETFN_TEST, 0x03, ""), 0xd4);
	ck_assert_uint_eq(tb_call(&t, 0, NETFN_TEST, 0x02, ""), 0x00);
	tb_assert_reply(&t, "00");
	/* The outbox as given: none. */
	t.no_outbox = 1;
	ck_assert_uint_eq(tb_call(&t, ADMIN, NETFN_TEST, 0x01, ""), 0x00);
	ck_assert_ptr_null(seen_outbox);
	/* The registry's areas still answer, chassis and users included. */
	ck_assert_uint_eq(tb_call(&t, USER, IPMI_NETFN_CHASSIS, 0x01, ""), 0);
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x46, "02"), 0x00);
	ck_assert_uint_eq(t.data[0], 'a'); /* "admin" */
	/* Cold Reset reaches every area with a reset_cb, ours once. */
	resets = 0;
	ck_assert_uint_eq(tb_call(&t, ADMIN, APP, 0x02, ""), 0x00);
	ck_assert_uint_eq(resets, 1);
	ck_assert_uint_eq(t.channel_changes, 1); /* the channel's too */
}
END_TEST

/* Every command of the registry in one area only; the test list's one. */
START_TEST(test_no_duplicate_commands)
{
	const struct bmc_area *const *a;
	size_t			      i, n = 0;

	ck_assert_uint_eq(bmc_areas_duplicates(bmc_areas), 0);
	for (a = bmc_areas; *a != NULL; a++)
		for (i = 0; i < (*a)->ncmds; i++, n++)
			ck_assert_ptr_nonnull((*a)->cmds[i].handler);
	ck_assert_uint_gt(n, 80); /* the whole command set is there */
	areas_with(&area_cmds_a, &area_cmds_b);
	ck_assert_uint_eq(bmc_areas_duplicates(areas), 1);
}
END_TEST

static Suite *
bmc_areas_suite(void)
{
	Suite *s = suite_create("bmc_areas");
	TCase *tc = tcase_create("events");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_event_fan_out);
	tcase_add_test(tc, test_state_load_is_silent);
	suite_add_tcase(s, tc);
	tc = tcase_create("dispatch");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_dispatch_through_areas);
	tcase_add_test(tc, test_no_duplicate_commands);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(bmc_areas_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
