/*
 * The configuration loader: the shipped models, every kind of problem
 * reported with its line, fleets, endpoints and reload equality.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"

static char dir[64];

static void
setup(void)
{
	strcpy(dir, "/tmp/check_config.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Writes text to dir/name; returns the path (static buffer). */
static const char *
put(const char *name, const char *text)
{
	static char path[2][128];
	static int  which;
	FILE	   *f;

	which ^= 1;
	snprintf(path[which], sizeof(path[which]), "%s/%s", dir, name);
	f = fopen(path[which], "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path[which];
}

static struct config *
load_ok(const char *path)
{
	struct config_diag diag;
	struct config	  *c = NULL;
	size_t		   i;
	int		   rc;

	memset(&diag, 0, sizeof(diag));
	rc = config_load(path, &c, &diag);
	for (i = 0; i < diag.n; i++)
		fprintf(stderr, "unexpected: %s\n", diag.msgs[i]);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(diag.n, 0);
	config_diag_clear(&diag);
	return c;
}

/* Loads a file that must fail; returns the messages joined by '\n'. */
static char *
load_bad(const char *path, int want_rc)
{
	struct config_diag diag;
	struct config	  *c = NULL;
	static char	   all[4096];
	size_t		   i;

	memset(&diag, 0, sizeof(diag));
	ck_assert_int_eq(config_load(path, &c, &diag), want_rc);
	ck_assert_ptr_null(c);
	all[0] = '\0';
	for (i = 0; i < diag.n; i++) {
		strncat(all, diag.msgs[i], sizeof(all) - strlen(all) - 2);
		strcat(all, "\n");
	}
	config_diag_clear(&diag);
	return all;
}

START_TEST(test_default_model)
{
	struct config	   *c = load_ok(SIM_CONFIGS_DIR "/default.ini");
	const struct model *m;
	/* 4c4c4544-0042-3610-8052-b7c04f4e3232, least significant first. */
	static const uint8_t guid[16] = {0x32, 0x32, 0x4e, 0x4f, 0xc0, 0xb7,
	    0x52, 0x80, 0x10, 0x36, 0x42, 0x00, 0x44, 0x45, 0x4c, 0x4c};

	ck_assert_uint_eq(c->nbmcs, 1);
	ck_assert_int_eq(c->implicit, 1);
	ck_assert_str_eq(c->bmcs[0].host, "127.0.0.1");
	ck_assert_uint_eq(c->bmcs[0].port, 623);
	m = c->bmcs[0].model;
	ck_assert_uint_eq(m->identity.device_id, 0x20);
	ck_assert_uint_eq(m->identity.fw_major, 2);
	ck_assert_uint_eq(m->identity.fw_minor_bcd, 0x14);
	ck_assert_uint_eq(m->identity.ipmi_version, 0x02);
	ck_assert_uint_eq(m->identity.manufacturer_id, 343);
	ck_assert_uint_eq(m->identity.product_id, 0x0b2a);
	ck_assert_mem_eq(m->identity.system_guid, guid, 16);
	ck_assert_mem_eq(c->bmcs[0].system_guid, guid, 16);
	ck_assert_uint_eq(m->channel.enabled_suites, 1u << 3 | 1u << 17);
	ck_assert_uint_eq(m->channel.auth15_enables[IPMI_PRIV_ADMIN],
	    1u << IPMI15_AUTHTYPE_MD5);
	ck_assert_uint_eq(m->channel.max_sessions, 15);
	ck_assert_uint_eq(m->channel.session_timeout_ms, 60000);
	ck_assert_int_eq(m->users[2].defined, 1);
	ck_assert_int_eq(m->users[2].enabled, 1);
	ck_assert_int_eq(m->users[2].ipmi_messaging, 1);
	ck_assert_uint_eq(m->users[2].name_len, 5);
	ck_assert_mem_eq(m->users[2].name, "admin", 5);
	ck_assert_mem_eq(m->users[2].password, "password\0\0\0", 11);
	ck_assert_uint_eq(m->users[2].priv_limit, IPMI_PRIV_ADMIN);
	ck_assert_uint_eq(m->users[3].priv_limit, IPMI_PRIV_OPERATOR);
	ck_assert_uint_eq(m->users[4].priv_limit, IPMI_PRIV_USER);
	ck_assert_int_eq(m->users[1].defined, 0);
	ck_assert_int_eq(m->users[5].defined, 0);
	ck_assert_int_eq(m->lab.allow_cipher_0, 0);
	ck_assert_int_eq(m->lab.rng_seeded, 0);
	ck_assert_uint_eq(m->chassis.poh_hours, 8760);
	config_free(c);
}
END_TEST

START_TEST(test_lab_model)
{
	struct config	   *c = load_ok(SIM_CONFIGS_DIR "/lab.ini");
	const struct model *m = c->bmcs[0].model;
	uint8_t all = 1u << IPMI15_AUTHTYPE_NONE | 1u << IPMI15_AUTHTYPE_MD2 |
	    1u << IPMI15_AUTHTYPE_MD5 | 1u << IPMI15_AUTHTYPE_STRAIGHT;

	ck_assert_uint_eq(m->channel.enabled_suites, 0x399cf);
	ck_assert_uint_eq(m->channel.auth15_enables[IPMI_PRIV_USER], all);
	ck_assert_int_eq(m->lab.rng_seeded, 1);
	ck_assert_uint_eq(m->lab.rng_seed, 2026);
	ck_assert_int_eq(m->lab.allow_cipher_0, 1);
	ck_assert_int_eq(m->users[1].defined, 1);
	ck_assert_int_eq(m->users[1].enabled, 1);
	ck_assert_uint_eq(m->users[1].name_len, 0);
	config_free(c);
}
END_TEST

START_TEST(test_shipped_fleet)
{
	struct config *c = load_ok(SIM_CONFIGS_DIR "/fleet.ini");
	size_t	       i, j;

	ck_assert_uint_eq(c->nbmcs, 1000);
	ck_assert_str_eq(c->bmcs[0].name, "rack-0001");
	ck_assert_str_eq(c->bmcs[999].name, "rack-1000");
	ck_assert_uint_eq(c->bmcs[0].port, 7000);
	ck_assert_uint_eq(c->bmcs[999].port, 7999);
	ck_assert_uint_eq(c->bmcs[41].index, 42);
	/* One model for all, the default one. */
	ck_assert_ptr_eq(c->bmcs[0].model, c->bmcs[999].model);
	ck_assert_uint_eq(c->bmcs[0].model->identity.manufacturer_id, 343);
	for (i = 0; i < 1000; i += 37)
		for (j = i + 1; j < 1000; j += 41) {
			ck_assert_mem_ne(
			    c->bmcs[i].system_guid, c->bmcs[j].system_guid, 16);
			ck_assert_mem_ne(
			    c->bmcs[i].device_guid, c->bmcs[j].device_guid, 16);
		}
	ck_assert_ptr_eq(config_find_bmc(c, "rack-0500"), &c->bmcs[499]);
	ck_assert_ptr_null(config_find_bmc(c, "rack-5000"));
	config_free(c);
}
END_TEST

START_TEST(test_every_problem_with_its_line)
{
	const char *all = load_bad(
	    put("bad.ini",
		"[identity]\n"			     /* 1 */
		"manufacturer_id = banana\n"	     /* 2 */
		"colour = blue\n"		     /* 3 */
		"[nonsense]\n"			     /* 4 */
		"a = b\n"			     /* 5 */
		"[user 99]\n"			     /* 6 */
		"name = x\n"			     /* 7 */
		"[user 2]\n"			     /* 8 */
		"name = a-name-longer-than-16\n"     /* 9 */
		"password = 012345678901234567890\n" /* 10 */
		"privilege = king\n"		     /* 11 */
		"[channel]\n"			     /* 12 */
		"cipher_suites = 3 4 17\n"	     /* 13 */
		"max_sessions = 64\n"		     /* 14 */
		"[identity]\n"			     /* 15 */
		"device_id = 1\n"),		     /* 16 */
	    ERR_CONFIG);

	ck_assert_ptr_nonnull(strstr(all, "bad.ini:2: manufacturer_id"));
	ck_assert_ptr_nonnull(strstr(all, "bad.ini:3: unknown key colour"));
	ck_assert_ptr_nonnull(
	    strstr(all, "bad.ini:4: unknown section [nonsense]"));
	ck_assert_ptr_nonnull(strstr(all, "bad.ini:6: [user 99]"));
	ck_assert_ptr_nonnull(strstr(all, "bad.ini:9: name ="));
	ck_assert_ptr_nonnull(strstr(all, "bad.ini:10: password: at most 20"));
	ck_assert_ptr_nonnull(strstr(all, "bad.ini:11: privilege = king"));
	ck_assert_ptr_nonnull(
	    strstr(all, "bad.ini:13: cipher_suites: suite 4"));
	ck_assert_ptr_nonnull(strstr(all, "bad.ini:14: max_sessions = 64"));
	ck_assert_ptr_nonnull(
	    strstr(all, "bad.ini:15: [identity] again (first at line 1)"));
}
END_TEST

START_TEST(test_missing_file)
{
	char	    path[128];
	const char *all;

	snprintf(path, sizeof(path), "%s/nope.ini", dir);
	all = load_bad(path, ERR_SYSTEM);
	ck_assert_ptr_nonnull(strstr(all, "nope.ini: No such file"));
}
END_TEST

START_TEST(test_secure_defaults_enforced)
{
	const char *all;

	all = load_bad(
	    put("c0.ini", "[channel]\ncipher_suites = 0 3\n"), ERR_CONFIG);
	ck_assert_ptr_nonnull(strstr(all, "allow_cipher_0 = yes"));
	all = load_bad(
	    put("anon.ini", "[user 1]\nenabled = yes\n"), ERR_CONFIG);
	ck_assert_ptr_nonnull(strstr(all, "anon.ini:1: [user 1]"));
	ck_assert_ptr_nonnull(strstr(all, "allow_anonymous = yes"));
	all = load_bad(
	    put("noname.ini", "[user 5]\npassword = x\n"), ERR_CONFIG);
	ck_assert_ptr_nonnull(
	    strstr(all, "noname.ini:1: [user 5] has no name"));
	/* Allowed when asked for. */
	config_free(load_ok(put("ok.ini",
	    "[channel]\ncipher_suites = 0 3\n"
	    "[user 1]\nenabled = yes\n"
	    "[lab]\nallow_cipher_0 = yes\n"
	    "allow_anonymous = yes\n")));
}
END_TEST

START_TEST(test_instances_and_models)
{
	struct config *c;
	const char    *all;

	put("m.ini",
	    "[identity]\nproduct_id = 7\n[user 2]\nname = root\n"
	    "password = calvin\nprivilege = admin\n"
	    "[bmc ignored]\nlisten = 127.0.0.1:1\n");
	c = load_ok(put("i.ini",
	    "[identity]\nproduct_id = 9\n"
	    "[bmc a]\nlisten = 127.0.0.1:6000\n"
	    "[bmc b]\nlisten = [::1]:6000\nmodel = m.ini\n"
	    "system_guid = 00112233-4455-6677-8899-aabbccddeeff\n"
	    "[fleet f]\ncount = 3\nlisten = 127.1.0.1:623\nstep = address\n"
	    "model = m.ini\n"));
	ck_assert_uint_eq(c->nbmcs, 5);
	ck_assert_int_eq(c->implicit, 0);
	ck_assert_str_eq(c->bmcs[0].name, "a");
	ck_assert_uint_eq(c->bmcs[0].model->identity.product_id, 9);
	ck_assert_str_eq(c->bmcs[1].host, "::1");
	ck_assert_uint_eq(c->bmcs[1].model->identity.product_id, 7);
	ck_assert_uint_eq(c->bmcs[1].system_guid[0], 0xff);
	ck_assert_uint_eq(c->bmcs[1].system_guid[15], 0x00);
	/* m.ini loaded once, its own [bmc] not started. */
	ck_assert_ptr_eq(c->bmcs[1].model, c->bmcs[2].model);
	ck_assert_uint_eq(c->nmodels, 2);
	ck_assert_str_eq(c->bmcs[2].name, "f-0001");
	ck_assert_str_eq(c->bmcs[2].host, "127.1.0.1");
	ck_assert_str_eq(c->bmcs[4].host, "127.1.0.3");
	ck_assert_uint_eq(c->bmcs[4].port, 623);
	ck_assert_int_eq(config_set_listen(c, "127.0.0.1:1", NULL), ERR_CONFIG);
	config_free(c);

	all = load_bad(put("o.ini",
			   "[bmc a]\nlisten = 127.0.0.1:7000\n"
			   "[fleet b]\ncount = 5\n"
			   "listen = 127.0.0.1:6998\n"),
	    ERR_CONFIG);
	ck_assert_ptr_nonnull(strstr(all, "port 7000 is also"));
	all = load_bad(put("p.ini",
			   "[fleet b]\ncount = 10\n"
			   "listen = 127.0.0.1:65530\n"),
	    ERR_CONFIG);
	ck_assert_ptr_nonnull(strstr(all, "p.ini:1: [fleet b]: 10 ports"));
	all = load_bad(put("q.ini", "[bmc a]\nmodel = none.ini\n"), ERR_CONFIG);
	ck_assert_ptr_nonnull(strstr(all, "q.ini:2: model = "));
}
END_TEST

START_TEST(test_large_fleet)
{
	struct config *c = load_ok(put("big.ini",
	    "[fleet big]\ncount = 10000\n"
	    "listen = 127.0.0.1:20000\n"));

	ck_assert_uint_eq(c->nbmcs, 10000);
	ck_assert_str_eq(c->bmcs[9999].name, "big-10000");
	ck_assert_uint_eq(c->bmcs[9999].port, 29999);
	ck_assert_uint_eq(c->nmodels, 1);
	config_free(c);
}
END_TEST

START_TEST(test_endpoints)
{
	char	 host[CONFIG_HOST_MAX];
	uint16_t port;

	ck_assert_int_eq(
	    config_parse_endpoint("127.0.0.1:623", host, sizeof(host), &port),
	    0);
	ck_assert_str_eq(host, "127.0.0.1");
	ck_assert_uint_eq(port, 623);
	ck_assert_int_eq(
	    config_parse_endpoint("[::1]:6230", host, sizeof(host), &port), 0);
	ck_assert_str_eq(host, "::1");
	ck_assert_uint_eq(port, 6230);
	ck_assert_int_eq(
	    config_parse_endpoint("::1:623", host, sizeof(host), &port),
	    ERR_CONFIG);
	ck_assert_int_eq(
	    config_parse_endpoint("localhost:623", host, sizeof(host), &port),
	    ERR_CONFIG);
	ck_assert_int_eq(
	    config_parse_endpoint("127.0.0.1:0", host, sizeof(host), &port),
	    ERR_CONFIG);
	ck_assert_int_eq(
	    config_parse_endpoint("127.0.0.1:65536", host, sizeof(host), &port),
	    ERR_CONFIG);
	ck_assert_int_eq(
	    config_parse_endpoint("127.0.0.1", host, sizeof(host), &port),
	    ERR_CONFIG);
	ck_assert_int_eq(
	    config_parse_endpoint("[::1]623", host, sizeof(host), &port),
	    ERR_CONFIG);
}
END_TEST

START_TEST(test_set_listen_and_equal)
{
	struct config *a = load_ok(SIM_CONFIGS_DIR "/default.ini");
	struct config *b = load_ok(SIM_CONFIGS_DIR "/default.ini");
	struct config *l = load_ok(SIM_CONFIGS_DIR "/lab.ini");

	/* Two loads of one file: equal, though the models are copies. */
	ck_assert_ptr_ne(a->bmcs[0].model, b->bmcs[0].model);
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &b->bmcs[0]), 1);
	ck_assert_int_eq(config_set_listen(b, "[::1]:6230", NULL), 0);
	ck_assert_str_eq(b->bmcs[0].host, "::1");
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &b->bmcs[0]), 0);
	ck_assert_int_eq(config_set_listen(b, "127.0.0.1:623", NULL), 0);
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &b->bmcs[0]), 1);
	ck_assert_int_eq(config_bmc_equal(&a->bmcs[0], &l->bmcs[0]), 0);
	ck_assert_int_eq(config_set_listen(b, "nonsense", NULL), ERR_CONFIG);
	config_free(a);
	config_free(b);
	config_free(l);
}
END_TEST

