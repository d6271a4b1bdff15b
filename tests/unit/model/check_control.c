/*
 * Tests for src/model/control.c: every entry of the control interface,
 * driven through control and read back over the IPMI commands.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "control.h"
#include "err.h"
#include "fru_record.h"
#include "ipmimsg.h"

#define APP  IPMI_NETFN_APP
#define CH   IPMI_NETFN_CHASSIS
#define SE   IPMI_NETFN_SENSOR
#define ST   IPMI_NETFN_STORAGE
#define USER IPMI_PRIV_USER
#define OPER IPMI_PRIV_OPERATOR
#define ADMN IPMI_PRIV_ADMIN

/* 1700000000 (the tests' start), little-endian. */
#define START_LE "00 f1 53 65"

static struct tb	      t;
static struct bmc_control_ctx c;

static struct model_sensor *
add_sensor(const char *name, uint8_t type, uint8_t event_type, double nominal)
{
	struct model_sensor *s = &t.model.sensors[t.model.nsensors++];
	int		     i;

	memset(s, 0, sizeof(*s));
	s->defined = 1;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->count = 1;
	s->sensor_type = type;
	s->event_type = event_type;
	s->entity_id = 0x07;
	s->entity_instance = 1;
	s->units = 1;
	s->range_min = 0;
	s->range_max = 127.5; /* 0.5 °C steps */
	s->nominal = nominal;
	s->off = nominal;
	s->period_ms = 60000;
	for (i = 0; i < MODEL_THRESHOLDS; i++)
		s->threshold[i] = NAN;
	s->events = 1;
	return s;
}

static void
setup(void)
{
	struct model_sensor *s;

	tb_init(&t);
	s = add_sensor("Inlet Temp", 0x01, 0x01, 23);
	s->threshold[MODEL_UNC] = 38;
	s->threshold[MODEL_UCR] = 42;
	s->hysteresis = 1;
	s = add_sensor("PSU Status", 0x08, 0x6f, 0);
	s->compact = 1;
	s->state = 0x0001;
	/* Presence and failure (offsets 0, 1) raise events. */
	s->assert_mask = 0x0003;
	s->deassert_mask = 0x0003;
}

static void
teardown(void)
{
	tb_free(&t);
}

/* The context of a control call now. */
static const struct bmc_control_ctx *
ctx(void)
{
	c.now_ms = t.now;
	c.wall_ms = (uint64_t)((int64_t)t.now + t.wall_offset);
	c.sessions = tb_session_ops();
	c.sessions_arg = &t;
	return &c;
}

/* Get SEL Entry id: asserts it answers, the record in t.data + 2. */
static void
sel_entry(const char *id_hex)
{
	char req[32];

	snprintf(req, sizeof(req), "00 00 %s 00 ff", id_hex);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x43, req), 0x00);
}

static unsigned
sel_count(void)
{
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	return t.data[1] | t.data[2] << 8;
}

START_TEST(test_power_off_on)
{
	tb_start(&t);
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_POWER_OFF), 0);
	ck_assert_str_eq(tb_last_log, "test: power off (control)");
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "20 00 40"); /* previous policy, off */
	/* The power unit event, as Chassis Control logs it. */
	sel_entry("ff ff");
	tb_assert_reply(&t,
	    "ff ff 01 00 02 " START_LE " 20 00 04 09 ff 6f "
	    "00 ff ff");
	/* Off: a cycle, reset or interrupt is refused, as with D5h. */
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_POWER_CYCLE),
	    ERR_WRONG_STATE);
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_HARD_RESET),
	    ERR_WRONG_STATE);
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_DIAG_INTERRUPT),
	    ERR_WRONG_STATE);
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), (enum bmc_control_power)6),
	    ERR_INVALID_ARG);
	ck_assert_uint_eq(sel_count(), 1);
	t.now += 2000;
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_POWER_ON), 0);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 10 40"); /* on, by an IPMI command */
	/* Restart cause: chassis control, on the LAN channel. */
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x07, ""), 0x00);
	tb_assert_reply(&t, "01 01");
	sel_entry("ff ff");
	tb_assert_reply(&t,
	    "ff ff 02 00 02 02 f1 53 65 20 00 04 09 ff ef "
	    "00 ff ff");
	/* On again: nothing happens, nothing is logged. */
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_POWER_ON), 0);
	ck_assert_uint_eq(sel_count(), 2);
}
END_TEST

