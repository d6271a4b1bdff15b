#include <check.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "testutil.h"

#define DATA TEST_DATA_DIR "/config"

static char tmpdir[64];
static char tmppath[128];

static void
tmp_setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_config.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
tmp_teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Writes text to tmpdir/name; returns the path (static). */
static const char *
write_file(const char *name, const char *text)
{
	FILE *f;

	snprintf(tmppath, sizeof(tmppath), "%s/%s", tmpdir, name);
	ck_assert_ptr_nonnull(f = fopen(tmppath, "w"));
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
	return tmppath;
}

static void
diag_print(const struct config_diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(stderr, "  %s\n", d->msgs[i]);
}

static struct config *
load_ok(const char *path)
{
	struct config_diag d = {0};
	struct config	  *cfg = NULL;
	int		   rc;

	rc = config_load(path, &cfg, &d);
	if (rc != 0)
		diag_print(&d);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_nonnull(cfg);
	config_diag_clear(&d);
	return cfg;
}

static int
load_text(const char *text, struct config **cfg, struct config_diag *d)
{
	return config_load(write_file("t.ini", text), cfg, d);
}

/* 1 if a message is exactly "tmpdir/t.ini:LINE: " followed by want. */
static int
diag_has_at(const struct config_diag *d, unsigned line, const char *want)
{
	char   prefix[200];
	size_t i, n;

	if (line == 0)
		snprintf(prefix, sizeof(prefix), "%s/t.ini: ", tmpdir);
	else
		snprintf(prefix, sizeof(prefix), "%s/t.ini:%u: ", tmpdir, line);
	n = strlen(prefix);
	for (i = 0; i < d->n; i++)
		if (strncmp(d->msgs[i], prefix, n) == 0 &&
		    strstr(d->msgs[i] + n, want) != NULL)
			return 1;
	diag_print(d);
	return 0;
}

/* Loads text and expects ERR_CONFIG with want at line. */
static void
expect_error(const char *text, unsigned line, const char *want)
{
	struct config_diag d = {0};
	struct config	  *cfg = NULL;

	ck_assert_int_eq(load_text(text, &cfg, &d), ERR_CONFIG);
	ck_assert_ptr_null(cfg);
	ck_assert_msg(
	    diag_has_at(&d, line, want), "no '%s' at line %u", want, line);
	config_diag_clear(&d);
}

/* The text form of a wire-order GUID. */
static void
guid_text(const uint8_t wire[16], char out[37])
{
	unsigned i, n = 0;

	for (i = 0; i < 16; i++) {
		n += (unsigned)sprintf(out + n, "%02x", wire[15 - i]);
		if (i == 3 || i == 5 || i == 7 || i == 9)
			out[n++] = '-';
	}
	out[n] = '\0';
}

