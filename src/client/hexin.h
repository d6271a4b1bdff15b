/*
 * Datagrams typed or pasted as hex text, for the decode command.
 *
 * The text holds one or more records.  Bytes are hex digit pairs with any
 * white space, commas, colons or 0x prefixes between them (as in the dumps
 * of ipmitool -vvvv); '#' starts a comment.  A record ends at a blank line
 * or at a line starting with '@', which opens a named record:
 *
 *	@ c2b NAME	a datagram the console sent
 *	@ b2c NAME	a datagram the BMC sent
 *	@ val NAME	an intermediate value: skipped, not a datagram
 *
 * (the format of tests/data/seed_002_rmcpp_session.txt).
 */
#ifndef BMCSIM_HEXIN_H
#define BMCSIM_HEXIN_H

#include <stddef.h>
#include <stdint.h>

#define HEXIN_NAME_MAX 64
#define HEXIN_LINE_MAX 4096

enum hexin_dir { HEXIN_DIR_UNKNOWN, HEXIN_DIR_C2B, HEXIN_DIR_B2C };

struct hexin {
	const char *text;
	size_t	    len;
	size_t	    off;
	unsigned    line; /* of the last line read, from 1 */
};

struct hexin_record {
	enum hexin_dir dir;
	char	       name[HEXIN_NAME_MAX];
	unsigned       line; /* where the record starts */
	size_t	       len;
};

void hexin_init(struct hexin *, const char *, size_t);

/*
 * Reads the next datagram record into buf.  Returns 1 with a record, 0 at
 * the end of the text, ERR_FORMAT for a line that is not hex (h->line
 * says which), ERR_NOSPACE when a record exceeds cap.
 */
int hexin_next(struct hexin *, uint8_t *buf, size_t cap, struct hexin_record *);

#endif
