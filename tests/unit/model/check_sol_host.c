/* Tests for src/model/sol_host.c: the simulated host's boot and shell. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sol_host.h"

static char   seen[8192];
static size_t seen_len;

static void
emit_cb(void *arg, const uint8_t *p, size_t len)
{
	(void)arg;
	ck_assert_uint_lt(seen_len + len, sizeof(seen));
	memcpy(seen + seen_len, p, len);
	seen_len += len;
	seen[seen_len] = '\0';
}

static size_t room = 1u << 20;

/* The line takes room bytes in all since reset_seen(). */
static size_t
room_cb(void *arg)
{
	(void)arg;
	return room > seen_len ? room - seen_len : 0;
}

static void
reset_seen(void)
{
	seen_len = 0;
	seen[0] = '\0';
}

static void
type(struct sol_host *h, uint64_t now, const char *s)
{
	sol_host_input(h, now, (const uint8_t *)s, strlen(s));
}

/* Runs the script to its end, every 100 ms from now. */
static void
run(struct sol_host *h, uint64_t now)
{
	for (; sol_host_deadline(h) != UINT64_MAX; now += 100)
		ck_assert_int_eq(sol_host_tick(h, now), SOL_HOST_NONE);
}

START_TEST(test_boot_disk_exact)
{
	struct sol_host *h = sol_host_new("node7", 0, emit_cb, room_cb, NULL);

	reset_seen();
	ck_assert(!sol_host_running(h));
	sol_host_boot(h, 1000, 0);
	ck_assert_uint_eq(sol_host_deadline(h), 1000);
	ck_assert_int_eq(sol_host_tick(h, 1000), SOL_HOST_NONE);
	ck_assert_str_eq(seen,
	    "\r\nbmcsim UEFI firmware 2.7 on node7\r\n"
	    "Memory test: 16384 MB OK\r\n"
	    "Press <F2> for setup, <F12> for network boot\r\n");
	/* Then the disk 300 ms later, the kernel, the login prompt. */
	ck_assert_uint_eq(sol_host_deadline(h), 1300);
	run(h, 1300);
	ck_assert_ptr_nonnull(strstr(seen, "Booting from hard disk...\r\n"));
	ck_assert_ptr_nonnull(
	    strstr(seen, "Linux version 6.1.0-bmcsim (node7)"));
	ck_assert_uint_gt(seen_len, 13);
	ck_assert_str_eq(seen + seen_len - 13, "node7 login: ");
	ck_assert_ptr_null(strstr(seen, "PXE"));
	sol_host_free(h);
}
END_TEST

START_TEST(test_boot_pxe_then_disk)
{
	struct sol_host *h = sol_host_new("n", 0, emit_cb, room_cb, NULL);

	reset_seen();
	sol_host_boot(h, 0, 0x1);
	run(h, 0);
	ck_assert_ptr_nonnull(strstr(seen, "Booting from network (PXE) on n"));
	ck_assert(strstr(seen, "PXE") < strstr(seen, "Booting from hard disk"));
	ck_assert_ptr_nonnull(strstr(seen, "n login: "));
	sol_host_free(h);
}
END_TEST

START_TEST(test_bios_setup)
{
	struct sol_host *h = sol_host_new("n", 0, emit_cb, room_cb, NULL);

	reset_seen();
	sol_host_boot(h, 0, 0x6);
	run(h, 0);
	ck_assert_str_eq(seen + seen_len - 7, "setup> ");
	ck_assert_ptr_null(strstr(seen, "login"));
	type(h, 5000, "exit\r");
	run(h, 5000);
	ck_assert_ptr_nonnull(strstr(seen, "Booting from hard disk"));
	ck_assert_str_eq(seen + seen_len - 9, "n login: ");
	sol_host_free(h);
}
END_TEST

