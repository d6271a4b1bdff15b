/*
 * Tests for src/model/sdr.c and src/model/sensors.c: linearisation,
 * record bytes, readings that follow the power, thresholds and the events
 * their crossings log.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_testutil.h"
#include "config.h"
#include "ipmimsg.h"
#include "sdr.h"

#define ST   IPMI_NETFN_STORAGE
#define SE   IPMI_NETFN_SENSOR
#define CH   IPMI_NETFN_CHASSIS
#define APP  IPMI_NETFN_APP
#define OPER IPMI_PRIV_OPERATOR
#define USER IPMI_PRIV_USER

static struct tb t;

static struct model_sensor *
add_sensor(struct model *m, const char *name, uint8_t type, double nominal)
{
	struct model_sensor *s = &m->sensors[m->nsensors++];
	int		     i;

	memset(s, 0, sizeof(*s));
	s->defined = 1;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->count = 1;
	s->sensor_type = type;
	s->event_type = 0x01;
	s->entity_id = 0x07;
	s->entity_instance = 1;
	s->units = 1;
	s->range_min = 0;
	s->range_max = 127.5;
	s->nominal = nominal;
	s->off = nominal;
	s->period_ms = 60000;
	for (i = 0; i < MODEL_THRESHOLDS; i++)
		s->threshold[i] = NAN;
	s->thresholds_settable = 1;
	s->events = 1;
	return s;
}

static void
setup(void)
{
	struct model_sensor *s;

	tb_init(&t);
	s = add_sensor(&t.model, "Inlet Temp", 0x01, 23);
	s->entity_id = 0x37;
	s->threshold[MODEL_UNC] = 38;
	s->threshold[MODEL_UCR] = 42;
	s->threshold[MODEL_UNR] = 45;
	s->hysteresis = 1;
	s->off = 22;
	s = add_sensor(&t.model, "FAN{n}", 0x04, 7200);
	s->count = 2;
	s->units = 18;
	s->range_max = 20400;
	s->off = 0;
	s->settle_ms = 3000;
	s->threshold[MODEL_LCR] = 500;
	s = add_sensor(&t.model, "PSU Status", 0x08, 0);
	s->event_type = 0x6f;
	s->compact = 1;
	s->state = 0x0001;
	s->off_state = 0x0001;
	s->has_off_state = 1;
	t.model.fru[0].defined = 1;
	t.model.fru[2].defined = 1;
	strcpy(t.model.fru[2].name, "PSU1 FRU");
}

static void
teardown(void)
{
	tb_free(&t);
}

START_TEST(test_linear_derivation)
{
	struct model_sensor m;
	struct sdr_linear   l;

	memset(&m, 0, sizeof(m));
	m.range_min = 0;
	m.range_max = 127.5;
	sdr_linear_of(&m, &l);
	/* 0.5 °C steps, written with the most digits M holds. */
	ck_assert_int_eq(l.m, 500);
	ck_assert_int_eq(l.r_exp, -3);
	ck_assert_int_eq(l.b, 0);
	ck_assert_uint_eq(sdr_to_raw(&l, 23), 46);
	ck_assert(fabs(sdr_from_raw(&l, 46) - 23) < 1e-9);
	m.range_max = 20400;
	sdr_linear_of(&m, &l);
	ck_assert_int_eq(l.m, 80);
	ck_assert_int_eq(l.r_exp, 0);
	ck_assert_uint_eq(sdr_to_raw(&l, 500), 6);
	/* A 12 V rail up to 18.075 V: 0.071 V steps. */
	m.range_max = 18.075;
	sdr_linear_of(&m, &l);
	ck_assert_int_eq(l.m, 71);
	ck_assert_int_eq(l.r_exp, -3);
	ck_assert_uint_eq(sdr_to_raw(&l, 12.05), 170);
	/* An offset range: -10..100 with B. */
	m.range_min = 40;
	m.range_max = 295;
	sdr_linear_of(&m, &l);
	ck_assert_int_eq(l.m, 100);
	ck_assert_int_eq(l.r_exp, -2);
	ck_assert(fabs(sdr_from_raw(&l, 0) - 40) < 1e-9);
	ck_assert(fabs(sdr_from_raw(&l, 255) - 295) < 1e-9);
	/* Signed: two's complement around zero. */
	m.range_min = -127;
	m.range_max = 127;
	m.analog_signed = 1;
	sdr_linear_of(&m, &l);
	ck_assert_uint_eq(sdr_to_raw(&l, -5), 0xfb);
	ck_assert(fabs(sdr_from_raw(&l, 0xfb) + 5) < 1e-9);
	ck_assert_uint_eq(sdr_to_raw(&l, -500), 0x80); /* clamped */
	/* Given factors are kept. */
	m.has_m = 1;
	m.m = 2;
	m.r_exp = 0;
	sdr_linear_of(&m, &l);
	ck_assert_int_eq(l.m, 2);
}
END_TEST

