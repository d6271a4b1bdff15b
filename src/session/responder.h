/*
 * The responder: the BMC side of IPMI over LAN, sans I/O, in the shape of
 * ngtcp2's connection: datagrams in, datagrams out, a next deadline.
 *
 * responder_input() takes one datagram, the time and the peer's address
 * and either writes one direct reply or drops the input (counted by
 * reason).  Anything else the responder has to send (today the bridged
 * response of a tracked Send Message; later SOL data and retransmits) is
 * queued and pulled with responder_write(), which the caller calls until
 * it returns 0, after every input and every responder_expire().
 *
 * It answers the ASF presence ping, runs the IPMI 1.5 (Get Session
 * Challenge, Activate Session) and RMCP+ (Open Session, RAKP 1-4)
 * handshakes, checks every in-session packet in the order of the decisions
 * in doc/protocol (flags, integrity in constant time, decryption, sequence
 * window, idle refresh), handles the session commands itself (Get Channel
 * Authentication Capabilities, Get Session Challenge, Activate Session, Set
 * Session Privilege Level, Close Session) and hands every other request to
 * the request callback of struct responder_ops, which the device model
 * implements.  Nothing is allocated per datagram.
 *
 * Time is milliseconds on a monotonic clock of the caller's choosing.
 */
#ifndef BMCSIM_RESPONDER_H
#define BMCSIM_RESPONDER_H

#include <stddef.h>
#include <stdint.h>

#include "ipmimsg.h"
#include "suite.h"

struct rng;
struct responder;

#define RESPONDER_SESSIONS_MAX 63   /* active sessions per BMC */
#define RESPONDER_USERS_MAX    63   /* user IDs 1..63 */
#define RESPONDER_DATAGRAM_MAX 1024 /* largest datagram in or out */
#define RESPONDER_QUEUE_MAX    4    /* datagrams queued for responder_write() */

/* A peer's address as plain bytes (no socket types below the server). */
struct peer_addr {
	uint8_t	 family;   /* 4 or 6; 0 = unknown */
	uint8_t	 addr[16]; /* IPv4 in the first 4 bytes */
	uint16_t port;
};

/* What the responder needs to know of a user. */
struct responder_user {
	uint8_t id;	  /* 1..63 */
	uint8_t name_len; /* 0 for the null user */
	uint8_t name[16];
	uint8_t password[20]; /* zero-padded */
	uint8_t enabled;
	uint8_t priv_limit;    /* on this channel; NO_ACCESS: none */
	uint8_t session_limit; /* 0: no per-user limit */
};

/* A BMC's channel and session policy.  Copied by responder_new(). */
struct responder_config {
	uint8_t	 channel;	 /* LAN channel number */
	uint8_t	 guid[16];	 /* system GUID, as in RAKP2 */
	uint32_t enabled_suites; /* bit n: suite n */
	uint8_t	 suite_priv_limit[SUITE_COUNT];
	uint8_t	 channel_priv_limit;
	uint8_t	 ipmi15_enabled;
	uint8_t	 ipmi20_enabled;
	/* IPMI 1.5 auth types allowed, per privilege 1..5: bit (1 << type). */
	uint8_t	 auth15_enables[6];
	uint8_t	 per_message_auth; /* 1.5: every message signed */
	uint8_t	 user_level_auth;  /* 1.5: USER-level signed */
	uint8_t	 kg[20];	   /* BMC key for two-key login */
	uint8_t	 kg_set;	   /* 0: one-key login (K_G = Kuid) */
	uint8_t	 max_active;	   /* active sessions, <= 63 */
	uint8_t	 max_halfopen;	   /* handshakes in progress */
	uint32_t halfopen_timeout_ms;
	uint32_t idle_timeout_ms;
	uint8_t	 bad_password_threshold; /* 0: never lock out */
	uint32_t lockout_ms;
	uint8_t	 anti_enumeration; /* unknown names get a RAKP2 */
	uint8_t	 response_cache;   /* 1: answer retries from cache */
	uint32_t oem_iana;	   /* in Get Channel Auth Caps */
	/*
	 * Quirk of OpenIPMI's simulator ([quirks] opensesspriv): echo
	 * the requested role in the Open Session response even when it is
	 * 0 ("highest"), instead of the level granted.  FreeIPMI needs its
	 * -W opensesspriv workaround against a BMC doing this.  Off unless
	 * a model turns it on.
	 */
	uint8_t quirk_echo_open_role;
	/*
	 * The budget of unauthenticated replies (Get Channel Authentication
	 * Capabilities, Get Channel Cipher Suites, presence pongs, every
	 * sessionless reply) per source address: a token bucket of
	 * unauth_burst refilled at unauth_rate a second.  Beyond it a
	 * request is dropped (RESPONDER_DROP_RATE), so the BMC cannot be
	 * made to reflect a flood at a spoofed victim.  0: no limit.
	 * Loopback sources are not limited: the kernel never accepts them
	 * from a wire, so they cannot be spoofed from outside the host.
	 */
	uint32_t unauth_rate;
	uint32_t unauth_burst;
	uint32_t quirks; /* RESPONDER_QUIRK_*: other real BMCs' bugs */
};

