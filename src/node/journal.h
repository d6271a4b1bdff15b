/*
 * The request journal: a bounded ring of every IPMI request the BMCs of a
 * daemon received, decoded after the session checks (integrity and
 * decryption), with what each was answered or why it was dropped, in the
 * shape of WireMock's request journal.  It is what a test asks "was power
 * cycle sent to bmc7 exactly once?".
 *
 * One journal serves every node of a daemon (node_set_journal()); entries
 * carry the BMC's name.  Each entry has a sequence number (1, 2, ... for
 * the journal's life); when the ring is full the oldest entry is evicted
 * and counted, so a query over a window that reached into evicted entries
 * can say "inconclusive" instead of a wrong count.
 *
 * A retransmission (same session, rqSeq, netFn, command and data under a
 * new session sequence number, IPMI 2.0 §6.12.13) is linked to the
 * request it repeats (retransmit_of), so a verify counts what the console
 * meant to send, not how often UDP made it try.
 *
 * Sans I/O: no clock (times are given), no files; the server renders
 * entries as JSON and pcap (src/server/journal_*.c).
 */
#ifndef BMCSIM_JOURNAL_H
#define BMCSIM_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ipmimsg.h"
#include "responder.h"

struct journal;

#define JOURNAL_SIZE_DEFAULT 4096 /* entries */
#define JOURNAL_SIZE_MAX     (1u << 22)
#define JOURNAL_NAME_MAX     64 /* BMC names, marks, with the NUL */
#define JOURNAL_USER_MAX     17 /* IPMI user names are 16 bytes */
#define JOURNAL_MARKS_MAX    64 /* named marks kept, oldest replaced */
#define JOURNAL_ACTION_MAX   40 /* "chassis_control: power_cycle" */

enum journal_outcome {
	JOURNAL_ANSWERED = 0, /* executed and answered */
	JOURNAL_CACHED,	      /* a retry answered from the reply cache */
	JOURNAL_DROPPED,      /* dropped; why in drop */
	JOURNAL_OUTCOME_COUNT
};

/* A change of the machine's state a request caused. */
enum journal_power {
	JOURNAL_POWER_SAME = 0, /* no change */
	JOURNAL_POWER_ON_OFF,	/* on -> off */
	JOURNAL_POWER_OFF_ON	/* off -> on */
};

struct journal_entry {
	uint64_t seq;		/* 1, 2, ... */
	uint64_t mono_ms;	/* the daemon's monotonic clock */
	uint64_t wall_ms;	/* ms since 1970, 0 if unknown */
	uint64_t retransmit_of; /* seq of the original request; 0: none */
	uint64_t prev_same_bmc; /* the session's previous entry; 0 none */
	char	 bmc[JOURNAL_NAME_MAX];
	struct peer_addr peer;
	uint8_t		 outcome;     /* enum journal_outcome */
	uint8_t		 drop;	      /* enum responder_drop, when DROPPED */
	uint8_t		 has_request; /* 0: dropped before decoding */
	/* The session; all 0 outside one. */
	uint8_t	 in_session;
	uint8_t	 ipmi15;
	uint8_t	 suite_id;
	uint8_t	 privilege;
	uint8_t	 user_id;
	char	 user[JOURNAL_USER_MAX];
	uint32_t bmc_sid;
	uint32_t console_sid;
	uint32_t session_seq;
	/* The request (has_request) and its answer. */
	uint8_t	 netfn;
	uint8_t	 cmd;
	uint8_t	 rq_seq;
	uint8_t	 rq_addr;
	uint8_t	 cc;
	uint8_t	 power;	   /* enum journal_power */
	uint8_t	 redacted; /* request data after byte redacted-1 hidden */
	uint16_t req_len;
	uint16_t rsp_len;
	uint8_t	 req[IPMIMSG_DATA_MAX];
	uint8_t	 rsp[IPMIMSG_DATA_MAX];
	/* The datagrams as on the wire (for pcap), 0 length: none. */
	uint16_t in_len;
	uint16_t out_len;
	uint8_t	 in[RESPONDER_DATAGRAM_MAX];
	uint8_t	 out[RESPONDER_DATAGRAM_MAX];
};

/*
 * What to select.  Zeroed: everything.  Strings are matched exactly
 * except bmc, a glob (fnmatch(3): "rack1-*").
 */
