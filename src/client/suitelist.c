/*
 * Get Channel Cipher Suites records.  With bit 7 of the list index set
 * ("list algorithms by cipher suite"), the BMC returns, 16 bytes per
 * response, a stream of records: C0h, the suite ID, then one byte per
 * algorithm tagged in its top two bits (00b authentication, 01b integrity,
 * 10b confidentiality).  OEM records start with C1h and carry the IANA
 * number after the ID (IPMI 2.0 §22.15.1, table 22-19).
 */

#include <string.h>

#include "cursor.h"
#include "err.h"
#include "suite.h"
#include "suitelist.h"

#define SUITELIST_TAG_MASK  0xc0
#define SUITELIST_TAG_AUTH  0x00
#define SUITELIST_TAG_INTEG 0x40
#define SUITELIST_TAG_CONF  0x80
#define SUITELIST_ALG_MASK  0x3f

int
suitelist_parse(const uint8_t *p, size_t n, struct suitelist *l)
{
	struct suitelist_entry *e = NULL;
	struct rd		r;
	uint8_t			b, i1, i2, i3;

	memset(l, 0, sizeof(*l));
	rd_init(&r, p, n);
	while (rd_u8(&r, &b) == 0) {
		if (b == SUITELIST_START || b == SUITELIST_START_OEM) {
			if (l->count == SUITELIST_MAX)
				return ERR_NOSPACE;
			e = &l->entry[l->count];
			if (rd_u8(&r, &e->id) != 0)
				return ERR_TRUNCATED;
			if (b == SUITELIST_START_OEM) {
				if (rd_u8(&r, &i1) != 0 ||
				    rd_u8(&r, &i2) != 0 || rd_u8(&r, &i3) != 0)
					return ERR_TRUNCATED;
				e->oem = 1;
				e->iana = (uint32_t)i1 | (uint32_t)i2 << 8 |
				    (uint32_t)i3 << 16;
			}
			l->count++;
			continue;
		}
		/* An algorithm byte before any record start is garbage. */
		if (e == NULL)
			return ERR_FORMAT;
		switch (b & SUITELIST_TAG_MASK) {
		case SUITELIST_TAG_AUTH:
			if (e->n_auth++ == 0)
				e->auth_alg = b & SUITELIST_ALG_MASK;
			break;
		case SUITELIST_TAG_INTEG:
			if (e->n_integ++ == 0)
				e->integ_alg = b & SUITELIST_ALG_MASK;
			break;
		case SUITELIST_TAG_CONF:
			if (e->n_conf++ == 0)
				e->conf_alg = b & SUITELIST_ALG_MASK;
			break;
		default:
			return ERR_FORMAT;
		}
	}
	return 0;
}

int
suitelist_has(const struct suitelist *l, uint8_t id)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (!l->entry[i].oem && l->entry[i].id == id)
			return 1;
	return 0;
}

int
suitelist_best(const struct suitelist *l)
{
	/*
	 * Encrypted suites first, then by integrity strength; suite 0 (no
	 * authentication at all) only when it is all the BMC offers.
	 */
	static const uint8_t pref[] = {17, 3, 8, 12, 16, 2, 7, 11, 15, 1, 6, 0};
	const struct suite  *s;
	size_t		     i;

	for (i = 0; i < sizeof(pref); i++) {
		s = suite_by_id(pref[i]);
		if (s != NULL && s->implemented && suitelist_has(l, pref[i]))
			return pref[i];
	}
	return -1;
}
