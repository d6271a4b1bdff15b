/*
 * The fault engine: rules that make one BMC misbehave on demand (drop,
 * delay, duplicate, corrupt or truncate its answers, lie with a completion
 * code, fall silent), reproducibly.  Sans I/O: the node describes each
 * datagram or request it is about to handle (struct fault_packet) at a
 * stage, and fault_decide() says whether a rule fires and what to do;
 * time is an argument, and the randomness is the rule's own stream.
 *
 * Every rule draws from its own splitmix64 stream, seeded with
 * seed ^ hash(rule name) ^ hash(BMC name), so the same daemon seed gives
 * the same decisions for the same traffic, whatever other rules and BMCs
 * do.  Each rule counts its matches and its firings.
 *
 * Rules are written as key = value pairs, the same in a [fault NAME]
 * section of bmcsim.ini(5) and in the control API (fault_rule_set()).
 */
#ifndef BMCSIM_FAULT_H
#define BMCSIM_FAULT_H

#include <stddef.h>
#include <stdint.h>

#include "responder.h"

struct fault_engine;

#define FAULT_NAME_MAX	32
#define FAULT_BMC_MAX	64
#define FAULT_DATA_MAX	16
#define FAULT_RULES_MAX 32	 /* per BMC */
#define FAULT_PPM	1000000u /* probability 1 */
#define FAULT_ANY	(-1)

/* When a rule looks: before the request runs, or at its answer. */
enum fault_stage {
	FAULT_STAGE_REQUEST = 1, /* the command never runs */
	FAULT_STAGE_RESPONSE = 2 /* it runs; the answer is lost or changed */
};

/* What a datagram carries (a rule's kinds is a mask of these). */
enum fault_kind {
	FAULT_KIND_ASF = 1u << 0,   /* presence ping */
	FAULT_KIND_OPEN = 1u << 1,  /* RMCP+ Open Session */
	FAULT_KIND_RAKP1 = 1u << 2, /* RAKP 1 (answered by RAKP 2) */
	FAULT_KIND_RAKP3 = 1u << 3, /* RAKP 3 (answered by RAKP 4) */
	FAULT_KIND_IPMI = 1u << 4,  /* an IPMI message, 1.5 or RMCP+ */
	FAULT_KIND_SOL = 1u << 5,
	FAULT_KIND_ALL = 0x3f
};

enum fault_action {
	FAULT_ACTION_DROP,
	FAULT_ACTION_DELAY,	/* delay_ms plus up to jitter_ms */
	FAULT_ACTION_DUPLICATE, /* the answer twice */
	FAULT_ACTION_CORRUPT,	/* one byte flipped at corrupt_offset */
	FAULT_ACTION_TRUNCATE,	/* the answer cut to truncate_len bytes */
	FAULT_ACTION_CC,	/* completion code cc (cc_execute: run too) */
	FAULT_ACTION_SILENCE,	/* nothing answered for silence_ms */
	FAULT_ACTION_COUNT
};

struct fault_rule {
	char name[FAULT_NAME_MAX];
	/* Scope (empty or 0: any). */
	char bmc[FAULT_BMC_MAX];     /* a name, or a prefix ending '*' */
	struct peer_addr peer;	     /* family 0: any; port 0: any */
	uint32_t	 session_id; /* the BMC's session ID */
	uint8_t		 user_id;
	/* Match. */
	uint8_t stage;	  /* enum fault_stage */
	uint8_t kinds;	  /* enum fault_kind mask; 0: IPMI */
	int16_t netfn;	  /* the request's (even); FAULT_ANY */
	int16_t cmd;	  /* FAULT_ANY */
	uint8_t data_len; /* request data prefix that must match */
	uint8_t data[FAULT_DATA_MAX];
	uint8_t mask[FAULT_DATA_MAX];
	uint8_t transmission; /* 0 any, 1 first, 2 retransmission */
	/* Action. */
	uint8_t	 action; /* enum fault_action */
	uint32_t delay_ms;
	uint32_t jitter_ms;
	uint8_t	 head_of_line; /* later answers wait behind a delayed one */
	uint8_t	 cc;
	uint8_t	 cc_execute;	 /* 1: run the command, then answer cc */
	int32_t	 corrupt_offset; /* from the start; negative: from the end */
	uint16_t truncate_len;
	uint32_t silence_ms;
	/* Firing. */
	uint32_t probability_ppm; /* FAULT_PPM: always */
	uint32_t count;		  /* firings at most; 0: no limit */
	uint32_t skip;		  /* the first skip matches never fire */
	uint32_t every;		  /* then every Nth match; 0 or 1: each */
	uint64_t window_from_ms;  /* since the engine started */
	uint64_t window_to_ms;	  /* 0: no end */
	uint8_t	 disabled;
};

