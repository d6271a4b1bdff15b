/*
 * The areas of a simulated BMC: one line each (struct bmc_area in
 * bmc_impl.h).  The order is the order of init, tick and events.
 */
#include <stddef.h>

#include "bmc_impl.h"

const struct bmc_area *const bmc_areas[] = {
    /* First: the power state the sensors and others start from. */
    &bmc_area_chassis,
    &bmc_area_users,
    &bmc_area_channel,
    &bmc_area_mc,
    &bmc_area_bridge,
    &bmc_area_sel, /* before the others: they log events from the start */
    &bmc_area_sensors,
    &bmc_area_dcmi,
    &bmc_area_sol,
    &bmc_area_payload,
    &bmc_area_fru,
    &bmc_area_lan,
    &bmc_area_pef, /* after the SEL: alerts name its record IDs */
    &bmc_area_watchdog,
    &bmc_area_sysinfo,
    &bmc_area_chankeys,
    NULL,
};