START_TEST(test_repository)
{
	tb_start(&t);
	/* 4 sensors, 1 FRU locator (device 2), the MC locator. */
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x20, ""), 0x00);
	ck_assert_uint_eq(t.len, 14);
	ck_assert_uint_eq(t.data[0], 0x51);
	ck_assert_uint_eq(t.data[1], 6);
	ck_assert_uint_eq(t.data[13], 0x23);
	/* The first record, whole: a Full record for sensor 1. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "00 00 00 00 00 ff"), 0x00);
	tb_assert_reply(&t,
	    "02 00 "
	    "01 00 51 01 35 "			/* ID 1, v51, full, 53 bytes */
	    "20 00 01 37 01 7f 68 01 01 "	/* owner, sensor 1, air inlet */
	    "80 0a 80 7a 38 38 "		/* UNC/UCR/UNR high, masks */
	    "00 01 00 00 f4 40 00 00 00 d0 07 " /* °C, M 500, r -3 */
	    "2e 4c 00 ff 00 "			/* nominal 23, normal 38..0 */
	    "5a 54 4c 00 00 00 02 02 00 00 00 " /* thresholds, hyst 1 C */
	    "ca 49 6e 6c 65 74 20 54 65 6d 70");
	/* A Compact record, then the locators. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "00 00 04 00 00 05"), 0x00);
	tb_assert_reply(&t, "05 00 04 00 51 02 25");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "00 00 05 00 00 ff"), 0x00);
	ck_assert_uint_eq(t.data[5], 0x11);
	ck_assert_uint_eq(t.data[8], 0x02); /* FRU device 2 */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "00 00 ff ff 00 ff"), 0x00);
	ck_assert_uint_eq(t.data[0], 0xff);
	ck_assert_uint_eq(t.data[1], 0xff);
	ck_assert_uint_eq(t.data[5], 0x12);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "00 00 07 00 00 ff"), 0xcb);
}
END_TEST

START_TEST(test_partial_reads_need_the_reservation)
{
	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "00 00 01 00 05 10"), 0xc5);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x22, ""), 0x00);
	tb_assert_reply(&t, "01 00");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "01 00 01 00 05 03"), 0x00);
	tb_assert_reply(&t, "02 00 20 00 01");
	/* A new reservation cancels the old. */
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x22, ""), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "01 00 01 00 05 03"), 0xc5);
	/* From the end (58 bytes) on: nothing; past it: C9h. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "02 00 01 00 3a 20"), 0x00);
	tb_assert_reply(&t, "02 00");
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x23, "02 00 01 00 3b 20"), 0xc9);
}
END_TEST

START_TEST(test_readings_follow_power)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "01"), 0x00);
	tb_assert_reply(&t, "2e c0 c0"); /* 23 °C, events and scanning on */
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "02"), 0x00);
	tb_assert_reply(&t, "5a c0 c0"); /* 7200 RPM */
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "04"), 0x00);
	tb_assert_reply(&t, "00 c0 01 80"); /* presence detected */
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "09"), 0xcb);
	/* Off: the fan runs down with its 3 s time constant. */
	ck_assert_uint_eq(tb_call(&t, OPER, CH, 0x02, "00"), 0x00);
	t.now += 3000;
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "02"), 0x00);
	ck_assert_uint_eq(t.data[0], 33); /* 90 / e */
	t.now += 30000;
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "02"), 0x00);
	tb_assert_reply(&t, "00 c0 c2"); /* below LCR */
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "01"), 0x00);
	ck_assert_uint_ge(t.data[0], 44);
	ck_assert_uint_le(t.data[0], 46);
}
END_TEST

