/* Tests for src/codec/describe.c: the annotated describer. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "err.h"

struct vec {
	const uint8_t *p;
	size_t	       n;
};
#define VEC(a) \
	{ \
		a, sizeof(a) \
	}

/*
 * Every datagram of the seed trace (ipmitool -I lanplus -vvvv against a
 * simulated BMC), in order: Get Channel Authentication Capabilities over
 * IPMI 1.5, Open Session, RAKP 1-4, then the in-session exchanges.
 */
static const uint8_t seed_caps_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x09,
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
static const uint8_t seed_caps_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x10,
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
static const uint8_t seed_open_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x10,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x20,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x00,
    0x00,
    0x00,
    0x08,
    0x01,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x00,
    0x08,
    0x01,
    0x00,
    0x00,
    0x00,
    0x02,
    0x00,
    0x00,
    0x08,
    0x00,
    0x00,
    0x00,
    0x00,
};
static const uint8_t seed_open_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x11,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x24,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x82,
    0x06,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x08,
    0x01,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x00,
    0x08,
    0x01,
    0x00,
    0x00,
    0x00,
    0x02,
    0x00,
    0x00,
    0x08,
    0x00,
    0x00,
    0x00,
    0x00,
};
static const uint8_t seed_rakp1[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x12,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x21,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x82,
    0x06,
    0x00,
    0x00,
    0x86,
    0xe2,
    0xb2,
    0xf1,
    0x10,
    0xb3,
    0xff,
    0x8d,
    0x63,
    0xcf,
    0xad,
    0xa4,
    0xc0,
    0x6e,
    0xbd,
    0x1a,
    0x14,
    0x00,
    0x00,
    0x05,
    0x41,
    0x44,
    0x4d,
    0x49,
    0x4e,
};
static const uint8_t seed_rakp2[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x13,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x3c,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0xb8,
    0x91,
    0x42,
    0x54,
    0x44,
    0x0e,
    0xd6,
    0x81,
    0x44,
    0x02,
    0x82,
    0x7c,
    0xa3,
    0xe8,
    0x8a,
    0xcf,
    0xa1,
    0x23,
    0x45,
    0x67,
    0x89,
    0xab,
    0xcd,
    0xef,
    0xa1,
    0x23,
    0x45,
    0x67,
    0x89,
    0xab,
    0xcd,
    0xef,
    0x87,
    0x9b,
    0x65,
    0xcd,
    0xbc,
    0xab,
    0xab,
    0x5b,
    0xf8,
    0xb9,
    0x45,
    0xc7,
    0x30,
    0x76,
    0x4c,
    0x91,
    0x3e,
    0x8d,
    0x2b,
    0x9a,
};
static const uint8_t seed_rakp3[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x14,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x1c,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x82,
    0x06,
    0x00,
    0x00,
    0xdf,
    0x67,
    0x52,
    0xfb,
    0xed,
    0xc2,
    0x2a,
    0xc3,
    0x99,
    0x82,
    0x5e,
    0x06,
    0xd3,
    0x2c,
    0xba,
    0x71,
    0x7b,
    0x41,
    0x20,
    0xbe,
};
static const uint8_t seed_rakp4[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x15,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x14,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0xe1,
    0x61,
    0x4f,
    0x85,
    0xff,
    0xb0,
    0x08,
    0x63,
    0x8b,
    0x80,
    0x6c,
    0x99,
};
static const uint8_t seed_priv_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x20,
    0x18,
    0xc8,
    0x81,
    0x04,
    0x3b,
    0x04,
    0x3c,
    0xff,
    0xff,
    0x02,
    0x07,
    0x61,
    0xff,
    0xe9,
    0x60,
    0xe6,
    0x5a,
    0x56,
    0x3c,
    0xac,
    0x5d,
    0x28,
    0x5a,
};
static const uint8_t seed_priv_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x01,
    0x00,
    0x00,
    0x00,
    0x09,
    0x00,
    0x81,
    0x1c,
    0x63,
    0x20,
    0x04,
    0x3b,
    0x00,
    0x04,
    0x9d,
    0xff,
    0x01,
    0x07,
    0xee,
    0x45,
    0x1a,
    0x34,
    0xce,
    0x46,
    0x76,
    0x5d,
    0x38,
    0x49,
    0x1e,
    0x0a,
};
static const uint8_t seed_hpm_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x04,
    0x00,
    0x00,
    0x00,
    0x09,
    0x00,
    0x20,
    0xb0,
    0x30,
    0x81,
    0x08,
    0x3e,
    0x00,
    0x02,
    0x37,
    0xff,
    0x01,
    0x07,
    0xdc,
    0x31,
    0x52,
    0x55,
    0xc2,
    0xe2,
    0xa7,
    0x99,
    0xd9,
    0x4c,
    0x29,
    0xb2,
};
static const uint8_t seed_hpm_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x02,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x81,
    0xb4,
    0xcb,
    0x20,
    0x08,
    0x3e,
    0xc1,
    0xd9,
    0xff,
    0xff,
    0x02,
    0x07,
    0xa0,
    0x0c,
    0x8b,
    0x4a,
    0xfb,
    0xfb,
    0x87,
    0x3b,
    0xb9,
    0xaa,
    0x6b,
    0x02,
};
static const uint8_t seed_devid_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x05,
    0x00,
    0x00,
    0x00,
    0x07,
    0x00,
    0x20,
    0x18,
    0xc8,
    0x81,
    0x0c,
    0x01,
    0x72,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0xce,
    0xc3,
    0x11,
    0xec,
    0x31,
    0xe5,
    0x35,
    0x81,
    0xff,
    0x79,
    0x25,
    0xfd,
};
static const uint8_t seed_devid_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x03,
    0x00,
    0x00,
    0x00,
    0x17,
    0x00,
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
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0xa2,
    0xdd,
    0xb0,
    0x7c,
    0x41,
    0xce,
    0xef,
    0x78,
    0x74,
    0x13,
    0x54,
    0x1d,
};
static const uint8_t seed_picmg_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x06,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x20,
    0xb0,
    0x30,
    0x81,
    0x10,
    0x00,
    0x00,
    0x6f,
    0xff,
    0xff,
    0x02,
    0x07,
    0x2a,
    0x4e,
    0x2e,
    0xf5,
    0x8d,
    0x10,
    0xc0,
    0x4a,
    0x29,
    0x35,
    0xd2,
    0xd6,
};
static const uint8_t seed_picmg_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x04,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x81,
    0xb4,
    0xcb,
    0x20,
    0x10,
    0x00,
    0xc1,
    0x0f,
    0xff,
    0xff,
    0x02,
    0x07,
    0xcb,
    0xf6,
    0x8c,
    0xca,
    0x2b,
    0x9c,
    0x8b,
    0xb0,
    0x12,
    0x43,
    0x28,
    0xf3,
};
static const uint8_t seed_vso_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x07,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x20,
    0xb0,
    0x30,
    0x81,
    0x14,
    0x00,
    0x03,
    0x68,
    0xff,
    0xff,
    0x02,
    0x07,
    0x93,
    0x4d,
    0x7b,
    0xfb,
    0xc8,
    0xc0,
    0x5b,
    0x2b,
    0x11,
    0x82,
    0xe1,
    0x14,
};
static const uint8_t seed_vso_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x05,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x81,
    0xb4,
    0xcb,
    0x20,
    0x14,
    0x00,
    0xc1,
    0x0b,
    0xff,
    0xff,
    0x02,
    0x07,
    0x73,
    0x16,
    0x70,
    0xfe,
    0x2b,
    0xe6,
    0xac,
    0x88,
    0xed,
    0x34,
    0x24,
    0x7c,
};
static const uint8_t seed_chassis_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x08,
    0x00,
    0x00,
    0x00,
    0x07,
    0x00,
    0x20,
    0x00,
    0xe0,
    0x81,
    0x18,
    0x01,
    0x66,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0xa7,
    0x7d,
    0x18,
    0x08,
    0x25,
    0x3b,
    0x37,
    0x2f,
    0x42,
    0x5f,
    0xc4,
    0x6a,
};
static const uint8_t seed_chassis_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x06,
    0x00,
    0x00,
    0x00,
    0x0b,
    0x00,
    0x81,
    0x04,
    0x7b,
    0x20,
    0x18,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0xc6,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0x86,
    0x87,
    0x98,
    0xfa,
    0x70,
    0x35,
    0x87,
    0x15,
    0x34,
    0x74,
    0x72,
    0x00,
};
static const uint8_t seed_close_req[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0x82,
    0x06,
    0x00,
    0x00,
    0x09,
    0x00,
    0x00,
    0x00,
    0x0b,
    0x00,
    0x20,
    0x18,
    0xc8,
    0x81,
    0x1c,
    0x3c,
    0x82,
    0x06,
    0x00,
    0x00,
    0x9f,
    0xff,
    0xff,
    0xff,
    0x03,
    0x07,
    0xab,
    0x5c,
    0xd9,
    0xd1,
    0x57,
    0x07,
    0xe4,
    0xbf,
    0xdd,
    0xca,
    0xb6,
    0xbe,
};
static const uint8_t seed_close_rsp[] = {
    0x06,
    0x00,
    0xff,
    0x07,
    0x06,
    0x40,
    0xa4,
    0xa3,
    0xa2,
    0xa0,
    0x07,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x81,
    0x1c,
    0x63,
    0x20,
    0x1c,
    0x3c,
    0x00,
    0x88,
    0xff,
    0xff,
    0x02,
    0x07,
    0xc8,
    0x61,
    0x4f,
    0xfe,
    0xfd,
    0x98,
    0xa5,
    0xb0,
    0x7c,
    0x2c,
    0xd4,
    0x81,
};

