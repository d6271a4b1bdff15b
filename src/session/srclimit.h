/*
 * A budget per source: token buckets keyed by a peer's address, for the
 * replies a BMC sends to anyone who asks (IPMI 2.0 §13.2 leaves them
 * unauthenticated), so a BMC cannot be made to reflect a flood at a
 * spoofed victim.  Sans I/O: time is an argument.
 *
 * A small table of buckets, indexed by a salted hash of the key.  A new
 * source takes a slot whose bucket has refilled (its owner has been quiet
 * for a whole burst); while the slot's owner is busy, newcomers that hash
 * there share one overflow bucket.  So a busy source keeps its own budget,
 * and a spoofer cannot reset a victim's bucket by sending from many
 * addresses: those only ever drain the overflow bucket.
 */
#ifndef BMCSIM_SRCLIMIT_H
#define BMCSIM_SRCLIMIT_H

#include <stddef.h>
#include <stdint.h>

#define SRCLIMIT_KEY_MAX 20 /* longest key (address and family) */
#define SRCLIMIT_SLOTS	 16 /* buckets per table, a power of two */

struct srclimit;

/* A table with the given hash salt and no limit.  NULL without memory. */
struct srclimit *srclimit_new(uint32_t salt);
void		 srclimit_free(struct srclimit *);

/*
 * Sets the budget: burst replies at once, refilled at rate a second.
 * rate 0: no limit.  Buckets keep their level.
 */
void srclimit_set_policy(struct srclimit *, uint32_t rate, uint32_t burst);

/*
 * Takes one token from the bucket of the source key (at most
 * SRCLIMIT_KEY_MAX bytes; longer keys are cut) at now_ms.  Returns 1 when
 * there was one, 0 when the source is over its budget.
 */
int srclimit_allow(
    struct srclimit *, const uint8_t *key, size_t keylen, uint64_t now_ms);

#endif
