/*
 * The sections of bmcsim.ini(5): one line each.  A new area declares its
 * section in its own <area>_conf.c and adds it here.
 */
#include <stddef.h>

#include "conf.h"

const struct ini_section *const conf_sections[] = {
    &identity_conf_section,
    &users_conf_section,
    &channel_conf_section,
    &chassis_conf_section,
    &lab_conf_section,
    &quirks_conf_section,
    &fault_conf_section,
    &oem_conf_section,
    &sensors_conf_section,
    &sel_conf_section,
    &sel_conf_event_section,
    &fru_conf_section,
    &lan_conf_section,
    &pef_conf_section,
    &pef_conf_filter_section,
    &pef_conf_policy_section,
    &pef_conf_dest_section,
    &system_conf_section,
    &instance_conf_bmc_section,
    &instance_conf_fleet_section,
    NULL,
};
