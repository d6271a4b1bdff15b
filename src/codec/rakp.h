/*
 * The RMCP+ session establishment payloads (IPMI 2.0 §13.17-13.23): Open
 * Session request and response, RAKP messages 1 to 4.
 *
 * Decoders take the payload span and must consume it exactly.  They clear
 * the record first and fill fields in wire order, so after a failure the
 * fields before the failing one are valid: the responder uses that to
 * answer a malformed message with a status code addressed by its tag and
 * console session ID.
 */
#ifndef BMCSIM_RAKP_H
#define BMCSIM_RAKP_H

#include <stddef.h>
#include <stdint.h>

#define RAKP_RAND_LEN	     16
#define RAKP_GUID_LEN	     16
#define RAKP_NAME_MAX	     16
#define RAKP_ROLE_PRIV_MASK  0x0f
#define RAKP_ROLE_NAME_ONLY  0x10 /* bit 4: name-only lookup */
#define RAKP_OPEN_REQ_LEN    32
#define RAKP_OPEN_RSP_LEN    36
#define RAKP_ERROR_LEN	     8 /* responses with a non-zero status */
#define RAKP1_FIXED_LEN	     28
#define RAKP_ALG_PAYLOAD_LEN 8

/* Algorithm payload types in Open Session (table 13-17). */
#define RAKP_ALG_TYPE_AUTH  0x00
#define RAKP_ALG_TYPE_INTEG 0x01
#define RAKP_ALG_TYPE_CONF  0x02

/* RMCP+ status codes (table 13-15). */
#define RMCPP_STATUS_OK			     0x00
#define RMCPP_STATUS_NO_RESOURCES	     0x01
#define RMCPP_STATUS_INVALID_SESSION_ID	     0x02
#define RMCPP_STATUS_INVALID_PAYLOAD_TYPE    0x03
#define RMCPP_STATUS_INVALID_AUTH_ALG	     0x04
#define RMCPP_STATUS_INVALID_INTEG_ALG	     0x05
#define RMCPP_STATUS_NO_MATCHING_AUTH	     0x06
#define RMCPP_STATUS_NO_MATCHING_INTEG	     0x07
#define RMCPP_STATUS_INACTIVE_SESSION_ID     0x08
#define RMCPP_STATUS_INVALID_ROLE	     0x09
#define RMCPP_STATUS_UNAUTHORIZED_ROLE	     0x0a
#define RMCPP_STATUS_NO_RESOURCES_AT_ROLE    0x0b
#define RMCPP_STATUS_INVALID_NAME_LEN	     0x0c
#define RMCPP_STATUS_UNAUTHORIZED_NAME	     0x0d
#define RMCPP_STATUS_UNAUTHORIZED_GUID	     0x0e
#define RMCPP_STATUS_INVALID_INTEGRITY_VALUE 0x0f
#define RMCPP_STATUS_INVALID_CONF_ALG	     0x10
#define RMCPP_STATUS_NO_SUITE_MATCH	     0x11
#define RMCPP_STATUS_ILLEGAL_PARAMETER	     0x12

struct rakp_open_req {
	uint8_t	 tag;
	uint8_t	 role; /* requested maximum privilege */
	uint32_t console_sid;
	uint8_t	 auth_alg;
	uint8_t	 integ_alg;
	uint8_t	 conf_alg;
};

/* With a non-zero status only tag, status and console_sid go on the wire. */
struct rakp_open_rsp {
	uint8_t	 tag;
	uint8_t	 status;
	uint8_t	 max_priv;
	uint32_t console_sid;
	uint32_t bmc_sid;
	uint8_t	 auth_alg;
	uint8_t	 integ_alg;
	uint8_t	 conf_alg;
};

struct rakp1 {
	uint8_t	 tag;
	uint32_t bmc_sid;
	uint8_t	 console_rand[RAKP_RAND_LEN];
	uint8_t	 role; /* privilege | RAKP_ROLE_NAME_ONLY */
	uint8_t	 name_len;
	uint8_t	 name[RAKP_NAME_MAX];
};

/* With a non-zero status only tag, status and console_sid go on the wire. */
struct rakp2 {
	uint8_t	       tag;
	uint8_t	       status;
	uint32_t       console_sid;
	uint8_t	       bmc_rand[RAKP_RAND_LEN];
	uint8_t	       guid[RAKP_GUID_LEN];
	const uint8_t *auth; /* key exchange auth code */
	size_t	       auth_len;
};

struct rakp3 {
	uint8_t	       tag;
	uint8_t	       status;
	uint32_t       bmc_sid;
	const uint8_t *auth;
	size_t	       auth_len;
};

/* With a non-zero status the ICV is absent. */
struct rakp4 {
	uint8_t	       tag;
	uint8_t	       status;
	uint32_t       console_sid;
	const uint8_t *icv;
	size_t	       icv_len;
};

/*
 * Open Session request: exactly 32 bytes, three algorithm payloads of type
 * 0, 1, 2 in that order, each with length 08h.  Returns 0, ERR_TRUNCATED,
 * ERR_TRAILING, or ERR_FORMAT for a wrong payload type or length byte.
 */
int rakp_decode_open_req(const uint8_t *, size_t, struct rakp_open_req *);
int
rakp_encode_open_req(const struct rakp_open_req *, uint8_t *, size_t, size_t *);

/* Response: 36 bytes with status 0, else 8.  Same error codes. */
int rakp_decode_open_rsp(const uint8_t *, size_t, struct rakp_open_rsp *);
int
rakp_encode_open_rsp(const struct rakp_open_rsp *, uint8_t *, size_t, size_t *);

/*
 * RAKP1: 28 bytes plus name_len name bytes.  ERR_FORMAT when the name
 * length is over 16 (the responder answers 0x0C), ERR_TRAILING or
 * ERR_TRUNCATED when it disagrees with the payload length.
 */
int rakp_decode_rakp1(const uint8_t *, size_t, struct rakp1 *);
int rakp_encode_rakp1(const struct rakp1 *, uint8_t *, size_t, size_t *);

/* RAKP2: 40 bytes plus the auth code (the rest), or 8 with a status. */
int rakp_decode_rakp2(const uint8_t *, size_t, struct rakp2 *);
int rakp_encode_rakp2(const struct rakp2 *, uint8_t *, size_t, size_t *);

/* RAKP3: 8 bytes plus the auth code (the rest; none with a status). */
int rakp_decode_rakp3(const uint8_t *, size_t, struct rakp3 *);
int rakp_encode_rakp3(const struct rakp3 *, uint8_t *, size_t, size_t *);

/* RAKP4: 8 bytes plus the ICV (the rest). */
int rakp_decode_rakp4(const uint8_t *, size_t, struct rakp4 *);
int rakp_encode_rakp4(const struct rakp4 *, uint8_t *, size_t, size_t *);

#endif
