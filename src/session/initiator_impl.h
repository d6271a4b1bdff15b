/*
 * The initiator's insides, shared by its two files:
 *   initiator.c        lifecycle, requests in a session (wrap, unwrap,
 *                      retries) and the input demux, a table of steps;
 *   initiator_login.c  the login: Get Channel Authentication
 *                      Capabilities, the IPMI 1.5 challenge and
 *                      activation, RMCP+ Open Session and RAKP 1-4, Set
 *                      Session Privilege Level.
 */
#ifndef BMCSIM_INITIATOR_IMPL_H
#define BMCSIM_INITIATOR_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "initiator.h"
#include "ipmimsg.h"
#include "protect.h"
#include "rakp_keys.h"
#include "responder.h"
#include "seqwin.h"
#include "suite.h"

#define CMD_GET_CHANNEL_AUTH_CAPS 0x38
#define CMD_GET_SESSION_CHALLENGE 0x39
#define CMD_ACTIVATE_SESSION	  0x3a
#define CMD_SET_SESSION_PRIVILEGE 0x3b
#define CMD_CLOSE_SESSION	  0x3c

struct initiator {
	struct initiator_config cfg;
	struct rng	       *rng;
	enum initiator_state	state;
	const struct suite     *suite;
	uint8_t			rq_seq;
	uint8_t			max_priv;
	uint32_t		console_sid;
	uint32_t		bmc_sid; /* 1.5: the session ID */
	uint32_t		out_seq_auth;
	uint32_t		out_seq_unauth;
	struct seqwin		win_auth;
	struct seqwin		win_unauth;
	struct protect_keys	keys;
	struct rakp_keys_input	rakp;
	uint8_t			sik[SUITE_KEY_MAX];
	uint8_t			challenge[16]; /* 1.5 */
	/* The last datagram, for a handshake retransmit. */
	uint8_t last[RESPONDER_DATAGRAM_MAX];
	size_t	last_len;
	/* The last in-session request, for a retry under a new seq. */
	uint8_t		    req_netfn;
	uint8_t		    req_cmd;
	uint8_t		    req_rq_seq;
	uint8_t		    req_data[IPMIMSG_DATA_MAX];
	size_t		    req_len;
	uint8_t		    req_valid;
	initiator_trace_cb *trace_cb;
	void		   *trace_arg;
};

/* An RMCP+ handshake payload for the step the login is at. */
typedef int
initiator_handshake_fn(struct initiator *, const uint8_t *dg, size_t len,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *);
/* An IPMI response, verified and unwrapped, for the step the login is at. */
typedef int initiator_response_fn(struct initiator *, const struct ipmi_rsp *,
    uint8_t *out, size_t cap, size_t *outlen, struct initiator_event *);

/* initiator.c */

void
initiator_trace(struct initiator *, const char *label, const uint8_t *, size_t);
/* The next rqSeq (6 bits). */
uint8_t initiator_next_rq_seq(struct initiator *);
/* Keeps a handshake datagram for initiator_retransmit(): 0, ERR_NOSPACE. */
int initiator_remember(struct initiator *, const uint8_t *out, size_t len);
/* Encodes an IPMI request message to the BMC: 0 or the encoder's error. */
int
initiator_msg(struct initiator *, uint8_t netfn, uint8_t cmd, uint8_t rq_seq,
    const uint8_t *data, size_t len, uint8_t *msg, size_t cap, size_t *msglen);
/* Ends the login with ev filled; returns INITIATOR_FAILED_RESULT. */
int initiator_fail(struct initiator *, struct initiator_event *ev,
    uint8_t status, uint8_t cc, int err);

/* initiator_login.c: the login steps. */

initiator_response_fn  initiator_on_auth_caps;
initiator_response_fn  initiator_on_challenge;
initiator_response_fn  initiator_on_activate;
initiator_handshake_fn initiator_on_open;
initiator_handshake_fn initiator_on_rakp2;
initiator_handshake_fn initiator_on_rakp4;
initiator_response_fn  initiator_on_set_priv;

#endif