static const struct vec seeds[] = {
    VEC(seed_caps_req),
    VEC(seed_caps_rsp),
    VEC(seed_open_req),
    VEC(seed_open_rsp),
    VEC(seed_rakp1),
    VEC(seed_rakp2),
    VEC(seed_rakp3),
    VEC(seed_rakp4),
    VEC(seed_priv_req),
    VEC(seed_priv_rsp),
    VEC(seed_hpm_req),
    VEC(seed_hpm_rsp),
    VEC(seed_devid_req),
    VEC(seed_devid_rsp),
    VEC(seed_picmg_req),
    VEC(seed_picmg_rsp),
    VEC(seed_vso_req),
    VEC(seed_vso_rsp),
    VEC(seed_chassis_req),
    VEC(seed_chassis_rsp),
    VEC(seed_close_req),
    VEC(seed_close_rsp),
};
#define NSEEDS (sizeof(seeds) / sizeof(seeds[0]))

/* Runs the describer into a string. */
static char out[65536];

static int
describe(const char *indent, const uint8_t *p, size_t n)
{
	FILE  *fp;
	size_t len;
	int    rc;

	ck_assert_ptr_nonnull(fp = tmpfile());
	rc = describe_datagram(fp, indent, p, n);
	fflush(fp);
	rewind(fp);
	len = fread(out, 1, sizeof(out) - 1, fp);
	out[len] = '\0';
	fclose(fp);
	return rc;
}

