#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "log.h"
#include "logsink.h"

/* Per level: messages per second before the rest is held back. */
static const uint32_t logsink_burst[] = {
    [LOG_LEVEL_ERROR] = 20,
    [LOG_LEVEL_INFO] = 50,
    [LOG_LEVEL_SESSION] = 100,
    [LOG_LEVEL_PACKET] = 2000,
    [LOG_LEVEL_TRACE] = 200,
};

static struct log_ratelimit logsink_rl[LOG_LEVEL_TRACE + 1];
static int		    logsink_limited;

static uint64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
print_line(enum log_level level, const char *origin, const char *msg)
{
	struct timespec ts;
	struct tm	tm;
	char		stamp[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	if (origin != NULL)
		fprintf(stderr, "%s.%03ldZ %-7s [%s] %s\n", stamp,
		    ts.tv_nsec / 1000000, log_level_name(level), origin, msg);
	else
		fprintf(stderr, "%s.%03ldZ %-7s %s\n", stamp,
		    ts.tv_nsec / 1000000, log_level_name(level), msg);
}

static void
logsink_cb(void *arg, enum log_level level, const char *origin,
    const char *func, const char *msg)
{
	uint32_t suppressed = 0;
	char	 note[96];

	(void)arg;
	(void)func;
	if (logsink_limited && (unsigned)level <= LOG_LEVEL_TRACE) {
		int allow = log_ratelimit_allow(&logsink_rl[level],
		    monotonic_ms(), logsink_burst[level], 1000, &suppressed);

		if (suppressed > 0) {
			snprintf(note, sizeof(note),
			    "%u %s message(s) held back by the rate limit",
			    suppressed, log_level_name(level));
			print_line(level, NULL, note);
		}
		if (!allow)
			return;
	}
	print_line(level, origin, msg);
}

void
logsink_install(void)
{
	/* Whole lines, even when stderr is a pipe to a container runtime. */
	setvbuf(stderr, NULL, _IOLBF, 0);
	log_set_sink(logsink_cb, NULL);
}

void
logsink_limit(int on)
{
	logsink_limited = on;
}
