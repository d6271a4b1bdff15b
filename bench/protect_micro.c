/*
 * The per-packet cost of AES-CBC-128 protection with the session's key
 * made ready once (protect_keys_prepare) against keyed per packet: N
 * encrypt + decrypt pairs of a 32-byte payload (a Get Device ID reply's
 * size), in process CPU time, so the figure holds on a loaded machine.
 *
 *   protect_micro [N]     (built and run by hand; see bench/RESULTS.md)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hash.h"
#include "protect.h"
#include "rng.h"

static double
cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
run(struct protect_keys *k, struct rng *rng, long n)
{
	uint8_t plain[32], sealed[96], out[96];
	size_t	slen, olen;
	double	t0 = cpu_s();
	long	i;

	memset(plain, 0x5a, sizeof(plain));
	for (i = 0; i < n; i++)
		if (protect_encrypt(k, rng, plain, sizeof(plain), sealed,
			sizeof(sealed), &slen) != 0 ||
		    protect_decrypt(k, sealed, slen, out, sizeof(out), &olen) !=
			0 ||
		    olen != sizeof(plain)) {
			fprintf(stderr, "failed\n");
			exit(1);
		}
	return (cpu_s() - t0) / (double)n * 1e9;
}

int
main(int argc, char **argv)
{
	struct protect_keys k;
	struct rng	   *rng;
	long		    n = argc > 1 ? atol(argv[1]) : 200000;
	double		    each, ready;

	crypto_init();
	rng = rng_new_seeded(1);
	memset(&k, 0, sizeof(k));
	k.conf_alg = CONF_ALG_AES_CBC_128;
	k.integ_alg = INTEG_ALG_HMAC_SHA1_96;
	memset(k.k2, 0x42, sizeof(k.k2));
	each = run(&k, rng, n);
	protect_keys_prepare(&k);
	ready = run(&k, rng, n);
	protect_keys_release(&k);
	printf("encrypt + decrypt, 32 bytes: keyed per packet %.0f ns, key "
	       "made ready once %.0f ns (%.1fx)\n",
	    each, ready, each / ready);
	rng_free(rng);
	return 0;
}
