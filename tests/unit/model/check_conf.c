/*
 * The sections of bmcsim.ini(5) one area at a time, each test case named
 * after the <area>_conf.c it mirrors: what a section stores, the defaults
 * its end adds, and its checks' exact messages.  Loaded from memory with
 * config_load_text(), so each text is the whole file.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "config.h"
#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "model.h"

static struct config	 *cfg;
static struct config_diag diag;

static void
release(void)
{
	config_free(cfg);
	cfg = NULL;
	config_diag_clear(&diag);
}

/* The model of text, which must load without a problem. */
static const struct model *
model_of(const char *text)
{
	size_t i;
	int    rc;

	release();
	rc = config_load_text("t.ini", text, strlen(text), &cfg, &diag);
	for (i = 0; i < diag.n; i++)
		fprintf(stderr, "  %s\n", diag.msgs[i]);
	ck_assert_int_eq(rc, 0);
	return cfg->bmcs[0].model;
}

/* text is refused with want among its messages. */
static void
refused(const char *text, const char *want)
{
	size_t i;

	release();
	ck_assert_int_eq(
	    config_load_text("t.ini", text, strlen(text), &cfg, &diag),
	    ERR_CONFIG);
	for (i = 0; i < diag.n; i++)
		if (strcmp(diag.msgs[i], want) == 0)
			return;
	for (i = 0; i < diag.n; i++)
		fprintf(stderr, "  %s\n", diag.msgs[i]);
	ck_abort_msg("no '%s'", want);
}

START_TEST(test_identity_conf)
{
	const struct model *m;
	uint8_t		    a[16], b[16];

	m = model_of("[identity]\nfirmware = 12.05\nipmi_version = 1.5\n"
		     "additional_device_support = sel, fru\n"
		     "aux_firmware = 0x01 2 0x03 ff\n");
	ck_assert_uint_eq(m->identity.fw_major, 12);
	ck_assert_uint_eq(m->identity.fw_minor_bcd, 0x05);
	ck_assert_uint_eq(m->identity.ipmi_version, 0x51);
	ck_assert_uint_eq(m->identity.additional_support, 0x0c);
	ck_assert_mem_eq(m->identity.aux_firmware, "\x01\x02\x03\xff", 4);
	ck_assert_uint_eq(m->identity.has_aux_firmware, 1);
	m = model_of("[identity]\nadditional_device_support = 0x81\n"
		     "aux_firmware = 0A0B0C0D\n");
	ck_assert_uint_eq(m->identity.additional_support, 0x81);
	ck_assert_mem_eq(m->identity.aux_firmware, "\x0a\x0b\x0c\x0d", 4);
	refused("[identity]\nfirmware = 128.00\n",
	    "t.ini:2: firmware = 128.00: expected MAJOR.MINOR, MAJOR 0 to 127 "
	    "and MINOR two digits (2.05, 2.14)");
	refused("[identity]\nipmi_version = 2\n",
	    "t.ini:2: ipmi_version = 2: expected MAJOR.MINOR, one digit each "
	    "(2.0)");
	refused("[identity]\nadditional_device_support = sel pets\n",
	    "t.ini:2: additional_device_support = sel pets: expected a byte or "
	    "a list of: sensor, sdr_repository, sel, fru, ipmb_event_receiver, "
	    "ipmb_event_generator, bridge, chassis");
	refused("[identity]\naux_firmware = 0x01 0x02 0x03\n",
	    "t.ini:2: aux_firmware = 0x01 0x02 0x03: expected four bytes in "
	    "hex (0x01020304)");
	/* Derived GUIDs: version 4, RFC 4122 variant, which in the clock. */
	identity_conf_guid_derive(a, "bmc", "x", 0);
	identity_conf_guid_derive(b, "bmc", "x", 1);
	ck_assert_uint_eq(a[9] & 0xf0, 0x40); /* text byte 6 */
	ck_assert_uint_eq(a[7] & 0xc0, 0x80); /* text byte 8 */
	ck_assert_uint_eq(a[6] & 0xf0, 0xc0); /* text byte 9 */
	ck_assert_uint_eq(b[6] & 0xf0, 0xd0);
	ck_assert_mem_eq(a + 10, b + 10, 6); /* the same hash */
	ck_assert_mem_eq(a, "\0\0\0\0\0\0", 6);
	identity_conf_guid_add(a, 0x1ff);
	ck_assert_mem_eq(a, "\xff\x01\0\0\0\0", 6);
	release();
}
END_TEST

