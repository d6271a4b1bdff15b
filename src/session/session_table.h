/*
 * The session table of one BMC: fixed slots split into two pools, half-open
 * (a handshake in progress, short timeout) and active (idle timeout), with
 * random non-zero unique session IDs, handles cycling 1..63, lookup, expiry
 * and the next deadline.  Sans I/O: time is an argument, IDs come from the
 * rng.  The slot memory is taken on first use, so an idle BMC costs a few
 * bytes; it is the only allocation, and it happens once.
 *
 * struct session is the record the responder keeps per session; it is
 * internal to the session layer.
 */
#ifndef BMCSIM_SESSION_TABLE_H
#define BMCSIM_SESSION_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "ipmimsg.h"
#include "protect.h"
#include "rakp.h"
#include "rakp_keys.h"
#include "reply_cache.h"
#include "responder.h"
#include "seqwin.h"

struct rng;
struct session_table;

enum session_state {
	SESSION_FREE = 0,
	SESSION_CHALLENGED, /* 1.5: challenge sent, awaiting Activate */
	SESSION_OPENED,	    /* RMCP+: Open Session answered */
	SESSION_RAKP2_SENT, /* RMCP+: RAKP2 answered, awaiting RAKP3 */
	SESSION_ACTIVE
};

struct session {
	uint8_t		       state;
	uint8_t		       ipmi15;
	uint8_t		       handle;	/* active sessions: 1..63 */
	uint8_t		       user_id; /* 0: unknown (anti-enum.) */
	uint8_t		       privilege;
	uint8_t		       max_privilege;
	uint8_t		       suite_id;
	uint8_t		       authtype15;
	uint8_t		       open_tag;
	uint8_t		       open_role;
	uint8_t		       rakp_status; /* error sent in RAKP2 */
	uint32_t	       bmc_sid;
	uint32_t	       console_sid;
	uint64_t	       deadline_ms;
	struct seqwin	       win_auth;
	struct seqwin	       win_unauth;
	uint32_t	       out_seq_auth;
	uint32_t	       out_seq_unauth;
	struct protect_keys    keys;
	struct rakp_keys_input rakp; /* handshake inputs */
	struct peer_addr       peer;
	/* The last reply, to answer a retransmission. */
	struct reply_cache reply;
};

/*
 * Creates an empty table for max_active + max_halfopen slots (memory is
 * taken on first use).  NULL on allocation failure.
 */
struct session_table *
session_table_new(unsigned max_active, unsigned max_halfopen, struct rng *);
/* Wipes every session and frees. */
void session_table_free(struct session_table *);

/*
 * Changes the pool sizes (a reload).  Returns 0 or ERR_NOMEM; sessions are
 * kept.
 */
int session_table_resize(
    struct session_table *, unsigned max_active, unsigned max_halfopen);

/*
 * Takes a half-open slot with a fresh random non-zero unique session ID,
 * expiring at deadline_ms.  When the half-open pool is full the oldest
 * half-open session is evicted, so a flood of handshakes cannot lock out a
 * login.  Returns the slot, or NULL (ERR_NOMEM or rng failure in *err).
 */
struct session *
session_table_open(struct session_table *, uint64_t deadline_ms, int *err);
/*
 * The same for a handshake from peer (NULL: as session_table_open()), kept
 * in the slot.  When the pool is full the session evicted is the oldest of
 * the peer (address and port) holding the most half-open sessions: a
 * console flooding Open Session spends its own handshakes, not another
 * console's.
 */
struct session *session_table_open_from(struct session_table *,
    uint64_t deadline_ms, const struct peer_addr *peer, int *err);

/*
 * Moves a half-open session to the active pool with a handle, expiring at
 * deadline_ms.  Returns 0, or ERR_WRONG_STATE when the active pool is full.
 */
int session_table_activate(
    struct session_table *, struct session *, uint64_t deadline_ms);

/* Frees a slot, wiping its keys and secrets. */
void session_table_close(struct session_table *, struct session *);

/* Lookup by the BMC's session ID (never 0); NULL when none. */
struct session *session_table_find(struct session_table *, uint32_t bmc_sid);
/* Lookup of an active session by handle. */
struct session *session_table_find_handle(struct session_table *, uint8_t);
/* The n-th (1-based) active session, in slot order. */
struct session *session_table_nth_active(struct session_table *, unsigned);
/* Half-open RMCP+ session opened by this console session ID, or NULL. */
struct session *
session_table_find_console(struct session_table *, uint32_t console_sid);

unsigned session_table_active_count(const struct session_table *);
unsigned session_table_halfopen_count(const struct session_table *);
/* Active sessions of a user. */
unsigned session_table_user_count(const struct session_table *, uint8_t);

/* Calls cb for every used slot; cb may close the slot it is given. */
void session_table_foreach(
    struct session_table *, void (*cb)(void *, struct session *), void *);

/*
 * Closes every session whose deadline is <= now_ms; returns how many.
 */
unsigned session_table_expire(struct session_table *, uint64_t now_ms);
/* The earliest deadline, or UINT64_MAX. */
uint64_t session_table_next_deadline(const struct session_table *);

#endif
