/*
 * The configuration-parameter protocol that IPMI 2.0 uses for four sets
 * of parameters: LAN (§23.1-23.2), SOL (§26.2-26.3), system info
 * (§22.14a-b) and system boot options (§28.12-28.13).  Each Get answers
 * a parameter revision first and may ask for nothing else; parameter 0 is
 * "set in progress" (00b set complete, 01b set in progress, 10b commit
 * write); a Set names a parameter the BMC may not have (80h), may not
 * let be written (82h), or may refuse while another set is in progress
 * (81h).  The areas keep their parameters; this is what they share.
 */
#ifndef BMCSIM_CONFPARAM_H
#define BMCSIM_CONFPARAM_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

/* Completion codes shared by the four commands (e.g. table 23-2). */
#define CONFPARAM_CC_NOT_SUPPORTED   0x80
#define CONFPARAM_CC_SET_IN_PROGRESS 0x81
#define CONFPARAM_CC_READ_ONLY	     0x82

/* Get byte 1, bit 7: "get parameter revision only". */
#define CONFPARAM_REVISION_ONLY 0x80

/* Parameter 0, bits 1:0. */
#define CONFPARAM_SET_COMPLETE	  0x00
#define CONFPARAM_SET_IN_PROGRESS 0x01
#define CONFPARAM_COMMIT_WRITE	  0x02

/*
 * A commit write leaves the state as it was (boot options: writes take
 * effect at once, so there is nothing to commit) instead of ending the
 * set (LAN, SOL, system info).
 */
#define CONFPARAM_COMMIT_KEEPS 0x01

/* How a Set writes one parameter. */
struct confparam_desc {
	uint8_t param;
	uint8_t len;	   /* data bytes after the selector */
	uint8_t read_only; /* 1: a Set answers 82h */
};

/*
 * A Set of param with len data bytes, checked against the table: 0,
 * CONFPARAM_CC_NOT_SUPPORTED (not in the table), CONFPARAM_CC_READ_ONLY,
 * or IPMI_CC_REQ_DATA_LEN_INVALID (len is not the parameter's).
 */
uint8_t confparam_set_check(
    const struct confparam_desc *, size_t n, uint8_t param, size_t len);

/*
 * Parameter 0 written with value (bits 1:0 count) over *state: 0 and
 * *state updated, IPMI_CC_INVALID_DATA_FIELD (11b is reserved), or
 * CONFPARAM_CC_SET_IN_PROGRESS (a set is already in progress).  flags:
 * CONFPARAM_COMMIT_KEEPS or 0.
 */
uint8_t
confparam_set_in_progress(uint8_t *state, uint8_t value, unsigned flags);

/*
 * The start of a Get response: the parameter revision.  1 when byte1
 * (the channel or flags byte) asks for the revision only, and the
 * response is complete; else 0, and the caller writes the parameter.
 */
int confparam_get_revision(struct wr *out, uint8_t revision, uint8_t byte1);

#endif
