/*
 * One simulated BMC: the mutable state of an instance (power, restart
 * cause, boot options, users and channel access as changed over IPMI) and
 * the areas that answer its requests.  A struct bmc is made from a
 * read-only struct model, which many instances share.
 *
 * Free of I/O: time comes in with every call, persistent state goes out
 * as text that the server writes (and comes back as text at start), and
 * anything that happens later (the "on" half of a power cycle, the end of
 * Chassis Identify, a soft shutdown) is due at bmc_next_deadline() and
 * happens in bmc_tick().
 */
#ifndef BMCSIM_BMC_H
#define BMCSIM_BMC_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "model.h"

struct bmc;

/*
 * Makes the BMC instance described by cfg (its model, name, index and
 * GUIDs), in the power state the model gives for a cold start, at
 * monotonic time now_ms and real time wall_ms (ms since 1970; 0 if not
 * known, until a request brings it).  cfg and its model must outlive the
 * BMC.  NULL if out of memory.
 */
struct bmc	*
bmc_new(const struct config_bmc *cfg, uint64_t now_ms, uint64_t wall_ms);
void bmc_free(struct bmc *);

/*
 * Answers one request: finds the command in its areas' tables (unknown:
 * C1h), checks the privilege (D4h) and the request length (C7h), then
 * runs the area's handler.  Sessionless requests (privilege 0) reach only
 * the rows allowed outside a session (Get Channel Cipher Suites, ...).
 * What the BMC sends beside the reply goes to rep->outbox (NULL: nothing
 * can be sent).
 */
void
bmc_handle(struct bmc *, const struct model_request *, struct model_reply *);

/*
 * Users as the session layer needs them, with every change made over IPMI
 * applied: by name (len 0: the null user) or by ID.  0 and fills *out and
 * *id, or ERR_NOT_FOUND (no such user, or the slot is empty).  Disabled
 * users are found (the session layer refuses them with the right code).
 */
int bmc_user_by_name(const struct bmc *, const uint8_t *name, size_t len,
    struct model_user *out, uint8_t *id);
int bmc_user_by_id(const struct bmc *, uint8_t id, struct model_user *out);

/*
 * The LAN channel policy now in force: the model's, with Set Channel
 * Access applied.  Changes bump the generation below too.
 */
void bmc_channel_policy(const struct bmc *, struct model_channel *out);
/* Increments whenever the channel policy or a user changes. */
uint64_t bmc_policy_generation(const struct bmc *);

/*
 * What the BMC sends on its own initiative (PET traps, pef.c), oldest
 * first: 0 with *out filled (its kind and destination), or ERR_NOT_FOUND
 * when nothing waits.  Call after bmc_handle() and bmc_tick().
 */
struct model_out;
int bmc_out_take(struct bmc *, struct model_out *out);

/* The earliest time bmc_tick() has something to do; UINT64_MAX: never. */
uint64_t bmc_next_deadline(const struct bmc *);
void	 bmc_tick(struct bmc *, uint64_t now_ms);

/*
 * Persistent state (what a real BMC keeps in flash: users changed over
 * IPMI, persistent boot options, power restore policy, the last power
 * state for the "previous" policy).  bmc_state_generation() increments
 * when it changes; the server then calls bmc_state_save() and writes the
 * text to the state directory.  bmc_state_save() returns a malloc'd,
 * NUL-terminated text (caller frees, after wiping: it holds passwords) or
 * NULL if out of memory.
 */
uint64_t bmc_state_generation(const struct bmc *);
char	*bmc_state_save(const struct bmc *, size_t *len);
/*
 * Applies saved state, as left by bmc_state_save(), over the model's.
 * Every problem goes to diag as "file:line: ...", naming file; what can
 * be applied is applied.  0, or ERR_CONFIG when something was skipped.
 * Say what was restored at LOG_LEVEL_INFO.
 */
int bmc_state_load(struct bmc *, const char *text, size_t len, const char *file,
    struct config_diag *diag);

/*
 * The name of the command a BMC answers for a request netFn and command
 * (its own, not a plugin's or an [oem N] section's), or NULL if it has
 * none: the loader refuses [oem N] sections that could never answer.
 */
const char *bmc_command_name(uint8_t netfn, uint8_t cmd);

/*
 * The UDP port the BMC answers on (LAN parameter 8), when the server bound
 * another than the configuration's: port 0 takes any free one.
 */
void bmc_set_port(struct bmc *, uint16_t port);

/* Instance name and power state, for logs and the server's summary. */
const char *bmc_name(const struct bmc *);
int	    bmc_power_is_on(const struct bmc *);

#endif