START_TEST(test_model_defaults)
{
	struct model m;
	unsigned     i;

	model_defaults(&m);
	ck_assert_uint_eq(m.channel.enabled_suites, 1u << 3 | 1u << 17);
	for (i = 1; i <= MODEL_USERS_MAX; i++)
		ck_assert_uint_eq(m.users[i].defined, 0);
	ck_assert_uint_eq(m.channel.max_sessions, 15);
	ck_assert_uint_eq(m.channel.priv_limit, IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(m.channel.auth15_enables[IPMI_PRIV_ADMIN],
	    1u << IPMI15_AUTHTYPE_MD5);
	ck_assert_uint_eq(m.channel.session_timeout_ms, 60000);
	ck_assert_uint_eq(m.channel.kg_set, 0);
	ck_assert_uint_eq(m.lab.rng_seeded, 0);
	ck_assert_uint_eq(m.identity.ipmi_version, 0x02);
}
END_TEST

START_TEST(test_empty_file_is_one_default_bmc)
{
	struct config *cfg;
	struct model   m;

	tmp_setup();
	cfg = load_ok(write_file("rack-a.ini", "; nothing but a comment\n"));
	ck_assert_uint_eq(cfg->implicit, 1);
	ck_assert_uint_eq(cfg->nbmcs, 1);
	ck_assert_str_eq(cfg->bmcs[0].name, "rack-a");
	ck_assert_str_eq(cfg->bmcs[0].host, "127.0.0.1");
	ck_assert_uint_eq(cfg->bmcs[0].port, 623);
	ck_assert_uint_eq(cfg->bmcs[0].index, 0);
	model_defaults(&m);
	ck_assert_int_eq(model_equal(cfg->bmcs[0].model, &m), 1);
	ck_assert_str_eq(cfg->bmcs[0].model->source, tmppath);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_every_key)
{
	struct config		    *cfg = load_ok(DATA "/full.ini");
	const struct model	    *m = cfg->bmcs[0].model;
	const struct model_identity *id = &m->identity;
	const struct model_channel  *c = &m->channel;
	const struct model_user	    *u;
	static const uint8_t	     aux[4] = {1, 2, 3, 4};
	uint8_t			     kg[20];
	char			     text[37];
	unsigned		     i;

	ck_assert_uint_eq(id->device_id, 0x42);
	ck_assert_uint_eq(id->device_revision, 7);
	ck_assert_uint_eq(id->provides_sdrs, 0);
	ck_assert_uint_eq(id->fw_major, 2);
	ck_assert_uint_eq(id->fw_minor_bcd, 0x14);
	ck_assert_uint_eq(id->ipmi_version, 0x51);
	ck_assert_uint_eq(id->additional_support, 0x85);
	ck_assert_uint_eq(id->manufacturer_id, 0xabcde);
	ck_assert_uint_eq(id->product_id, 4660);
	ck_assert_uint_eq(id->has_aux_firmware, 1);
	tu_assert_bytes(id->aux_firmware, 4, aux, 4);
	ck_assert_uint_eq(id->has_device_guid, 1);
	ck_assert_uint_eq(id->has_system_guid, 1);
	/* Wire order: least significant (last written) byte first. */
	ck_assert_uint_eq(id->device_guid[0], 0xff);
	ck_assert_uint_eq(id->device_guid[15], 0x00);
	guid_text(id->device_guid, text);
	ck_assert_str_eq(text, "00112233-4455-4677-8899-aabbccddeeff");
	guid_text(id->system_guid, text);
	ck_assert_str_eq(text, "01234567-89ab-4def-8123-456789abcdef");
	/* A single BMC without GUIDs of its own takes the model's. */
	tu_assert_bytes(cfg->bmcs[0].system_guid, 16, id->system_guid, 16);
	tu_assert_bytes(cfg->bmcs[0].device_guid, 16, id->device_guid, 16);

	ck_assert_uint_eq(c->number, 2);
	ck_assert_uint_eq(c->enabled_suites, 1u << 1 | 1u << 3 | 1u << 17);
	ck_assert_uint_eq(c->suite_priv_limit[1], IPMI_PRIV_USER);
	ck_assert_uint_eq(c->suite_priv_limit[3], IPMI_PRIV_OPERATOR);
	ck_assert_uint_eq(c->suite_priv_limit[17], IPMI_PRIV_OEM);
	ck_assert_uint_eq(c->suite_priv_limit[2], IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(c->priv_limit, IPMI_PRIV_OPERATOR);
	ck_assert_uint_eq(c->ipmi15_enabled, 0);
	ck_assert_uint_eq(c->ipmi20_enabled, 1);
	ck_assert_uint_eq(c->auth15_enables[IPMI_PRIV_CALLBACK], 1u << 0);
	ck_assert_uint_eq(c->auth15_enables[IPMI_PRIV_USER], 1u << 1 | 1u << 2);
	ck_assert_uint_eq(c->auth15_enables[IPMI_PRIV_OPERATOR], 1u << 4);
	ck_assert_uint_eq(c->auth15_enables[IPMI_PRIV_ADMIN], 0);
	ck_assert_uint_eq(c->auth15_enables[IPMI_PRIV_OEM], 1u << 1);
	ck_assert_uint_eq(c->per_message_auth, 0);
	ck_assert_uint_eq(c->user_level_auth, 0);
	ck_assert_uint_eq(c->access_mode, 3);
	ck_assert_uint_eq(c->alerting, 1);
	for (i = 0; i < 20; i++)
		kg[i] = (uint8_t)i;
	ck_assert_uint_eq(c->kg_set, 1);
	tu_assert_bytes(c->kg, 20, kg, 20);
	ck_assert_uint_eq(c->max_sessions, 4);
	ck_assert_uint_eq(c->max_handshakes, 9);
	ck_assert_uint_eq(c->session_timeout_ms, 120000);
	ck_assert_uint_eq(c->handshake_timeout_ms, 5000);
	ck_assert_uint_eq(c->bad_password_threshold, 3);
	ck_assert_uint_eq(c->lockout_ms, 30000);
	ck_assert_uint_eq(c->anti_enumeration, 1);
	ck_assert_uint_eq(c->max_users, 10);

	ck_assert_uint_eq(m->chassis.power_on, 0);
	ck_assert_uint_eq(m->chassis.restore_policy, MODEL_RESTORE_ALWAYS_ON);
	ck_assert_uint_eq(m->chassis.identify_default_s, 30);
	ck_assert_uint_eq(m->chassis.poh_hours, 4000000000u);
	ck_assert_uint_eq(m->chassis.power_cycle_interval_ms, 2500);
	ck_assert_uint_eq(m->chassis.soft_off_delay_ms, 0);
	ck_assert_uint_eq(m->chassis.capabilities, 0x0f);

	ck_assert_uint_eq(m->lab.rng_seeded, 1);
	ck_assert(m->lab.rng_seed == 0x123456789abcdef0ull);
	ck_assert_uint_eq(m->lab.allow_cipher_0, 0);
	ck_assert_uint_eq(m->lab.allow_anonymous, 1);

	u = &m->users[1];
	ck_assert_uint_eq(u->defined, 1);
	ck_assert_uint_eq(u->name_len, 0);
	/* Quotes keep the blanks. */
	ck_assert_mem_eq(u->password, "  null pass  \0", 14);
	ck_assert_uint_eq(u->enabled, 0);
	ck_assert_uint_eq(u->priv_limit, IPMI_PRIV_CALLBACK);
	u = &m->users[10];
	ck_assert_uint_eq(u->defined, 1);
	ck_assert_uint_eq(u->name_len, 9);
	ck_assert_mem_eq(u->name, "operator7", 9);
	ck_assert_mem_eq(u->password, "12345678901234567890", 20);
	ck_assert_uint_eq(u->password20, 1);
	ck_assert_uint_eq(u->enabled, 0);
	ck_assert_uint_eq(u->priv_limit, IPMI_PRIV_NO_ACCESS);
	ck_assert_uint_eq(u->session_limit, 2);
	ck_assert_uint_eq(u->ipmi_messaging, 0);
	ck_assert_uint_eq(u->link_auth, 1);
	ck_assert_uint_eq(u->callback_only, 1);
	ck_assert_uint_eq(m->users[2].defined, 0);
	config_free(cfg);
}
END_TEST

START_TEST(test_user_defaults)
{
	struct config	  *cfg;
	struct model_user *u;

	tmp_setup();
	cfg = load_ok(write_file("u.ini", "[user 5]\nname = bob\n"));
	u = &cfg->models[0]->users[5];
	ck_assert_uint_eq(u->defined, 1);
	ck_assert_uint_eq(u->enabled, 1);
	ck_assert_uint_eq(u->priv_limit, IPMI_PRIV_USER);
	ck_assert_uint_eq(u->ipmi_messaging, 1);
	ck_assert_uint_eq(u->session_limit, 0);
	ck_assert_uint_eq(u->password20, 0);
	ck_assert_mem_eq(u->password, "\0\0\0\0", 4);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_shipped_default)
{
	struct config	   *cfg = load_ok(SIM_CONFIGS_DIR "/default.ini");
	const struct model *m = cfg->bmcs[0].model;
	char		    text[37];

	ck_assert_uint_eq(cfg->implicit, 1);
	ck_assert_uint_eq(cfg->nbmcs, 1);
	ck_assert_str_eq(cfg->bmcs[0].name, "default");
	ck_assert_str_eq(cfg->bmcs[0].host, CONFIG_DEFAULT_HOST);
	ck_assert_uint_eq(cfg->bmcs[0].port, CONFIG_DEFAULT_PORT);
	ck_assert_uint_eq(m->channel.enabled_suites, 1u << 3 | 1u << 17);
	ck_assert_uint_eq(m->channel.auth15_enables[IPMI_PRIV_ADMIN],
	    1u << IPMI15_AUTHTYPE_MD5);
	ck_assert_uint_eq(m->channel.ipmi15_enabled, 1);
	ck_assert_mem_eq(m->users[2].name, "admin", 5);
	ck_assert_mem_eq(m->users[2].password, "password\0", 9);
	ck_assert_uint_eq(m->users[2].priv_limit, IPMI_PRIV_ADMIN);
	ck_assert_mem_eq(m->users[3].name, "operator", 8);
	ck_assert_uint_eq(m->users[3].priv_limit, IPMI_PRIV_OPERATOR);
	ck_assert_mem_eq(m->users[4].name, "user", 4);
	ck_assert_uint_eq(m->users[4].priv_limit, IPMI_PRIV_USER);
	ck_assert_uint_eq(m->users[1].defined, 0);
	ck_assert_uint_eq(m->identity.manufacturer_id, 10876);
	ck_assert_uint_eq(m->identity.fw_major, 1);
	ck_assert_uint_eq(m->identity.fw_minor_bcd, 0x73);
	ck_assert_uint_eq(m->identity.additional_support, 0xbf);
	guid_text(cfg->bmcs[0].system_guid, text);
	ck_assert_str_eq(text, "6f1e3c52-8a47-4d2b-9c3e-7a5b1d0e4f21");
	ck_assert_uint_eq(m->lab.rng_seeded, 0);
	config_free(cfg);
}
END_TEST

START_TEST(test_shipped_lab)
{
	struct config	   *cfg = load_ok(SIM_CONFIGS_DIR "/lab.ini"), *d;
	const struct model *m = cfg->bmcs[0].model, *dm;
	unsigned	    p;

	ck_assert_uint_eq(cfg->nbmcs, 1);
	ck_assert_uint_eq(m->channel.enabled_suites, suite_implemented_mask());
	ck_assert_uint_eq(m->channel.enabled_suites & 1u, 1);
	for (p = IPMI_PRIV_CALLBACK; p <= IPMI_PRIV_OEM; p++)
		ck_assert_uint_eq(m->channel.auth15_enables[p],
		    1u << IPMI15_AUTHTYPE_NONE | 1u << IPMI15_AUTHTYPE_MD2 |
			1u << IPMI15_AUTHTYPE_MD5 |
			1u << IPMI15_AUTHTYPE_STRAIGHT);
	ck_assert_uint_eq(m->users[1].defined, 1);
	ck_assert_uint_eq(m->users[1].enabled, 1);
	ck_assert_uint_eq(m->users[1].name_len, 0);
	ck_assert_uint_eq(m->users[1].priv_limit, IPMI_PRIV_USER);
	ck_assert_uint_eq(m->users[2].priv_limit, IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(m->lab.rng_seeded, 1);
	ck_assert(m->lab.rng_seed == 20240601);
	ck_assert_uint_eq(m->lab.allow_cipher_0, 1);
	ck_assert_uint_eq(m->lab.allow_anonymous, 1);
	/* The whole machine of default.ini: one model for every client. */
	d = load_ok(SIM_CONFIGS_DIR "/default.ini");
	dm = d->bmcs[0].model;
	ck_assert_uint_eq(m->nsensors, 24);
	ck_assert_uint_eq(m->nsensors, dm->nsensors);
	ck_assert_mem_eq(
	    m->sensors, dm->sensors, m->nsensors * sizeof(m->sensors[0]));
	ck_assert_mem_eq(&m->sel, &dm->sel, sizeof(m->sel));
	ck_assert_uint_eq(m->sel.events[6].defined, 1);
	ck_assert_mem_eq(m->fru, dm->fru, sizeof(m->fru));
	ck_assert_uint_eq(m->fru[1].psu_capacity_w, 1000);
	ck_assert_mem_eq(&m->lan, &dm->lan, sizeof(m->lan));
	ck_assert_mem_eq(&m->system, &dm->system, sizeof(m->system));
	ck_assert_mem_eq(&m->chassis, &dm->chassis, sizeof(m->chassis));
	ck_assert_uint_eq(
	    m->identity.additional_support, dm->identity.additional_support);
	ck_assert_uint_eq(m->identity.has_aux_firmware, 1);
	config_free(d);
	config_free(cfg);
}
END_TEST

START_TEST(test_shipped_fleet)
{
	struct config		*cfg = load_ok(SIM_CONFIGS_DIR "/fleet.ini");
	const struct config_bmc *b;
	unsigned		 i;

	ck_assert_uint_eq(cfg->implicit, 0);
	ck_assert_uint_eq(cfg->nbmcs, 1000);
	for (i = 0; i < 1000; i++) {
		ck_assert_str_eq(cfg->bmcs[i].host, "127.0.0.1");
		ck_assert_uint_eq(cfg->bmcs[i].port, 7000 + i);
		ck_assert_ptr_eq(cfg->bmcs[i].model, cfg->bmcs[0].model);
	}
	ck_assert_str_eq(cfg->bmcs[0].name, "rack-0001");
	ck_assert_str_eq(cfg->bmcs[999].name, "rack-1000");
	ck_assert_ptr_nonnull(b = config_find_bmc(cfg, "rack-0500"));
	ck_assert_uint_eq(b->port, 7499);
	ck_assert_uint_eq(b->index, 500);
	ck_assert_ptr_null(config_find_bmc(cfg, "rack-1001"));
	/* The model is default.ini's. */
	ck_assert_mem_eq(cfg->bmcs[0].model->users[2].name, "admin", 5);
	ck_assert_ptr_nonnull(
	    strstr(cfg->bmcs[0].model->source, "default.ini"));
	config_free(cfg);
}
END_TEST

START_TEST(test_bad_file_reports_every_problem)
{
	static const char *const want[] = {
	    ":3: device_id = 256: expected an integer from 0 to 255",
	    ":4: firmware = 2.1: expected MAJOR.MINOR",
	    ":5: unknown key 'colour' in [identity]",
	    ":7: max_sessions = 0: expected an integer from 1 to 63",
	    ":8: cipher_suites: cipher suite 4 is not implemented",
	    ":9: expected 'key = value', a [section] or a comment",
	    ":12: duplicate user number 2 (first at line 10)",
	    ":14: unknown section [sensors]",
	    ":15: [user 3] needs a name",
	    ":16: privilege = emperor: expected callback, user, operator, "
	    "admin, oem or none",
	    ":19: power given twice (first at line 18)",
	};
	struct config_diag d = {0};
	struct config	  *cfg = NULL;
	const char	  *path = DATA "/bad.ini";
	size_t		   i, j, plen = strlen(path);

	ck_assert_int_eq(config_load(path, &cfg, &d), ERR_CONFIG);
	ck_assert_ptr_null(cfg);
	if (d.n != sizeof(want) / sizeof(want[0]))
		diag_print(&d);
	ck_assert_uint_eq(d.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < d.n; i++) {
		ck_assert_int_eq(strncmp(d.msgs[i], path, plen), 0);
		for (j = 0; j < d.n; j++)
			if (strncmp(d.msgs[j] + plen, want[i],
				strlen(want[i])) == 0)
				break;
		ck_assert_msg(j < d.n, "missing: %s", want[i]);
	}
	config_diag_clear(&d);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_null(d.msgs);
}
END_TEST

START_TEST(test_syntax)
{
	struct config *cfg;

	tmp_setup();
	expect_error(
	    "[identity\ndevice_id = 1\n", 1, "section header without ']'");
	expect_error("[identity] x\n", 1, "text after the section header");
	expect_error("device_id = 1\n[identity]\n", 1,
	    "device_id: a key before any section");
	expect_error("[identity]\n= 3\n", 2, "a value without a key name");
	expect_error("[identity] \n\n  device_id = 1 ; c\n  device_id = 2\n", 4,
	    "device_id given twice (first at line 3)");
	expect_error("[identity stuff]\n", 1, "[identity] takes no name");
	expect_error("[identity]\n[identity]\n", 2,
	    "[identity] repeated (first at line 1)");
	expect_error(
	    "[user 64]\nname = x\n", 1, "the user number must be 1 to 63");
	expect_error(
	    "[bmc bad/name]\n", 1, "[bmc bad/name]: a name of 1 to 47");
	expect_error("[fleet]\ncount = 2\n", 1, "[fleet ]: a name of");
	expect_error(
	    "[fleet f]\nlisten = 127.0.0.1:1000\n", 1, "[fleet f] needs count");
	{
		char line[400];

		snprintf(
		    line, sizeof(line), "[identity]\nfirmware = %0300d\n", 1);
		expect_error(line, 2, "line too long");
	}
	/* Indented keys are keys, not continuation lines; CRLF is fine. */
	cfg = load_ok(write_file("t.ini",
	    "[identity]\r\n\tdevice_id = 9\r\n  device_revision = 3 ; c\r\n"));
	ck_assert_uint_eq(cfg->models[0]->identity.device_id, 9);
	ck_assert_uint_eq(cfg->models[0]->identity.device_revision, 3);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_bad_values)
{
	tmp_setup();
	expect_error("[identity]\nmanufacturer_id = 0x100000\n", 2,
	    "expected an integer from 0 to 1048575");
	expect_error("[identity]\nfirmware = 128.00\n", 2, "firmware = 128.00");
	expect_error("[identity]\nipmi_version = 2\n", 2,
	    "ipmi_version = 2: expected MAJOR.MINOR");
	expect_error("[identity]\nadditional_device_support = sel toaster\n", 2,
	    "expected a byte or a list of: sensor");
	expect_error("[identity]\naux_firmware = 0x010203\n", 2,
	    "expected four bytes in hex");
	expect_error("[identity]\nsystem_guid = 01234567-89ab-4def-8123\n", 2,
	    "expected a GUID");
	expect_error("[channel]\ncipher_suites = 3 20\n", 2,
	    "'20' is not a cipher suite ID (0 to 19)");
	expect_error(
	    "[channel]\nsuite_privilege = 3:king\n", 2, "'king' for suite 3");
	expect_error("[channel]\nsuite_privilege = 3 admin\n", 2,
	    "expected ID:PRIVILEGE pairs");
	expect_error("[channel]\nsuite_privilege = 6:user\n", 2,
	    "suite_privilege names suite 6, which cipher_suites does not "
	    "enable");
	expect_error("[channel]\nprivilege_limit = none\n", 2,
	    "expected callback, user, operator, admin or oem");
	expect_error("[channel]\nauth_admin = md5 sha1\n", 2,
	    "expected a list of none, md2, md5, password");
	expect_error("[channel]\nkg = 0x0011\n", 2, "kg: expected up to 20");
	expect_error("[channel]\nsession_timeout = 0\n", 2,
	    "expected an integer from 1 to 3600");
	expect_error("[channel]\nipmi15 = maybe\n", 2, "expected yes or no");
	expect_error("[channel]\naccess_mode = sometimes\n", 2,
	    "expected one of: disabled, pre-boot, always, shared");
	expect_error("[channel]\nipmi15 = no\nipmi20 = no\n", 1,
	    "ipmi15 and ipmi20 are both off");
	expect_error("[channel]\ncipher_suites =\n", 2,
	    "ipmi20 = yes but cipher_suites is empty");
	expect_error("[channel]\nmax_users = 4\n[user 5]\nname = e\n", 3,
	    "user 5 is above max_users (4)");
	expect_error("[chassis]\nrestore_policy = sometimes\n", 2,
	    "expected one of: always-off, previous, always-on");
	expect_error("[lab]\nrng_seed = -1\n", 2, "rng_seed = -1");
	expect_error("[user 2]\nname = abcdefghijklmnopq\n", 2,
	    "expected at most 16 printable bytes");
	expect_error("[user 1]\nname = x\nenabled = no\n", 2,
	    "user 1 is the null user and has no name");
	expect_error("[user 2]\nname = a\n[user 3]\nname = a\n", 4,
	    "user 3 has the same name as user 2");
	expect_error("[bmc a]\nlisten = 127.0.0.1:65536\n", 2,
	    "the port must be a number from 0 to 65535");
	expect_error("[bmc a]\nlisten = localhost:623\n", 2,
	    "not a numeric IPv4 address");
	tmp_teardown();
}
END_TEST

START_TEST(test_secrets_not_echoed)
{
	struct config_diag d = {0};
	struct config	  *cfg = NULL;
	size_t		   i;

	tmp_setup();
	ck_assert_int_eq(load_text("[user 2]\nname = a\n"
				   "password = hunter2hunter2hunter2XX\n"
				   "[channel]\nkg = hunter3hunter3hunter3XX\n",
			     &cfg, &d),
	    ERR_CONFIG);
	ck_assert_uint_eq(d.n, 2);
	ck_assert(diag_has_at(&d, 3, "password: 23 bytes; at most 20"));
	for (i = 0; i < d.n; i++) {
		ck_assert_ptr_null(strstr(d.msgs[i], "hunter"));
	}
	config_diag_clear(&d);
	tmp_teardown();
}
END_TEST

START_TEST(test_kg_text)
{
	struct config *cfg;

	tmp_setup();
	cfg = load_ok(write_file("t.ini", "[channel]\nkg = secretkey\n"));
	ck_assert_uint_eq(cfg->models[0]->channel.kg_set, 1);
	ck_assert_mem_eq(cfg->models[0]->channel.kg, "secretkey\0\0\0", 12);
	config_free(cfg);
	cfg = load_ok(write_file("t.ini", "[channel]\nkg =\n"));
	ck_assert_uint_eq(cfg->models[0]->channel.kg_set, 0);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_cipher_0_needs_lab)
{
	struct config *cfg;

	tmp_setup();
	expect_error("[channel]\ncipher_suites = 0 3\n", 2,
	    "cipher suite 0 (no authentication, no integrity, no "
	    "encryption) needs allow_cipher_0 = yes in [lab]");
	expect_error("[lab]\nallow_cipher_0 = no\n[channel]\n"
		     "cipher_suites = 0\n",
	    4, "needs allow_cipher_0 = yes");
	cfg = load_ok(write_file("t.ini",
	    "[channel]\ncipher_suites = 0 3\n"
	    "[lab]\nallow_cipher_0 = yes\n"));
	ck_assert_uint_eq(cfg->models[0]->channel.enabled_suites, 1u | 1u << 3);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_anonymous_needs_lab)
{
	struct config *cfg;

	tmp_setup();
	expect_error("\n[user 1]\npassword =\n", 2,
	    "user 1 (the null user) is enabled: anonymous login needs "
	    "allow_anonymous = yes in [lab]");
	expect_error("[user 3]\nname =\n", 2,
	    "user 3 has an empty name: anonymous login needs "
	    "allow_anonymous = yes");
	/* A disabled null user is no anonymous login. */
	cfg = load_ok(write_file("t.ini", "[user 1]\nenabled = no\n"));
	ck_assert_uint_eq(cfg->models[0]->users[1].defined, 1);
	config_free(cfg);
	cfg = load_ok(write_file("t.ini",
	    "[lab]\nallow_anonymous = yes\n"
	    "[user 1]\n[user 3]\nname =\n"));
	ck_assert_uint_eq(cfg->models[0]->users[1].enabled, 1);
	ck_assert_uint_eq(cfg->models[0]->users[3].name_len, 0);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_missing_file)
{
	struct config_diag d = {0};
	struct config	  *cfg = NULL;
	char		   want[200];

	ck_assert_int_eq(
	    config_load(DATA "/no-such.ini", &cfg, &d), ERR_SYSTEM);
	ck_assert_ptr_null(cfg);
	ck_assert_uint_eq(d.n, 1);
	snprintf(want, sizeof(want), "cannot open %s: %s", DATA "/no-such.ini",
	    strerror(ENOENT));
	ck_assert_str_eq(d.msgs[0], want);
	config_diag_clear(&d);

	/* A model file that is missing: said at the line that names it. */
	tmp_setup();
	ck_assert_int_eq(
	    load_text("[bmc a]\nmodel = gone.ini\n", &cfg, &d), ERR_SYSTEM);
	ck_assert(diag_has_at(&d, 2, "model = "));
	ck_assert(diag_has_at(&d, 2, "gone.ini: cannot open: "));
	config_diag_clear(&d);
	tmp_teardown();
}
END_TEST

START_TEST(test_fleet_expansion)
{
	struct config *cfg;
	char	       a[37], b[37];
	unsigned       i, j;

	tmp_setup();
	cfg = load_ok(write_file("t.ini",
	    "[fleet web]\ncount = 12\n"
	    "listen = 127.0.0.1:7000\n"
	    "[fleet db]\ncount = 3\n"
	    "listen = 127.1.0.254:623\n"
	    "step = address\n"));
	ck_assert_uint_eq(cfg->nbmcs, 15);
	ck_assert_str_eq(cfg->bmcs[0].name, "web-0001");
	ck_assert_str_eq(cfg->bmcs[11].name, "web-0012");
	ck_assert_uint_eq(cfg->bmcs[11].port, 7011);
	ck_assert_uint_eq(cfg->bmcs[11].index, 12);
	ck_assert_str_eq(cfg->bmcs[12].name, "db-0001");
	ck_assert_str_eq(cfg->bmcs[12].host, "127.1.0.254");
	ck_assert_str_eq(cfg->bmcs[13].host, "127.1.0.255");
	ck_assert_str_eq(cfg->bmcs[14].host, "127.1.1.0");
	ck_assert_uint_eq(cfg->bmcs[14].port, 623);
	ck_assert_uint_eq(cfg->bmcs[0].line, 1);
	ck_assert_uint_eq(cfg->bmcs[12].line, 4);
	/* Every GUID distinct, version 4 and RFC 4122 variant. */
	for (i = 0; i < cfg->nbmcs; i++) {
		guid_text(cfg->bmcs[i].system_guid, a);
		ck_assert_int_eq(a[14], '4');
		ck_assert_ptr_nonnull(strchr("89ab", a[19]));
		ck_assert_int_ne(a[21], '1');
		for (j = 0; j < cfg->nbmcs; j++) {
			ck_assert_int_ne(memcmp(cfg->bmcs[i].system_guid,
					     cfg->bmcs[j].device_guid, 16),
			    0);
			if (i == j)
				continue;
			ck_assert_int_ne(memcmp(cfg->bmcs[i].system_guid,
					     cfg->bmcs[j].system_guid, 16),
			    0);
			ck_assert_int_ne(memcmp(cfg->bmcs[i].device_guid,
					     cfg->bmcs[j].device_guid, 16),
			    0);
		}
	}
	/* The index is in the last bytes of the text. */
	guid_text(cfg->bmcs[11].system_guid, a);
	ck_assert_str_eq(a + 24, "00000000000c");
	guid_text(cfg->bmcs[0].system_guid, b);
	ck_assert_int_eq(memcmp(a, b, 24), 0);
	config_free(cfg);

	/* Given GUIDs are the first member's; the rest count up. */
	cfg = load_ok(write_file("t.ini",
	    "[fleet g]\ncount = 2\n"
	    "system_guid = 11111111-2222-4333-8444-5555555555ff\n"));
	guid_text(cfg->bmcs[0].system_guid, a);
	ck_assert_str_eq(a, "11111111-2222-4333-8444-5555555555ff");
	guid_text(cfg->bmcs[1].system_guid, a);
	ck_assert_str_eq(a, "11111111-2222-4333-8444-555555555600");
	config_free(cfg);

	/* The same name in two configurations gives the same GUIDs. */
	cfg = load_ok(write_file("t.ini", "[fleet web]\ncount = 1\n"));
	{
		struct config *again = load_ok(
		    write_file("u.ini", "[fleet web]\ncount = 1\n"));

		tu_assert_bytes(cfg->bmcs[0].system_guid, 16,
		    again->bmcs[0].system_guid, 16);
		config_free(again);
	}
	config_free(cfg);

	expect_error("[fleet big]\ncount = 10\nlisten = 127.0.0.1:65530\n", 1,
	    "[fleet big]: ports 65530 to 65539 do not fit in 1 to 65535");
	expect_error("[fleet a]\ncount = 2\nlisten = 10.0.0.1:623\n"
		     "step = address\n",
	    1, "step = address needs 2 IPv4 addresses within 127.0.0.1");
	expect_error("[fleet a]\ncount = 2\nlisten = 127.255.255.254:623\n"
		     "step = address\n",
	    1, "step = address needs");
	expect_error("[fleet a]\ncount = 2\nstep = sideways\n", 3,
	    "expected one of: port, address");
	expect_error(
	    "[fleet a]\ncount = 0\n", 2, "expected an integer from 1 to 65536");
	expect_error("[fleet web]\ncount = 2\n[bmc web-0002]\n"
		     "listen = 127.0.0.1:1\n",
	    3,
	    "instance name web-0002 is already used by the section at "
	    "line 1");
	tmp_teardown();
}
END_TEST

START_TEST(test_fleet_10000_loads_fast)
{
	struct config  *cfg;
	struct timespec t0, t1;
	double		s;

	tmp_setup();
	write_file("t.ini",
	    "[fleet big]\ncount = 10000\n"
	    "listen = 127.0.0.1:20000\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cfg = load_ok(tmppath);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_msg(s < 1.0, "10,000 instances took %.3f s", s);
	ck_assert_uint_eq(cfg->nbmcs, 10000);
	ck_assert_uint_eq(cfg->nmodels, 1);
	ck_assert_str_eq(cfg->bmcs[0].name, "big-00001");
	ck_assert_str_eq(cfg->bmcs[9999].name, "big-10000");
	ck_assert_uint_eq(cfg->bmcs[9999].port, 29999);
	ck_assert_ptr_eq(cfg->bmcs[9999].model, cfg->bmcs[0].model);
	ck_assert_ptr_eq(config_find_bmc(cfg, "big-04242"), &cfg->bmcs[4241]);
	config_free(cfg);
	expect_error("[fleet a]\ncount = 65536\n[fleet b]\ncount = 1\n"
		     "listen = 127.0.0.2:1\n",
	    0, "65537 BMC instances; at most 65536");
	tmp_teardown();
}
END_TEST

START_TEST(test_overlapping_endpoints)
{
	struct config *cfg;

	tmp_setup();
	expect_error("[bmc a]\nlisten = 127.0.0.1:700\n"
		     "[bmc b]\nlisten = 127.0.0.1:700\n",
	    3,
	    "b listens on 127.0.0.1:700, which overlaps a on 127.0.0.1:700 "
	    "(line 1)");
	expect_error("[bmc a]\nlisten = 0.0.0.0:700\n"
		     "[bmc b]\nlisten = 127.0.0.5:700\n",
	    3, "overlaps a on 0.0.0.0:700");
	expect_error("[bmc a]\nlisten = [::]:700\n"
		     "[bmc b]\nlisten = 127.0.0.5:700\n",
	    3, "overlaps a on [::]:700");
	expect_error("[bmc a]\nlisten = [::1]:700\n"
		     "[bmc b]\nlisten = [0:0::1]:700\n",
	    3, "b listens on [0:0::1]:700, which overlaps a on [::1]:700");
	expect_error("[fleet f]\ncount = 100\nlisten = 127.0.0.1:7000\n"
		     "[bmc b]\nlisten = 127.0.0.1:7050\n",
	    4,
	    "b listens on 127.0.0.1:7050, which overlaps f-0051 on "
	    "127.0.0.1:7050 (line 1)");
	/* The implicit BMC is at the default endpoint, like b. */
	expect_error("[fleet f]\ncount = 2\nlisten = 127.0.0.1:623\n"
		     "[fleet g]\ncount = 2\nlisten = 127.0.0.1:624\n",
	    4, "g-0001 listens on 127.0.0.1:624, which overlaps f-0002");
	/* Different ports, addresses or families; port 0 never overlaps. */
	cfg = load_ok(write_file("t.ini",
	    "[bmc a]\nlisten = 127.0.0.1:700\n"
	    "[bmc b]\nlisten = 127.0.0.2:700\n"
	    "[bmc c]\nlisten = 127.0.0.1:701\n"
	    "[bmc d]\nlisten = [::1]:700\n"
	    "[bmc e]\nlisten = 127.0.0.1:0\n"
	    "[bmc f]\nlisten = 127.0.0.1:0\n"
	    "[bmc g]\n"));
	ck_assert_uint_eq(cfg->nbmcs, 7);
	ck_assert_str_eq(cfg->bmcs[3].host, "::1");
	ck_assert_uint_eq(cfg->bmcs[3].port, 700);
	ck_assert_str_eq(cfg->bmcs[6].host, "127.0.0.1");
	ck_assert_uint_eq(cfg->bmcs[6].port, 623);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_model_files_relative_and_shared)
{
	struct config		*cfg = load_ok(DATA "/models.ini");
	const struct config_bmc *own, *e1, *e3, *w1, *w2, *sub;
	char			 text[37];

	ck_assert_uint_eq(cfg->nbmcs, 1 + 3 + 2 + 1);
	/* models.ini, models/small.ini (once) and sub/nested.ini. */
	ck_assert_uint_eq(cfg->nmodels, 3);
	ck_assert_uint_eq(cfg->nfiles, 3);
	ck_assert_str_eq(cfg->files[0], DATA "/models.ini");
	ck_assert_str_eq(cfg->files[1], DATA "/models/small.ini");
	ck_assert_str_eq(cfg->files[2], DATA "/sub/nested.ini");
	own = config_find_bmc(cfg, "own");
	e1 = config_find_bmc(cfg, "east-0001");
	e3 = config_find_bmc(cfg, "east-0003");
	w1 = config_find_bmc(cfg, "west-0001");
	w2 = config_find_bmc(cfg, "west-0002");
	sub = config_find_bmc(cfg, "sub");
	ck_assert_ptr_nonnull(own);
	ck_assert_ptr_nonnull(e3);
	ck_assert_ptr_nonnull(w2);
	ck_assert_ptr_nonnull(sub);
	ck_assert_uint_eq(own->model->identity.device_id, 0x11);
	ck_assert_uint_eq(e1->model->identity.device_id, 0x51);
	ck_assert_ptr_eq(e1->model, w1->model);
	ck_assert_ptr_eq(e3->model, w2->model);
	ck_assert_mem_eq(e1->model->users[2].name, "small", 5);
	ck_assert_uint_eq(sub->model->identity.device_id, 0x77);
	ck_assert_str_eq(sub->host, "::1");
	ck_assert_uint_eq(sub->port, 9300);
	ck_assert_str_eq(w2->host, "127.2.0.2");
	ck_assert_uint_eq(w2->port, 9200);
	ck_assert_str_eq(e3->file, DATA "/models.ini");
	ck_assert_uint_eq(e3->line, 8);
	guid_text(w2->system_guid, text);
	ck_assert_str_eq(text, "11111111-2222-4333-8444-555555555502");
	config_free(cfg);

	/* Instance sections belong in the main file only. */
	tmp_setup();
	write_file("m.ini", "[identity]\n[bmc inner]\n");
	{
		struct config_diag d = {0};
		char		   want[200];

		cfg = NULL;
		ck_assert_int_eq(
		    load_text("[bmc a]\nmodel = m.ini\n", &cfg, &d),
		    ERR_CONFIG);
		snprintf(want, sizeof(want),
		    "%s/m.ini:2: [bmc inner]: instance sections belong in the "
		    "main configuration file, not in a model file",
		    tmpdir);
		ck_assert_uint_eq(d.n, 1);
		ck_assert_str_eq(d.msgs[0], want);
		config_diag_clear(&d);
	}
	/* A file naming itself is loaded once. */
	cfg = load_ok(write_file("t.ini",
	    "[identity]\ndevice_id = 5\n"
	    "[bmc a]\nmodel = t.ini\n"));
	ck_assert_uint_eq(cfg->nmodels, 1);
	ck_assert_uint_eq(cfg->bmcs[0].model->identity.device_id, 5);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_set_listen)
{
	struct config_diag d = {0};
	struct config	  *cfg;

	tmp_setup();
	cfg = load_ok(write_file("t.ini", "[identity]\n"));
	ck_assert_int_eq(config_set_listen(cfg, "[::1]:6230", &d), 0);
	ck_assert_str_eq(cfg->bmcs[0].host, "::1");
	ck_assert_uint_eq(cfg->bmcs[0].port, 6230);
	ck_assert_int_eq(config_set_listen(cfg, "127.0.0.9", &d), 0);
	ck_assert_str_eq(cfg->bmcs[0].host, "127.0.0.9");
	ck_assert_uint_eq(cfg->bmcs[0].port, 623);
	ck_assert_int_eq(config_set_listen(cfg, "127.0.0.1:x", &d), ERR_CONFIG);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.msgs[0],
	    "--listen 127.0.0.1:x: the port must be a number from 0 to 65535");
	ck_assert_str_eq(cfg->bmcs[0].host, "127.0.0.9");
	config_diag_clear(&d);
	config_free(cfg);

	cfg = load_ok(write_file("t.ini", "[fleet f]\ncount = 2\n"));
	ck_assert_int_eq(config_set_listen(cfg, "127.0.0.1:1", &d), ERR_CONFIG);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_ptr_nonnull(strstr(d.msgs[0], "has 2 BMCs"));
	config_diag_clear(&d);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

/* The environment's administrator replaces user 2 in every model. */
START_TEST(test_set_admin)
{
	struct config_diag	 d = {0};
	struct config		*cfg;
	const struct model_user *u;

	tmp_setup();
	write_file("m.ini",
	    "[user 2]\nname = x\nprivilege = user\n"
	    "enabled = no\n");
	cfg = load_ok(write_file("t.ini",
	    "[bmc a]\nlisten = 127.0.0.1:1\n"
	    "[bmc b]\nlisten = 127.0.0.1:2\nmodel = m.ini\n"));
	ck_assert_uint_eq(cfg->nmodels, 2);
	ck_assert_int_eq(
	    config_set_admin(cfg, "root", "a-password-of-18by", &d), 0);
	u = &cfg->bmcs[1].model->users[2];
	ck_assert_uint_eq(u->defined, 1);
	ck_assert_uint_eq(u->enabled, 1);
	ck_assert_uint_eq(u->priv_limit, IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(u->name_len, 4);
	ck_assert_mem_eq(u->name, "root", 4);
	ck_assert_mem_eq(u->password, "a-password-of-18by\0\0", 20);
	ck_assert_uint_eq(u->password20, 1);
	ck_assert_mem_eq(cfg->bmcs[0].model->users[2].name, "root", 4);
	ck_assert_int_eq(config_set_admin(cfg, "", "pw", &d), ERR_CONFIG);
	ck_assert_str_eq(d.msgs[0],
	    "the administrator's name must be 1 to 16 bytes (is 0) and "
	    "password at most 20 (is 2)");
	ck_assert_int_eq(
	    config_set_admin(cfg, "root", "a-password-of-21bytes", &d),
	    ERR_CONFIG);
	ck_assert_ptr_null(strstr(d.msgs[1], "a-password"));
	config_diag_clear(&d);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

/* --fleet makes what a [fleet NAME] section of the implicit name makes. */
START_TEST(test_set_fleet)
{
	struct config_diag d = {0};
	struct config	  *cfg, *ref;
	size_t		   i;

	tmp_setup();
	write_file("t.ini", "[identity]\n");
	ref = load_ok(write_file("r.ini",
	    "[fleet t]\ncount = 3\nlisten = 127.0.0.1:7000\nmodel = t.ini\n"));
	cfg = load_ok(write_file("t.ini", "[identity]\n"));
	ck_assert_int_eq(config_set_listen(cfg, "127.0.0.1:7000", &d), 0);
	ck_assert_int_eq(config_set_fleet(cfg, 3, &d), 0);
	ck_assert_uint_eq(cfg->nbmcs, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_str_eq(cfg->bmcs[i].name, ref->bmcs[i].name);
		ck_assert_uint_eq(cfg->bmcs[i].port, 7000 + i);
		ck_assert_uint_eq(cfg->bmcs[i].index, i + 1);
		ck_assert_mem_eq(cfg->bmcs[i].system_guid,
		    ref->bmcs[i].system_guid, MODEL_GUID_LEN);
		ck_assert_mem_eq(cfg->bmcs[i].device_guid,
		    ref->bmcs[i].device_guid, MODEL_GUID_LEN);
	}
	ck_assert_str_eq(cfg->bmcs[2].name, "t-0003");
	ck_assert_ptr_eq(config_find_bmc(cfg, "t-0002"), &cfg->bmcs[1]);
	ck_assert_ptr_null(config_find_bmc(cfg, "t"));
	/* Now several BMCs: not again. */
	ck_assert_int_eq(config_set_fleet(cfg, 2, &d), ERR_CONFIG);
	ck_assert_ptr_nonnull(strstr(d.msgs[0], "has 3 BMCs"));
	config_diag_clear(&d);
	config_free(cfg);
	config_free(ref);

	cfg = load_ok(write_file("t.ini", "[identity]\n"));
	ck_assert_int_eq(config_set_listen(cfg, "127.0.0.1:65535", &d), 0);
	ck_assert_int_eq(config_set_fleet(cfg, 2, &d), ERR_CONFIG);
	ck_assert_str_eq(d.msgs[0],
	    "--fleet 2: needs 1 to 65536 BMCs on ports 65535 to 65536, "
	    "within 1 to 65535");
	ck_assert_uint_eq(cfg->nbmcs, 1);
	config_diag_clear(&d);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

/* Shards 0..n-1 hold every BMC once, in runs, names still found. */
START_TEST(test_select_shard)
{
	struct config_diag d = {0};
	struct config	  *cfg;
	unsigned	   s, seen[10] = {0};
	size_t		   i, total = 0;
	const size_t	   want[3] = {3, 3, 4};

	tmp_setup();
	for (s = 0; s < 3; s++) {
		cfg = load_ok(write_file("f.ini",
		    "[fleet f]\ncount = 10\nlisten = 127.0.0.1:7000\n"));
		ck_assert_int_eq(config_select_shard(cfg, s, 3, &d), 0);
		ck_assert_uint_eq(cfg->nbmcs, want[s]);
		for (i = 0; i < cfg->nbmcs; i++) {
			ck_assert_uint_eq(
			    cfg->bmcs[i].port, 7000 + cfg->bmcs[i].index - 1);
			seen[cfg->bmcs[i].index - 1]++;
			ck_assert_ptr_eq(
			    config_find_bmc(cfg, cfg->bmcs[i].name),
			    &cfg->bmcs[i]);
		}
		total += cfg->nbmcs;
		/* Shard 1 is f-0004 to f-0006; f-0001 is not in it. */
		if (s == 1) {
			ck_assert_str_eq(cfg->bmcs[0].name, "f-0004");
			ck_assert_ptr_null(config_find_bmc(cfg, "f-0001"));
		}
		config_free(cfg);
	}
	ck_assert_uint_eq(total, 10);
	for (i = 0; i < 10; i++)
		ck_assert_uint_eq(seen[i], 1);

	cfg = load_ok(write_file("g.ini", "[fleet g]\ncount = 2\n"));
	ck_assert_int_eq(config_select_shard(cfg, 3, 3, &d), ERR_CONFIG);
	ck_assert_str_eq(d.msgs[0], "--shard 3/3: the shard must be 0 to 2");
	ck_assert_int_eq(config_select_shard(cfg, 0, 3, &d), ERR_CONFIG);
	ck_assert_str_eq(
	    d.msgs[1], "--shard 0/3: 2 BMCs leave this shard none");
	ck_assert_uint_eq(cfg->nbmcs, 2);
	config_diag_clear(&d);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

START_TEST(test_parse_endpoint)
{
	static const struct {
		const char *in, *host;
		uint16_t    port;
	} good[] = {
	    {"127.0.0.1:623", "127.0.0.1", 623},
	    {"0.0.0.0:0", "0.0.0.0", 0},
	    {"255.255.255.255:65535", "255.255.255.255", 65535},
	    {"10.1.2.3", "10.1.2.3", 623},
	    {"[::1]:7000", "::1", 7000},
	    {"[::]:623", "::", 623},
	    {"[fe80::1:2]", "fe80::1:2", 623},
	    {"[2001:db8:0:0:0:0:0:1]:1", "2001:db8:0:0:0:0:0:1", 1},
	    {"[::ffff:192.0.2.1]:9", "::ffff:192.0.2.1", 9},
	    {"[1::]:9", "1::", 9},
	};
	static const char *const bad[] = {
	    "",
	    ":623",
	    "127.0.0.1:",
	    "127.0.0.1:65536",
	    "127.0.0.1:-1",
	    "127.0.0.1:0x10",
	    "127.0.0.1:623x",
	    "127.0.0.256:1",
	    "127.0.0.01:1",
	    "127.0.0:1",
	    "127.0.0.1.5:1",
	    "localhost:623",
	    "::1:623",
	    "[::1",
	    "[::1]623",
	    "[127.0.0.1]:623",
	    "[1:2:3:4:5:6:7:8:9]:1",
	    "[1::2::3]:1",
	    "[12345::]:1",
	    "[1:]:1",
	    "[:1]:1",
	    "[1:2:3:4:5:6:7::8]:1",
	    "[::1%eth0]:1",
	    "[]:1",
	};
	char	 host[CONFIG_HOST_MAX];
	uint16_t port;
	size_t	 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		port = 1234;
		ck_assert_msg(config_parse_endpoint(
				  good[i].in, host, sizeof(host), &port) == 0,
		    "refused %s", good[i].in);
		ck_assert_str_eq(host, good[i].host);
		ck_assert_uint_eq(port, good[i].port);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(config_parse_endpoint(bad[i], host, sizeof(host),
				  &port) == ERR_CONFIG,
		    "accepted %s", bad[i]);
	/* The host must fit the caller's buffer. */
	ck_assert_int_eq(
	    config_parse_endpoint("127.0.0.1:1", host, 9, &port), ERR_CONFIG);
}
END_TEST

START_TEST(test_bmc_equal)
{
	struct config *a, *b;

	tmp_setup();
	a = load_ok(write_file("a.ini",
	    "[user 2]\nname = x\n[fleet f]\n"
	    "count = 3\nlisten = 127.0.0.1:100\n"));
	b = load_ok(write_file("b.ini",
	    "[user 2]\nname = x\n[fleet f]\n"
	    "count = 4\nlisten = 127.0.0.1:100\n"));
	/* Different models in memory, equal in content. */
	ck_assert_ptr_ne(a->bmcs[0].model, b->bmcs[0].model);
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &b->bmcs[0]), 1);
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[2], &b->bmcs[2]), 1);
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &a->bmcs[1]), 0);
	ck_assert_ptr_null(config_find_bmc(a, "f-0004"));
	config_free(b);

	b = load_ok(write_file("b.ini",
	    "[user 2]\nname = y\n[fleet f]\n"
	    "count = 3\nlisten = 127.0.0.1:100\n"));
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &b->bmcs[0]), 0);
	config_free(b);
	b = load_ok(write_file("b.ini",
	    "[user 2]\nname = x\n[fleet f]\n"
	    "count = 3\nlisten = 127.0.0.1:101\n"));
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &b->bmcs[0]), 0);
	config_free(b);
	b = load_ok(write_file("b.ini",
	    "[user 2]\nname = x\n[fleet f]\n"
	    "count = 3\nlisten = 127.0.0.1:100\n"
	    "device_guid = "
	    "11111111-2222-4333-8444-555555555555\n"));
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &b->bmcs[0]), 0);
	config_free(b);
	config_free(a);
	tmp_teardown();
}
END_TEST

