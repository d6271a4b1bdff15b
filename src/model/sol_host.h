/*
 * The simulated host behind a BMC's serial console (the [sol] backend
 * "simulated"): what a test sees through SOL.  It follows the chassis:
 * power on prints a firmware banner with the BMC's name and a boot that
 * honours the boot device (PXE attempt, disk, BIOS setup), then a login
 * prompt and a small line shell whose "poweroff" and "reboot" act through
 * the chassis.  Deterministic: the same input at the same times prints
 * the same text.  Sans I/O: text leaves through the emit callback, time
 * comes in with every call.
 */
#ifndef BMCSIM_SOL_HOST_H
#define BMCSIM_SOL_HOST_H

#include <stddef.h>
#include <stdint.h>

struct sol_host;

/* What the host asks of the chassis. */
enum sol_host_action {
	SOL_HOST_NONE = 0,
	SOL_HOST_POWER_OFF, /* "poweroff": the OS halted */
	SOL_HOST_REBOOT	    /* "reboot": a warm reset */
};

typedef void sol_host_emit_fn(void *arg, const uint8_t *, size_t);
/* How many bytes emit() can take now (a serial line has flow control). */
typedef size_t sol_host_room_fn(void *arg);

/*
 * A host named name (copied; its hostname), printing through emit(arg),
 * long output ("seq N") paced by room(arg).
 * on: the power is on, and the host is taken as booted (at its login
 * prompt).  NULL if out of memory.
 */
struct sol_host *sol_host_new(const char *name, int on, sol_host_emit_fn *emit,
    sol_host_room_fn *room, void *arg);
void		 sol_host_free(struct sol_host *);

/*
 * Power on or reset at now_ms, from the boot device selector of the boot
 * flags (IPMI 2.0 §28.13 parameter 5, data 2 bits 5:2; 0: the default,
 * the disk).
 */
void sol_host_boot(struct sol_host *, uint64_t now_ms, uint8_t bootdev);
/* Power off: the host stops where it is. */
void sol_host_off(struct sol_host *);
int  sol_host_running(const struct sol_host *);

/* Keystrokes from the console. */
void
sol_host_input(struct sol_host *, uint64_t now_ms, const uint8_t *, size_t);
/* A serial break: the shell drops the line being typed. */
void sol_host_break(struct sol_host *);

/* The next boot step, UINT64_MAX: none. */
uint64_t sol_host_deadline(const struct sol_host *);
/* Runs the steps due; returns what the chassis should do. */
enum sol_host_action sol_host_tick(struct sol_host *, uint64_t now_ms);

#endif