START_TEST(test_users_conf)
{
	const struct model *m;

	m = model_of("[user 2]\nname = ann\npassword = 12345678901234567\n"
		     "privilege = none\nsession_limit = 3\n[user 5]\n"
		     "name = bob\nenabled = no\n");
	ck_assert_uint_eq(m->users[2].name_len, 3);
	ck_assert_mem_eq(m->users[2].name, "ann", 3);
	ck_assert_uint_eq(m->users[2].password20, 1);
	ck_assert_uint_eq(m->users[2].priv_limit, IPMI_PRIV_NO_ACCESS);
	ck_assert_uint_eq(m->users[2].session_limit, 3);
	ck_assert_uint_eq(m->users[2].ipmi_messaging, 1);
	ck_assert_uint_eq(m->users[5].enabled, 0);
	ck_assert_uint_eq(m->users[5].priv_limit, IPMI_PRIV_USER);
	ck_assert_uint_eq(m->users[3].defined, 0);
	refused("[user 3]\nenabled = yes\n",
	    "t.ini:1: [user 3] needs a name (only user 1, the null user, has "
	    "none)");
	refused("[user 1]\nname = x\n",
	    "t.ini:2: name: user 1 is the null user and has no name");
	refused("[user 2]\nname = a\npassword = 123456789012345678901\n",
	    "t.ini:3: password: 21 bytes; at most 20");
	refused("[user 2]\nname = a\nprivilege = root\n",
	    "t.ini:3: privilege = root: expected callback, user, operator, "
	    "admin, oem or none");
	refused("[user 2]\nname = a\n[user 3]\nname = a\n",
	    "t.ini:4: user 3 has the same name as user 2");
	refused("[channel]\nmax_users = 4\n[user 5]\nname = e\n",
	    "t.ini:3: user 5 is above max_users (4)");
	refused("[user 1]\n",
	    "t.ini:1: user 1 (the null user) is enabled: anonymous login "
	    "needs allow_anonymous = yes in [lab]");
	refused("[user 2]\nname =\n",
	    "t.ini:2: user 2 has an empty name: anonymous login needs "
	    "allow_anonymous = yes in [lab]");
	release();
}
END_TEST

