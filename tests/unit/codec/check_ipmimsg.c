/* Tests for src/codec/ipmimsg.c: IPMI LAN messages and checksums. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "ipmimsg.h"

/* Messages from the seed trace (ipmitool -I lanplus -vvvv). */
/* Get Channel Authentication Capabilities (channel 0Eh, ADMIN, 2.0). */
static const uint8_t caps_req[] = {
    0x20,
    0x18,
    0xc8,
    0x81,
    0x00,
    0x38,
    0x8e,
    0x04,
    0xb5,
};
static const uint8_t caps_rsp[] = {
    0x81,
    0x1c,
    0x63,
    0x20,
    0x00,
    0x38,
    0x00,
    0x01,
    0x97,
    0x04,
    0x03,
    0x00,
    0x00,
    0x00,
    0x00,
    0x09,
};
/* Get Device ID: a request without data, a 15-byte response. */
static const uint8_t devid_req[] = {
    0x20,
    0x18,
    0xc8,
    0x81,
    0x0c,
    0x01,
    0x72,
};
static const uint8_t devid_rsp[] = {
    0x81,
    0x1c,
    0x63,
    0x20,
    0x0c,
    0x01,
    0x00,
    0x00,
    0x03,
    0x09,
    0x08,
    0x02,
    0x9f,
    0x91,
    0x12,
    0x00,
    0x02,
    0x0f,
    0x00,
    0x00,
    0x00,
    0x00,
    0x6a,
};
/* An HPM.2 probe (Group Extension netFn) and its C1h answer. */
static const uint8_t hpm_req[] = {
    0x20,
    0xb0,
    0x30,
    0x81,
    0x08,
    0x3e,
    0x00,
    0x02,
    0x37,
};
static const uint8_t hpm_rsp[] = {
    0x81,
    0xb4,
    0xcb,
    0x20,
    0x08,
    0x3e,
    0xc1,
    0xd9,
};

struct vec {
	const uint8_t *p;
	size_t	       n;
};

#define VEC(a) \
	{ \
		a, sizeof(a) \
	}
static const struct vec reqs[] = {VEC(caps_req), VEC(devid_req), VEC(hpm_req)};
static const struct vec rsps[] = {VEC(caps_rsp), VEC(devid_rsp), VEC(hpm_rsp)};
#define NVEC(a) (sizeof(a) / sizeof((a)[0]))

START_TEST(test_checksum_kat)
{
	ck_assert_uint_eq(ipmimsg_checksum(caps_req, 2), 0xc8);
	ck_assert_uint_eq(ipmimsg_checksum(caps_req + 3, 5), 0xb5);
	ck_assert_uint_eq(ipmimsg_checksum(caps_rsp, 2), 0x63);
	ck_assert_uint_eq(ipmimsg_checksum(NULL, 0), 0);
	/* The checksum byte makes the whole range sum to zero. */
	ck_assert_uint_eq(ipmimsg_checksum(caps_req, 3), 0);
	ck_assert_uint_eq(ipmimsg_checksum(caps_req + 3, 6), 0);
}
END_TEST

START_TEST(test_decode_seed_request)
{
	struct ipmi_req req;

	ck_assert_int_eq(
	    ipmimsg_decode_req(caps_req, sizeof(caps_req), &req), 0);
	ck_assert_uint_eq(req.rs_addr, IPMIMSG_BMC_ADDR);
	ck_assert_uint_eq(req.netfn, IPMI_NETFN_APP);
	ck_assert_uint_eq(req.rs_lun, 0);
	ck_assert_uint_eq(req.rq_addr, IPMIMSG_CONSOLE_ADDR);
	ck_assert_uint_eq(req.rq_seq, 0);
	ck_assert_uint_eq(req.rq_lun, 0);
	ck_assert_uint_eq(req.cmd, 0x38);
	ck_assert_uint_eq(req.data_len, 2);
	ck_assert_ptr_eq(req.data, caps_req + 6);
	ck_assert_int_eq(ipmimsg_decode_req(hpm_req, sizeof(hpm_req), &req), 0);
	ck_assert_uint_eq(req.netfn, IPMI_NETFN_GROUP);
	ck_assert_uint_eq(req.rq_seq, 2);
	ck_assert_uint_eq(req.cmd, 0x3e);
	ck_assert_int_eq(
	    ipmimsg_decode_req(devid_req, sizeof(devid_req), &req), 0);
	ck_assert_uint_eq(req.data_len, 0);
	ck_assert_uint_eq(req.rq_seq, 3);
}
END_TEST

