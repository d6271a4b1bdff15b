/*
 * FNV-1a, 32 bits: a fast, stable hash for telling data apart (retried
 * requests, model-derived values).  Not for secrets.
 */
#ifndef BMCSIM_FNV_H
#define BMCSIM_FNV_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A32_INIT 2166136261u

/* Continues hash h over n bytes at p; start with FNV1A32_INIT. */
uint32_t fnv1a32(uint32_t h, const void *p, size_t n);

#endif