START_TEST(test_power_cycle_reset_soft_off)
{
	struct bmc_control_state st;

	tb_start(&t);
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_POWER_CYCLE), 0);
	bmc_control_state(t.bmc, t.now, &st);
	ck_assert_uint_eq(st.power_on, 0);
	ck_assert_uint_eq(st.power_pending, 1);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), t.now + 1000);
	t.now += 1000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x01, ""), 0x00);
	tb_assert_reply(&t, "21 10 40");
	ck_assert_uint_eq(tb_call(&t, USER, CH, 0x07, ""), 0x00);
	tb_assert_reply(&t, "01 01");
	ck_assert_uint_eq(sel_count(), 2); /* off, then on */
	/* A hard reset: the host restarts, the power stays. */
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_HARD_RESET), 0);
	ck_assert_str_eq(tb_last_log, "test: hard reset (control)");
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_DIAG_INTERRUPT), 0);
	ck_assert_str_eq(tb_last_log, "test: diagnostic interrupt (control)");
	ck_assert_uint_eq(sel_count(), 2);
	/* Soft off: the OS takes its second. */
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_SOFT_OFF), 0);
	bmc_control_state(t.bmc, t.now, &st);
	ck_assert_uint_eq(st.power_on, 1);
	ck_assert_uint_eq(st.power_pending, 2);
	t.now += 999;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(bmc_power_is_on(t.bmc), 1);
	t.now += 1;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(bmc_power_is_on(t.bmc), 0);
	ck_assert_str_eq(tb_last_log, "test: power off (soft shutdown)");
}
END_TEST

START_TEST(test_boot)
{
	struct bmc_control_boot	 bt = {1, 0, 1, BMC_BOOT_DEVICE_PXE}, got;
	struct bmc_control_state st;
	uint8_t			 dev = 0xee;

	tb_start(&t);
	ck_assert_int_eq(bmc_control_boot_set(t.bmc, ctx(), &bt), 0);
	ck_assert_str_eq(
	    tb_last_log, "test: boot device pxe (next boot, EFI; control)");
	/* What Get System Boot Options parameter 5 reads. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 a0 04 00 00 00");
	bmc_control_boot_get(t.bmc, &got);
	ck_assert_uint_eq(got.valid, 1);
	ck_assert_uint_eq(got.persistent, 0);
	ck_assert_uint_eq(got.efi, 1);
	ck_assert_uint_eq(got.device, BMC_BOOT_DEVICE_PXE);
	/* The 60 s of a one-time override run. */
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), t.now + 60000);
	/* A one-time override is used by the next boot. */
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_HARD_RESET), 0);
	bmc_control_state(t.bmc, t.now, &st);
	ck_assert_uint_eq(st.boot.valid, 0);
	ck_assert_uint_eq(st.boot.device, BMC_BOOT_DEVICE_PXE);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
	/* Persistent flags survive a boot, and a restart. */
	bt.persistent = 1;
	bt.efi = 0;
	bt.device = BMC_BOOT_DEVICE_DISK;
	ck_assert_int_eq(bmc_control_boot_set(t.bmc, ctx(), &bt), 0);
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_HARD_RESET), 0);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 c0 08 00 00 00");
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
	/* Reserved selectors are refused and change nothing. */
	bt.device = 10;
	ck_assert_int_eq(
	    bmc_control_boot_set(t.bmc, ctx(), &bt), ERR_INVALID_ARG);
	bt.device = 16;
	ck_assert_int_eq(
	    bmc_control_boot_set(t.bmc, ctx(), &bt), ERR_INVALID_ARG);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 c0 08 00 00 00");
	/* valid 0 clears. */
	bt.valid = 0;
	bt.device = 0;
	ck_assert_int_eq(bmc_control_boot_set(t.bmc, ctx(), &bt), 0);
	ck_assert_str_eq(tb_last_log, "test: boot flags cleared (control)");
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 00 00 00 00 00");
	/* Names both ways. */
	ck_assert_int_eq(bmc_control_boot_device_parse("cdrom", &dev), 0);
	ck_assert_uint_eq(dev, 5);
	ck_assert_int_eq(
	    bmc_control_boot_device_parse("tape", &dev), ERR_NOT_FOUND);
	ck_assert_str_eq(bmc_control_boot_device_name(0xb), "remote-disk");
	ck_assert_ptr_null(bmc_control_boot_device_name(0xc));
	ck_assert_ptr_null(bmc_control_boot_device_name(0x10));
}
END_TEST

START_TEST(test_boot_timeout_and_saved)
{
	struct bmc_control_boot bt = {1, 0, 0, BMC_BOOT_DEVICE_BIOS};
	struct tb		u;
	char		       *text;
	size_t			len;

	tb_start(&t);
	ck_assert_int_eq(bmc_control_boot_set(t.bmc, ctx(), &bt), 0);
	t.now += 60000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&t, "01 05 00 18 00 00 00");
	bt.persistent = 1;
	ck_assert_int_eq(bmc_control_boot_set(t.bmc, ctx(), &bt), 0);
	text = bmc_state_save(t.bmc, &len);
	tb_restart(&u, &t, text, len, NULL);
	free(text);
	ck_assert_uint_eq(tb_call(&u, OPER, CH, 0x09, "05 00 00"), 0x00);
	tb_assert_reply(&u, "01 05 c0 18 00 00 00");
	tb_free(&u);
}
END_TEST