START_TEST(test_login_and_shell)
{
	struct sol_host *h = sol_host_new("n", 1, emit_cb, room_cb, NULL);

	reset_seen();
	type(h, 0, "root\r\n");
	ck_assert_str_eq(seen, "root\r\nPassword: ");
	reset_seen();
	type(h, 0, "secret\r");
	/* The password is not echoed. */
	ck_assert_str_eq(seen, "\r\nLast login: never\r\n[root@n ~]# ");
	reset_seen();
	type(h, 0, "echo hi there\r");
	ck_assert_str_eq(seen, "echo hi there\r\nhi there\r\n[root@n ~]# ");
	reset_seen();
	type(h, 0,
	    "hostnamx\x7f"
	    "e\r");
	ck_assert_str_eq(seen, "hostnamx\b \be\r\nn\r\n[root@n ~]# ");
	reset_seen();
	type(h, 0, "foo\r");
	ck_assert_str_eq(
	    seen, "foo\r\n-sh: foo: command not found\r\n[root@n ~]# ");
	reset_seen();
	type(h, 0, "abc");
	sol_host_break(h);
	ck_assert_str_eq(seen, "abc\r\n[break]\r\n[root@n ~]# ");
	sol_host_free(h);
}
END_TEST

START_TEST(test_seq_paced)
{
	struct sol_host *h = sol_host_new("n", 1, emit_cb, room_cb, NULL);

	type(h, 0, "u\rp\r");
	reset_seen();
	/* Room for the echo and two lines now: the rest 10 ms later. */
	room = 13;
	type(h, 0, "seq 5\r");
	ck_assert_str_eq(seen, "seq 5\r\n1\r\n2\r\n");
	ck_assert_uint_eq(sol_host_deadline(h), 10);
	/* Keys other than ^C wait while it runs. */
	type(h, 5, "x");
	room = 1u << 20;
	ck_assert_int_eq(sol_host_tick(h, 10), SOL_HOST_NONE);
	ck_assert_str_eq(seen,
	    "seq 5\r\n1\r\n2\r\n3\r\n4\r\n5\r\n"
	    "[u@n ~]$ ");
	ck_assert_uint_eq(sol_host_deadline(h), UINT64_MAX);
	/* ^C stops it. */
	reset_seen();
	room = 12;
	type(h, 20, "seq 100\r");
	type(h, 21, "\x03");
	ck_assert_str_eq(seen, "seq 100\r\n1\r\n^C\r\n[u@n ~]$ ");
	room = 1u << 20;
	sol_host_free(h);
}
END_TEST

START_TEST(test_poweroff_and_reboot)
{
	struct sol_host *h = sol_host_new("n", 1, emit_cb, room_cb, NULL);

	reset_seen();
	type(h, 0, "u\rp\rpoweroff\r");
	ck_assert_ptr_nonnull(strstr(seen, "Powering off.\r\n"));
	ck_assert_uint_eq(sol_host_deadline(h), 200);
	ck_assert_int_eq(sol_host_tick(h, 199), SOL_HOST_NONE);
	ck_assert_int_eq(sol_host_tick(h, 200), SOL_HOST_POWER_OFF);
	ck_assert_int_eq(sol_host_tick(h, 300), SOL_HOST_NONE);
	sol_host_off(h);
	ck_assert(!sol_host_running(h));
	/* Keystrokes while off go nowhere. */
	reset_seen();
	type(h, 400, "x");
	ck_assert_uint_eq(seen_len, 0);
	sol_host_boot(h, 500, 0);
	run(h, 500);
	type(h, 5000, "u\rp\rreboot\r");
	ck_assert_int_eq(sol_host_tick(h, 5200), SOL_HOST_REBOOT);
	sol_host_free(h);
}
END_TEST

static Suite *
sol_host_suite(void)
{
	Suite *s = suite_create("sol_host");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_boot_disk_exact);
	tcase_add_test(tc, test_boot_pxe_then_disk);
	tcase_add_test(tc, test_bios_setup);
	tcase_add_test(tc, test_login_and_shell);
	tcase_add_test(tc, test_seq_paced);
	tcase_add_test(tc, test_poweroff_and_reboot);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sol_host_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
