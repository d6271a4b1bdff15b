/*
 * /metrics: the daemon's counters in the Prometheus text exposition
 * format (version 0.0.4).  Label sets are bounded: the default scrape sums
 * every BMC (no per-BMC label, so 10,000 BMCs make no more series than
 * one); ?bmc=NAME adds that BMC's own series under a bmc label.  Requests
 * by command and answers by completion code come from the journal's
 * counters (absent with --journal-size 0).
 */
#ifndef BMCSIM_METRICS_H
#define BMCSIM_METRICS_H

struct daemon;
struct evbuffer;

/* Appends the exposition to out; bmc_or_null names one BMC's detail. */
void
metrics_render(struct daemon *, const char *bmc_or_null, struct evbuffer *out);

/*
 * Event-loop lag is measured by a timer that should fire every 100 ms:
 * started on the first scrape, stopped (and freed) by metrics_stop().
 */
void metrics_stop(void);

#endif
