/*
 * The reply cache of one session: the last thing the BMC answered and
 * what it answered, so that a retransmission is answered again instead of
 * being executed twice.  UDP loses datagrams; a console that hears nothing
 * sends its request again, and a Chassis Control or an Add SEL Entry must
 * not run twice (a retry carries a new session sequence number but the
 * same rqSeq, IPMI 2.0 §6.12.13).  It holds either
 *   - a handshake reply datagram (RAKP2, RAKP4) with the request payload
 *     it answered (RAKP1, RAKP3): only an exact retransmit gets it again;
 *   - or an IPMI response message with the request's rqSeq, netFn,
 *     command, requester address and a hash of its data, and the
 *     follow-up message (a bridged response) that went with it, if any:
 *     the response is wrapped again under a new sequence number.
 * The cache is part of struct session, wiped with it; nothing here
 * allocates.
 */
#ifndef BMCSIM_REPLY_CACHE_H
#define BMCSIM_REPLY_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "ipmimsg.h"
#include "rakp.h"

/* Room for any handshake reply datagram or any IPMI response message. */
#define REPLY_CACHE_MAX (IPMIMSG_RSP_HEADER_LEN + IPMIMSG_DATA_MAX)
/* The longest handshake request kept (a RAKP1 with a 16-byte name). */
#define REPLY_CACHE_REQ_MAX (RAKP1_FIXED_LEN + RAKP_NAME_MAX)

enum reply_cache_kind {
	REPLY_CACHE_NONE = 0, /* zeroed memory is an empty cache */
	REPLY_CACHE_HANDSHAKE,
	REPLY_CACHE_RESPONSE
};

struct reply_cache {
	uint8_t kind; /* enum reply_cache_kind */
	/* REPLY_CACHE_RESPONSE: the request answered. */
	uint8_t	 rq_seq;
	uint8_t	 netfn;
	uint8_t	 cmd;
	uint8_t	 rq_addr;
	uint32_t req_hash;
	/* REPLY_CACHE_HANDSHAKE: the request payload answered. */
	uint8_t	 req_len;
	uint8_t	 req[REPLY_CACHE_REQ_MAX];
	uint16_t len; /* of data */
	uint16_t followup_len;
	uint8_t	 data[REPLY_CACHE_MAX];
	uint8_t	 followup[REPLY_CACHE_MAX];
};

/*
 * The hash that tells a retry from a new request with the same rqSeq
 * (FNV-1a over the request data).  Computed once per request and passed
 * to reply_cache_is_retry() and reply_cache_put_response().
 */
uint32_t reply_cache_hash(const struct ipmi_req *);

/*
 * 1 when req (whose reply_cache_hash() is hash) is a retry of the request
 * whose response is cached: same rqSeq, netFn, command, requester address
 * and data.  0 otherwise, and always for a cached handshake.
 */
int reply_cache_is_retry(
    const struct reply_cache *, const struct ipmi_req *, uint32_t hash);

/* 1 when a response to netfn/cmd is cached, else 0. */
int reply_cache_holds_response(
    const struct reply_cache *, uint8_t netfn, uint8_t cmd);

/*
 * Replaces the cache with the response message msg to req and its
 * follow-up message (followup_len 0: none).  Returns 0, or ERR_NOSPACE
 * when either is over REPLY_CACHE_MAX (the cache is then empty).
 */
int reply_cache_put_response(struct reply_cache *, const struct ipmi_req *,
    uint32_t hash, const uint8_t *msg, size_t len, const uint8_t *followup,
    size_t followup_len);

/* The cached response message (*len 0 and NULL when none). */
const uint8_t *reply_cache_response(const struct reply_cache *, size_t *len);
/* The cached follow-up message (*len 0 and NULL when none). */
const uint8_t *reply_cache_followup(const struct reply_cache *, size_t *len);

/*
 * Replaces the cache with the handshake reply datagram reply, sent for the
 * request payload req.  Returns 0, or ERR_NOSPACE when the request is over
 * REPLY_CACHE_REQ_MAX or the reply over REPLY_CACHE_MAX (the cache is then
 * empty: no retransmit of that request can be recognised).
 */
int reply_cache_put_handshake(struct reply_cache *, const uint8_t *req,
    size_t reqlen, const uint8_t *reply, size_t replylen);

/*
 * When req is byte for byte the request payload of the cached handshake
 * reply, returns that reply (its length in *len); else NULL.
 */
const uint8_t *reply_cache_handshake(
    const struct reply_cache *, const uint8_t *req, size_t reqlen, size_t *len);

#endif
