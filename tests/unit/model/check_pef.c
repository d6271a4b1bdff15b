/*
 * Tests for src/model/pef.c: the PEF commands' bytes and completion
 * codes, event filters, alert policies, the traps they send (decoded
 * back through the SNMP codec), acknowledgements and resends, gates, and
 * the saved state.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "bmc_testutil.h"
#include "config.h"
#include "err.h"
#include "ipmimsg.h"
#include "outbox.h"
#include "snmp.h"

#define SE   IPMI_NETFN_SENSOR
#define ADMN IPMI_PRIV_ADMIN
#define OPER IPMI_PRIV_OPERATOR

static struct tb t;

/* A temperature going high: Platform Event Message over LAN (7 bytes). */
#define EVENT_UCR "04 01 30 01 59 ff ff"

static void
setup(void)
{
	tb_init(&t);
	t.model.channel.alerting = 1;
	t.model.pef.enable = 1;
	t.model.pef.action_control = 0x01;
	t.model.pef.filters[1] = (struct model_pef_filter){.defined = 1,
	    .enabled = 1,
	    .action = 0x01,
	    .policy = 1,
	    .severity = 0x10,
	    .generator = 0xff,
	    .sensor_type = 0xff,
	    .sensor_number = 0xff,
	    .trigger = 0xff,
	    .offsets = 0xffff};
	t.model.pef.policies[1] = (struct model_pef_policy){.defined = 1,
	    .enabled = 1,
	    .policy = 1,
	    .channel = 1,
	    .destination = 1};
	t.model.pef.dests[1] = (struct model_alert_dest){.defined = 1,
	    .timeout = 2,
	    .retries = 2,
	    .ip = {192, 0, 2, 9},
	    .port = 11162};
	t.model.lan.destinations = 4;
}

static void
teardown(void)
{
	tb_free(&t);
}

/* Traps sent since the last call, decoded; the count. */
struct trap_seen {
	struct model_out out;
	struct snmp_trap trap;
	struct pet_data	 pet;
};

static unsigned
take_traps(struct trap_seen *seen, unsigned max)
{
	unsigned n = 0;

	while (n < max && bmc_out_take(t.bmc, &seen[n].out) == 0) {
		ck_assert_int_eq(seen[n].out.kind, MODEL_OUT_PET_TRAP);
		ck_assert_int_eq(snmp_decode_trap(seen[n].out.data,
				     seen[n].out.len, &seen[n].trap),
		    0);
		ck_assert_uint_eq(seen[n].trap.nvb, 1);
		ck_assert_int_eq(
		    pet_decode(seen[n].trap.vb[0].value,
			seen[n].trap.vb[0].value_len, &seen[n].pet),
		    0);
		n++;
	}
	return n;
}

static unsigned
count_traps(void)
{
	struct trap_seen s[16];

	return take_traps(s, 16);
}

START_TEST(test_capabilities_and_counts)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, IPMI_PRIV_USER, SE, 0x10, ""), 0x00);
	tb_assert_reply(&t, "51 2f 10");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "05 00 00"), 0x00);
	tb_assert_reply(&t, "11 10"); /* equals capabilities byte 3 */
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "08 00 00"), 0x00);
	tb_assert_reply(&t, "11 10");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "0b 00 00"), 0x00);
	tb_assert_reply(&t, "11 04");
	/* Revision only; group control and OEM: not supported. */
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "81 00 00"), 0x00);
	tb_assert_reply(&t, "11");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "0e 00 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "0f 00 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "60 00 00"), 0x80);
	/* The model's filter 1: enabled, pre-configured, a catch-all. */
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "06 01 00"), 0x00);
	tb_assert_reply(&t,
	    "11 01 c0 01 01 10 ff ff ff ff ff ff ff "
	    "00 00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "09 01 00"), 0x00);
	tb_assert_reply(&t, "11 01 18 11 00");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "01 00 00"), 0x00);
	tb_assert_reply(&t, "11 01");
	/* Lengths and privileges. */
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "01 00"), 0xc7);
	ck_assert_uint_eq(
	    tb_call(&t, IPMI_PRIV_USER, SE, 0x13, "01 00 00"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x12, "01 00"), 0xd4);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x15, ""), 0xd4);
}
END_TEST

