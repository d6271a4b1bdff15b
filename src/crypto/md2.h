/*
 * MD2 (RFC 1319), which OpenSSL 3 no longer provides, for the IPMI 1.5 MD2
 * auth type.
 */
#ifndef BMCSIM_MD2_H
#define BMCSIM_MD2_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

#define MD2_DIGEST_LEN 16

void
md2_digest(const struct crypto_iov *, size_t n, uint8_t out[MD2_DIGEST_LEN]);

#endif
