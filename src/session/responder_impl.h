/*
 * The responder's insides, shared by its files and by nothing else:
 *   responder.c         lifecycle, configuration, the datagram demux, the
 *                       payload-type table and the one place drops are
 *                       counted;
 *   responder_send.c    outgoing datagrams (sessionless, IPMI 1.5 and
 *                       RMCP+ wrappers) and the queue responder_write()
 *                       drains;
 *   responder_cmd.c     requests: the session commands (a const table)
 *                       and everything else, handed to the model;
 *   responder_ipmi15.c  the IPMI 1.5 wrapper and login (Get Session
 *                       Challenge, Activate Session);
 *   responder_rakp.c    RMCP+ Open Session and RAKP 1-4, with the
 *                       handshake replies kept for retransmits.
 * Lockout (lockout.c) and the per-session reply cache (reply_cache.c) are
 * modules of their own.
 */
#ifndef BMCSIM_RESPONDER_IMPL_H
#define BMCSIM_RESPONDER_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "ipmimsg.h"
#include "responder.h"

struct lockout;
struct rd;
struct session;
struct session_table;
struct srclimit;

/* The session commands, netFn App (IPMI 2.0 §22.13-§22.19). */
#define CMD_GET_CHANNEL_AUTH_CAPS 0x38
#define CMD_GET_SESSION_CHALLENGE 0x39
#define CMD_ACTIVATE_SESSION	  0x3a
#define CMD_SET_SESSION_PRIVILEGE 0x3b
#define CMD_CLOSE_SESSION	  0x3c

/* Sequence number windows (IPMI 2.0 §6.12.13, §6.12.14). */
#define WINDOW_RMCPP_BELOW  16
#define WINDOW_RMCPP_ABOVE  15
#define WINDOW_IPMI15_BELOW 8
#define WINDOW_IPMI15_ABOVE 8

struct responder_queued {
	struct peer_addr dst;
	size_t		 len;
	uint8_t		 data[RESPONDER_DATAGRAM_MAX];
};

struct responder {
	struct responder_config cfg;
	struct responder_ops	ops;
	void		       *ops_arg;
	struct rng	       *rng;
	struct session_table   *table;
	struct lockout	       *lockout;
	struct responder_stats	stats;
	responder_trace_cb     *trace_cb;
	void		       *trace_arg;
	uint8_t			anti_enum_key[20];
	uint8_t			anti_enum_ready;
	/* The budget of unauthenticated replies, taken on first use. */
	struct srclimit *unauth;
	/* Datagrams for responder_write(): a ring of RESPONDER_QUEUE_MAX,
	 * taken on first use. */
	struct responder_queued *queue;
	unsigned		 queue_head;
	unsigned		 queue_count;
};

/* Everything one datagram needs while it is being answered. */
struct exchange {
	struct responder       *r;
	uint64_t		now;
	const struct peer_addr *peer; /* may be NULL */
	uint8_t		       *out;  /* the direct reply */
	size_t			outcap;
	size_t		       *outlen;
	enum responder_drop    *drop;	  /* may be NULL */
	uint32_t		seq;	  /* the session sequence number */
	uint8_t			observed; /* observe_cb was told */
};

/* Tells observe_cb what became of req in s (either may be NULL). */
void responder_observe(struct exchange *, const struct session *,
    const struct ipmi_req *, uint8_t outcome, uint8_t cc, const uint8_t *rsp,
    size_t rsp_len);

/*
 * A payload handler: consumes one RMCP+ payload of its type, outside a
 * session (s NULL, nothing signed or sealed) or in an active session that
 * passed every check (the payload decrypted).  Returns what
 * responder_input() returns: 1 with a reply in x->out, or 0 after
 * responder_drop().
 */
typedef int responder_payload_fn(
    struct exchange *x, struct session *s, const uint8_t *payload, size_t len);

/*
 * A session command's answer: the completion code, the response data
 * (written to data, up to IPMIMSG_DATA_MAX bytes) and whether the session
 * that sent the request is closed once the reply is out.
 */
struct responder_answer {
	uint8_t	 cc;
	uint8_t *data;
	size_t	 len;
	int	 close_after;
	int	 unheard; /* responder_reply's unheard */
};

/* A session command; s is NULL outside a session. */
typedef void responder_cmd_fn(struct exchange *x, struct session *s,
    const struct ipmi_req *req, struct responder_answer *a);

