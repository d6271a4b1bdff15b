/*
 * The areas of a simulated BMC beyond the chassis, users and channel: one
 * line each (struct bmc_area in bmc_impl.h).
 */
#include <stddef.h>

#include "bmc_impl.h"

const struct bmc_area *const bmc_areas[] = {
    &bmc_area_sel, /* first: the others log events from the start */
    &bmc_area_sensors,
    &bmc_area_dcmi,
    &bmc_area_sol,
    &bmc_area_fru,
    &bmc_area_lan,
    &bmc_area_watchdog,
    &bmc_area_sysinfo,
    NULL,
};