START_TEST(test_sensor_threshold_override)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "01"), 0x00);
	tb_assert_reply(&t, "2e c0 c0"); /* 23 °C */
	/* 40 °C: past UNC (38), not UCR (42): the event is logged now. */
	ck_assert_int_eq(
	    bmc_control_sensor_set_name(t.bmc, ctx(), "Inlet Temp", 40), 0);
	ck_assert_str_eq(
	    tb_last_log, "test: sensor 01h (LUN 0) held at 40 (control)");
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "01"), 0x00);
	tb_assert_reply(&t, "50 c0 c8");
	sel_entry("ff ff");
	/* Temperature 1, threshold, UNC going high (57h), 50h > 4Ch. */
	tb_assert_reply(&t,
	    "ff ff 01 00 02 " START_LE " 20 00 04 01 01 01 "
	    "57 50 4c");
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2b, "01"), 0x00);
	tb_assert_reply(&t, "c0 80 00 00 00");
	/* It holds: the tick logs nothing more. */
	t.now += 5000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(sel_count(), 1);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "01"), 0x00);
	tb_assert_reply(&t, "50 c0 c8");
	/* Cleared: back to the model, the deassertion logged. */
	ck_assert_int_eq(bmc_control_sensor_clear(t.bmc, ctx(), 0, 1), 0);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "01"), 0x00);
	tb_assert_reply(&t, "2e c0 c0");
	sel_entry("ff ff");
	tb_assert_reply(&t,
	    "ff ff 02 00 02 05 f1 53 65 20 00 04 01 01 81 "
	    "57 2e 4c");
	/* Unknown sensors; numbers that are not readings. */
	ck_assert_int_eq(bmc_control_sensor_set_name(t.bmc, ctx(), "Nope", 1),
	    ERR_NOT_FOUND);
	ck_assert_int_eq(
	    bmc_control_sensor_set(t.bmc, ctx(), 0, 9, 1), ERR_NOT_FOUND);
	ck_assert_int_eq(
	    bmc_control_sensor_set(t.bmc, ctx(), 1, 1, 1), ERR_NOT_FOUND);
	ck_assert_int_eq(
	    bmc_control_sensor_clear_name(t.bmc, ctx(), "Nope"), ERR_NOT_FOUND);
	ck_assert_int_eq(
	    bmc_control_sensor_set(t.bmc, ctx(), 0, 1, NAN), ERR_INVALID_ARG);
	ck_assert_int_eq(bmc_control_sensor_set(t.bmc, ctx(), 0, 1, INFINITY),
	    ERR_INVALID_ARG);
	ck_assert_uint_eq(sel_count(), 2);
}
END_TEST

/* The listings: sensors in SDR order with readings, SEL entries as bytes. */
START_TEST(test_sensor_and_sel_listing)
{
	struct bmc_control_sensor cs;
	struct bmc_control_event  ev = {
	     0x20, 0x01, 0x01, 0x01, {0x07, 0x50, 0x4c}};
	uint8_t	 rec[16];
	uint16_t id;

	tb_start(&t);
	ck_assert_uint_eq(bmc_control_sensor_count(t.bmc), 2);
	ck_assert_int_eq(bmc_control_sensor_get(t.bmc, t.now, 0, &cs), 0);
	ck_assert_str_eq(cs.name, "Inlet Temp");
	ck_assert_uint_eq(cs.number, 1);
	ck_assert_uint_eq(cs.lun, 0);
	ck_assert_uint_eq(cs.sensor_type, 0x01);
	ck_assert_uint_eq(cs.threshold, 1);
	ck_assert_uint_eq(cs.overridden, 0);
	ck_assert(cs.value == 23.0);
	ck_assert_int_eq(bmc_control_sensor_get(t.bmc, t.now, 1, &cs), 0);
	ck_assert_str_eq(cs.name, "PSU Status");
	ck_assert_uint_eq(cs.threshold, 0);
	ck_assert(cs.value == 1.0); /* state bit 0 */
	ck_assert_int_eq(
	    bmc_control_sensor_get(t.bmc, t.now, 2, &cs), ERR_NOT_FOUND);
	/* Held past UNC: the listing says so. */
	ck_assert_int_eq(bmc_control_sensor_set(t.bmc, ctx(), 0, 1, 40), 0);
	ck_assert_int_eq(bmc_control_sensor_get(t.bmc, t.now, 0, &cs), 0);
	ck_assert_uint_eq(cs.overridden, 1);
	ck_assert(cs.value == 40.0);
	ck_assert_uint_eq(cs.asserted & 0x0080, 0x0080); /* UNC going high */
	/* The SEL: the crossing, then an added event, read back whole. */
	ck_assert_uint_eq(bmc_control_sel_count(t.bmc), 1);
	ck_assert_int_eq(bmc_control_sel_add(t.bmc, ctx(), &ev, &id), 0);
	ck_assert_uint_eq(bmc_control_sel_count(t.bmc), 2);
	ck_assert_int_eq(bmc_control_sel_get(t.bmc, 1, rec), 0);
	ck_assert_uint_eq(rec[0] | rec[1] << 8, id);
	ck_assert_uint_eq(rec[2], 0x02);
	ck_assert_uint_eq(rec[7], 0x20);
	ck_assert_uint_eq(rec[10], 0x01);
	ck_assert_uint_eq(rec[11], 0x01);
	ck_assert_uint_eq(rec[12], 0x01);
	ck_assert_uint_eq(rec[13], 0x07);
	ck_assert_uint_eq(rec[14], 0x50);
	ck_assert_uint_eq(rec[15], 0x4c);
	ck_assert_int_eq(bmc_control_sel_get(t.bmc, 2, rec), ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_sensor_override_powered_off)
{
	tb_start(&t);
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_POWER_OFF), 0);
	ck_assert_uint_eq(sel_count(), 1);
	/* Off: the reading is held, no threshold event (no scanning). */
	ck_assert_int_eq(bmc_control_sensor_set(t.bmc, ctx(), 0, 1, 43), 0);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "01"), 0x00);
	tb_assert_reply(&t, "56 c0 d8"); /* UNC and UCR */
	ck_assert_uint_eq(sel_count(), 1);
	/* Powered on and settled: the tick logs UNC and UCR. */
	t.now += 1000;
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_POWER_ON), 0);
	ck_assert_uint_eq(sel_count(), 2);
	t.now += 1000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(sel_count(), 4);
	sel_entry("ff ff");
	tb_assert_reply(&t,
	    "ff ff 04 00 02 02 f1 53 65 20 00 04 01 01 01 "
	    "59 56 54");
}
END_TEST

