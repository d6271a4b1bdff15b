/*
 * The control plane's router and checks, fed through control_dispatch()
 * without a socket: segment matching and {NAME} parameters, 404/405,
 * the unknown-BMC 404 before any handler, malformed JSON, the body limit,
 * problem+json answers, deferred calls, and the bearer comparison.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "control_bmc.h"

static int		    calls;
static char		    seen[256];
static struct control_call *kept;
static int		    gone;

static void
echo(struct control_call *c)
{
	const char *bmc = control_call_param(c, "bmc");
	const char *q = control_call_param(c, "q");
	json_t	   *body = control_call_body(c);

	calls++;
	snprintf(seen, sizeof(seen), "%s|%s|%s", bmc ? bmc : "-", q ? q : "-",
	    body != NULL ? "body" : "nobody");
	control_call_reply(c, 200,
	    json_pack("{s:s, s:b}", "bmc", bmc ? bmc : "", "found",
		control_call_bmc(c) != NULL));
}

static void
created(struct control_call *c)
{
	calls++;
	control_call_reply(c, 201, NULL);
}

static void
on_gone(void *arg)
{
	(void)arg;
	gone++;
}

static void
defer(struct control_call *c)
{
	calls++;
	kept = c;
	control_call_defer(c, on_gone, NULL);
}

static void
silent(struct control_call *c)
{
	(void)c;
	calls++;
}

static const struct control_route test_routes[] = {
    {"GET", "/v1/bmcs/{bmc}/power", echo},
    {"PUT", "/v1/bmcs/{bmc}/power", echo},
    {"GET", "/v1/plain", echo},
    {"POST", "/v1/plain", created},
    {"GET", "/v1/wait", defer},
    {"GET", "/v1/silent", silent},
    {NULL, NULL, NULL},
};
static const struct control_route *const test_tables[] = {
    control_core_routes,
    test_routes,
    NULL,
};

/* Any non-NULL pointer stands for a BMC; only "known" exists. */
static struct instance *
find(void *arg, const char *name)
{
	return strcmp(name, "known") == 0 ? (struct instance *)arg : NULL;
}

static struct control *ctl;
static int	       token_of_bmc;

static void
setup(void)
{
	struct control_config cc;
	char		      why[256];

	memset(&cc, 0, sizeof(cc));
	cc.find = find;
	cc.find_arg = &token_of_bmc;
	cc.tables = test_tables;
	ctl = control_new(NULL, &cc, why, sizeof(why));
	ck_assert_ptr_nonnull(ctl);
	calls = 0;
	gone = 0;
	kept = NULL;
	seen[0] = '\0';
}

static void
teardown(void)
{
	control_free(ctl);
}

static int
run(const char *method, const char *target, const char *body, const char **text,
    const char **ctype)
{
	size_t len;

	return control_dispatch(ctl, method, target, body,
	    body != NULL ? strlen(body) : 0, text, &len, ctype);
}

START_TEST(test_route_params)
{
	const char *text, *ctype;

	ck_assert_int_eq(
	    run("GET", "/v1/bmcs/known/power?q=a%20b", NULL, &text, &ctype),
	    200);
	ck_assert_str_eq(seen, "known|a b|nobody");
	ck_assert_str_eq(text, "{\"bmc\":\"known\",\"found\":true}\n");
	ck_assert_str_eq(ctype, "application/json");
	ck_assert_int_eq(calls, 1);
	/* The trailing slash is no segment. */
	ck_assert_int_eq(run("GET", "/v1/plain/", NULL, &text, &ctype), 200);
	ck_assert_int_eq(run("POST", "/v1/plain", NULL, &text, &ctype), 201);
	ck_assert_str_eq(text, "");
}
END_TEST

START_TEST(test_decoded_bmc_name)
{
	const char *text, *ctype;

	/* %6B is 'k': names are matched decoded. */
	ck_assert_int_eq(
	    run("GET", "/v1/bmcs/%6Bnown/power", NULL, &text, &ctype), 200);
	ck_assert_str_eq(seen, "known|-|nobody");
}
END_TEST

START_TEST(test_unknown_bmc_404_before_handler)
{
	const char *text, *ctype;

	ck_assert_int_eq(
	    run("GET", "/v1/bmcs/other/power", NULL, &text, &ctype), 404);
	ck_assert_int_eq(calls, 0);
	ck_assert_str_eq(ctype, "application/problem+json");
	ck_assert_ptr_nonnull(strstr(text, "\"title\":\"Unknown BMC\""));
	ck_assert_ptr_nonnull(strstr(text, "\"status\":404"));
	ck_assert_ptr_nonnull(strstr(text, "other"));
}
END_TEST