/*
 * Bugs of real BMCs that clients carry workarounds for, reproduced one by
 * one for models that ask ([quirks] in bmcsim.ini(5); each named after
 * FreeIPMI's -W workaround for it).  All off by default.
 */
enum responder_quirk {
	/* Get Channel Auth Caps reports no kind of login (byte 3 bits
	 * 2:0 clear): FreeIPMI's "username invalid", -W authcap. */
	RESPONDER_QUIRK_AUTHCAP = 1u << 0,
	/* Every IPMI response carries a wrong second checksum:
	 * -W nochecksumcheck (Supermicro X9). */
	RESPONDER_QUIRK_BAD_CHECKSUM = 1u << 1,
	/* IPMI 1.5 in-session responses carry a wrong auth code:
	 * -W noauthcodecheck (Intel Windmill, Quanta Winterfell). */
	RESPONDER_QUIRK_BAD_AUTHCODE = 1u << 2,
	/* IPMI 1.5 in-session responses carry session ID 0:
	 * -W idzero (Tyan S2882 with the M3289 BMC). */
	RESPONDER_QUIRK_SESSION_ID_ZERO = 1u << 3,
	/* IPMI 1.5 session sequence numbers written big-endian:
	 * -W endianseq (Sun ILOM 1.0/2.0). */
	RESPONDER_QUIRK_SEQ_BIG_ENDIAN = 1u << 4,
	/* Cipher suite 0's RAKP 4 carries a 12-byte integrity check value
	 * where there should be none: -W integritycheckvalue (Supermicro
	 * X8DTG, Intel S5500WBV). */
	RESPONDER_QUIRK_SUITE0_ICV = 1u << 5,
};

/* A request the responder hands to the device model. */
struct responder_request {
	const struct ipmi_req  *msg;
	uint64_t		now_ms;
	const struct peer_addr *peer;
	uint8_t			in_session; /* 0: sessionless */
	uint8_t			privilege;  /* current; 0 sessionless */
	uint8_t			max_privilege;
	uint8_t			user_id;
	uint8_t			channel;
	uint8_t			ipmi15;	  /* 1.5 session, else RMCP+ */
	uint8_t			suite_id; /* RMCP+ only */
	uint8_t			session_handle;
	uint32_t		session_id; /* the BMC's ID */
};

/*
 * Where the model writes its answer.  In a session the model may also
 * write a follow-up: a whole IPMI message (a tracked Send Message's
 * bridged response) that the responder wraps in the same session after
 * the reply, under the next sequence number, and queues for
 * responder_write().  followup_cap is 0 where none can be sent (outside a
 * session).
 */
