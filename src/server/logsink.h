/*
 * The daemon's log sink: one line per message on stderr with a UTC
 * timestamp, the level and the BMC's name, e.g.
 *
 *   2026-11-23T09:14:02.311Z info    [rack-07] power on (Chassis Control)
 *
 * Messages a remote peer can cause (everything below error once the
 * daemon runs) pass through a rate limit per level, so a flood of bad
 * packets cannot flood the log; what was held back is counted and said.
 */
#ifndef BMCSIM_LOGSINK_H
#define BMCSIM_LOGSINK_H

/* Installs the sink (log_set_sink) for the rest of the process. */
void logsink_install(void);

/*
 * Turns the rate limit on (after start-up, whose messages all matter) or
 * off.
 */
void logsink_limit(int on);

#endif
