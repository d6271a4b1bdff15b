/*
 * Login lockout of one BMC: the Bad Password Threshold, LAN configuration
 * parameter 26 (IPMI 2.0 §23.1).  After `threshold` failed logins in a row
 * a user is locked out for `duration_ms`: while locked, its logins are
 * refused as if the name were unknown.  A successful login resets the
 * count.  Sans I/O: time is an argument.  The per-user counters are taken
 * on the first failure that counts, so a BMC nobody mistypes a password on
 * costs a few bytes.
 */
#ifndef BMCSIM_LOCKOUT_H
#define BMCSIM_LOCKOUT_H

#include <stdint.h>

#define LOCKOUT_USERS_MAX 63 /* user IDs 1..63 */

struct lockout;

/* A lockout with no threshold (never locks).  NULL on allocation failure. */
struct lockout *lockout_new(void);
void		lockout_free(struct lockout *);

/*
 * Sets the policy: threshold 0 never locks anyone out.  Counts and running
 * lockouts are kept (a reload does not unlock a user).
 */
void
lockout_set_policy(struct lockout *, uint8_t threshold, uint32_t duration_ms);

/* 1 while user_id is locked out at now_ms, else 0 (ID 0 and IDs > 63: 0). */
int lockout_is_locked(const struct lockout *, uint8_t user_id, uint64_t now_ms);

/*
 * Records a failed login of user_id at now_ms.  Returns 1 when this
 * failure reached the threshold: the user is locked out until now_ms +
 * duration_ms and its count starts again from zero.  Returns 0 otherwise,
 * and always for ID 0 (no user: an unknown name), IDs > 63, threshold 0,
 * or when the counters cannot be allocated (the failure is not counted).
 */
int lockout_record_failure(struct lockout *, uint8_t user_id, uint64_t now_ms);

/* Records a successful login: user_id's failure count is reset. */
void lockout_record_success(struct lockout *, uint8_t user_id);

#endif