/* The golden description of the Set Session Privilege Level request. */
static const char golden_priv_req[] =
    "> RMCP header\n"
    ">   0000  06                       version: RMCP 1.0\n"
    ">   0001  00                       reserved\n"
    ">   0002  ff                       sequence: 255, no RMCP ACK wanted\n"
    ">   0003  07                       class: 07h (IPMI)\n"
    "> RMCP+ session header\n"
    ">   0004  06                       auth type: 06h (RMCP+)\n"
    ">   0005  40                       "
    "payload type: 00h (IPMI), not encrypted, authenticated\n"
    ">   0006  82 06 00 00              session ID: 0x00000682\n"
    ">   000a  03 00 00 00              session sequence: 3\n"
    ">   000e  08 00                    payload length: 8\n"
    "> IPMI request (8 bytes)\n"
    ">   0010  20                       rsAddr: 20h (BMC)\n"
    ">   0011  18                       "
    "netFn/rsLUN: netFn 06h (App request), LUN 0\n"
    ">   0012  c8                       checksum 1: ok\n"
    ">   0013  81                       rqAddr: 81h (remote console)\n"
    ">   0014  04                       rqSeq/rqLUN: rqSeq 1, LUN 0\n"
    ">   0015  3b                       "
    "command: 3bh (Set Session Privilege Level)\n"
    ">   0016  04                       requested privilege: ADMINISTRATOR\n"
    ">   0017  3c                       checksum 2: ok\n"
    "> RMCP+ integrity trailer\n"
    ">   0018  ff ff                    integrity pad: 2 bytes of ffh\n"
    ">   001a  02                       pad length: 2\n"
    ">   001b  07                       next header: 07h\n"
    ">   001c  61 ff e9 60 e6 5a 56 3c  auth code: 12 bytes, HMAC-SHA1-96\n"
    ">   0024  ac 5d 28 5a\n";