START_TEST(test_sensor_discrete_override)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "02"), 0x00);
	tb_assert_reply(&t, "00 c0 01 80");
	/* Offset 1 (failure detected) asserted as well: one event. */
	ck_assert_int_eq(
	    bmc_control_sensor_set_name(t.bmc, ctx(), "PSU Status", 3), 0);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "02"), 0x00);
	tb_assert_reply(&t, "00 c0 03 80");
	ck_assert_uint_eq(sel_count(), 1);
	sel_entry("ff ff");
	tb_assert_reply(&t,
	    "ff ff 01 00 02 " START_LE " 20 00 04 08 02 6f "
	    "01 ff ff");
	/* Discrete readings are state masks. */
	ck_assert_int_eq(
	    bmc_control_sensor_set(t.bmc, ctx(), 0, 2, 1.5), ERR_INVALID_ARG);
	ck_assert_int_eq(bmc_control_sensor_set(t.bmc, ctx(), 0, 2, 0x8000),
	    ERR_INVALID_ARG);
	ck_assert_int_eq(
	    bmc_control_sensor_set(t.bmc, ctx(), 0, 2, -1), ERR_INVALID_ARG);
	/* Cleared: offset 1 deasserted. */
	ck_assert_int_eq(
	    bmc_control_sensor_clear_name(t.bmc, ctx(), "PSU Status"), 0);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "02"), 0x00);
	tb_assert_reply(&t, "00 c0 01 80");
	sel_entry("ff ff");
	tb_assert_reply(&t,
	    "ff ff 02 00 02 " START_LE " 20 00 04 08 02 ef "
	    "01 ff ff");
	/* Offset 2 has no event enabled: held, not logged. */
	ck_assert_int_eq(bmc_control_sensor_set(t.bmc, ctx(), 0, 2, 5), 0);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "02"), 0x00);
	tb_assert_reply(&t, "00 c0 05 80");
	ck_assert_uint_eq(sel_count(), 2);
}
END_TEST

