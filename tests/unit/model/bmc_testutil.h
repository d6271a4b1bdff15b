/*
 * A simulated BMC for the command tests: a default model with three
 * users, an instance, fake session ops that record what the model asked
 * of them, and one call that sends request bytes and returns the reply.
 */
#ifndef BMCSIM_BMC_TESTUTIL_H
#define BMCSIM_BMC_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "bmc.h"
#include "outbox.h"

#define TB_ADMIN_ID 2 /* "admin" / "secret" */
#define TB_OPER_ID  3 /* "oper" / "operpw" */
#define TB_USER_ID  4 /* "user" / "userpw" */

struct bmc_area;

struct tb {
	struct model	  model;
	struct config_bmc cfg;
	struct bmc	 *bmc;
	uint64_t	  now;
	/* Real time minus now; 0: the BMC does not know the time. */
	int64_t wall_offset;
	/* What the fake session layer saw. */
	unsigned closed[8];
	unsigned nclosed;
	unsigned channel_changes;
	/* Sessions it reports (Get Session Info). */
	struct model_session_info sessions[4];
	unsigned		  nsessions;
	/* The last reply. */
	uint8_t cc;
	uint8_t data[255];
	size_t	len;
	/*
	 * What it sent beside the reply: a bridged response, as a whole
	 * IPMI message, taken from the outbox tb_call() gives the BMC.
	 */
	uint8_t followup[300];
	size_t	followup_len;
	/*
	 * The outbox: with no_outbox set, tb_call() gives none (as outside
	 * a session); with outbox_keep, tb_call() neither empties it first
	 * nor takes from it after, and the test sees what is queued.
	 */
	struct model_outbox outbox;
	int		    no_outbox;
	int		    outbox_keep;
	/* The requester tb_call() names; 0: session 1000h of admin. */
	uint32_t session_id;
	uint8_t	 user_id;
	/* The areas tb_start() makes the BMC of; NULL: bmc_areas. */
	const struct bmc_area *const *areas;
};

/* The last message logged at LOG_LEVEL_INFO or above, and how many. */
extern char tb_last_log[256];
/* Every line since tb_init(), as long as it fits. */
extern char	tb_all_logs[4096];
extern unsigned tb_log_count;

/* 2023-11-14 22:13:20 UTC, the real time at the start of every test. */
#define TB_WALL_START_MS 1700000000000ULL

/* Fills the model; tb_start() then makes the BMC (change the model first). */
void tb_init(struct tb *);
void tb_start(struct tb *);
void tb_free(struct tb *);
/*
 * Makes u a second BMC of t's model, as after a restart, and loads the
 * saved state text into it, asserting that it loads (d may be NULL).
 */
void tb_restart(struct tb *u, const struct tb *t, const char *text, size_t len,
    struct config_diag *d);
/*
 * One request in a session at this privilege (0: sessionless) as user
 * TB_ADMIN_ID on the LAN channel; hex is the data after the command.
 * Returns the completion code; the data is in t->data, t->len.
 */
uint8_t
tb_call(struct tb *, uint8_t priv, uint8_t netfn, uint8_t cmd, const char *hex);
/* The fake session ops tb_call() hands the model (arg: the tb). */
const struct model_session_ops *tb_session_ops(void);
/*
 * The saved state's section of b that starts with head, to its end (the
 * blank line before the next section), as a malloc'd string to compare
 * whole; the test fails when there is none.
 */
char *tb_state_section(const struct bmc *b, const char *head);
/* Starts a fresh BMC in u and loads text: what bmc_state_load() returns. */
int tb_state_load_fresh(struct tb *u, const char *text, struct config_diag *);
/* Asserts the last reply's data equals hex. */
#define tb_assert_reply(t, hex) tb_assert_reply_at(__FILE__, __LINE__, t, hex)
void tb_assert_reply_at(const char *, int, const struct tb *, const char *);
/* Sets a user's name and password (zero-padded) in the model. */
void tb_model_user(struct model *, uint8_t id, const char *name,
    const char *password, uint8_t priv);

#endif
