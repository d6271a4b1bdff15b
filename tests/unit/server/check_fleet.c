#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "err.h"
#include "fleet.h"

static struct fleet_endpoint
ep4(const char *host, uint16_t port)
{
	struct fleet_endpoint ep;

	ck_assert_int_eq(fleet_endpoint_parse(host, port, &ep), 0);
	return ep;
}

static int
add_at(struct fleet *f, const char *name, const char *host, uint16_t port,
    void *item)
{
	struct fleet_endpoint ep = ep4(host, port);

	return fleet_add(f, name, &ep, item);
}

static void *
find_at(struct fleet *f, const char *host, uint16_t port)
{
	struct fleet_endpoint ep = ep4(host, port);

	return fleet_find_endpoint(f, &ep);
}

START_TEST(test_endpoint_parse_format)
{
	struct fleet_endpoint ep;
	char		      buf[FLEET_ENDPOINT_TEXT_MAX];
	static const uint8_t  v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x01};

	ck_assert_int_eq(fleet_endpoint_parse("127.0.0.2", 6230, &ep), 0);
	ck_assert_uint_eq(ep.family, 4);
	ck_assert_uint_eq(ep.port, 6230);
	ck_assert_mem_eq(ep.addr, "\x7f\x00\x00\x02", 4);
	ck_assert_str_eq(
	    fleet_endpoint_format(&ep, buf, sizeof(buf)), "127.0.0.2:6230");
	ck_assert_int_eq(fleet_endpoint_parse("2001:db8::1", 623, &ep), 0);
	ck_assert_uint_eq(ep.family, 6);
	ck_assert_mem_eq(ep.addr, v6, 16);
	ck_assert_str_eq(
	    fleet_endpoint_format(&ep, buf, sizeof(buf)), "[2001:db8::1]:623");
	ck_assert_int_eq(
	    fleet_endpoint_parse("localhost", 623, &ep), ERR_INVALID_ARG);
	ck_assert_int_eq(
	    fleet_endpoint_parse("127.0.0.256", 623, &ep), ERR_INVALID_ARG);
	/* The longest IPv6 text fits with its brackets and port. */
	ck_assert_int_eq(
	    fleet_endpoint_parse(
		"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", 65535, &ep),
	    0);
	fleet_endpoint_format(&ep, buf, sizeof(buf));
	ck_assert_str_eq(
	    buf, "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535");
}
END_TEST

START_TEST(test_endpoint_equal_overlap)
{
	struct fleet_endpoint a = ep4("127.0.0.1", 623);
	struct fleet_endpoint b = ep4("127.0.0.1", 624);
	struct fleet_endpoint c = ep4("127.0.0.2", 623);
	struct fleet_endpoint any4 = ep4("0.0.0.0", 623);
	struct fleet_endpoint any6 = ep4("::", 623);
	struct fleet_endpoint lo6 = ep4("::1", 623);

	ck_assert_int_eq(fleet_endpoint_equal(&a, &a), 1);
	ck_assert_int_eq(fleet_endpoint_equal(&a, &b), 0);
	ck_assert_int_eq(fleet_endpoint_equal(&a, &c), 0);
	ck_assert_int_eq(fleet_endpoint_overlap(&a, &a), 1);
	ck_assert_int_eq(fleet_endpoint_overlap(&a, &b), 0);
	ck_assert_int_eq(fleet_endpoint_overlap(&a, &c), 0);
	ck_assert_int_eq(fleet_endpoint_overlap(&a, &any4), 1);
	ck_assert_int_eq(fleet_endpoint_overlap(&any4, &c), 1);
	/* [::] takes IPv4 too; [::1] does not meet 127.0.0.1. */
	ck_assert_int_eq(fleet_endpoint_overlap(&any6, &a), 1);
	ck_assert_int_eq(fleet_endpoint_overlap(&a, &any6), 1);
	ck_assert_int_eq(fleet_endpoint_overlap(&lo6, &a), 0);
	ck_assert_int_eq(fleet_endpoint_overlap(&lo6, &any4), 0);
	ck_assert_int_eq(fleet_endpoint_overlap(&lo6, &any6), 1);
}
END_TEST

