/*
 * The initiator: the remote console side, sans I/O.
 *
 * It produces every datagram of a login (Get Channel Authentication
 * Capabilities, then either Get Session Challenge and Activate Session for
 * IPMI 1.5, or Open Session, RAKP1 and RAKP3 for RMCP+, then optionally Set
 * Session Privilege Level), wraps in-session requests and verifies and
 * unwraps their responses.  It never waits: when to retransmit is the
 * caller's decision (initiator_retransmit() gives the same bytes again for
 * a handshake step, and a fresh sequence number for a request).
 */
#ifndef BMCSIM_INITIATOR_H
#define BMCSIM_INITIATOR_H

#include <stddef.h>
#include <stdint.h>

#include "ipmimsg.h"

struct rng;
struct initiator;

#define INITIATOR_IPMI20 2
#define INITIATOR_IPMI15 1

struct initiator_config {
	uint8_t	 protocol;	   /* INITIATOR_IPMI20 or _IPMI15 */
	uint8_t	 suite_id;	   /* RMCP+ */
	uint8_t	 authtype15;	   /* IPMI 1.5: NONE, MD2, MD5, STRAIGHT */
	uint8_t	 privilege;	   /* requested; default ADMIN */
	uint8_t	 open_privilege;   /* in Open Session; 0 = highest */
	uint8_t	 name_only_lookup; /* RAKP1 role bit 4 */
	uint8_t	 name_len;
	uint8_t	 name[16];
	uint8_t	 password[20]; /* zero-padded */
	uint8_t	 kg[20];
	uint8_t	 kg_set;
	uint8_t	 channel;	 /* in Get Channel Auth Caps: 0x0e */
	uint32_t console_sid;	 /* 0: drawn from the rng */
	uint32_t first_seq;	 /* first in-session sequence number */
	uint8_t	 send_auth_caps; /* start with Get Channel Auth Caps */
	uint8_t	 set_privilege;	 /* finish with Set Session Privilege */
	uint8_t	 first_rq_seq;	 /* first rqSeq (6 bits) */
};

enum initiator_state {
	INITIATOR_IDLE,
	INITIATOR_AUTH_CAPS,
	INITIATOR_CHALLENGE, /* 1.5 */
	INITIATOR_ACTIVATE,  /* 1.5 */
	INITIATOR_OPEN,	     /* RMCP+ */
	INITIATOR_RAKP1,
	INITIATOR_RAKP3,
	INITIATOR_SET_PRIV,
	INITIATOR_ESTABLISHED,
	INITIATOR_CLOSED,
	INITIATOR_FAILED
};

/* What initiator_input() made of a datagram. */
enum initiator_result {
	INITIATOR_SEND = 1,	/* the next handshake datagram is in out */
	INITIATOR_DONE,		/* the session is established */
	INITIATOR_RESPONSE,	/* ev->rsp holds a verified response */
	INITIATOR_IGNORED,	/* not for us (stale, bad integrity) */
	INITIATOR_FAILED_RESULT /* the login failed: see ev */
};

struct initiator_event {
	enum initiator_state step;   /* where it happened */
	uint8_t		     status; /* RMCP+ status, or 0 */
	uint8_t		     cc;     /* completion code, or 0 */
	int		     err;    /* ERR_* for local failures */
	struct ipmi_rsp	     rsp;    /* INITIATOR_RESPONSE */
	uint8_t		     rsp_buf[IPMIMSG_DATA_MAX + 8];
};

/* Defaults: RMCP+, suite 3, ADMIN, name-only lookup, channel 0x0e, seq 1. */
void initiator_config_defaults(struct initiator_config *);

/* NULL on allocation failure.  rng must outlive it. */
struct initiator *initiator_new(const struct initiator_config *, struct rng *);
/* Wipes keys and password and frees. */
void initiator_free(struct initiator *);

enum initiator_state initiator_state(const struct initiator *);

/* Writes the first datagram of the login.  0 or ERR_*. */
int initiator_start(struct initiator *, uint8_t *, size_t, size_t *);

/*
 * Feeds a received datagram.  Returns an enum initiator_result (> 0), or a
 * negative ERR_* for a local failure.  With INITIATOR_SEND the next
 * datagram is in out.
 */
int initiator_input(struct initiator *, const uint8_t *in, size_t inlen,
    uint8_t *out, size_t outcap, size_t *outlen, struct initiator_event *);

/*
 * Writes the last datagram sent again: the same bytes during the
 * handshake; in a session, the same request under a new session sequence
 * number (the rqSeq stays, so the responder can recognise the retry).
 */
int initiator_retransmit(struct initiator *, uint8_t *, size_t, size_t *);

/* Wraps an in-session request.  ERR_WRONG_STATE if not established. */
int initiator_request(struct initiator *, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, uint8_t *out, size_t outcap,
    size_t *outlen);

/*
 * After the response to a tracked Send Message: accepts one more response
 * under the same rqSeq, for command cmd: the bridged response, which the
 * BMC sends in a datagram of its own (IPMI 2.0 §6.12.2).
 */
void initiator_expect_bridged(struct initiator *, uint8_t cmd);

/* Wraps a Close Session request for this session. */
int initiator_close(struct initiator *, uint8_t *, size_t, size_t *);

/* After the handshake: the BMC's session ID and the privilege granted. */
uint32_t initiator_bmc_session_id(const struct initiator *);
uint8_t	 initiator_max_privilege(const struct initiator *);

typedef void
     initiator_trace_cb(void *, const char *label, const uint8_t *, size_t);
void initiator_set_trace(struct initiator *, initiator_trace_cb *, void *);

#endif