START_TEST(test_channel_conf)
{
	const struct model *m;

	m = model_of("[channel]\ncipher_suites = 3,17 1\n"
		     "suite_privilege = 3:operator 17:oem\n"
		     "auth_user = none md2 password\n"
		     "kg = 0x0102030405060708090a0b0c0d0e0f1011121314\n"
		     "session_timeout = 5\naccess_mode = shared\n");
	ck_assert_uint_eq(
	    m->channel.enabled_suites, 1u << 1 | 1u << 3 | 1u << 17);
	ck_assert_uint_eq(m->channel.suite_priv_limit[3], IPMI_PRIV_OPERATOR);
	ck_assert_uint_eq(m->channel.suite_priv_limit[17], IPMI_PRIV_OEM);
	ck_assert_uint_eq(m->channel.auth15_enables[IPMI_PRIV_USER],
	    1u << IPMI15_AUTHTYPE_NONE | 1u << IPMI15_AUTHTYPE_MD2 |
		1u << IPMI15_AUTHTYPE_STRAIGHT);
	ck_assert_uint_eq(m->channel.kg_set, 1);
	ck_assert_uint_eq(m->channel.kg[19], 0x14);
	ck_assert_uint_eq(m->channel.session_timeout_ms, 5000);
	ck_assert_uint_eq(m->channel.access_mode, 3);
	m = model_of("[channel]\nkg = secret\n");
	ck_assert_mem_eq(m->channel.kg, "secret\0", 7);
	refused("[channel]\ncipher_suites = 4\n",
	    "t.ini:2: cipher_suites: cipher suite 4 is not implemented "
	    "(xRC4); implemented: 0 1 2 3 6 7 8 11 12 15 16 17");
	refused("[channel]\ncipher_suites = 20\n",
	    "t.ini:2: cipher_suites: '20' is not a cipher suite ID (0 to 19)");
	refused("[channel]\ncipher_suites = 0\n",
	    "t.ini:2: cipher suite 0 (no authentication, no integrity, no "
	    "encryption) needs allow_cipher_0 = yes in [lab]");
	refused("[channel]\nsuite_privilege = 3:god\n",
	    "t.ini:2: suite_privilege: 'god' for suite 3: expected callback, "
	    "user, operator, admin or oem");
	refused("[channel]\nsuite_privilege = 1:user\n",
	    "t.ini:2: suite_privilege names suite 1, which cipher_suites does "
	    "not enable");
	refused("[channel]\nauth_admin = md4\n",
	    "t.ini:2: auth_admin = md4: expected a list of none, md2, md5, "
	    "password");
	/* K_G is a secret: not echoed. */
	refused("[channel]\nkg = 0x01\n",
	    "t.ini:2: kg: expected up to 20 bytes of text, or 0x and 40 hex "
	    "digits");
	refused("\n[channel]\nipmi15 = no\nipmi20 = no\n",
	    "t.ini:2: ipmi15 and ipmi20 are both off: nobody could log in");
	refused("[channel]\ncipher_suites =\n",
	    "t.ini:2: ipmi20 = yes but cipher_suites is empty");
	release();
}
END_TEST

START_TEST(test_chassis_lab_system_lan_conf)
{
	const struct model *m;

	m = model_of("[chassis]\npower = off\nrestore_policy = always-on\n"
		     "poh_hours = 4294967295\n[lab]\nrng_seed = 0x10\n"
		     "[system]\nname = \" box \"\n[lan]\nip = 10.1.2.3\n"
		     "mac = 02:00:00:00:00:07\nvlan_id = 4094\n");
	ck_assert_uint_eq(m->chassis.power_on, 0);
	ck_assert_uint_eq(m->chassis.restore_policy, MODEL_RESTORE_ALWAYS_ON);
	ck_assert_uint_eq(m->chassis.poh_hours, 4294967295u);
	ck_assert_uint_eq(m->lab.rng_seeded, 1);
	ck_assert(m->lab.rng_seed == 16);
	ck_assert_str_eq(m->system.name, " box ");
	ck_assert_uint_eq(m->lan.has_ip, 1);
	ck_assert_mem_eq(m->lan.ip, "\x0a\x01\x02\x03", 4);
	ck_assert_uint_eq(m->lan.has_mac, 1);
	ck_assert_uint_eq(m->lan.vlan_id, 4094);
	m = model_of("[lan]\nnetmask = 255.0.0.0\n");
	ck_assert_uint_eq(m->lan.has_ip, 0);
	ck_assert_uint_eq(m->lan.has_mac, 0);
	refused("[chassis]\nrestore_policy = sometimes\n",
	    "t.ini:2: restore_policy = sometimes: expected one of: "
	    "always-off, previous, always-on");
	refused("[lab]\nrng_seed = -1\n",
	    "t.ini:2: rng_seed = -1: expected an integer from 0 to "
	    "18446744073709551615");
	refused("[lan]\nvlan_id = 4095\n",
	    "t.ini:2: vlan_id = 4095: expected an integer from 0 to 4094");
	refused("[lan]\ncommunity = 1234567890123456789\n",
	    "t.ini:2: community = 1234567890123456789: expected at most 18 "
	    "printable bytes");
	release();
}
END_TEST

