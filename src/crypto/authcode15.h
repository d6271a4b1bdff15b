/*
 * IPMI 1.5 auth codes (IPMI 2.0 §22.17.1, table 22-22, and §13.6):
 * - none: 16 zero bytes (the field is then absent from the wrapper);
 * - straight password: the 16-byte password;
 * - MD2, MD5: H(password | session ID | message | session seq | password),
 *   password padded with zeros to 16 bytes, ID and seq little-endian.
 */
#ifndef BMCSIM_AUTHCODE15_H
#define BMCSIM_AUTHCODE15_H

#include <stddef.h>
#include <stdint.h>

#define AUTHCODE15_PASSWORD_LEN 16
#define AUTHCODE15_LEN		16

/* 0, ERR_UNSUPPORTED (OEM or unknown type) or ERR_CRYPTO. */
int authcode15_compute(uint8_t authtype,
    const uint8_t password[AUTHCODE15_PASSWORD_LEN], uint32_t session_id,
    const uint8_t *msg, size_t msg_len, uint32_t seq,
    uint8_t out[AUTHCODE15_LEN]);

/* Computes and compares in constant time: 0 or ERR_INTEGRITY. */
int authcode15_verify(uint8_t authtype,
    const uint8_t password[AUTHCODE15_PASSWORD_LEN], uint32_t session_id,
    const uint8_t *msg, size_t msg_len, uint32_t seq,
    const uint8_t expected[AUTHCODE15_LEN]);

#endif
