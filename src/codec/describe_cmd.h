/*
 * The describer of command data: the request and response data of an IPMI
 * command, field by field, with names and meanings, as the datagram
 * describer (describe.c) prints everything else.  One declarative field
 * list per command and direction (describe_cmd.c), keyed by netFn, command
 * and, for the group extension netFn 2Ch, the defining body code (PICMG,
 * VSO, DCMI).  SDRs, SEL records and FRU images inside the commands that
 * carry them are handed to the record describers.
 */
#ifndef BMCSIM_DESCRIBE_CMD_H
#define BMCSIM_DESCRIBE_CMD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Prints the data of a request (netFn even) or response (netFn odd; the
 * completion code is not part of data) after indent, offsets counted from
 * base.  A response with a completion code other than 00h carries no
 * fields to describe.  Returns 1 when the command is known and its fields
 * were printed (a short or long data is said on its line, never fatal),
 * 0 when the describer does not know the command (nothing printed).
 */
int describe_cmd_data(FILE *, const char *indent, const uint8_t *base,
    uint8_t netfn, uint8_t cmd, uint8_t cc, const uint8_t *data, size_t n);

/*
 * The name of a command, using the first data byte for netFn 2Ch (the
 * defining body); NULL when the describer does not know it.
 */
const char *
describe_cmd_name(uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t n);

/*
 * The meaning of a command-specific completion code (80h-BEh) of this
 * command, NULL when the specification defines none.
 */
const char *describe_cmd_cc(
    uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t n, uint8_t cc);

/*
 * 1 if the request and the response of the command have a field list
 * (body: the defining body code for netFn 2Ch, else ignored).
 */
int describe_cmd_known(uint8_t netfn, uint8_t cmd, uint8_t body);

#endif
