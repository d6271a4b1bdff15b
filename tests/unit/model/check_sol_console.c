/*
 * Tests for src/model/sol_console.c: the SOL console's state machine,
 * packet by packet with fake time (the rules Rn of shared/reference/sol.md).
 * Defaults of sol.c: 60 ms accumulate, 96 characters, 7 retries 500 ms
 * apart.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "bmc_testutil.h"
#include "ipmimsg.h"
#include "sol_console.h"

#define APP  IPMI_NETFN_APP
#define ADMN IPMI_PRIV_ADMIN

static struct tb t;
static uint8_t	 pkt[300];
static size_t	 pkt_len;
static uint32_t	 pkt_sid;

static void
setup(void)
{
	tb_init(&t);
	t.model.chassis.power_on = 1;
	tb_start(&t);
	t.now = 1000;
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 01 c6 00 00 00"), 0);
}

static void
teardown(void)
{
	tb_free(&t);
}

/* The next packet the BMC sends at now (0: none). */
static size_t
take(uint64_t now)
{
	pkt_sid = 0;
	pkt_len = sol_console_take(t.bmc, now, &pkt_sid, pkt, sizeof(pkt));
	return pkt_len;
}

static void
assert_pkt(const char *hex_head, const char *text)
{
	uint8_t	    want[300];
	size_t	    n = 0;
	char	   *end;
	const char *p = hex_head;

	while (*p != '\0') {
		want[n++] = (uint8_t)strtoul(p, &end, 16);
		p = end;
		while (*p == ' ')
			p++;
	}
	memcpy(want + n, text, strlen(text));
	n += strlen(text);
	ck_assert_uint_eq(pkt_len, n);
	ck_assert_mem_eq(pkt, want, n);
}

/* A console packet from session sid; the answer in pkt. */
static size_t
input(uint32_t sid, const char *hex_head, const char *text)
{
	uint8_t	    in[300];
	size_t	    n = 0;
	char	   *end;
	const char *p = hex_head;

	while (*p != '\0') {
		in[n++] = (uint8_t)strtoul(p, &end, 16);
		p = end;
		while (*p == ' ')
			p++;
	}
	memcpy(in + n, text, strlen(text));
	n += strlen(text);
	pkt_len = sol_console_input(t.bmc, t.now, sid, in, n, pkt, sizeof(pkt));
	return pkt_len;
}

static void
host_says(const char *s)
{
	ck_assert_uint_eq(
	    sol_console_host_write(t.bmc, t.now, (const uint8_t *)s, strlen(s)),
	    strlen(s));
}

START_TEST(test_accumulate_then_send)
{
	host_says("abc");
	/* R11: under the threshold, it waits 60 ms. */
	ck_assert_uint_eq(take(1000), 0);
	ck_assert_uint_eq(sol_console_deadline(t.bmc), 1060);
	ck_assert_uint_eq(take(1060), 7);
	ck_assert_uint_eq(pkt_sid, 0x1000);
	assert_pkt("01 00 00 00", "abc");
	/* One packet in flight: more output waits for the ACK. */
	t.now = 1100;
	host_says("de");
	ck_assert_uint_eq(take(1200), 0);
	t.now = 1200;
	ck_assert_uint_eq(input(0x1000, "00 01 03 00", ""), 0);
	ck_assert_uint_eq(take(1200), 6);
	assert_pkt("02 00 00 00", "de");
}
END_TEST

START_TEST(test_threshold_sends_at_once)
{
	char big[300];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	host_says(big);
	/* R10: at most 251 characters, at once past 96. */
	ck_assert_uint_eq(take(1000), 4 + 251);
	ck_assert_uint_eq(pkt[0], 1);
	t.now = 1010;
	ck_assert_uint_eq(input(0x1000, "00 01 fb 00", ""), 0);
	/* The 48 left are under the threshold: after 60 ms. */
	ck_assert_uint_eq(take(1010), 0);
	ck_assert_uint_eq(take(1060), 4 + 48);
	ck_assert_uint_eq(pkt[0], 2);
}
END_TEST

