/*
 * bmcsim ctl's HTTP response reader: a Content-Length body, a chunked
 * one, a body to the end, and every truncation and malformation.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "httpmsg.h"

static const char plain[] = "HTTP/1.1 404 Not Found\r\n"
			    "Content-Type: application/problem+json\r\n"
			    "Content-Length: 7\r\n"
			    "\r\n"
			    "{\"a\":1}";
static const char chunked[] = "HTTP/1.1 200 OK\r\n"
			      "Transfer-Encoding: chunked\r\n"
			      "Content-Type: application/json\r\n"
			      "\r\n"
			      "5;ext=1\r\n{\"a\":\r\n"
			      "3\r\n12}\r\n"
			      "0\r\n\r\n";

START_TEST(test_plain)
{
	struct httpmsg_response r;

	ck_assert_int_eq(httpmsg_parse_response(plain, strlen(plain), &r), 0);
	ck_assert_int_eq(r.status, 404);
	ck_assert_str_eq(r.ctype, "application/problem+json");
	ck_assert_uint_eq(r.body_len, 7);
	ck_assert_str_eq(r.body, "{\"a\":1}");
	httpmsg_response_clear(&r);
}
END_TEST

START_TEST(test_chunked)
{
	struct httpmsg_response r;

	ck_assert_int_eq(
	    httpmsg_parse_response(chunked, strlen(chunked), &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, "{\"a\":12}");
	ck_assert_uint_eq(r.body_len, 8);
	httpmsg_response_clear(&r);
}
END_TEST

START_TEST(test_to_the_end)
{
	static const char	in[] = "HTTP/1.0 204 No Content\n\nrest";
	struct httpmsg_response r;

	ck_assert_int_eq(httpmsg_parse_response(in, strlen(in), &r), 0);
	ck_assert_int_eq(r.status, 204);
	ck_assert_str_eq(r.ctype, "");
	ck_assert_str_eq(r.body, "rest");
	httpmsg_response_clear(&r);
}
END_TEST

/* Every prefix that cuts the headers or the announced body is refused. */
START_TEST(test_truncations)
{
	struct httpmsg_response r;
	size_t			n;

	for (n = 0; n < strlen(plain); n++)
		ck_assert_msg(
		    httpmsg_parse_response(plain, n, &r) == ERR_TRUNCATED,
		    "plain cut at %zu", n);
	for (n = 0; n < strlen(chunked) - 2; n++)
		ck_assert_msg(httpmsg_parse_response(chunked, n, &r) != 0,
		    "chunked cut at %zu", n);
}
END_TEST

START_TEST(test_malformed)
{
	static const char *const bad[] = {
	    "HTTP/2 200 OK\r\n\r\n",
	    "HTTP/1.1 20 OK\r\n\r\n",
	    "HTTP/1.1 999 OK\r\n\r\n",
	    "HTTP/1.1 200OK\r\n\r\n",
	    "SIP/1.1 200 OK\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n",
	};
	struct httpmsg_response r;
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(httpmsg_parse_response(
				  bad[i], strlen(bad[i]), &r) == ERR_FORMAT,
		    "%s", bad[i]);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("httpmsg");
	TCase	*tc = tcase_create("response");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_chunked);
	tcase_add_test(tc, test_to_the_end);
	tcase_add_test(tc, test_truncations);
	tcase_add_test(tc, test_malformed);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