struct journal_filter {
	const char    *bmc;
	const char    *peer; /* "192.0.2.1", node_peer_format()'s text */
	const char    *user;
	uint8_t	       has_command;
	uint8_t	       netfn;
	uint8_t	       cmd;
	const uint8_t *data_prefix; /* the request data starts with these */
	size_t	       data_prefix_len;
	int	       cc;	  /* -1: any */
	int	       outcome;	  /* -1: any, else enum journal_outcome */
	uint64_t       seq_from;  /* 0: from the first */
	uint64_t       seq_to;	  /* 0: to the last (inclusive) */
	uint64_t       wall_from; /* 0: no bound; ms since 1970 */
	uint64_t       wall_to;
	uint8_t	       originals_only; /* skip linked retransmissions */
	/*
	 * Optional: the caller's own test of a BMC's name (a label
	 * selector: labels live above the node, in the configuration).
	 */
	int (*bmc_accept)(void *arg, const char *bmc);
	void *bmc_accept_arg;
};

/* journal_filter_init(): everything (cc and outcome -1). */
void journal_filter_init(struct journal_filter *);

/*
 * A journal of size entries (1..JOURNAL_SIZE_MAX); memory is taken as
 * entries arrive.  NULL when out of memory or size is out of range.
 */
struct journal *journal_new(size_t size);
/* Wipes the entries (requests hold passwords) and frees; NULL is fine. */
void journal_free(struct journal *);

size_t	 journal_size(const struct journal *);
size_t	 journal_count(const struct journal *); /* entries held */
uint64_t journal_evicted(const struct journal *);
uint64_t journal_total(const struct journal *); /* ever appended */
/* The oldest seq held and the next seq to be given. */
uint64_t journal_first_seq(const struct journal *);
uint64_t journal_next_seq(const struct journal *);
/* Forgets every entry (seq numbers go on; marks are kept). */
void journal_clear(struct journal *);

/*
 * Takes the next slot, zeroed but for seq, bmc (truncated) and times:
 * the caller fills it and then calls journal_commit(), which links a
 * retransmission and tells the listener.  NULL when out of memory.  Only
 * one entry is open at a time.  prev_same_bmc is the seq of the previous
 * request of the same session on this BMC (kept by the caller; 0 none),
 * the one a retransmission can repeat.
 */
struct journal_entry *journal_begin(struct journal *, const char *bmc,
    uint64_t mono_ms, uint64_t wall_ms, uint64_t prev_same_bmc);
void		      journal_commit(struct journal *, struct journal_entry *);

/*
 * Told of each committed entry (the server's waits and streams); one
 * listener, NULL to remove.
 */
typedef void journal_listen_cb(void *, const struct journal_entry *);
void journal_set_listener(struct journal *, journal_listen_cb *, void *);

/* The entry seq, or NULL when evicted or not yet given. */
const struct journal_entry *journal_get(const struct journal *, uint64_t seq);
/* 1 when e passes f. */
int journal_match(const struct journal_filter *, const struct journal_entry *);
/*
 * The first entry at or after seq that passes f, or NULL; for iterating:
 *   for (e = journal_next(j, f, 0); e; e = journal_next(j, f, e->seq + 1))
 */
const struct journal_entry *journal_next(
    const struct journal *, const struct journal_filter *, uint64_t seq);
/* How many entries pass f. */
size_t
journal_count_matching(const struct journal *, const struct journal_filter *);

/*
 * Named marks: journal_mark() remembers name at the next seq (what comes
 * after the mark), replacing a mark of that name or else the oldest one,
 * and returns that seq.  journal_mark_seq() returns it, 0 when unknown.
 */
uint64_t journal_mark(struct journal *, const char *name, uint64_t wall_ms);
uint64_t journal_mark_seq(const struct journal *, const char *name);

/*
 * The keys of RMCP+ sessions (for a key log beside a pcap export): the
 * last JOURNAL_KEYS_MAX sessions opened.  Keys are secrets: the journal
 * keeps them only because a journal is there to show traffic in clear,
 * and wipes them when freed.
 */