/* The port the system chose for port 0, as the daemon logs it. */
START_TEST(test_endpoint_of_fd)
{
	struct sockaddr_in    sin;
	struct fleet_endpoint ep;
	socklen_t	      len = sizeof(sin);
	int		      fd = socket(AF_INET, SOCK_DGRAM, 0);

	ck_assert_int_ge(fd, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	ck_assert_int_eq(fleet_endpoint_of_fd(fd, &ep), 0);
	ck_assert_uint_eq(ep.family, 4);
	ck_assert_uint_ne(ep.port, 0);
	ck_assert_uint_eq(ep.port, ntohs(sin.sin_port));
	ck_assert_mem_eq(ep.addr, "\x7f\x00\x00\x01", 4);
	close(fd);
	ck_assert_int_eq(fleet_endpoint_of_fd(fd, &ep), ERR_SYSTEM);
}
END_TEST

START_TEST(test_add_find_remove)
{
	struct fleet	     *f = fleet_new();
	struct fleet_endpoint a = ep4("127.0.0.1", 7000);
	struct fleet_endpoint b = ep4("127.0.0.1", 7001);
	struct fleet_endpoint c = ep4("::1", 7000);
	int		      ia, ib, ic;

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fleet_count(f), 0);
	ck_assert_ptr_null(fleet_find_name(f, "a"));
	ck_assert_int_eq(fleet_add(f, "a", &a, &ia), 0);
	ck_assert_int_eq(fleet_add(f, "b", &b, &ib), 0);
	ck_assert_int_eq(fleet_add(f, "c", &c, &ic), 0);
	ck_assert_uint_eq(fleet_count(f), 3);
	ck_assert_ptr_eq(fleet_find_name(f, "a"), &ia);
	ck_assert_ptr_eq(fleet_find_name(f, "b"), &ib);
	ck_assert_ptr_eq(fleet_find_name(f, "c"), &ic);
	ck_assert_ptr_null(fleet_find_name(f, "d"));
	ck_assert_ptr_null(fleet_find_name(f, "A"));
	ck_assert_ptr_eq(fleet_find_endpoint(f, &a), &ia);
	ck_assert_ptr_eq(fleet_find_endpoint(f, &b), &ib);
	ck_assert_ptr_eq(fleet_find_endpoint(f, &c), &ic);
	ck_assert(fleet_endpoint_equal(fleet_endpoint_of(f, "b"), &b));
	ck_assert_ptr_null(fleet_endpoint_of(f, "d"));
	/* A name or an endpoint is registered once. */
	ck_assert_int_eq(add_at(f, "a", "127.0.0.1", 1, &ib), ERR_WRONG_STATE);
	ck_assert_int_eq(fleet_add(f, "z", &a, &ib), ERR_WRONG_STATE);
	ck_assert_int_eq(add_at(f, "", "127.0.0.1", 2, &ib), ERR_INVALID_ARG);
	ck_assert_int_eq(add_at(f, "y", "127.0.0.1", 3, NULL), ERR_INVALID_ARG);
	ck_assert_uint_eq(fleet_count(f), 3);
	/* Removed: gone by name and by endpoint, the others stay. */
	ck_assert_ptr_eq(fleet_remove(f, "b"), &ib);
	ck_assert_ptr_null(fleet_remove(f, "b"));
	ck_assert_uint_eq(fleet_count(f), 2);
	ck_assert_ptr_null(fleet_find_name(f, "b"));
	ck_assert_ptr_null(fleet_find_endpoint(f, &b));
	ck_assert_ptr_eq(fleet_find_name(f, "a"), &ia);
	ck_assert_ptr_eq(fleet_find_endpoint(f, &c), &ic);
	/* Its name and endpoint are free again, for another BMC. */
	ck_assert_int_eq(fleet_add(f, "b", &b, &ia), 0);
	ck_assert_ptr_eq(fleet_find_endpoint(f, &b), &ia);
	fleet_free(f);
}
END_TEST

