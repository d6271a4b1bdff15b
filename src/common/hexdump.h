/*
 * Hex dumps in the layout the IPMI tools use (16 bytes a line), and the
 * inverse: parsing hex text with any white space, as pasted from a dump.
 */
#ifndef BMCSIM_HEXDUMP_H
#define BMCSIM_HEXDUMP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Writes n bytes as lines of 16 " xx" groups, each line after indent. */
void hexdump_fp(FILE *, const char *indent, const void *, size_t);

/* Writes n bytes as "xx xx ..." on one line (no newline). */
void hexdump_inline_fp(FILE *, const void *, size_t);

/*
 * Parses hex digit pairs separated by optional white space, commas, colons
 * or "0x" prefixes.  Returns 0 and the byte count in *outlen, ERR_FORMAT on
 * a stray character or an odd digit, ERR_NOSPACE when cap is too small.
 */
int hexdump_parse(const char *, uint8_t *, size_t cap, size_t *outlen);
/* The value of one hex digit, or -1. */
int hexdump_digit(int);

#endif
