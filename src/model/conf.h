/*
 * The sections of bmcsim.ini(5), one INI engine descriptor (ini.h) each,
 * declared by the area they configure in its own <area>_conf.c, and the
 * registry that lists them (conf.c): the loader reads files against it
 * and the "unknown section" message names what it holds.
 */
#ifndef BMCSIM_CONF_H
#define BMCSIM_CONF_H

#include "ini.h"

extern const struct ini_section identity_conf_section;	/* [identity] */
extern const struct ini_section users_conf_section;	/* [user N] */
extern const struct ini_section channel_conf_section;	/* [channel] */
extern const struct ini_section chassis_conf_section;	/* [chassis] */
extern const struct ini_section lab_conf_section;	/* [lab] */
extern const struct ini_section oem_conf_section;	/* [oem N] */
extern const struct ini_section sensors_conf_section;	/* [sensor N] */
extern const struct ini_section sel_conf_section;	/* [sel] */
extern const struct ini_section sel_conf_event_section; /* [sel_event N] */
extern const struct ini_section fru_conf_section;	/* [fru N] */
extern const struct ini_section lan_conf_section;	/* [lan] */
extern const struct ini_section system_conf_section;	/* [system] */
/* The instance sections, config.c's own. */
extern const struct ini_section config_bmc_section;   /* [bmc NAME] */
extern const struct ini_section config_fleet_section; /* [fleet NAME] */

/* A privilege name from k->min to k->max (users_conf.c). */
ini_key_fn users_conf_priv;

/* Sensor types and event types by name (sensors_conf.c). */
extern const struct ini_name sensors_conf_type_names[];
extern const struct ini_name sensors_conf_event_type_names[];

/* Every section, NULL-terminated, in the order messages list them. */
extern const struct ini_section *const conf_sections[];

#endif