START_TEST(test_golden)
{
	ck_assert_int_eq(
	    describe("> ", seed_priv_req, sizeof(seed_priv_req)), 0);
	ck_assert_str_eq(out, golden_priv_req);
}
END_TEST

/* Every seed datagram describes cleanly, with nothing flagged. */
START_TEST(test_seeds_clean)
{
	const struct vec *v = &seeds[_i];

	ck_assert_int_eq(describe("", v->p, v->n), 0);
	ck_assert_ptr_null(strstr(out, "**"));
	ck_assert_ptr_null(strstr(out, "BAD"));
	ck_assert_ptr_nonnull(strstr(out, "RMCP header\n"));
}
END_TEST

/* Every truncation fails, says where, and never reads past the end. */
START_TEST(test_seeds_every_truncation)
{
	const struct vec *v = &seeds[_i];
	uint8_t		 *copy;
	size_t		  n;

	for (n = 0; n < v->n; n++) {
		/* An exact-size heap copy lets ASan catch an over-read. */
		ck_assert_ptr_nonnull(copy = malloc(n + 1));
		memcpy(copy, v->p, n);
		ck_assert_int_ne(describe("", copy, n), 0);
		ck_assert_ptr_nonnull(strstr(out, "**"));
		free(copy);
	}
}
END_TEST

START_TEST(test_seeds_leftover)
{
	const struct vec *v = &seeds[_i];
	uint8_t		  buf[128];
	int		  rc;

	memcpy(buf, v->p, v->n);
	buf[v->n] = 0x00;
	rc = describe("", buf, v->n + 1);
	ck_assert_int_ne(rc, 0);
	/* With a trailer the extra byte breaks its layout instead. */
	ck_assert(rc == ERR_TRAILING || rc == ERR_PAD);
}
END_TEST

START_TEST(test_1_5_request)
{
	ck_assert_int_eq(describe("", seed_caps_req, sizeof(seed_caps_req)), 0);
	ck_assert_ptr_nonnull(strstr(out, "IPMI 1.5 session header\n"));
	ck_assert_ptr_nonnull(strstr(out, "auth type: 00h (NONE)\n"));
	ck_assert_ptr_nonnull(strstr(
	    out, "command: 38h (Get Channel Authentication Capabilities)\n"));
	/* The request data, field by field (describe_cmd.c). */
	ck_assert_ptr_nonnull(strstr(out,
	    "0014  8e                       "
	    "channel: 14 (this channel)\n"));
	ck_assert_ptr_nonnull(strstr(out,
	    "0015  04                       "
	    "requested maximum privilege: "
	    "ADMINISTRATOR\n"));
}
END_TEST

START_TEST(test_session_setup_fields)
{
	ck_assert_int_eq(describe("", seed_open_req, sizeof(seed_open_req)), 0);
	ck_assert_ptr_nonnull(strstr(out, "algorithm: 01h (RAKP-HMAC-SHA1)"));
	ck_assert_ptr_nonnull(strstr(out, "algorithm: 01h (HMAC-SHA1-96)"));
	ck_assert_ptr_nonnull(strstr(out, "algorithm: 00h (none)"));
	ck_assert_int_eq(describe("", seed_open_rsp, sizeof(seed_open_rsp)), 0);
	ck_assert_ptr_nonnull(strstr(out, "status: 00h (no errors)"));
	ck_assert_ptr_nonnull(strstr(out, "BMC session ID: 0x00000682"));
	ck_assert_int_eq(describe("", seed_rakp1, sizeof(seed_rakp1)), 0);
	ck_assert_ptr_nonnull(
	    strstr(out, "requested role: ADMINISTRATOR, name-only lookup"));
	ck_assert_ptr_nonnull(strstr(out, "user name: \"ADMIN\""));
	ck_assert_int_eq(describe("", seed_rakp2, sizeof(seed_rakp2)), 0);
	ck_assert_ptr_nonnull(strstr(out, "key exchange auth code: 20 bytes"));
	ck_assert_int_eq(describe("", seed_rakp4, sizeof(seed_rakp4)), 0);
	ck_assert_ptr_nonnull(strstr(out, "integrity check value: 12 bytes"));
}
END_TEST

