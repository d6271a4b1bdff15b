/*
 * Loads tests/data/seed_*.txt: named datagrams and intermediate values of a
 * recorded session ("@ c2b NAME", "@ b2c NAME", "@ val NAME", hex lines).
 */
#ifndef BMCSIM_TEST_SEEDTRACE_H
#define BMCSIM_TEST_SEEDTRACE_H

#include <stddef.h>
#include <stdint.h>

#define SEEDTRACE_MAX_RECORDS 96
#define SEEDTRACE_MAX_BYTES   256

struct seed_record {
	char	dir[4]; /* "c2b", "b2c" or "val" */
	char	name[48];
	uint8_t bytes[SEEDTRACE_MAX_BYTES];
	size_t	len;
};

struct seed_trace {
	struct seed_record rec[SEEDTRACE_MAX_RECORDS];
	size_t		   n;
};

/* Loads a file from TEST_DATA_DIR; aborts the test on any error. */
void seedtrace_load(struct seed_trace *, const char *file);
/* The record with this name; aborts the test if there is none. */
const struct seed_record *
seedtrace_get(const struct seed_trace *, const char *name);
/* The n-th record of a direction (0-based), or NULL. */
const struct seed_record *
seedtrace_nth(const struct seed_trace *, const char *dir, size_t n);

#endif