struct responder_reply {
	uint8_t	 cc;
	uint8_t *data;
	size_t	 cap;
	size_t	 len;
	uint8_t *followup;
	size_t	 followup_cap;
	size_t	 followup_len;
	/*
	 * Set by the model's side when the request must count as never
	 * received (a fault rule at the request stage): nothing is sent or
	 * cached, and the input is dropped as RESPONDER_DROP_FAULT.
	 */
	uint8_t unheard;
};

/*
 * What became of one IPMI request (or of a datagram dropped before one
 * could be decoded), for a journal and the packet log: see observe_cb.
 */
struct responder_seen {
	const struct ipmi_req	     *req; /* NULL: dropped before decoding */
	const struct responder_reply *rsp; /* cc and data; NULL when dropped */
	uint8_t			      outcome; /* RESPONDER_SEEN_* */
	uint8_t			      drop;    /* enum responder_drop */
	uint8_t			      in_session;
	uint8_t			      ipmi15;
	uint8_t			      suite_id;
	uint8_t			      privilege;
	uint8_t			      user_id;
	uint32_t		      bmc_sid;
	uint32_t		      console_sid;
	uint32_t		      session_seq; /* of the request */
};
#define RESPONDER_SEEN_ANSWERED 0
#define RESPONDER_SEEN_CACHED	1 /* a retry, answered from the cache */
#define RESPONDER_SEEN_DROPPED	2

struct responder_ops {
	/*
	 * Finds a user by name (len 0: the null user).  Fills *user and
	 * returns 0, or returns ERR_NOT_FOUND.
	 */
	int (*user_by_name_cb)(
	    void *, const uint8_t *name, size_t len, struct responder_user *);
	/* Finds a user by ID: 0 or ERR_NOT_FOUND. */
	int (*user_by_id_cb)(void *, uint8_t id, struct responder_user *);
	/*
	 * Answers one request: sets reply->cc and writes up to reply->cap
	 * data bytes.  Called for every request the responder does not
	 * handle itself, sessionless ones included (privilege 0): the model
	 * decides, from its command table, what a sessionless peer may do.
	 */
	void (*request_cb)(
	    void *, const struct responder_request *, struct responder_reply *);
	/*
	 * Optional (NULL: not told): once per IPMI request, after it was
	 * answered (or answered from the reply cache, or dropped), and once
	 * per datagram dropped before a request was decoded.  Handshakes
	 * and ASF pings are not told.  Pointers last for the call only.
	 */
	void (*observe_cb)(void *, const struct responder_seen *);
	/*
	 * Optional: the keys of each RMCP+ session as RAKP3 makes them
	 * (SIK, K1, K2 of len bytes), for a key log that decrypts a capture.
	 */
	void (*keys_cb)(void *, uint32_t bmc_sid, uint32_t console_sid,
	    uint8_t suite_id, const uint8_t *sik, const uint8_t *k1,
	    const uint8_t *k2, size_t len);
	/*
	 * A SOL payload (type 1, decrypted) from the console of session
	 * bmc_sid at now_ms: writes the payload to answer with (an ACK)
	 * into reply, up to cap bytes, and returns its length; 0: nothing
	 * to answer.  NULL: SOL payloads are dropped (RESPONDER_DROP_PAYLOAD).
	 */
	size_t (*sol_cb)(void *, uint64_t now_ms, uint32_t bmc_sid,
	    const uint8_t *, size_t, uint8_t *reply, size_t cap);
};