START_TEST(test_sel_add_event_clear)
{
	struct bmc_control_event ev = {
	    0x41, 0x12, 0x27, 0x6f, {0x02, 0xff, 0xff}};
	uint16_t id = 0;

	t.model.sel.capacity = 2;
	tb_start(&t);
	ck_assert_int_eq(bmc_control_sel_add(t.bmc, ctx(), &ev, &id), 0);
	ck_assert_uint_eq(id, 1);
	ck_assert_str_eq(tb_last_log, "test: SEL entry 0001h added (control)");
	sel_entry("01 00");
	tb_assert_reply(&t,
	    "ff ff 01 00 02 " START_LE " 41 00 04 12 27 6f "
	    "02 ff ff");
	/* A platform event goes the way of bmc_event(): logged too. */
	t.now += 1000;
	ev.generator = 0x20;
	ck_assert_int_eq(bmc_control_event(t.bmc, ctx(), &ev), 0);
	sel_entry("02 00");
	tb_assert_reply(&t,
	    "ff ff 02 00 02 01 f1 53 65 20 00 04 12 27 6f "
	    "02 ff ff");
	/* Full, without overwrite: refused. */
	ck_assert_int_eq(
	    bmc_control_sel_add(t.bmc, ctx(), &ev, NULL), ERR_NOSPACE);
	ck_assert_uint_eq(sel_count(), 2);
	/* Cleared: only the "log cleared" event. */
	ck_assert_int_eq(bmc_control_sel_clear(t.bmc, ctx()), 0);
	ck_assert_uint_eq(sel_count(), 1);
	sel_entry("00 00");
	tb_assert_reply(&t,
	    "ff ff 03 00 02 01 f1 53 65 20 00 04 10 ff 6f "
	    "02 ff ff");
	ck_assert_int_eq(bmc_control_sel_add(t.bmc, ctx(), &ev, &id), 0);
	ck_assert_uint_eq(id, 4);
}
END_TEST

START_TEST(test_event_follows_global_enables)
{
	struct bmc_control_event ev = {
	    0x20, 0x12, 0x27, 0x6f, {0x02, 0xff, 0xff}};

	tb_start(&t);
	/* Set BMC Global Enables: SEL logging off. */
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x2e, "00"), 0x00);
	ck_assert_int_eq(bmc_control_event(t.bmc, ctx(), &ev), 0);
	ck_assert_uint_eq(sel_count(), 0);
	/* Add SEL Entry logs whatever the enables say. */
	ck_assert_int_eq(bmc_control_sel_add(t.bmc, ctx(), &ev, NULL), 0);
	ck_assert_uint_eq(sel_count(), 1);
}
END_TEST

START_TEST(test_user_add_and_login_view)
{
	struct bmc_control_user u;
	struct model_user	mu;
	uint8_t			id = 0, got = 0;

	tb_start(&t);
	bmc_control_user_init(&u);
	u.name = "ctl";
	u.password = "ctlpw";
	u.priv_limit = IPMI_PRIV_OPERATOR;
	u.enabled = 1;
	ck_assert_int_eq(bmc_control_user_add(t.bmc, ctx(), &u, &id), 0);
	ck_assert_uint_eq(id, 5);
	ck_assert_str_eq(tb_last_log,
	    "test: user 5 \"ctl\" enabled, privilege limit 3, IPMI "
	    "messaging on (control)");
	ck_assert_uint_eq(t.nclosed, 0);
	/* What the IPMI commands read back. */
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x46, "05"), 0x00);
	tb_assert_reply(&t, "63 74 6c 00 00 00 00 00 00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 05"), 0x00);
	tb_assert_reply(&t, "10 44 01 13"); /* 4 enabled, messaging, oper */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x47,
		"05 03 63 74 6c 70 77 00 00 00 00 00 00 00 00 00 00 00"),
	    0x00);
	/* And what a login finds. */
	ck_assert_int_eq(
	    bmc_user_by_name(t.bmc, (const uint8_t *)"ctl", 3, &mu, &got), 0);
	ck_assert_uint_eq(got, 5);
	ck_assert_uint_eq(mu.password20, 0);
	/* A 20-byte password is stored in that form. */
	bmc_control_user_init(&u);
	u.password = "abcdefghijklmnopqrst";
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), 5, &u), 0);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 5, &mu), 0);
	ck_assert_uint_eq(mu.password20, 1);
	ck_assert_mem_eq(mu.password, "abcdefghijklmnopqrst", 20);
	ck_assert_uint_eq(t.nclosed, 1);
	ck_assert_uint_eq(t.closed[0], 5);
}
END_TEST

START_TEST(test_user_changes_close_sessions)
{
	struct bmc_control_user u;
	uint64_t		gen;

	tb_start(&t);
	gen = bmc_policy_generation(t.bmc);
	/* A privilege change that keeps access: sessions stay. */
	bmc_control_user_init(&u);
	u.priv_limit = IPMI_PRIV_ADMIN;
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_USER_ID, &u), 0);
	ck_assert_uint_eq(t.nclosed, 0);
	ck_assert_uint_eq(bmc_policy_generation(t.bmc), gen + 1);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 04"), 0x00);
	tb_assert_reply(&t, "10 43 01 14");
	/* Disabled: closed. */
	bmc_control_user_init(&u);
	u.enabled = 0;
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_USER_ID, &u), 0);
	ck_assert_uint_eq(t.nclosed, 1);
	ck_assert_uint_eq(t.closed[0], TB_USER_ID);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x44, "01 04"), 0x00);
	tb_assert_reply(&t, "10 82 01 14");
	/* Renamed: closed. */
	bmc_control_user_init(&u);
	u.name = "oper2";
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_OPER_ID, &u), 0);
	ck_assert_uint_eq(t.nclosed, 2);
	ck_assert_uint_eq(t.closed[1], TB_OPER_ID);
	/* The same name again: nothing to close. */
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_OPER_ID, &u), 0);
	ck_assert_uint_eq(t.nclosed, 2);
	/* Deleted: closed, the slot empty. */
	bmc_control_user_init(&u);
	u.name = "";
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_OPER_ID, &u), 0);
	ck_assert_uint_eq(t.nclosed, 3);
	ck_assert_uint_eq(tb_call(&t, OPER, APP, 0x46, "03"), 0x00);
	tb_assert_reply(&t, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
	ck_assert_str_eq(tb_last_log, "test: user 3 deleted (control)");
}
END_TEST