/* responder.c */

/* Counts a drop for why; returns the 0 that responder_input() returns. */
int responder_drop(struct exchange *, enum responder_drop why);
/*
 * Whether an unauthenticated reply to x's peer is within its budget (1);
 * else counts the drop (RESPONDER_DROP_RATE) and returns 0.
 */
int responder_unauth_allow(struct exchange *);
/*
 * Decodes an IPMI request: 1, or 0 after counting the drop of a malformed
 * message or of a response (an odd netFn).
 */
int responder_decode_req(
    struct exchange *, const uint8_t *, size_t, struct ipmi_req *);
/* Whether two peers are the same address and port (unknown: the same). */
int responder_same_peer(const struct peer_addr *, const struct peer_addr *);
/* The drop reason for an ipmimsg_decode_req() error. */
enum responder_drop responder_msg_drop(int rc);
void
responder_trace(struct responder *, const char *label, const uint8_t *, size_t);
/* Looks a user up by name through the ops (u zeroed): 0 or ERR_NOT_FOUND. */
int responder_find_user(struct responder *, const uint8_t *name, size_t len,
    struct responder_user *u);
/* A failed login: counted, and perhaps a lockout. */
void responder_login_failed(struct responder *, uint8_t user_id, uint64_t now);
/* The most a session on this suite may be granted before the user is known. */
uint8_t responder_suite_limit(const struct responder *, uint8_t suite_id);

static inline uint8_t
responder_min_priv(uint8_t a, uint8_t b)
{
	return a < b ? a : b;
}

/* responder_send.c: each returns 0 or the encoder's error. */

/* An RMCP+ payload outside a session into x->out. */
int responder_send_rmcpp_plain(
    struct exchange *, uint8_t payload_type, const uint8_t *, size_t);
/*
 * A payload into x->out in s's wrapper, under s's next sequence number.
 * IPMI 1.5 sessions carry RMCPP_PT_IPMI only (else ERR_INVALID_ARG).
 */
int responder_send_in_session(struct exchange *, struct session *,
    uint8_t payload_type, const uint8_t *payload, size_t len);
/*
 * The response to req (completion code cc, data) into x->out, in s's
 * wrapper, or sessionless in the format the request came in (ipmi15).  The
 * IPMI message is built in msgbuf (REPLY_CACHE_MAX bytes), its length in
 * *msglen, for the reply cache.
 */
int responder_send_response(struct exchange *, struct session *, int ipmi15,
    const struct ipmi_req *req, uint8_t cc, const uint8_t *data, size_t len,
    uint8_t *msgbuf, size_t *msglen);
/*
 * Queues a payload for responder_write(), wrapped in s at once (so under
 * its next sequence number: a reply's follow-up is queued after the reply
 * is encoded), to dst (NULL: s's peer).  Anything the responder sends
 * besides the direct reply goes through here: follow-ups today, SOL data
 * and retransmits next.  Returns 0 (also when the queue is full: the
 * payload is then counted under RESPONDER_DROP_QUEUE_FULL and not sent),
 * ERR_NOMEM, or the encoder's error.
 */
int responder_queue(struct responder *, struct session *,
    const struct peer_addr *dst, uint8_t payload_type, const uint8_t *payload,
    size_t len);
/* Wipes and frees the queue. */
void responder_queue_free(struct responder *);

/* responder_cmd.c */

/* A request outside any session, in the 1.5 or the RMCP+ format. */
int responder_sessionless_request(
    struct exchange *, int ipmi15, const struct ipmi_req *);
/* A request in an active session that passed every session check. */
int responder_in_session_request(
    struct exchange *, struct session *, const struct ipmi_req *);

/* responder_ipmi15.c */

/* A datagram in the IPMI 1.5 session wrapper (rd at the wrapper). */
int responder_ipmi15(struct exchange *, struct rd *);
/* Get Session Challenge, outside a session (IPMI 2.0 §22.16). */
responder_cmd_fn responder_get_challenge;

/* responder_rakp.c: payload handlers outside a session. */

responder_payload_fn responder_open_session;
responder_payload_fn responder_rakp1;
responder_payload_fn responder_rakp3;

/* responder_sol.c: the SOL payload inside a session. */
responder_payload_fn responder_sol_inside;

#endif