/* What the node knows of a datagram or request at a stage. */
struct fault_packet {
	uint8_t			stage;
	uint8_t			kind;
	const struct peer_addr *peer; /* may be NULL */
	uint32_t		session_id;
	uint8_t			user_id;
	uint8_t			has_msg; /* netfn, cmd and data are known */
	uint8_t			netfn;
	uint8_t			cmd;
	const uint8_t	       *data;
	size_t			data_len;
	uint8_t			retransmission;
	uint64_t		now_ms;
};

/* What a firing rule asks for. */
struct fault_verdict {
	uint8_t			 action;
	const struct fault_rule *rule;
	uint64_t		 draw;	   /* the stream value that decided */
	uint32_t		 delay_ms; /* with its jitter */
};

struct fault_counters {
	uint64_t matches;
	uint64_t firings;
};

/* A rule that matches every IPMI request at the response stage, always,
 * and drops the answer: set what differs. */
void fault_rule_init(struct fault_rule *);

/*
 * Sets one key of r from its text: name, bmc, peer, session, user, stage
 * (request|response), kind (a list of asf, open, rakp1, rakp3, ipmi,
 * sol, all), netfn, cmd, command (NETFN:CMD in hex, e.g. 00:02), data and
 * mask (hex bytes), transmission (any|first|retransmission), action
 * (drop, delay:MS, duplicate, corrupt:OFFSET, truncate:LEN, cc:HEX,
 * cc-exec:HEX, silence:MS), jitter (ms), head_of_line (yes|no),
 * probability (0..1), count, skip, every, window (FROM-TO in ms),
 * disabled (yes|no).  0, or ERR_NOT_FOUND for an unknown key, or
 * ERR_FORMAT with a sentence in *why.
 */
int fault_rule_set(
    struct fault_rule *r, const char *key, const char *value, const char **why);
/* 0, or ERR_CONFIG with a sentence in *why when r cannot work. */
int fault_rule_check(const struct fault_rule *r, const char **why);
/* Writes the action as fault_rule_set() reads it ("delay:500"). */
const char *
fault_action_format(const struct fault_rule *r, char *buf, size_t cap);

/* An engine for the BMC named bmc, its streams from seed; NULL: no memory. */
struct fault_engine	 *
fault_engine_new(const char *bmc, uint64_t seed, uint64_t now_ms);
void fault_engine_free(struct fault_engine *);
/* Seeds every rule's stream afresh from seed (the daemon's --seed). */
void fault_engine_reseed(struct fault_engine *, uint64_t seed);

/*
 * Adds a rule (checked; its counters at 0).  A rule whose bmc does not
 * match the engine's BMC is accepted and never fires.  0, ERR_CONFIG (a
 * bad rule or a duplicate name), or ERR_NOSPACE past FAULT_RULES_MAX.
 */
int fault_add(struct fault_engine *, const struct fault_rule *);
/* Removes a rule by name: 0 or ERR_NOT_FOUND. */
int fault_remove(struct fault_engine *, const char *name);
/* Sets a rule's disabled flag: 0 or ERR_NOT_FOUND. */
int	 fault_set_disabled(struct fault_engine *, const char *name, int);
void	 fault_clear(struct fault_engine *);
unsigned fault_rule_count(const struct fault_engine *);
/* The i-th rule (0-based) and its counters, or NULL past the end. */
const struct fault_rule *
fault_rule_at(const struct fault_engine *, unsigned i, struct fault_counters *);

/*
 * The first enabled rule in scope that matches p and fires fills *v and
 * returns 1; 0 when none fires.  Every rule that matches counts a match
 * (and draws, when it has a probability below 1), fired or not.
 */
int fault_decide(struct fault_engine *, const struct fault_packet *p,
    struct fault_verdict *v);

/* Until when a silence rule keeps the BMC quiet (0: not silent). */
uint64_t fault_silent_until(const struct fault_engine *);

#endif
