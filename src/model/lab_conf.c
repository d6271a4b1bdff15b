/*
 * [lab] of bmcsim.ini(5): what only a test bench wants, each named so
 * that nobody turns it on by accident (a seeded RNG, cipher suite 0,
 * anonymous login).
 */
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "model.h"

static int
lab_conf_rng_seed(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_lab *lab = target;
	uint64_t	  n;

	if (ini_number_parse(v, &n) != 0) {
		ini_bad_value(f, k, v, "expected an integer from 0 to %llu",
		    (unsigned long long)UINT64_MAX);
		return -1;
	}
	lab->rng_seed = n;
	lab->rng_seeded = 1;
	return 0;
}

static const struct ini_key lab_conf_keys[] = {
    {.name = "rng_seed", .parse = lab_conf_rng_seed},
    {.name = "allow_cipher_0",
	.parse = ini_type_bool,
	.off = offsetof(struct model_lab, allow_cipher_0)},
    {.name = "allow_anonymous",
	.parse = ini_type_bool,
	.off = offsetof(struct model_lab, allow_anonymous)},
    {.name = NULL},
};

static void *
lab_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	(void)f;
	(void)n;
	(void)a;
	return &((struct model *)root)->lab;
}

const struct ini_section lab_conf_section = {
    .name = "lab",
    .arg = INI_ARG_NONE,
    .keys = lab_conf_keys,
    .begin_cb = lab_conf_begin,
};
