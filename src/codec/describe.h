/*
 * The describer: prints any datagram of this protocol field by field, with
 * the byte offsets, raw bytes, names and meanings.  It is the basis of the
 * teaching trace, the decode command and packet-level logs.  It is
 * stateless: an encrypted payload is shown as such, and the length of an
 * RMCP+ auth code is inferred from the trailer layout.
 */
#ifndef BMCSIM_DESCRIBE_H
#define BMCSIM_DESCRIBE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Prints a description of the datagram to fp, every line after indent.
 * Never fails: malformed input is described up to where it breaks, with
 * what is wrong.  Returns 0 if the datagram decoded completely, else the
 * ERR_* code of the first problem.
 */
int describe_datagram(FILE *, const char *indent, const uint8_t *, size_t);

/*
 * Prints an IPMI LAN message (request or response, told apart by the netFn
 * parity) field by field.  Same return as describe_datagram().
 */
int describe_ipmi_msg(FILE *, const char *indent, const uint8_t *, size_t);

/* A one-line summary for packet logs, into buf; returns buf. */
char *describe_summary(char *buf, size_t cap, const uint8_t *, size_t);

/*
 * Prints an SNMPv1 trap field by field, OIDs in dotted form, and the
 * Platform Event Trap data when it carries one.  0, or the decoder's
 * error (said on fp too).
 */
int describe_snmp_trap(FILE *, const char *indent, const uint8_t *, size_t);

/*
 * Stored records (describe_records.c), field by field like the datagrams:
 * one SDR (header and body; IPMI 2.0 §43), one SEL record (16 bytes;
 * §32), or a FRU image (common header, the areas it points to and the
 * multi-records; FRU Information Storage Definition v1.0).  Never fail:
 * malformed input is described up to where it breaks.  0 if the record
 * decodes (the codec's decoder agrees), else the ERR_* code of the first
 * problem; ERR_UNSUPPORTED for an SDR type not described.
 */
int describe_sdr_record(FILE *, const char *indent, const uint8_t *, size_t);
int describe_sel_record(FILE *, const char *indent, const uint8_t *, size_t);
int describe_fru_image(FILE *, const char *indent, const uint8_t *, size_t);

#endif