START_TEST(test_quirks_conf)
{
	const struct model *m;
	struct model_quirks none;

	memset(&none, 0, sizeof(none));
	m = model_of("[chassis]\npower = on\n");
	ck_assert_mem_eq(&m->quirks, &none, sizeof(none));
	m = model_of("[quirks]\nauthcap = yes\nendianseq = yes\n"
		     "assumesystemevent = yes\nidzero = no\n");
	ck_assert_uint_eq(m->quirks.authcap, 1);
	ck_assert_uint_eq(m->quirks.endianseq, 1);
	ck_assert_uint_eq(m->quirks.assumesystemevent, 1);
	ck_assert_uint_eq(m->quirks.idzero, 0);
	ck_assert_uint_eq(m->quirks.nochecksumcheck, 0);
	ck_assert_uint_eq(m->quirks.opensesspriv, 0);
	refused("[quirks]\nauthcap = maybe\n",
	    "t.ini:2: authcap = maybe: expected yes or no");
	release();
	ck_assert_int_eq(config_load_text("t.ini", "[quirks]\nsolport = yes\n",
			     strlen("[quirks]\nsolport = yes\n"), &cfg, &diag),
	    ERR_CONFIG);
	release();
}
END_TEST

START_TEST(test_oem_conf)
{
	const struct model *m;

	m = model_of("[oem 3]\nnetfn = 0x30\ncmd = 0x01\nprivilege = none\n"
		     "request_prefix = 0x57 0x01 00\nresponse = 3001ff\n");
	ck_assert_uint_eq(m->oem[3].defined, 1);
	ck_assert_uint_eq(m->oem[3].netfn, 0x30);
	ck_assert_uint_eq(m->oem[3].priv, 0);
	ck_assert_uint_eq(m->oem[3].prefix_len, 3);
	ck_assert_mem_eq(m->oem[3].prefix, "\x57\x01\x00", 3);
	ck_assert_uint_eq(m->oem[3].data_len, 3);
	ck_assert_mem_eq(m->oem[3].data, "\x30\x01\xff", 3);
	m = model_of("[oem 1]\nnetfn = 0x2e\ncmd = 2\n");
	ck_assert_uint_eq(m->oem[1].priv, IPMI_PRIV_USER);
	refused("[oem 1]\nrequest_prefix = 0x1\n",
	    "t.ini:2: request_prefix = 0x1: expected at most 16 bytes in hex "
	    "(0x57 0x01 0x00)");
	refused(
	    "[oem 1]\nrequest_prefix = 00112233445566778899aabbccddeeff00\n",
	    "t.ini:2: request_prefix = 00112233445566778899aabbccddeeff00: "
	    "expected at most 16 bytes in hex (0x57 0x01 0x00)");
	refused("[oem 33]\n", "t.ini:1: [oem 33]: the number must be 1 to 32");
	refused("[oem 1]\nnetfn = 0x3f\n",
	    "t.ini:2: netfn = 0x3f: expected an integer from 0 to 62");
	release();
}
END_TEST