/* A deactivation notice: RMCP+, SOL, session 1234h, seq 9. */
static const uint8_t sol_notice[] = {0x06, 0x00, 0xff, 0x07, 0x06, 0x01, 0x34,
    0x12, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x03, 0x00,
    0x50};

START_TEST(test_sol_fields)
{
	size_t n;

	ck_assert_int_eq(describe("", sol_notice, sizeof(sol_notice)), 0);
	ck_assert_ptr_nonnull(strstr(out, "SOL payload (4 bytes)\n"));
	ck_assert_ptr_nonnull(strstr(out,
	    "packet sequence number: 0: an ACK only, no characters "
	    "expected\n"));
	ck_assert_ptr_nonnull(strstr(out, "ACK/NACK sequence number: 3\n"));
	ck_assert_ptr_nonnull(strstr(out, "accepted character count: 0\n"));
	ck_assert_ptr_nonnull(strstr(out,
	    "to the BMC: NACK, break; to the console: NACK, deactivated\n"));
	/* Every truncation of the payload is reported, not read past. */
	for (n = 16; n < sizeof(sol_notice); n++) {
		uint8_t cut[sizeof(sol_notice)];

		memcpy(cut, sol_notice, n);
		cut[14] = (uint8_t)(n - 16);
		ck_assert_int_eq(describe("", cut, n), ERR_TRUNCATED);
		ck_assert_ptr_nonnull(strstr(out, "truncated"));
	}
}
END_TEST

START_TEST(test_response_names)
{
	ck_assert_int_eq(describe("", seed_hpm_rsp, sizeof(seed_hpm_rsp)), 0);
	ck_assert_ptr_nonnull(strstr(out, "IPMI response (8 bytes)"));
	ck_assert_ptr_nonnull(
	    strstr(out, "completion code: c1h (invalid command)"));
	ck_assert_ptr_nonnull(strstr(out, "Group Extension response"));
}
END_TEST

START_TEST(test_bad_checksum)
{
	uint8_t buf[sizeof(seed_caps_req)];

	memcpy(buf, seed_caps_req, sizeof(buf));
	buf[sizeof(buf) - 1] ^= 0xff;
	ck_assert_int_eq(describe("", buf, sizeof(buf)), ERR_CHECKSUM);
	ck_assert_ptr_nonnull(strstr(out, "checksum 1: ok\n"));
	ck_assert_ptr_nonnull(strstr(out, "checksum 2: BAD, expected b5h\n"));
}
END_TEST

START_TEST(test_bad_trailer)
{
	uint8_t buf[sizeof(seed_priv_req)];

	memcpy(buf, seed_priv_req, sizeof(buf));
	buf[27] = 0x08; /* next header */
	ck_assert_int_eq(describe("", buf, sizeof(buf)), ERR_PAD);
	ck_assert_ptr_nonnull(strstr(out, "next header: 08h, BAD"));
	memcpy(buf, seed_priv_req, sizeof(buf));
	buf[26] = 0x01; /* pad length */
	ck_assert_int_eq(describe("", buf, sizeof(buf)), ERR_PAD);
	ck_assert_ptr_nonnull(strstr(out, "pad length: 1, BAD"));
}
END_TEST

START_TEST(test_encrypted)
{
	static const uint8_t enc[] = {
	    0x06,
	    0x00,
	    0xff,
	    0x07,
	    0x06,
	    0xc0,
	    0x82,
	    0x06,
	    0x00,
	    0x00,
	    0x0a,
	    0x00,
	    0x00,
	    0x00,
	    0x04,
	    0x00,
	    0xde,
	    0xad,
	    0xbe,
	    0xef,
	    0xff,
	    0xff,
	    0x02,
	    0x07,
	    0,
	    1,
	    2,
	    3,
	    4,
	    5,
	    6,
	    7,
	    8,
	    9,
	    10,
	    11,
	    12,
	    13,
	    14,
	    15,
	};

	ck_assert_int_eq(describe("", enc, sizeof(enc)), 0);
	ck_assert_ptr_nonnull(strstr(out, "payload: encrypted (4 bytes)\n"));
	ck_assert_ptr_nonnull(strstr(out,
	    "auth code: 16 bytes, HMAC-MD5-128, MD5-128 or HMAC-SHA256-128"));
}
END_TEST

