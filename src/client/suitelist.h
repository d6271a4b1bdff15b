/*
 * The cipher suite records of Get Channel Cipher Suites (IPMI 2.0 §22.15,
 * table 22-18 and 22-19), and the choice of the suite a console proposes
 * when the user gave none.
 */
#ifndef BMCSIM_SUITELIST_H
#define BMCSIM_SUITELIST_H

#include <stddef.h>
#include <stdint.h>

#define SUITELIST_MAX	    64	 /* records the BMC may list */
#define SUITELIST_START	    0xc0 /* standard record */
#define SUITELIST_START_OEM 0xc1 /* OEM record: 3 IANA bytes follow the ID */

struct suitelist_entry {
	uint8_t	 id;
	uint8_t	 oem;
	uint32_t iana; /* OEM records */
	uint8_t	 auth_alg;
	uint8_t	 integ_alg;
	uint8_t	 conf_alg;
	uint8_t	 n_auth, n_integ, n_conf; /* how many of each were listed */
};

struct suitelist {
	size_t		       count;
	struct suitelist_entry entry[SUITELIST_MAX];
};

/*
 * Parses the concatenated record data of every response (the channel byte
 * of each response removed).  Returns 0, ERR_FORMAT for a byte that is
 * neither a start of record nor an algorithm tag where one is expected,
 * ERR_TRUNCATED for a record cut short, ERR_NOSPACE for more than
 * SUITELIST_MAX records.
 */
int suitelist_parse(const uint8_t *, size_t, struct suitelist *);

/* 1 if the standard suite id is listed. */
int suitelist_has(const struct suitelist *, uint8_t id);

/*
 * The best listed suite that this build implements, by our preference
 * (17, 3, 8, 12, 16, 2, 7, 11, 15, 1, 6, 0), or -1 if none is.
 */
int suitelist_best(const struct suitelist *);

#endif