enum responder_drop {
	RESPONDER_DROP_SHORT, /* too short for its headers */
	RESPONDER_DROP_RMCP_VERSION,
	RESPONDER_DROP_RMCP_SEQ,   /* IPMI class with seq != ff */
	RESPONDER_DROP_RMCP_CLASS, /* unknown class, or an ACK */
	RESPONDER_DROP_ASF,	   /* malformed or not a ping */
	RESPONDER_DROP_LENGTH,	   /* lengths disagree with datagram */
	RESPONDER_DROP_AUTHTYPE,   /* unknown or disallowed auth type */
	RESPONDER_DROP_CHECKSUM,
	RESPONDER_DROP_SESSION,	       /* unknown or inactive session ID */
	RESPONDER_DROP_FLAGS,	       /* auth/encrypt bits != negotiated */
	RESPONDER_DROP_INTEGRITY,      /* bad RMCP+ integrity value */
	RESPONDER_DROP_PAD,	       /* bad integrity or conf pad */
	RESPONDER_DROP_SEQUENCE,       /* outside the window or repeated */
	RESPONDER_DROP_AUTHCODE,       /* bad IPMI 1.5 auth code */
	RESPONDER_DROP_SESSION_FORMAT, /* 1.5 packet with RMCP+ session ID */
	RESPONDER_DROP_HANDSHAKE,      /* RAKP in the wrong state */
	RESPONDER_DROP_PAYLOAD,	       /* payload type not accepted here */
	RESPONDER_DROP_DISABLED,       /* protocol version disabled */
	RESPONDER_DROP_INTERNAL,       /* our own failure (crypto, space) */
	/*
	 * Not an input: a datagram for responder_write() lost because
	 * RESPONDER_QUEUE_MAX were already waiting (the caller did not
	 * drain).  The direct reply is still sent.
	 */
	RESPONDER_DROP_QUEUE_FULL,
	RESPONDER_DROP_FAULT, /* a fault rule said the BMC never heard it */
	/*
	 * A response (an odd netFn, or an RMCP+ response payload type):
	 * never answered, so that two BMCs, one datagram spoofed as from
	 * the other, cannot answer each other forever.
	 */
	RESPONDER_DROP_RESPONSE,
	RESPONDER_DROP_PEER, /* a handshake step from another address */
	RESPONDER_DROP_RATE, /* over the source's unauthenticated budget */
	RESPONDER_DROP_COUNT
};

struct responder_stats {
	uint64_t received;
	uint64_t replies;
	uint64_t drops[RESPONDER_DROP_COUNT];
	uint64_t pongs;
	uint64_t requests;	    /* handed to the model */
	uint64_t cached_replies;    /* retries from the cache */
	uint64_t handshake_repeats; /* retransmitted handshakes */
	uint64_t sessions_opened;
	uint64_t sessions_closed;
	uint64_t sessions_expired;
	uint64_t login_failures;
	uint64_t lockouts;
	uint64_t sol_in;  /* SOL payloads received in a session */
	uint64_t sol_out; /* SOL payloads sent */
};

/* A snapshot of one session, for Get Session Info and logs. */
struct responder_session_info {
	uint8_t		 handle;
	uint8_t		 user_id;
	uint8_t		 privilege;
	uint8_t		 max_privilege;
	uint8_t		 ipmi15;
	uint8_t		 suite_id;
	uint8_t		 authtype15;
	uint8_t		 channel;
	uint32_t	 bmc_sid;
	uint32_t	 console_sid;
	struct peer_addr peer;
};

/*
 * Sets *cfg to the documented defaults: suites 3 and 17, ADMIN limits,
 * IPMI 1.5 and 2.0 on, MD5 for 1.5, 15 active and 16 half-open sessions,
 * 3 s and 60 s timeouts, response cache on, no lockout, no K_G.
 */
void responder_config_defaults(struct responder_config *);

/*
 * Checks a configuration: 0, or ERR_CONFIG with a reason in why (which
 * may be NULL).
 */
int responder_config_check(const struct responder_config *, const char **why);

/*
 * Creates a responder.  rng must outlive it.  Session memory is taken when
 * the first handshake starts, so an idle BMC costs little.  NULL on
 * failure to allocate.
 */
struct responder *responder_new(const struct responder_config *,
    const struct responder_ops *, void *ops_arg, struct rng *);
/* Closes every session (wiping keys), wipes the queue and frees. */
void responder_free(struct responder *);

/*
 * Replaces the configuration.  Sessions whose suite, user or privilege
 * the new configuration no longer allows are closed.
 */
