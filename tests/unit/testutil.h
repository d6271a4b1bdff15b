/*
 * Helpers shared by the unit and scenario tests: byte comparisons that
 * print both sides, and a small fake BMC (users and a scripted request
 * handler) behind the responder's ops.
 */
#ifndef BMCSIM_TESTUTIL_H
#define BMCSIM_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "initiator.h"
#include "responder.h"

/* Parses hex text into out; aborts the test on error.  Returns the count. */
size_t tu_hex(const char *, uint8_t *, size_t cap);

/* Fails the test, printing both in hex, unless the buffers are equal. */
#define tu_assert_bytes(got, gotlen, want, wantlen) \
	tu_assert_bytes_at( \
	    __FILE__, __LINE__, #got, (got), (gotlen), (want), (wantlen))
void tu_assert_bytes_at(const char *, int, const char *, const uint8_t *,
    size_t, const uint8_t *, size_t);

#define TU_USERS_MAX 8

/* A fake device model: a few users and a canned answer per command. */
struct tu_bmc {
	struct responder_user users[TU_USERS_MAX];
	unsigned	      nusers;
	/* Answers: (netfn, cmd) -> cc + data; unknown commands get 0xC1. */
	struct {
		uint8_t netfn, cmd, cc;
		uint8_t data[64];
		size_t	len;
	} answers[16];
	unsigned nanswers;
	/* What the model saw. */
	unsigned		 calls;
	struct responder_request last;
	uint8_t			 last_data[64];
	size_t			 last_len;
	/* Per-command call counts (netfn/cmd of the last answers entry). */
	unsigned executed[16];
	/*
	 * When bridged_len > 0, Send Message also leaves a follow-up: a Get
	 * Sensor Reading response from LUN 1 with these data bytes.
	 */
	uint8_t bridged[8];
	size_t	bridged_len;
};

void tu_bmc_init(struct tu_bmc *);
/* Adds a user (password zero-padded); returns its ID. */
uint8_t tu_bmc_add_user(struct tu_bmc *, const char *name, const char *password,
    uint8_t priv_limit);
void	tu_bmc_answer(struct tu_bmc *, uint8_t netfn, uint8_t cmd, uint8_t cc,
       const uint8_t *data, size_t len);
/* Ops that serve users and answers from a struct tu_bmc. */
extern const struct responder_ops tu_bmc_ops;

/* A responder configuration for tests: every implemented suite enabled. */
void tu_config_all_suites(struct responder_config *);

/*
 * Runs a login of the initiator against the responder in memory.  Returns
 * INITIATOR_DONE, INITIATOR_FAILED_RESULT (ev says where and why), or -1
 * when the responder dropped a datagram (*drop says why, if not NULL).
 */
int tu_login(struct responder *, struct initiator *, uint64_t now,
    struct initiator_event *, enum responder_drop *drop);
/* One in-session request: INITIATOR_RESPONSE (in ev) or -1 on a drop. */
int tu_call(struct responder *, struct initiator *, uint64_t now, uint8_t netfn,
    uint8_t cmd, const uint8_t *data, size_t len, struct initiator_event *,
    enum responder_drop *drop);
/* Fills an initiator configuration for user/password. */
void tu_initiator_config(
    struct initiator_config *, const char *user, const char *password);

#endif