START_TEST(test_user_refusals)
{
	struct bmc_control_user u;
	uint64_t		gen;
	unsigned		i;
	char			name[8];

	tb_start(&t);
	gen = bmc_state_generation(t.bmc);
	bmc_control_user_init(&u);
	u.name = "admin"; /* user 2's */
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_USER_ID, &u),
	    ERR_INVALID_ARG);
	u.name = "x";
	ck_assert_int_eq(
	    bmc_control_user_set(t.bmc, ctx(), 1, &u), ERR_INVALID_ARG);
	ck_assert_int_eq(
	    bmc_control_user_set(t.bmc, ctx(), 0, &u), ERR_INVALID_ARG);
	ck_assert_int_eq(
	    bmc_control_user_set(t.bmc, ctx(), 17, &u), ERR_INVALID_ARG);
	u.name = "seventeen-bytes!!";
	ck_assert_int_eq(
	    bmc_control_user_set(t.bmc, ctx(), 5, &u), ERR_INVALID_ARG);
	bmc_control_user_init(&u);
	u.password = "twenty-one-bytes-long";
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_USER_ID, &u),
	    ERR_INVALID_ARG);
	bmc_control_user_init(&u);
	u.priv_limit = 6;
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_USER_ID, &u),
	    ERR_INVALID_ARG);
	bmc_control_user_init(&u);
	u.enabled = 2;
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_USER_ID, &u),
	    ERR_INVALID_ARG);
	/* A deletion with more: refused; an empty slot without a name. */
	bmc_control_user_init(&u);
	u.name = "";
	u.enabled = 1;
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), TB_USER_ID, &u),
	    ERR_INVALID_ARG);
	bmc_control_user_init(&u);
	u.enabled = 1;
	ck_assert_int_eq(
	    bmc_control_user_set(t.bmc, ctx(), 6, &u), ERR_NOT_FOUND);
	u.name = "";
	u.enabled = BMC_CONTROL_UNCHANGED;
	ck_assert_int_eq(
	    bmc_control_user_set(t.bmc, ctx(), 6, &u), ERR_NOT_FOUND);
	bmc_control_user_init(&u);
	ck_assert_int_eq(
	    bmc_control_user_add(t.bmc, ctx(), &u, NULL), ERR_INVALID_ARG);
	/* Nothing changed. */
	ck_assert_uint_eq(bmc_state_generation(t.bmc), gen);
	ck_assert_uint_eq(t.nclosed, 0);
	/* Slots 5..16 filled, then no room. */
	for (i = 5; i <= 16; i++) {
		snprintf(name, sizeof(name), "u%u", i);
		u.name = name;
		ck_assert_int_eq(
		    bmc_control_user_add(t.bmc, ctx(), &u, NULL), 0);
	}
	u.name = "more";
	ck_assert_int_eq(
	    bmc_control_user_add(t.bmc, ctx(), &u, NULL), ERR_NOSPACE);
}
END_TEST

START_TEST(test_null_user_password)
{
	struct bmc_control_user u;
	struct model_user	mu;

	tb_start(&t);
	bmc_control_user_init(&u);
	u.password = "anon";
	/* As Set User Password: a password defines the null user. */
	ck_assert_int_eq(bmc_control_user_set(t.bmc, ctx(), 1, &u), 0);
	ck_assert_int_eq(bmc_user_by_id(t.bmc, 1, &mu), 0);
	ck_assert_uint_eq(mu.name_len, 0);
	ck_assert_uint_eq(mu.enabled, 0);
	ck_assert_uint_eq(mu.priv_limit, IPMI_PRIV_NO_ACCESS);
	ck_assert_uint_eq(t.nclosed, 0);
}
END_TEST