START_TEST(test_404_405)
{
	const char *text, *ctype;

	ck_assert_int_eq(run("GET", "/v1/nothing", NULL, &text, &ctype), 404);
	ck_assert_int_eq(
	    run("GET", "/v1/bmcs/known", NULL, &text, &ctype), 404);
	ck_assert_int_eq(
	    run("GET", "/v1/bmcs/known/power/x", NULL, &text, &ctype), 404);
	ck_assert_int_eq(run("DELETE", "/v1/plain", NULL, &text, &ctype), 405);
	ck_assert_ptr_nonnull(strstr(text, "\"Method not allowed\""));
	ck_assert_int_eq(calls, 0);
}
END_TEST

START_TEST(test_bad_paths_400)
{
	static const char *const bad[] = {
	    "/v1/bmcs/%2F/power", /* an encoded slash */
	    "/v1/bmcs/../power",
	    "/v1/bmcs/./power",
	    "/v1/bmcs/a%00b/power", /* an encoded NUL */
	    "/v1//plain",
	    "v1/plain",
	    "/a/b/c/d/e/f/g/h/i/j/k/l/m",
	};
	const char *text, *ctype;
	size_t	    i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(run("GET", bad[i], NULL, &text, &ctype) == 400,
		    "%s", bad[i]);
	ck_assert_int_eq(calls, 0);
}
END_TEST

START_TEST(test_malformed_json_400)
{
	const char *text, *ctype;

	ck_assert_int_eq(
	    run("PUT", "/v1/bmcs/known/power", "{\"state\":", &text, &ctype),
	    400);
	ck_assert_str_eq(ctype, "application/problem+json");
	ck_assert_ptr_nonnull(strstr(text, "Malformed JSON"));
	/* Duplicate keys are refused too: which one would count? */
	ck_assert_int_eq(run("PUT", "/v1/bmcs/known/power", "{\"a\":1,\"a\":2}",
			     &text, &ctype),
	    400);
	ck_assert_int_eq(calls, 0);
	ck_assert_int_eq(run("PUT", "/v1/bmcs/known/power",
			     "{\"state\":\"on\"}", &text, &ctype),
	    200);
	ck_assert_str_eq(seen, "known|-|body");
}
END_TEST

START_TEST(test_body_limit_413)
{
	char	   *big = malloc(CONTROL_BODY_MAX + 2);
	const char *text, *ctype;
	size_t	    len;

	ck_assert_ptr_nonnull(big);
	memset(big, ' ', CONTROL_BODY_MAX + 1);
	big[0] = '{';
	big[1] = '}';
	ck_assert_int_eq(control_dispatch(ctl, "PUT", "/v1/bmcs/known/power",
			     big, CONTROL_BODY_MAX + 1, &text, &len, &ctype),
	    413);
	ck_assert_int_eq(calls, 0);
	/* Exactly the limit is fine. */
	ck_assert_int_eq(control_dispatch(ctl, "PUT", "/v1/bmcs/known/power",
			     big, CONTROL_BODY_MAX, &text, &len, &ctype),
	    200);
	free(big);
}
END_TEST

START_TEST(test_probes)
{
	const char *text, *ctype;

	ck_assert_int_eq(run("GET", "/livez", NULL, &text, &ctype), 200);
	ck_assert_int_eq(run("GET", "/readyz", NULL, &text, &ctype), 503);
	ck_assert_int_eq(run("GET", "/healthz", NULL, &text, &ctype), 503);
	control_set_ready(ctl, 1);
	ck_assert_int_eq(run("GET", "/readyz", NULL, &text, &ctype), 200);
	ck_assert_str_eq(text, "{\"status\":\"ready\"}\n");
}
END_TEST

START_TEST(test_deferred)
{
	const char *text, *ctype;

	ck_assert_int_eq(run("GET", "/v1/wait", NULL, &text, &ctype), 0);
	ck_assert_ptr_nonnull(kept);
	control_call_reply(kept, 200, json_pack("{s:i}", "late", 1));
	ck_assert_int_eq(gone, 0);
	/* A call kept and never answered: on_gone when the plane goes. */
	ck_assert_int_eq(run("GET", "/v1/wait", NULL, &text, &ctype), 0);
	control_free(ctl);
	ctl = NULL;
	ck_assert_int_eq(gone, 1);
	setup();
}
END_TEST

