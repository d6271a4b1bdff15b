/*
 * One error-code space for the whole project.  Functions return 0 on
 * success or one of these negative values; err_str() names them.
 */
#ifndef BMCSIM_ERR_H
#define BMCSIM_ERR_H

enum {
	ERR_TRUNCATED = -1,    /* input shorter than its format */
	ERR_TRAILING = -2,     /* bytes left over after a complete record */
	ERR_NOSPACE = -3,      /* output buffer too small */
	ERR_FORMAT = -4,       /* a field holds a value the format forbids */
	ERR_CHECKSUM = -5,     /* an IPMI message checksum is wrong */
	ERR_INTEGRITY = -6,    /* an auth code or integrity value is wrong */
	ERR_PAD = -7,	       /* a confidentiality or integrity pad is wrong */
	ERR_UNSUPPORTED = -8,  /* valid, but not implemented here */
	ERR_INVALID_ARG = -9,  /* the caller passed something impossible */
	ERR_CRYPTO = -10,      /* the crypto backend failed */
	ERR_NOMEM = -11,       /* out of memory */
	ERR_WRONG_STATE = -12, /* not allowed in the present state */
	ERR_NOT_FOUND = -13,   /* no such user, session or entry */
	ERR_SYSTEM = -14,      /* a system call failed; see errno */
	ERR_CONFIG = -15,      /* the configuration is invalid */
	ERR_REFUSED = -16, /* the peer refused (status or completion code) */
	ERR_TIMEOUT = -17, /* the peer did not answer in time */
	ERR_LAST = -17
};

/* Returns a static description of an error code; never NULL. */
const char *err_str(int);

#endif
