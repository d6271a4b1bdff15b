#include "fnv.h"

uint32_t
fnv1a32(uint32_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t	       i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}