START_TEST(test_stream)
{
	const char *text, *ctype;

	ck_assert_int_eq(run("GET", "/v1/wait", NULL, &text, &ctype), 0);
	control_call_stream_begin(kept, "application/x-ndjson");
	control_call_stream_chunk(kept, "{\"a\":1}\n", 8);
	control_call_stream_chunk(kept, "{\"a\":2}\n", 8);
	control_call_stream_end(kept);
	ck_assert_int_eq(run("GET", "/livez", NULL, &text, &ctype), 200);
}
END_TEST

START_TEST(test_silent_handler_500)
{
	const char *text, *ctype;

	ck_assert_int_eq(run("GET", "/v1/silent", NULL, &text, &ctype), 500);
	ck_assert_int_eq(calls, 1);
}
END_TEST

START_TEST(test_bearer)
{
	const char *tok = "0123456789abcdef0123";

	ck_assert_int_eq(
	    control_bearer_ok("Bearer 0123456789abcdef0123", tok), 1);
	ck_assert_int_eq(
	    control_bearer_ok("bearer 0123456789abcdef0123", tok), 1);
	ck_assert_int_eq(
	    control_bearer_ok("Bearer 0123456789abcdef0124", tok), 0);
	ck_assert_int_eq(
	    control_bearer_ok("Bearer 0123456789abcdef012", tok), 0);
	ck_assert_int_eq(
	    control_bearer_ok("Bearer 0123456789abcdef01234", tok), 0);
	ck_assert_int_eq(
	    control_bearer_ok("Basic 0123456789abcdef0123", tok), 0);
	ck_assert_int_eq(control_bearer_ok(NULL, tok), 0);
	ck_assert_int_eq(control_bearer_ok("Bearer ", ""), 0);
}
END_TEST

/* GET /v1's capabilities: one name per resource of the route tables. */
START_TEST(test_capabilities)
{
	const char *caps[16];
	size_t	    n = control_capabilities(ctl, caps, 16);

	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(caps[0], "probes");
	ck_assert_str_eq(caps[1], "power");
	ck_assert_str_eq(caps[2], "plain");
	ck_assert_str_eq(caps[3], "wait");
	ck_assert_str_eq(caps[4], "silent");
	/* cap is honoured. */
	ck_assert_uint_eq(control_capabilities(ctl, caps, 2), 2);
	ck_assert_str_eq(caps[1], "power");
}
END_TEST

START_TEST(test_selector)
{
	const char *l = "rack=r1,role=compute";

	ck_assert_int_eq(control_bmc_selector_match(l, ""), 1);
	ck_assert_int_eq(control_bmc_selector_match(l, "rack=r1"), 1);
	ck_assert_int_eq(control_bmc_selector_match(l, "role=compute"), 1);
	ck_assert_int_eq(
	    control_bmc_selector_match(l, "role=compute, rack=r1"), 1);
	ck_assert_int_eq(control_bmc_selector_match(l, "rack=r"), 0);
	ck_assert_int_eq(control_bmc_selector_match(l, "ack=r1"), 0);
	ck_assert_int_eq(control_bmc_selector_match(l, "rack=r1,role=x"), 0);
	ck_assert_int_eq(control_bmc_selector_match("", "rack=r1"), 0);
	ck_assert_int_eq(
	    control_bmc_selector_match("xrack=r1,rack=r2", "rack=r2"), 1);
}
END_TEST

static Suite *
control_suite(void)
{
	Suite *s = suite_create("control");
	TCase *tc = tcase_create("router");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_route_params);
	tcase_add_test(tc, test_decoded_bmc_name);
	tcase_add_test(tc, test_unknown_bmc_404_before_handler);
	tcase_add_test(tc, test_404_405);
	tcase_add_test(tc, test_bad_paths_400);
	tcase_add_test(tc, test_malformed_json_400);
	tcase_add_test(tc, test_body_limit_413);
	tcase_add_test(tc, test_probes);
	tcase_add_test(tc, test_deferred);
	tcase_add_test(tc, test_stream);
	tcase_add_test(tc, test_silent_handler_500);
	tcase_add_test(tc, test_bearer);
	tcase_add_test(tc, test_selector);
	tcase_add_test(tc, test_capabilities);
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
