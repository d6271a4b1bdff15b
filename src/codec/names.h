/*
 * Names for protocol numbers, for logs, the describer and the client.
 * Every function returns a static string, never NULL ("unknown" or a
 * generic class name for values without a name).
 */
#ifndef BMCSIM_NAMES_H
#define BMCSIM_NAMES_H

#include <stdint.h>

const char *names_cc(uint8_t); /* generic completion codes */
const char *names_rmcpp_status(uint8_t);
const char *names_netfn(uint8_t); /* request or response */
const char *names_cmd(uint8_t netfn, uint8_t cmd);
const char *names_priv(uint8_t);
const char *names_authtype(uint8_t); /* IPMI 1.5 auth types, 06h */
const char *names_payload_type(uint8_t);
const char *names_auth_alg(uint8_t);
const char *names_integ_alg(uint8_t);
const char *names_conf_alg(uint8_t);
/* Sensor types (IPMI 2.0 table 42-3), lower case; C0h-FFh "OEM". */
const char *names_sensor_type(uint8_t);

#endif
