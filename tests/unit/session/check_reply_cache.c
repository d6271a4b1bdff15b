/* The reply cache: retries, handshake retransmits, follow-ups, limits. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "reply_cache.h"

static const uint8_t chassis_off[] = {0x00};
static const uint8_t rsp_msg[] = {
    0x81, 0x04, 0x7b, 0x20, 0x24, 0x02, 0x00, 0xba};
static const uint8_t bridged[] = {0x81, 0x2c, 0x53, 0x20, 0x08, 0x2d, 0x00};

static void
chassis_control(struct ipmi_req *req, uint8_t rq_seq)
{
	memset(req, 0, sizeof(*req));
	req->rs_addr = 0x20;
	req->netfn = 0x00;
	req->rq_addr = 0x81;
	req->rq_seq = rq_seq;
	req->cmd = 0x02;
	req->data = chassis_off;
	req->data_len = sizeof(chassis_off);
}

START_TEST(test_hash_is_fnv1a)
{
	static const uint8_t a[] = {'a'};
	struct ipmi_req	     req;

	memset(&req, 0, sizeof(req));
	/* FNV-1a known answers: offset basis, and "a". */
	ck_assert_uint_eq(reply_cache_hash(&req), 0x811c9dc5u);
	req.data = a;
	req.data_len = 1;
	ck_assert_uint_eq(reply_cache_hash(&req), 0xe40c292cu);
}
END_TEST