START_TEST(test_decode_seed_response)
{
	struct ipmi_rsp rsp;

	ck_assert_int_eq(
	    ipmimsg_decode_rsp(devid_rsp, sizeof(devid_rsp), &rsp), 0);
	ck_assert_uint_eq(rsp.rq_addr, IPMIMSG_CONSOLE_ADDR);
	ck_assert_uint_eq(rsp.netfn, IPMI_NETFN_APP | 1);
	ck_assert_uint_eq(rsp.rs_addr, IPMIMSG_BMC_ADDR);
	ck_assert_uint_eq(rsp.rq_seq, 3);
	ck_assert_uint_eq(rsp.cmd, 0x01);
	ck_assert_uint_eq(rsp.cc, IPMI_CC_OK);
	ck_assert_uint_eq(rsp.data_len, 15);
	ck_assert_ptr_eq(rsp.data, devid_rsp + 7);
	ck_assert_int_eq(ipmimsg_decode_rsp(hpm_rsp, sizeof(hpm_rsp), &rsp), 0);
	ck_assert_uint_eq(rsp.netfn, IPMI_NETFN_GROUP | 1);
	ck_assert_uint_eq(rsp.cc, IPMI_CC_INVALID_CMD);
	ck_assert_uint_eq(rsp.data_len, 0);
}
END_TEST

START_TEST(test_round_trip)
{
	struct ipmi_req req;
	struct ipmi_rsp rsp;
	uint8_t		buf[300];
	size_t		i, len;

	for (i = 0; i < NVEC(reqs); i++) {
		ck_assert_int_eq(
		    ipmimsg_decode_req(reqs[i].p, reqs[i].n, &req), 0);
		ck_assert_int_eq(
		    ipmimsg_encode_req(&req, buf, sizeof(buf), &len), 0);
		ck_assert_uint_eq(len, reqs[i].n);
		ck_assert_mem_eq(buf, reqs[i].p, len);
	}
	for (i = 0; i < NVEC(rsps); i++) {
		ck_assert_int_eq(
		    ipmimsg_decode_rsp(rsps[i].p, rsps[i].n, &rsp), 0);
		ck_assert_int_eq(
		    ipmimsg_encode_rsp(&rsp, buf, sizeof(buf), &len), 0);
		ck_assert_uint_eq(len, rsps[i].n);
		ck_assert_mem_eq(buf, rsps[i].p, len);
	}
}
END_TEST

/*
 * Every truncation fails: short of the header with ERR_TRUNCATED, and
 * beyond it because the last byte no longer checks out as checksum 2.
 */
START_TEST(test_decode_every_truncation)
{
	struct ipmi_req req;
	struct ipmi_rsp rsp;
	size_t		i, n;
	int		rc;

	for (i = 0; i < NVEC(reqs); i++)
		for (n = 0; n < reqs[i].n; n++) {
			rc = ipmimsg_decode_req(reqs[i].p, n, &req);
			ck_assert_int_eq(rc,
			    n < IPMIMSG_REQ_HEADER_LEN ? ERR_TRUNCATED
						       : ERR_CHECKSUM);
		}
	for (i = 0; i < NVEC(rsps); i++)
		for (n = 0; n < rsps[i].n; n++) {
			rc = ipmimsg_decode_rsp(rsps[i].p, n, &rsp);
			ck_assert_int_eq(rc,
			    n < IPMIMSG_RSP_HEADER_LEN ? ERR_TRUNCATED
						       : ERR_CHECKSUM);
		}
}
END_TEST