START_TEST(test_resend_identical_then_overrun)
{
	unsigned i;

	host_says("hi");
	ck_assert_uint_eq(take(1060), 6);
	/* R13: 7 byte-identical resends 500 ms apart. */
	for (i = 1; i <= 7; i++) {
		ck_assert_uint_eq(take(1060 + 500 * i - 1), 0);
		ck_assert_uint_eq(take(1060 + 500 * i), 6);
		assert_pkt("01 00 00 00", "hi");
	}
	/* Then dropped, and the next packet says characters were lost. */
	ck_assert_uint_eq(take(1060 + 500 * 8), 0);
	t.now = 6000;
	host_says("!");
	ck_assert_uint_eq(take(6060), 5);
	assert_pkt("02 00 00 08", "!");
}
END_TEST

START_TEST(test_partial_ack_new_seq)
{
	host_says("0123456789");
	ck_assert_uint_eq(take(1060), 14);
	t.now = 1070;
	/* R14: 4 of 10 taken: the rest under a new number, at once. */
	ck_assert_uint_eq(input(0x1000, "00 01 04 00", ""), 0);
	ck_assert_uint_eq(take(1070), 10);
	assert_pkt("02 00 00 00", "456789");
}
END_TEST

START_TEST(test_seq_wraps_to_1)
{
	unsigned i;

	for (i = 0; i < 16; i++) {
		t.now = 1000 + 100 * i;
		host_says("z");
		ck_assert_uint_eq(take(t.now + 60), 5);
		ck_assert_uint_eq(pkt[0], i % 15 + 1);
		t.now += 60;
		/* R9: 1..15, then 1 again, never 0. */
		{
			uint8_t ack[4] = {0, (uint8_t)(i % 15 + 1), 1, 0};

			ck_assert_uint_eq(sol_console_input(t.bmc, t.now,
					      0x1000, ack, 4, pkt, sizeof(pkt)),
			    0);
		}
	}
}
END_TEST

START_TEST(test_console_input_dedup)
{
	/* R16: ACK with the full count; the host echoes "ab" once. */
	ck_assert_uint_eq(input(0x1000, "01 00 00 00", "ab"), 4);
	assert_pkt("00 01 02 00", "");
	/* R17: a duplicate is re-ACKed with the first count, not delivered. */
	ck_assert_uint_eq(input(0x1000, "01 00 00 00", "ab"), 4);
	assert_pkt("00 01 02 00", "");
	/* R18: a skipped number is new data. */
	ck_assert_uint_eq(input(0x1000, "05 00 00 00", "c"), 4);
	assert_pkt("00 05 01 00", "");
	ck_assert_uint_eq(take(1060), 7);
	assert_pkt("01 00 00 00", "abc");
	/* Not the owner's: ignored. */
	ck_assert_uint_eq(input(0x2000, "06 00 00 00", "x"), 0);
}
END_TEST

START_TEST(test_break_once)
{
	ck_assert_uint_eq(input(0x1000, "01 00 00 10", ""), 4);
	assert_pkt("00 01 00 00", "");
	ck_assert_uint_eq(input(0x1000, "01 00 00 10", ""), 4);
	ck_assert_uint_eq(sol_console_host_breaks(t.bmc), 1);
	ck_assert_uint_eq(sol_console_host_breaks(t.bmc), 0);
}
END_TEST

START_TEST(test_flush_outbound)
{
	host_says("stale");
	ck_assert_uint_eq(input(0x1000, "01 00 00 01", ""), 4);
	ck_assert_uint_eq(take(2000), 0);
}
END_TEST

START_TEST(test_steal_notice)
{
	ck_assert_uint_eq(input(0x1000, "03 00 00 00", ""), 4);
	t.session_id = 0x2000;
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x49, "01 01 00 00 00 00"), 0);
	/* R5: to the old owner: seq 0, its last seq, NACK + deactivated. */
	ck_assert_uint_eq(take(1000), 4);
	ck_assert_uint_eq(pkt_sid, 0x1000);
	assert_pkt("00 03 00 50", "");
	ck_assert_uint_eq(take(1000), 0);
	/* Its packets are no longer heard. */
	ck_assert_uint_eq(input(0x1000, "04 00 00 00", "x"), 0);
	ck_assert_uint_eq(sol_console_owner(t.bmc), 0);
}
END_TEST