START_TEST(test_priv_names)
{
	uint8_t p;

	ck_assert_int_eq(config_parse_priv("admin", &p), 0);
	ck_assert_uint_eq(p, IPMI_PRIV_ADMIN);
	ck_assert_int_eq(config_parse_priv("ADMINISTRATOR", &p), 0);
	ck_assert_uint_eq(p, IPMI_PRIV_ADMIN);
	ck_assert_int_eq(config_parse_priv("none", &p), 0);
	ck_assert_uint_eq(p, IPMI_PRIV_NO_ACCESS);
	ck_assert_int_eq(config_parse_priv("root", &p), ERR_CONFIG);
	ck_assert_str_eq(config_priv_name(IPMI_PRIV_OPERATOR), "operator");
	ck_assert_str_eq(config_priv_name(IPMI_PRIV_NO_ACCESS), "none");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("config");
	TCase	*tc = tcase_create("config");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_default_model);
	tcase_add_test(tc, test_lab_model);
	tcase_add_test(tc, test_shipped_fleet);
	tcase_add_test(tc, test_every_problem_with_its_line);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_secure_defaults_enforced);
	tcase_add_test(tc, test_instances_and_models);
	tcase_add_test(tc, test_large_fleet);
	tcase_add_test(tc, test_endpoints);
	tcase_add_test(tc, test_set_listen_and_equal);
	tcase_add_test(tc, test_priv_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