START_TEST(test_set_parameters)
{
	tb_start(&t);
	/* Read-only counts; set in progress twice; selectors out of range. */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "05 10"), 0x82);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "08 10"), 0x82);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "0b 04"), 0x82);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "0e 00"), 0x80);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "00 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "00 01"), 0x81);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "00 02"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "00 00 00"), 0x00);
	tb_assert_reply(&t, "11 00");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "07 00 80"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "07 11 80"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "06 11 00"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "09 00 00"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "06 02 80 01"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "01 01 00"), 0xc7);

	/* Control, actions, delays; a filter and a policy read back. */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "01 0f"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "02 2f"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "03 07"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "01 00 00"), 0x00);
	tb_assert_reply(&t, "11 0f");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "02 00 00"), 0x00);
	tb_assert_reply(&t, "11 2f");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "03 00 00"), 0x00);
	tb_assert_reply(&t, "11 07");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12,
			      "06 02 80 01 02 10 20 00 01 30 01 00 02 "
			      "00 00 00 00 00 00 00 00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "06 02 00"), 0x00);
	tb_assert_reply(&t,
	    "11 02 80 01 02 10 20 00 01 30 01 00 02 "
	    "00 00 00 00 00 00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "07 02 00"), 0x00);
	tb_assert_reply(&t, "11 02 80");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "09 03 28 12 81"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "09 03 00"), 0x00);
	tb_assert_reply(&t, "11 03 28 12 81");

	/*
	 * ipmitool's "pef filter enable" writes 00h then 80h to param 7:
	 * the enable bit follows, the pre-configured type stays.
	 */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "07 01 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "07 01 00"), 0x00);
	tb_assert_reply(&t, "11 01 40");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "07 01 80"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "07 01 00"), 0x00);
	tb_assert_reply(&t, "11 01 c0");

	/* System GUID: the flag bit only. */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12,
			      "0a ff 00 01 02 03 04 05 06 07 08 09 0a 0b 0c "
			      "0d 0e 0f"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "0a 00 00"), 0x00);
	tb_assert_reply(
	    &t, "11 01 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f");

	/* Alert strings: keys, blocks 1 to 5, block 6 refused. */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "0c 02 01 03"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "0c 02 00"), 0x00);
	tb_assert_reply(&t, "11 02 01 03");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "0c 05 01 03"), 0xc9);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, SE, 0x12, "0d 02 05 41 42 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "0d 02 05"), 0x00);
	tb_assert_reply(&t,
	    "11 02 05 41 42 00 00 00 00 00 00 00 00 00 00 "
	    "00 00 00 00");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "0d 02 06 41"), 0xc9);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "0d 02 01"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "0d 02 00"), 0xc9);
}
END_TEST

START_TEST(test_postpone_timer)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x11, "ff"), 0x00);
	tb_assert_reply(&t, "00");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x11, "0a"), 0x00);
	tb_assert_reply(&t, "0a");
	t.now += 3500;
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x11, "ff"), 0x00);
	tb_assert_reply(&t, "07");
	/* While it runs, events make no trap. */
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	t.now += 7000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x11, "ff"), 0x00);
	tb_assert_reply(&t, "00");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
	/* FEh: PEF off until told otherwise. */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x11, "fe"), 0x00);
	tb_assert_reply(&t, "fe");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x11, "00"), 0x00);
	tb_assert_reply(&t, "00");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
}
END_TEST