START_TEST(test_session_gone_frees)
{
	ck_assert_uint_eq(sol_console_owner(t.bmc), 0x1000);
	sol_console_session_gone(t.bmc, 0x3000);
	ck_assert_uint_eq(sol_console_owner(t.bmc), 0x1000);
	sol_console_session_gone(t.bmc, 0x1000);
	ck_assert_uint_eq(sol_console_owner(t.bmc), 0);
	/* R6: no notice to a session that is gone. */
	ck_assert_uint_eq(take(1000), 0);
	t.session_id = 0x2000;
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 01 c0 00 00 00"), 0);
}
END_TEST

START_TEST(test_power_off_unavailable)
{
	bmc_power_set(t.bmc, 0, 1000, "test");
	/* R26: taken in full, discarded, and said to be unavailable. */
	ck_assert_uint_eq(input(0x1000, "01 00 00 00", "abc"), 4);
	assert_pkt("00 01 03 20", "");
	ck_assert_uint_eq(take(5000), 0);
}
END_TEST

START_TEST(test_detached_output_history)
{
	uint8_t h[64];
	size_t	n;

	t.session_id = 0x1000;
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x49, "01 01 00 00 00 00"), 0);
	/* R24: never blocks, no backlog on the next activation. */
	host_says("while nobody looked");
	ck_assert_uint_eq(tb_call(&t, ADMN, APP, 0x48, "01 01 c0 00 00 00"), 0);
	ck_assert_uint_eq(take(5000), 0);
	n = sol_console_history(t.bmc, h, sizeof(h));
	ck_assert_uint_eq(n, 19);
	ck_assert_mem_eq(h, "while nobody looked", 19);
}
END_TEST

START_TEST(test_boot_pxe_shown)
{
	uint8_t h[4096];
	size_t	n;

	/* chassis bootdev pxe, then power on: the script runs on time. */
	ck_assert_uint_eq(
	    tb_call(&t, ADMN, IPMI_NETFN_CHASSIS, 0x08, "05 80 04 00 00 00"),
	    0);
	bmc_power_set(t.bmc, 0, 1000, "test");
	bmc_power_set(t.bmc, 1, 1000, "test");
	bmc_system_boot(t.bmc, 1, 1, 1000);
	for (t.now = 1000; t.now <= 3000; t.now += 50)
		bmc_tick(t.bmc, t.now);
	n = sol_console_history(t.bmc, h, sizeof(h) - 1);
	h[n] = '\0';
	ck_assert_ptr_nonnull(strstr((char *)h, "firmware 2.7 on test"));
	ck_assert_ptr_nonnull(strstr((char *)h, "Booting from network (PXE)"));
	ck_assert_ptr_nonnull(strstr((char *)h, "\r\ntest login: "));
}
END_TEST

static Suite *
sol_console_suite(void)
{
	Suite *s = suite_create("sol_console");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_accumulate_then_send);
	tcase_add_test(tc, test_threshold_sends_at_once);
	tcase_add_test(tc, test_resend_identical_then_overrun);
	tcase_add_test(tc, test_partial_ack_new_seq);
	tcase_add_test(tc, test_seq_wraps_to_1);
	tcase_add_test(tc, test_console_input_dedup);
	tcase_add_test(tc, test_break_once);
	tcase_add_test(tc, test_flush_outbound);
	tcase_add_test(tc, test_steal_notice);
	tcase_add_test(tc, test_session_gone_frees);
	tcase_add_test(tc, test_power_off_unavailable);
	tcase_add_test(tc, test_detached_output_history);
	tcase_add_test(tc, test_boot_pxe_shown);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sol_console_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
