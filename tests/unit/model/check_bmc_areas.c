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

static Suite *
bmc_areas_suite(void)
{
	Suite *s = suite_create("bmc_areas");
	TCase *tc = tcase_create("events");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_event_fan_out);
	tcase_add_test(tc, test_state_load_is_silent);
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