/*
 * Sensors past FEh live on LUN 1; Send Message to the BMC's own address
 * reaches them there, its response followed by the bridged one.
 */
START_TEST(test_send_message_reaches_lun_1)
{
	struct model_sensor *s = add_sensor(&t.model, "T{n}", 0x01, 30);
	struct ipmi_rsp	     rsp;

	s->count = 250; /* 5..FEh: LUN 0 is full */
	s->off = 30;
	s = add_sensor(&t.model, "U{n}", 0x01, 30);
	s->count = 5; /* 1..5 on LUN 1 */
	s->off = 30;
	tb_start(&t);
	/* Get Sensor Reading 05h on LUN 1 (netFn 04h << 2 | 1 = 11h). */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 20 11 cf 20 08 2d 05 a6"), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_gt(t.followup_len, 0);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(t.followup, t.followup_len, &rsp), 0);
	ck_assert_uint_eq(rsp.rq_addr, IPMIMSG_CONSOLE_ADDR);
	ck_assert_uint_eq(rsp.netfn, SE | 1);
	ck_assert_uint_eq(rsp.rs_addr, IPMIMSG_BMC_ADDR);
	ck_assert_uint_eq(rsp.rs_lun, 1);
	ck_assert_uint_eq(rsp.cmd, 0x2d);
	ck_assert_uint_eq(rsp.cc, 0x00);
	ck_assert_uint_eq(rsp.data_len, 3);
	ck_assert_uint_eq(rsp.data[0], 60); /* 30 °C at 0.5 °C per count */
	/* The same number on LUN 0 is another sensor: T1, also 30 °C. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 20 10 d0 20 08 2d 05 a6"), 0x00);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(t.followup, t.followup_len, &rsp), 0);
	ck_assert_uint_eq(rsp.rs_lun, 0);
	ck_assert_uint_eq(rsp.cc, 0x00);
	/* LUN 1 has five sensors: number 06h is not there. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 20 11 cf 20 08 2d 06 a5"), 0x00);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(t.followup, t.followup_len, &rsp), 0);
	ck_assert_uint_eq(rsp.cc, 0xcb);
	ck_assert_uint_eq(rsp.data_len, 0);
	/* The bridged command keeps its own privilege: Set Thresholds. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34,
		"40 20 11 cf 20 08 26 05 00 00 00 00 00 00 00 ad"),
	    0x00);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(t.followup, t.followup_len, &rsp), 0);
	ck_assert_uint_eq(rsp.cc, 0xd4);
}
END_TEST

/* What Send Message refuses, each with its code and no follow-up. */
START_TEST(test_send_message_refusals)
{
	tb_start(&t);
	/* Nobody else on the IPMB: 2Ch does not acknowledge. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 2c 18 bc 20 08 01 d7"), 0x83);
	ck_assert_uint_eq(t.followup_len, 0);
	/* A bad IPMB checksum, an untracked request, another channel. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 20 18 c8 20 08 01 00"), 0xcc);
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "00 20 18 c8 20 08 01 d7"), 0xcc);
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "41 20 18 c8 20 08 01 d7"), 0xcc);
	/* One hop only: Send Message inside Send Message. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34,
		"40 20 18 c8 20 08 34 40 20 18 c8 20 08 01 d7 64"),
	    0xcc);
	ck_assert_uint_eq(t.followup_len, 0);
	/* Too short for an IPMB request; and never outside a session. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 20 18 c8 20 08 01"), 0xc7);
	ck_assert_uint_eq(
	    tb_call(&t, 0, APP, 0x34, "40 20 18 c8 20 08 01 d7"), 0xd4);
	/* Get Device ID bridged to the BMC itself works. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 20 18 c8 20 08 01 d7"), 0x00);
	ck_assert_uint_gt(t.followup_len, 8);
}
END_TEST

/*
 * Send Message needs the outbox: without one (nothing can be sent beside
 * the reply) D5h; with a full one C0h, before the bridged command runs,
 * what was queued kept as it was.
 */
START_TEST(test_send_message_outbox)
{
	struct model_out o;
	uint8_t		 v = 0x77;
	unsigned	 i;

	tb_start(&t);
	t.no_outbox = 1;
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 20 18 c8 20 08 01 d7"), 0xd5);
	ck_assert_uint_eq(t.len, 0);
	t.no_outbox = 0;
	t.outbox_keep = 1;
	outbox_init(&t.outbox);
	for (i = 0; i + 1 < MODEL_OUTBOX_MAX; i++)
		ck_assert_int_eq(outbox_put(&t.outbox,
				     MODEL_OUT_SESSION_MESSAGE, NULL, &v, 1),
		    0);
	/* Room for one: queued last, a whole message. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, APP, 0x34, "40 20 18 c8 20 08 01 d7"), 0x00);
	ck_assert_uint_eq(outbox_count(&t.outbox), MODEL_OUTBOX_MAX);
	/* Full: refused, the bridged Chassis Control never runs. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, APP, 0x34, "40 20 00 e0 20 08 02 00 d6"), 0xc0);
	ck_assert_uint_eq(bmc_power_is_on(t.bmc), 1);
	ck_assert_uint_eq(outbox_count(&t.outbox), MODEL_OUTBOX_MAX);
	ck_assert_uint_eq(outbox_dropped(&t.outbox), 0);
	for (i = 0; i + 1 < MODEL_OUTBOX_MAX; i++) {
		ck_assert_int_eq(outbox_take(&t.outbox, &o), 0);
		ck_assert_uint_eq(o.len, 1);
	}
	ck_assert_int_eq(outbox_take(&t.outbox, &o), 0);
	ck_assert_int_eq(o.kind, MODEL_OUT_SESSION_MESSAGE);
	ck_assert_uint_gt(o.len, 8);
	ck_assert_uint_eq(o.data[5], 0x01); /* Get Device ID's response */
}
END_TEST

START_TEST(test_thresholds_and_events)
{
	ck_assert_uint_eq(t.model.sensors[0].threshold[MODEL_UNC], 38);
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x27, "01"), 0x00);
	tb_assert_reply(&t, "38 00 00 00 4c 54 5a");
	/* Settable by operators, in order. */
	ck_assert_uint_eq(
	    tb_call(&t, USER, SE, 0x26, "01 08 00 00 00 28 00 00"), 0xd4);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x26, "01 08 00 00 00 60 00 00"), 0xcc);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x26, "01 01 10 00 00 00 00 00"),
	    0xcc); /* LNC is not there */
	/* UNC at 20 °C: below the reading, so the next tick logs it. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x26, "01 08 00 00 00 28 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x27, "01"), 0x00);
	tb_assert_reply(&t, "38 00 00 00 28 54 5a");
	ck_assert_uint_le(bmc_next_deadline(t.bmc), t.now);
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	/* Temperature 1, threshold, UNC going high (07h), 46 > 40. */
	tb_assert_reply(
	    &t, "ff ff 01 00 02 00 f1 53 65 20 00 04 01 01 01 57 2e 28");
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2d, "01"), 0x00);
	tb_assert_reply(&t, "2e c0 c8");
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x2b, "01"), 0x00);
	tb_assert_reply(&t, "c0 80 00 00 00");
	/* Back up to 38: deasserted, past the hysteresis. */
	t.now += 1000;
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x26, "01 08 00 00 00 4c 00 00"), 0x00);
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	ck_assert_uint_eq(t.data[14], 0x81);
	ck_assert_uint_eq(t.data[15], 0x57);
	/* Nothing left to watch: no more ticks. */
	t.now += 1000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
}
END_TEST

