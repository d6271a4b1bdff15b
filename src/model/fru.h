/*
 * FRU information in the Platform Management FRU Information Storage
 * Definition 1.0 format, built from a model's [fru N] fields (fru.c).
 */
#ifndef BMCSIM_FRU_H
#define BMCSIM_FRU_H

#include <stddef.h>

#include "model.h"

/*
 * The image of f for the instance index named name ("{index}" and
 * "{name}" in its strings replaced): a common header, the chassis, board
 * and product info areas that have fields, a Power Supply Information
 * multi-record, each with its checksum; or f's image as it is.  The
 * length written to out, or 0 if cap is too small.
 */
size_t fru_image_build(const struct model_fru *f, unsigned index,
    const char *name, uint8_t *out, size_t cap);

#endif