START_TEST(test_asf)
{
	static const uint8_t ping[] = {
	    0x06,
	    0x00,
	    0xff,
	    0x06,
	    0x00,
	    0x00,
	    0x11,
	    0xbe,
	    0x80,
	    0x05,
	    0x00,
	    0x00,
	};
	static const uint8_t pong[] = {
	    0x06,
	    0x00,
	    0xff,
	    0x06,
	    0x00,
	    0x00,
	    0x11,
	    0xbe,
	    0x40,
	    0x05,
	    0x00,
	    0x10,
	    0x00,
	    0x00,
	    0x11,
	    0xbe,
	    0x00,
	    0x00,
	    0x00,
	    0x00,
	    0x81,
	    0x00,
	    0x00,
	    0x00,
	    0x00,
	    0x00,
	    0x00,
	    0x00,
	};
	size_t n;

	ck_assert_int_eq(describe("", ping, sizeof(ping)), 0);
	ck_assert_ptr_nonnull(strstr(out, "message type: 80h (presence ping)"));
	ck_assert_int_eq(describe("", pong, sizeof(pong)), 0);
	ck_assert_ptr_nonnull(strstr(out, "presence pong"));
	ck_assert_ptr_nonnull(
	    strstr(out, "supported entities: 81h: IPMI ASF-1.0"));
	for (n = 0; n < sizeof(pong); n++)
		ck_assert_int_ne(describe("", pong, n), 0);
}
END_TEST

START_TEST(test_odd_headers)
{
	static const uint8_t unknown_class[] = {0x06, 0x00, 0xff, 0x1f, 1};
	static const uint8_t bad_version[] = {0x05, 0x00, 0xff, 0x07};
	static const uint8_t ack[] = {0x06, 0x00, 0x05, 0x86};
	static const uint8_t bad_authtype[] = {
	    0x06, 0x00, 0xff, 0x07, 0x03, 0x00};

	ck_assert_int_eq(
	    describe("", unknown_class, sizeof(unknown_class)), ERR_FORMAT);
	ck_assert_ptr_nonnull(strstr(out, "class: 1fh (unknown)"));
	ck_assert_int_eq(
	    describe("", bad_version, sizeof(bad_version)), ERR_FORMAT);
	ck_assert_int_eq(describe("", ack, sizeof(ack)), 0);
	ck_assert_ptr_nonnull(strstr(out, "class: 06h (ASF), ACK"));
	ck_assert_int_eq(
	    describe("", bad_authtype, sizeof(bad_authtype)), ERR_FORMAT);
}
END_TEST

START_TEST(test_rakp1_long_name)
{
	uint8_t buf[sizeof(seed_rakp1)];

	memcpy(buf, seed_rakp1, sizeof(buf));
	buf[16 + 27] = 17;
	ck_assert_int_eq(describe("", buf, sizeof(buf)), ERR_FORMAT);
	ck_assert_ptr_nonnull(strstr(out, "user name length: 17, BAD"));
}
END_TEST

