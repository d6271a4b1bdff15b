/*
 * Session sequence number windows with a duplicate bitmap (IPMI 2.0
 * §6.12.13 and §6.12.14).  A window remembers the highest number accepted
 * and which of the numbers just below it were seen.  It is updated only
 * after the packet's integrity has been checked: seqwin_check() only
 * looks, seqwin_accept() records.
 */
#ifndef BMCSIM_SEQWIN_H
#define BMCSIM_SEQWIN_H

#include <stdint.h>

struct seqwin {
	uint32_t high;	/* highest accepted; 0 = none yet */
	uint32_t seen;	/* bit i: high - 1 - i was accepted */
	uint8_t	 below; /* accept high-below .. */
	uint8_t	 above; /* .. high+above */
	uint8_t	 started;
};

enum seqwin_verdict {
	SEQWIN_OK,
	SEQWIN_DUPLICATE,
	SEQWIN_TOO_OLD,
	SEQWIN_TOO_NEW,
	SEQWIN_ZERO
};

/* RMCP+: below 16, above 15.  IPMI 1.5: 8 and 8 (windows are <= 32). */
void seqwin_init(struct seqwin *, uint8_t below, uint8_t above);
/* Where seq stands; SEQWIN_ZERO when zero is never valid (authenticated). */
enum seqwin_verdict
seqwin_check(const struct seqwin *, uint32_t seq, int zero_forbidden);
/* Records seq (after seqwin_check() said SEQWIN_OK). */
void seqwin_accept(struct seqwin *, uint32_t seq);

#endif
