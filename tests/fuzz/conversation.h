/*
 * A console and a BMC in one process, for the harnesses that fuzz what the
 * client side parses from an untrusted peer: the initiator logs in to a
 * responder (fixed seed, password "password", every suite and IPMI 1.5
 * type enabled), sends a few requests and closes the session, while the
 * fuzz input decides how each datagram on its way to the console is
 * damaged (kept, truncated, a byte changed, replaced by fuzz bytes,
 * dropped).  Every datagram, as delivered, also goes to an observer.  So
 * the corpus need not forge HMACs to reach the initiator's in-session
 * paths: the real BMC computes them, the fuzzer only breaks them.
 */
#ifndef BMCSIM_FUZZ_CONVERSATION_H
#define BMCSIM_FUZZ_CONVERSATION_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

/* Sees each datagram: to_console 1 for the BMC's, 0 for the console's. */
typedef void
conversation_observe_fn(void *, int to_console, const uint8_t *, size_t);

/*
 * Runs one conversation whose protocol, suite and damage come from the
 * fuzz input in rd (consumed as it goes; an exhausted input delivers
 * everything intact).  Aborts on a broken contract (a reply longer than
 * its buffer, an initiator result outside the enum).
 */
void conversation_run(struct rd *, conversation_observe_fn *, void *arg);

#endif