/* One event, one trap: every field of the SNMP frame and the PET. */
START_TEST(test_trap_fields)
{
	struct trap_seen     s[4];
	char		     oid[64];
	static const uint8_t guid[16] = {0x50, 0x51, 0x52, 0x53, 0x54, 0x55,
	    0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f};

	strcpy(t.model.pef.string, "Hello");
	t.model.pef.policies[1].string = 1;
	tb_start(&t);
	t.now += 12340;
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(take_traps(s, 4), 1);
	ck_assert_uint_eq(s[0].out.dest.family, 4);
	ck_assert_mem_eq(s[0].out.dest.addr, "\xc0\x00\x02\x09", 4);
	ck_assert_uint_eq(s[0].out.dest.port, 11162);
	ck_assert_int_eq(s[0].trap.version, 0);
	ck_assert_uint_eq(s[0].trap.community_len, 6);
	ck_assert_mem_eq(s[0].trap.community, "public", 6);
	ck_assert_str_eq(
	    snmp_oid_format(&s[0].trap.enterprise, oid, sizeof(oid)),
	    ".1.3.6.1.4.1.3183.1.1");
	ck_assert_mem_eq(s[0].trap.agent_addr, "\x0a\x00\x00\x02", 4);
	ck_assert_int_eq(s[0].trap.generic_trap, 6);
	/* Temperature, threshold, assertion, offset 9: 0x010109. */
	ck_assert_int_eq(s[0].trap.specific_trap, 0x010109);
	ck_assert_uint_eq(s[0].trap.time_stamp, 1234);
	ck_assert_str_eq(
	    snmp_oid_format(&s[0].trap.vb[0].name, oid, sizeof(oid)),
	    ".1.3.6.1.4.1.3183.1.1.1");
	ck_assert_mem_eq(s[0].pet.guid, guid, 16);
	ck_assert_uint_ne(s[0].pet.sequence, 0);
	ck_assert_uint_eq(s[0].pet.timestamp,
	    (uint32_t)((TB_WALL_START_MS + 12340) / 1000) - 883612800u);
	ck_assert_int_eq(s[0].pet.utc_offset, -1);
	ck_assert_uint_eq(s[0].pet.trap_source, 0x20);
	ck_assert_uint_eq(s[0].pet.event_source, 0x20);
	ck_assert_uint_eq(s[0].pet.severity, 0x10);
	ck_assert_uint_eq(s[0].pet.sensor_device, 0x81);
	ck_assert_uint_eq(s[0].pet.sensor_number, 0x30);
	ck_assert_mem_eq(
	    s[0].pet.event_data, "\x59\xff\xff\x00\x00\x00\x00\x00", 8);
	ck_assert_uint_eq(s[0].pet.language, 0x19);
	ck_assert_uint_eq(s[0].pet.manufacturer_id, 0x1234a);
	ck_assert_uint_eq(s[0].pet.system_id, 0x0b0c);
	ck_assert_uint_eq(s[0].pet.oem_len, 7);
	ck_assert_mem_eq(s[0].pet.oem, "\xc5Hello\xc1", 7);
	/* §17.4: the BMC processed the record the event made. */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x15, ""), 0x00);
	ck_assert_uint_eq(t.len, 10);
	ck_assert_uint_eq(t.data[4] | t.data[5] << 8, s[0].pet.sequence);
	ck_assert_uint_eq(t.data[8] | t.data[9] << 8, s[0].pet.sequence);
}
END_TEST

START_TEST(test_last_processed)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x14, "00 34 12"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x14, "01 78 56"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x15, ""), 0x00);
	ck_assert_uint_eq(t.len, 10);
	ck_assert_mem_eq(t.data + 6, "\x34\x12\x78\x56", 4);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x14, "00 34"), 0xc7);
}
END_TEST

/* PEF off, actions off, filter off, channel alerting off: no trap. */
START_TEST(test_gates)
{
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "01 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "01 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "02 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "02 01"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "07 01 40"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "07 01 80"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
	/* Set Channel Access, volatile, bit 5: PEF alerting disabled. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, IPMI_NETFN_APP, 0x40, "01 a2 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, IPMI_NETFN_APP, 0x40, "01 82 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
	/* A filter on another sensor type, or without offset 9. */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12,
			      "06 01 80 01 01 10 ff ff 02 ff ff ff ff "
			      "00 00 00 00 00 00 00 00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12,
			      "06 01 80 01 01 10 ff ff 01 ff 01 ff fd "
			      "00 00 00 00 00 00 00 00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	/* ED2 must equal 0xff exactly (AND ff, compare 1 ff, compare 2 ff). */
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12,
			      "06 01 80 01 01 10 ff ff 01 30 01 ff ff "
			      "00 00 00 ff ff ff 00 00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
	ck_assert_uint_eq(
	    tb_call(&t, OPER, SE, 0x02, "04 01 30 01 59 00 ff"), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
}
END_TEST

/* An acknowledged destination: the same trap again until acknowledged. */
START_TEST(test_ack_and_retries)
{
	struct trap_seen s[4], r[4];
	char		 ack[64];

	t.model.pef.dests[1].ack = 1;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(take_traps(s, 4), 1);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), t.now + 2000);
	t.now += 1999;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(count_traps(), 0);
	t.now += 1;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(take_traps(r, 4), 1);
	ck_assert_uint_eq(r[0].out.len, s[0].out.len);
	ck_assert_mem_eq(r[0].out.data, s[0].out.data, s[0].out.len);
	t.now += 2000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(count_traps(), 1);
	/* Retries used up: no more, and no deadline. */
	t.now += 2000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);

	/* Another event; a wrong acknowledgement, then the right one. */
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(take_traps(s, 4), 1);
	snprintf(ack, sizeof(ack),
	    "%02x %02x %02x %02x %02x %02x 20 81 30 59 ff fe",
	    s[0].pet.sequence & 0xff, s[0].pet.sequence >> 8,
	    s[0].pet.timestamp & 0xff, (s[0].pet.timestamp >> 8) & 0xff,
	    (s[0].pet.timestamp >> 16) & 0xff, s[0].pet.timestamp >> 24);
	/* Outside a session, as ipmi-pet sends it. */
	ck_assert_uint_eq(tb_call(&t, 0, SE, 0x17, ack), 0x00);
	t.now += 2000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(count_traps(), 1);
	ack[strlen(ack) - 1] = 'f';
	ck_assert_uint_eq(tb_call(&t, 0, SE, 0x17, ack), 0x00);
	ck_assert_uint_eq(bmc_next_deadline(t.bmc), UINT64_MAX);
	t.now += 2000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(tb_call(&t, 0, SE, 0x17, "00 00"), 0xc7);
}
END_TEST