START_TEST(test_empty_cache_matches_nothing)
{
	struct reply_cache c;
	struct ipmi_req	   req;
	size_t		   len = 99;

	memset(&c, 0, sizeof(c));
	chassis_control(&req, 0);
	ck_assert_int_eq(
	    reply_cache_is_retry(&c, &req, reply_cache_hash(&req)), 0);
	ck_assert_int_eq(reply_cache_holds_response(&c, 0x00, 0x02), 0);
	ck_assert_ptr_null(reply_cache_response(&c, &len));
	ck_assert_uint_eq(len, 0);
	len = 99;
	ck_assert_ptr_null(reply_cache_followup(&c, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_ptr_null(reply_cache_handshake(&c, NULL, 0, &len));
}
END_TEST

START_TEST(test_retry_matches_every_field)
{
	static const uint8_t on[] = {0x01};
	struct reply_cache   c;
	struct ipmi_req	     req, other;
	const uint8_t	    *p;
	uint32_t	     h;
	size_t		     len;

	memset(&c, 0, sizeof(c));
	chassis_control(&req, 5);
	h = reply_cache_hash(&req);
	ck_assert_int_eq(reply_cache_put_response(
			     &c, &req, h, rsp_msg, sizeof(rsp_msg), NULL, 0),
	    0);
	ck_assert_int_eq(reply_cache_is_retry(&c, &req, h), 1);
	ck_assert_int_eq(reply_cache_holds_response(&c, 0x00, 0x02), 1);
	ck_assert_int_eq(reply_cache_holds_response(&c, 0x06, 0x02), 0);
	ck_assert_int_eq(reply_cache_holds_response(&c, 0x00, 0x03), 0);
	p = reply_cache_response(&c, &len);
	ck_assert_uint_eq(len, sizeof(rsp_msg));
	ck_assert_mem_eq(p, rsp_msg, sizeof(rsp_msg));
	ck_assert_ptr_null(reply_cache_followup(&c, &len));
	ck_assert_uint_eq(len, 0);

	/* Each field that differs makes it a new request. */
	other = req;
	other.rq_seq = 6;
	ck_assert_int_eq(reply_cache_is_retry(&c, &other, h), 0);
	other = req;
	other.netfn = 0x06;
	ck_assert_int_eq(reply_cache_is_retry(&c, &other, h), 0);
	other = req;
	other.cmd = 0x03;
	ck_assert_int_eq(reply_cache_is_retry(&c, &other, h), 0);
	other = req;
	other.rq_addr = 0x83;
	ck_assert_int_eq(reply_cache_is_retry(&c, &other, h), 0);
	other = req;
	other.data = on;
	ck_assert_int_eq(
	    reply_cache_is_retry(&c, &other, reply_cache_hash(&other)), 0);
	/* The LUNs and the responder address are not compared. */
	other = req;
	other.rq_lun = 2;
	other.rs_lun = 1;
	ck_assert_int_eq(reply_cache_is_retry(&c, &other, h), 1);
}
END_TEST

START_TEST(test_followup_kept_with_response)
{
	struct reply_cache c;
	struct ipmi_req	   req;
	const uint8_t	  *p;
	size_t		   len;

	memset(&c, 0, sizeof(c));
	chassis_control(&req, 9);
	ck_assert_int_eq(
	    reply_cache_put_response(&c, &req, reply_cache_hash(&req), rsp_msg,
		sizeof(rsp_msg), bridged, sizeof(bridged)),
	    0);
	p = reply_cache_followup(&c, &len);
	ck_assert_uint_eq(len, sizeof(bridged));
	ck_assert_mem_eq(p, bridged, sizeof(bridged));
	/* The next response without one clears it. */
	chassis_control(&req, 10);
	ck_assert_int_eq(
	    reply_cache_put_response(&c, &req, reply_cache_hash(&req), rsp_msg,
		sizeof(rsp_msg), NULL, 0),
	    0);
	ck_assert_ptr_null(reply_cache_followup(&c, &len));
	ck_assert_uint_eq(len, 0);
}
END_TEST

START_TEST(test_too_large_empties_cache)
{
	static uint8_t	   big[REPLY_CACHE_MAX + 1];
	struct reply_cache c;
	struct ipmi_req	   req;
	uint32_t	   h;
	size_t		   len;

	memset(&c, 0, sizeof(c));
	chassis_control(&req, 1);
	h = reply_cache_hash(&req);
	ck_assert_int_eq(reply_cache_put_response(
			     &c, &req, h, rsp_msg, sizeof(rsp_msg), NULL, 0),
	    0);
	ck_assert_int_eq(
	    reply_cache_put_response(&c, &req, h, big, sizeof(big), NULL, 0),
	    ERR_NOSPACE);
	ck_assert_int_eq(reply_cache_is_retry(&c, &req, h), 0);
	ck_assert_int_eq(reply_cache_put_response(&c, &req, h, rsp_msg,
			     sizeof(rsp_msg), big, sizeof(big)),
	    ERR_NOSPACE);
	ck_assert_ptr_null(reply_cache_response(&c, &len));
	/* Exactly REPLY_CACHE_MAX fits. */
	ck_assert_int_eq(reply_cache_put_response(&c, &req, h, big,
			     REPLY_CACHE_MAX, big, REPLY_CACHE_MAX),
	    0);
	ck_assert_ptr_nonnull(reply_cache_response(&c, &len));
	ck_assert_uint_eq(len, REPLY_CACHE_MAX);
}
END_TEST

START_TEST(test_handshake_exact_retransmit_only)
{
	static const uint8_t rakp3[] = {
	    0x07, 0x00, 0x00, 0x00, 0x44, 0x33, 0x22, 0x11, 0xaa, 0xbb};
	static const uint8_t rakp4[] = {0x06, 0x00, 0x13, 0x00, 0x07, 0x00};
	struct reply_cache   c;
	struct ipmi_req	     req;
	uint8_t		     changed[sizeof(rakp3)];
	const uint8_t	    *p;
	size_t		     len = 0;

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(reply_cache_put_handshake(
			     &c, rakp3, sizeof(rakp3), rakp4, sizeof(rakp4)),
	    0);
	p = reply_cache_handshake(&c, rakp3, sizeof(rakp3), &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(len, sizeof(rakp4));
	ck_assert_mem_eq(p, rakp4, sizeof(rakp4));
	/* One byte different, or shorter: not a retransmit. */
	memcpy(changed, rakp3, sizeof(rakp3));
	changed[9] ^= 1;
	ck_assert_ptr_null(
	    reply_cache_handshake(&c, changed, sizeof(changed), &len));
	ck_assert_ptr_null(
	    reply_cache_handshake(&c, rakp3, sizeof(rakp3) - 1, &len));
	/* A handshake reply is no response to retry. */
	chassis_control(&req, 0);
	ck_assert_int_eq(
	    reply_cache_is_retry(&c, &req, reply_cache_hash(&req)), 0);
	ck_assert_ptr_null(reply_cache_response(&c, &len));
	/* A response replaces the handshake. */
	ck_assert_int_eq(
	    reply_cache_put_response(&c, &req, reply_cache_hash(&req), rsp_msg,
		sizeof(rsp_msg), NULL, 0),
	    0);
	ck_assert_ptr_null(
	    reply_cache_handshake(&c, rakp3, sizeof(rakp3), &len));
}
END_TEST

START_TEST(test_handshake_limits)
{
	static uint8_t	   req[REPLY_CACHE_REQ_MAX + 1];
	static uint8_t	   reply[REPLY_CACHE_MAX + 1];
	struct reply_cache c;
	size_t		   len;

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(REPLY_CACHE_REQ_MAX, 44);
	ck_assert_int_eq(
	    reply_cache_put_handshake(&c, req, sizeof(req), reply, 10),
	    ERR_NOSPACE);
	ck_assert_ptr_null(reply_cache_handshake(&c, req, sizeof(req), &len));
	ck_assert_int_eq(
	    reply_cache_put_handshake(&c, req, 44, reply, sizeof(reply)),
	    ERR_NOSPACE);
	ck_assert_ptr_null(reply_cache_handshake(&c, req, 44, &len));
	ck_assert_int_eq(
	    reply_cache_put_handshake(&c, req, 44, reply, REPLY_CACHE_MAX), 0);
	ck_assert_ptr_nonnull(reply_cache_handshake(&c, req, 44, &len));
	ck_assert_uint_eq(len, REPLY_CACHE_MAX);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("reply_cache");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_hash_is_fnv1a);
	tcase_add_test(tc, test_empty_cache_matches_nothing);
	tcase_add_test(tc, test_retry_matches_every_field);
	tcase_add_test(tc, test_followup_kept_with_response);
	tcase_add_test(tc, test_too_large_empties_cache);
	tcase_add_test(tc, test_handshake_exact_retransmit_only);
	tcase_add_test(tc, test_handshake_limits);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