/* IPMI 2.0 §13.6: a 56-byte 1.5 datagram with its legacy pad byte. */
START_TEST(test_legacy_pad)
{
	uint8_t buf[57];

	memset(buf, 0, sizeof(buf));
	memcpy(buf, seed_caps_req, 4);
	buf[4] = 0x02; /* MD5: 16-byte auth code */
	buf[29] = 26;  /* message length */
	buf[30] = 0x20;
	buf[31] = 0x18;
	buf[32] = 0xc8;
	buf[33] = 0x81;
	buf[34] = 0x00;
	buf[35] = 0x01;
	buf[55] = 0x7e; /* checksum 2 */
	ck_assert_int_eq(describe("", buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(out, "legacy pad"));
	buf[56] = 1;
	ck_assert_int_eq(describe("", buf, sizeof(buf)), ERR_TRAILING);
}
END_TEST

/* Random bytes and mutated seeds: never a crash, never an over-read. */
START_TEST(test_garbage)
{
	uint32_t	  x = 12345;
	uint8_t		 *buf;
	size_t		  i, n, k;
	const struct vec *v;

	for (i = 0; i < 3000; i++) {
		v = &seeds[i % NSEEDS];
		n = i % 3 == 0 ? (x >> 8) % 96 : v->n;
		ck_assert_ptr_nonnull(buf = malloc(n + 1));
		for (k = 0; k < n; k++) {
			x = x * 1103515245 + 12345;
			if (i % 3 == 0)
				buf[k] = (uint8_t)(x >> 16);
			else
				buf[k] = (x >> 16) % 16 == 0
				    ? (uint8_t)(x >> 24)
				    : v->p[k];
		}
		/* Keep some garbage past the header so it reaches deeper. */
		if (i % 3 == 0 && n >= 4) {
			buf[0] = 0x06;
			buf[3] = i % 2 ? 0x07 : 0x06;
		}
		(void)describe("", buf, n);
		free(buf);
	}
}
END_TEST

START_TEST(test_ipmi_msg)
{
	FILE *fp;
	int   rc;

	ck_assert_ptr_nonnull(fp = tmpfile());
	rc = describe_ipmi_msg(fp, "", seed_caps_rsp + 14, 16);
	fclose(fp);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(fp = tmpfile());
	rc = describe_ipmi_msg(fp, "", seed_caps_rsp + 14, 5);
	fclose(fp);
	ck_assert_int_eq(rc, ERR_TRUNCATED);
}
END_TEST

START_TEST(test_summary)
{
	char buf[256], tiny[8];

	ck_assert_str_eq(describe_summary(buf, sizeof(buf), seed_caps_req,
			     sizeof(seed_caps_req)),
	    "IPMI 1.5 NONE sid 0x00000000 seq 0 App "
	    "Get Channel Authentication Capabilities request rqSeq 0");
	ck_assert_str_eq(describe_summary(buf, sizeof(buf), seed_priv_rsp,
			     sizeof(seed_priv_rsp)),
	    "RMCP+ IPMI sid 0xa0a2a3a4 seq 1 auth "
	    "App Set Session Privilege Level response rqSeq 1 cc 00h");
	ck_assert_str_eq(
	    describe_summary(buf, sizeof(buf), seed_rakp2, sizeof(seed_rakp2)),
	    "RMCP+ RAKP Message 2 sid 0x00000000 seq 0");
	ck_assert_str_eq(describe_summary(buf, sizeof(buf), seed_rakp2, 3),
	    "short datagram (3 bytes)");
	ck_assert_str_eq(describe_summary(tiny, sizeof(tiny), seed_rakp2,
			     sizeof(seed_rakp2)),
	    "RMCP+ R");
	ck_assert_str_eq(
	    describe_summary(tiny, 1, seed_rakp2, sizeof(seed_rakp2)), "");
	ck_assert_ptr_eq(describe_summary(tiny, 0, seed_rakp2, 3), tiny);
}
END_TEST

static Suite *
describe_suite(void)
{
	Suite *s = suite_create("describe");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_golden);
	tcase_add_loop_test(tc, test_seeds_clean, 0, NSEEDS);
	tcase_add_loop_test(tc, test_seeds_every_truncation, 0, NSEEDS);
	tcase_add_loop_test(tc, test_seeds_leftover, 0, NSEEDS);
	tcase_add_test(tc, test_1_5_request);
	tcase_add_test(tc, test_session_setup_fields);
	tcase_add_test(tc, test_response_names);
	tcase_add_test(tc, test_bad_checksum);
	tcase_add_test(tc, test_bad_trailer);
	tcase_add_test(tc, test_encrypted);
	tcase_add_test(tc, test_asf);
	tcase_add_test(tc, test_odd_headers);
	tcase_add_test(tc, test_rakp1_long_name);
	tcase_add_test(tc, test_legacy_pad);
	tcase_add_test(tc, test_garbage);
	tcase_add_test(tc, test_ipmi_msg);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_sol_fields);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(describe_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
