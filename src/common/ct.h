/*
 * Secrets: comparison in constant time and wiping that the compiler may
 * not optimise away.
 */
#ifndef BMCSIM_CT_H
#define BMCSIM_CT_H

#include <stddef.h>

/* Returns 1 if the n bytes are equal, else 0, in time independent of data. */
int ct_memeq(const void *, const void *, size_t);

/* Overwrites n bytes with zeros; never elided. */
void ct_wipe(void *, size_t);

#endif
