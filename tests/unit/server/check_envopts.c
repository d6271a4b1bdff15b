#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "envopts.h"
#include "err.h"

/* The environment of one test: NAME=VALUE pairs, NULL-ended. */
static const char *const *env_now;

static const char *
env_get(const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; env_now[i] != NULL; i++)
		if (strncmp(env_now[i], name, n) == 0 && env_now[i][n] == '=')
			return env_now[i] + n + 1;
	return NULL;
}

START_TEST(test_every_variable)
{
	static const char *const env[] = {
	    "BMCSIM_CONFIG=/etc/bmcsim/fleet.ini",
	    "BMCSIM_LISTEN=0.0.0.0:623",
	    "BMCSIM_STATE_DIR=/var/lib/bmcsim",
	    "BMCSIM_READY_FILE=/run/bmcsim/ready",
	    "BMCSIM_FLEET=100",
	    "BMCSIM_SHARD=host/3",
	    "BMCSIM_VERBOSE=2",
	    "BMCSIM_USER=root",
	    "BMCSIM_PASSWORD=calvin",
	    "OTHER=1",
	    NULL,
	};
	struct daemon_options o;
	char		      err[128] = "";

	memset(&o, 0, sizeof(o));
	env_now = env;
	ck_assert_int_eq(
	    envopts_apply(&o, env_get, "bmcsim-2", err, sizeof(err)), 0);
	ck_assert_str_eq(o.config_path, "/etc/bmcsim/fleet.ini");
	ck_assert_str_eq(o.listen, "0.0.0.0:623");
	ck_assert_str_eq(o.state_dir, "/var/lib/bmcsim");
	ck_assert_str_eq(o.ready_file, "/run/bmcsim/ready");
	ck_assert_uint_eq(o.fleet, 100);
	ck_assert_uint_eq(o.shard, 2);
	ck_assert_uint_eq(o.nshards, 3);
	ck_assert_int_eq(o.verbosity, 2);
	ck_assert_str_eq(o.admin_user, "root");
	ck_assert_str_eq(o.admin_password, "calvin");
	ck_assert_str_eq(err, "");
}
END_TEST

/* Unset and empty variables leave the defaults alone. */
START_TEST(test_unset_and_empty)
{
	static const char *const env[] = {"BMCSIM_LISTEN=", NULL};
	struct daemon_options	 o;
	char			 err[128];

	memset(&o, 0, sizeof(o));
	o.config_path = "/usr/share/bmcsim/sim-configs/default.ini";
	env_now = env;
	ck_assert_int_eq(envopts_apply(&o, env_get, "h", err, sizeof(err)), 0);
	ck_assert_str_eq(
	    o.config_path, "/usr/share/bmcsim/sim-configs/default.ini");
	ck_assert_ptr_null(o.listen);
	ck_assert_ptr_null(o.admin_password);
	ck_assert_uint_eq(o.fleet, 0);
	ck_assert_uint_eq(o.nshards, 0);
}
END_TEST

START_TEST(test_bad_values)
{
	static const struct {
		const char *var, *err;
	} bad[] = {
	    {"BMCSIM_FLEET=0",
		"BMCSIM_FLEET=0: a number of BMCs from 1 to "
		"65536"},
	    {"BMCSIM_FLEET=65537",
		"BMCSIM_FLEET=65537: a number of BMCs "
		"from 1 to 65536"},
	    {"BMCSIM_FLEET=1x",
		"BMCSIM_FLEET=1x: a number of BMCs from 1 "
		"to 65536"},
	    {"BMCSIM_SHARD=3/3",
		"BMCSIM_SHARD=3/3: the shard must be 0 to "
		"2"},
	    {"BMCSIM_SHARD=1",
		"BMCSIM_SHARD=1: give the shard as I/N, N "
		"from 1 to 65536"},
	    {"BMCSIM_SHARD=host/3",
		"BMCSIM_SHARD=host/3: the host name "
		"'node' does not end in a number"},
	    {"BMCSIM_SHARD=/3",
		"BMCSIM_SHARD=/3: give the shard as I/N or "
		"host/N"},
	    {"BMCSIM_SHARD=01/3",
		"BMCSIM_SHARD=01/3: the shard must be 0 "
		"to 2"},
	    {"BMCSIM_VERBOSE=5", "BMCSIM_VERBOSE=5: 0 to 4"},
	};
	const char	     *env[2] = {NULL, NULL};
	struct daemon_options o;
	char		      err[128];
	size_t		      i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&o, 0, sizeof(o));
		env[0] = bad[i].var;
		env_now = env;
		ck_assert_int_eq(
		    envopts_apply(&o, env_get, "node", err, sizeof(err)),
		    ERR_INVALID_ARG);
		ck_assert_str_eq(err, bad[i].err);
	}
}
END_TEST

START_TEST(test_shard_forms)
{
	unsigned i = 99, n = 99;
	char	 err[128];

	ck_assert_int_eq(
	    envopts_parse_shard("0/1", "", &i, &n, err, sizeof(err)), 0);
	ck_assert_uint_eq(i, 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(
	    envopts_parse_shard("41/42", "", &i, &n, err, sizeof(err)), 0);
	ck_assert_uint_eq(i, 41);
	ck_assert_uint_eq(n, 42);
	/* A StatefulSet pod: its name ends in its ordinal. */
	ck_assert_int_eq(envopts_parse_shard(
			     "host/20", "bmcsim-12", &i, &n, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(i, 12);
	ck_assert_uint_eq(n, 20);
	ck_assert_int_eq(
	    envopts_parse_shard("host/3", "bmcsim-3", &i, &n, err, sizeof(err)),
	    ERR_INVALID_ARG);
	ck_assert_str_eq(err, "host/3: the shard must be 0 to 2");
}
END_TEST

START_TEST(test_count)
{
	unsigned v = 7;

	ck_assert_int_eq(envopts_parse_count("1", 4, &v), 0);
	ck_assert_uint_eq(v, 1);
	ck_assert_int_eq(envopts_parse_count("4", 4, &v), 0);
	ck_assert_uint_eq(v, 4);
	ck_assert_int_eq(envopts_parse_count("5", 4, &v), ERR_INVALID_ARG);
	ck_assert_int_eq(envopts_parse_count("", 4, &v), ERR_INVALID_ARG);
	ck_assert_int_eq(envopts_parse_count("-1", 4, &v), ERR_INVALID_ARG);
	ck_assert_int_eq(
	    envopts_parse_count("99999999999999999999999", 65536, &v),
	    ERR_INVALID_ARG);
	ck_assert_uint_eq(v, 4);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("envopts");
	TCase	*tc = tcase_create("envopts");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_every_variable);
	tcase_add_test(tc, test_unset_and_empty);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_shard_forms);
	tcase_add_test(tc, test_count);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