void responder_set_config(struct responder *, const struct responder_config *);

/*
 * Processes one datagram.  Returns 1 with a direct reply of *outlen bytes
 * in out (for the sender, peer), or 0 when the input is dropped (counted;
 * the reason in *drop if drop is not NULL) or consumed without an answer
 * (a SOL ACK: *drop is then RESPONDER_DROP_COUNT, nothing counted).  Either way it may have
 * queued datagrams for responder_write().  outcap should be
 * RESPONDER_DATAGRAM_MAX.  peer may be NULL.
 */
int responder_input(struct responder *, uint64_t now_ms,
    const struct peer_addr *, const uint8_t *in, size_t inlen, uint8_t *out,
    size_t outcap, size_t *outlen, enum responder_drop *drop);

/*
 * Pulls the next queued datagram, oldest first: copies it to out, its
 * destination to *dst (unless dst is NULL), and returns its length; 0
 * when nothing is queued.  Call it until it returns 0 after every
 * responder_input() and responder_expire(): the queue holds
 * RESPONDER_QUEUE_MAX datagrams, and what does not fit is lost (counted as
 * RESPONDER_DROP_QUEUE_FULL).  Today it yields the follow-up of a
 * tracked Send Message (also when a retry was answered from the reply
 * cache), sent in the same session after the reply.  outcap should be
 * RESPONDER_DATAGRAM_MAX; a datagram larger than outcap is discarded
 * (counted as RESPONDER_DROP_INTERNAL).
 */
size_t responder_write(
    struct responder *, struct peer_addr *dst, uint8_t *out, size_t outcap);

/*
 * After responder_input(): called until it returns 0, yields each further
 * datagram the input left queued (a bridged follow-up) and sets *dst to
 * its destination.  outcap should be RESPONDER_DATAGRAM_MAX.
 */
size_t responder_write(
    struct responder *, struct peer_addr *dst, uint8_t *out, size_t outcap);

/*
 * Queues a payload of payload_type (SOL data, a retransmission, a
 * deactivation notice) for responder_write(), in the RMCP+ session whose
 * BMC session ID is bmc_sid, to its peer, under its next outbound
 * sequence number.  0 (also when the queue is full: counted under
 * RESPONDER_DROP_QUEUE_FULL), ERR_NOT_FOUND (no such active RMCP+
 * session), ERR_NOMEM or the encoder's error.
 */
int responder_send_payload(struct responder *, uint32_t bmc_sid,
    uint8_t payload_type, const uint8_t *, size_t);

/* The earliest time a session expires, or UINT64_MAX when none can. */
uint64_t responder_next_deadline(const struct responder *);
/* Expires what is due at now_ms (then drain responder_write()). */
void responder_expire(struct responder *, uint64_t now_ms);

const struct responder_stats *responder_stats(const struct responder *);
const char		     *responder_drop_name(enum responder_drop);

/* Sessions, for Get Session Info: how many are active. */
unsigned responder_active_sessions(const struct responder *);
/* By 1-based index among active ones, by handle, or by BMC session ID. */
int responder_session_by_index(
    const struct responder *, unsigned, struct responder_session_info *);
int responder_session_by_handle(
    const struct responder *, uint8_t, struct responder_session_info *);
int responder_session_by_id(
    const struct responder *, uint32_t, struct responder_session_info *);
/* Closes every session of a user (user disabled or password changed). */
void responder_close_user_sessions(struct responder *, uint8_t user_id);
/*
 * Closes the one active session with this handle, as Close Session
 * would (IPMI 2.0 §22.19): 0 or ERR_NOT_FOUND.
 */
int responder_close_handle(struct responder *, uint8_t handle);

/*
 * Observation hook for the teaching lab and the tests: receives each named
 * intermediate value (HMAC inputs, keys, auth codes).  Off by default.
 */
typedef void
     responder_trace_cb(void *, const char *label, const uint8_t *, size_t);
void responder_set_trace(struct responder *, responder_trace_cb *, void *);

#endif
