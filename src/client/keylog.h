/*
 * The journal's key log (written by bmcsimd's journal export, read by
 * bmcsim decode --keylog): one line per RMCP+ session,
 *
 *	RMCPP bmc_sid=<8 hex> console_sid=<8 hex> suite=<dec> sik=<hex>
 *	    k1=<hex> k2=<hex>
 *
 * session IDs as 32-bit numbers (most significant digit first), keys as
 * bytes in hex; '#' starts a comment.  With it a capture is decrypted and
 * its integrity checked without the password.
 */
#ifndef BMCSIM_KEYLOG_H
#define BMCSIM_KEYLOG_H

#include <stddef.h>
#include <stdint.h>

#define KEYLOG_KEY_MAX 32 /* SHA-256 */

struct keylog_entry {
	uint32_t bmc_sid;
	uint32_t console_sid;
	uint8_t	 suite;
	size_t	 key_len; /* of each of SIK, K1, K2 */
	uint8_t	 sik[KEYLOG_KEY_MAX];
	uint8_t	 k1[KEYLOG_KEY_MAX];
	uint8_t	 k2[KEYLOG_KEY_MAX];
};

/*
 * Parses one line.  Returns 1 with *e filled, 0 for a blank or comment
 * line, ERR_FORMAT for anything else (a missing or repeated field, keys
 * of different lengths, a suite above 255).
 */
int keylog_parse_line(const char *, struct keylog_entry *);

#endif