#define JOURNAL_KEYS_MAX 256
#define JOURNAL_KEY_LEN	 32 /* SUITE_KEY_MAX */
struct journal_keys {
	char	 bmc[JOURNAL_NAME_MAX];
	uint32_t bmc_sid;
	uint32_t console_sid;
	uint8_t	 suite_id;
	uint8_t	 key_len;
	uint8_t	 sik[JOURNAL_KEY_LEN];
	uint8_t	 k1[JOURNAL_KEY_LEN];
	uint8_t	 k2[JOURNAL_KEY_LEN];
};
void journal_keys_add(struct journal *, const struct journal_keys *);
/* The i-th record kept, oldest first (i < journal_keys_count()). */
size_t			   journal_keys_count(const struct journal *);
const struct journal_keys *journal_keys_get(const struct journal *, size_t i);

/*
 * Counters since the journal was made, for /metrics: kept beside the
 * ring (evictions do not lower them).  Requests by command, for the
 * JOURNAL_COMMANDS_MAX distinct commands seen first (then under "other",
 * so label sets stay bounded), and answers by completion code.
 */
#define JOURNAL_COMMANDS_MAX 128
struct journal_command_count {
	uint8_t	 netfn;
	uint8_t	 cmd;
	uint64_t count;
};
struct journal_stats {
	uint64_t		     by_outcome[JOURNAL_OUTCOME_COUNT];
	uint64_t		     by_cc[256];
	uint64_t		     other_commands;
	size_t			     ncommands;
	struct journal_command_count commands[JOURNAL_COMMANDS_MAX];
};
const struct journal_stats *journal_stats(const struct journal *);

/* ---- verify ---- */

enum journal_expect { JOURNAL_EXACTLY = 0, JOURNAL_AT_LEAST, JOURNAL_AT_MOST };

enum journal_verdict {
	JOURNAL_VERDICT_OK = 0,
	JOURNAL_VERDICT_FAILED = 1,
	JOURNAL_VERDICT_INCONCLUSIVE = 3 /* the exit codes of bmcsim ctl */
};

#define JOURNAL_NEAR_MAX 8 /* near misses listed, of each kind */

struct journal_verify {
	enum journal_verdict verdict;
	size_t		     count;	  /* originals that passed, executed */
	size_t		     retransmits; /* retries of them, linked */
	size_t		     dropped;	  /* that passed but were dropped */
	int		     evicted; /* the window reached evicted entries */
	/* Near misses: the command to another BMC; the BMC with other data. */
	size_t	 other_bmc;
	size_t	 other_data;
	size_t	 n_other_bmc, n_other_data;
	uint64_t other_bmc_seq[JOURNAL_NEAR_MAX];
	uint64_t other_data_seq[JOURNAL_NEAR_MAX];
};

/*
 * Counts the requests that pass f (originals answered, not retries or
 * drops) and compares with n as expect says; near misses are looked for
 * when f names a BMC (other BMCs) and a data prefix (other data).  The
 * verdict is INCONCLUSIVE when entries of the window were evicted and
 * they could change it (an "at least" already met stands).
 */
void journal_verify(const struct journal *, const struct journal_filter *,
    enum journal_expect, size_t n, struct journal_verify *);

/* ---- names ---- */

/*
 * A command as "chassis-control" (the IPMI name, lower case, words joined
 * by '-'; "Get Device ID" is "get-device-id") or "NETFN:CMD" in hex
 * ("0:2", "06:01").  0, or ERR_NOT_FOUND / ERR_INVALID_ARG.
 */
int journal_command_parse(const char *, uint8_t *netfn, uint8_t *cmd);
/* The name journal_command_parse() takes: "chassis-control"; buf. */
const char *
journal_command_name(uint8_t netfn, uint8_t cmd, char *buf, size_t cap);
/*
 * What a request means where we know it ("chassis_control: power_cycle"),
 * into buf; "" when nothing is known.  Returns buf.
 */
const char *journal_action(const struct journal_entry *, char *buf, size_t cap);
/* The same for a request not journaled. */
const char *journal_action_of(uint8_t netfn, uint8_t cmd, const uint8_t *data,
    size_t len, char *buf, size_t cap);
const char *journal_outcome_name(enum journal_outcome);
/* "on->off", "off->on" or NULL. */
const char *journal_power_name(enum journal_power);
/* Parses "answered", "cached", "dropped": 0 or ERR_NOT_FOUND. */
int journal_outcome_parse(const char *, int *outcome);

/*
 * Copies request data into e, hiding what must not be kept (the password
 * of Set User Password, IPMI 2.0 §22.30: bytes after the second).
 */
void journal_entry_set_request(struct journal_entry *, uint8_t netfn,
    uint8_t cmd, const uint8_t *data, size_t len);

#endif
