/*
 * The IPMI LAN message (IPMI 2.0 §13.8, table 13-4 and 13-5): responder and
 * requester addresses, netFn/LUN, two two's-complement checksums, rqSeq,
 * command, completion code (responses) and data; and the protocol-wide
 * constants that go with it.
 */
#ifndef BMCSIM_IPMIMSG_H
#define BMCSIM_IPMIMSG_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

#define IPMIMSG_REQ_HEADER_LEN 7 /* rsSA netFn ck1 rqSA seq cmd ck2 */
#define IPMIMSG_RSP_HEADER_LEN 8 /* ... plus completion code */
#define IPMIMSG_DATA_MAX       255
#define IPMIMSG_BMC_ADDR       0x20 /* BMC slave address */
#define IPMIMSG_CONSOLE_ADDR   0x81 /* remote console software ID */

/* Network functions (requests; a response is netFn | 1). */
#define IPMI_NETFN_CHASSIS   0x00
#define IPMI_NETFN_BRIDGE    0x02
#define IPMI_NETFN_SENSOR    0x04
#define IPMI_NETFN_APP	     0x06
#define IPMI_NETFN_FIRMWARE  0x08
#define IPMI_NETFN_STORAGE   0x0a
#define IPMI_NETFN_TRANSPORT 0x0c
#define IPMI_NETFN_GROUP     0x2c
#define IPMI_NETFN_OEM	     0x2e

/* Privilege levels (IPMI 2.0 §6.8). */
#define IPMI_PRIV_NONE	    0x00 /* "highest" in requests */
#define IPMI_PRIV_CALLBACK  0x01
#define IPMI_PRIV_USER	    0x02
#define IPMI_PRIV_OPERATOR  0x03
#define IPMI_PRIV_ADMIN	    0x04
#define IPMI_PRIV_OEM	    0x05
#define IPMI_PRIV_NO_ACCESS 0x0f

/* Generic completion codes (IPMI 2.0 §5.2, table 5-2). */
#define IPMI_CC_OK		      0x00
#define IPMI_CC_NODE_BUSY	      0xc0
#define IPMI_CC_INVALID_CMD	      0xc1
#define IPMI_CC_INVALID_CMD_FOR_LUN   0xc2
#define IPMI_CC_TIMEOUT		      0xc3
#define IPMI_CC_OUT_OF_SPACE	      0xc4
#define IPMI_CC_INVALID_RESERVATION   0xc5
#define IPMI_CC_DATA_TRUNCATED	      0xc6
#define IPMI_CC_REQ_DATA_LEN_INVALID  0xc7
#define IPMI_CC_REQ_DATA_LEN_EXCEEDED 0xc8
#define IPMI_CC_PARAM_OUT_OF_RANGE    0xc9
#define IPMI_CC_CANT_RETURN_BYTES     0xca
#define IPMI_CC_NOT_PRESENT	      0xcb
#define IPMI_CC_INVALID_DATA_FIELD    0xcc
#define IPMI_CC_ILLEGAL_FOR_SENSOR    0xcd
#define IPMI_CC_CANT_RESPOND	      0xce
#define IPMI_CC_DUPLICATE_REQUEST     0xcf
#define IPMI_CC_SDR_UPDATE_MODE	      0xd0
#define IPMI_CC_FW_UPDATE_MODE	      0xd1
#define IPMI_CC_INIT_IN_PROGRESS      0xd2
#define IPMI_CC_DESTINATION_UNAVAIL   0xd3
#define IPMI_CC_INSUFFICIENT_PRIV     0xd4
#define IPMI_CC_NOT_SUPPORTED_NOW     0xd5
#define IPMI_CC_SUBFUNCTION_DISABLED  0xd6
#define IPMI_CC_UNSPECIFIED	      0xff

struct ipmi_req {
	uint8_t	       rs_addr;
	uint8_t	       netfn;
	uint8_t	       rs_lun;
	uint8_t	       rq_addr;
	uint8_t	       rq_seq; /* 6 bits */
	uint8_t	       rq_lun;
	uint8_t	       cmd;
	const uint8_t *data;
	size_t	       data_len;
};

struct ipmi_rsp {
	uint8_t	       rq_addr;
	uint8_t	       netfn; /* the response netFn (odd) */
	uint8_t	       rq_lun;
	uint8_t	       rs_addr;
	uint8_t	       rq_seq;
	uint8_t	       rs_lun;
	uint8_t	       cmd;
	uint8_t	       cc;
	const uint8_t *data;
	size_t	       data_len;
};

/* Two's-complement checksum: the byte that makes the sum of all zero. */
uint8_t ipmimsg_checksum(const uint8_t *, size_t);

/*
 * Decode a message spanning all of (p, n).  Return 0, ERR_TRUNCATED,
 * ERR_CHECKSUM, or ERR_INVALID_ARG if p holds more than IPMIMSG_DATA_MAX
 * data bytes.
 */
int ipmimsg_decode_req(const uint8_t *, size_t, struct ipmi_req *);
int ipmimsg_decode_rsp(const uint8_t *, size_t, struct ipmi_rsp *);

/* Encode with both checksums.  Return 0, ERR_NOSPACE or ERR_INVALID_ARG. */
int ipmimsg_encode_req(const struct ipmi_req *, uint8_t *, size_t, size_t *);
int ipmimsg_encode_rsp(const struct ipmi_rsp *, uint8_t *, size_t, size_t *);

#endif