START_TEST(test_users_saved)
{
	struct bmc_control_user u;
	struct model_user	mu;
	struct tb		v;
	char		       *text;
	size_t			len;
	uint8_t			id;

	tb_start(&t);
	bmc_control_user_init(&u);
	u.name = "ctl";
	u.password = "pw";
	u.priv_limit = IPMI_PRIV_USER;
	u.enabled = 1;
	ck_assert_int_eq(bmc_control_user_add(t.bmc, ctx(), &u, &id), 0);
	text = bmc_state_save(t.bmc, &len);
	tb_restart(&v, &t, text, len, NULL);
	free(text);
	ck_assert_int_eq(
	    bmc_user_by_name(v.bmc, (const uint8_t *)"ctl", 3, &mu, &id), 0);
	ck_assert_uint_eq(id, 5);
	ck_assert_uint_eq(mu.enabled, 1);
	ck_assert_uint_eq(mu.priv_limit, IPMI_PRIV_USER);
	ck_assert_mem_eq(mu.password, "pw\0\0", 4);
	tb_free(&v);
}
END_TEST

START_TEST(test_state)
{
	struct bmc_control_state st;
	struct bmc_control_boot	 bt = {1, 1, 0, BMC_BOOT_DEVICE_CDROM};
	struct bmc_control_event ev = {
	    0x20, 0x12, 0x27, 0x6f, {0x02, 0xff, 0xff}};

	tb_start(&t);
	bmc_control_state(t.bmc, t.now, &st);
	ck_assert_uint_eq(st.power_on, 1);
	ck_assert_uint_eq(st.power_pending, 0);
	ck_assert_uint_eq(st.restart_cause, 0x7); /* restore previous */
	ck_assert_uint_eq(st.restore_policy, MODEL_RESTORE_PREVIOUS);
	ck_assert_uint_eq(st.identify, 0);
	ck_assert_uint_eq(st.acpi_system, 0x00);
	ck_assert_uint_eq(st.boot.valid, 0);
	ck_assert_uint_eq(st.sel_entries, 0);
	ck_assert_uint_eq(st.kg_set, 0);
	ck_assert_uint_eq(st.max_users, 16);
	ck_assert_uint_eq(st.nusers, 3);
	ck_assert_str_eq(st.users[TB_ADMIN_ID].name, "admin");
	ck_assert_uint_eq(st.users[TB_ADMIN_ID].priv_limit, IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(st.users[TB_ADMIN_ID].enabled, 1);
	ck_assert_uint_eq(st.users[TB_ADMIN_ID].ipmi_messaging, 1);
	ck_assert_uint_eq(st.users[1].defined, 0);
	/* After changes through IPMI and control alike. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x04, "00 01"), 0x00);
	ck_assert_int_eq(bmc_control_boot_set(t.bmc, ctx(), &bt), 0);
	ck_assert_int_eq(bmc_control_sel_add(t.bmc, ctx(), &ev, NULL), 0);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, APP, 0x56, "01 01 01 41"), 0x00); /* K_G */
	t.now += 2 * 3600 * 1000;
	ck_assert_int_eq(
	    bmc_control_power(t.bmc, ctx(), BMC_CONTROL_POWER_OFF), 0);
	bmc_control_state(t.bmc, t.now, &st);
	ck_assert_uint_eq(st.power_on, 0);
	ck_assert_uint_eq(st.acpi_system, 0x05);
	ck_assert_uint_eq(st.poh_hours, 2);
	ck_assert_uint_eq(st.identify, 2);
	ck_assert_uint_eq(st.boot.valid, 1);
	ck_assert_uint_eq(st.boot.persistent, 1);
	ck_assert_uint_eq(st.boot.device, BMC_BOOT_DEVICE_CDROM);
	ck_assert_uint_eq(st.sel_entries, 2); /* and the power off */
	ck_assert_uint_eq(st.kg_set, 1);
}
END_TEST

/* Read FRU Data of device 0, decoded: the image a client sees. */
static void
fru_read_image(struct tb *tb, struct fru_record_image *img)
{
	ck_assert_uint_eq(tb_call(tb, USER, ST, 0x11, "00 00 00 c8"), 0x00);
	ck_assert_int_eq(
	    fru_record_decode_image(tb->data + 1, tb->data[0], img), 0);
}

START_TEST(test_fru_fields)
{
	struct model_fru       *f = &t.model.fru[0];
	struct fru_record_image img;
	char			v[BMC_CONTROL_FRU_VALUE_MAX + 1];
	char			longv[80];
	struct tb		u;
	char		       *text;
	size_t			len;

	f->defined = 1;
	strcpy(f->board_manufacturer, "ACME");
	strcpy(f->product_name, "Box");
	strcpy(f->product_serial, "S1");
	tb_start(&t);
	ck_assert_str_eq(bmc_control_fru_area_name(2), "product");
	ck_assert_ptr_null(bmc_control_fru_area_name(3));
	ck_assert_str_eq(bmc_control_fru_field_name(2, 4), "serial");
	ck_assert_ptr_null(bmc_control_fru_field_name(0, 2));
	ck_assert_int_eq(bmc_control_fru_defined(t.bmc, 0), 1);
	ck_assert_int_eq(bmc_control_fru_defined(t.bmc, 1), 0);
	ck_assert_int_eq(
	    bmc_control_fru_get(t.bmc, 0, "product", "name", v), 0);
	ck_assert_str_eq(v, "Box");
	ck_assert_int_eq(
	    bmc_control_fru_get(t.bmc, 0, "product", "serial", v), 0);
	ck_assert_str_eq(v, "S1");
	/* No chassis area in this model. */
	ck_assert_int_eq(bmc_control_fru_get(t.bmc, 0, "chassis", "serial", v),
	    ERR_NOT_FOUND);
	ck_assert_str_eq(v, "");

	ck_assert_int_eq(bmc_control_fru_set(
			     t.bmc, ctx(), 0, "product", "serial", "XY-4711"),
	    0);
	ck_assert_str_eq(
	    tb_last_log, "test: FRU 0 written through the control plane");
	fru_read_image(&t, &img);
	ck_assert(img.area[FRU_RECORD_PRODUCT].present);
	ck_assert_uint_eq(img.area[FRU_RECORD_PRODUCT].field[4].len, 7);
	ck_assert_mem_eq(
	    img.area[FRU_RECORD_PRODUCT].field[4].data, "XY-4711", 7);
	ck_assert_uint_eq(img.area[FRU_RECORD_PRODUCT].field[1].len, 3);
	ck_assert_mem_eq(img.area[FRU_RECORD_BOARD].field[0].data, "ACME", 4);
	ck_assert(!img.area[FRU_RECORD_CHASSIS].present);

	/* A missing area is made; a one-byte value gets its space. */
	ck_assert_int_eq(
	    bmc_control_fru_set(t.bmc, ctx(), 0, "chassis", "serial", "Z"), 0);
	fru_read_image(&t, &img);
	ck_assert(img.area[FRU_RECORD_CHASSIS].present);
	ck_assert_uint_eq(img.area[FRU_RECORD_CHASSIS].nfields, 2);
	ck_assert_uint_eq(img.area[FRU_RECORD_CHASSIS].field[0].len, 0);
	ck_assert_uint_eq(img.area[FRU_RECORD_CHASSIS].field[1].len, 2);
	ck_assert_mem_eq(img.area[FRU_RECORD_CHASSIS].field[1].data, "Z ", 2);
	ck_assert_int_eq(
	    bmc_control_fru_get(t.bmc, 0, "product", "serial", v), 0);
	ck_assert_str_eq(v, "XY-4711");

	/* Refusals change nothing. */
	memset(longv, 'a', 64);
	longv[64] = '\0';
	ck_assert_int_eq(
	    bmc_control_fru_set(t.bmc, ctx(), 0, "product", "serial", longv),
	    ERR_INVALID_ARG);
	ck_assert_int_eq(
	    bmc_control_fru_set(t.bmc, ctx(), 0, "product", "colour", "red"),
	    ERR_NOT_FOUND);
	ck_assert_int_eq(
	    bmc_control_fru_set(t.bmc, ctx(), 0, "box", "serial", "1"),
	    ERR_NOT_FOUND);
	ck_assert_int_eq(
	    bmc_control_fru_set(t.bmc, ctx(), 1, "product", "serial", "1"),
	    ERR_NOT_FOUND);
	ck_assert_int_eq(
	    bmc_control_fru_get(t.bmc, 0, "product", "serial", v), 0);
	ck_assert_str_eq(v, "XY-4711");

	/* Kept in the saved state, as a Write FRU Data is. */
	text = bmc_state_save(t.bmc, &len);
	tb_restart(&u, &t, text, len, NULL);
	free(text);
	fru_read_image(&u, &img);
	ck_assert_mem_eq(
	    img.area[FRU_RECORD_PRODUCT].field[4].data, "XY-4711", 7);
	tb_free(&u);
}
END_TEST

static Suite *
control_suite(void)
{
	Suite *s = suite_create("control");
	TCase *tc = tcase_create("control");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_power_off_on);
	tcase_add_test(tc, test_power_cycle_reset_soft_off);
	tcase_add_test(tc, test_boot);
	tcase_add_test(tc, test_boot_timeout_and_saved);
	tcase_add_test(tc, test_sensor_threshold_override);
	tcase_add_test(tc, test_sensor_and_sel_listing);
	tcase_add_test(tc, test_sensor_override_powered_off);
	tcase_add_test(tc, test_sensor_discrete_override);
	tcase_add_test(tc, test_sel_add_event_clear);
	tcase_add_test(tc, test_event_follows_global_enables);
	tcase_add_test(tc, test_user_add_and_login_view);
	tcase_add_test(tc, test_user_changes_close_sessions);
	tcase_add_test(tc, test_user_refusals);
	tcase_add_test(tc, test_null_user_password);
	tcase_add_test(tc, test_users_saved);
	tcase_add_test(tc, test_state);
	tcase_add_test(tc, test_fru_fields);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(control_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