START_TEST(test_sensors_conf)
{
	const struct model	  *m;
	const struct model_sensor *s;

	m = model_of("[sensor 2]\nname = FAN{n}\ntype = fan\ncount = 3\n"
		     "[sensor 1]\nname = Temp\ntype = temperature\nunc = 80\n"
		     "[sensor 9]\nname = PSU\ntype = power_supply\n"
		     "units = percent\n");
	/* In the order of N, without gaps. */
	ck_assert_uint_eq(m->nsensors, 3);
	s = &m->sensors[0];
	ck_assert_str_eq(s->name, "Temp");
	ck_assert_uint_eq(s->event_type, 0x01);
	ck_assert_uint_eq(s->compact, 0);
	ck_assert(s->nominal == 35);
	ck_assert(s->range_max == 127.5);
	ck_assert(s->threshold[MODEL_UNC] == 80);
	ck_assert(isnan(s->threshold[MODEL_UCR]));
	ck_assert_uint_eq(s->settle_ms, 60000);
	s = &m->sensors[1];
	ck_assert_str_eq(s->name, "FAN{n}");
	ck_assert_uint_eq(s->count, 3);
	ck_assert_uint_eq(s->units, 18); /* rpm */
	ck_assert_uint_eq(s->entity_id, 0x1d);
	ck_assert(s->nominal == 6000);
	s = &m->sensors[2];
	ck_assert_uint_eq(s->event_type, 0x6f);
	ck_assert_uint_eq(s->compact, 1);
	ck_assert_uint_eq(s->state, 0x0001);
	ck_assert_uint_eq(s->has_off_state, 1);
	ck_assert_uint_eq(s->units, 0);
	ck_assert_uint_eq(s->percentage, 1);
	refused("[sensor 1]\ntype = fan\n", "t.ini:1: [sensor 1] needs a name");
	refused("[sensor 1]\nname = x\n", "t.ini:1: [sensor 1] needs a type");
	refused("[sensor 1]\nname = x\ntype = voltage\n",
	    "t.ini:1: [sensor 1] needs nominal (the rail's voltage)");
	refused("[sensor 4]\nname = x\ntype = temperature\nunc = 50\n"
		"ucr = 40\n",
	    "t.ini:5: [sensor 4]: ucr = 40: thresholds must rise from lnr to "
	    "unr");
	refused("[sensor 4]\nname = x\ntype = temperature\nunr = 200\n",
	    "t.ini:4: [sensor 4]: unr = 200 is outside the sensor's range 0 "
	    "to 127.5");
	refused("[sensor 1]\nname = ABCDEFGHIJKLMN\ntype = fan\ncount = 10\n",
	    "t.ini:1: [sensor 1]: the name 'ABCDEFGHIJKLMN 10' is longer than "
	    "16 bytes");
	refused("[sensor 1]\nname = a\ntype = fan\nnumber = 5\n[sensor 2]\n"
		"name = b\ntype = fan\nnumber = 5\n",
	    "t.ini:5: sensor number 5 on LUN 0 is taken by an earlier sensor");
	refused("[sensor 257]\n",
	    "t.ini:1: [sensor 257]: the number must be 1 to 256");
	release();
}
END_TEST

START_TEST(test_sel_conf)
{
	const struct model *m;

	m = model_of("[sel]\ncapacity = 16\nwhen_full = overwrite\n"
		     "[sel_event 3]\nsensor_type = fan\nsensor = 16\n"
		     "event_type = threshold\ndata = 0x52 0x04\n"
		     "direction = deassert\n");
	ck_assert_uint_eq(m->sel.capacity, 16);
	ck_assert_uint_eq(m->sel.overwrite, 1);
	ck_assert_uint_eq(m->sel.events[3].defined, 1);
	ck_assert_uint_eq(m->sel.events[3].generator, 0x20);
	ck_assert_uint_eq(m->sel.events[3].sensor_type, 0x04);
	ck_assert_uint_eq(m->sel.events[3].event_type, 0x81);
	ck_assert_uint_eq(m->sel.events[3].data_len, 2);
	ck_assert_mem_eq(m->sel.events[3].data, "\x52\x04\xff", 3);
	m = model_of("[sel_event 1]\ndata = 01\n");
	ck_assert_uint_eq(m->sel.events[1].sensor_type, 0x12);
	ck_assert_uint_eq(m->sel.events[1].event_type, 0x6f);
	refused("[sel_event 1]\nsensor = 3\n",
	    "t.ini:1: [sel_event 1] needs data (the event data bytes, the "
	    "first holding the offset)");
	refused("[sel_event 1]\ndata = 01 02 03 04\n",
	    "t.ini:2: data = 01 02 03 04: expected one to three bytes in hex "
	    "(0x01 0xff)");
	refused("[sel_event 1]\ndata = 01\ndirection = up\n",
	    "t.ini:3: direction = up: expected assert or deassert");
	refused("[sel]\ncapacity = 3640\n",
	    "t.ini:2: capacity = 3640: expected an integer from 16 to 3639");
	release();
}
END_TEST

