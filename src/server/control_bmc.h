/*
 * What the BMC resources of the control plane share with other control
 * modules (bulk operations, state): status codes, views, power actions.
 */
#ifndef BMCSIM_CONTROL_BMC_H
#define BMCSIM_CONTROL_BMC_H

#include <jansson.h>
#include <stdint.h>

#include "../model/control.h"

struct control;
struct control_call;
struct instance;

/* The HTTP status a model ERR_* code means (0: 200). */
int control_bmc_status_of(int err);
/* A problem+json answer for a model ERR_* code, what it was doing. */
void control_bmc_fail(struct control_call *, int err, const char *what);
/* {"state":"on|off","pending":...,"restart_cause":N} */
json_t *control_bmc_power_json(const struct bmc_control_state *);
/* The list's view of one BMC: name, listen, state, power. */
json_t *
control_bmc_summary(struct control *, const char *name, struct instance *);
/* "on", "off", "cycle", "reset", "diag", "soft-off": 0 or ERR_NOT_FOUND. */
int control_bmc_power_parse(const char *, enum bmc_control_power *);
/* Applies action to one BMC as Chassis Control would: 0 or ERR_*. */
int control_bmc_power_apply(struct instance *, enum bmc_control_power);

/* A BMC reboot: sessions end, silent for ms.  0 or ERR_*. */
struct daemon;
int control_bmc_reboot(struct daemon *, const char *name, uint64_t ms);

/* 1 if labels "k=v,..." hold every k=v of selector; "" matches all. */
int control_bmc_selector_match(const char *labels, const char *selector);

#endif