/* Table 30-3: a type 1 entry is skipped when the one before succeeded. */
START_TEST(test_policy_types)
{
	struct trap_seen s[4];

	t.model.pef.policies[2] = (struct model_pef_policy){.defined = 1,
	    .enabled = 1,
	    .policy = 1,
	    .type = 1,
	    .channel = 1,
	    .destination = 2};
	t.model.pef.policies[3] = (struct model_pef_policy){.defined = 1,
	    .enabled = 1,
	    .policy = 1,
	    .type = 0,
	    .channel = 1,
	    .destination = 3};
	t.model.pef.dests[2] = (struct model_alert_dest){
	    .defined = 1, .ip = {192, 0, 2, 2}, .port = 162};
	t.model.pef.dests[3] = (struct model_alert_dest){
	    .defined = 1, .ip = {192, 0, 2, 3}, .port = 162};
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(take_traps(s, 4), 2);
	ck_assert_uint_eq(s[0].out.dest.addr[3], 9);
	ck_assert_uint_eq(s[1].out.dest.addr[3], 3);
	/* Destination 1 without an address fails: entry 2 then sends. */
	ck_assert_uint_eq(tb_call(&t, ADMN, IPMI_NETFN_TRANSPORT, 0x01,
			      "01 13 01 00 00 00 00 00 00 00 00 00 00 00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(take_traps(s, 4), 2);
	ck_assert_uint_eq(s[0].out.dest.addr[3], 2);
	ck_assert_uint_eq(s[1].out.dest.addr[3], 3);
	/* Type 2 on entry 2 with entry 1 working: the set stops there. */
	ck_assert_uint_eq(tb_call(&t, ADMN, IPMI_NETFN_TRANSPORT, 0x01,
			      "01 13 01 00 00 c0 00 02 09 00 00 00 00 00 00"),
	    0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "09 02 1a 12 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(take_traps(s, 4), 1);
	ck_assert_uint_eq(s[0].out.dest.addr[3], 9);
}
END_TEST

START_TEST(test_alert_immediate)
{
	struct trap_seen s[4];

	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 01 00"), 0x00);
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(take_traps(s, 4), 1);
	/* No event bytes: an unspecified event, offset 0Fh. */
	ck_assert_int_eq(s[0].trap.specific_trap, 0x0f);
	ck_assert_uint_eq(s[0].pet.sensor_device, 0x20);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 41 00"), 0x00);
	tb_assert_reply(&t, "01");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 81 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 41 00"), 0x00);
	tb_assert_reply(&t, "00");
	/* With the event bytes; to destination 0, which has no address. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, SE, 0x16, "01 01 00 41 04 05 73 ef 01 ff ff"),
	    0x00);
	ck_assert_uint_eq(take_traps(s, 4), 1);
	ck_assert_int_eq(s[0].trap.specific_trap, 0x056f81);
	ck_assert_uint_eq(s[0].pet.sensor_device, 0x41);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 00 00"), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 41 00"), 0x00);
	tb_assert_reply(&t, "02");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 01 00 41"), 0xc7);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "05 01 00"), 0xcc);
}
END_TEST

START_TEST(test_alert_immediate_ack)
{
	t.model.pef.dests[1].ack = 1;
	t.model.pef.dests[1].retries = 1;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 01 00"), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 41 00"), 0x00);
	tb_assert_reply(&t, "ff");
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 01 00"), 0x81);
	t.now += 2000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(count_traps(), 1);
	t.now += 2000;
	bmc_tick(t.bmc, t.now);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x16, "01 41 00"), 0x00);
	tb_assert_reply(&t, "03");
}
END_TEST

/* A power action with PEF event messages: the PEF Action record. */
START_TEST(test_power_action)
{
	unsigned n;

	t.model.pef.event_messages = 1;
	t.model.pef.action_control = 0x03;
	t.model.pef.filters[1].action = 0x03;
	tb_start(&t);
	n = bmc_sel_count(t.bmc);
	ck_assert(bmc_power_is_on(t.bmc));
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
	ck_assert(!bmc_power_is_on(t.bmc));
	/* The event, the PEF action, the power unit's own event. */
	ck_assert_uint_ge(bmc_sel_count(t.bmc), n + 2);
	ck_assert_ptr_nonnull(strstr(tb_all_logs, "PEF power down"));
}
END_TEST

/* Startup delays (params 3 and 4): PEF, then its alerts, wait. */
START_TEST(test_startup_delays)
{
	t.model.pef.startup_delay = 5;
	t.model.pef.alert_startup_delay = 10;
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x13, "01 00 00"), 0x00);
	tb_assert_reply(&t, "11 0d");
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	t.now += 7000;
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 0);
	t.now += 3000;
	ck_assert_uint_eq(tb_call(&t, OPER, SE, 0x02, EVENT_UCR), 0x00);
	ck_assert_uint_eq(count_traps(), 1);
}
END_TEST

/* A burst larger than the first ring: the ring grows, nothing is lost. */
START_TEST(test_burst)
{
	struct trap_seen s[40];
	unsigned	 i;

	tb_start(&t);
	for (i = 0; i < 30; i++)
		ck_assert_uint_eq(
		    tb_call(&t, ADMN, SE, 0x16, "01 01 00"), 0x00);
	ck_assert_uint_eq(take_traps(s, 40), 30);
	ck_assert_int_eq(bmc_out_take(t.bmc, &s[0].out), ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_saved)
{
	struct tb	   u;
	struct config_diag d;
	char		  *text;
	size_t		   len;

	config_diag_clear(&d);
	tb_start(&t);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "01 03"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x12, "09 04 48 13 00"), 0x00);
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, SE, 0x12, "0d 01 01 48 69 00"), 0x00);
	ck_assert_uint_eq(tb_call(&t, ADMN, SE, 0x14, "00 07 00"), 0x00);
	text = bmc_state_save(t.bmc, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "[pef]\ncontrol = 3 1 0 0\n"));
	tb_restart(&u, &t, text, len, &d);
	ck_assert_uint_eq(tb_call(&u, OPER, SE, 0x13, "01 00 00"), 0x00);
	tb_assert_reply(&u, "11 03");
	ck_assert_uint_eq(tb_call(&u, OPER, SE, 0x13, "09 04 00"), 0x00);
	tb_assert_reply(&u, "11 04 48 13 00");
	ck_assert_uint_eq(tb_call(&u, OPER, SE, 0x13, "0d 01 01"), 0x00);
	tb_assert_reply(&u,
	    "11 01 01 48 69 00 00 00 00 00 00 00 00 00 00 "
	    "00 00 00 00");
	ck_assert_uint_eq(tb_call(&u, ADMN, SE, 0x15, ""), 0x00);
	ck_assert_mem_eq(u.data + 6, "\x07\x00", 2);
	ck_assert_ptr_nonnull(strstr(tb_all_logs, "PEF configuration set"));
	tb_free(&u);
	free(text);
	/* A bad line is reported, the rest applied. */
	ck_assert_int_ne(tb_state_load_fresh(&u,
			     "[pef]\ncontrol = 1 1 0 0\nfilter.1 = 00\n", &d),
	    0);
	ck_assert_uint_eq(tb_call(&u, OPER, SE, 0x13, "01 00 00"), 0x00);
	tb_assert_reply(&u, "11 01");
	tb_free(&u);
	config_diag_clear(&d);
}
END_TEST

static Suite *
pef_suite(void)
{
	Suite *s = suite_create("pef");
	TCase *tc = tcase_create("pef");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_capabilities_and_counts);
	tcase_add_test(tc, test_set_parameters);
	tcase_add_test(tc, test_postpone_timer);
	tcase_add_test(tc, test_trap_fields);
	tcase_add_test(tc, test_last_processed);
	tcase_add_test(tc, test_gates);
	tcase_add_test(tc, test_ack_and_retries);
	tcase_add_test(tc, test_policy_types);
	tcase_add_test(tc, test_alert_immediate);
	tcase_add_test(tc, test_alert_immediate_ack);
	tcase_add_test(tc, test_power_action);
	tcase_add_test(tc, test_startup_delays);
	tcase_add_test(tc, test_burst);
	tcase_add_test(tc, test_saved);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(pef_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
