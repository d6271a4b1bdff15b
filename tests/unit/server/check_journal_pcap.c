/*
 * The journal as a capture: a classic pcap of raw IP (LINKTYPE_RAW),
 * each entry's request and reply as UDP between the console and the
 * BMC, read back field by field; and the key log's exact line.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "journal_pcap.h"
#include "responder.h"

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static int
bmc_at(void *arg, const char *bmc, struct peer_addr *out)
{
	(void)arg;
	if (strcmp(bmc, "b1") != 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->family = 4;
	memcpy(out->addr, "\xc0\x00\x02\x01", 4);
	out->port = 623;
	return 0;
}

START_TEST(test_capture)
{
	struct journal	     *j = journal_new(8);
	struct journal_entry *e = journal_begin(j, "b1", 0, 1500, 0);
	struct journal_filter f;
	uint8_t		     *buf;
	const uint8_t	     *r;
	size_t		      len;

	e->peer.family = 4;
	memcpy(e->peer.addr, "\xc0\x00\x02\x07", 4);
	e->peer.port = 50007;
	memcpy(e->in, "\x06\x00\xff\x07", 4);
	e->in_len = 4;
	memcpy(e->out, "\x06\x00\xff\x07\x00", 5);
	e->out_len = 5;
	journal_commit(j, e);
	/* Dropped before a reply: the request only. */
	e = journal_begin(j, "unknown", 0, 2000, 0);
	e->peer = journal_get(j, 1)->peer;
	memcpy(e->in, "\x06\x00\xff\x07", 4);
	e->in_len = 4;
	journal_commit(j, e);
	journal_filter_init(&f);
	buf = journal_pcap_build(j, &f, bmc_at, NULL, &len);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(len, 24 + 3 * 16 + (28 + 4) + (28 + 5) + (28 + 4));
	ck_assert_uint_eq(le32(buf), 0xa1b2c3d4);
	ck_assert_uint_eq(
	    le32(buf + 20), 101); /* LINKTYPE_RAW (DLT_RAW 12 maps to it) */
	r = buf + 24;
	ck_assert_uint_eq(le32(r), 1);		/* seconds */
	ck_assert_uint_eq(le32(r + 4), 500000); /* microseconds */
	ck_assert_uint_eq(le32(r + 8), 32);
	r += 16;
	ck_assert_uint_eq(r[0], 0x45);
	ck_assert_uint_eq(r[9], 17);
	ck_assert_mem_eq(r + 12, "\xc0\x00\x02\x07\xc0\x00\x02\x01", 8);
	ck_assert_mem_eq(
	    r + 20, "\xc3\x57\x02\x6f\x00\x0c", 6); /* 50007 -> 623, len 12 */
	ck_assert_mem_eq(r + 28, "\x06\x00\xff\x07", 4);
	r += 32 + 16; /* the reply, the other way */
	ck_assert_mem_eq(r + 12, "\xc0\x00\x02\x01\xc0\x00\x02\x07", 8);
	ck_assert_mem_eq(r + 20, "\x02\x6f\xc3\x57\x00\x0d", 6);
	r += 33 + 16; /* the unknown BMC: 127.0.0.1:623 */
	ck_assert_mem_eq(r + 16, "\x7f\x00\x00\x01", 4);
	free(buf);
	journal_free(j);
}
END_TEST

START_TEST(test_keylog)
{
	struct journal	   *j = journal_new(8);
	struct journal_keys k;
	char		   *text;
	size_t		    len;

	memset(&k, 0, sizeof(k));
	snprintf(k.bmc, sizeof(k.bmc), "b1");
	k.bmc_sid = 0x0200ae3d;
	k.console_sid = 0xa0a2a3a4;
	k.suite_id = 3;
	k.key_len = 2;
	memcpy(k.sik, "\x01\x02", 2);
	memcpy(k.k1, "\xaa\xbb", 2);
	memcpy(k.k2, "\xcc\xdd", 2);
	journal_keys_add(j, &k);
	text = journal_pcap_keylog(j, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text,
	    "\nRMCPP bmc_sid=0200ae3d console_sid=a0a2a3a4 suite=3 sik=0102 "
	    "k1=aabb k2=ccdd\n"));
	ck_assert_uint_eq(len, strlen(text));
	free(text);
	journal_free(j);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("journal_pcap");
	TCase	*tc = tcase_create("journal_pcap");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_capture);
	tcase_add_test(tc, test_keylog);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