/* A byte left over after checksum 2 breaks it: the message spans all. */
START_TEST(test_decode_leftover)
{
	uint8_t		buf[64];
	struct ipmi_req req;
	struct ipmi_rsp rsp;

	memcpy(buf, caps_req, sizeof(caps_req));
	buf[sizeof(caps_req)] = 0x5a;
	ck_assert_int_eq(
	    ipmimsg_decode_req(buf, sizeof(caps_req) + 1, &req), ERR_CHECKSUM);
	memcpy(buf, caps_rsp, sizeof(caps_rsp));
	buf[sizeof(caps_rsp)] = 0x5a;
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(buf, sizeof(caps_rsp) + 1, &rsp), ERR_CHECKSUM);
}
END_TEST

START_TEST(test_decode_bad_checksums)
{
	uint8_t		buf[sizeof(caps_req)];
	struct ipmi_req req;

	memcpy(buf, caps_req, sizeof(buf));
	buf[2] ^= 1;
	ck_assert_int_eq(
	    ipmimsg_decode_req(buf, sizeof(buf), &req), ERR_CHECKSUM);
	memcpy(buf, caps_req, sizeof(buf));
	buf[sizeof(buf) - 1] ^= 1;
	ck_assert_int_eq(
	    ipmimsg_decode_req(buf, sizeof(buf), &req), ERR_CHECKSUM);
	memcpy(buf, caps_req, sizeof(buf));
	buf[6] ^= 0x80; /* a data byte */
	ck_assert_int_eq(
	    ipmimsg_decode_req(buf, sizeof(buf), &req), ERR_CHECKSUM);
}
END_TEST

