/* The system random source: OpenSSL's CSPRNG. */
#include <openssl/rand.h>

#include "err.h"
#include "rng.h"

int
rng_system_bytes(void *buf, size_t n)
{
	if (n == 0)
		return 0;
	if (n > (size_t)INT32_MAX || RAND_bytes(buf, (int)n) != 1)
		return ERR_CRYPTO;
	return 0;
}