START_TEST(test_priv_names)
{
	static const struct {
		const char *name;
		uint8_t	    priv;
	} t[] = {
	    {"callback", IPMI_PRIV_CALLBACK},
	    {"user", IPMI_PRIV_USER},
	    {"operator", IPMI_PRIV_OPERATOR},
	    {"admin", IPMI_PRIV_ADMIN},
	    {"oem", IPMI_PRIV_OEM},
	    {"none", IPMI_PRIV_NO_ACCESS},
	};
	uint8_t p;
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = 0xee;
		ck_assert_int_eq(config_parse_priv(t[i].name, &p), 0);
		ck_assert_uint_eq(p, t[i].priv);
		ck_assert_str_eq(config_priv_name(t[i].priv), t[i].name);
	}
	ck_assert_int_eq(config_parse_priv("ADMINISTRATOR", &p), 0);
	ck_assert_uint_eq(p, IPMI_PRIV_ADMIN);
	ck_assert_int_eq(config_parse_priv("root", &p), ERR_CONFIG);
	ck_assert_str_eq(config_priv_name(9), "unknown");
}
END_TEST

START_TEST(test_diag_format)
{
	struct config_diag d = {0};
	unsigned	   i;

	config_diag_add(&d, "f.ini", 7, "bad %s", "thing");
	config_diag_add(&d, "f.ini", 0, "whole file");
	config_diag_add(&d, NULL, 3, "no file");
	ck_assert_uint_eq(d.n, 3);
	ck_assert_str_eq(d.msgs[0], "f.ini:7: bad thing");
	ck_assert_str_eq(d.msgs[1], "f.ini: whole file");
	ck_assert_str_eq(d.msgs[2], "no file");
	/* A garbage file cannot flood the caller. */
	for (i = 0; i < 1000; i++)
		config_diag_add(&d, "f.ini", i, "x");
	ck_assert_uint_eq(d.n, 100);
	ck_assert_str_eq(
	    d.msgs[99], "too many problems; the rest are not shown");
	config_diag_clear(&d);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(test_oem_sections)
{
	struct config	       *cfg = load_ok(TEST_DATA_DIR "/daemon/oem.ini");
	const struct model_oem *o = &cfg->bmcs[0].model->oem[2];
	static const uint8_t	nm[] = {
	       0x57, 0x01, 0x00, 0x05, 0x03, 0x02, 0x0f, 0x00};

	ck_assert_int_eq(o->defined, 1);
	ck_assert_uint_eq(o->netfn, 0x2e);
	ck_assert_uint_eq(o->cmd, 0xca);
	ck_assert_uint_eq(o->prefix_len, 3);
	ck_assert_mem_eq(o->prefix, nm, 3);
	ck_assert_uint_eq(o->data_len, 8);
	ck_assert_mem_eq(o->data, nm, 8);
	ck_assert_uint_eq(o->cc, 0);
	ck_assert_uint_eq(o->priv, IPMI_PRIV_USER);
	o = &cfg->bmcs[0].model->oem[3];
	ck_assert_uint_eq(o->cc, 0xc9);
	ck_assert_uint_eq(o->priv, IPMI_PRIV_ADMIN);
	ck_assert_int_eq(cfg->bmcs[0].model->oem[4].defined, 0);
	config_free(cfg);
}
END_TEST

/* An [oem N] naming a command bmcsimd implements would never answer. */
START_TEST(test_oem_implemented_refused)
{
	expect_error("[oem 1]\nnetfn = 0x06\ncmd = 0x56\nresponse = 00\n", 1,
	    "[oem 1]: netFn 06h command 56h is Set Channel Security Keys, "
	    "which bmcsimd implements, so this section would never answer; "
	    "change what it answers with the model's keys (bmcsim.ini(5)), "
	    "or name a command bmcsimd does not implement ([oem N] and "
	    "plugins answer only those)");
	expect_error("[oem 2]\nnetfn = 0x0a\ncmd = 0x40\n", 1,
	    "netFn 0ah command 40h is Get SEL Info, which bmcsimd implements");
}
END_TEST

/* [sensor N] sections: order by N, type defaults, numbering. */
START_TEST(test_sensor_sections)
{
	struct config_diag	    d = {0};
	struct config		   *cfg = NULL;
	const struct model	   *m;
	const struct model_sensor  *s;
	struct model_sensor_address a;

	tmp_setup();
	ck_assert_int_eq(load_text("[sensor 9]\n"
				   "name = PSU{n}\n"
				   "type = power_supply\n"
				   "count = 2\n"
				   "[sensor 2]\n"
				   "name = Inlet Temp\n"
				   "type = temperature\n"
				   "nominal = 23.5\n"
				   "ucr = 42\n"
				   "[sensor 4]\n"
				   "name = FAN{n}\n"
				   "type = fan\n"
				   "count = 3\n"
				   "number = 0x40\n"
				   "m = 70\n"
				   "r_exp = 0\n"
				   "lcr = 500\n"
				   "[sensor 5]\n"
				   "name = Load\n"
				   "type = other\n"
				   "units = percent\n"
				   "range_min = -10\n"
				   "range_max = 100\n"
				   "nominal = 40\n",
			     &cfg, &d),
	    0);
	m = cfg->bmcs[0].model;
	ck_assert_uint_eq(m->nsensors, 4);
	s = &m->sensors[0];
	ck_assert_str_eq(s->name, "Inlet Temp");
	ck_assert_uint_eq(s->event_type, 0x01);
	ck_assert_uint_eq(s->units, 1);
	ck_assert_uint_eq(s->compact, 0);
	ck_assert_uint_eq(s->entity_id, 0x07);
	ck_assert(s->nominal == 23.5);
	ck_assert(s->threshold[MODEL_UCR] == 42);
	ck_assert(isnan(s->threshold[MODEL_UNC]));
	ck_assert(s->off == 23.5); /* temperatures fall to 24 °C at most */
	ck_assert(s->range_max == 127.5);
	ck_assert_uint_eq(s->has_m, 0);
	s = &m->sensors[1];
	ck_assert_uint_eq(s->has_m, 1);
	ck_assert_int_eq(s->m, 70);
	ck_assert_uint_eq(s->units, 18);
	ck_assert(s->off == 0); /* fans stop */
	s = &m->sensors[2];
	ck_assert_uint_eq(s->percentage, 1);
	ck_assert_uint_eq(s->units, 0);
	ck_assert_uint_eq(s->analog_signed, 1);
	s = &m->sensors[3];
	ck_assert_uint_eq(s->event_type, 0x6f);
	ck_assert_uint_eq(s->compact, 1);
	ck_assert_uint_eq(s->state, 0x0001);
	ck_assert_uint_eq(s->entity_id, 0x0a);
	/* 1, then 40h 41h 42h, then 43h, then 44h 45h. */
	ck_assert_int_eq(model_sensor_address(m, 0, 0, &a), 0);
	ck_assert_uint_eq(a.number, 1);
	ck_assert_int_eq(model_sensor_address(m, 1, 2, &a), 0);
	ck_assert_uint_eq(a.number, 0x42);
	ck_assert_int_eq(model_sensor_address(m, 3, 1, &a), 0);
	ck_assert_uint_eq(a.number, 0x45);
	ck_assert_uint_eq(a.lun, 0);
	config_free(cfg);
	tmp_teardown();
}
END_TEST

/* Several hundred sensors go on to LUN 1 and LUN 3. */
START_TEST(test_sensor_luns)
{
	struct config_diag	    d = {0};
	struct config		   *cfg = NULL;
	struct model_sensor_address a;
	char			    text[8192];
	size_t			    n = 0;
	unsigned		    i;

	tmp_setup();
	for (i = 1; i <= 10; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "[sensor %u]\nname = T%u-{n}\ntype = temperature\n"
		    "count = 64\n",
		    i, i);
	ck_assert_int_eq(load_text(text, &cfg, &d), 0);
	ck_assert_uint_eq(cfg->bmcs[0].model->nsensors, 10);
	/* Sensor 255 (index 254) is the first on LUN 1. */
	ck_assert_int_eq(
	    model_sensor_address(cfg->bmcs[0].model, 3, 62, &a), 0);
	ck_assert_uint_eq(a.lun, 1);
	ck_assert_uint_eq(a.number, 1);
	ck_assert_int_eq(
	    model_sensor_address(cfg->bmcs[0].model, 9, 63, &a), 0);
	ck_assert_uint_eq(a.lun, 3);
	ck_assert_uint_eq(a.number, 640 - 2 * 254);
	config_free(cfg);
	/* 12 x 64 = 768 do not fit in 3 x 254: [sensor 12] is told. */
	for (i = 11; i <= 13; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "[sensor %u]\nname = T%u-{n}\ntype = temperature\n"
		    "count = 64\n",
		    i, i);
	expect_error(text, 45, "more than 762 sensors");
	tmp_teardown();
}
END_TEST

START_TEST(test_sensor_errors)
{
	tmp_setup();
	expect_error("[sensor 1]\nname = X\n", 1, "needs a type");
	expect_error("[sensor 1]\ntype = fan\nname = ABCDEFGHIJKLMNO\n"
		     "count = 10\n",
	    1, "longer than 16 bytes");
	expect_error(
	    "[sensor 1]\nname = V\ntype = voltage\n", 1, "needs nominal");
	expect_error("[sensor 1]\nname = T\ntype = temperature\nucr = 50\n"
		     "unc = 60\n",
	    4, "ucr = 50: thresholds must rise");
	expect_error("[sensor 1]\nname = T\ntype = temperature\nucr = 500\n", 4,
	    "outside the sensor's range");
	expect_error("[sensor 1]\nname = A\ntype = fan\nnumber = 5\n"
		     "[sensor 2]\nname = B\ntype = fan\nnumber = 5\n",
	    5, "sensor number 5 on LUN 0 is taken");
	expect_error("[sensor 0]\n", 1, "the number must be 1 to 256");
	expect_error("[sensor 1]\nname = T\ntype = fan\nnominal = 1x\n", 4,
	    "expected a number");
	tmp_teardown();
}
END_TEST

START_TEST(test_sel_fru_lan_system_sections)
{
	struct config_diag	      d = {0};
	struct config		     *cfg = NULL;
	const struct model	     *m;
	const struct model_sel_event *e;
	uint8_t			      image[16] = {1, 0, 0, 1, 0, 0, 0, 0xfe};
	FILE			     *f;
	char			      path[200];

	tmp_setup();
	snprintf(path, sizeof(path), "%s/psu.bin", tmpdir);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(image, 1, sizeof(image), f), sizeof(image));
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(
	    load_text("[sel]\ncapacity = 64\nwhen_full = overwrite\n"
		      "[sel_event 3]\nago = 3600\n"
		      "sensor_type = fan\nsensor = 7\n"
		      "event_type = threshold\n"
		      "direction = deassert\ndata = 0x52 0x05\n"
		      "[fru 0]\nboard_mfg_date = 1996-01-02 00:10\n"
		      "board_serial = SN{index}\n"
		      "[fru 3]\nfile = psu.bin\nname = PSU\n"
		      "[lan]\nip = 10.1.2.3\nmac = 02:00:5E:0a:0b:0c\n"
		      "vlan_id = 12\n"
		      "[system]\nname = node-7\n",
		&cfg, &d),
	    0);
	m = cfg->bmcs[0].model;
	ck_assert_uint_eq(m->sel.capacity, 64);
	ck_assert_uint_eq(m->sel.overwrite, 1);
	e = &m->sel.events[3];
	ck_assert_uint_eq(e->defined, 1);
	ck_assert_uint_eq(m->sel.events[1].defined, 0);
	ck_assert_uint_eq(e->ago_s, 3600);
	ck_assert_uint_eq(e->sensor_type, 0x04);
	ck_assert_uint_eq(e->sensor_number, 7);
	ck_assert_uint_eq(e->event_type, 0x81);
	ck_assert_uint_eq(e->generator, 0x20);
	ck_assert_uint_eq(e->data_len, 2);
	ck_assert_uint_eq(e->data[0], 0x52);
	ck_assert_uint_eq(e->data[1], 0x05);
	ck_assert_uint_eq(e->data[2], 0xff);
	ck_assert_uint_eq(m->fru[0].defined, 1);
	ck_assert_uint_eq(m->fru[0].board_mfg_minutes, 1440 + 10);
	ck_assert_str_eq(m->fru[0].board_serial, "SN{index}");
	ck_assert_str_eq(m->fru[0].name, "Builtin FRU");
	ck_assert_uint_eq(m->fru[0].chassis_type, 0x17);
	ck_assert_uint_eq(m->fru[3].image_len, sizeof(image));
	ck_assert_mem_eq(m->fru[3].image, image, sizeof(image));
	ck_assert_str_eq(m->fru[3].name, "PSU");
	ck_assert_uint_eq(m->fru[1].defined, 0);
	ck_assert_uint_eq(m->lan.has_ip, 1);
	ck_assert_mem_eq(m->lan.ip, ((const uint8_t[]){10, 1, 2, 3}), 4);
	ck_assert_uint_eq(m->lan.has_mac, 1);
	ck_assert_mem_eq(m->lan.mac,
	    ((const uint8_t[]){0x02, 0x00, 0x5e, 0x0a, 0x0b, 0x0c}), 6);
	ck_assert_uint_eq(m->lan.vlan_id, 12);
	ck_assert_str_eq(m->lan.community, "public");
	ck_assert_str_eq(m->system.name, "node-7");
	ck_assert_str_eq(m->system.firmware_version, "1.00");
	config_free(cfg);
	expect_error("[sel_event 1]\nsensor = 1\n", 1, "needs data");
	expect_error("[fru 8]\n", 1, "the number must be 0 to 7");
	expect_error(
	    "[fru 0]\nboard_mfg_date = 2024-02-30\n", 2, "expected YYYY-MM-DD");
	expect_error("[fru 0]\nfile = missing.bin\n", 2, "cannot open");
	expect_error("[lan]\nmac = 02:00:5e:0a:0b\n", 2, "expected a MAC");
	expect_error("[sel]\ncapacity = 8\n", 2, "16 to 3639");
	tmp_teardown();
}
END_TEST