START_TEST(test_data_limit)
{
	uint8_t		data[IPMIMSG_DATA_MAX + 1], buf[IPMIMSG_DATA_MAX + 16];
	struct ipmi_req req, back;
	struct ipmi_rsp rsp;
	size_t		len;

	memset(data, 0xa5, sizeof(data));
	memset(&req, 0, sizeof(req));
	req.rs_addr = IPMIMSG_BMC_ADDR;
	req.netfn = IPMI_NETFN_OEM;
	req.rq_addr = IPMIMSG_CONSOLE_ADDR;
	req.data = data;
	req.data_len = IPMIMSG_DATA_MAX;
	ck_assert_int_eq(ipmimsg_encode_req(&req, buf, sizeof(buf), &len), 0);
	ck_assert_uint_eq(len, IPMIMSG_DATA_MAX + IPMIMSG_REQ_HEADER_LEN);
	ck_assert_int_eq(ipmimsg_decode_req(buf, len, &back), 0);
	ck_assert_uint_eq(back.data_len, IPMIMSG_DATA_MAX);
	req.data_len = IPMIMSG_DATA_MAX + 1;
	ck_assert_int_eq(
	    ipmimsg_encode_req(&req, buf, sizeof(buf), &len), ERR_INVALID_ARG);
	/* A 256-byte body with good checksums is refused on decode. */
	memset(buf, 0, sizeof(buf));
	buf[0] = 0x20;
	buf[2] = ipmimsg_checksum(buf, 2);
	buf[IPMIMSG_DATA_MAX + 1 + 6] = 0;
	ck_assert_int_eq(
	    ipmimsg_decode_req(
		buf, IPMIMSG_DATA_MAX + 1 + IPMIMSG_REQ_HEADER_LEN, &back),
	    ERR_INVALID_ARG);
	ck_assert_int_eq(
	    ipmimsg_decode_rsp(
		buf, IPMIMSG_DATA_MAX + 1 + IPMIMSG_RSP_HEADER_LEN, &rsp),
	    ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_encode_errors)
{
	struct ipmi_req req;
	struct ipmi_rsp rsp;
	uint8_t		buf[64];
	size_t		cap, len = 4242;

	ck_assert_int_eq(
	    ipmimsg_decode_req(caps_req, sizeof(caps_req), &req), 0);
	for (cap = 0; cap < sizeof(caps_req); cap++)
		ck_assert_int_eq(
		    ipmimsg_encode_req(&req, buf, cap, &len), ERR_NOSPACE);
	ck_assert_uint_eq(len, 4242);
	req.netfn = 0x40;
	ck_assert_int_eq(
	    ipmimsg_encode_req(&req, buf, sizeof(buf), &len), ERR_INVALID_ARG);
	req.netfn = IPMI_NETFN_APP;
	req.rs_lun = 4;
	ck_assert_int_eq(
	    ipmimsg_encode_req(&req, buf, sizeof(buf), &len), ERR_INVALID_ARG);
	req.rs_lun = 0;
	req.rq_seq = 64;
	ck_assert_int_eq(
	    ipmimsg_encode_req(&req, buf, sizeof(buf), &len), ERR_INVALID_ARG);
	req.rq_seq = 0;
	req.data = NULL;
	ck_assert_int_eq(
	    ipmimsg_encode_req(&req, buf, sizeof(buf), &len), ERR_INVALID_ARG);

	ck_assert_int_eq(
	    ipmimsg_decode_rsp(caps_rsp, sizeof(caps_rsp), &rsp), 0);
	for (cap = 0; cap < sizeof(caps_rsp); cap++)
		ck_assert_int_eq(
		    ipmimsg_encode_rsp(&rsp, buf, cap, &len), ERR_NOSPACE);
	rsp.rs_lun = 4;
	ck_assert_int_eq(
	    ipmimsg_encode_rsp(&rsp, buf, sizeof(buf), &len), ERR_INVALID_ARG);
}
END_TEST

/* Build a response with LUNs and a sequence that use every bit. */
START_TEST(test_encode_bit_packing)
{
	struct ipmi_rsp rsp, back;
	uint8_t		buf[16];
	size_t		len;

	memset(&rsp, 0, sizeof(rsp));
	rsp.rq_addr = 0x81;
	rsp.netfn = 0x3f;
	rsp.rq_lun = 3;
	rsp.rs_addr = 0x20;
	rsp.rq_seq = 0x3f;
	rsp.rs_lun = 2;
	rsp.cmd = 0xff;
	rsp.cc = IPMI_CC_UNSPECIFIED;
	ck_assert_int_eq(ipmimsg_encode_rsp(&rsp, buf, sizeof(buf), &len), 0);
	ck_assert_uint_eq(len, IPMIMSG_RSP_HEADER_LEN);
	ck_assert_uint_eq(buf[1], 0xff);
	ck_assert_uint_eq(buf[4], 0xfe);
	ck_assert_int_eq(ipmimsg_decode_rsp(buf, len, &back), 0);
	ck_assert_uint_eq(back.netfn, 0x3f);
	ck_assert_uint_eq(back.rq_lun, 3);
	ck_assert_uint_eq(back.rq_seq, 0x3f);
	ck_assert_uint_eq(back.rs_lun, 2);
	ck_assert_uint_eq(back.cc, 0xff);
}
END_TEST

static Suite *
ipmimsg_suite(void)
{
	Suite *s = suite_create("ipmimsg");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_checksum_kat);
	tcase_add_test(tc, test_decode_seed_request);
	tcase_add_test(tc, test_decode_seed_response);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_decode_every_truncation);
	tcase_add_test(tc, test_decode_leftover);
	tcase_add_test(tc, test_decode_bad_checksums);
	tcase_add_test(tc, test_data_limit);
	tcase_add_test(tc, test_encode_errors);
	tcase_add_test(tc, test_encode_bit_packing);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(ipmimsg_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
