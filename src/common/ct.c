#define _DEFAULT_SOURCE
#include <stdint.h>
#include <string.h>

#include "ct.h"

int
ct_memeq(const void *a, const void *b, size_t n)
{
	const volatile uint8_t *pa = a, *pb = b;
	uint8_t			diff = 0;
	size_t			i;

	for (i = 0; i < n; i++)
		diff |= pa[i] ^ pb[i];
	/* Maps 0 to 1 and 1..255 to 0 without a branch on the secret. */
	return (int)(1 & (((unsigned)diff - 1) >> 8));
}

void
ct_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		explicit_bzero(p, n);
}
