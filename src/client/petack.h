/*
 * The PET Acknowledge (IPMI 2.0 §30.8) a trap receiver sends back for a
 * Platform Event Trap: its fields taken from the trap, in the sessionless
 * IPMI 1.5 wrapper FreeIPMI's ipmi-pet uses (authentication none, session
 * 0), ready to send to the BMC.  No I/O.
 */
#ifndef BMCSIM_PETACK_H
#define BMCSIM_PETACK_H

#include <stddef.h>
#include <stdint.h>

#define PETACK_DATA_LEN 12

/*
 * The 12 request bytes for a PET (the varbind's octet string): sequence
 * number, local timestamp, event source type, sensor device, sensor
 * number, event data 1-3, multi-byte fields least significant first.
 * 0, or the decoder's error (ERR_TRUNCATED, ERR_FORMAT).
 */
int petack_data(const uint8_t *pet, size_t len, uint8_t out[PETACK_DATA_LEN]);

/*
 * The whole datagram (RMCP, IPMI 1.5 session wrapper, the request with
 * rqSeq seq) acknowledging the SNMPv1 trap trap: 0 with *outlen, or
 * ERR_FORMAT (not a PET), ERR_NOSPACE.
 */
int petack_encode(const uint8_t *trap, size_t len, uint8_t seq, uint8_t *out,
    size_t cap, size_t *outlen);

#endif