START_TEST(test_idle_bmc_never_ticks)
{
	tb_start(&t);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
}
END_TEST

START_TEST(test_event_enables_and_rearm)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x29, "01"), 0x00);
	tb_assert_reply(&t, "c0 80 0a 80 0a");
	/* Disable UNC-high assertions only. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x28, "01 e0 80 00 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x29, "01"), 0x00);
	tb_assert_reply(&t, "c0 00 0a 80 0a");
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x26, "01 08 00 00 00 28 00 00"), 0x00);
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	ck_assert_uint_eq(t.data[1], 0); /* not logged */
	/* Enabled again and re-armed: logged now. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x28, "01 d0 80 00 00 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x2a, "01 80"), 0x00);
	t.now += 1000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(tb_call(&t, USER, ST, 0x40, ""), 0x00);
	ck_assert_uint_eq(t.data[1], 1);
}
END_TEST

START_TEST(test_hysteresis_factors_and_device_sdr)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x25, "01 ff"), 0x00);
	tb_assert_reply(&t, "02 02");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x24, "01 ff 04 03"), 0x00);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x25, "01 ff"), 0x00);
	tb_assert_reply(&t, "04 03");
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x25, "04 ff"), 0xcd);
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x23, "01 2e"), 0x00);
	tb_assert_reply(&t, "ff f4 40 00 00 00 d0");
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x20, ""), 0x00);
	tb_assert_reply(&t, "04 01");
	ck_assert_uint_eq(tb_call(&t, USER, SE, 0x20, "01"), 0x00);
	tb_assert_reply(&t, "06 01");
}
END_TEST

START_TEST(test_platform_event)
{
	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, USER, SE, 0x02, "04 12 27 6f 02 ff ff"), 0xd4);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x02, "04 12 27 6f 02 ff ff"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 00 ff"), 0x00);
	/* The requester (81h) is the generator. */
	tb_assert_reply(
	    &t, "ff ff 01 00 02 00 f1 53 65 81 00 04 12 27 6f 02 ff ff");
	/* The system interface form, with a generator ID. */
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x02, "41 04 12 27 6f 02 ff ff"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, USER, ST, 0x43, "00 00 ff ff 07 01"), 0xc5);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, "07 12 27 6f 02"), 0xcc);
}
END_TEST