START_TEST(test_iterate_in_order_added)
{
	struct fleet		    *f = fleet_new();
	struct fleet_iter	     it;
	const struct fleet_endpoint *ep;
	const char		    *name;
	int			     items[4];
	const char		    *names[4] = {"m", "b", "z", "a"};
	unsigned		     i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(add_at(f, names[i], "127.0.0.1",
				     (uint16_t)(100 + i), &items[i]),
		    0);
	fleet_iter_init(f, &it);
	for (i = 0; i < 4; i++) {
		ck_assert_ptr_eq(fleet_iter_next(&it, &name, &ep), &items[i]);
		ck_assert_str_eq(name, names[i]);
		ck_assert_uint_eq(ep->port, 100 + i);
	}
	ck_assert_ptr_null(fleet_iter_next(&it, &name, &ep));
	/* Removing the entry just visited is allowed: empties it all. */
	fleet_iter_init(f, &it);
	i = 0;
	while (fleet_iter_next(&it, &name, NULL) != NULL) {
		ck_assert_ptr_eq(fleet_remove(f, name), &items[i]);
		i++;
	}
	ck_assert_uint_eq(i, 4);
	ck_assert_uint_eq(fleet_count(f), 0);
	fleet_iter_init(f, &it);
	ck_assert_ptr_null(fleet_iter_next(&it, NULL, NULL));
	fleet_free(f);
}
END_TEST

/* A fleet's worth: the tables grow, every lookup still finds its own. */
START_TEST(test_many)
{
	struct fleet *f = fleet_new();
	static int    items[5000];
	char	      name[32];
	unsigned      i;

	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "rack-%04u", i + 1);
		ck_assert_int_eq(add_at(f, name, "127.0.0.1",
				     (uint16_t)(10000 + i), &items[i]),
		    0);
	}
	ck_assert_uint_eq(fleet_count(f), 5000);
	for (i = 0; i < 5000; i += 7) {
		snprintf(name, sizeof(name), "rack-%04u", i + 1);
		ck_assert_ptr_eq(fleet_find_name(f, name), &items[i]);
		ck_assert_ptr_eq(
		    find_at(f, "127.0.0.1", (uint16_t)(10000 + i)), &items[i]);
	}
	for (i = 0; i < 5000; i += 2) {
		snprintf(name, sizeof(name), "rack-%04u", i + 1);
		ck_assert_ptr_eq(fleet_remove(f, name), &items[i]);
	}
	ck_assert_uint_eq(fleet_count(f), 2500);
	ck_assert_ptr_null(fleet_find_name(f, "rack-0001"));
	ck_assert_ptr_eq(fleet_find_name(f, "rack-0002"), &items[1]);
	ck_assert_ptr_null(find_at(f, "127.0.0.1", (uint16_t)(10000 + 4998)));
	ck_assert_ptr_eq(
	    find_at(f, "127.0.0.1", (uint16_t)(10000 + 4999)), &items[4999]);
	fleet_free(f);
}
END_TEST

START_TEST(test_format_ready)
{
	struct fleet *f = fleet_new();
	int	      x;
	char	     *text;
	size_t	      len;

	text = fleet_format_ready(f, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(text, "");
	free(text);
	ck_assert_int_eq(add_at(f, "web-2", "::1", 40001, &x), 0);
	ck_assert_int_eq(add_at(f, "db", "127.0.0.3", 623, &x), 0);
	ck_assert_int_eq(add_at(f, "web-1", "127.0.0.1", 0, &x), 0);
	/* In name order, whatever the order added. */
	text = fleet_format_ready(f, &len);
	ck_assert_str_eq(text,
	    "db 127.0.0.3:623\n"
	    "web-1 127.0.0.1:0\n"
	    "web-2 [::1]:40001\n");
	ck_assert_uint_eq(len, strlen(text));
	free(text);
	fleet_free(f);
}
END_TEST

static Suite *
fleet_suite(void)
{
	Suite *s = suite_create("fleet");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_endpoint_parse_format);
	tcase_add_test(tc, test_endpoint_equal_overlap);
	tcase_add_test(tc, test_endpoint_of_fd);
	tcase_add_test(tc, test_add_find_remove);
	tcase_add_test(tc, test_iterate_in_order_added);
	tcase_add_test(tc, test_many);
	tcase_add_test(tc, test_format_ready);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(fleet_suite());
	int	 nf;

	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