START_TEST(test_fru_conf)
{
	const struct model *m;

	m = model_of("[fru 0]\nboard_mfg_date = 1996-01-01 00:01\n"
		     "[fru 2]\nboard_mfg_date = 1996-01-02\n"
		     "product_name = P{index}\n");
	ck_assert_str_eq(m->fru[0].name, "Builtin FRU");
	ck_assert_uint_eq(m->fru[0].board_mfg_minutes, 1);
	ck_assert_str_eq(m->fru[2].name, "FRU 2");
	ck_assert_uint_eq(m->fru[2].board_mfg_minutes, 1440);
	ck_assert_uint_eq(m->fru[2].chassis_type, 0x17);
	ck_assert_str_eq(m->fru[2].product_name, "P{index}");
	ck_assert_uint_eq(m->fru[1].defined, 0);
	refused("[fru 1]\nboard_mfg_date = 2024-02-30\n",
	    "t.ini:2: board_mfg_date = 2024-02-30: expected YYYY-MM-DD or "
	    "YYYY-MM-DD HH:MM, UTC, 1996 to 2027");
	refused("[fru 8]\n", "t.ini:1: [fru 8]: the number must be 0 to 7");
	/* From memory, no file is read. */
	refused("[fru 1]\nfile = /etc/passwd\n",
	    "t.ini:2: file = /etc/passwd: no file is read from this text");
	release();
}
END_TEST

START_TEST(test_instance_conf)
{
	static const char text[] = "[fleet f]\ncount = 3\n"
				   "listen = 127.0.0.1:7000\n"
				   "[bmc b]\nlisten = [::1]:0\n";

	release();
	ck_assert_int_eq(
	    config_load_text("t.ini", text, sizeof(text) - 1, &cfg, &diag), 0);
	ck_assert_uint_eq(cfg->nbmcs, 4);
	ck_assert_str_eq(cfg->bmcs[0].name, "f-0001");
	ck_assert_uint_eq(cfg->bmcs[2].port, 7002);
	ck_assert_str_eq(cfg->bmcs[3].name, "b");
	ck_assert_str_eq(cfg->bmcs[3].host, "::1");
	ck_assert_uint_eq(cfg->bmcs[3].port, 0);
	refused("[fleet f]\n", "t.ini:1: [fleet f] needs count");
	refused("[bmc a/b]\n",
	    "t.ini:1: [bmc a/b]: a name of 1 to 47 letters, digits, '.', '_' "
	    "or '-' is needed");
	refused("[bmc a]\nlisten = ::1\n",
	    "t.ini:2: listen = ::1: an IPv6 address needs brackets: "
	    "[ADDRESS]:PORT");
	refused("[bmc a]\nmodel = x.ini\n",
	    "t.ini:2: model = x.ini: no file is read from this text");
	release();
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("conf");
	TCase	*tc = tcase_create("areas");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_identity_conf);
	tcase_add_test(tc, test_users_conf);
	tcase_add_test(tc, test_channel_conf);
	tcase_add_test(tc, test_chassis_lab_system_lan_conf);
	tcase_add_test(tc, test_quirks_conf);
	tcase_add_test(tc, test_oem_conf);
	tcase_add_test(tc, test_sensors_conf);
	tcase_add_test(tc, test_sel_conf);
	tcase_add_test(tc, test_fru_conf);
	tcase_add_test(tc, test_instance_conf);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	release();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