START_TEST(test_thresholds_saved)
{
	struct config_diag d = {0};
	struct tb	   u;
	char		  *text;
	size_t		   len;

	tb_start(&t);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x26, "01 10 00 00 00 00 50 00"), 0x00);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(strstr(text, "[sensors]\n0.1 = "));

	tb_restart(&u, &t, text, len, &d);
	free(text);
	ck_assert_uint_eq(tb_call(&u, USER, SE, 0x27, "01"), 0x00);
	tb_assert_reply(&u, "38 00 00 00 4c 50 5a");
	ck_assert_ptr_nonnull(strstr(tb_all_logs, "override the model's"));
	tb_free(&u);
	config_diag_clear(&d);
}
END_TEST

static Suite *
sensors_suite(void)
{
	Suite *s = suite_create("sensors");
	TCase *tc = tcase_create("sensors");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_linear_derivation);
	tcase_add_test(tc, test_repository);
	tcase_add_test(tc, test_partial_reads_need_the_reservation);
	tcase_add_test(tc, test_readings_follow_power);
	tcase_add_test(tc, test_thresholds_and_events);
	tcase_add_test(tc, test_idle_bmc_never_ticks);
	tcase_add_test(tc, test_event_enables_and_rearm);
	tcase_add_test(tc, test_hysteresis_factors_and_device_sdr);
	tcase_add_test(tc, test_platform_event);
	tcase_add_test(tc, test_thresholds_saved);
	tcase_add_test(tc, test_send_message_reaches_lun_1);
	tcase_add_test(tc, test_send_message_refusals);
	tcase_add_test(tc, test_send_message_outbox);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sensors_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