/* The shipped default model: the sensors and SEL history agree. */
START_TEST(test_shipped_default_machine)
{
	struct config	   *cfg = load_ok(SIM_CONFIGS_DIR "/default.ini");
	const struct model *m = cfg->bmcs[0].model;
	struct model_sensor_address a;
	unsigned		    i, n = 0, j;

	for (i = 0; i < m->nsensors; i++)
		n += m->sensors[i].count;
	ck_assert_uint_ge(n, 30);
	/* Every history event names a sensor of its type. */
	for (j = 1; j <= MODEL_SEL_EVENTS_MAX; j++) {
		const struct model_sel_event *e = &m->sel.events[j];
		int			      found = 0;

		if (!e->defined)
			continue;
		for (i = 0; i < m->nsensors; i++) {
			unsigned r;

			for (r = 0; r < m->sensors[i].count; r++) {
				ck_assert_int_eq(
				    model_sensor_address(m, i, r, &a), 0);
				if (a.number == e->sensor_number &&
				    m->sensors[i].sensor_type == e->sensor_type)
					found = 1;
			}
		}
		ck_assert_msg(found, "sel_event %u names no sensor", j);
	}
	ck_assert_uint_eq(m->fru[0].defined, 1);
	ck_assert_uint_eq(m->fru[1].defined, 1);
	config_free(cfg);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_model_defaults);
	tcase_add_test(tc, test_empty_file_is_one_default_bmc);
	tcase_add_test(tc, test_every_key);
	tcase_add_test(tc, test_user_defaults);
	tcase_add_test(tc, test_shipped_default);
	tcase_add_test(tc, test_shipped_lab);
	tcase_add_test(tc, test_shipped_fleet);
	tcase_add_test(tc, test_bad_file_reports_every_problem);
	tcase_add_test(tc, test_syntax);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_secrets_not_echoed);
	tcase_add_test(tc, test_kg_text);
	tcase_add_test(tc, test_cipher_0_needs_lab);
	tcase_add_test(tc, test_anonymous_needs_lab);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_fleet_expansion);
	tcase_add_test(tc, test_fleet_10000_loads_fast);
	tcase_add_test(tc, test_overlapping_endpoints);
	tcase_add_test(tc, test_model_files_relative_and_shared);
	tcase_add_test(tc, test_set_listen);
	tcase_add_test(tc, test_set_fleet);
	tcase_add_test(tc, test_set_admin);
	tcase_add_test(tc, test_select_shard);
	tcase_add_test(tc, test_parse_endpoint);
	tcase_add_test(tc, test_bmc_equal);
	tcase_add_test(tc, test_priv_names);
	tcase_add_test(tc, test_diag_format);
	tcase_add_test(tc, test_oem_sections);
	tcase_add_test(tc, test_oem_implemented_refused);
	tcase_add_test(tc, test_sensor_sections);
	tcase_add_test(tc, test_sensor_luns);
	tcase_add_test(tc, test_sensor_errors);
	tcase_add_test(tc, test_sel_fru_lan_system_sections);
	tcase_add_test(tc, test_shipped_default_machine);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(config_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
